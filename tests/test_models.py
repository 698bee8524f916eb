"""Clause excerpts, model choice and the legal team's own models (#14)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import akapen
from tests.test_cli import run

CASES = Path(__file__).parent / "cases"
SALES_BASIC = Path(__file__).resolve().parents[1] / "baselines" / "sales-basic" / "contract.txt"
OUTSOURCING = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "review" / "outsourcing-dev"


def report(draft: Path, tmp_path: Path, *args: str) -> dict:  # type: ignore[type-arg]
    out = tmp_path / "r.json"
    result = run("redline", str(draft), "-o", str(tmp_path / "r.docx"), "--json", str(out), *args)
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("case", "variants"),
    [
        ("excerpt-seller-inspection", {"条項例1": "条項例1の修正例1", "条項例2": "条項例2"}),
        ("excerpt-buyer-nonconformity", {"条項例1": "条項例1", "条項例2": "条項例2の修正例3"}),
    ],
)
def test_an_excerpt_of_the_two_clauses_is_compared_with_the_clause_library(
    case: str, variants: dict[str, str], tmp_path: Path
) -> None:
    got = report(CASES / case / "draft.txt", tmp_path)
    assert got["baseline"] == "sales-inspection"
    assert not [f for f in got["findings"] if f["rule"] in ("article-removed", "clause-missing")]
    assert {a["clause"]: a["variant"] for a in got["alignment"]} == variants
    assert all(a["model"] == "sales-inspection" for a in got["alignment"])


def test_an_excerpt_against_the_whole_contract_is_one_coverage_note(tmp_path: Path) -> None:
    got = report(
        CASES / "excerpt-seller-inspection" / "draft.txt",
        tmp_path,
        "--baseline",
        "sales-basic",
        "--side",
        "買主",
    )
    assert not [f for f in got["findings"] if f["rule"] == "article-removed"]
    [note] = [f for f in got["findings"] if f["rule"] == "excerpt-coverage"]
    assert note["severity"] == "info"
    assert got["coverage"]["excerpt"] is True and got["coverage"]["covered"] == ["第4条", "第6条"]
    assert len(got["coverage"]["not_covered"]) == 12
    named = {a["baseline"]: (a["clause"], a["variant"]) for a in got["alignment"] if a["draft"]}
    assert named == {"第4条": ("条項例1", "条項例1の修正例1"), "第6条": ("条項例2", "条項例2")}


def test_a_complete_draft_that_drops_an_article_reports_it_removed(tmp_path: Path) -> None:
    text = SALES_BASIC.read_text(encoding="utf-8")
    dropped = re.sub(r"第8条（秘密保持）\n(?:.+\n)+\n", "", text)
    assert dropped != text
    draft = tmp_path / "draft.txt"
    draft.write_text(dropped, encoding="utf-8")
    got = report(draft, tmp_path)
    assert got["baseline"] == "sales-basic" and got["coverage"]["excerpt"] is False
    assert [f["baseline"] for f in got["findings"] if f["rule"] == "article-removed"] == ["第8条"]


@pytest.fixture
def own_model(tmp_path: Path) -> Path:
    folder = tmp_path / "models" / "our-outsourcing"
    result = run("baselines", "init", str(folder), "--from", str(OUTSOURCING / "model.txt"), "--side", "甲")
    assert result.exit_code == 0, result.output
    return folder


def test_init_writes_a_model_folder_a_lawyer_edits(own_model: Path) -> None:
    meta = (own_model / "model.toml").read_text(encoding="utf-8")
    for line in ('type = "請負"', 'parties = ["甲", "乙"]', 'side = "甲"', '"甲" = "委託者"', "number = 18"):
        assert line in meta
    assert (own_model / "contract.txt").read_text(encoding="utf-8") == (OUTSOURCING / "model.txt").read_text(
        encoding="utf-8"
    )
    assert run("baselines", "init", str(own_model), "--from", str(OUTSOURCING / "model.txt")).exit_code == 2


def test_our_model_grades_for_its_side_and_names_our_variant(own_model: Path, tmp_path: Path) -> None:
    draft = (OUTSOURCING / "draft.txt").read_text(encoding="utf-8")
    article = re.search(r"第7条（検収）\n(?:.+\n)+", draft)
    assert article is not None
    (own_model / "第6条の修正例1.txt").write_text(
        article.group().replace("第7条", "第6条", 1), encoding="utf-8"
    )
    meta = (own_model / "model.toml").read_text(encoding="utf-8")
    meta = meta.replace(
        'number = 6\ntitle = "検収"\n',
        'number = 6\ntitle = "検収"\n[[articles.variants]]\nid = "第6条の修正例1"\nfile = "第6条の修正例1.txt"\n'
        'label = "みなし検収"\nfavours = "乙"\nreason = "期間内に異議がなければ検収完了とする。"\n',
    )
    (own_model / "model.toml").write_text(meta, encoding="utf-8")
    got = report(OUTSOURCING / "draft.txt", tmp_path, "--baseline", str(own_model))
    deemed = next(f for f in got["findings"] if f["rule"] == "deemed-acceptance-added")
    assert deemed["severity"] == "high" and deemed["adverse_to"] == "甲"  # graded for 甲 without --side
    assert next(a for a in got["alignment"] if a["baseline"] == "第6条")["variant"] == "第6条の修正例1"
    listed = run("baselines", "--baseline", str(own_model)).output
    assert "our-outsourcing  [model contract]" in listed and "第6条の修正例1  みなし検収  乙に有利" in listed


def test_akapen_baselines_makes_our_models_choosable(
    own_model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AKAPEN_BASELINES", str(own_model.parent))
    assert "our-outsourcing" in run("baselines").output
    assert (
        report(OUTSOURCING / "draft.txt", tmp_path, "--baseline", "our-outsourcing")["baseline"]
        == "our-outsourcing"
    )
    assert (
        report(OUTSOURCING / "draft.txt", tmp_path)["baseline"] == "our-outsourcing"
    )  # the automatic choice
    assert akapen.load_baseline("our-outsourcing").side == "甲"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (('side = "甲"', 'side = "丙"'), "key 'side' must be one of the parties (甲, 乙)"),
        (("number = 6\n", 'number = "6"\n'), "key 'articles[5].number' must be a whole number"),
        (('kind = "contract"', 'kind = "clauses"'), "key 'kind' must be \"contract\""),
        (('type = "請負"', 'type = "業務委託"'), "key 'type' must be one of 売買, 請負"),
    ],
)
def test_a_broken_model_toml_is_a_one_line_error(
    own_model: Path, tmp_path: Path, edit: tuple[str, str], message: str
) -> None:
    toml = own_model / "model.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(*edit), encoding="utf-8")
    out = tmp_path / "r.docx"
    result = run("redline", str(OUTSOURCING / "draft.txt"), "--baseline", str(own_model), "-o", str(out))
    assert result.exit_code == 2 and not out.exists()
    [line] = result.output.strip().splitlines()
    assert str(toml) in line and message in line
