"""Deviation review (#5): stance-aware findings, judged on the diff between aligned clauses."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import akapen
from akapen.cli import main
from akapen.model import Baseline
from akapen.redline import compare
from akapen.segment import segment
from tests.support.office import Office
from tests.support.seeds import text_source
from tests.test_redline_cases import load_case

CASES = Path(__file__).parent / "cases"
REVIEW_CASES = sorted(CASES.glob("review-seed003-*"))
SEED000_CASES = sorted(
    p for p in CASES.glob("redline-seed000-*") if "findings" in json.loads((p / "case.json").read_text())
)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def library() -> Baseline:
    return akapen.load_baseline("sales-inspection")


def library_draft(library: Baseline, variant: str) -> str:
    """A counterparty's contract with the variant for its clause and the model wording of the other."""
    texts = {c.id: c.text for c in library.clauses if c is not None}
    texts.update(
        {
            v.id.split("の")[0]: v.text
            for c in library.clauses
            if c is not None
            for v in c.variants
            if v.id == variant
        }
    )
    return texts["条項例1"].replace("第◯条", "第12条", 1) + texts["条項例2"].replace("第◯条", "第13条", 1)


@pytest.mark.parametrize("case", REVIEW_CASES, ids=[p.name for p in REVIEW_CASES])
@pytest.mark.parametrize("side", ["買主", "売主", None])
def test_seed003_variant_findings(case: Path, side: str | None, library: Baseline) -> None:
    spec = json.loads((case / "case.json").read_text(encoding="utf-8"))
    comparison = compare(library, segment(text_source(library_draft(library, spec["variant"]))), side=side)
    assert sorted([f.rule, f.severity] for f in comparison.findings) == spec["findings"][side or "neutral"]


@pytest.mark.parametrize("variant", ["条項例1", "条項例2"])
def test_the_model_clauses_themselves_give_no_finding(library: Baseline, variant: str) -> None:
    assert compare(library, segment(text_source(library_draft(library, variant))), side="買主").findings == ()


@pytest.mark.parametrize("case", SEED000_CASES, ids=[p.name for p in SEED000_CASES])
@pytest.mark.parametrize("side", ["ユーザー", "デジタル庁"])
def test_seed000_findings(case: Path, side: str) -> None:
    spec, model, draft = load_case(case)
    comparison = compare(
        segment(text_source(model, "model.txt")), segment(text_source(draft, "draft.txt")), side=side
    )
    assert [[f.rule, f.severity, f.draft or f.baseline] for f in comparison.findings] == spec["findings"][
        side
    ]


def test_removing_tadachi_from_the_users_duty_is_info_for_the_user_and_high_for_the_agency() -> None:
    _, model, draft = load_case(CASES / "redline-seed000-edit-words")
    for side, severity in (("ユーザー", "info"), ("デジタル庁", "high")):
        comparison = compare(segment(text_source(model)), segment(text_source(draft)), side=side)
        [finding] = [f for f in comparison.findings if f.rule == "timing-removed"]
        assert (finding.severity, finding.draft, finding.deleted, finding.favours) == (
            severity,
            "第4条第5項",
            "ただちに",
            "ユーザー",
        )
        assert "ユーザーの義務から「ただちに」が削除" in finding.message


def test_neutral_findings_say_whom_the_change_favours() -> None:
    _, model, draft = load_case(CASES / "redline-seed000-edit-words")
    comparison = compare(segment(text_source(model)), segment(text_source(draft)))
    deemed = next(f for f in comparison.findings if f.rule == "deemed-acceptance-added")
    assert deemed.severity == "medium" and "デジタル庁に有利、ユーザーに不利な変更です" in deemed.message


def test_messages_give_the_reason_and_the_model_wording(library: Baseline) -> None:
    comparison = compare(
        library, segment(text_source(library_draft(library, "条項例2の修正例1"))), side="売主"
    )
    [finding] = comparison.findings
    assert finding.message.startswith("【高】") and "商法526条2項" in finding.message
    assert "ひな形の文言：「" in finding.message


