"""The redline: align a draft with its model, diff every aligned pair, and build the tracked-changes file.

``compare`` is pure (a Baseline and a Contract in, records out); ``render`` turns the result into .docx
bytes and checks them before anyone sees them: the file's own Accept All view must read as the draft
and its Reject All view as the model, or akapen refuses to write it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from akapen.align import align_contracts
from akapen.compared import Compared
from akapen.errors import AkapenError, InputError
from akapen.identify import VariantMatch, identify
from akapen.model import SEVERITIES, Alignment, Anchor, Baseline, Contract, Finding, RevisionKind, Severity
from akapen.plan import Plan, annotate, plan_redline
from akapen.refs import article_ref, covered_articles
from akapen.review import Parties, review

__all__ = [
    "Comparison",
    "as_baseline",
    "authors_for",
    "choose_baseline",
    "compare",
    "fails",
    "normalise_date",
    "render",
    "report_json",
    "summary",
]

AKAPEN = "akapen"
"""Author of akapen's own comments (variant notes, findings)."""

_MIN_COVERAGE = 0.15
"""Below this (similarity-weighted) share of the draft's article text, a model is no sensible default."""
_MIN_MODEL_SHARE = 0.25
"""…nor is one of whose own text the draft has less than this share (a one-article memo that happens to
have a 第1条（目的） like the model's)."""


@dataclass(frozen=True)
class Comparison:
    """A draft compared with a model: the alignment, the redline plan (with its changes), and which
    known variant each aligned clause follows."""

    baseline: Baseline
    alignment: Alignment
    plan: Plan
    variants: tuple[tuple[int, VariantMatch], ...] = ()
    """(index into alignment.articles, match) for every aligned clause that has known variants."""
    findings: tuple[Finding, ...] = ()
    """The deviations, most adverse to ``side`` first."""
    side: str | None = None

    def variant_of(self, entry: int) -> VariantMatch | None:
        return dict(self.variants).get(entry)

    def refs_of(self, entry: int) -> tuple[str | None, str | None]:
        """The model and draft article refs of an alignment entry."""
        pair = self.alignment.articles[entry]
        model = article_ref(self.alignment.model.articles[pair.a]) if pair.a is not None else None
        draft = article_ref(self.alignment.draft.articles[pair.b]) if pair.b is not None else None
        return model, draft

    def lines_of(self, entry: int) -> tuple[Compared, ...]:
        """The compared lines of an alignment entry's article(s), in reading order."""
        pair = self.alignment.articles[entry]
        return self.plan.lines_of(pair.a, pair.b)

    def findings_of(self, entry: int) -> list[Finding]:
        """The findings about an entry's article (第5条 covers 第5条第2項, not 第50条)."""
        model, draft = self.refs_of(entry)
        return [
            f
            for f in self.findings
            if any(
                ref is not None and own is not None and (ref == own or ref.startswith(own + "第"))
                for ref, own in ((f.baseline, model), (f.draft, draft))
            )
        ]


def as_baseline(model: Baseline | Contract) -> Baseline:
    if isinstance(model, Baseline):
        return model
    return Baseline(model.source.path, model.title or model.source.path, "contract", model)


def compare(model: Baseline | Contract, draft: Contract, *, side: str | None = None) -> Comparison:
    """Align and diff ``draft`` against ``model``, name the 修正例 each clause follows, and review every
    deviation from ``side``'s point of view (neutral without one)."""
    if not draft.articles and not draft.parts:
        raise InputError(f"{draft.source.path}: no text found; is it the right file?")
    baseline = as_baseline(model)
    parties = Parties.of(baseline.contract, draft, known=baseline.parties)
    if side is not None and side not in parties.names:
        raise InputError(
            f"--side {side}: not a party of this contract; the parties are {'、'.join(parties.pair)}"
        )
    alignment = _align(baseline, draft)
    plan = plan_redline(alignment)
    variants = tuple(_variants(baseline, alignment))
    findings = review(alignment, plan.lines, parties, side, baseline.contract_type or None)
    notes = [
        n for n in (_variant_note(alignment, entry, match) for entry, match in variants) if n is not None
    ]
    notes += [(f.anchor, f.message, AKAPEN) for f in findings if f.anchor is not None]
    return Comparison(baseline, alignment, annotate(plan, notes), variants, findings, side)


