"""The .docx zip: parts in, parts out, byte-for-byte for every part nobody touched.

Output is deterministic: entries keep the input's order (new parts go last), every entry gets the same
timestamp and attributes, so the same inputs always give the same bytes.

A part nobody touched is copied as the input stores it, compressed bytes and CRC included, rather
than inflated and deflated again: a package's style parts are most of its bytes, and deflating them
anew was the largest single cost of writing a redline (issue #7). :func:`_zip` writes the archive
itself for that reason (the standard library's zipfile has no way to add a member already
compressed); it is the plain format every office suite reads: no data descriptors, no Zip64.
"""

from __future__ import annotations

import codecs
import io
import posixpath
import re
import struct
import zipfile
import zlib
from typing import NamedTuple

from lxml import etree

from akapen.ooxml.ns import CT_NS, NSMAP, PKG_REL_NS

MAIN_DOCUMENT_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_CONTENT_TYPES = "[Content_Types].xml"
_DOS_DATE = (1 << 5) | 1  # 1980-01-01, the first day a zip can say; 00:00:00 is time 0
_COPIED = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
"""Compression methods a member is copied in as it is; any other (no Word file uses one) is deflated."""
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_UTF8_NAME = 0x800  # general purpose flag bit 11: the name is UTF-8
_VERSION = 20  # "2.0": deflate, folders

# No DTDs or entities in OOXML: refuse to resolve any, never touch the network. huge_tree lets a
# document with a very long run load at all.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def parse_xml(data: bytes) -> etree._Element:
    """Parse one XML part."""
    return etree.fromstring(data, _PARSER)


def serialize_xml(root: etree._Element) -> bytes:
    """An XML part as Word writes it: UTF-8 with a standalone declaration."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


class Package:
    """An OPC package held in memory: part name (zip member name) → bytes, in the input's order."""

    def __init__(self, data: bytes) -> None:
        # Members are inflated when first read: checking a redline reads two of them, not the
        # megabyte of style parts a package may carry.
        self._data = data
        self._archive = zipfile.ZipFile(io.BytesIO(data))
        self._infos = {info.filename: info for info in self._archive.infolist()}
        self._parts: dict[str, bytes | None] = dict.fromkeys(self._infos)
        self._xml: dict[str, etree._Element] = {}
        self._edited: set[str] = set()

    @property
    def main_document(self) -> str:
        """Name of the main document part (``word/document.xml`` in every file Word writes)."""
        for rel in self.xml("_rels/.rels"):
            if rel.get("Type") == MAIN_DOCUMENT_REL:
                return _resolve("", rel.get("Target", ""))
        return "word/document.xml"

    def has(self, name: str) -> bool:
        return name in self._parts

    def read(self, name: str) -> bytes:
        """A part's bytes as they are now."""
        return serialize_xml(self._xml[name]) if name in self._edited else self._raw(name)

    def _raw(self, name: str) -> bytes:
        data = self._parts[name]
        if data is None:
            data = self._parts[name] = self._archive.read(name)
        return data

    def xml(self, name: str) -> etree._Element:
        """The parsed part, to read."""
        if name not in self._xml:
            self._xml[name] = parse_xml(self._raw(name))
        return self._xml[name]

    def edit(self, name: str) -> etree._Element:
        """The parsed part, to change: :meth:`to_bytes` writes it out again (other parts keep their
        bytes)."""
        self._edited.add(name)
        return self.xml(name)

    def add_xml(self, name: str, root: etree._Element, content_type: str) -> None:
        """Add a new XML part and its content type."""
        self._parts[name] = b""
        self._xml[name] = root
        self._edited.add(name)
        types = self.edit(_CONTENT_TYPES)
        part_name = "/" + name
        if not any(o.get("PartName", "").lower() == part_name.lower() for o in types):
            override = etree.SubElement(types, f"{{{CT_NS}}}Override")
            override.set("PartName", part_name)
            override.set("ContentType", content_type)

    def related(self, source: str, rel_type: str) -> str | None:
        """The part ``source`` points to with a relationship of ``rel_type``, if any."""
        rels = _rels_name(source)
        if not self.has(rels):
            return None
        for rel in self.xml(rels):
            if rel.get("Type") == rel_type and rel.get("TargetMode") != "External":
                return _resolve(posixpath.dirname(source), rel.get("Target", ""))
        return None

    def relate(self, source: str, rel_type: str, target: str) -> None:
        """Add a relationship from ``source`` to the part ``target`` (creating the rels part if needed)."""
        rels = _rels_name(source)
        if not self.has(rels):
            self.add_xml(
                rels,
                parse_xml(f'<Relationships xmlns="{PKG_REL_NS}"/>'.encode()),
                "application/vnd.openxmlformats-package.relationships+xml",
            )
        root = self.edit(rels)
        taken = {rel.get("Id", "") for rel in root}
        numbers = [int(m.group(1)) for i in taken if (m := re.fullmatch(r"rId(\d+)", i))]
        rel = etree.SubElement(root, f"{{{PKG_REL_NS}}}Relationship")
        rel.set("Id", f"rId{max(numbers, default=0) + 1}")
        rel.set("Type", rel_type)
        rel.set("Target", posixpath.relpath(target, posixpath.dirname(source) or "."))

    def free_name(self, wanted: str) -> str:
        """``wanted`` if no part has that name, else ``stem2.ext``, ``stem3.ext``…"""
        stem, ext = posixpath.splitext(wanted)
        name, n = wanted, 1
        while self.has(name):
            n += 1
            name = f"{stem}{n}{ext}"
        return name

    def max_id(self) -> int:
        """The largest numeric ``w:id`` in any XML part (revisions, comments, bookmarks, notes…); -1 if
        there is none."""
        ids = (
            str(value)
            for name in self._parts
            if name.endswith(".xml") and (name in self._xml or _may_hold_ids(self._raw(name)))
            for value in _xpath_list(self.xml(name), "//@w:id")
        )
        return max((int(v) for v in ids if v.lstrip("-").isdigit()), default=-1)

    def to_bytes(self) -> bytes:
        members = []
        for name in self._parts:
            info = self._infos.get(name)
            if name in self._edited or info is None or info.compress_type not in _COPIED:
                members.append(_deflated(name, self.read(name)))
            else:
                members.append(
                    _Member(name, info.compress_type, info.CRC, info.file_size, self._stored(info))
                )
        return _zip(members)

    def _stored(self, info: zipfile.ZipInfo) -> bytes:
        """A member's bytes as the input stores them (compressed), found through its local header."""
        header = _LOCAL.unpack_from(self._data, info.header_offset)
        start = info.header_offset + _LOCAL.size + header[10] + header[11]  # + name and extra field
        return self._data[start : start + info.compress_size]


