"""batch (#6): a folder of drafts, all cores, a summary.csv Excel opens, one bad file never stops it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from click.testing import CliRunner

from akapen.cli import main
from tests.support.seeds import SEED_000, seed_text
from tests.support.variants import apply_edits

WORDS = ["ただちにその旨", "10日前までに", "故意又は重過失に基づく場合を除き、"]


def test_twenty_drafts_one_corrupt(tmp_path: Path) -> None:
    folder, out = tmp_path / "drafts", tmp_path / "out"
    folder.mkdir()
    model = tmp_path / "model.txt"
    model.write_text(seed_text(SEED_000), encoding="utf-8")
    for i in range(19):
        edits = [{"op": "replace", "old": WORDS[i % 3], "new": ""}]
        (folder / f"draft{i:02}.txt").write_text(apply_edits(seed_text(SEED_000), edits), encoding="utf-8")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 truncated")
    result = CliRunner().invoke(
        main, ["batch", str(folder), "-b", str(model), "-o", str(out), "--side", "ユーザー", "--jobs", "2"]
    )
    assert result.exit_code == 3, result.output
    assert len(list(out.glob("*.redline.docx"))) == 19
    raw = (out / "summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 20
    broken = next(r for r in rows if r["file"] == "broken.docx")
    assert broken["status"].startswith("failed: ") and "not a Word .docx file" in broken["status"]
    good = [r for r in rows if r["status"] == "ok"]
    assert len(good) == 19 and all(r["model"] == "model" and r["articles_matched"] == "27" for r in good)
    assert "broken.docx: failed" in result.output


def test_an_empty_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["batch", str(tmp_path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "holds no .docx, .pdf, .txt or .md drafts" in result.output
    assert not (tmp_path / "out").exists()