def is_excerpt(draft: Contract, baseline: Baseline) -> bool:
    """Whether the draft is part of a contract rather than a whole one: the model is a whole contract
    (it has a title or a 前文), the draft has none of that frame (title, 前文, closing words, signature
    block) and at most half the model's articles. A complete draft that drops an article (or lost its
    title in a copy) is still a contract, and what it lacks is reported removed; a model that is itself
    a bare run of articles has no excerpts."""
    frame = {"title", "preamble", "closing", "signature"}
    whole = {p.kind for p in baseline.contract.parts} & {"title", "preamble"}
    return (
        baseline.kind == "contract"
        and bool(whole)
        and not {p.kind for p in draft.parts} & frame
        and 2 * len(draft.articles) <= len(baseline.contract.articles)
    )


def _align(baseline: Baseline, draft: Contract) -> Alignment:
    excerpt = is_excerpt(draft, baseline)
    alignment = align_contracts(baseline.contract, draft, library=baseline.kind == "library" or excerpt)
    return replace(alignment, excerpt=True) if excerpt else alignment


def _variants(baseline: Baseline, alignment: Alignment) -> list[tuple[int, VariantMatch]]:
    out = []
    for entry, pair in enumerate(alignment.articles):
        if pair.a is None or pair.b is None or pair.a >= len(baseline.clauses):
            continue
        clause = baseline.clauses[pair.a]
        if clause is not None and clause.variants:
            draft = alignment.draft
            out.append((entry, identify(clause, draft.articles[pair.b], draft.source)))
    return out


def _variant_note(alignment: Alignment, entry: int, match: VariantMatch) -> tuple[Anchor, str, str] | None:
    """The Word comment on the draft article's heading: which 修正例 it follows, and whom it favours."""
    pair = alignment.articles[entry]
    assert pair.b is not None
    article = alignment.draft.articles[pair.b]
    if not article.spans:
        return None
    head = article.spans[-1]
    anchor = Anchor(head.block, head.start, head.end)
    return anchor, variant_message(match), AKAPEN


def variant_message(match: VariantMatch) -> str:
    """In Japanese, for the lawyer: the model clause or the 修正例 the article follows."""
    clause = match.clause
    if match.mixed:
        names = "・".join(f"{v.id}（{v.label}）" for v in match.mixed)
        return f"【修正例】{clause.id}（{clause.title}）に対し、項ごとに複数の修正例を組み合わせています：{names}。"
    variant = match.variant
    if variant is None:
        return f"【修正例】{clause.id}（{clause.title}）のひな形どおりの構成です（既知の修正例には当たりません）。"
    favours = f"{variant.favours}に有利な修正です。" if variant.favours else ""
    statutes = f"関連：{'、'.join(variant.statutes)}。" if variant.statutes else ""
    return f"【修正例】{variant.id}（{variant.label}）に相当します。{favours}{variant.reason}{statutes}"


def choose_baseline(draft: Contract, candidates: Sequence[Baseline]) -> tuple[Baseline, float]:
    """The embedded model that covers the draft best: the share of the draft's article text that
    aligns with one of its articles or clauses."""
    best: tuple[Baseline, float] | None = None
    best_score = 0.0
    for baseline in candidates:
        alignment = _align(baseline, draft)
        coverage = _coverage(draft, alignment)
        share = _model_share(alignment)
        # Of two models that cover the draft alike, the one more of whose own text it has: a two-article
        # excerpt of 条項例1/2 is compared with the clause library, not with the 14-article contract.
        score = coverage * (0.5 + 0.5 * share)
        if share >= _MIN_MODEL_SHARE and (best is None or score > best_score):
            best, best_score = (baseline, coverage), score
    if best is None or best[1] < _MIN_COVERAGE:
        closest = f" (closest: {best[0].name}, {best[1]:.0%})" if best else ""
        raise InputError(
            f"{draft.source.path}: no embedded model contract matches this draft{closest}; "
            "give one with --baseline FILE (see `akapen baselines`)"
        )
    return best


