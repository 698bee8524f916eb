"""The LibreOffice-made real-world draft (fixtures/realworld/make_realworld.py) is read without loss:
every paragraph of every part of the file is either compared (a block) or listed as not compared."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from akapen.errors import InputError
from akapen.ooxml import qn
from akapen.ooxml.ns import MC_NS
from akapen.read import read_source

REALWORLD = Path(__file__).resolve().parents[2] / "fixtures" / "realworld"
DRAFT = REALWORLD / "platform-terms-draft.docx"

_P, _T = qn("w:p"), qn("w:t")
_REMOVED = {qn("w:del"), qn("w:moveFrom"), f"{{{MC_NS}}}Fallback"}


def _paragraph_texts(docx: Path) -> list[tuple[str, str]]:
    """``(part, text)`` of every paragraph in every XML part, by a walk of its own: the ``w:t`` whose
    nearest paragraph it is, outside deleted text and mc:Fallback's repeat."""
    found = []
    with zipfile.ZipFile(docx) as package:
        for name in package.namelist():
            if not name.endswith(".xml"):
                continue
            root = etree.fromstring(package.read(name))
            for p in root.iter(_P):
                text = "".join(
                    t.text or ""
                    for t in p.iter(_T)
                    if next(t.iterancestors(_P)) is p
                    and not any(a.tag in _REMOVED for a in t.iterancestors())
                )
                if text.strip():
                    found.append((name, text.strip()))
    return found


def test_the_fixture_has_what_real_drafts_have() -> None:
    """The script's LibreOffice build still yields the features this fixture is for."""
    with zipfile.ZipFile(DRAFT) as package:
        document = package.read("word/document.xml").decode()
        names = set(package.namelist())
        numbering = package.read("word/numbering.xml").decode()
    assert {"word/header1.xml", "word/footer1.xml", "word/footnotes.xml", "word/comments.xml"} <= names
    assert 'w:lvlText w:val="第%2条"' in numbering  # 第N条 only in the list, linked to Heading 2
    for feature in ("<w:ins ", "<w:del ", "<w:txbxContent>", "<w:tbl>", "<w:commentRangeStart"):
        assert feature in document, feature
    assert "REF _Ref_article12 \\r \\h" in document and 'w:name="_Ref_article12"' in document


def test_every_paragraph_is_compared_or_listed_as_not_compared() -> None:
    source = read_source(DRAFT)
    compared = {b.text.strip() for b in source.blocks}
    listed = {text.strip() for _, text in source.not_compared}
    missing = [(part, text) for part, text in _paragraph_texts(DRAFT) if text not in compared | listed]
    assert missing == []
    assert [where for where, _ in source.not_compared] == [
        "header",
        "footer",
        "text box",
        "footnote",
        "comment",
    ]
    assert source.notes == (
        "platform-terms-draft.docx already contains tracked changes; akapen read its accepted view",
    )


def test_headings_take_their_numbers_from_the_heading_style() -> None:
    blocks = read_source(DRAFT).blocks
    headings = [(b.numbering, b.text) for b in blocks if b.style == "Heading 2"]
    assert len(headings) == 27
    assert headings[0] == ("第1条", "（本規約の目的）") and headings[-1][0] == "第27条"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("platform-terms-draft-password.docx", "is password-protected or encrypted; remove the password"),
        ("platform-terms-draft.doc", "is a legacy .doc file; save it as .docx"),
    ],
)
def test_libreoffice_made_encrypted_and_legacy_files_are_refused_in_one_line(name: str, message: str) -> None:
    with pytest.raises(InputError) as raised:
        read_source(REALWORLD / name)
    assert message in str(raised.value) and "\n" not in str(raised.value)
