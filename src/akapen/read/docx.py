"""Word contracts (``.docx``, ``.docm``, ``.dotx``, ``.dotm``): bytes → :class:`~akapen.model.Source`.

One block per ``w:p`` of the main document part, found by the same walk the tracked-changes writer uses
(:func:`akapen.ooxml.iter_blocks`), with its accepted-view text, its list label rendered from
``numbering.xml`` and its style name. Headers, footers, footnotes, comments and text boxes are not the
contract's clauses and are not read.
"""

from __future__ import annotations

import io
import posixpath
import shlex
import zipfile
import zlib
from pathlib import PurePath

from docx.styles import BabelFish
from lxml import etree

from akapen.errors import InputError
from akapen.model import Block, Source
from akapen.ooxml import iter_blocks, paragraph_text, qn
from akapen.read.numbering import list_labels

__all__ = ["legacy_doc_message", "parse_docx"]

_OLE_SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")
# Stream names in an OLE directory are UTF-16LE: an encrypted OOXML package keeps the real package in
# "EncryptedPackage"; a Word 97-2003 file keeps its text in "WordDocument".
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_WORD_97_STREAM = "WordDocument".encode("utf-16-le")

_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_CONTENT_TYPES = "[Content_Types].xml"
_DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# Relationship types (their last path segment) of VBA projects and of the customisations only macro-enabled
# files may carry.
_MACRO_RELATIONSHIPS = frozenset({"vbaProject", "wordVbaData", "keyMapCustomizations", "attachedToolbars"})
# A contract's document.xml is a few MB; anything near this is a zip bomb, not a contract.
_MAX_PART_BYTES = 256 * 1024 * 1024

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
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as e:
        raise InputError(
            f"{path} is not a Word .docx file (not a zip package); open it in Word and save it as .docx"
        ) from e
    with archive:
        package = _Package(archive, path)
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
        raise InputError(f"{path} contains no text (a scanned document? akapen needs the text itself)")
    return Source(
        path=path, kind="docx", blocks=blocks, data=data if plain is None else plain, notes=_notes(body, path)
    )


def _ole_message(data: bytes, path: str) -> str:
    if _ENCRYPTED_STREAM not in data and (PurePath(path).suffix.lower() == ".doc" or _WORD_97_STREAM in data):
        return legacy_doc_message(path)
    return f"{path} is password-protected or encrypted; remove the password in Word and save again"


def _notes(body: etree._Element, path: str) -> tuple[str, ...]:
    name = PurePath(path).name
    notes = []
    if next(body.iter(*_REVISIONS), None) is not None:
        notes.append(f"{name} already contains tracked changes; akapen read its accepted view")
    if next(body.iter(qn("w:txbxContent")), None) is not None:
        notes.append(f"{name} has text boxes; akapen does not read the text inside them")
    return tuple(notes)


class _StyleNames:
    """Paragraph style id → the name Word shows (``heading 1`` is stored, ``Heading 1`` is shown)."""

    def __init__(self, styles: etree._Element | None) -> None:
        self._names: dict[str, str] = {}
        self._default = ""
        for style in () if styles is None else styles.iterchildren(qn("w:style")):
            if style.get(qn("w:type")) != "paragraph":
                continue
            name_el = style.find(qn("w:name"))
            name = str(BabelFish.internal2ui(name_el.get(qn("w:val"), ""))) if name_el is not None else ""
            self._names[style.get(qn("w:styleId"), "")] = name
            if style.get(qn("w:default")) in ("1", "true", "on"):
                self._default = name

    def __call__(self, p: etree._Element) -> str:
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        style_id = None if style is None else style.get(qn("w:val"))
        # Like Word, a paragraph without a style, or with one the document does not define, is in the
        # default paragraph style (Normal / 標準).
        return self._names.get(style_id, self._default) if style_id is not None else self._default


def _parser() -> etree.XMLParser:
    # A counterparty's file is untrusted: no entity expansion, no DTD or network fetches.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