def _coverage(draft: Contract, alignment: Alignment) -> float:
    """The draft's article text aligned with the model, each article weighted by how well it matches."""
    sizes = _sizes(draft)
    total = sum(sizes)
    covered = sum(sizes[p.b] * p.score for p in alignment.articles if p.b is not None and p.a is not None)
    return covered / total if total else 0.0


def _model_share(alignment: Alignment) -> float:
    """The share of the model's own article text that found a counterpart in the draft."""
    sizes = _sizes(alignment.model)
    total = sum(sizes)
    return (
        sum(sizes[p.a] for p in alignment.articles if p.a is not None and p.b is not None) / total
        if total
        else 0.0
    )


def _sizes(contract: Contract) -> list[int]:
    return [sum(len(p.text) for p in a.paragraphs) + len(a.heading or "") for a in contract.articles]


def authors_for(author: str) -> dict[RevisionKind, str]:
    """Reviewer names per revision kind, so Word's reviewer filter can hide the noise."""
    return {
        "substantive": author,
        "cosmetic": f"{author}（表記）",
        "renumbering": f"{author}（条番号）",
        "template": f"{AKAPEN}（テンプレート）",
    }


def render(comparison: Comparison, *, author: str, date: str) -> bytes:
    """The tracked-changes .docx, verified: Accept All = draft, Reject All = model."""
    from akapen.ooxml import accepted_paragraphs, document_xml, rejected_paragraphs
    from akapen.write.tracked import build_redline

    plan = comparison.plan
    try:
        data = build_redline(
            comparison.alignment.draft.source,
            plan.paragraphs,
            author=author,
            authors=authors_for(author),
            date=date,
        )
    except ValueError as error:
        raise AkapenError(
            f"internal error while writing the redline ({error}); nothing was written"
        ) from None
    xml = document_xml(data)
    if text_paragraphs(accepted_paragraphs(xml)) != text_paragraphs(plan.accepted) or text_paragraphs(
        rejected_paragraphs(xml)
    ) != text_paragraphs(plan.rejected):
        raise AkapenError(
            "internal check failed: the redline would not reproduce the draft (Accept All) and the model "
            "(Reject All); nothing was written. Please report this with the two files."
        )
    return data


def text_paragraphs(paragraphs: Sequence[str]) -> list[str]:
    """Paragraph texts that must match. Empty paragraphs do not count: a table cell keeps one even when
    all its text is rejected (Word requires it), and a draft's blank lines are not text."""
    return [p for p in paragraphs if p.strip()]


def normalise_date(value: str | None) -> str:
    """``--date`` as Word wants it (``YYYY-MM-DDTHH:MM:SSZ``); now, to the second, when not given."""
    if value is None:
        return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(
            f"--date {value!r} is not an ISO date; write e.g. 2026-04-01 or 2026-04-01T09:00:00Z"
        ) from None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC)
    return parsed.strftime("%Y-%m-%dT%H:%M:%SZ")


