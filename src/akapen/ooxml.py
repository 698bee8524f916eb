"""WordprocessingML vocabulary and the paragraph walks that the DOCX reader and writer must share.

The reader and the tracked-changes writer have to agree on two things exactly: which ``w:p`` elements
are the document's blocks, in which order, and which characters each holds in the accepted view.
Both are defined here once.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSMAP = {"w": W_NS, "r": R_NS}


def qn(tag: str) -> str:
    """``w:p`` → ``{namespace}p``."""
    prefix, local = tag.split(":")
    return f"{{{NSMAP[prefix]}}}{local}"


_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (qn(t) for t in ("w:p", "w:tbl", "w:tr", "w:tc", "w:sdt", "w:sdtContent"))
_CUSTOM_XML = qn("w:customXml")

# Containers whose text is NOT part of the paragraph it sits in: removed text, and nested stories
# (text boxes) that have paragraphs of their own.
_SKIPPED = {qn(t) for t in ("w:del", "w:moveFrom", "w:txbxContent", "w:pPr", "w:rPr", "w:instrText")}
_CHARS = {qn("w:tab"): "\t", qn("w:noBreakHyphen"): "\u2011", qn("w:cr"): "\n"}
_T, _BR = qn("w:t"), qn("w:br")


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
    yield from _leaves(p)


def _leaves(el: etree._Element) -> Iterator[tuple[etree._Element, str]]:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == _T:
            if child.text:
                yield child, child.text
        elif tag == _BR:
            # A page or column break is layout, not text; a line break is a line break.
            if child.get(qn("w:type")) in (None, "textWrapping"):
                yield child, "\n"
        elif tag in _CHARS:
            yield child, _CHARS[tag]
        else:
            yield from _leaves(child)


def paragraph_text(p: etree._Element) -> str:
    """The paragraph's accepted-view text."""
    return "".join(text for _, text in iter_text(p))
