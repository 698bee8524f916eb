"""Text a Word file holds outside the compared body is listed in ``Source.not_compared``, never dropped
silently: headers, footers, text boxes, footnotes, endnotes, comments, equations, WordArt, embedded
documents. And text that is no text of its own (a ruby reading, mc:Fallback's repeat) is not read twice."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx

from akapen.read import read_source
from tests.support.make_docx import docx_from_body_xml

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_V = "urn:schemas-microsoft-com:vml"
_M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _run(text: str) -> str:
    return f"<w:r><w:t xml:space='preserve'>{text}</w:t></w:r>"


def _p(*content: str) -> str:
    return f"<w:p>{''.join(content)}</w:p>"


def _text_box(*paragraphs: str) -> str:
    """A text box as Word 2010+ writes it: DrawingML in mc:Choice, the same text again as VML in
    mc:Fallback."""
    content = f"<w:txbxContent>{''.join(paragraphs)}</w:txbxContent>"
    return (
        f'<w:r><mc:AlternateContent xmlns:mc="{_MC}">'
        f'<mc:Choice Requires="wps"><w:drawing><wps:wsp xmlns:wps="{_WPS}"><wps:txbx>{content}</wps:txbx>'
        "</wps:wsp></w:drawing></mc:Choice>"
        f'<mc:Fallback><w:pict><v:shape xmlns:v="{_V}"><v:textbox>{content}</v:textbox></v:shape></w:pict>'
        "</mc:Fallback></mc:AlternateContent></w:r>"
    )


def test_a_text_box_is_listed_once_and_its_body_paragraph_is_read_without_it(tmp_path: Path) -> None:
    body = _p(_run("第1条（目的）"), _text_box(_p(_run("枠内の注記")), _p(_run("二行目"))))
    source = read_source(docx_from_body_xml([body], tmp_path / "draft.docx"))
    assert [b.text for b in source.blocks] == ["第1条（目的）"]
    assert source.not_compared == (("text box", "枠内の注記"), ("text box", "二行目"))


def test_headers_footers_and_comments_are_listed(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("第1条（目的）")
    document.add_paragraph("本契約は、…")
    section = document.sections[0]
    section.header.paragraphs[0].text = "社外秘"
    section.header.add_paragraph("")  # blank: nothing to list
    section.footer.paragraphs[0].text = "株式会社サンプル"
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "社外秘"  # the same text again: listed once
    document.add_comment(paragraph.runs, text="この条は要確認", author="相手方")
    document.save(str(tmp_path / "draft.docx"))
    source = read_source(tmp_path / "draft.docx")
    assert source.not_compared == (
        ("header", "社外秘"),
        ("footer", "株式会社サンプル"),
        ("comment", "この条は要確認"),
    )


def test_footnotes_and_endnotes_are_listed_without_their_separators(tmp_path: Path) -> None:
    path = docx_from_body_xml(
        [_p(_run("第1条（目的）"), '<w:r><w:footnoteReference w:id="1"/></w:r>')], tmp_path / "draft.docx"
    )
    notes = {
        "footnotes": ("footnote", "本条の趣旨は別紙による。"),
        "endnotes": ("endnote", "以上"),
    }
    _add_notes(path, notes)
    assert read_source(path).not_compared == (("footnote", "本条の趣旨は別紙による。"), ("endnote", "以上"))


def _add_notes(path: Path, notes: dict[str, tuple[str, str]]) -> None:
    """Add footnotes.xml/endnotes.xml parts (a separator note, then one note each) to a .docx."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    with zipfile.ZipFile(path) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    for part, (tag, text) in notes.items():
        members[f"word/{part}.xml"] = (
            f'<w:{part} xmlns:w="{w}">'
            f'<w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}>'
            f'<w:{tag} w:id="1">{_p(_run(text))}</w:{tag}></w:{part}>'
        ).encode()
        members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
            b"</Types>",
            f'<Override PartName="/word/{part}.xml" ContentType="application/vnd.openxmlformats-officedocument'
            f'.wordprocessingml.{part}+xml"/></Types>'.encode(),
        )
        members["word/_rels/document.xml.rels"] = members["word/_rels/document.xml.rels"].replace(
            b"</Relationships>",
            f'<Relationship Id="rId{part}" Type="{_R}/{part}" Target="{part}.xml"/></Relationships>'.encode(),
        )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members.items():
            target.writestr(name, data)
    path.write_bytes(out.getvalue())


def test_equations_wordart_and_embedded_documents_are_listed(tmp_path: Path) -> None:
    equation = f'<m:oMath xmlns:m="{_M}"><m:r><m:t>x+1</m:t></m:r></m:oMath>'
    wordart = f'<w:r><w:pict><v:shape xmlns:v="{_V}"><v:textpath string="DRAFT"/></v:shape></w:pict></w:r>'
    chunk = f'<w:altChunk xmlns:r="{_R}" r:id="rIdChunk"/>'
    path = docx_from_body_xml(
        [_p(_run("代金は"), equation, _run("円とする。"), wordart), chunk], tmp_path / "d.docx"
    )
    with zipfile.ZipFile(path) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    members["word/_rels/document.xml.rels"] = members["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        f'<Relationship Id="rIdChunk" Type="{_R}/aFChunk" Target="afchunk.mht"/></Relationships>'.encode(),
    )
    members["word/afchunk.mht"] = b"MIME-Version: 1.0\r\n\r\n<html>...</html>"
    with zipfile.ZipFile(path, "w") as target:
        for name, data in members.items():
            target.writestr(name, data)
    source = read_source(path)
    assert [b.text for b in source.blocks] == ["代金は円とする。"]
    assert source.not_compared == (
        ("equation", "x+1"),
        ("WordArt", "DRAFT"),
        ("embedded document", "word/afchunk.mht"),
    )


def test_a_ruby_reading_is_not_part_of_the_text(tmp_path: Path) -> None:
    ruby = (
        "<w:r><w:ruby><w:rubyPr><w:rubyAlign w:val='distributeSpace'/><w:hps w:val='10'/>"
        "<w:hpsRaise w:val='18'/><w:hpsBaseText w:val='21'/><w:lid w:val='ja-JP'/></w:rubyPr>"
        f"<w:rt>{_run('いたく')}</w:rt><w:rubyBase>{_run('委託')}</w:rubyBase></w:ruby></w:r>"
    )
    source = read_source(docx_from_body_xml([_p(_run("業務を"), ruby, _run("する。"))], tmp_path / "d.docx"))
    assert [b.text for b in source.blocks] == ["業務を委託する。"]
    assert source.not_compared == ()


def test_text_repeated_in_mc_fallback_is_read_once(tmp_path: Path) -> None:
    alternate = (
        f'<mc:AlternateContent xmlns:mc="{_MC}"><mc:Choice Requires="w14">{_run("甲")}</mc:Choice>'
        f"<mc:Fallback>{_run('甲')}</mc:Fallback></mc:AlternateContent>"
    )
    source = read_source(docx_from_body_xml([_p(alternate, _run("は乙に通知する。"))], tmp_path / "d.docx"))
    assert [b.text for b in source.blocks] == ["甲は乙に通知する。"]
