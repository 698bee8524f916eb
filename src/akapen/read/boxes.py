"""Word files whose text sits in positioned text boxes, not in the body: what LibreOffice's PDF import
(and other PDF-to-Word converters) make, one box per printed line or per run of one font.

Each box becomes a :class:`~akapen.read.layout.Fragment` at its place on the page, so the paragraphs
are rebuilt exactly as from the PDF itself. A converter lays the pages out one after another in one
body paragraph, each box placed from the top of its page: a box much higher up than the one before it
starts the next page.
"""

from __future__ import annotations

import re

from lxml import etree

from akapen.ooxml import iter_blocks, paragraph_text, qn
from akapen.ooxml.ns import MC_NS
from akapen.read.layout import Fragment, Page

__all__ = ["positioned_text"]

_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_VML_SHAPES = tuple(f"{{urn:schemas-microsoft-com:vml}}{t}" for t in ("shape", "rect", "roundrect"))
_FALLBACK = f"{{{MC_NS}}}Fallback"
_TEXT_BOX = qn("w:txbxContent")
_EMU_PER_TWIP = 635
_EMU_PER_PT = 12700
_STYLE = re.compile(r"(margin-left|margin-top|width|height)\s*:\s*(-?[0-9.]+)(pt|in|cm|mm|px)?")
_TO_PT = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75, None: 1.0}


def positioned_text(body: etree._Element) -> tuple[list[Fragment], list[Page]]:
    """The text boxes anchored at positions in ``body``, as fragments in EMU, and the pages they are on.
    Empty when the body has none."""
    section = body.find(qn("w:sectPr"))
    height, top_margin = _page(section)
    fragments: list[Fragment] = []
    page = 0
    last_top: float | None = None
    for box in body.iter(_TEXT_BOX):
        if any(a.tag == _FALLBACK for a in box.iterancestors()):
            continue  # the copy kept for older readers
        place = _place(box)
        if place is None:
            continue
        left, top, width, box_height = place
        top += top_margin
        if last_top is not None and top < last_top - height / 2:
            page += 1
        last_top = top
        lines = [paragraph_text(p) for p, _ in iter_blocks(box)]
        lines = [line for line in lines if line.strip()] or [""]
        step = box_height / len(lines)
        for i, line in enumerate(lines):
            fragments.append(Fragment(page, left, top + i * step, left + width, top + (i + 1) * step, line))
    return fragments, [Page(height)] * (page + 1) if fragments else []


def _page(section: etree._Element | None) -> tuple[float, float]:
    """Page height and top margin in EMU (A4 and 30 mm when the section does not say)."""
    height, top = 16838, 1701
    if section is not None:
        size, margins = section.find(qn("w:pgSz")), section.find(qn("w:pgMar"))
        height = _twips(size, "w:h", height)
        top = _twips(margins, "w:top", top)
    return float(height * _EMU_PER_TWIP), float(top * _EMU_PER_TWIP)


def _twips(element: etree._Element | None, name: str, default: int) -> int:
    value = None if element is None else element.get(qn(name))
    try:
        return abs(int(value)) if value is not None else default
    except ValueError:
        return default


def _place(box: etree._Element) -> tuple[float, float, float, float] | None:
    """``(left, top, width, height)`` of the box in EMU, from its DrawingML anchor or its VML style."""
    for ancestor in box.iterancestors():
        if ancestor.tag == f"{_WP}anchor":
            left = _offset(ancestor.find(f"{_WP}positionH/{_WP}posOffset"))
            top = _offset(ancestor.find(f"{_WP}positionV/{_WP}posOffset"))
            extent = ancestor.find(f"{_WP}extent")
            if left is None or top is None or extent is None:
                return None
            return left, top, _number(extent.get("cx")), _number(extent.get("cy"))
        if ancestor.tag == f"{_WP}inline":
            return None  # in the flow of the text: not laid out by position
        if ancestor.tag in _VML_SHAPES:
            style = {
                key: float(value) * _TO_PT[unit or None] * _EMU_PER_PT
                for key, value, unit in _STYLE.findall(ancestor.get("style", ""))
            }
            if "margin-top" not in style:
                return None
            return (
                style.get("margin-left", 0.0),
                style["margin-top"],
                style.get("width", 0.0),
                style.get("height", 0.0),
            )
    return None


def _offset(element: etree._Element | None) -> float | None:
    if element is None or element.text is None:
        return None
    try:
        return float(int(element.text.strip()))
    except ValueError:
        return None


def _number(value: str | None) -> float:
    try:
        return float(int(value or "0"))
    except ValueError:
        return 0.0