class _Package:
    """The parts of an OPC zip package, read defensively."""

    def __init__(self, archive: zipfile.ZipFile, path: str) -> None:
        self._archive = archive
        self._path = path

    def read(self, name: str) -> bytes:
        try:
            info = self._archive.getinfo(name)
            if info.file_size > _MAX_PART_BYTES:
                raise InputError(f"{self._path}: {name} is implausibly large ({info.file_size} bytes)")
            return self._archive.read(info)
        except KeyError as e:
            raise InputError(
                f"{self._path} is a zip package but not a Word document (it has no {name}); "
                "open it in Word and save it as .docx"
            ) from e
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as e:
            raise InputError(
                f"{self._path} is a damaged zip package ({name}: {_one_line(e)}); "
                "open and repair it in Word and save again"
            ) from e

    def xml(self, name: str) -> etree._Element:
        try:
            root = etree.fromstring(self.read(name), _parser())
        except etree.XMLSyntaxError as e:
            raise InputError(
                f"{self._path} has a broken {name} ({_one_line(e)}); "
                "open and repair it in Word and save again"
            ) from e
        # OPC forbids DTDs in package parts; one is there only to smuggle in entities.
        if root.getroottree().docinfo.internalDTD is not None:
            raise InputError(f"{self._path}: {name} declares a DTD, which no Word document does; not read")
        return root

    def optional_xml(self, name: str | None) -> etree._Element | None:
        return self.xml(name) if name is not None and name in self._archive.NameToInfo else None

    def relationships(self, source: str) -> etree._Element:
        """The ``Relationships`` root of a part (``""`` for the package itself); empty if it has none."""
        root = self.optional_xml(_rels_name(source))
        return etree.Element(f"{{{_RELS_NS}}}Relationships") if root is None else root

    def target(self, source: str, kind: str) -> str | None:
        """The part a relationship of type ``…/kind`` of ``source`` points to (internal targets only)."""
        for rel in self.relationships(source):
            if _kind(rel) == kind and rel.get("TargetMode") != "External":
                return _resolve(source, rel.get("Target", ""))
        return None

    def without_macros(self, main: str) -> bytes | None:
        """The package saved as a plain ``.docx`` if it is macro-enabled or a template, else None."""
        types = self.xml(_CONTENT_TYPES)
        overrides = list(types.iterchildren(f"{{{_TYPES_NS}}}Override"))
        main_override = next((o for o in overrides if o.get("PartName") == f"/{main}"), None)
        rels = self.relationships(main)
        macro_rels = [r for r in rels if _kind(r) in _MACRO_RELATIONSHIPS]
        if (
            not macro_rels
            and main_override is not None
            and main_override.get("ContentType") == _DOCUMENT_TYPE
        ):
            return None

        dropped: set[str] = set()
        for rel in macro_rels:
            part = _resolve(main, rel.get("Target", ""))
            # The VBA project has parts of its own (vbaData.xml): they go with it.
            dropped |= {part, _rels_name(part)}
            dropped |= {_resolve(part, r.get("Target", "")) for r in self.relationships(part)}
            rels.remove(rel)
        for override in overrides:
            if override.get("PartName", "").lstrip("/") in dropped:
                types.remove(override)
        if main_override is None:
            main_override = etree.SubElement(types, f"{{{_TYPES_NS}}}Override", PartName=f"/{main}")
        main_override.set("ContentType", _DOCUMENT_TYPE)

        rewritten = {_CONTENT_TYPES: types, _rels_name(main): rels}
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as package:
            for info in self._archive.infolist():
                if info.filename not in dropped:
                    root = rewritten.get(info.filename)
                    package.writestr(info, self.read(info.filename) if root is None else _serialise(root))
        return out.getvalue()


def _kind(rel: etree._Element) -> str:
    return rel.get("Type", "").rsplit("/", 1)[-1]


def _resolve(source: str, target: str) -> str:
    """A relationship target as a zip member name: relative to the source part's folder unless absolute."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _rels_name(part: str) -> str:
    folder, file = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{file}.rels")


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())
