"""The zip package of a Word file, read defensively: a counterparty's file is untrusted input.

Everything is checked before the reader returns, so that nothing later in the pipeline (the writer
re-reads the package) can meet a member it would choke on:

- the zip opens, has no two members with the same part name (OPC part names ignore case), no member
  encrypted with a zip password, and not absurdly many members;
- the sizes its directory declares add up to at most :data:`MAX_INFLATED_BYTES`, checked before a byte
  is inflated (a zip bomb stops here; ``zipfile`` never inflates a member past its declared size, and
  a member that lies about it fails its CRC);
- every member inflates and matches its CRC;
- every XML part parses without a DTD (OPC forbids them; one is there only to smuggle in entities),
  without entity resolution or network access, and within libxml2's default depth and text-node
  limits (no ``huge_tree``). The parts akapen reads are parsed into trees when first read; the rest
  by :meth:`WordPackage.check_unread`, which the reader calls last, with the same parser but no tree
  (the 350–450 KB style parts Word and python-docx write check in 40% of the time a tree takes); one
  whose check logs a namespace error, or long enough to hold an over-long text node, is parsed as a
  tree after all, since only a tree parse refuses those.

Every failure is an :class:`~akapen.errors.InputError` of one line: what is wrong and what to do.
"""

from __future__ import annotations

import copy
import io
import posixpath
import zipfile
import zlib
from typing import Any, NamedTuple, cast

from lxml import etree

from akapen.errors import InputError

__all__ = ["MAX_INFLATED_BYTES", "MAX_PARTS", "WordPackage"]

MAX_INFLATED_BYTES = 256 * 1024 * 1024
"""All members together, inflated. A contract's XML is a few MB; pictures can add tens of MB."""
MAX_PARTS = 10_000
"""Word writes a few dozen members, a few hundred with many pictures."""

_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_CONTENT_TYPES = "[Content_Types].xml"
_DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# Relationship types (their last path segment) of VBA projects and of the customisations only macro-enabled
# files may carry.
_MACRO_RELATIONSHIPS = frozenset({"vbaProject", "wordVbaData", "keyMapCustomizations", "attachedToolbars"})
_MACRO_TYPES = frozenset({"application/vnd.ms-office.vbaProject", "application/vnd.ms-word.vbaData+xml"})
_XML_SUFFIXES = (".xml", ".rels")
_ZIP_SIGNATURE = b"PK\x03\x04"
_ZIP_ENCRYPTED = 0x1  # general purpose flag bit 0: the member is encrypted with a zip password
_MB = 1024 * 1024
_ASK_FOR_WORD = "ask the sender for a copy saved by Word"
_DOCTYPES = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))
# libxml2 refuses deeper trees, and longer text nodes, unless asked for huge_tree, which a
# counterparty's file never gets.
_MAX_DEPTH = 256
_MAX_TEXT_NODE = 10_000_000


class _Member(NamedTuple):
    info: zipfile.ZipInfo
    data: bytes


