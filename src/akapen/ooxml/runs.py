"""Runs: cutting a paragraph's content at character offsets, and building new runs and paragraphs.

A paragraph's content is seen as a row of *units* in document order, each covering ``[start, end)`` of
the accepted-view text (:func:`~akapen.ooxml.walk.iter_text` offsets):

- a ``w:r`` whose text elements are its own children: it can be cut anywhere (``splittable``);
- anything else that holds text (a content control, a run with ruby…): kept whole;
- markers and runs without text (bookmarks, field characters, pictures): ``start == end``.

Runs inside hyperlinks, simple fields (a cross-reference to 第N条), smart tags and custom XML are units
too: revisions may sit inside those, and a ``w:ins`` may not hold a hyperlink or a simple field. (Word
tracks a field's result like any text; LibreOffice drops revisions inside a REF field's result and
recomputes it from the bookmark, so its views of such a field are no judge.) An
inline content control (and a bidi container) may go into a ``w:ins`` whole, and stays one unit, unless
a cut falls inside its text: :func:`split_at` then opens it, so an edit of its text is tracked inside it.
Other containers are units as a whole.
"""

from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Sequence
from typing import NamedTuple

from lxml import etree

from akapen.ooxml.ns import XML_SPACE, qn
from akapen.ooxml.tree import detach
from akapen.ooxml.walk import element_text, iter_text

_R, _T, _RPR, _PPR, _TAB, _BR = (qn(t) for t in ("w:r", "w:t", "w:rPr", "w:pPr", "w:tab", "w:br"))
_THROUGH = {qn(f"w:{t}") for t in ("hyperlink", "fldSimple", "smartTag", "customXml")}
# Containers a cut may open (their content can hold revisions); the content control's runs are in
# its w:sdtContent.
_OPENED = {qn("w:sdt"): qn("w:sdtContent"), qn("w:dir"): None, qn("w:bdo"): None}
# Properties of a paragraph or of a container above: no text, and not content a revision could hold.
_PROPERTIES = {qn(f"w:{t}") for t in ("pPr", "smartTagPr", "customXmlPr")}
# Paragraph properties a copy must not take over: a section break, revision marks and records.
_UNIQUE_TO_MODEL = {
    qn(f"w:{t}") for t in ("sectPr", "pPrChange", "rPrChange", "ins", "del", "moveFrom", "moveTo")
}
# XML 1.0 cannot hold these (a text file may: a form feed from a PDF export); one replacement character
# each keeps every offset.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class Unit(NamedTuple):
    """One element of a paragraph's content and the accepted-view characters ``[start, end)`` it holds."""

    element: etree._Element
    start: int
    end: int
    splittable: bool
    """A run whose text can be cut at any offset."""


def paragraph_units(p: etree._Element, cuts: Sequence[int] = ()) -> list[Unit]:
    """The paragraph's content as units, in document order; a content control with one of the ``cuts``
    strictly inside its text is seen through (its runs are units)."""
    units: list[Unit] = []
    _collect(p, 0, units, cuts)
    return units


def _collect(container: etree._Element, start: int, units: list[Unit], cuts: Sequence[int]) -> int:
    for child in container:
        if not isinstance(child.tag, str) or child.tag in _PROPERTIES:
            continue
        if child.tag in _THROUGH:
            start = _collect(child, start, units, cuts)
            continue
        end = start + len(element_text(child))
        if child.tag in _OPENED and any(start < cut < end for cut in cuts):
            content_tag = _OPENED[child.tag]
            content = child if content_tag is None else child.find(content_tag)
            if content is not None:
                start = _collect(content, start, units, cuts)
                continue
        splittable = child.tag == _R and all(leaf.getparent() is child for leaf, _ in iter_text(child))
        units.append(Unit(child, start, end, splittable))
        start = end
    return start


