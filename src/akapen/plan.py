"""Planning the redline: from an alignment to the list of output paragraphs and the list of changes.

Both contracts are flattened into *lines* — each title/前文 part, article heading, 項 and 号 in
document order. Aligned lines are diffed word by word; the rest are whole-line insertions or
deletions. The output order is a merge that keeps the draft's order and the model's order at the same
time, so Accept All reads exactly as the draft and Reject All exactly as the model. A line pair the
two orders cannot both keep (a moved article) is written as a deletion where the model had it and an
insertion where the draft has it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from akapen.align import heaviest_chain
from akapen.diff import Edit, Numbering, diff
from akapen.model import (
    Aligned,
    Alignment,
    Change,
    Contract,
    Item,
    ParagraphPlan,
    Piece,
    RevisionKind,
    Role,
    Spans,
    span_text,
)
from akapen.refs import article_ref, item_ref, paragraph_ref

__all__ = ["Plan", "plan_redline"]

LineKey = tuple[object, ...]


@dataclass(frozen=True)
class _Line:
    """One unit of text of one side: a part, an article's heading line, a 項 or a 号."""

    key: LineKey
    spans: Spans
    text: str
    role: Role
    depth: int
    article: int | None
    """Index of the article the line belongs to (None for text outside the articles)."""
    ref: str | None
    label: tuple[int, int]
    """Where the line's own label (第4条, 2., (3)) stands in ``text``; (0, 0) when it has none."""


@dataclass(frozen=True)
class Plan:
    """What the writer is to produce, and the changes it shows, in reading order."""

    paragraphs: tuple[ParagraphPlan, ...]
    changes: tuple[Change, ...]
    accepted: tuple[str, ...]
    """The output's paragraphs as Accept All must read them: the draft's blocks."""
    rejected: tuple[str, ...]
    """The output's paragraphs as Reject All must read them: the model, in the draft's line layout."""


def plan_redline(alignment: Alignment) -> Plan:
    """Decide every output paragraph and piece for a redline of ``alignment.draft`` against its model."""
    model_lines, draft_lines = _lines(alignment.model), _lines(alignment.draft)
    m_index = {line.key: i for i, line in enumerate(model_lines)}
    d_index = {line.key: i for i, line in enumerate(draft_lines)}
    links = list(_line_links(alignment))
    kept = {
        (m_index[mk], d_index[dk])
        for mk, dk, status in links
        if status == "matched" and mk in m_index and dk in d_index
    }
    chain = [(a, b) for a, b, _ in heaviest_chain([(a, b, 1.0) for a, b in sorted(kept)])]
    numbering = _Numbering(alignment)
    partner_d = {m_index[mk]: d_index[dk] for mk, dk, _ in links if mk in m_index and dk in d_index}
    partner_m = {d: m for m, d in partner_d.items()}
    builder = _Builder(alignment, model_lines, draft_lines)
    for step in _merge(model_lines, draft_lines, chain):
        kind, m, d = step
        if kind == "pair":
            assert m is not None and d is not None
            builder.pair(model_lines[m], draft_lines[d], numbering.for_lines(model_lines[m], draft_lines[d]))
        elif kind == "del":
            assert m is not None
            builder.delete(model_lines[m], partner=partner_d.get(m))
        else:
            assert d is not None
            builder.insert(draft_lines[d], partner=partner_m.get(d))
    # Moved lines: their word-level differences are what the lawyer wants to know about them.
    for mk, dk, status in links:
        if status == "moved" and mk in m_index and dk in d_index:
            m_line, d_line = model_lines[m_index[mk]], draft_lines[d_index[dk]]
            builder.changes.extend(
                _changes(
                    diff(m_line.text, d_line.text, numbering.for_lines(m_line, d_line)),
                    m_line.ref,
                    d_line.ref,
                )
            )
    return builder.finish()


# ---------------------------------------------------------------------------------------------------------
# Lines


def _lines(contract: Contract) -> list[_Line]:
    source = contract.source
    lines: list[_Line] = []
    for i, part in enumerate(contract.parts):
        role: Role = "title" if part.kind == "title" else "other"
        lines.append(
            _Line(("part", i), part.spans, span_text(source, part.spans), role, 0, None, None, (0, 0))
        )
    for ai, article in enumerate(contract.articles):
        aref = article_ref(article)
        text = span_text(source, article.spans)
        lines.append(
            _Line(
                ("article", ai),
                article.spans,
                text,
                "article",
                0,
                ai,
                aref,
                _label_range(text, article.label),
            )
        )
        for pi, p in enumerate(article.paragraphs):
            pref = paragraph_ref(article, p)
            text = span_text(source, p.spans)
            lines.append(
                _Line(("para", ai, pi), p.spans, text, "paragraph", 0, ai, pref, _label_range(text, p.label))
            )
            lines.extend(_item_lines(contract, ai, (pi,), pref, p.items, 0))
    lines.sort(key=lambda line: (line.spans[0].block, line.spans[0].start) if line.spans else (-1, -1))
    return lines


