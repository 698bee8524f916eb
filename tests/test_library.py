"""The clause library (#4): 条項例1/2 and their 修正例 from seed 003, templates, variants, auto-selection."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import akapen
from akapen.model import Baseline, Contract
from akapen.redline import Comparison, compare, report_json
from akapen.segment import segment
from tests.support.seeds import SEED_000, seed003_clauses, seed_text, text_source

ROOT = Path(__file__).resolve().parents[1]
VARIANTS = [name for name in seed003_clauses() if "修正例" in name]


@pytest.fixture(scope="module")
def library() -> Baseline:
    return akapen.load_baseline("sales-inspection")


def as_article(clause_text: str, number: int) -> str:
    """A clause as a counterparty would paste it into its contract: with a real article number."""
    return clause_text.replace("第◯条", f"第{number}条", 1)


def redline(library: Baseline, draft_text: str) -> tuple[Comparison, dict[str, object]]:
    draft = segment(text_source(draft_text))
    comparison = compare(library, draft)
    return comparison, report_json(comparison, draft="draft.txt", baseline="sales-inspection")


def library_text(name: str) -> str:
    return (ROOT / "baselines" / "sales-inspection" / f"{name}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", VARIANTS)
def test_each_variant_is_identified_as_itself(library: Baseline, name: str) -> None:
    _, report = redline(library, as_article(library_text(name), 12))
    [entry] = [a for a in report["alignment"] if a["status"] == "matched"]  # type: ignore[union-attr]
    assert entry["variant"] == name
    assert entry["baseline"] == name.split("の")[0]


@pytest.mark.parametrize("name", ["条項例1", "条項例2"])
def test_the_model_clause_is_identified_as_the_model(library: Baseline, name: str) -> None:
    _, report = redline(library, as_article(library_text(name), 7))
    [entry] = [a for a in report["alignment"] if a["status"] == "matched"]  # type: ignore[union-attr]
    # The clause itself is named when the draft has it as the model does (#14), not left null.
    assert (entry["baseline"], entry["clause"], entry["variant"]) == (name, name, name)
    [missing] = [a for a in report["alignment"] if a["status"] == "removed"]  # type: ignore[union-attr]
    assert missing["draft"] is None and missing["baseline"] != name


FILLED = (
    "第12条（検査）\n"
    "1 買主は、売主による本製品の納入後、7日以内に、別紙仕様書で定めた基準および方法に従って、本件製品の種類、"
    "品質および数量について、受入検査を行い、合格したものを検収する。\n"
    "2 前項に定める検査の結果、本製品に種類、品質または数量に関して本契約の内容に適合しないものがあった場合には、"
    "買主は、{notice}その内容を売主に通知するものとする。\n"
    "3 前項の場合、買主は、何ら催告を要せず直ちに買主の選択に基づき、売主に対し、返品、商品交換、修補、追加納品、"
    "代替品の納入または商品の代金減額を求めることができる。\n"
    "第13条（契約不適合責任）\n"
    "買主に納入された本製品に、第12条で定める検査において発見できない契約不適合があった場合、当該製品の買主に対する納入から"
    "1年以内に、買主が当該不適合を発見し、かつ、その内容を売主に対して発見後遅滞なく通知したときに限り、第12条第3項(検査)に"
    "準じて、売主は、買主の選択する方法に従い、返品、商品交換、修補、追加納品、代替品の納入または商品の代金減額の対応をするものとする。\n"
)


def test_a_draft_filling_the_template_as_allowed_has_no_substantive_change(library: Baseline) -> None:
    _, report = redline(library, FILLED.format(notice="14日以内に"))
    changes = report["changes"]
    assert [c for c in changes if c["kind"] == "substantive"] == []  # type: ignore[union-attr,index]
    chosen = {(c["deleted"], c["inserted"]) for c in changes if c["kind"] == "template"}  # type: ignore[union-attr,index]
    assert ("〔遅滞なく〕OR〔◯〕日以内に", "7日以内に") in chosen
    assert ("〔◯◯で定めた〕OR〔買主売主間で協議して合意した〕", "別紙仕様書で定めた") in chosen
    assert ("〔◯〕日以内に〕OR〔合理的期間内に〕", "14日以内に") in chosen
    assert report["findings"] == []


def test_naohi_where_the_options_are_days_or_a_reasonable_period_is_the_one_change(library: Baseline) -> None:
    _, report = redline(library, FILLED.format(notice="直ちに"))
    substantive = [
        (c["baseline"], c["deleted"], c["inserted"]) for c in report["changes"] if c["kind"] == "substantive"
    ]  # type: ignore[union-attr,index]
    assert substantive == [("条項例1第2項", "合理的期間内に", "直ちに")]


def test_two_clauses_among_unrelated_articles(library: Baseline) -> None:
    seed = segment(text_source(seed_text(SEED_000)))
    unrelated = [a for a in seed.articles if a.number in (1, 5, 8, 11, 21, 22, 23, 24, 25, 26)]
    lines = [
        f"第{n}条（{a.heading}）\n" + "\n".join(p.text for p in a.paragraphs)
        for n, a in enumerate(unrelated[:6], 1)
    ]
    lines.append(
        FILLED.format(notice="合理的期間内に").split("第13条")[0].replace("第12条", "第7条").rstrip()
    )
    lines.append(as_article(library_text("条項例2の修正例2"), 8).rstrip())
    lines += [
        f"第{n}条（{a.heading}）\n" + "\n".join(p.text for p in a.paragraphs)
        for n, a in enumerate(unrelated[6:], 9)
    ]
    comparison, report = redline(library, "\n".join(lines) + "\n")
    aligned = {
        (a["baseline"], a["draft"], a["variant"]) for a in report["alignment"] if a["status"] == "matched"
    }  # type: ignore[union-attr,index]
    assert aligned == {("条項例1", "第7条", "条項例1"), ("条項例2", "第8条", "条項例2の修正例2")}
    assert sum(a["status"] == "outside" for a in report["alignment"]) == 10  # type: ignore[union-attr,index]
    # No wall of insertions: nothing outside the two clauses carries a revision.
    clause_blocks = _blocks_of(comparison.alignment.draft, {"第7条", "第8条"})
    for p in comparison.plan.paragraphs:
        if p.block is not None and p.block not in clause_blocks:
            assert {piece.op for piece in p.pieces} <= {"equal"} and p.mark == "equal"


def _blocks_of(contract: Contract, refs: set[str]) -> set[int]:
    blocks: set[int] = set()
    for a in contract.articles:
        if f"第{a.number}条" in refs:
            blocks |= {s.block for s in a.spans}
            for p in a.paragraphs:
                blocks |= {s.block for s in p.spans}
    return blocks


def test_a_paragraph_level_mix_of_variants_is_named(library: Baseline) -> None:
    mix = library_text("条項例1").rstrip().split("\n")
    mix[3] = library_text("条項例1の修正例3").rstrip().split("\n")[-1]  # 項3 from 修正例3
    mix.append(library_text("条項例1の修正例2").rstrip().split("\n")[-1])  # 項4 from 修正例2
    comparison, report = redline(library, as_article("\n".join(mix) + "\n", 4))
    [entry] = [a for a in report["alignment"] if a["status"] == "matched"]  # type: ignore[union-attr]
    assert entry["variants"] == ["条項例1の修正例3", "条項例1の修正例2"]
    notes = [n.text for p in comparison.plan.paragraphs for n in p.notes]
    assert any("条項例1の修正例3" in n and "条項例1の修正例2" in n for n in notes)


def test_prefer_makes_a_variant_the_reference() -> None:
    preferred = akapen.load_baseline("sales-inspection", prefer=("条項例1の修正例1",))
    _, report = redline(preferred, as_article(library_text("条項例1の修正例1"), 3))
    assert [c for c in report["changes"] if c["kind"] == "substantive"] == []  # type: ignore[union-attr,index]
    plain = akapen.load_baseline("sales-inspection")
    _, report = redline(plain, as_article(library_text("条項例1の修正例1"), 3))
    assert any("みなす" in c["inserted"] for c in report["changes"] if c["kind"] == "substantive")  # type: ignore[union-attr,index]


def test_variant_comment_in_the_word_file(library: Baseline) -> None:
    comparison, _ = redline(library, as_article(library_text("条項例1の修正例1"), 5))
    notes = [n for p in comparison.plan.paragraphs for n in p.notes if n.text.startswith("【修正例】")]
    assert len(notes) == 1 and notes[0].author == "akapen"
    assert "条項例1の修正例1" in notes[0].text and "売主に有利" in notes[0].text


@pytest.mark.parametrize(
    ("draft", "expected"),
    [(ROOT / "fixtures" / "draft.docx", "sales-basic"), (SEED_000, "platform-terms")],
)
def test_auto_selected_model(draft: Path, expected: str) -> None:
    model, coverage = akapen.choose_baseline(akapen.parse(draft), akapen.embedded_baselines())
    assert model.name == expected and coverage > 0.9


def test_no_usable_model_is_a_clear_error(tmp_path: Path) -> None:
    draft = tmp_path / "memo.txt"
    draft.write_text("第1条（目的）\n本書は社内の昼食会の席次を定める。\n", encoding="utf-8")
    with pytest.raises(akapen.InputError, match="no embedded model contract matches"):
        akapen.redline_files(draft, output=tmp_path / "out.docx")
    assert not (tmp_path / "out.docx").exists()


def test_wheel_ships_the_baselines_and_finds_them_from_anywhere(tmp_path: Path) -> None:
    """A non-editable install (the wheel) reads its embedded models from inside the package."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
    )
    [wheel] = tmp_path.glob("akapen-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "akapen/baselines/sales-inspection/model.toml" in names
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import akapen; print(akapen.__file__); print([b.name for b in akapen.embedded_baselines()])",
        ],
        cwd=elsewhere,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(target) in out and "sales-inspection" in out and "platform-terms" in out
