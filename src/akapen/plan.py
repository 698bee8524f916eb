"""Planning the redline: from an alignment to the list of output paragraphs and the list of changes.

Both contracts are flattened into *lines* — each title/前文 part, article heading, 項 and 号 in
document order. Aligned lines are diffed word by word (a template line of the model is first resolved
against its draft line); the rest are whole-line insertions or deletions. The output order is a merge
that keeps the draft's order and the model's order at the same time, so Accept All reads exactly as the
draft and Reject All exactly as the model. A line pair the two orders cannot both keep (a moved
article) is written as a deletion where the model had it and an insertion where the draft has it.

Against a clause library, only the draft's articles that a clause aligned with are compared; the rest of
the draft stays as it is, and a clause the draft lacks is reported, not inserted.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import NamedTuple

from akapen.align import heaviest_chain
from akapen.compared import Compared, span_at, starts_of
from akapen.diff import Edit, Numbering, diff
from akapen.model import (
    Aligned,
    Alignment,
    Anchor,
    Change,
    Contract,
    Item,
    Note,
    ParagraphPlan,
    Piece,
    PieceOp,
    RevisionKind,
    Role,
    Source,
    Span,
    Spans,
    span_text,
)
from akapen.refs import article_ref, item_ref, paragraph_ref
from akapen.template import Resolution, is_template, resolve

__all__ = ["Plan", "annotate", "coalesce", "pieces_covering", "plan_redline"]

LineKey = tuple[object, ...]


class _Line(NamedTuple):
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
    numbered: bool = False
    """The label is Word list numbering (rendered, not in ``text``)."""

    def without_label(self) -> tuple[str, str]:
        """(the label as written with the spaces after it, the rest of the text)."""
        end = self.label[1]
        while end < len(self.text) and self.text[end] in " \u3000\t":
            end += 1
        return self.text[:end], self.text[end:]


@dataclass(frozen=True)
class Plan:
    """What the writer is to produce, and the changes it shows, in reading order."""

    paragraphs: tuple[ParagraphPlan, ...]
    changes: tuple[Change, ...]
    accepted: tuple[str, ...]
    """The output's paragraphs as Accept All must read them: the draft's blocks."""
    rejected: tuple[str, ...]
    """The output's paragraphs as Reject All must read them: the model, in the draft's line layout."""
    restored: tuple[tuple[int, int], ...] = ()
    """(model block, output paragraph index) of every deleted paragraph."""
    lines: tuple[Compared, ...] = ()
    """Every line compared, paired or one-sided, in output order."""

    @cached_property
    def _where(self) -> tuple[dict[int, int], dict[int, int]]:
        by_block = {p.block: i for i, p in enumerate(self.paragraphs) if p.block is not None}
        return by_block, dict(self.restored)

    @cached_property
    def _by_article(self) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
        by_model: dict[int, list[int]] = {}
        by_draft: dict[int, list[int]] = {}
        for k, line in enumerate(self.lines):
            if line.model_article is not None:
                by_model.setdefault(line.model_article, []).append(k)
            if line.draft_article is not None:
                by_draft.setdefault(line.draft_article, []).append(k)
        return by_model, by_draft

    def lines_of(self, model_article: int | None, draft_article: int | None) -> tuple[Compared, ...]:
        """The compared lines of a model article and/or a draft article, in output order (indexed once:
        scanning every line for every article would be quadratic in a long contract)."""
        by_model, by_draft = self._by_article
        found = set(by_model.get(model_article, ()) if model_article is not None else ())
        found |= set(by_draft.get(draft_article, ()) if draft_article is not None else ())
        return tuple(self.lines[k] for k in sorted(found))

    def paragraph_at(self, anchor: Anchor) -> int | None:
        """The output paragraph an anchor stands in: the draft block's, or the deleted paragraph that
        restores the model block."""
        by_block, restored = self._where
        if anchor.block is not None:
            return by_block.get(anchor.block)
        return restored.get(anchor.model_block) if anchor.model_block is not None else None


def plan_redline(alignment: Alignment) -> Plan:
    """Decide every output paragraph and piece for a redline of ``alignment.draft`` against its model."""
    model_lines, draft_lines = _lines(alignment.model), _lines(alignment.draft)
    if alignment.library:
        model_lines = _in_draft_order(model_lines, alignment)
    m_index = {line.key: i for i, line in enumerate(model_lines)}
    d_index = {line.key: i for i, line in enumerate(draft_lines)}
    links = [
        (m_index[mk], d_index[dk], s)
        for mk, dk, s in _line_links(alignment)
        if mk in m_index and dk in d_index
    ]
    chain = [
        (a, b) for a, b, _ in heaviest_chain([(a, b, 1.0) for a, b, s in sorted(links) if s == "matched"])
    ]
    numbering = _Numbering(alignment)
    partner_d = {a: b for a, b, _ in links}
    partner_m = {b: a for a, b, _ in links}
    compared = _compared_articles(alignment)
    builder = _Builder(alignment)
    whole = _across_breaks(model_lines, draft_lines, chain)
    for kind, m, d in _merge(model_lines, draft_lines, chain):
        if kind == "pair":
            assert m is not None and d is not None
            m_line, d_line = model_lines[m], draft_lines[d]
            builder.pair(m_line, d_line, numbering.for_lines(m_line, d_line), whole=(m, d) in whole)
        elif kind == "del":
            assert m is not None
            line = model_lines[m]
            if not alignment.library or line.article in compared.model:
                builder.delete(line, moved=m in partner_d)
        else:
            assert d is not None
            line = draft_lines[d]
            if alignment.library and line.article not in compared.draft:
                builder.keep(line)
            else:
                builder.insert(line, moved=d in partner_m)
    # Moved lines are deleted and inserted whole; their word-level differences are what the lawyer
    # wants to know about them.
    for a, b, status in links:
        if status == "moved":
            m_line, d_line = model_lines[a], draft_lines[b]
            resolution, label = builder.resolved(m_line, d_line)
            edits = diff(resolution.text, d_line.text, numbering.for_lines(m_line, d_line, label))
            builder.changes.extend(_changes(edits, m_line.ref, d_line.ref, anchors=None))
            builder.compared.append(
                Compared(
                    m_line.ref,
                    d_line.ref,
                    resolution.text,
                    d_line.text,
                    m_line.article,
                    d_line.article,
                    d_line.role,
                    tuple(edits),
                    d_line.spans,
                )
            )
    return builder.finish()


def _across_breaks(
    model: Sequence[_Line], draft: Sequence[_Line], chain: Sequence[tuple[int, int]]
) -> set[tuple[int, int]]:
    """The pairs whose word revisions could not give the model's paragraphs back: where the two sides
    break paragraphs in different places (「第1条（目的）」 above its text in one, 「第1条　本契約は…」 on one
    line in the other), or a model paragraph also holds a line the draft lacks. Such pairs are deleted
    and inserted whole, so that Reject All restores each model paragraph as one.

    Each pair links its lines' paragraphs in order (a statute-style article's heading line to the
    heading line, its marker line to the marker line); a group of linked paragraphs is safe when it is
    one model paragraph against one draft paragraph (a single pair spanning several is decided by
    ``_keeps_model_lines``) and no line of its model paragraph is deleted."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def root(node: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def link(a: tuple[str, int], b: tuple[str, int]) -> None:
        parent[root(b)] = root(a)

    for a, b in chain:
        m_blocks = [("m", s.block) for s in model[a].spans]
        d_blocks = [("d", s.block) for s in draft[b].spans]
        if len(m_blocks) == len(d_blocks):
            for m_block, d_block in zip(m_blocks, d_blocks, strict=True):
                link(m_block, d_block)
        else:
            for node in m_blocks + d_blocks:
                link(m_blocks[0] if m_blocks else d_blocks[0], node)
    paired_m = {a for a, _ in chain}
    orphaned = {("m", s.block) for i, line in enumerate(model) if i not in paired_m for s in line.spans}
    groups: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for a, b in chain:
        if model[a].spans and draft[b].spans:
            for s in model[a].spans:
                groups.setdefault(root(("m", s.block)), []).append((a, b))
    members: dict[tuple[str, int], set[tuple[str, int]]] = {}
    for node in parent:
        members.setdefault(root(node), set()).add(node)
    whole: set[tuple[int, int]] = set()
    for group, pairs in groups.items():
        nodes = members[group]
        one_to_one = sum(side == "m" for side, _ in nodes) == 1 and sum(side == "d" for side, _ in nodes) == 1
        if (len(set(pairs)) > 1 and not one_to_one) or nodes & orphaned:
            whole.update(pairs)
    return whole