def _item_lines(
    contract: Contract, ai: int, path: tuple[int, ...], parent_ref: str, items: Sequence[Item], depth: int
) -> Iterator[_Line]:
    for k, item in enumerate(items):
        ref = item_ref(parent_ref, item, depth, k + 1)
        text = span_text(contract.source, item.spans)
        yield _Line(
            ("item", ai, *path, k),
            item.spans,
            text,
            "item",
            depth + 1,
            ai,
            ref,
            _label_range(text, item.label),
        )
        yield from _item_lines(contract, ai, (*path, k), ref, item.items, depth + 1)


def _label_range(text: str, label: str | None) -> tuple[int, int]:
    if not label:
        return (0, 0)
    at = text.find(label)
    return (at, at + len(label)) if at >= 0 else (0, 0)


def _line_links(alignment: Alignment) -> Iterator[tuple[LineKey, LineKey, str]]:
    """(model line key, draft line key, status) for every aligned pair of lines."""
    for part in alignment.parts:
        if part.a is not None and part.b is not None:
            yield ("part", part.a), ("part", part.b), part.status
    for article in alignment.articles:
        if article.a is None or article.b is None:
            continue
        yield ("article", article.a), ("article", article.b), article.status
        for p in article.children:
            yield from _node_links(article.a, article.b, (), (), p, "para", article.status == "moved")


def _node_links(
    ma: int, da: int, m_path: tuple[int, ...], d_path: tuple[int, ...], node: Aligned, kind: str, moved: bool
) -> Iterator[tuple[LineKey, LineKey, str]]:
    if node.a is None or node.b is None:
        return
    m_path, d_path = (*m_path, node.a), (*d_path, node.b)
    moved = moved or node.status == "moved"
    yield (kind, ma, *m_path), (kind, da, *d_path), "moved" if moved else node.status
    for child in node.children:
        yield from _node_links(ma, da, m_path, d_path, child, "item", moved)


# ---------------------------------------------------------------------------------------------------------
# Ordering


def _merge(
    model: Sequence[_Line], draft: Sequence[_Line], chain: Sequence[tuple[int, int]]
) -> Iterator[tuple[str, int | None, int | None]]:
    """Interleave both sides: each chained pair once, every other line of each side in its own order.

    Between two pairs, lines that still belong to the article just passed come first (a 項 removed
    from or added to the end of that article), then the rest of the model's, then the draft's."""
    m = d = 0
    prev_m_article: int | None = None
    prev_d_article: int | None = None
    for a, b in [*chain, (len(model), len(draft))]:
        gap_m, gap_d = list(range(m, a)), list(range(d, b))
        head_m = _prefix(gap_m, model, prev_m_article)
        head_d = _prefix(gap_d, draft, prev_d_article)
        yield from (("del", i, None) for i in gap_m[:head_m])
        yield from (("ins", None, j) for j in gap_d[:head_d])
        yield from (("del", i, None) for i in gap_m[head_m:])
        yield from (("ins", None, j) for j in gap_d[head_d:])
        if a < len(model):
            yield ("pair", a, b)
            prev_m_article, prev_d_article = model[a].article, draft[b].article
        m, d = a + 1, b + 1


def _prefix(gap: Sequence[int], lines: Sequence[_Line], article: int | None) -> int:
    n = 0
    while (
        article is not None
        and n < len(gap)
        and lines[gap[n]].article == article
        and lines[gap[n]].role != "article"
    ):
        n += 1
    return n


# ---------------------------------------------------------------------------------------------------------
# Renumbering context


class _Numbering:
    def __init__(self, alignment: Alignment) -> None:
        self.articles: dict[int, int] = {}
        self.paragraphs: dict[int, dict[int, int]] = {}
        model, draft = alignment.model.articles, alignment.draft.articles
        for pair in alignment.articles:
            if pair.a is None or pair.b is None:
                continue
            ma, da = model[pair.a], draft[pair.b]
            if ma.number is not None and da.number is not None and not ma.branch and not da.branch:
                self.articles[ma.number] = da.number
            if ma.number is not None:
                self.paragraphs[ma.number] = {
                    ma.paragraphs[c.a].number: da.paragraphs[c.b].number
                    for c in pair.children
                    if c.a is not None and c.b is not None
                }
        self.model_numbers = [a.number for a in model]

    def for_lines(self, m: _Line, d: _Line) -> Numbering:
        current = self.model_numbers[m.article] if m.article is not None else None
        return Numbering(self.articles, self.paragraphs, current, m.label, d.label)