def report_json(comparison: Comparison, *, draft: str, baseline: str) -> dict[str, Any]:
    """The ``--json`` report: alignment per article (with the 修正例 followed), changes, findings."""
    alignment = comparison.alignment
    clauses = comparison.baseline.clauses
    entries = []
    for entry, p in enumerate(alignment.articles):
        match = comparison.variant_of(entry)
        clause = clauses[p.a] if p.a is not None and p.a < len(clauses) else None
        model_ref = article_ref(alignment.model.articles[p.a]) if p.a is not None else None
        record: dict[str, Any] = {
            "baseline": model_ref,
            "draft": article_ref(alignment.draft.articles[p.b]) if p.b is not None else None,
            "status": p.status,
            "score": p.score,
            "model": comparison.baseline.name,
            "clause": clause.id if clause is not None else model_ref,
            # The 修正例 followed, or the clause itself when the draft has it as the model does.
            "variant": (match.variant.id if match.variant is not None else match.clause.id)
            if match is not None
            else None,
        }
        if match is not None and match.mixed:
            record["variants"] = [v.id for v in match.mixed]
        entries.append(record)
    return {
        "draft": draft,
        "baseline": baseline,
        "alignment": entries,
        "changes": [
            {
                "kind": c.kind,
                "baseline": c.baseline,
                "draft": c.draft,
                "deleted": c.deleted,
                "inserted": c.inserted,
            }
            for c in comparison.plan.changes
        ],
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity,
                "baseline": f.baseline,
                "draft": f.draft,
                "message": f.message,
                "deleted": f.deleted,
                "inserted": f.inserted,
                "favours": f.favours,
                "adverse_to": f.adverse_to,
                "statutes": list(f.statutes),
                "kinds": list(f.kinds),
            }
            for f in comparison.findings
        ],
        "coverage": {"excerpt": alignment.excerpt, **covered_articles(alignment)},
        "notes": list(alignment.draft.source.notes),
        "not_compared": [
            {"where": where, "text": text} for where, text in alignment.draft.source.not_compared
        ],
    }


def summary(comparison: Comparison) -> str:
    """For the terminal: how the articles aligned, what kinds of change were found, which 修正例."""
    alignment = comparison.alignment
    statuses = Counter(p.status for p in alignment.articles)
    kinds = Counter(c.kind for c in comparison.plan.changes)
    counts = ", ".join(
        f"{statuses[s]} {s}" for s in ("matched", "moved", "added", "removed", "outside") if statuses[s]
    )
    lines = [
        f"articles: {counts or 'none'}",
        f"changes: {kinds['substantive']} substantive, {kinds['cosmetic']} cosmetic, "
        f"{kinds['renumbering']} renumbering, {kinds['template']} template",
    ]
    for entry, match in comparison.variants:
        pair = alignment.articles[entry]
        assert pair.b is not None
        where = article_ref(alignment.draft.articles[pair.b])
        if match.mixed:
            lines.append(f"{where}: {match.clause.id} with {' + '.join(v.id for v in match.mixed)}")
        elif match.variant is not None:
            favours = f", favours {match.variant.favours}" if match.variant.favours else ""
            lines.append(f"{where}: {match.variant.id} ({match.variant.label}{favours})")
        else:
            lines.append(f"{where}: {match.clause.id} as the model has it")
    if alignment.excerpt:
        cover = covered_articles(alignment)
        lines.append(
            f"excerpt: the draft has {len(cover['covered'])} of the model's {len(alignment.model.articles)} "
            f"articles ({', '.join(cover['covered']) or 'none'}); the other {len(cover['not_covered'])} "
            "are not reviewed as removed"
        )
    severities = Counter(f.severity for f in comparison.findings)
    stance = f" for {comparison.side}" if comparison.side else " (neutral: no --side)"
    lines.append(f"findings{stance}: " + ", ".join(f"{severities[s]} {s}" for s in SEVERITIES))
    lines += [f"note: {note}" for note in alignment.draft.source.notes]
    if uncompared := alignment.draft.source.not_compared:
        places = ", ".join(dict.fromkeys(where for where, _ in uncompared))
        lines.append(f"not compared: {len(uncompared)} paragraphs ({places}), listed in the --json report")
    lines.extend(
        f"  [{f.severity}] {f.rule} {f.draft or f.baseline or ''}: {_plain(f.message)}"
        for f in comparison.findings
    )
    return "\n".join(lines)


def _plain(message: str, width: int = 70) -> str:
    """A finding's message without its severity tag, cut for a terminal line."""
    text = message.split("】", 1)[-1]
    return text if len(text) <= width else text[: width - 1] + "…"


def fails(comparison: Comparison, threshold: Severity | None) -> bool:
    """``--fail-on``: is there a finding at or above ``threshold``?"""
    if threshold is None:
        return False
    limit = SEVERITIES.index(threshold)
    return any(SEVERITIES.index(f.severity) <= limit for f in comparison.findings)