def annotate(plan: Plan, notes: Sequence[tuple[Anchor, str, str]]) -> Plan:
    """Attach Word comments ``(anchor, text, author)`` to the output paragraphs they are about."""
    if not notes:
        return plan
    added: dict[int, list[Note]] = {}
    for anchor, text, author in notes:
        index = plan.paragraph_at(anchor)
        if index is None:
            continue
        pieces = plan.paragraphs[index].pieces
        if anchor.block is None:
            span = (0, len(pieces) - 1) if pieces else None
        else:
            span = pieces_covering(pieces, anchor.start, anchor.end)
        if span is None:
            continue  # an empty paragraph has nothing a comment could hold on to
        added.setdefault(index, []).append(Note(text, author, *span))
    paragraphs = tuple(
        replace(p, notes=(*p.notes, *added[i])) if i in added else p for i, p in enumerate(plan.paragraphs)
    )
    return replace(plan, paragraphs=paragraphs)


def pieces_covering(pieces: Sequence[Piece], start: int, end: int) -> tuple[int, int] | None:
    """First and last piece that hold characters ``[start, end)`` of the draft block (or, for an empty
    range, the deletion standing at ``start``)."""
    hits: list[int] = []
    at = 0
    for k, piece in enumerate(pieces):
        if piece.op == "delete":
            if start <= at <= end:
                hits.append(k)
            continue
        stop = at + len(piece.text)
        if at < end and start < stop:
            hits.append(k)
        at = stop
    if not hits:
        return (0, len(pieces) - 1) if pieces else None
    return hits[0], hits[-1]


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
        text = span_text(source, article.spans)
        label = _label_range(text, article.label)
        numbered = _numbered(source, article.spans[-1:], label)
        lines.append(
            _Line(
                ("article", ai), article.spans, text, "article", 0, ai, article_ref(article), label, numbered
            )
        )
        for pi, p in enumerate(article.paragraphs):
            pref = paragraph_ref(article, p)
            text = span_text(source, p.spans)
            label = _label_range(text, p.label)
            numbered = _numbered(source, p.spans, label)
            lines.append(_Line(("para", ai, pi), p.spans, text, "paragraph", 0, ai, pref, label, numbered))
            lines.extend(_item_lines(contract, ai, (pi,), pref, p.items, 0))
    lines.sort(key=lambda line: (line.spans[0].block, line.spans[0].start) if line.spans else (-1, -1))
    return lines