# ---------------------------------------------------------------------------------------------------------
# Pieces per block


class _Builder:
    def __init__(self, alignment: Alignment, model: Sequence[_Line], draft: Sequence[_Line]) -> None:
        self.alignment = alignment
        self.draft_source = alignment.draft.source
        self.model_lines, self.draft_lines = model, draft
        self.pieces: dict[int, list[Piece]] = {}
        self.block_role: dict[int, tuple[Role, int]] = {}
        self.order: list[tuple[str, ParagraphPlan | None, int]] = []
        """Output order: ("block", None, draft block) or ("deleted", plan, the model block it restores)."""
        self.changes: list[Change] = []
        self.rejected_for_block: dict[int, list[str]] = {}
        self.article_of_draft = self._article_refs(alignment)

    @staticmethod
    def _article_refs(alignment: Alignment) -> dict[tuple[str, int], str | None]:
        """For a 項/号 added to (removed from) an aligned article: the other side's article ref."""
        refs: dict[tuple[str, int], str | None] = {}
        for pair in alignment.articles:
            if pair.a is not None and pair.b is not None:
                refs[("draft", pair.b)] = article_ref(alignment.model.articles[pair.a])
                refs[("model", pair.a)] = article_ref(alignment.draft.articles[pair.b])
        return refs

    # -- entries
    def pair(self, m: _Line, d: _Line, numbering: Numbering) -> None:
        edits = diff(m.text, d.text, numbering)
        self._place(d, edits)
        self.changes.extend(_changes(edits, m.ref, d.ref))

    def insert(self, d: _Line, partner: int | None) -> None:
        """Draft-only text. A moved line (it has a partner) reports its word changes separately."""
        self._place(d, (Edit("insert", d.text, 0, 0, "substantive"),) if d.text else ())
        if d.text.strip() and partner is None:
            other = (
                self.article_of_draft.get(("draft", d.article))
                if d.article is not None and d.role != "article"
                else None
            )
            self.changes.append(Change("substantive", other, d.ref, "", d.text.strip()))

    def delete(self, m: _Line, partner: int | None) -> None:
        """Model-only text becomes deleted paragraphs, one per model line (block) it stands on, so Reject
        All gives back the model's own lines; lines sharing a block (statute style) share the paragraph."""
        like = self._like(m.role)
        model_blocks = self.alignment.model.source.blocks
        for span in m.spans:
            text = model_blocks[span.block].text[span.start : span.end]
            if self.order and self.order[-1][0] == "deleted" and self.order[-1][2] == span.block:
                previous = self.order[-1][1]
                assert isinstance(previous, ParagraphPlan)
                text = previous.pieces[0].text + text
                like, role, depth = previous.like, previous.role, previous.depth
                self.order.pop()
            else:
                role, depth = m.role, m.depth
            plan = ParagraphPlan(
                None,
                (Piece("delete", text, kind="substantive"),),
                mark="delete",
                like=like,
                role=role,
                depth=depth,
            )
            self.order.append(("deleted", plan, span.block))
        if m.text.strip() and partner is None:
            other = (
                self.article_of_draft.get(("model", m.article))
                if m.article is not None and m.role != "article"
                else None
            )
            self.changes.append(Change("substantive", m.ref, other, m.text.strip(), ""))

    def _like(self, role: Role) -> int | None:
        """A draft paragraph whose look a deleted model paragraph borrows: the nearest one before it with
        the same role, else the nearest before it at all."""
        fallback = None
        for kind, _, value in reversed(self.order):
            if kind == "block":
                if fallback is None:
                    fallback = value
                if self.block_role.get(value, ("other", 0))[0] == role:
                    return value
        return fallback

    def _place(self, d: _Line, edits: Sequence[Edit]) -> None:
        """Cut the edits (offsets in the line's text) along the line's spans into pieces per block."""
        starts, offset = [], 0
        for span in d.spans:
            starts.append(offset)
            offset += span.end - span.start
        for span in d.spans:
            if span.block not in self.pieces:
                self.pieces[span.block] = []
                self.order.append(("block", None, span.block))
                self.block_role[span.block] = (d.role, d.depth)
        for edit in edits:
            if edit.op == "delete":
                k = _span_at(starts, edit.b, len(d.spans))
                span = d.spans[k]
                at = span.start + min(edit.b - starts[k], span.end - span.start)
                self.pieces[span.block].append(Piece("delete", edit.text, -1 - at, edit.kind))
                continue
            lo, hi = edit.b, edit.b + len(edit.text)
            for k, span in enumerate(d.spans):
                s0, s1 = starts[k], starts[k] + span.end - span.start
                a, b = max(lo, s0), min(hi, s1)
                if a < b:
                    block_at = span.start + a - s0
                    text = self.draft_source.blocks[span.block].text[block_at : block_at + b - a]
                    self.pieces[span.block].append(Piece(edit.op, text, block_at, edit.kind))

    # -- result
    def finish(self) -> Plan:
        blocks = self.draft_source.blocks
        placed = {value for kind, _, value in self.order if kind == "block"}
        out: list[ParagraphPlan] = []
        accepted: list[str] = []
        rejected: list[str] = []
        next_free = 0

        def flush_uncovered(upto: int) -> None:
            nonlocal next_free
            while next_free < upto:
                if next_free not in placed:
                    text = blocks[next_free].text
                    out.append(ParagraphPlan(next_free, (Piece("equal", text, 0),) if text else ()))
                    accepted.append(text)
                    rejected.append(text)
                next_free += 1

        for _, deleted, value in self.order:
            if deleted is not None:
                out.append(deleted)
                rejected.append(deleted.pieces[0].text)
                continue
            flush_uncovered(value)
            plan = self._block_plan(value)
            out.append(plan)
            accepted.append("".join(p.text for p in plan.pieces if p.op != "delete"))
            if plan.mark != "insert":
                rejected.append("".join(p.text for p in plan.pieces if p.op != "insert"))
            next_free = max(next_free, value + 1)
        flush_uncovered(len(blocks))
        return Plan(tuple(out), tuple(self.changes), tuple(accepted), tuple(rejected))

    def _block_plan(self, block: int) -> ParagraphPlan:
        text = self.draft_source.blocks[block].text
        # Deletions carry ``-1 - offset`` so they sort at their position, before text starting there.
        raw = sorted(enumerate(self.pieces[block]), key=lambda kp: (_position(kp[1]), kp[0]))
        pieces: list[Piece] = []
        covered = 0
        for _, piece in raw:
            if piece.op == "delete":
                pieces.append(Piece("delete", piece.text, -1, piece.kind))
                continue
            if piece.start > covered:  # characters no line claims (e.g. a stray space) stay as they are
                pieces.append(Piece("equal", text[covered : piece.start], covered))
            pieces.append(piece)
            covered = piece.start + len(piece.text)
        if covered < len(text):
            pieces.append(Piece("equal", text[covered:], covered))
        pieces = _coalesce(pieces)
        inserted_only = bool(pieces) and all(p.op == "insert" for p in pieces)
        kind: RevisionKind = next((p.kind for p in pieces if p.kind), "substantive")
        role, depth = self.block_role[block]
        return ParagraphPlan(
            block,
            tuple(pieces),
            mark="insert" if inserted_only else "equal",
            mark_kind=kind,
            role=role,
            depth=depth,
        )


