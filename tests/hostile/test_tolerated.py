"""Unusual but legitimate inputs are redlined, not refused: macro-enabled documents and templates (read,
their macros never run and never kept), nesting as deep as a real document could go, a UTF-16 part."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from akapen.cli import main
from akapen.ooxml import accepted_paragraphs, document_xml
from tests.hostile import build
from tests.hostile.cli import akapen, snapshot
from tests.support.make_docx import macro_enabled
from tests.support.revisions import structure_problems


def _redlined(draft: Path) -> bytes:
    """The redline of ``draft`` against sales-basic, which akapen must write (exit code 0)."""
    out = draft.with_name(f"{draft.name}.redline.docx")
    args = ["redline", str(draft), "-b", "sales-basic", "-o", str(out), "--date", "2026-04-01"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def _members(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return {name: package.read(name) for name in package.namelist()}


@pytest.mark.parametrize("suffix", [".docm", ".dotx", ".dotm"])
def test_macro_enabled_documents_and_templates_are_read_and_their_macros_dropped(
    suffix: str, tmp_path: Path
) -> None:
    draft = macro_enabled(build.DRAFT, tmp_path / f"draft{suffix}")
    before = snapshot(tmp_path)
    run = akapen("redline", draft.name, "-b", "sales-basic", "--date", "2026-04-01", cwd=tmp_path)
    assert run.code == 0, run.stderr
    # The redline is a plain .docx beside the draft; the draft itself is untouched.
    out = tmp_path / "draft.redline.docx"
    assert snapshot(tmp_path) == before | {out.name: snapshot(tmp_path)[out.name]}
    members = _members(out.read_bytes())
    assert not {n for n in members if "vba" in n.lower()}
    types = members["[Content_Types].xml"].decode()
    assert "macroEnabled" not in types and "template.main" not in types and "vbaProject" not in types
    assert "wordprocessingml.document.main+xml" in types
    assert b"vbaProject" not in members["word/_rels/document.xml.rels"]
    assert structure_problems(out.read_bytes()) == []


@pytest.mark.parametrize(
    ("depth", "element"),
    [(120, "w:sdt"), (80, "w:tbl")],
    ids=["120-content-controls", "80-nested-tables"],
)
def test_nesting_as_deep_as_the_xml_limit_allows_is_redlined(
    depth: int, element: str, tmp_path: Path
) -> None:
    (tmp_path / "draft.docx").write_bytes(build.deep_document(depth, element=element))
    out = _redlined(tmp_path / "draft.docx")
    assert "入れ子の段落" in accepted_paragraphs(document_xml(out))
    assert structure_problems(out) == []


def test_runs_nested_deep_in_smart_tags_are_redlined(tmp_path: Path) -> None:
    nested = "<w:smartTag w:uri='u' w:element='e'>" * 100
    run = "<w:r><w:t>（追記）</w:t></w:r>"
    closing = "</w:smartTag>" * 100
    data = build.with_parts(
        build.draft_bytes(),
        {
            "word/document.xml": lambda d: d.replace(
                b"</w:body>", f"<w:p>{nested}{run}{closing}</w:p></w:body>".encode(), 1
            )
        },
    )
    (tmp_path / "draft.docx").write_bytes(data)
    assert structure_problems(_redlined(tmp_path / "draft.docx")) == []


def test_a_utf16_document_part_is_read(tmp_path: Path) -> None:
    def to_utf16(data: bytes) -> bytes:
        text = data.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
        return text.encode("utf-16")  # with its byte order mark

    shutil.copy(build.DRAFT, tmp_path / "utf8.docx")
    (tmp_path / "utf16.docx").write_bytes(
        build.with_parts(build.draft_bytes(), {"word/document.xml": to_utf16})
    )
    utf8, utf16 = (
        accepted_paragraphs(document_xml(_redlined(tmp_path / n))) for n in ("utf8.docx", "utf16.docx")
    )
    assert utf8 == utf16
