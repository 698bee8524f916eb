"""The text of a Word file that akapen does not compare, listed so that none of it is dropped silently.

akapen compares the paragraphs of the main document's body, tables and content controls included. The
rest of the file stays in the redline exactly as the draft has it, but is compared with nothing: headers
and footers, text boxes, footnotes and endnotes, comments, equations, WordArt (a watermark's 「社外秘」)
and documents embedded whole (``w:altChunk``). :func:`not_compared` lists it, one entry per paragraph,
so the report can say so. The ruby reading over a word (furigana) is not listed: it annotates text
that is compared.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from akapen.ooxml import iter_blocks, paragraph_text, qn
from akapen.ooxml.ns import MC_NS, R_NS
from akapen.read.package import WordPackage, resolve

__all__ = ["not_compared"]

_M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_V_NS = "urn:schemas-microsoft-com:vml"
_FALLBACK = f"{{{MC_NS}}}Fallback"
_TEXT_BOX = qn("w:txbxContent")
_MATH, _MATH_TEXT = f"{{{_M_NS}}}oMath", f"{{{_M_NS}}}t"
_TEXT_PATH = f"{{{_V_NS}}}textpath"
# Footnotes and endnotes parts start with the separator lines Word draws; they hold no text of the author.
_SEPARATORS = frozenset({"separator", "continuationSeparator", "continuationNotice"})
# (relationship type of the main document, element of one note or comment, where it is reported)
_NOTES = (
    ("footnotes", qn("w:footnote"), "footnote"),
    ("endnotes", qn("w:endnote"), "endnote"),
    ("comments", qn("w:comment"), "comment"),
)


def not_compared(package: WordPackage, main: str, body: etree._Element) -> tuple[tuple[str, str], ...]:
    """``(where, text)`` for every paragraph of the file that is not compared, in the order headers,
    footers, the body's text boxes, equations, WordArt and embedded documents, footnotes, endnotes,
    comments. Blank paragraphs are left out, and a paragraph repeated in the same place (the same
    header on every section) is listed once."""
    found: list[tuple[str, str]] = []
    for kind in ("header", "footer"):
        for part in package.targets(main, kind):
            root = package.optional_xml(part)
            if root is not None:
                found += _story(root, kind)
    found += _inside(body)
    found += _embedded(package, main, body)
    for kind, tag, where in _NOTES:
        root = package.optional_xml(package.target(main, kind))
        if root is None:
            continue
        for note in root.iterchildren(tag):
            if note.get(qn("w:type")) not in _SEPARATORS:
                found += _story(note, where)
    return tuple(dict.fromkeys(found))


def _story(root: etree._Element, where: str) -> list[tuple[str, str]]:
    """The paragraphs of a header, footer, note or comment, then what sits inside them."""
    return [(where, text) for text in _texts(root)] + _inside(root)


def _inside(root: etree._Element) -> list[tuple[str, str]]:
    """Text boxes (each once: the copy Word keeps in mc:Fallback for older readers is skipped),
    equations and WordArt under ``root``."""
    found = [("text box", text) for box in _outside_fallback(root, _TEXT_BOX) for text in _texts(box)]
    found += [
        ("equation", "".join(t.text or "" for t in math.iter(_MATH_TEXT)))
        for math in _outside_fallback(root, _MATH)
        if not any(a.tag == _MATH for a in math.iterancestors())
    ]
    found += [("WordArt", path.get("string", "")) for path in _outside_fallback(root, _TEXT_PATH)]
    return [(where, text.strip()) for where, text in found if text.strip()]


def _embedded(package: WordPackage, main: str, body: etree._Element) -> list[tuple[str, str]]:
    """Documents embedded whole (``w:altChunk``: HTML, RTF or another .docx), by part name: Word
    renders them, akapen cannot read them."""
    targets = {
        rel.get("Id"): rel.get("Target", "")
        for rel in package.relationships(main)
        if rel.get("TargetMode") != "External"
    }
    return [
        ("embedded document", _part_name(main, targets.get(chunk.get(f"{{{R_NS}}}id"), "")))
        for chunk in body.iter(qn("w:altChunk"))
    ]


def _part_name(main: str, target: str) -> str:
    return resolve(main, target) if target else "(missing part)"


def _texts(root: etree._Element) -> Iterator[str]:
    """Non-blank paragraph texts, stripped (a footnote starts with the tab after its mark)."""
    for p, _ in iter_blocks(root):
        text = paragraph_text(p).strip()
        if text:
            yield text


def _outside_fallback(root: etree._Element, tag: str) -> Iterator[etree._Element]:
    for el in root.iter(tag):
        if not any(a.tag == _FALLBACK for a in el.iterancestors()):
            yield el
