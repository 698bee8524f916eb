"""A sentence broken across two Word paragraphs (what PDF-to-Word conversion and copy-paste from a PDF
leave) is one logical 項 for segmentation and alignment, while the revisions still land in the physical
Word paragraphs (#13)."""

from __future__ import annotations

from pathlib import Path

import akapen
from akapen.ooxml import accepted_paragraphs, document_xml, rejected_paragraphs
from akapen.outline import outline_json
from tests.support.make_docx import docx_from_lines
from tests.support.seeds import SEED_000, seed_text


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def test_seed000_one_word_paragraph_per_line_is_the_seed(tmp_path: Path) -> None:
    seed = tmp_path / "seed.txt"
    seed.write_text(seed_text(SEED_000), encoding="utf-8")
    draft = docx_from_lines(_lines(seed_text(SEED_000)), tmp_path / "per-line.docx")
    assert outline_json(akapen.parse(draft)) == outline_json(akapen.parse(seed))
    result = akapen.redline_files(draft, seed, output=tmp_path / "out.docx", date="2026-04-01")
    assert [c for c in result.comparison.plan.changes if c.kind == "substantive"] == []
    assert result.comparison.findings == ()


def test_a_change_in_a_broken_paragraph_lands_in_its_word_paragraphs(tmp_path: Path) -> None:
    model = [
        "第1条（検査）",
        "買主は、本製品の受領後、遅滞なく本製品を検査し、その結果を売主に書面で通知する。",
    ]
    draft = [
        "第1条（検査）",
        "買主は、本製品の受領後、10日以内に本製品を検査し、その結",
        "果を売主に書面で通知する。",
    ]
    (tmp_path / "model.txt").write_text("\n".join(model) + "\n", encoding="utf-8")
    out = tmp_path / "out.docx"
    result = akapen.redline_files(
        docx_from_lines(draft, tmp_path / "draft.docx"), tmp_path / "model.txt", output=out, date="2026-04-01"
    )
    [article] = result.comparison.alignment.draft.articles
    assert len(article.paragraphs) == 1 and article.paragraphs[0].text == draft[1] + draft[2]
    [change] = [c for c in result.comparison.plan.changes if c.kind == "substantive"]
    assert (change.deleted, change.inserted) == ("遅滞なく", "10日以内に")
    xml = document_xml(out.read_bytes())
    assert [p for p in accepted_paragraphs(xml) if p] == draft
    assert "".join(rejected_paragraphs(xml)) == "".join(model)
