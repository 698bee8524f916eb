"""The LibreOffice-made real-world draft redlines without loss: its numbering, tracked changes (read as
accepted), comment, text box, header, footer, footnote, table, bookmarks and 第12条 cross-reference
field all survive, and LibreOffice's Accept All of the redline is its Accept All of the draft."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from akapen.cli import main
from akapen.ooxml import accepted_paragraphs, document_xml
from akapen.read import read_source
from tests.support.office import Office
from tests.support.revisions import structure_problems

DRAFT = Path(__file__).resolve().parents[2] / "fixtures" / "realworld" / "platform-terms-draft.docx"
# What the redline changes: the main document, the comments it adds to, and the package's directory.
_EDITED = {"word/document.xml", "word/comments.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"}


@pytest.fixture(scope="module")
def redline(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("realworld")
    out, report = folder / "redline.docx", folder / "redline.json"
    args = ["redline", str(DRAFT), "-b", "platform-terms", "-o", str(out), "--json", str(report)]
    result = CliRunner().invoke(main, [*args, "--date", "2026-04-01"])
    assert result.exit_code == 0, result.output
    return out, json.loads(report.read_text(encoding="utf-8"))


def _members(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_everything_but_the_body_and_its_comments_is_kept_byte_for_byte(
    redline: tuple[Path, dict[str, Any]],
) -> None:
    before, after = _members(DRAFT.read_bytes()), _members(redline[0].read_bytes())
    assert set(after) == set(before)
    assert {name for name in before if before[name] != after[name]} <= _EDITED
    for kept in ("word/header1.xml", "word/footer1.xml", "word/footnotes.xml", "word/numbering.xml"):
        assert after[kept] == before[kept], kept


def test_the_draft_s_own_content_survives_in_the_redline(redline: tuple[Path, dict[str, Any]]) -> None:
    data = redline[0].read_bytes()
    assert structure_problems(data) == []
    members = _members(data)
    document = members["word/document.xml"].decode()
    assert "社内検討メモ：定義の範囲は法務部確認済み" in document  # the text box
    assert "REF _Ref_article12 \\r \\h" in document and 'w:name="_Ref_article12"' in document
    assert document.count("<w:bookmarkStart ") == 27 and "<w:footnoteReference " in document
    comments = members["word/comments.xml"].decode()
    assert 'w:author="相手方法務"' in comments and "本条は当方の標準どおりです。" in comments
    # Accept All is the draft as akapen read it (its own tracked changes accepted), paragraph by paragraph.
    assert accepted_paragraphs(document_xml(data)) == [b.text for b in read_source(DRAFT).blocks]


def test_the_report_has_the_counterparty_s_tracked_edits_and_the_added_table(
    redline: tuple[Path, dict[str, Any]],
) -> None:
    changes = {(c["deleted"], c["inserted"]) for c in redline[1]["changes"]}
    assert {("一切の", ""), ("直ちに", "速やかに"), ("", "同意は撤回できないものとします。")} <= changes
    assert {("", "別表（連絡窓口）"), ("", "デジタル庁 利用者窓口")} <= changes
    # The 第12条 the cross-reference field shows is the model's 第12条: no change there.
    assert not [c for c in redline[1]["changes"] if c["baseline"] == "第3条第4項第2号"]


@pytest.mark.office
def test_libreoffice_accepts_the_redline_back_to_the_draft_and_keeps_both_comments(
    redline: tuple[Path, dict[str, Any]], office: Office
) -> None:
    out = redline[0]
    assert [p for p in office.view(out, "accept") if p.strip()] == [
        p for p in office.view(DRAFT, "accept") if p.strip()
    ]
    authors = [author for author, _ in office.comments(out)]
    assert "相手方法務" in authors and "akapen" in authors


@pytest.mark.office
def test_reject_all_does_not_repeat_a_list_numbered_article_label(
    redline: tuple[Path, dict[str, Any]], office: Office
) -> None:
    doubled = [p for p in office.view(redline[0], "reject") if re.match(r"^(第\d+条)\s*\1", p)]
    assert doubled == []
