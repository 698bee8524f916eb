"""A 新旧対照表 as WordprocessingML: a landscape A4 page with one three-column table whose header row
repeats on every page, Japanese fonts throughout, deleted words struck through in red and inserted
words underlined in blue (so the marks survive printing in black and white too)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from lxml import etree

from akapen.ooxml.fresh import blank_package, japanese_run_properties
from akapen.ooxml.ns import qn
from akapen.ooxml.package import Package

__all__ = ["Cell", "Mark", "Run", "table_document"]

Mark = Literal["plain", "deleted", "inserted", "bold", "note"]
Run = tuple[str, Mark]
Cell = Sequence[Sequence[Run]]
"""A table cell: paragraphs, each a sequence of (text, mark)."""

# Landscape A4 (twips) and its usable width at 20 mm margins.
_PAGE = {"w": "16838", "h": "11906", "orient": "landscape"}
_MARGIN = "1134"
_WIDTHS = (6000, 6000, 2570)
"""Model | draft | findings, in twips; the findings column is narrower."""


def table_document(title: str, subtitle: str, header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    """The .docx bytes of a titled comparison table."""
    package = Package(blank_package())
    document = package.edit(package.main_document)
    body = document.find(qn("w:body"))
    assert body is not None
    sect = body.find(qn("w:sectPr"))
    for child in list(body):
        if child is not sect:
            body.remove(child)
    at = 0
    for text, size in ((title, 28), (subtitle, 18)):
        if text:
            body.insert(at, _paragraph([(text, "bold" if size == 28 else "plain")], center=True, size=size))
            at += 1
    body.insert(at, _table(header, rows))
    # A paragraph after the table: Word requires the body to end with one.
    body.insert(at + 1, etree.Element(qn("w:p")))
    if sect is None:
        sect = etree.SubElement(body, qn("w:sectPr"))
    _landscape(sect)
    return package.to_bytes()


def _landscape(sect: etree._Element) -> None:
    size = sect.find(qn("w:pgSz"))
    if size is None:
        size = etree.SubElement(sect, qn("w:pgSz"))
    for name, value in _PAGE.items():
        size.set(qn(f"w:{name}"), value)
    margins = sect.find(qn("w:pgMar"))
    if margins is None:
        margins = etree.SubElement(sect, qn("w:pgMar"))
    for side in ("top", "right", "bottom", "left"):
        margins.set(qn(f"w:{side}"), _MARGIN)


def _table(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> etree._Element:
    tbl = etree.Element(qn("w:tbl"))
    pr = etree.SubElement(tbl, qn("w:tblPr"))
    etree.SubElement(pr, qn("w:tblW"), {qn("w:w"): str(sum(_WIDTHS)), qn("w:type"): "dxa"})
    borders = etree.SubElement(pr, qn("w:tblBorders"))
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        etree.SubElement(
            borders, qn(f"w:{edge}"), {qn("w:val"): "single", qn("w:sz"): "4", qn("w:color"): "808080"}
        )
    etree.SubElement(pr, qn("w:tblLayout"), {qn("w:type"): "fixed"})
    grid = etree.SubElement(tbl, qn("w:tblGrid"))
    for width in _WIDTHS:
        etree.SubElement(grid, qn("w:gridCol"), {qn("w:w"): str(width)})
    head = _row([[[(text, "bold")]] for text in header], shade="D9E2F3")
    trpr = etree.Element(qn("w:trPr"))
    etree.SubElement(trpr, qn("w:tblHeader"))  # repeat the header row on every page
    head.insert(0, trpr)
    tbl.append(head)
    for cells in rows:
        tbl.append(_row(cells))
    return tbl


def _row(cells: Sequence[Cell], shade: str | None = None) -> etree._Element:
    tr = etree.Element(qn("w:tr"))
    for width, cell in zip(_WIDTHS, cells, strict=True):
        tc = etree.SubElement(tr, qn("w:tc"))
        tcpr = etree.SubElement(tc, qn("w:tcPr"))
        etree.SubElement(tcpr, qn("w:tcW"), {qn("w:w"): str(width), qn("w:type"): "dxa"})
        if shade:
            etree.SubElement(
                tcpr, qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): shade}
            )
        paragraphs = list(cell) or [[]]  # a cell must hold a paragraph, even an empty one
        for runs in paragraphs:
            tc.append(_paragraph(runs, size=18))
    return tr


def _paragraph(runs: Sequence[Run], *, center: bool = False, size: int = 21) -> etree._Element:
    p = etree.Element(qn("w:p"))
    if center:
        ppr = etree.SubElement(p, qn("w:pPr"))
        etree.SubElement(ppr, qn("w:jc"), {qn("w:val"): "center"})
    for text, mark in runs:
        if not text:
            continue
        r = etree.SubElement(p, qn("w:r"))
        rpr = japanese_run_properties(bold=mark == "bold", size=size)
        _mark(rpr, mark)
        r.append(rpr)
        t = etree.SubElement(r, qn("w:t"))
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return p


_COLOURS = {"deleted": "C00000", "inserted": "0033CC", "note": "404040"}


def _mark(rpr: etree._Element, mark: Mark) -> None:
    """Strike, colour and underline, each at its place in CT_RPr's sequence (strike and color come
    before w:sz, u after w:szCs; w:lang is last here), or Word reports the file as damaged."""
    before_size = rpr.find(qn("w:sz"))
    lang = rpr.find(qn("w:lang"))
    assert lang is not None
    if mark == "deleted":
        (before_size if before_size is not None else lang).addprevious(etree.Element(qn("w:strike")))
    if mark in _COLOURS:
        colour = etree.Element(qn("w:color"), {qn("w:val"): _COLOURS[mark]})
        (before_size if before_size is not None else lang).addprevious(colour)
    if mark == "inserted":
        lang.addprevious(etree.Element(qn("w:u"), {qn("w:val"): "single"}))
