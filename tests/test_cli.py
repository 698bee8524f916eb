"""The command line: thin over the library, one-line errors with exit code 2, nothing written on error."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from akapen.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def run(*args: str) -> click.testing.Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_command_has_help() -> None:
    assert isinstance(main, click.Group)
    for name, command in main.commands.items():
        assert command.help, name
        assert run(name, "--help").exit_code == 0


def test_outline_json_shape() -> None:
    result = run("outline", str(FIXTURES / "draft.docx"), "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["title"] == "売買基本契約書"
    first = data["articles"][0]
    assert set(first) == {"ref", "number", "branch", "heading", "paragraphs"}
    assert (first["ref"], first["number"], first["heading"]) == ("第1条", 1, "目的")
    assert set(first["paragraphs"][0]) == {"ref", "label", "text", "items"}


def test_redline_default_output_beside_the_draft(tmp_path: Path) -> None:
    draft = tmp_path / "相手方案.docx"
    shutil.copy(FIXTURES / "draft.docx", draft)
    before = digest(draft)
    result = run("redline", str(draft), "--date", "2026-04-01")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "相手方案.redline.docx").is_file()
    assert "model: sales-basic" in result.output and "substantive" in result.output
    assert digest(draft) == before


def test_same_inputs_and_date_give_identical_bytes(tmp_path: Path) -> None:
    for name in ("a.docx", "b.docx"):
        args = [
            "redline",
            str(FIXTURES / "draft.docx"),
            "-b",
            str(FIXTURES / "model.docx"),
            "-o",
            str(tmp_path / name),
        ]
        assert run(*args, "--date", "2026-04-01T09:00:00Z").exit_code == 0
    assert digest(tmp_path / "a.docx") == digest(tmp_path / "b.docx")


def test_json_report_shape(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    args = ["redline", str(FIXTURES / "draft.txt"), "-b", "sales-basic", "-o", str(tmp_path / "out.docx")]
    assert run(*args, "--json", str(report)).exit_code == 0
    data = json.loads(report.read_text(encoding="utf-8"))
    assert set(data) == {
        "draft",
        "baseline",
        "alignment",
        "changes",
        "findings",
        "coverage",
        "notes",
        "not_compared",
    }
    assert data["baseline"] == "sales-basic"
    assert set(data["alignment"][0]) >= {"baseline", "draft", "status", "score", "model", "clause", "variant"}
    assert data["coverage"]["excerpt"] is False
    assert {a["status"] for a in data["alignment"]} == {"matched", "moved", "added"}
    assert set(data["changes"][0]) == {"kind", "baseline", "draft", "deleted", "inserted"}
    assert {c["kind"] for c in data["changes"]} == {"substantive", "cosmetic", "renumbering"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["redline", "{draft}", "-b", "{model}", "-o", "{draft}"], "is an input file"),
        (["redline", "{draft}", "-b", "{model}", "-o", "{model}"], "is an input file"),
        (["redline", "{draft}", "-b", "no-such-model"], "unknown baseline 'no-such-model'"),
        (
            ["redline", "{draft}", "-b", "sales-inspection", "--prefer", "条項例9の修正例9"],
            "--prefer 条項例9の修正例9",
        ),
        (["redline", "{draft}", "-b", "{model}", "--date", "yesterday"], "not an ISO date"),
        (["redline", "{junk}", "-b", "{model}"], "not a Word .docx file"),
        (["outline", "{junk}"], "not a Word .docx file"),
    ],
)
def test_bad_input_is_one_line_exit_2_nothing_written(args: list[str], message: str, tmp_path: Path) -> None:
    draft, model, junk = tmp_path / "draft.docx", tmp_path / "model.docx", tmp_path / "junk.docx"
    shutil.copy(FIXTURES / "draft.docx", draft)
    shutil.copy(FIXTURES / "model.docx", model)
    junk.write_bytes(b"this is not a zip file")
    before = {p.name: digest(p) for p in tmp_path.iterdir()}
    result = CliRunner().invoke(main, [a.format(draft=draft, model=model, junk=junk) for a in args])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.output
    assert {p.name: digest(p) for p in tmp_path.iterdir()} == before


def test_baselines_lists_the_embedded_models() -> None:
    result = run("baselines")
    assert result.exit_code == 0
    for name in ("platform-terms", "sales-basic", "sales-inspection", "条項例1の修正例1", "条項例2の修正例3"):
        assert name in result.output