def _item_lines(
    contract: Contract, ai: int, path: tuple[int, ...], parent_ref: str, items: Sequence[Item], depth: int
) -> Iterator[_Line]:
    for k, item in enumerate(items):
        ref = item_ref(parent_ref, item, depth, k + 1)
        text = span_text(contract.source, item.spans)
        label = _label_range(text, item.label)
        numbered = _numbered(contract.source, item.spans, label)
        yield _Line(("item", ai, *path, k), item.spans, text, "item", depth + 1, ai, ref, label, numbered)
        yield from _item_lines(contract, ai, (*path, k), ref, item.items, depth + 1)


def _numbered(source: Source, spans: Spans, label: tuple[int, int]) -> bool:
    """A line whose label Word renders from list numbering: its block has one, and its text does not."""
    return bool(spans) and label == (0, 0) and bool(source.blocks[spans[0].block].numbering)


def _label_range(text: str, label: str | None) -> tuple[int, int]:
    if not label:
        return (0, 0)
    at = text.find(label)
    return (at, at + len(label)) if at >= 0 else (0, 0)


def _in_draft_order(lines: list[_Line], alignment: Alignment) -> list[_Line]:
    """A library's clauses in the order the draft has them (a library has no order of its own)."""
    position = {p.a: p.b for p in alignment.articles if p.a is not None and p.b is not None}
    last = len(alignment.draft.articles)
    return sorted(
        lines, key=lambda line: position.get(line.article, last) if line.article is not None else -1
    )


