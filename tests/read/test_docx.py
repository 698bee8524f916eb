"""Word contracts: blocks in document order with their accepted-view text, styles and places; bad files
refused with one line that says what to do."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE

from akapen.errors import InputError
from akapen.model import Source
from akapen.read import parse_docx, read_source
from tests.support.make_docx import docx_from_body_xml, docx_from_lines, macro_enabled

_REVISION = 'w:author="相手方" w:date="2024-04-01T00:00:00Z"'


def _run(text: str) -> str:
    return f"<w:r><w:t xml:space='preserve'>{text}</w:t></w:r>"


def _p(*content: str, style: str | None = None) -> str:
    ppr = "" if style is None else f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
    return f"<w:p>{ppr}{''.join(content)}</w:p>"


def _table(*rows: list[str]) -> str:
    return (
        "<w:tbl>"
        + "".join(f"<w:tr>{''.join(f'<w:tc>{c}</w:tc>' for c in row)}</w:tr>" for row in rows)
        + "</w:tbl>"
    )


def _read_body(tmp_path: Path, *fragments: str) -> Source:
    return read_source(docx_from_body_xml(fragments, tmp_path / "draft.docx"))


def test_plain_paragraphs_read_as_blocks(tmp_path: Path) -> None:
    lines = ["業務委託契約書", "", "第1条（目的）", "\u3000本契約は、…"]
    path = docx_from_lines(lines, tmp_path / "draft.docx")
    source = read_source(path)
    assert source.kind == "docx"
    assert source.path == str(path)
    assert source.data == path.read_bytes()
    assert source.notes == ()
    # Empty paragraphs stay blocks: block indices are the writer's paragraph indices.
    assert [(b.index, b.text, b.place, b.numbering) for b in source.blocks] == [
        (0, "業務委託契約書", "body", ""),
        (1, "", "body", ""),
        (2, "第1条（目的）", "body", ""),
        (3, "\u3000本契約は、…", "body", ""),
    ]


def test_style_names_are_the_names_word_shows(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("第1条（目的）", level=1)
    document.add_paragraph("本契約は、…")
    document.add_paragraph("別紙", style="Title")
    document.styles.add_style("条見出し", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("第2条（定義）", style="条見出し")
    document.save(str(tmp_path / "draft.docx"))
    source = read_source(tmp_path / "draft.docx")
    # styles.xml stores "heading 1"; Word (and python-docx) call it "Heading 1".
    assert [b.style for b in source.blocks] == ["Heading 1", "Normal", "Title", "条見出し"]


def test_an_undefined_style_is_the_default_style(tmp_path: Path) -> None:
    source = _read_body(tmp_path, _p(_run("x"), style="NoSuchStyle"))
    assert source.blocks[0].style == "Normal"


def test_table_paragraphs_come_in_document_order(tmp_path: Path) -> None:
    body = [
        _p(_run("別表")),
        _table(
            [_p(_run("品目")), _p(_run("単価"))],
            [_p(_run("部品A")), _p(_run("100円")) + _p(_run("（税別）"))],
        ),
        _p(_run("以上")),
        _table([_table([_p(_run("入れ子"))])]),
        "<w:sdt><w:sdtContent>" + _p(_run("コンテンツ コントロール")) + "</w:sdtContent></w:sdt>",
    ]
    source = read_source(docx_from_body_xml(body, tmp_path / "draft.docx"))
    assert [(b.text, b.place) for b in source.blocks] == [
        ("別表", "body"),
        ("品目", "table"),
        ("単価", "table"),
        ("部品A", "table"),
        ("100円", "table"),
        ("（税別）", "table"),
        ("以上", "body"),
        ("入れ子", "table"),
        ("コンテンツ コントロール", "body"),
    ]
    assert [b.index for b in source.blocks] == list(range(9))


def test_existing_tracked_changes_read_as_the_accepted_view_with_a_note(tmp_path: Path) -> None:
    paragraph = _p(
        _run("乙は、"),
        f'<w:del w:id="1" {_REVISION}><w:r><w:delText>直ちに</w:delText></w:r></w:del>',
        f'<w:ins w:id="2" {_REVISION}>{_run("遅滞なく")}</w:ins>',
        _run("通知する。"),
    )
    moved = _p(f'<w:moveTo w:id="3" {_REVISION}>{_run("移動した文")}</w:moveTo>')
    moved_away = _p(f'<w:moveFrom w:id="4" {_REVISION}>{_run("元の文")}</w:moveFrom>')
    source = read_source(docx_from_body_xml([paragraph, moved, moved_away], tmp_path / "draft.docx"))
    assert [b.text for b in source.blocks] == ["乙は、遅滞なく通知する。", "移動した文", ""]
    assert source.notes == ("draft.docx already contains tracked changes; akapen read its accepted view",)


@pytest.mark.parametrize("revision", ["w:ins", "w:del"])
def test_a_tracked_paragraph_mark_alone_is_noted(tmp_path: Path, revision: str) -> None:
    mark = f'<w:pPr><w:rPr><{revision} w:id="1" {_REVISION}/></w:rPr></w:pPr>'
    source = _read_body(tmp_path, f"<w:p>{mark}{_run('甲')}</w:p>" + _p(_run("乙")))
    assert any("tracked changes" in note for note in source.notes)


def test_text_boxes_are_not_compared_and_listed(tmp_path: Path) -> None:
    text_box = (
        '<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>'
        + _p(_run("枠内の注記"))
        + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    source = _read_body(tmp_path, _p(_run("本文"), text_box))
    assert [b.text for b in source.blocks] == ["本文"]
    assert source.not_compared == (("text box", "枠内の注記"),)
    assert source.notes == ()


@pytest.mark.parametrize("suffix", [".docm", ".dotx", ".dotm"])
def test_macro_enabled_and_template_packages_are_read_as_plain_docx(tmp_path: Path, suffix: str) -> None:
    original = docx_from_lines(["第1条（目的）", "本契約は、…"], tmp_path / "draft.docx")
    path = macro_enabled(original, tmp_path / f"draft{suffix}")
    source = read_source(path)
    assert [b.text for b in source.blocks] == ["第1条（目的）", "本契約は、…"]
    with zipfile.ZipFile(io.BytesIO(source.data)) as package:
        names = set(package.namelist())
        types = package.read("[Content_Types].xml").decode()
        rels = package.read("word/_rels/document.xml.rels").decode()
    assert not names & {"word/vbaProject.bin", "word/_rels/vbaProject.bin.rels", "word/vbaData.xml"}
    assert "macroEnabled" not in types and "template.main" not in types and "vbaData" not in types
    assert "vbaProject" not in rels
    # python-docx refuses macro-enabled and template content types: the writer could not open the original.
    with pytest.raises(ValueError, match="not a Word file"):
        docx.Document(str(path))
    assert [p.text for p in docx.Document(io.BytesIO(source.data)).paragraphs] == [
        "第1条（目的）",
        "本契約は、…",
    ]


def test_a_document_without_text_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"draft\.docx contains no text \(a scanned document\?"):
        _read_body(tmp_path, _p() + _p(_run("\u3000")))


# --- bad files ---------------------------------------------------------------------------------------------

_OLE = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)
# OLE directory entries name their streams in UTF-16LE.
_ENCRYPTED = _OLE + "EncryptedPackage".encode("utf-16-le")
_WORD_97 = _OLE + "WordDocument".encode("utf-16-le")


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, data in members.items():
            package.writestr(name, data)
    return out.getvalue()


def _docx_with_document_xml(document_xml: bytes, tmp_path: Path) -> bytes:
    original = docx_from_lines(["x"], tmp_path / "original.docx")
    out = io.BytesIO()
    with zipfile.ZipFile(original) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, document_xml if info.filename == "word/document.xml" else source.read(info))
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "why"),
    [
        pytest.param(
            "draft.docx", "第1条".encode(), "is not a Word .docx file (not a zip package)", id="text"
        ),
        pytest.param(
            "draft.docx",
            b"PK\x03\x04 cut short",
            "is not a Word .docx file as it stands (an incomplete or damaged zip package",
            id="broken-zip",
        ),
        pytest.param(
            "draft.docx",
            _zip({"hello.txt": b"hi"}),
            "is a zip package but not a Word document (it has no word/document.xml)",
            id="zip-without-document",
        ),
        pytest.param(
            "draft.docx",
            _ENCRYPTED,
            "is password-protected or encrypted; remove the password",
            id="encrypted",
        ),
        pytest.param("draft.docx", _OLE, "is password-protected or encrypted", id="other-ole"),
        pytest.param("draft.doc", _WORD_97, "is a legacy .doc file; save it as .docx", id="legacy-doc"),
        pytest.param("draft.docx", _WORD_97, "is a legacy .doc file", id="doc-renamed-docx"),
    ],
)
def test_bad_packages_are_refused_with_one_line(name: str, data: bytes, why: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_docx(data, name)
    message = str(raised.value)
    assert message.startswith(f"{name} {why}") and "\n" not in message


def test_broken_xml_is_refused_with_one_line(tmp_path: Path) -> None:
    data = _docx_with_document_xml(b'<?xml version="1.0"?>\n<w:document xmlns:w="x">\n<w:body>', tmp_path)
    with pytest.raises(InputError) as raised:
        parse_docx(data, "draft.docx")
    message = str(raised.value)
    assert message.startswith("draft.docx has a broken word/document.xml (") and "\n" not in message


def test_a_part_with_a_dtd_is_refused(tmp_path: Path) -> None:
    document = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY secret SYSTEM "file:///etc/hostname">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        "<w:p><w:r><w:t>甲&secret;乙</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    with pytest.raises(InputError, match=r"^draft\.docx: word/document\.xml declares a DTD"):
        parse_docx(_docx_with_document_xml(document, tmp_path), "draft.docx")


def test_a_strict_open_xml_document_is_refused(tmp_path: Path) -> None:
    document = (
        b'<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body/></w:document>'
    )
    with pytest.raises(InputError, match="Strict Open XML"):
        parse_docx(_docx_with_document_xml(document, tmp_path), "draft.docx")


def test_read_source_dispatches_word_suffixes_to_the_docx_reader(tmp_path: Path) -> None:
    path = tmp_path / "DRAFT.DOCX"
    path.write_bytes(b"not a zip")
    with pytest.raises(InputError, match="not a zip package"):
        read_source(path)


def test_a_damaged_member_is_refused_with_one_line(tmp_path: Path) -> None:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(docx_from_lines(["x"], tmp_path / "d.docx")) as source,
        zipfile.ZipFile(out, "w") as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, source.read(info), compress_type=zipfile.ZIP_STORED)
    data = bytearray(out.getvalue())
    data[data.index(b"<w:body>") + 2] ^= 0xFF  # the stored bytes no longer match their CRC
    with pytest.raises(InputError) as raised:
        parse_docx(bytes(data), "draft.docx")
    message = str(raised.value)
    assert (
        message.startswith("draft.docx is a damaged zip package (word/document.xml: ") and "\n" not in message
    )
