"""PDF drafts and Word files made from PDFs (#13), made here by LibreOffice from a fixture contract with
a running header, a footer and page numbers: the same outline as the Word file they were made from, and
a redline that round-trips (Accept All = the PDF's text, Reject All = the model), in pure lxml and in
LibreOffice."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

import akapen
from akapen.ooxml import accepted_paragraphs, document_xml, rejected_paragraphs
from akapen.outline import outline_json
from tests.support.make_docx import docx_from_lines
from tests.support.office import Office
from tests.support.revisions import structure_problems

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
FOOTER = "社外秘"

pytestmark = pytest.mark.office


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory, office: Office) -> dict[str, Path]:
    """The fixture draft with a footer 「社外秘 - N -」 (it has a running header of its own), as .docx,
    as the PDF LibreOffice exports, and as that PDF imported back into Word form."""
    folder = tmp_path_factory.mktemp("printed")
    document = Document(str(FIXTURES / "draft.docx"))
    footer = document.sections[0].footer.paragraphs[0]
    footer.text = f"{FOOTER}　- "
    footer._p.append(
        parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>')
    )
    footer.add_run(" -")
    docx = folder / "draft.docx"
    document.save(str(docx))
    pdf = office.convert(docx, folder / "draft.pdf", "pdf")
    imported = office.convert(pdf, folder / "imported.docx", "docx-from-pdf")
    return {"docx": docx, "pdf": pdf, "imported": imported}


def _squeezed(outline: dict[str, Any]) -> dict[str, Any]:
    """The outline with the parts' white space taken out: where a printed line wraps at a space (in
    a signature 「見本　花子」), the PDF does not show it, and no reader can tell it was there."""
    return outline | {"parts": [p | {"text": re.sub(r"\s", "", p["text"])} for p in outline["parts"]]}


@pytest.mark.parametrize("form", ["pdf", "imported"])
def test_a_printed_draft_has_the_outline_of_its_word_file(printed: dict[str, Path], form: str) -> None:
    word = outline_json(akapen.parse(printed["docx"]))
    assert len(word["articles"]) == 15
    assert _squeezed(outline_json(akapen.parse(printed[form]))) == _squeezed(word)


@pytest.mark.parametrize("form", ["pdf", "imported"])
def test_running_header_footer_and_page_numbers_are_not_the_contract(
    printed: dict[str, Path], form: str
) -> None:
    source = akapen.parse(printed[form]).source
    assert source.kind == "layout"
    assert not any(FOOTER in b.text or "売主修正案" in b.text for b in source.blocks)
    where = {w for w, _ in source.not_compared}
    assert where == {"header", "footer"}
    footers = [text for w, text in source.not_compared if w == "footer"]
    assert len(footers) >= 2 and all(re.fullmatch(rf"{FOOTER}\s*-\s*[0-9]+\s*-", t) for t in footers), footers


@pytest.mark.parametrize("form", ["pdf", "imported"])
def test_the_redline_of_a_printed_draft_round_trips(
    printed: dict[str, Path], form: str, tmp_path: Path, office: Office
) -> None:
    out = tmp_path / "out.docx"
    result = akapen.redline_files(printed[form], FIXTURES / "model.docx", output=out, date="2026-04-01")
    word = akapen.redline_files(
        printed["docx"], FIXTURES / "model.docx", output=tmp_path / "w.docx", date="2026-04-01"
    )
    # The same changes as the Word draft it was printed from (the space a wrap hides aside).
    substantive = [c for c in result.comparison.plan.changes if c.kind == "substantive"]
    assert substantive == [c for c in word.comparison.plan.changes if c.kind == "substantive"]
    data = out.read_bytes()
    assert structure_problems(data) == []
    draft = [b.text for b in akapen.parse(printed[form]).source.blocks]
    model = [p for p in office.view(FIXTURES / "model.docx", "none") if p.strip()]
    xml = document_xml(data)
    assert [p for p in accepted_paragraphs(xml) if p.strip()] == draft
    assert [p for p in rejected_paragraphs(xml) if p.strip()] == model
    assert office.load_error(out) is None
    assert [p.rstrip() for p in office.view(out, "accept") if p.strip()] == draft
    assert [p.rstrip() for p in office.view(out, "reject") if p.strip()] == model


HELD_OUT = sorted((Path(__file__).resolve().parents[1] / "cases").glob("outline-held-out-*"))


@pytest.mark.parametrize("case", HELD_OUT, ids=[p.name for p in HELD_OUT])
def test_an_amateur_layout_printed_to_pdf_has_the_outline_of_its_word_file(
    case: Path, tmp_path: Path, office: Office
) -> None:
    """The held-out layouts (tests/cases/outline-held-out-*, written from how a lawyer reads them),
    one Word paragraph per line, printed by LibreOffice."""
    lines = [
        line.rstrip()
        for line in (case / "input.txt").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    docx = docx_from_lines(lines, tmp_path / "draft.docx")
    pdf = office.convert(docx, tmp_path / "draft.pdf", "pdf")
    assert outline_json(akapen.parse(pdf)) == outline_json(akapen.parse(docx))