class _Compared(NamedTuple):
    model: frozenset[int | None]
    draft: frozenset[int | None]


def _compared_articles(alignment: Alignment) -> _Compared:
    pairs = [p for p in alignment.articles if p.a is not None and p.b is not None]
    return _Compared(frozenset(p.a for p in pairs), frozenset(p.b for p in pairs))


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

    def for_lines(self, m: _Line, d: _Line, label_a: tuple[int, int] | None = None) -> Numbering:
        current = self.model_numbers[m.article] if m.article is not None else None
        return Numbering(self.articles, self.paragraphs, current, label_a or m.label, d.label)


# ---------------------------------------------------------------------------------------------------------
# Pieces per block


class _Builder:
    def __init__(self, alignment: Alignment) -> None:
        self.alignment = alignment
        self.draft_source = alignment.draft.source
        self.pieces: dict[int, list[Piece]] = {}
        self.block_role: dict[int, tuple[Role, int]] = {}
        self.order: list[tuple[ParagraphPlan | None, int]] = []
        """Output order: (None, draft block) or (deleted paragraph, the model block it restores)."""
        self.deleted_at: dict[int, int] = {}
        """Model block → where in ``order`` its deleted paragraph stands."""
        self.changes: list[Change] = []
        self.compared: list[Compared] = []
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

    def resolved(self, m: _Line, d: _Line) -> tuple[Resolution, tuple[int, int]]:
        """The model line's text as the draft line fills its template (options, blanks), and where its
        label then stands."""
        if not is_template(m.text):
            return Resolution(m.text, ()), m.label
        resolution = resolve(m.text, d.text)
        text = resolution.text
        label = m.label
        if "◯" in m.text[label[0] : label[1]]:  # 第◯条 filled as 第12条: the label grew
            draft_label = d.text[d.label[0] : d.label[1]]
            at = text.find(draft_label) if draft_label else -1
            label = (at, at + len(draft_label)) if at >= 0 else (0, 0)
        return resolution, label

    # -- entries
    def pair(self, m: _Line, d: _Line, numbering: Numbering, *, whole: bool = False) -> None:
        m, d = _labels_alike(m, d)
        resolution, label = self.resolved(m, d)
        for raw, chosen in resolution.choices:
            self.changes.append(Change("template", m.ref, d.ref, raw, chosen))
        edits = diff(resolution.text, d.text, replace(numbering, label_a=label))
        self.compared.append(
            Compared(
                m.ref, d.ref, resolution.text, d.text, m.article, d.article, d.role, tuple(edits), d.spans
            )
        )
        if whole or not self._keeps_model_lines(m, d, edits):
            # The model's line breaks fall elsewhere than the draft's (a line one side wrapped, a
            # heading one side wrote on its text's line): word revisions would give the model back in
            # the draft's lines. Delete and insert whole lines instead, and still report the word changes.
            self.delete(m, moved=True, record=False)
            self.insert(d, moved=True, record=False)
            self.changes.extend(_changes(edits, m.ref, d.ref, anchors=None))
            return
        anchors = self._place(d, edits)
        self.changes.extend(_changes(edits, m.ref, d.ref, anchors))

    def _keeps_model_lines(self, m: _Line, d: _Line, edits: Sequence[Edit]) -> bool:
        """Whether rejecting word revisions placed in the draft's blocks gives the model's own lines."""
        if len(m.spans) == 1 and len(d.spans) == 1:
            return True
        starts = starts_of(d.spans)
        per_block = [""] * len(d.spans)
        for edit in edits:
            if edit.op == "delete":
                per_block[span_at(starts, edit.b, len(d.spans))] += edit.text
            elif edit.op == "equal":  # an equal stretch may run across a draft line break
                for k, (s0, span) in enumerate(zip(starts, d.spans, strict=True)):
                    a, b = max(edit.b, s0), min(edit.b + len(edit.text), s0 + span.end - span.start)
                    if a < b:
                        per_block[k] += edit.text[a - edit.b : b - edit.b]
        blocks = self.alignment.model.source.blocks
        model_lines = [blocks[s.block].text[s.start : s.end] for s in m.spans]
        return [t for t in per_block if t] == [t for t in model_lines if t]

    def keep(self, d: _Line) -> None:
        """Draft text the model has nothing to say about (outside a clause library): left as it is."""
        self._place(d, (Edit("equal", d.text, 0, 0),) if d.text else ())

    def insert(self, d: _Line, moved: bool, record: bool = True) -> None:
        """Draft-only text. A moved line reports its word changes separately."""
        if record and not moved:
            self.compared.append(Compared(None, d.ref, "", d.text, None, d.article, d.role, (), d.spans))
        anchors = self._place(d, (Edit("insert", d.text, 0, 0, "substantive"),) if d.text else ())
        if d.text.strip() and not moved:
            other = self._other_article("draft", d)
            self.changes.append(
                Change("substantive", other, d.ref, "", d.text.strip(), anchors[0] if anchors else None)
            )

    def delete(self, m: _Line, moved: bool, record: bool = True) -> None:
        """Model-only text becomes deleted paragraphs, one per model line (block) it stands on, so Reject
        All gives back the model's own lines; lines sharing a block (statute style) share the paragraph."""
        if record and not moved:
            self.compared.append(
                Compared(m.ref, None, m.text, "", m.article, None, m.role, (), m.spans, model_only=True)
            )
        like = self._like(m.role)
        model_blocks = self.alignment.model.source.blocks
        for span in m.spans:
            text = model_blocks[span.block].text[span.start : span.end]
            at = self.deleted_at.get(span.block)
            if at is not None:
                # The rest of a model paragraph already restored (statute style: 「第5条　甲は…」 is an
                # article line and a 項 in one paragraph): one paragraph again. Only draft text
                # inserted whole can stand between the two (_across_breaks).
                previous = self.order[at][0]
                assert previous is not None
                joined = Piece("delete", previous.pieces[0].text + text, kind="substantive")
                self.order[at] = (replace(previous, pieces=(joined,)), span.block)
                continue
            plan = ParagraphPlan(
                None,
                (Piece("delete", text, kind="substantive"),),
                mark="delete",
                like=like,
                role=m.role,
                depth=m.depth,
            )
            self.deleted_at[span.block] = len(self.order)
            self.order.append((plan, span.block))
        if m.text.strip() and not moved:
            other = self._other_article("model", m)
            anchor = Anchor(None, model_block=m.spans[0].block) if m.spans else None
            self.changes.append(Change("substantive", m.ref, other, m.text.strip(), "", anchor))

    def _other_article(self, side: str, line: _Line) -> str | None:
        if line.article is None or line.role == "article":
            return None
        return self.article_of_draft.get((side, line.article))

    def _like(self, role: Role) -> int | None:
        """A draft paragraph whose look a deleted model paragraph borrows: the nearest one before it with
        the same role, else the nearest before it at all."""
        fallback = None
        for deleted, value in reversed(self.order):
            if deleted is None:
                if fallback is None:
                    fallback = value
                if self.block_role.get(value, ("other", 0))[0] == role:
                    return value
        return fallback

    def _place(self, d: _Line, edits: Sequence[Edit]) -> list[Anchor]:
        """Cut the edits (offsets in the line's text) along the line's spans into pieces per block.
        Returns, per edit, where it landed (its first block)."""
        starts = starts_of(d.spans)
        for span in d.spans:
            if span.block not in self.pieces:
                self.pieces[span.block] = []
                self.order.append((None, span.block))
                self.block_role[span.block] = (d.role, d.depth)
        anchors: list[Anchor] = []
        for edit in edits:
            if edit.op == "delete":
                k = span_at(starts, edit.b, len(d.spans))
                span = d.spans[k]
                at = span.start + min(edit.b - starts[k], span.end - span.start)
                self.pieces[span.block].append(Piece("delete", edit.text, -1 - at, edit.kind))
                anchors.append(Anchor(span.block, at, at))
                continue
            lo, hi = edit.b, edit.b + len(edit.text)
            first: Anchor | None = None
            for k, span in enumerate(d.spans):
                s0, s1 = starts[k], starts[k] + span.end - span.start
                a, b = max(lo, s0), min(hi, s1)
                if a < b:
                    block_at = span.start + a - s0
                    text = self.draft_source.blocks[span.block].text[block_at : block_at + b - a]
                    self.pieces[span.block].append(Piece(edit.op, text, block_at, edit.kind))
                    first = first or Anchor(span.block, block_at, block_at + b - a)
            anchors.append(first or Anchor(d.spans[0].block if d.spans else None))
        return anchors

    # -- result
    def finish(self) -> Plan:
        blocks = self.draft_source.blocks
        placed = {value for deleted, value in self.order if deleted is None}
        out: list[ParagraphPlan] = []
        accepted: list[str] = []
        rejected: list[str] = []
        restored: list[tuple[int, int]] = []
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

        for deleted, value in self.order:
            if deleted is not None:
                restored.append((value, len(out)))
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
        return Plan(
            tuple(out),
            tuple(self.changes),
            tuple(accepted),
            tuple(rejected),
            tuple(restored),
            tuple(self.compared),
        )

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
        pieces = coalesce(pieces)
        inserted_only = bool(pieces) and all(p.op == "insert" for p in pieces)
        kind: RevisionKind = next((p.kind for p in pieces if p.kind), "substantive")
        role, depth = self.block_role[block]
        mark: PieceOp = "insert" if inserted_only else "equal"
        return ParagraphPlan(block, tuple(pieces), mark=mark, mark_kind=kind, role=role, depth=depth)


