"""The redline: the counterparty's draft with tracked changes back to the model contract, and comments.

Accept All gives exactly the draft, Reject All exactly the model (model → draft). For a DOCX draft the
output is the draft's own package; only the main document (and the comments part) change. For a text
draft akapen lays out a fresh document first. Either way the plan (:class:`~akapen.model.ParagraphPlan`)
says what each paragraph holds; this module maps its pieces onto runs and asks :mod:`akapen.ooxml` for
the XML.

Decisions worth knowing:

- Revisions the DOCX draft already has are accepted first (the text akapen read was the accepted
  view), except that a deleted paragraph mark stays an ordinary mark so block indices keep pointing at
  the same paragraphs (:func:`akapen.ooxml.revisions.accept_revisions`).
- The last paragraph of a body or cell (and one before a table, or ending a section) keeps its mark:
  Word and LibreOffice cannot remove it. When the plan's last paragraphs there are inserted or deleted,
  their mark revisions move one paragraph up (each mark then records the fate of the paragraph after
  it), which gives the same Accept All / Reject All text. A cell with no paragraph common to both sides
  gets its last model-only paragraph merged into a draft paragraph (deleted text + inserted text).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from lxml import etree

from akapen.model import Note, ParagraphPlan, Piece, PieceOp, RevisionKind, Source
from akapen.ooxml import comments as ooxml_comments
from akapen.ooxml import fresh, revisions
from akapen.ooxml.ns import qn
from akapen.ooxml.package import Package
from akapen.ooxml.runs import (
    Unit,
    move_content,
    paragraph_like,
    run,
    run_properties,
    split_at,
)
from akapen.ooxml.tree import Spot
from akapen.ooxml.walk import ends_section, iter_blocks, next_paragraph, paragraph_text

_INS = qn("w:ins")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
_INDENT_PER_LEVEL = 420  # twips: two characters of 10.5 pt
_LOOKS = {
    "title": fresh.Look(center=True, bold=True, size=28),
    "article": fresh.Look(bold=True, keep_next=True, outline_level=0),
}


def build_redline(
    draft: Source,
    plan: Sequence[ParagraphPlan],
    *,
    author: str,
    authors: Mapping[RevisionKind, str],
    date: str,
) -> bytes:
    """The .docx bytes of the redline.

    ``author`` names substantive revisions; ``authors`` names the other kinds (cosmetic, renumbering,
    template), falling back to ``author``. ``date`` is ``YYYY-MM-DDTHH:MM:SSZ``. Pure: no file I/O, and
    the same inputs always give the same bytes.
    """
    if not _DATE.fullmatch(date):
        raise ValueError(f"revision date must look like 2024-04-01T09:00:00Z, got {date!r}")
    _check_plan(draft, plan)
    if draft.kind == "docx":
        package = Package(draft.data)
        document = package.edit(package.main_document)
        revisions.accept_revisions(document)
        paragraphs = _lay_out_docx(_body(document), draft, plan)
    else:
        package = Package(fresh.blank_package())
        document = package.edit(package.main_document)
        paragraphs = _lay_out_text(fresh.use_a4(_body(document)), draft, plan)
    writer = _Writer(itertools.count(package.max_id() + 1), author, authors, date)
    for paragraph in paragraphs:
        writer.render(paragraph)
    writer.mark(paragraphs)
    ooxml_comments.add_comments(package, writer.comments)
    return package.to_bytes()


def expected_paragraphs(plan: Sequence[ParagraphPlan], *, accepted: bool) -> list[str]:
    """The paragraph texts Accept All (``accepted``) or Reject All should leave, as the plan says: what
    :func:`akapen.ooxml.accepted_paragraphs` / :func:`~akapen.ooxml.rejected_paragraphs` of the output
    are checked against."""
    kept, dropped = ("insert", "delete") if accepted else ("delete", "insert")
    return [
        "".join(p.text for p in entry.pieces if p.op in ("equal", kept))
        for entry in plan
        if entry.mark != dropped
    ]


# ---------------------------------------------------------------------------------------------------------
# Checking the plan: a mismatch is a bug upstream, and would otherwise put revisions on wrong characters.


def _check_plan(draft: Source, plan: Sequence[ParagraphPlan]) -> None:
    blocks = [entry.block for entry in plan if entry.block is not None]
    if blocks != list(range(len(draft.blocks))):
        raise ValueError(f"the plan must list draft blocks 0..{len(draft.blocks) - 1} once each, in order")
    for entry in plan:
        if entry.like is not None and not 0 <= entry.like < len(draft.blocks):
            raise ValueError(f"plan entry borrows formatting from block {entry.like}, which does not exist")
        for note in entry.notes:
            if not 0 <= note.first <= note.last < len(entry.pieces):
                raise ValueError(f"note {note.text!r} is anchored on pieces that do not exist")
        if entry.block is None:
            if entry.mark != "delete" or any(p.op != "delete" for p in entry.pieces):
                raise ValueError("a model-only paragraph has a deleted mark and only deleted pieces")
            continue
        offset = 0
        for piece in entry.pieces:
            if piece.op == "delete":
                continue
            if piece.start != offset:
                raise ValueError(f"block {entry.block}: piece {piece.text!r} should start at {offset}")
            offset += len(piece.text)
        text = "".join(p.text for p in entry.pieces if p.op != "delete")
        if text != draft.blocks[entry.block].text:
            raise ValueError(f"block {entry.block}: the plan's text differs from the draft's")


# ---------------------------------------------------------------------------------------------------------
# Laying out the output paragraphs.


@dataclass
class _Paragraph:
    """One ``w:p`` of the output and everything the plan puts in it."""

    p: etree._Element
    pieces: Sequence[Piece]
    notes: Sequence[Note]
    mark: PieceOp
    mark_kind: RevisionKind
    rpr: etree._Element | None
    """Formatting for deleted text where the paragraph has no run to borrow it from."""
    tops: list[tuple[etree._Element, etree._Element] | None] = field(default_factory=list)
    """Per piece: its first and last element at paragraph level (comments are anchored on them)."""


def _body(document: etree._Element) -> etree._Element:
    body = document.find(qn("w:body"))
    if body is None:
        raise ValueError("the main document part has no w:body")
    return body


def _lay_out_docx(body: etree._Element, draft: Source, plan: Sequence[ParagraphPlan]) -> list[_Paragraph]:
    blocks = [p for p, _ in iter_blocks(body)]
    if len(blocks) != len(draft.blocks):
        raise ValueError(f"the draft has {len(blocks)} paragraphs but the source lists {len(draft.blocks)}")
    for entry in plan:
        if entry.block is not None and paragraph_text(blocks[entry.block]) != draft.blocks[entry.block].text:
            raise ValueError(f"block {entry.block}: the Word paragraph's text differs from the source's")
    first = _first_draft_paragraph(plan, blocks)
    out: list[_Paragraph] = []
    waiting: list[_Paragraph] = []  # model-only paragraphs before the first draft paragraph
    for entry in plan:
        if entry.block is not None:
            p = blocks[entry.block]
            for new in waiting:
                p.addprevious(new.p)
            waiting = []
            out.append(
                _Paragraph(p, entry.pieces, entry.notes, entry.mark, entry.mark_kind, run_properties(p))
            )
            continue
        # The look of the paragraph named by the plan, else of the one before (the first one at the start).
        like: etree._Element | None
        if entry.like is not None:
            like, rpr = blocks[entry.like], run_properties(blocks[entry.like])
        elif out:
            like, rpr = out[-1].p, out[-1].rpr
        else:
            like, rpr = first, run_properties(first) if first is not None else None
        new = _Paragraph(paragraph_like(like), entry.pieces, entry.notes, "delete", entry.mark_kind, rpr)
        if out and not waiting:
            out[-1].p.addnext(new.p)
        else:
            waiting.append(new)
        out.append(new)
    if waiting:  # no draft paragraph at all
        section = body.find(qn("w:sectPr"))
        for new in waiting:
            if section is None:
                body.append(new.p)
            else:
                section.addprevious(new.p)
    return out


def _first_draft_paragraph(
    plan: Sequence[ParagraphPlan], blocks: list[etree._Element]
) -> etree._Element | None:
    first = next((entry.block for entry in plan if entry.block is not None), None)
    return None if first is None else blocks[first]


def _lay_out_text(section: etree._Element, draft: Source, plan: Sequence[ParagraphPlan]) -> list[_Paragraph]:
    end = Spot(section, "before")  # the template's body holds nothing but its section
    out: list[_Paragraph] = []
    for entry in plan:
        text = draft.blocks[entry.block].text if entry.block is not None else ""
        look = _LOOKS.get(entry.role, fresh.Look())
        look = look._replace(indent=entry.depth * _INDENT_PER_LEVEL)
        p = fresh.styled_paragraph(look)
        rpr = fresh.look_run_properties(look)
        if text:
            p.append(run(text, rpr))
        end = end.put(p)
        out.append(_Paragraph(p, entry.pieces, entry.notes, entry.mark, entry.mark_kind, rpr))
    return out


# ---------------------------------------------------------------------------------------------------------
# Writing revisions.


class _Writer:
    def __init__(
        self, ids: Iterator[int], author: str, authors: Mapping[RevisionKind, str], date: str
    ) -> None:
        self._ids = ids
        self._author = author
        self._authors = authors
        self._date = date
        self.comments: list[ooxml_comments.Comment] = []

    def _stamp(self, kind: RevisionKind | None) -> revisions.Stamp:
        author = self._author if kind in (None, "substantive") else self._authors.get(kind, self._author)
        return revisions.Stamp(next(self._ids), author, self._date)

    def render(self, para: _Paragraph) -> None:
        """Inline revisions and comments of one paragraph."""
        spans: list[tuple[int, int]] = []
        length = 0
        for piece in para.pieces:
            width = 0 if piece.op == "delete" else len(piece.text)
            spans.append((length, length + width))
            length += width
        units = split_at(para.p, sorted({x for span in spans for x in span}))
        texts = [u for u in units if u.end > u.start]
        # Insertions first, so that deleted text placed next to them lands outside their w:ins.
        for piece, (start, end) in zip(para.pieces, spans, strict=True):
            if piece.op == "insert" and start < end:
                self._wrap(units, start, end, length, piece.kind)
        para.tops = []
        previous_delete: etree._Element | None = None
        for piece, (start, end) in zip(para.pieces, spans, strict=True):
            if piece.op == "delete":
                spot = (
                    Spot(previous_delete, "after")
                    if previous_delete is not None
                    else _spot(para.p, texts, start)
                )
                el = revisions.deleted(
                    piece.text, _neighbour_rpr(para, texts, start), self._stamp(piece.kind)
                )
                spot.put(el)
                para.tops.append((el, el))
                previous_delete = el
                continue
            if start < end:
                previous_delete = None
            inside = [u for u in texts if start <= u.start and u.end <= end]
            para.tops.append((_top(inside[0].element), _top(inside[-1].element)) if inside else None)
        for note in para.notes:
            self._anchor(para, note, texts, spans)

    def _wrap(self, units: list[Unit], start: int, end: int, length: int, kind: RevisionKind | None) -> None:
        """Put the units of the inserted stretch ``[start, end)`` into ``w:ins``, one per row of sibling
        elements. Content without text goes along when it sits inside the stretch or at an edge of the
        paragraph the stretch reaches (a picture or field in an inserted paragraph is inserted too)."""
        members = [
            u.element
            for u in units
            if (u.end > u.start and start <= u.start and u.end <= end)
            or (
                u.end == u.start
                and (start < u.start < end or u.start == start == 0 or u.start == end == length)
            )
        ]
        rows: list[list[etree._Element]] = []
        for el in members:
            if el.tag not in revisions.INS_CONTENT:
                rows.append([])  # cannot sit in w:ins (a simple field…): left as it is
            elif rows and rows[-1] and el.getprevious() is rows[-1][-1]:
                rows[-1].append(el)
            else:
                rows.append([el])
        for row in rows:
            if row:
                revisions.wrap_inserted(row, self._stamp(kind))

    def _anchor(self, para: _Paragraph, note: Note, texts: list[Unit], spans: list[tuple[int, int]]) -> None:
        """A comment on pieces ``note.first..note.last``."""
        covered = [t for t in para.tops[note.first : note.last + 1] if t is not None]
        comment_id = next(self._ids)
        start = Spot(covered[0][0], "before") if covered else _spot(para.p, texts, spans[note.first][0])
        after_start = start.put(ooxml_comments.range_start(comment_id))
        end = Spot(covered[-1][1], "after") if covered else after_start
        end.put(ooxml_comments.range_end(comment_id)).put(ooxml_comments.reference_run(comment_id))
        self.comments.append(ooxml_comments.Comment(comment_id, note.author, self._date, note.text))

    def mark(self, paragraphs: list[_Paragraph]) -> None:
        """Paragraph-mark revisions, group by group of paragraphs that can join each other."""
        for group in _groups(paragraphs):
            _merge_if_nothing_shared(group)
            for para, (op, kind) in zip(group, _shifted_marks(group), strict=True):
                if op != "equal":
                    revisions.mark_paragraph(para.p, op, self._stamp(kind))


def _top(el: etree._Element) -> etree._Element:
    """The element at the level of its container: its ``w:ins`` if it was wrapped in one (the draft's
    own insertions were accepted, so every ``w:ins`` left is ours)."""
    parent = el.getparent()
    return parent if parent is not None and parent.tag == _INS else el


def _spot(p: etree._Element, texts: list[Unit], offset: int) -> Spot:
    """Where text at ``offset`` of the accepted view goes: after the content before it (before the
    first content at offset 0; at the end of an empty paragraph). An offset inside a unit that could not
    be cut goes before that unit."""
    before = [u for u in texts if u.end <= offset]
    if before:
        return Spot(_top(before[-1].element), "after")
    if texts:
        return Spot(_top(texts[0].element), "before")
    return Spot(p, "end")


def _neighbour_rpr(para: _Paragraph, texts: list[Unit], offset: int) -> etree._Element | None:
    """Formatting for deleted text at ``offset``: that of the run before it (or after it, at the start);
    the paragraph's default when it has no text."""
    before = [u for u in texts if u.end <= offset]
    neighbour = before[-1] if before else (texts[0] if texts else None)
    return run_properties(neighbour.element) if neighbour is not None else para.rpr


