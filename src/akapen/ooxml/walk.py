"""The paragraph walks that the DOCX reader and the tracked-changes writer must share.

The reader and the writer have to agree on two things exactly: which ``w:p`` elements are the document's
blocks, in which order, and which characters each holds in the accepted view. Both are defined here once.
The rejected view and the paragraph-mark rules serve the writer's self-check.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Literal

from lxml import etree

from akapen.ooxml.ns import MC_NS, qn

View = Literal["accept", "reject"]

_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (
    qn(t) for t in ("w:p", "w:tbl", "w:tr", "w:tc", "w:sdt", "w:sdtContent")
)
_CUSTOM_XML = qn("w:customXml")
_FALLBACK = f"{{{MC_NS}}}Fallback"

# Containers whose text is NOT part of the paragraph it sits in: removed text, nested stories (text
# boxes) that have paragraphs of their own, the ruby reading above a word (furigana annotates the
# text, it is not more of it), and mc:Fallback, where Word repeats for older readers what the
# mc:Choice before it holds.
_NOT_TEXT = ("w:txbxContent", "w:pPr", "w:rPr", "w:instrText", "w:rt")
_SKIPPED = {qn(t) for t in ("w:del", "w:moveFrom", *_NOT_TEXT)} | {_FALLBACK}
# Reject All drops inserted text and brings back deleted text (written as w:delText).
_SKIPPED_REJECTED = {qn(t) for t in ("w:ins", "w:moveTo", "w:delInstrText", *_NOT_TEXT)} | {_FALLBACK}
_CHARS = {qn("w:tab"): "\t", qn("w:noBreakHyphen"): "\u2011", qn("w:cr"): "\n"}
_T, _DEL_TEXT, _BR = qn("w:t"), qn("w:delText"), qn("w:br")
_PPR, _RPR = qn("w:pPr"), qn("w:rPr")

# Markers that may sit between two paragraphs without separating them.
_RANGE_MARKS = {
    qn(f"w:{t}")
    for t in (
        "bookmarkStart",
        "bookmarkEnd",
        "commentRangeStart",
        "commentRangeEnd",
        "permStart",
        "permEnd",
        "proofErr",
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
    )
}
_MARK_REMOVED_BY: dict[View, frozenset[str]] = {
    "accept": frozenset({qn("w:del"), qn("w:moveFrom")}),
    "reject": frozenset({qn("w:ins"), qn("w:moveTo")}),
}


def iter_blocks(body: etree._Element) -> Iterator[tuple[etree._Element, bool]]:
    """Yield ``(w:p, in_table)`` for every paragraph of a body (or cell), tables and content controls
    included, in document order."""
    for child in body:
        yield from _walk(child, in_table=False)


def _walk(el: etree._Element, in_table: bool) -> Iterator[tuple[etree._Element, bool]]:
    tag = el.tag
    if tag == _P:
        yield el, in_table
    elif tag == _TBL:
        for tr in el.iterchildren(_TR):
            for tc in tr.iterchildren(_TC):
                for child in tc:
                    yield from _walk(child, in_table=True)
    elif tag in (_SDT, _SDT_CONTENT, _CUSTOM_XML):
        for child in el:
            yield from _walk(child, in_table)


def iter_text(p: etree._Element) -> Iterator[tuple[etree._Element, str]]:
    """Yield ``(element, characters)`` for each text-bearing leaf of a paragraph in the accepted view:
    ``w:t`` (also inside ``w:ins``/``w:moveTo``, hyperlinks, fields' results), tabs and breaks.
    Deleted text, field instructions and text boxes are skipped."""
    yield from _leaves(p, "accept")


def paragraph_text(p: etree._Element) -> str:
    """The paragraph's accepted-view text."""
    return "".join(text for _, text in iter_text(p))


def element_text(el: etree._Element) -> str:
    """The accepted-view characters of one element inside a paragraph (a run, a hyperlink, a ``w:t``…),
    counted exactly as :func:`iter_text` counts them."""
    return "".join(text for _, text in _leaves((el,), "accept"))


def view_text(p: etree._Element, view: View) -> str:
    """The paragraph's text after Accept All (``accept``) or Reject All (``reject``)."""
    return "".join(text for _, text in _leaves(p, view))


def _leaves(elements: Iterable[etree._Element], view: View) -> Iterator[tuple[etree._Element, str]]:
    skipped, texts = (_SKIPPED, (_T,)) if view == "accept" else (_SKIPPED_REJECTED, (_T, _DEL_TEXT))
    for child in elements:
        tag = child.tag
        if not isinstance(tag, str) or tag in skipped:
            continue
        if tag in texts:
            if child.text:
                yield child, child.text
        elif tag == _BR:
            # A page or column break is layout, not text; a line break is a line break.
            if child.get(qn("w:type")) in (None, "textWrapping"):
                yield child, "\n"
        elif tag in _CHARS:
            yield child, _CHARS[tag]
        else:
            yield from _leaves(child, view)


def mark_removed(p: etree._Element, view: View) -> bool:
    """Whether the view removes this paragraph's mark (a deleted mark on Accept, an inserted one on
    Reject), which joins the paragraph to the next one."""
    ppr = p.find(_PPR)
    rpr = ppr.find(_RPR) if ppr is not None else None
    return rpr is not None and any(child.tag in _MARK_REMOVED_BY[view] for child in rpr)


def next_paragraph(p: etree._Element) -> etree._Element | None:
    """The paragraph a removed mark would join ``p`` to: the next sibling paragraph, with only bookmarks
    and similar markers in between. None before a table, at the end of a cell or body, or of a content
    control: there LibreOffice and Word keep the mark (an emptied paragraph survives)."""
    sibling = p.getnext()
    while sibling is not None and sibling.tag in _RANGE_MARKS:
        sibling = sibling.getnext()
    return sibling if sibling is not None and sibling.tag == _P else None


def ends_section(p: etree._Element) -> bool:
    """Whether the paragraph carries a section break (``w:pPr/w:sectPr``)."""
    ppr = p.find(_PPR)
    return ppr is not None and ppr.find(qn("w:sectPr")) is not None