def test_unknown_side_is_a_clear_error() -> None:
    _, model, draft = load_case(CASES / "redline-seed000-edit-words")
    with pytest.raises(
        akapen.InputError,
        match="--side 乙山: not a party of this contract; the parties are デジタル庁、ユーザー",
    ):
        compare(segment(text_source(model)), segment(text_source(draft)), side="乙山")


@pytest.mark.parametrize(("fail_on", "code"), [("high", 1), ("low", 1), (None, 0)])
def test_fail_on(fail_on: str | None, code: int, tmp_path: Path) -> None:
    args = ["redline", str(FIXTURES / "draft.docx"), "-o", str(tmp_path / "o.docx"), "--side", "買主"]
    result = CliRunner().invoke(main, args + (["--fail-on", fail_on] if fail_on else []))
    assert result.exit_code == code, result.output
    lines = result.output.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("  ["))
    assert lines[first].startswith("  [high]")  # the terminal lists high findings first


def test_findings_in_the_json_report(tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    akapen.redline_files(
        FIXTURES / "draft.txt", "sales-basic", output=tmp_path / "o.docx", json_path=report, side="買主"
    )
    findings = json.loads(report.read_text(encoding="utf-8"))["findings"]
    assert findings and all(
        set(f)
        == {
            "rule",
            "severity",
            "baseline",
            "draft",
            "message",
            "deleted",
            "inserted",
            "favours",
            "adverse_to",
            "statutes",
            "kinds",
        }
        for f in findings
    )
    added = next(f for f in findings if f["rule"] == "article-added")
    assert (added["baseline"], added["draft"]) == (None, "第4条")
    removed_item = next(f for f in findings if f["rule"] == "item-removed")
    assert removed_item["baseline"] == "第10条第1項第4号" and removed_item["draft"] == "第11条"


@pytest.mark.office
def test_findings_are_comments_in_libreoffice(tmp_path: Path, office: Office) -> None:
    draft = tmp_path / "draft.docx"
    shutil.copy(FIXTURES / "draft.docx", draft)
    result = akapen.redline_files(
        draft, "sales-basic", output=tmp_path / "o.docx", side="買主", date="2026-04-01"
    )
    comments = office.comments(tmp_path / "o.docx")
    assert len(comments) == len(result.comparison.findings) + len(result.comparison.variants)
    assert all(author == "akapen" for author, _ in comments)
    texts = [text for _, text in comments]
    assert any(t.startswith("【高】") and "みなし規定" in t for t in texts)
    assert any("条項例1の修正例1" in t for t in texts)


def test_a_stale_article_number_is_flagged_but_another_instruments_article_is_not() -> None:
    # 第2条 became 第3条 when the draft inserted an article; 第4条（検査） still cites 第2条 twice for
    # the contract's own article (第2条, 本規則第2条) and twice for another instrument's.
    model = (
        "第1条（目的）本契約は、売買の条件を定める。\n"
        "第2条（引渡し）売主は、本製品を買主に引き渡す。\n"
        "第3条（検査）買主は、第2条に定める引渡しの後、本規則第2条、利用規約第2条及び民法第2条に従い検査する。\n"
    )
    draft = model.replace("第2条（引渡し）", "第2条（支払）買主は、代金を支払う。\n第3条（引渡し）").replace(
        "第3条（検査）", "第4条（検査）"
    )
    comparison = compare(segment(text_source(model)), segment(text_source(draft)))
    stale = [f for f in comparison.findings if f.rule == "stale-reference"]
    blocks = comparison.alignment.draft.source.blocks
    cited = [blocks[f.anchor.block].text[f.anchor.start - 3 : f.anchor.end] for f in stale if f.anchor]
    assert cited == ["主は、第2条", "本規則第2条"]
    assert all(f.draft == "第4条第1項" and "（この案では第3条）を指していた" in f.message for f in stale)