def _labels_alike(m: _Line, d: _Line) -> tuple[_Line, _Line]:
    """When one side's label is Word list numbering and the other's is written out, the written label has
    nothing to be compared with: the model's is left out (the draft's numbering shows it), the draft's
    is taken as the model's too (the model's numbering showed the same)."""
    if d.numbered and not m.numbered and m.label != (0, 0):
        _, rest = m.without_label()
        return m._replace(text=rest, label=(0, 0), spans=_trimmed(m.spans, len(m.text) - len(rest))), d
    if m.numbered and not d.numbered and d.label != (0, 0):
        written, _ = d.without_label()
        return m._replace(text=written + m.text, label=d.label), d
    return m, d


def _trimmed(spans: Spans, cut: int) -> Spans:
    """The spans without their first ``cut`` characters."""
    out = []
    for span in spans:
        length = span.end - span.start
        if cut >= length:
            cut -= length
            continue
        out.append(Span(span.block, span.start + cut, span.end))
        cut = 0
    return tuple(out)


def _position(piece: Piece) -> float:
    return -1 - piece.start - 0.5 if piece.op == "delete" else piece.start


def coalesce(pieces: Sequence[Piece]) -> list[Piece]:
    """Pieces without empty ones, adjacent shared stretches of the block joined into one."""
    out: list[Piece] = []
    for p in pieces:
        if not p.text:
            continue
        if out and out[-1].op == p.op == "equal" and out[-1].start + len(out[-1].text) == p.start:
            out[-1] = Piece("equal", out[-1].text + p.text, out[-1].start)
        else:
            out.append(p)
    return out


