"""A document akapen writes from scratch (for a text draft): python-docx's blank template, an A4 page,
Japanese fonts, and a few direct paragraph looks instead of styles the template may colour."""

from __future__ import annotations

from importlib import resources
from typing import NamedTuple

from lxml import etree

from akapen.ooxml.ns import qn

_RPR, _PPR = qn("w:rPr"), qn("w:pPr")
_FONT = "MS Mincho"
# A4 portrait with the margins Japanese Word uses by default (twips).
_A4 = {"w": "11906", "h": "16838"}
_MARGINS = {
    "top": "1985",
    "right": "1701",
    "bottom": "1701",
    "left": "1701",
    "header": "851",
    "footer": "992",
}


def blank_package() -> bytes:
    """python-docx's default template: an empty body, standard styles and settings."""
    return resources.files("docx").joinpath("templates/default.docx").read_bytes()


def use_a4(body: etree._Element) -> etree._Element:
    """Set the body's (last) section to an A4 page; return its ``w:sectPr``."""
    sect = body.find(qn("w:sectPr"))
    if sect is None:
        sect = etree.SubElement(body, qn("w:sectPr"))
    for tag, values in (("w:pgSz", _A4), ("w:pgMar", _MARGINS)):
        el = sect.find(qn(tag))
        if el is not None:
            for name, value in values.items():
                el.set(qn(f"w:{name}"), value)
    return sect


def japanese_run_properties(*, bold: bool = False, size: int | None = None) -> etree._Element:
    """``w:rPr`` for Japanese text: a Mincho font for every script and the ja-JP East Asian language
    (python-docx's ``font.name`` sets only the Latin fonts). ``size`` is in half-points."""
    rpr = etree.Element(_RPR)
    fonts = etree.SubElement(rpr, qn("w:rFonts"))
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), _FONT)
    if bold:
        etree.SubElement(rpr, qn("w:b"))
        etree.SubElement(rpr, qn("w:bCs"))
    if size is not None:
        etree.SubElement(rpr, qn("w:sz")).set(qn("w:val"), str(size))
        etree.SubElement(rpr, qn("w:szCs")).set(qn("w:val"), str(size))
    etree.SubElement(rpr, qn("w:lang")).set(qn("w:eastAsia"), "ja-JP")
    return rpr


class Look(NamedTuple):
    """Direct paragraph formatting for a document akapen writes from scratch."""

    center: bool = False
    bold: bool = False
    size: int = 21
    """Half-points: 21 = 10.5 pt, the usual size of a Japanese contract."""
    indent: int = 0
    """Left indent in twips (420 = two characters of 10.5 pt)."""
    keep_next: bool = False
    outline_level: int | None = None
    """Makes the paragraph a heading in Word's navigation pane without a (coloured) Heading style."""


def styled_paragraph(look: Look) -> etree._Element:
    """An empty ``w:p`` with the look's paragraph properties (schema order: keepNext, ind, jc,
    outlineLvl, rPr)."""
    p = etree.Element(qn("w:p"))
    ppr = etree.SubElement(p, _PPR)
    if look.keep_next:
        etree.SubElement(ppr, qn("w:keepNext"))
    if look.indent:
        etree.SubElement(ppr, qn("w:ind")).set(qn("w:left"), str(look.indent))
    if look.center:
        etree.SubElement(ppr, qn("w:jc")).set(qn("w:val"), "center")
    if look.outline_level is not None:
        etree.SubElement(ppr, qn("w:outlineLvl")).set(qn("w:val"), str(look.outline_level))
    ppr.append(look_run_properties(look))
    return p


def look_run_properties(look: Look) -> etree._Element:
    return japanese_run_properties(bold=look.bold, size=look.size)
