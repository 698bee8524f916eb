"""新旧対照表 (#6): one row per aligned article, added and removed articles with an empty side."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

import akapen
from tests.support.office import Office
from tests.support.seeds import SEED_000, seed_text
from tests.support.variants import apply_edits

EDITS = [
    {"op": "delete_article", "number": 5},
    {
        "op": "insert_article",
        "before": 1,
        "text": "第1条（用語の解釈）\n本規約の用語は日本法に従って解釈するものとします。",
    },
    {"op": "replace", "old": "ただちにその旨", "new": "その旨"},
]


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, akapen.RedlineResult]:
    folder = tmp_path_factory.mktemp("table")
    (folder / "model.txt").write_text(seed_text(SEED_000), encoding="utf-8")
    (folder / "draft.txt").write_text(apply_edits(seed_text(SEED_000), EDITS), encoding="utf-8")
    result = akapen.table_files(folder / "draft.txt", folder / "model.txt", side="ユーザー")
    return folder / "draft.table.docx", result


def test_one_row_per_aligned_article(table: tuple[Path, akapen.RedlineResult]) -> None:
    path, result = table
    [grid] = Document(str(path)).tables
    assert [c.text for c in grid.rows[0].cells] == ["ひな形", "相手方案", "コメント"]
    assert len(grid.rows) == 1 + len(result.comparison.alignment.articles) == 1 + 28
    added = next(r for r in grid.rows if r.cells[1].text.startswith("第1条（用語の解釈）"))
    assert added.cells[0].text == "" and "追加されています" in added.cells[2].text
    removed = next(r for r in grid.rows if r.cells[0].text.startswith("第5条（利用料金）"))
    assert removed.cells[1].text == "" and "削除されています" in removed.cells[2].text


def test_changed_words_are_marked_in_the_cells(table: tuple[Path, akapen.RedlineResult]) -> None:
    [grid] = Document(str(table[0])).tables
    row = next(r for r in grid.rows if r.cells[0].text.startswith("第4条（アカウント）"))
    struck = [run.text for p in row.cells[0].paragraphs for run in p.runs if run.font.strike]
    assert struck == ["ただちに"]
    assert "【参考】" in row.cells[2].text  # removing ただちに from ユーザー's own duty helps ユーザー
    renumbered = next(r for r in grid.rows if r.cells[1].text.startswith("第4条（本サービスの申込）"))
    assert not any(run.font.strike for p in renumbered.cells[0].paragraphs for run in p.runs)


def test_landscape_japanese_and_header_repeated(table: tuple[Path, akapen.RedlineResult]) -> None:
    document = Document(str(table[0]))
    assert document.sections[0].page_width > document.sections[0].page_height
    header = document.tables[0].rows[0]._tr
    assert header.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    fonts = document.tables[0].rows[0].cells[0].paragraphs[0].runs[0]._r.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia"))


@pytest.mark.office
def test_opens_in_libreoffice(table: tuple[Path, akapen.RedlineResult], office: Office) -> None:
    assert office.load_error(table[0]) is None
    text = "\n".join(office.view(table[0], "none"))
    assert "新旧対照表" in text and "第1条（用語の解釈）" in text
