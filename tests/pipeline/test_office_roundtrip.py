"""The core promise, judged by a real office suite: open the redline in LibreOffice, Accept All gives
exactly the draft and Reject All exactly the model — for every golden case and every fixture pair."""

from __future__ import annotations

from pathlib import Path

import pytest

import akapen
from tests.support.office import Office
from tests.support.revisions import libreoffice_joins_insertions, structure_problems
from tests.support.seeds import SEED_000, seed_text
from tests.test_redline_cases import CASES, lines_of, load_case

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
MODEL_TEXT = ROOT / "baselines" / "sales-basic" / "contract.txt"

pytestmark = pytest.mark.office


def _nonempty(paragraphs: list[str]) -> list[str]:
    return [p.rstrip() for p in paragraphs if p.strip()]


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_golden_case_in_libreoffice(case: Path, tmp_path: Path, office: Office) -> None:
    _, model, draft = load_case(case)
    (tmp_path / "model.txt").write_text(model, encoding="utf-8")
    (tmp_path / "draft.txt").write_text(draft, encoding="utf-8")
    out = tmp_path / "out.docx"
    akapen.redline_files(tmp_path / "draft.txt", tmp_path / "model.txt", output=out, date="2026-04-01")
    data = out.read_bytes()
    assert structure_problems(data) == []
    assert office.load_error(out) is None
    assert not libreoffice_joins_insertions(data)  # else LibreOffice 7.4's Reject All would misjudge it
    assert _nonempty(office.view(out, "accept")) == lines_of(draft)
    assert _nonempty(office.view(out, "reject")) == lines_of(model)


@pytest.mark.parametrize(
    ("draft", "model"),
    [
        ("draft.docx", "model.docx"),
        ("draft.txt", "model.docx"),
        ("draft.docx", "sales-basic"),
        ("draft.txt", None),
    ],
)
def test_fixture_pair_in_libreoffice(draft: str, model: str | None, tmp_path: Path, office: Office) -> None:
    draft_path = FIXTURES / draft
    out = tmp_path / "out.docx"
    baseline = str(FIXTURES / model) if model and model.endswith(".docx") else model
    akapen.redline_files(draft_path, baseline, output=out, date="2026-04-01")
    assert structure_problems(out.read_bytes()) == []
    assert office.load_error(out) is None
    expected_draft = (
        _nonempty(office.view(draft_path, "none"))
        if draft.endswith(".docx")
        else lines_of(draft_path.read_text(encoding="utf-8"))
    )
    assert _nonempty(office.view(out, "accept")) == expected_draft
    if model and model.endswith(".docx"):
        expected_model = _nonempty(office.view(FIXTURES / model, "none"))
    else:
        expected_model = lines_of(MODEL_TEXT.read_text(encoding="utf-8"))
    assert _nonempty(office.view(out, "reject")) == expected_model


def test_seed000_against_itself_has_no_revision(tmp_path: Path, office: Office) -> None:
    (tmp_path / "model.txt").write_text(seed_text(SEED_000), encoding="utf-8")
    (tmp_path / "draft.txt").write_text(seed_text(SEED_000), encoding="utf-8")
    out = tmp_path / "out.docx"
    result = akapen.redline_files(
        tmp_path / "draft.txt", tmp_path / "model.txt", output=out, date="2026-04-01"
    )
    assert result.comparison.plan.changes == ()
    assert office.view(out, "accept") == office.view(out, "reject")
