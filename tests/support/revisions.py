"""Helpers for tests of the tracked-changes writer: plans written by hand, DOCX drafts read without the
product's reader, and the structural rules Word insists on (LibreOffice forgives more than Word)."""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter

from docx.document import Document as DocxDocument
from lxml import etree

from akapen import ooxml
from akapen.model import Block, Note, ParagraphPlan, Piece, PieceOp, RevisionKind, Role, Source
from akapen.ooxml import qn
from akapen.ooxml.package import parse_xml
from akapen.ooxml.walk import mark_removed, next_paragraph

_OPS: dict[str, PieceOp] = {"=": "equal", "+": "insert", "-": "delete"}
_REVISIONS = [qn(f"w:{t}") for t in ("ins", "del", "moveFrom", "moveTo")]


def entry(
    block: int | None,
    *parts: str,
    mark: PieceOp = "equal",
    kind: RevisionKind | None = None,
    like: int | None = None,
    notes: tuple[Note, ...] = (),
    role: Role = "other",
    depth: int = 0,
) -> ParagraphPlan:
    """A plan entry from ``"=shared"``, ``"+draft only"``, ``"-model only"`` parts; offsets computed.
    A model-only entry (block None) gets a deleted mark."""
    pieces: list[Piece] = []
    offset = 0
    for part in parts:
        op, text = _OPS[part[0]], part[1:]
        if op == "delete":
            pieces.append(Piece("delete", text, -1, kind))
        else:
            pieces.append(Piece(op, text, offset, kind if op == "insert" else None))
            offset += len(text)
    return ParagraphPlan(
        block,
        tuple(pieces),
        mark="delete" if block is None else mark,
        mark_kind=kind or "substantive",
        like=like,
        role=role,
        depth=depth,
        notes=notes,
    )


def docx_source(document: DocxDocument | bytes, path: str = "draft.docx") -> Source:
    """A DOCX Source as the reader would give it (blocks from the shared walk), independent of it."""
    if isinstance(document, bytes):
        data = document
    else:
        buffer = io.BytesIO()
        document.save(buffer)
        data = buffer.getvalue()
    body = parse_xml(document_xml(data)).find(qn("w:body"))
    assert body is not None
    blocks = tuple(
        Block(i, ooxml.paragraph_text(p), place="table" if in_table else "body")
        for i, (p, in_table) in enumerate(ooxml.iter_blocks(body))
    )
    return Source(path, "docx", blocks, data=data)


def text_source(lines: list[str], path: str = "draft.txt") -> Source:
    return Source(path, "text", tuple(Block(i, line) for i, line in enumerate(lines)), encoding="utf-8")


def part(docx: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return archive.read(name)


def document_xml(docx: bytes) -> bytes:
    return part(docx, "word/document.xml")


def parts(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def structure_problems(docx: bytes) -> list[str]:
    """What Word would object to in the revisions and comments of ``docx`` (empty when all is well)."""
    problems: list[str] = []
    xml = document_xml(docx)
    if re.search(rb"<ns\d+:", xml):
        problems.append("an element akapen made lost the document's w: prefix")
    root = etree.fromstring(xml)
    ids = Counter(el.get(qn("w:id")) for el in root.iter(*_REVISIONS))
    problems += [f"revision id {i} used {n} times" for i, n in ids.items() if n > 1]
    for el in root.iter(*_REVISIONS):
        if el.get(qn("w:id")) is None or el.get(qn("w:author")) is None:
            problems.append(f"{el.tag} without w:id or w:author")
    for t in root.iter(qn("w:t")):
        if any(a.tag == qn("w:del") for a in t.iterancestors()):
            problems.append(f"w:t inside w:del: {t.text!r}")
    for t in root.iter(qn("w:delText")):
        if not any(a.tag in (qn("w:del"), qn("w:moveFrom")) for a in t.iterancestors()):
            problems.append(f"w:delText outside w:del: {t.text!r}")
    for rpr in root.iterfind(".//w:pPr/w:rPr", namespaces=ooxml.NSMAP):
        marks = [i for i, c in enumerate(rpr) if c.tag in _REVISIONS]
        if marks and marks != list(range(len(marks))):
            problems.append("a paragraph-mark revision is not first in w:pPr/w:rPr")
        following = rpr.getnext()
        if following is not None and following.tag not in (qn("w:sectPr"), qn("w:pPrChange")):
            problems.append(f"w:rPr before {following.tag} in w:pPr (schema order)")
    problems += _comment_problems(docx, root)
    return problems


def _comment_problems(docx: bytes, root: etree._Element) -> list[str]:
    anchors = {
        tag: [el.get(qn("w:id")) for el in root.iter(qn(f"w:{tag}"))]
        for tag in ("commentRangeStart", "commentRangeEnd", "commentReference")
    }
    if not any(anchors.values()):
        return []
    names = parts(docx)
    if "word/comments.xml" not in names:
        return ["comments are anchored but word/comments.xml is missing"]
    problems = []
    if b"wordprocessingml.comments+xml" not in names["[Content_Types].xml"]:
        problems.append("no content type for the comments part")
    if b"relationships/comments" not in names["word/_rels/document.xml.rels"]:
        problems.append("no relationship to the comments part")
    comments = etree.fromstring(names["word/comments.xml"])
    ids = [c.get(qn("w:id")) for c in comments.iter(qn("w:comment"))]
    if len(ids) != len(set(ids)):
        problems.append("duplicate comment ids")
    for tag, found in anchors.items():
        if sorted(found, key=str) != sorted(set(found), key=str) or not set(found) <= set(ids):
            problems.append(f"{tag} ids {found} do not match the comments {ids}")
    return problems


def libreoffice_joins_insertions(docx: bytes) -> bool:
    """Whether LibreOffice's Reject All will wrongly join two paragraphs here. Its DOCX import (7.4)
    makes one change of two insertions with only a plain (untracked) paragraph mark between them (an
    inserted paragraph mark counts as an insertion), and rejecting that change removes the plain mark
    too. Word keeps it."""
    body = etree.fromstring(document_xml(docx)).find(qn("w:body"))
    assert body is not None
    atoms: list[str] = []  # per character and paragraph mark: "ins", "del", "plain" or "mark"
    for p, _ in ooxml.iter_blocks(body):
        for leaf in p.iter(qn("w:t"), qn("w:delText"), qn("w:tab")):
            if leaf.text or leaf.tag == qn("w:tab"):
                tags = {a.tag for a in leaf.iterancestors()}
                atoms.append("ins" if qn("w:ins") in tags else "del" if qn("w:del") in tags else "plain")
        atoms.append("ins" if mark_removed(p, "reject") else "del" if mark_removed(p, "accept") else "mark")
        if next_paragraph(p) is None:
            atoms.append("|")  # end of a body, cell or content control
    return any(atoms[i : i + 3] == ["ins", "mark", "ins"] for i in range(len(atoms) - 2))
