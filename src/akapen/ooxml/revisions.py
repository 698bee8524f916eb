"""Tracked changes: ``w:ins``, ``w:del`` with ``w:delText``, inserted/deleted paragraph marks.

Facts this module relies on (DESIGN.md, checked with LibreOffice): deleted text must be ``w:delText``
(a ``w:t`` inside ``w:del`` makes Word refuse the file); an inserted or deleted paragraph needs its mark
revision as the FIRST child of ``w:pPr/w:rPr``; ``w:id`` and ``w:author`` are required.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple

from lxml import etree

from akapen.ooxml.ns import qn
from akapen.ooxml.runs import run
from akapen.ooxml.tree import detach, unwrap

MarkOp = Literal["insert", "delete"]

_PPR, _RPR = qn("w:pPr"), qn("w:rPr")
_TAG: dict[MarkOp, str] = {"insert": qn("w:ins"), "delete": qn("w:del")}
# w:pPr children that must come after w:rPr (schema order).
_AFTER_RPR = {qn("w:sectPr"), qn("w:pPrChange")}
# What a w:ins may hold (CT_RunTrackChange): runs, some run-level containers, range markers. Not
# hyperlinks or simple fields: their runs are wrapped inside them instead.
INS_CONTENT = frozenset(
    qn(f"w:{t}")
    for t in (
        "r",
        "sdt",
        "smartTag",
        "customXml",
        "dir",
        "bdo",
        "proofErr",
        "permStart",
        "permEnd",
        "bookmarkStart",
        "bookmarkEnd",
        "commentRangeStart",
        "commentRangeEnd",
    )
)

# Accepting a draft's own revisions: removed content goes, inserted content stays unwrapped, property
# changes and move ranges lose their record.
_REMOVED = [
    qn(f"w:{t}")
    for t in (
        "del",
        "moveFrom",
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
        "customXmlInsRangeStart",
        "customXmlInsRangeEnd",
        "customXmlDelRangeStart",
        "customXmlDelRangeEnd",
        "customXmlMoveFromRangeStart",
        "customXmlMoveFromRangeEnd",
        "customXmlMoveToRangeStart",
        "customXmlMoveToRangeEnd",
        "pPrChange",
        "rPrChange",
        "sectPrChange",
        "tblPrChange",
        "tblPrExChange",
        "trPrChange",
        "tcPrChange",
        "tblGridChange",
        "numberingChange",
        "cellIns",
        "cellDel",
        "cellMerge",
    )
]
_UNWRAPPED = [qn("w:ins"), qn("w:moveTo")]


class Stamp(NamedTuple):
    """Who made a revision and when, and its ``w:id``."""

    id: int
    author: str
    date: str
    """``YYYY-MM-DDTHH:MM:SSZ``."""

    def put_on(self, el: etree._Element) -> etree._Element:
        el.set(qn("w:id"), str(self.id))
        el.set(qn("w:author"), self.author)
        el.set(qn("w:date"), self.date)
        return el


def wrap_inserted(elements: Sequence[etree._Element], stamp: Stamp) -> etree._Element:
    """Wrap consecutive siblings (all allowed in ``w:ins``: see :data:`INS_CONTENT`) in one ``w:ins``."""
    ins = stamp.put_on(etree.Element(qn("w:ins")))
    elements[0].addprevious(ins)
    ins.extend(elements)
    return ins


def deleted(text: str, rpr: etree._Element | None, stamp: Stamp) -> etree._Element:
    """``<w:del><w:r><w:rPr/><w:delText>…`` for model-only text."""
    el = stamp.put_on(etree.Element(qn("w:del")))
    el.append(run(text, rpr, deleted=True))
    return el


def mark_paragraph(p: etree._Element, op: MarkOp, stamp: Stamp) -> None:
    """Record the paragraph mark as inserted or deleted: the revision goes first in ``w:pPr/w:rPr``."""
    ppr = p.find(_PPR)
    if ppr is None:
        ppr = etree.Element(_PPR)
        p.insert(0, ppr)
    rpr = ppr.find(_RPR)
    if rpr is None:
        rpr = etree.Element(_RPR)
        later = next((c for c in ppr if c.tag in _AFTER_RPR), None)
        if later is None:
            ppr.append(rpr)
        else:
            later.addprevious(rpr)
    rpr.insert(0, stamp.put_on(etree.Element(_TAG[op])))


def accept_revisions(root: etree._Element) -> bool:
    """Accept every tracked change under ``root`` in place; True if there was any.

    One deliberate difference from Word's Accept All: a deleted paragraph mark (or table row) is kept as
    an ordinary one, because the reader counted that paragraph as a block and block indices must not
    move. Its text is accepted (gone) like any other deletion.
    """
    removed = [el for el in root.iter(*_REMOVED)]
    unwrapped = [el for el in root.iter(*_UNWRAPPED)]
    for el in removed:
        detach(el)
    # Innermost first, so an insertion nested in another is unwrapped before its parent moves it.
    for el in reversed(unwrapped):
        unwrap(el)
    return bool(removed or unwrapped)