def split_at(p: etree._Element, offsets: Sequence[int]) -> list[Unit]:
    """Cut the runs of ``p`` so that each offset is a unit boundary (where a run holds it; an offset
    inside a unit that cannot be cut stays inside it), and return the new units."""
    for unit in paragraph_units(p, offsets):
        cuts = sorted({o - unit.start for o in offsets if unit.start < o < unit.end})
        if cuts and unit.splittable:
            _split_run(unit.element, cuts)
    return paragraph_units(p, offsets)


def _split_run(r: etree._Element, cuts: list[int]) -> None:
    """Replace ``r`` by consecutive runs cut at ``cuts`` (offsets into its text), each with a copy of
    its properties. Elements without text (a field character, a picture) stay where they stand."""
    rpr = r.find(_RPR)
    segments: list[list[etree._Element]] = [[]]
    pos = 0
    for child in [c for c in r if c is not rpr]:
        r.remove(child)
        text = element_text(child)
        inner = [c - pos for c in cuts if pos < c < pos + len(text)]
        if inner:  # only a w:t holds more than one character
            bounds = [0, *inner, len(text)]
            for i, (a, b) in enumerate(itertools.pairwise(bounds)):
                if i:
                    segments.append([])
                segments[-1].append(text_element("w:t", text[a:b]))
        else:
            segments[-1].append(child)
        pos += len(text)
        if text and pos in cuts:
            segments.append([])
    r.extend(segments[0])
    anchor = r
    for segment in segments[1:]:
        piece = etree.Element(_R)
        for name, value in r.attrib.items():
            piece.set(name, value)
        if rpr is not None:
            piece.append(copy.deepcopy(rpr))
        piece.extend(segment)
        anchor.addnext(piece)
        anchor = piece


def text_element(tag: str, text: str) -> etree._Element:
    """``<w:t xml:space="preserve">…`` (or ``w:delText``), with characters XML cannot hold replaced."""
    el = etree.Element(qn(tag))
    el.set(XML_SPACE, "preserve")
    el.text = _NOT_XML.sub("\ufffd", text)
    return el


def run(text: str, rpr: etree._Element | None, *, deleted: bool = False) -> etree._Element:
    """A new ``w:r`` holding ``text`` (tabs as ``w:tab``, line breaks as ``w:br``, so each character
    counts once, as in :func:`~akapen.ooxml.walk.iter_text`); deleted text goes in ``w:delText``."""
    r = etree.Element(_R)
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    for chunk in re.split(r"([\t\n])", text):
        if chunk == "\t":
            r.append(etree.Element(_TAB))
        elif chunk == "\n":
            r.append(etree.Element(_BR))
        elif chunk:
            r.append(text_element("w:delText" if deleted else "w:t", chunk))
    return r


def run_properties(el: etree._Element) -> etree._Element | None:
    """A copy of the formatting of the first run in ``el`` (a run, a field, a paragraph…), to give new
    text the look of its neighbour."""
    runs = [el] if el.tag == _R else list(el.iter(_R))
    r = next((r for r in runs if element_text(r)), runs[0] if runs else None)
    rpr = r.find(_RPR) if r is not None else None
    return copy.deepcopy(rpr) if rpr is not None else None


def paragraph_like(model: etree._Element | None) -> etree._Element:
    """A new empty ``w:p`` with the paragraph properties of ``model``, minus what must stay unique to
    it: a section break and revision marks."""
    p = etree.Element(qn("w:p"))
    ppr = model.find(_PPR) if model is not None else None
    if ppr is not None:
        ppr = copy.deepcopy(ppr)
        rpr = ppr.find(_RPR)
        for el in [*ppr, *(rpr if rpr is not None else ())]:
            if el.tag in _UNIQUE_TO_MODEL:
                detach(el)
        p.append(ppr)
    return p


def move_content(source: etree._Element, target: etree._Element, *, at_start: bool) -> None:
    """Move everything but the paragraph properties of paragraph ``source`` into paragraph ``target``
    (at its start or end), and remove ``source``."""
    content = [c for c in source if c.tag != _PPR]
    if at_start:
        ppr = target.find(_PPR)
        index = 0 if ppr is None else target.index(ppr) + 1
        target[index:index] = content
    else:
        target.extend(content)
    detach(source)