def _position(piece: Piece) -> float:
    return -1 - piece.start - 0.5 if piece.op == "delete" else piece.start


def _span_at(starts: Sequence[int], offset: int, n: int) -> int:
    k = 0
    while k + 1 < n and starts[k + 1] <= offset:
        k += 1
    return k


def _coalesce(pieces: Sequence[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for p in pieces:
        if not p.text:
            continue
        if out and out[-1].op == p.op == "equal" and out[-1].start + len(out[-1].text) == p.start:
            out[-1] = Piece("equal", out[-1].text + p.text, out[-1].start)
        else:
            out.append(p)
    return out


def _changes(edits: Sequence[Edit], model_ref: str | None, draft_ref: str | None) -> list[Change]:
    """Adjacent non-equal edits of one kind are one change (a deletion and the insertion replacing it)."""
    out: list[Change] = []
    deleted = inserted = ""
    kind: RevisionKind | None = None
    for edit in [*edits, Edit("equal", "", 0, 0)]:
        if edit.op == "equal" or edit.kind != kind:
            if kind is not None and (deleted or inserted):
                out.append(Change(kind, model_ref, draft_ref, deleted, inserted))
            deleted = inserted = ""
            kind = None if edit.op == "equal" else edit.kind
        if edit.op == "delete":
            deleted += edit.text
        elif edit.op == "insert":
            inserted += edit.text
    return out