def _groups(paragraphs: list[_Paragraph]) -> list[list[_Paragraph]]:
    """Runs of consecutive paragraphs where a removed mark joins a paragraph to the next one. A group
    ends at the end of a body or cell, before a table, and at a section break (whose mark akapen never
    removes)."""
    groups: list[list[_Paragraph]] = []
    for para in paragraphs:
        if groups and next_paragraph(groups[-1][-1].p) is para.p and not ends_section(groups[-1][-1].p):
            groups[-1].append(para)
        else:
            groups.append([para])
    return groups


def _merge_if_nothing_shared(group: list[_Paragraph]) -> None:
    """A group with no paragraph common to both sides (a table cell rewritten whole) cannot be
    expressed with paragraph marks alone: its last paragraph mark stays in both views. Merge an
    adjacent model-only and draft paragraph into one (deleted text, then inserted text) to give the
    group that common paragraph."""
    if any(para.mark == "equal" for para in group):
        return
    for first, second in reversed(list(itertools.pairwise(group))):
        if {first.mark, second.mark} == {"insert", "delete"}:
            gone, kept = (first, second) if first.mark == "delete" else (second, first)
            move_content(gone.p, kept.p, at_start=gone is first)
            kept.mark = "equal"
            group.remove(gone)
            return


def _shifted_marks(group: list[_Paragraph]) -> list[tuple[PieceOp, RevisionKind]]:
    """The mark revision each paragraph of a group gets.

    Shifting: the paragraphs from a common one up to (not including) the next common one may each take
    the mark of the paragraph after them, the last of them keeping a plain mark. Accept All then joins
    each deleted paragraph's empty remains to the paragraph before it, Reject All each inserted one's,
    so both views stay exact (checked with LibreOffice). After the last common paragraph this is a must:
    the group's last mark cannot be removed. Between two common paragraphs it is a choice, made to
    sidestep a LibreOffice quirk: its DOCX import joins an insertion that ends a paragraph and one that
    starts the next (same author) into one change, and Reject All then removes the plain paragraph mark
    between them too. Shifting moves the plain mark from the start of the run to its end."""
    marks = [(para.mark, para.mark_kind) for para in group]
    common = [i for i, (op, _) in enumerate(marks) if op == "equal"] or [0]
    plain: tuple[PieceOp, RevisionKind] = ("equal", "substantive")
    out = list(marks)
    for start, end in [*itertools.pairwise(common), (common[-1], len(group))]:
        if end - start < 2:
            continue
        at_end = end == len(group)
        joined_unshifted = _ends_inserted(group[start]) and _starts_inserted(group[start + 1])
        joined_shifted = not at_end and _ends_inserted(group[end - 1]) and _starts_inserted(group[end])
        if at_end or (joined_unshifted and not joined_shifted):
            out[start : end - 1] = marks[start + 1 : end]
            out[end - 1] = plain
    return out


def _ends_inserted(para: _Paragraph) -> bool:
    last = next((p for p in reversed(para.pieces) if p.text), None)
    return last is not None and last.op == "insert"


def _starts_inserted(para: _Paragraph) -> bool:
    first = next((p for p in para.pieces if p.text), None)
    return first is not None and first.op == "insert"
