"""Golden redline cases: a model, a counterparty draft made from it by recorded edits, and what akapen
must report — the article alignment and every change that is not mere renumbering."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from akapen.model import Contract
from akapen.redline import Comparison, compare, report_json
from akapen.segment import segment
from tests.support.seeds import SEED_000, seed_text, text_source
from tests.support.variants import apply_edits

CASES = sorted(p for p in (Path(__file__).parent / "cases").glob("redline-*") if p.is_dir())


def load_case(case: Path) -> tuple[dict[str, Any], str, str]:
    """The case spec, the model text and the draft text."""
    spec = json.loads((case / "case.json").read_text(encoding="utf-8"))
    assert spec["model"] == "seed:000"
    model = seed_text(SEED_000)
    return spec, model, apply_edits(model, spec["edits"])


def lines_of(text: str) -> list[str]:
    """A text file's lines as akapen's text reader keeps them: non-blank, right-stripped."""
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def run(model: str, draft: str) -> tuple[Contract, Contract, Comparison]:
    m, d = segment(text_source(model, "model.txt")), segment(text_source(draft, "draft.txt"))
    return m, d, compare(m, d)


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_redline_case(case: Path) -> None:
    spec, model, draft = load_case(case)
    _, _, comparison = run(model, draft)
    report = report_json(comparison, draft="draft.txt", baseline="model.txt")
    statuses = Counter(a["status"] for a in report["alignment"])
    assert {k: statuses[k] for k in spec["alignment"]} == spec["alignment"]
    if isinstance(spec["changes"], dict):
        assert {c["kind"] for c in report["changes"]} <= set(spec["changes"]["only_kinds"])
    else:
        assert [c for c in report["changes"] if c["kind"] != "renumbering"] == spec["changes"]


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_plan_reads_as_draft_when_accepted_and_as_model_when_rejected(case: Path) -> None:
    _, model, draft = load_case(case)
    _, _, comparison = run(model, draft)
    assert list(comparison.plan.accepted) == lines_of(draft)
    assert list(comparison.plan.rejected) == lines_of(model)


def test_inserted_article_leaves_the_other_27_without_substantive_change() -> None:
    _, model, draft = load_case(Path(__file__).parent / "cases" / "redline-seed000-insert-article-top")
    _, _, comparison = run(model, draft)
    substantive = [c for c in comparison.plan.changes if c.kind == "substantive"]
    assert {c.draft for c in substantive} == {"第1条", "第1条第1項"}
    renumbered = {c.baseline for c in comparison.plan.changes if c.kind == "renumbering"}
    assert {f"第{n}条" for n in range(1, 28)} <= renumbered