class WordPackage:
    """The members of an OPC package, every one of them checked (see the module's docstring)."""

    def __init__(self, data: bytes, path: str) -> None:
        self.path = path
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as e:
            if data.startswith(_ZIP_SIGNATURE):
                raise InputError(
                    f"{path} is not a Word .docx file as it stands (an incomplete or damaged zip package: "
                    "cut short in a download or an e-mail?); get the file again, or open and repair it in Word"
                ) from e
            raise InputError(
                f"{path} is not a Word .docx file (not a zip package); open it in Word and save it as .docx"
            ) from e
        with archive:
            infos = archive.infolist()
            self._check_directory(infos)
            self._members = {info.filename: _Member(info, self._inflate(archive, info)) for info in infos}
        self._xml: dict[str, etree._Element] = {}

    def _check_directory(self, infos: list[zipfile.ZipInfo]) -> None:
        if len(infos) > MAX_PARTS:
            raise InputError(
                f"{self.path} has {len(infos)} zip members, more than any Word document "
                f"(akapen reads up to {MAX_PARTS}); open it in Word and save it again"
            )
        seen: dict[str, str] = {}
        for info in infos:
            key = info.filename.lower()
            if key in seen:
                raise InputError(
                    f"{self.path} is a damaged zip package (two members named {seen[key]}); "
                    "open and repair it in Word and save again"
                )
            seen[key] = info.filename
            if info.flag_bits & _ZIP_ENCRYPTED:
                raise InputError(
                    f"{self.path} is password-protected (an encrypted zip); remove the password and save "
                    "it again as .docx"
                )
        inflated = sum(info.file_size for info in infos)
        if inflated > MAX_INFLATED_BYTES:
            raise InputError(
                f"{self.path} would inflate to {inflated // _MB} MB, more than akapen reads "
                f"({MAX_INFLATED_BYTES // _MB} MB): a zip bomb, or a document full of large pictures; "
                "remove the pictures and save again"
            )

    def _inflate(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
        try:
            return archive.read(info)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError) as e:
            raise InputError(
                f"{self.path} is a damaged zip package ({info.filename}: {one_line(e)}); "
                "open and repair it in Word and save again"
            ) from e

    def check_unread(self) -> None:
        """Check every XML part no tree was parsed for (see the module's docstring). Without a tree,
        libxml2 only logs namespace errors (an unbound prefix, a bad QName) and does not limit a text
        node's length: a part with such an error, or long enough to hold a text node over the limit, is
        parsed as a tree after all, which refuses it exactly as reading it would."""
        for name, member in self._members.items():
            if name in self._xml or not name.lower().endswith(_XML_SUFFIXES):
                continue
            target = _Doctype()
            parser = _parser(target)
            self._parse(name, member.data, parser)
            if target.seen:
                raise InputError(self._dtd_message(name))
            if parser.error_log.filter_from_errors() or len(member.data) > _MAX_TEXT_NODE:
                self._tree(name, member.data)

    def _parse(self, name: str, data: bytes, parser: etree.XMLParser | None = None) -> Any:
        """The part's tree, or with a target parser what its target's ``close`` returns."""
        try:
            return etree.fromstring(data, parser if parser is not None else _parser())
        except etree.XMLSyntaxError as e:
            # libxml2 may give up inside a DTD first (entities nested to a billion laughs): name the DTD.
            if any(doctype in data for doctype in _DOCTYPES):
                raise InputError(self._dtd_message(name)) from e
            if "Excessive depth" in str(e):
                raise InputError(
                    f"{self.path}: {name} nests elements more than {_MAX_DEPTH} deep, which no Word document "
                    f"does; not read ({_ASK_FOR_WORD})"
                ) from e
            raise InputError(
                f"{self.path} has a broken {name} ({one_line(e)}); open and repair it in Word and save again"
            ) from e

    def _tree(self, name: str, data: bytes) -> etree._Element:
        root: etree._Element = self._parse(name, data)
        if root.getroottree().docinfo.internalDTD is not None:
            raise InputError(self._dtd_message(name))
        return root

    def _dtd_message(self, name: str) -> str:
        return f"{self.path}: {name} declares a DTD, which no Word document does; not read ({_ASK_FOR_WORD})"

    def read(self, name: str) -> bytes:
        """A member's bytes; a missing one means the file is not a Word document."""
        member = self._members.get(name)
        if member is None:
            raise InputError(
                f"{self.path} is a zip package but not a Word document (it has no {name}); "
                "open it in Word and save it as .docx"
            )
        return member.data

    def xml(self, name: str) -> etree._Element:
        """A parsed XML part; a missing one means the file is not a Word document."""
        if name not in self._xml:
            self._xml[name] = self._tree(name, self.read(name))
        return self._xml[name]

    def optional_xml(self, name: str | None) -> etree._Element | None:
        return self.xml(name) if name is not None and name in self._members else None

    def relationships(self, source: str) -> list[etree._Element]:
        """The relationships of a part (``""`` for the package itself); none if it has no rels part."""
        root = self.optional_xml(rels_name(source))
        return [] if root is None else [r for r in root if r.tag == f"{{{_RELS_NS}}}Relationship"]

    def targets(self, source: str, kind: str) -> list[str]:
        """The parts that relationships of type ``…/kind`` of ``source`` point to (internal targets only),
        in the order of the rels part."""
        return [
            resolve(source, rel.get("Target", ""))
            for rel in self.relationships(source)
            if relationship_kind(rel) == kind and rel.get("TargetMode") != "External"
        ]

    def target(self, source: str, kind: str) -> str | None:
        """The first part a relationship of type ``…/kind`` of ``source`` points to."""
        return next(iter(self.targets(source, kind)), None)

    def without_macros(self, main: str) -> bytes | None:
        """The package saved as a plain ``.docx`` if it is macro-enabled or a template, else None: the
        main part's content type becomes a document's, and the VBA project and the customisations only
        macro-enabled files carry are dropped, so macros never travel on."""
        types = copy.deepcopy(self.xml(_CONTENT_TYPES))
        overrides = list(types.iterchildren(f"{{{_TYPES_NS}}}Override"))
        main_override = next((o for o in overrides if o.get("PartName") == f"/{main}"), None)
        # Copies: the parsed parts stay as the file has them.
        original_rels = self.optional_xml(rels_name(main))
        rels = (
            etree.Element(f"{{{_RELS_NS}}}Relationships")
            if original_rels is None
            else copy.deepcopy(original_rels)
        )
        macro_rels = [r for r in rels if relationship_kind(r) in _MACRO_RELATIONSHIPS]
        if (
            not macro_rels
            and main_override is not None
            and main_override.get("ContentType") == _DOCUMENT_TYPE
        ):
            return None

        dropped: set[str] = set()
        for rel in macro_rels:
            part = resolve(main, rel.get("Target", ""))
            # The VBA project has parts of its own (vbaData.xml): they go with it.
            dropped |= {part, rels_name(part)}
            dropped |= {resolve(part, r.get("Target", "")) for r in self.relationships(part)}
            rels.remove(rel)
        for override in overrides:
            if override.get("PartName", "").lstrip("/") in dropped:
                types.remove(override)
        # A default by extension (.bin → VBA project) outlives its part: a .docx declares no macros.
        for default in list(types.iterchildren(f"{{{_TYPES_NS}}}Default")):
            if default.get("ContentType") in _MACRO_TYPES:
                types.remove(default)
        if main_override is None:
            main_override = etree.SubElement(types, f"{{{_TYPES_NS}}}Override", PartName=f"/{main}")
        main_override.set("ContentType", _DOCUMENT_TYPE)

        rewritten = {_CONTENT_TYPES: types}
        if original_rels is not None:
            rewritten[rels_name(main)] = rels
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as package:
            for name, member in self._members.items():
                if name not in dropped:
                    root = rewritten.get(name)
                    package.writestr(member.info, member.data if root is None else _serialise(root))
        return out.getvalue()


def _parser(target: _Doctype | None = None) -> etree.XMLParser:
    # No entity expansion, no DTD or network fetches, libxml2's default limits on depth and text size.
    # cast: lxml-stubs want every callback of a target, lxml calls only those the target has.
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, target=cast("etree.ParserTarget", target)
    )


class _Doctype:
    """A parser target that builds nothing and notes whether the part declared a DTD: libxml2 still
    checks the whole part, element callbacks are never made."""

    def __init__(self) -> None:
        self.seen = False

    def doctype(self, name: str | None, public: str | None, system: str | None) -> None:
        self.seen = True

    def close(self) -> None:
        pass


def relationship_kind(rel: etree._Element) -> str:
    """The last path segment of a relationship's type (``officeDocument``, ``header``, ``vbaProject``…)."""
    return rel.get("Type", "").rsplit("/", 1)[-1]


def resolve(source: str, target: str) -> str:
    """A relationship target as a zip member name: relative to the source part's folder unless absolute."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def rels_name(part: str) -> str:
    folder, file = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{file}.rels")


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def one_line(error: Exception) -> str:
    return " ".join(str(error).split())
