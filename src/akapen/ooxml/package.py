"""The .docx zip: parts in, parts out, byte-for-byte for every part nobody touched.

Output is deterministic: entries keep the input's order (new parts go last), every entry gets the same
timestamp and attributes, so the same inputs always give the same bytes.
"""

from __future__ import annotations

import codecs
import io
import posixpath
import re
import zipfile

from lxml import etree

from akapen.ooxml.ns import CT_NS, NSMAP, PKG_REL_NS

MAIN_DOCUMENT_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_CONTENT_TYPES = "[Content_Types].xml"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

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
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self._parts = {info.filename: archive.read(info) for info in archive.infolist()}
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
        return serialize_xml(self._xml[name]) if name in self._edited else self._parts[name]

    def xml(self, name: str) -> etree._Element:
        """The parsed part, to read."""
        if name not in self._xml:
            self._xml[name] = parse_xml(self._parts[name])
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
            for name, raw in self._parts.items()
            if name.endswith(".xml") and (name in self._xml or _may_hold_ids(raw))
            for value in _xpath_list(self.xml(name), "//@w:id")
        )
        return max((int(v) for v in ids if v.lstrip("-").isdigit()), default=-1)

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            for name in self._parts:
                info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 0  # ZipInfo defaults to the host OS: fix it so bytes match everywhere
                info.external_attr = 0
                archive.writestr(info, self.read(name))
        return out.getvalue()


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
