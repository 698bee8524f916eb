"""Turning every revision of a document around: what was inserted is now deleted and the other way
round, paragraph marks included. Accept All of the result is Reject All of the original and vice versa,
exactly — which is how a counter-proposal (``akapen reply``) is written: as a redline from our asked
version to the counterparty's draft, on the draft's own package, then inverted."""

from __future__ import annotations

from lxml import etree

from akapen.ooxml.ns import qn

__all__ = ["invert_revisions"]

_INS, _DEL = qn("w:ins"), qn("w:del")
_T, _DEL_TEXT = qn("w:t"), qn("w:delText")
_INSTR, _DEL_INSTR = qn("w:instrText"), qn("w:delInstrText")


def invert_revisions(root: etree._Element) -> None:
    """Swap ``w:ins`` and ``w:del`` (run containers and paragraph marks alike) and the text elements
    inside them (``w:t`` ↔ ``w:delText``, field codes likewise). Ids, authors and dates stay."""
    for el in list(root.iter(_INS, _DEL)):
        inserted = el.tag == _INS
        el.tag = _DEL if inserted else _INS
        for text in el.iter(_T, _DEL_TEXT, _INSTR, _DEL_INSTR):
            if inserted:
                text.tag = {_T: _DEL_TEXT, _INSTR: _DEL_INSTR}.get(text.tag, text.tag)
            else:
                text.tag = {_DEL_TEXT: _T, _DEL_INSTR: _INSTR}.get(text.tag, text.tag)
