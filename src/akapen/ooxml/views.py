"""What Accept All / Reject All leave of a document body, computed on the XML alone.

The writer checks its own output with these (and the tests compare them with LibreOffice's result).
"""

from __future__ import annotations

from akapen.ooxml.ns import qn
from akapen.ooxml.package import parse_xml
from akapen.ooxml.walk import View, iter_blocks, mark_removed, next_paragraph, view_text


def accepted_paragraphs(document_xml: bytes) -> list[str]:
    """The body's paragraph texts after Accept All (inserted text kept, deleted text and deleted
    paragraph marks gone)."""
    return _paragraphs(document_xml, "accept")


def rejected_paragraphs(document_xml: bytes) -> list[str]:
    """The body's paragraph texts after Reject All (inserted text and inserted paragraph marks gone,
    deleted text back)."""
    return _paragraphs(document_xml, "reject")


def _paragraphs(document_xml: bytes, view: View) -> list[str]:
    body = parse_xml(document_xml).find(qn("w:body"))
    if body is None:
        return []
    out: list[str] = []
    carried = ""
    for p, _ in iter_blocks(body):
        text = carried + view_text(p, view)
        # A removed mark joins what is left of the paragraph to the start of the next one, as Word and
        # LibreOffice do; where nothing can follow (end of a cell, before a table) the mark stays.
        if mark_removed(p, view) and next_paragraph(p) is not None:
            carried = text
        else:
            carried = ""
            out.append(text)
    return out
