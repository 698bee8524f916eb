"""Word contracts (``.docx``, ``.docm``, ``.dotx``, ``.dotm``): bytes → :class:`~akapen.model.Source`.

One block per ``w:p`` of the main document part, found by the same walk the tracked-changes writer uses
(:func:`akapen.ooxml.iter_blocks`), with its accepted-view text, its list label rendered from
``numbering.xml`` and its style name. Headers, footers, footnotes, comments and text boxes are not the
contract's clauses: they are not compared, and :func:`akapen.read.uncompared.not_compared` lists their
text in ``Source.not_compared``. The package itself is checked whole first (:mod:`akapen.read.package`).
"""

from __future__ import annotations

import shlex
from pathlib import PurePath

from lxml import etree

from akapen.errors import InputError
from akapen.model import Block, Source
from akapen.ooxml import iter_blocks, paragraph_text, qn
from akapen.read.boxes import positioned_text
from akapen.read.layout import rebuild
from akapen.read.numbering import list_labels
from akapen.read.package import WordPackage
from akapen.read.uncompared import not_compared

__all__ = ["legacy_doc_message", "parse_docx"]

_OLE_SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")
# Stream names in an OLE directory are UTF-16LE: an encrypted OOXML package keeps the real package in
# "EncryptedPackage"; a Word 97-2003 file keeps its text in "WordDocument".
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_WORD_97_STREAM = "WordDocument".encode("utf-16-le")

_REVISIONS = tuple(qn(t) for t in ("w:ins", "w:del", "w:moveFrom", "w:moveTo"))


def legacy_doc_message(path: str) -> str:
    """What to tell a user who gave a Word 97-2003 ``.doc``."""
    return (
        f"{path} is a legacy .doc file; save it as .docx in Word or convert it: "
        f"soffice --headless --convert-to docx {shlex.quote(path)}"
    )


def parse_docx(data: bytes, path: str) -> Source:
    """Read a WordprocessingML package into blocks, one per paragraph (body and table cells, in order).

    ``Source.data`` is the package the writer will add revisions to: the original bytes of a ``.docx``;
    for a macro-enabled document or a template, the same package saved as a plain ``.docx`` (main part
    content type changed, VBA project and its customisations dropped), so macros never travel on.
    """
    if data.startswith(_OLE_SIGNATURE):
        raise InputError(_ole_message(data, path))
    package = WordPackage(data, path)
    main = package.target("", "officeDocument") or "word/document.xml"
    document = package.xml(main)
    styles = package.optional_xml(package.target(main, "styles"))
    numbering = package.optional_xml(package.target(main, "numbering"))
    plain = package.without_macros(main)

    body = document.find(qn("w:body"))
    if document.tag != qn("w:document") or body is None:
        raise InputError(
            f"{path}: {main} is not a WordprocessingML document (Strict Open XML?); "
            "save it in Word as Word Document (.docx)"
        )
    paragraphs = list(iter_blocks(body))
    labels = list_labels((p for p, _ in paragraphs), numbering, styles)
    style_name = _StyleNames(styles)
    blocks = tuple(
        Block(
            index=i,
            text=paragraph_text(p),
            numbering=label,
            style=style_name(p),
            place="table" if in_table else "body",
        )
        for i, ((p, in_table), label) in enumerate(zip(paragraphs, labels, strict=True))
    )
    if not any(b.text.strip() or b.numbering for b in blocks):
        source = _from_text_boxes(body, path)
        package.check_unread()
        return source
    source = Source(
        path=path,
        kind="docx",
        blocks=blocks,
        data=data if plain is None else plain,
        notes=_notes(body, path),
        not_compared=not_compared(package, main, body),
    )
    package.check_unread()
    return source


def _from_text_boxes(body: etree._Element, path: str) -> Source:
    """A body with no text of its own but positioned text boxes that hold it (a PDF made into a Word
    file): the paragraphs rebuilt from where the boxes sit, redlined as a fresh document."""
    fragments, pages = positioned_text(body)
    rebuilt = rebuild(fragments, pages)
    if not any(p.strip() for p in rebuilt.paragraphs):
        raise InputError(f"{path} contains no text (a scanned document? akapen needs the text itself)")
    name = PurePath(path).name
    notes = (
        f"{name} holds its text in positioned text boxes (a PDF made into a Word file): its paragraphs "
        "were rebuilt from the page layout and the redline is a new document",
    )
    blocks = tuple(Block(index=i, text=text) for i, text in enumerate(rebuilt.paragraphs))
    return Source(path=path, kind="layout", blocks=blocks, notes=notes, not_compared=rebuilt.running)


def _ole_message(data: bytes, path: str) -> str:
    if _ENCRYPTED_STREAM not in data and (PurePath(path).suffix.lower() == ".doc" or _WORD_97_STREAM in data):
        return legacy_doc_message(path)
    return f"{path} is password-protected or encrypted; remove the password in Word and save again"


def _notes(body: etree._Element, path: str) -> tuple[str, ...]:
    name = PurePath(path).name
    if next(body.iter(*_REVISIONS), None) is not None:
        return (f"{name} already contains tracked changes; akapen read its accepted view",)
    return ()


# The built-in style names Word stores in lower case and shows capitalised (python-docx's BabelFish
# table, kept here so reading a file does not import python-docx: ~30 ms on every command).
_SHOWN = {"caption": "Caption", "footer": "Footer", "header": "Header"} | {
    f"heading {n}": f"Heading {n}" for n in range(1, 10)
}


class _StyleNames:
    """Paragraph style id → the name Word shows (``heading 1`` is stored, ``Heading 1`` is shown)."""

    def __init__(self, styles: etree._Element | None) -> None:
        self._names: dict[str, str] = {}
        self._default = ""
        for style in () if styles is None else styles.iterchildren(qn("w:style")):
            if style.get(qn("w:type")) != "paragraph":
                continue
            name_el = style.find(qn("w:name"))
            stored = name_el.get(qn("w:val"), "") if name_el is not None else ""
            name = _SHOWN.get(stored, stored)
            self._names[style.get(qn("w:styleId"), "")] = name
            if style.get(qn("w:default")) in ("1", "true", "on"):
                self._default = name

    def __call__(self, p: etree._Element) -> str:
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        style_id = None if style is None else style.get(qn("w:val"))
        # Like Word, a paragraph without a style, or with one the document does not define, is in the
        # default paragraph style (Normal / 標準).
        return self._names.get(style_id, self._default) if style_id is not None else self._default
