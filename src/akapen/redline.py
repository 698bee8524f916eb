"""The redline: align a draft with its model, diff every aligned pair, and build the tracked-changes file.

``compare`` is pure (Contracts in, records out); ``render`` turns the result into .docx bytes and
checks them before anyone sees them: the file's own Accept All view must read as the draft and its
Reject All view as the model, or akapen refuses to write it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from akapen.align import align_contracts
from akapen.errors import AkapenError, InputError
from akapen.model import Alignment, Contract, RevisionKind
from akapen.plan import Plan, plan_redline
from akapen.refs import article_ref

__all__ = ["Comparison", "authors_for", "compare", "normalise_date", "render", "report_json", "summary"]


@dataclass(frozen=True)
class Comparison:
    """A draft compared with a model: the alignment and the redline plan (with its changes)."""

    alignment: Alignment
    plan: Plan


def compare(model: Contract, draft: Contract) -> Comparison:
    """Align and diff ``draft`` against ``model``."""
    if not draft.articles and not draft.parts:
        raise InputError(f"{draft.source.path}: no text found; is it the right file?")
    alignment = align_contracts(model, draft)
    return Comparison(alignment, plan_redline(alignment))


def authors_for(author: str) -> dict[RevisionKind, str]:
    """Reviewer names per revision kind, so Word's reviewer filter can hide the noise."""
    return {
        "substantive": author,
        "cosmetic": f"{author}（表記）",
        "renumbering": f"{author}（条番号）",
        "template": "akapen（テンプレート）",
    }


def render(comparison: Comparison, *, author: str, date: str) -> bytes:
    """The tracked-changes .docx, verified: Accept All = draft, Reject All = model."""
    from akapen.ooxml import accepted_paragraphs, document_xml, rejected_paragraphs
    from akapen.write.tracked import build_redline

    plan = comparison.plan
    data = build_redline(
        comparison.alignment.draft.source,
        plan.paragraphs,
        author=author,
        authors=authors_for(author),
        date=date,
    )
    xml = document_xml(data)
    if _flat(accepted_paragraphs(xml)) != _flat(plan.accepted) or _flat(rejected_paragraphs(xml)) != _flat(
        plan.rejected
    ):
        raise AkapenError(
            "internal check failed: the redline would not reproduce the draft (Accept All) and the model "
            "(Reject All); nothing was written. Please report this with the two files."
        )
    return data


def _flat(paragraphs: Any) -> str:
    return re.sub(r"\s+", "", "".join(paragraphs))


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
    """The ``--json`` report: alignment per article, changes, findings."""
    alignment = comparison.alignment
    return {
        "draft": draft,
        "baseline": baseline,
        "alignment": [
            {
                "baseline": article_ref(alignment.model.articles[p.a]) if p.a is not None else None,
                "draft": article_ref(alignment.draft.articles[p.b]) if p.b is not None else None,
                "status": p.status,
                "score": p.score,
                "variant": None,
            }
            for p in alignment.articles
        ],
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
        "findings": [],
    }


def summary(comparison: Comparison) -> str:
    """Two lines for the terminal: how the articles aligned and what kinds of change were found."""
    statuses = Counter(p.status for p in comparison.alignment.articles)
    kinds = Counter(c.kind for c in comparison.plan.changes)
    return (
        f"articles: {statuses['matched']} matched, {statuses['moved']} moved, "
        f"{statuses['added']} added, {statuses['removed']} removed\n"
        f"changes: {kinds['substantive']} substantive, {kinds['cosmetic']} cosmetic, "
        f"{kinds['renumbering']} renumbering"
    )