def _changes(
    edits: Sequence[Edit], model_ref: str | None, draft_ref: str | None, anchors: Sequence[Anchor] | None
) -> list[Change]:
    """Adjacent non-equal edits of one kind are one change (a deletion and the insertion replacing it);
    its anchor runs from its first edit's place to its last's when both are in one block."""
    out: list[Change] = []
    deleted = inserted = ""
    kind: RevisionKind | None = None
    span: list[Anchor] = []
    for k, edit in enumerate([*edits, Edit("equal", "", 0, 0)]):
        if edit.op == "equal" or edit.kind != kind:
            if kind is not None and (deleted or inserted):
                out.append(Change(kind, model_ref, draft_ref, deleted, inserted, _joined(span)))
            deleted = inserted = ""
            span = []
            kind = None if edit.op == "equal" else edit.kind
        if edit.op == "delete":
            deleted += edit.text
        elif edit.op == "insert":
            inserted += edit.text
        if edit.op != "equal" and anchors is not None and k < len(anchors):
            span.append(anchors[k])
    return out


def _joined(anchors: Sequence[Anchor]) -> Anchor | None:
    if not anchors:
        return None
    first, last = anchors[0], anchors[-1]
    if first.block is not None and first.block == last.block:
        return Anchor(first.block, first.start, max(last.end, first.end))
    return first