class _Member(NamedTuple):
    name: str
    method: int
    crc: int
    size: int
    """Uncompressed."""
    payload: bytes
    """As stored: compressed with ``method``."""


def _deflated(name: str, data: bytes) -> _Member:
    # Raw deflate at zlib's default level, as zipfile writes it.
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -zlib.MAX_WBITS)
    payload = compressor.compress(data) + compressor.flush()
    return _Member(name, zipfile.ZIP_DEFLATED, zlib.crc32(data), len(data), payload)


def _zip(members: list[_Member]) -> bytes:
    """A zip archive of ``members`` in order, every entry dated 1980-01-01 with no attributes, so the
    same members always give the same bytes."""
    out, central = bytearray(), bytearray()
    for m in members:
        name = m.name.encode()
        flags = 0 if m.name.isascii() else _UTF8_NAME
        fields = (m.method, 0, _DOS_DATE, m.crc, len(m.payload), m.size, len(name))
        offset = len(out)
        out += _LOCAL.pack(b"PK\x03\x04", _VERSION, 0, flags, *fields, 0) + name + m.payload
        central += _CENTRAL.pack(
            b"PK\x01\x02", _VERSION, 0, _VERSION, 0, flags, *fields, 0, 0, 0, 0, 0, offset
        )
        central += name
    if len(out) + len(central) > 0xFFFFFFFF or len(members) > 0xFFFF:
        raise ValueError("the package is too large for a zip without Zip64")
    end = _END.pack(b"PK\x05\x06", 0, 0, len(members), len(members), len(central), len(out), 0)
    return bytes(out + central + end)


def _may_hold_ids(raw: bytes) -> bool:
    """Whether a part not parsed yet may have a ``w:id``: a namespaced attribute is written
    ``prefix:id``, so in an ASCII-compatible encoding its bytes contain ``:id``. Skipping the parts that
    cannot (styles, themes: most of a package's bytes) saves parsing them. UTF-16 parts are parsed."""
    ascii_compatible = raw.startswith((b"<", codecs.BOM_UTF8)) and b"\0" not in raw[:4]
    return not ascii_compatible or b":id" in raw


def _xpath_list(root: etree._Element, path: str) -> list[object]:
    found = root.xpath(path, namespaces=NSMAP)
    return list(found) if isinstance(found, list) else []


def document_xml(docx: bytes) -> bytes:
    """The main document part (``word/document.xml``) of a .docx."""
    package = Package(docx)
    return package.read(package.main_document)


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _resolve(folder: str, target: str) -> str:
    """A relationship target as a zip member name (targets are relative to the source's folder, or
    absolute from the package root)."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target))
