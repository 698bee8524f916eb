"""The counter-proposal (修正案を返す): the counterparty's own document with OUR asks as tracked changes.

Every finding adverse to our side (at or above a severity) is reverted to the model wording; changes that
favour us or are neutral stay as the counterparty wrote them. The plan is the comparison's own plan
filtered: the revisions of the reverted changes stay, every other revision collapses into the draft's
text. Written on the draft's package, that plan reads as our asked version when rejected and as the
draft when accepted; the writer then inverts every revision (ooxml.invert), so the file the lawyer
sends reads as the draft when rejected and as our asks applied when accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from akapen.model import SEVERITIES, Anchor, Finding, Note, ParagraphPlan, Piece, Severity
from akapen.plan import coalesce, pieces_covering
from akapen.redline import Comparison, text_paragraphs

__all__ = ["ReplyPlan", "plan_reply"]


@dataclass(frozen=True)
class ReplyPlan:
    paragraphs: tuple[ParagraphPlan, ...]
    asks: tuple[Finding, ...]
    """The findings reverted, in the order they appear."""


def plan_reply(comparison: Comparison, *, min_severity: Severity, author: str) -> ReplyPlan:
    """Which revisions of the comparison to keep (our asks), as paragraphs of a plan on the draft."""
    if comparison.side is None:
        raise ValueError("a reply needs our side")
    limit = SEVERITIES.index(min_severity)
    adverse = [
        f
        for f in comparison.findings
        if f.anchor is not None
        and f.favours is not None
        and f.favours != comparison.side
        and SEVERITIES.index(f.severity) <= limit
    ]
    # Where we ask an article back, its changes that favour neither side go back with it: reverting
    # 共有 → B社単独帰属 brings back the co-owners' mutual restriction the draft dropped with it.
    touched = {_article_of(f.baseline, f.draft) for f in adverse}
    asks = tuple(
        f
        for f in comparison.findings
        if f in adverse
        or (f.anchor is not None and f.favours is None and _article_of(f.baseline, f.draft) in touched)
    )
    plan = comparison.plan
    keep: dict[int, set[int]] = {}  # output paragraph → indices of pieces to keep as revisions
    notes: dict[int, list[tuple[int, int, str]]] = {}
    for finding in asks:
        assert finding.anchor is not None
        for index, first, last in _reverted(comparison, finding, finding.anchor):
            keep.setdefault(index, set()).update(range(first, last + 1))
            notes.setdefault(index, []).append((first, last, finding.message))
    # A word change no finding speaks of (「（第２項の規定により合格したものとみなされた時を含みます。）」 dropped
    # with the 項 it pointed at) goes back with the article we ask back, as a neutral change does.
    found = {plan.paragraph_at(f.anchor) for f in comparison.findings if f.anchor is not None}
    for change in plan.changes:
        if change.kind != "substantive" or change.anchor is None or plan.paragraph_at(change.anchor) in found:
            continue
        if _article_of(change.baseline, change.draft) not in touched:
            continue
        for index, first, last in _reverted(comparison, None, change.anchor):
            keep.setdefault(index, set()).update(range(first, last + 1))
            if all(message != _WITH_THE_ARTICLE for _, _, message in notes.get(index, [])):
                notes.setdefault(index, []).append((first, last, _WITH_THE_ARTICLE))  # once a paragraph
    paragraphs = []
    for index, paragraph in enumerate(plan.paragraphs):
        kept = keep.get(index, set())
        filtered = _filtered(paragraph, kept)
        if filtered is None:
            continue
        own_notes = tuple(
            Note(f"【当方修正】{message}", author, *_reindex(paragraph, kept, first, last))
            for first, last, message in notes.get(index, [])
        )
        paragraphs.append(replace(filtered, notes=own_notes))
    return ReplyPlan(tuple(paragraphs), asks)


def _reverted(comparison: Comparison, finding: Finding | None, anchor: Anchor) -> list[tuple[int, int, int]]:
    """(output paragraph, first piece, last piece) of the revisions that reverting the change at
    ``anchor`` (``finding``'s, when a finding speaks of it) keeps."""
    plan = comparison.plan
    if finding is not None and finding.rule in ("article-added", "article-removed"):
        return _whole_article(comparison, finding)
    index = plan.paragraph_at(anchor)
    if index is None:
        return []
    if anchor.block is None:
        return [(index, 0, len(plan.paragraphs[index].pieces) - 1)]
    pieces = plan.paragraphs[index].pieces
    span = pieces_covering(pieces, anchor.start, anchor.end)
    if span is None:
        return []
    first, last = span
    # The whole change the anchor touches: the deletion and the insertion that replace each other.
    while first > 0 and pieces[first - 1].op != "equal" and pieces[first - 1].kind == "substantive":
        first -= 1
    while (
        last + 1 < len(pieces) and pieces[last + 1].op != "equal" and pieces[last + 1].kind == "substantive"
    ):
        last += 1
    return [(index, first, last)]


_ARTICLE = re.compile(r"第[0-9]+条(?:の[0-9]+)?")


def _article_of(baseline: str | None, draft: str | None) -> tuple[str | None, str | None]:
    """The article refs (model, draft) a change is about: 第7条第3項 → 第7条."""
    model, theirs = (_ARTICLE.match(r) if r else None for r in (baseline, draft))
    return (model.group() if model else baseline, theirs.group() if theirs else draft)


_WITH_THE_ARTICLE = "この条をひな形の文言に戻すのに伴い、関連する文言もひな形に戻しています。"


def _whole_article(comparison: Comparison, finding: Finding) -> list[tuple[int, int, int]]:
    """An article the counterparty added (removed): every paragraph of it is taken out (put back)."""
    alignment, plan = comparison.alignment, comparison.plan
    spots = []
    for entry, pair in enumerate(alignment.articles):
        model, draft = comparison.refs_of(entry)
        if pair.status == "added" and draft == finding.draft:
            anchors = [
                Anchor(line.spans[0].block)
                for line in plan.lines
                if line.draft_article == pair.b and line.draft_text and line.spans
            ]
        elif pair.status == "removed" and model == finding.baseline:
            anchors = [
                Anchor(None, model_block=line.spans[0].block)
                for line in plan.lines
                if line.model_only and line.model_article == pair.a and line.spans
            ]
        else:
            continue
        for spot in dict.fromkeys(plan.paragraph_at(a) for a in anchors):
            if spot is not None:
                spots.append((spot, 0, len(plan.paragraphs[spot].pieces) - 1))
    return spots


def _filtered(paragraph: ParagraphPlan, kept: set[int]) -> ParagraphPlan | None:
    """The paragraph with only the kept revisions: other insertions read as the draft's text, other
    deletions vanish; a deleted paragraph not asked back is left out."""
    if paragraph.block is None:
        return paragraph if kept else None
    pieces: list[Piece] = []
    for k, piece in enumerate(paragraph.pieces):
        if piece.op == "equal" or k in kept:
            pieces.append(piece)
        elif piece.op == "insert":
            pieces.append(Piece("equal", piece.text, piece.start))
    mark = (
        paragraph.mark if paragraph.mark != "insert" or kept >= set(range(len(paragraph.pieces))) else "equal"
    )
    return replace(paragraph, pieces=tuple(coalesce(pieces)), mark=mark)


def _reindex(paragraph: ParagraphPlan, kept: set[int], first: int, last: int) -> tuple[int, int]:
    """Where pieces ``first..last`` of the original paragraph stand after filtering and merging."""
    if paragraph.block is None:
        return first, last
    position = -1
    new_index: dict[int, int] = {}
    previous_equal = False
    for k, piece in enumerate(paragraph.pieces):
        equal = piece.op == "equal" or (k not in kept and piece.op == "insert")
        dropped = piece.op == "delete" and k not in kept
        if dropped:
            new_index[k] = max(position, 0)
            continue
        if not (equal and previous_equal):
            position += 1
        previous_equal = equal
        new_index[k] = position
    return new_index[first], new_index[last]


def render_reply(comparison: Comparison, reply: ReplyPlan, *, author: str, date: str) -> bytes:
    """The counter-proposal .docx, verified before anyone sees it: Reject All = the counterparty's draft,
    Accept All = the draft with our asks applied."""
    from akapen.errors import AkapenError
    from akapen.ooxml import accepted_paragraphs, document_xml, rejected_paragraphs
    from akapen.ooxml.invert import invert_revisions
    from akapen.ooxml.package import Package
    from akapen.write.tracked import build_redline, expected_paragraphs

    draft = comparison.alignment.draft.source
    forward = build_redline(draft, reply.paragraphs, author=author, authors={}, date=date)
    package = Package(forward)
    invert_revisions(package.edit(package.main_document))
    data = package.to_bytes()
    xml = document_xml(data)
    asked = text_paragraphs(expected_paragraphs(reply.paragraphs, accepted=False))
    if (
        text_paragraphs(rejected_paragraphs(xml)) != text_paragraphs([b.text for b in draft.blocks])
        or text_paragraphs(accepted_paragraphs(xml)) != asked
    ):
        raise AkapenError(
            "internal check failed: the reply would not read as the draft (Reject All) and as our asks "
            "(Accept All); nothing was written. Please report this with the two files."
        )
    return data
