"""Paragraphs rebuilt from where text sits on a page (:mod:`akapen.read.layout`), on pages drawn here
character by character (10 pt characters, a 40-character column, A4 pages), and from a Word file's
positioned text boxes (:mod:`akapen.read.boxes`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from akapen.read.docx import parse_docx
from akapen.read.layout import Fragment, Page, rebuild
from akapen.read.pdf import parse_pdf
from tests.hostile import build
from tests.support.make_docx import docx_from_body_xml

A4 = Page(842.0)
LEFT, WIDTH, SIZE = 72.0, 40, 10.0


def line(text: str, row: int, *, page: int = 0, indent: int = 0, size: float = SIZE) -> list[Fragment]:
    """``text`` printed on row ``row`` (from the top of the body) of ``page``, one fragment a character."""
    top = 150.0 + row * size * 1.5
    left = LEFT + indent * SIZE
    return [
        Fragment(page, left + i * size, top, left + (i + 1) * size, top + size, char)
        for i, char in enumerate(text)
    ]


def paragraph(text: str, first_row: int, *, page: int = 0, label: int = 0) -> list[Fragment]:
    """``text`` wrapped at the column, its second and later lines indented by ``label`` characters."""
    out: list[Fragment] = []
    rows = [text[:WIDTH]]
    rest = text[WIDTH:]
    while rest:
        rows.append(rest[: WIDTH - label])
        rest = rest[WIDTH - label :]
    for i, row in enumerate(rows):
        out += line(row, first_row + i, page=page, indent=label if i else 0)
    return out


SENTENCE = "売主は、本製品を買主の指定する場所に納入し、買主は、納入後遅滞なく本製品を検査し、その結果を売主に書面で通知する。"


def test_wrapped_lines_are_one_paragraph_joined_without_spaces() -> None:
    text = "２　" + SENTENCE * 2
    rebuilt = rebuild(paragraph(text, 0, label=2) + line("３　買主は、代金を支払う。", 10), [A4])
    assert rebuilt.paragraphs == (text, "３　買主は、代金を支払う。")


def test_a_full_line_is_not_joined_to_a_line_that_starts_a_new_unit() -> None:
    full = SENTENCE[:39] + "。"  # exactly the column wide, ending its paragraph
    for marker in ("２　売主は、", "第2条（検査）", "(1) 数量", "・再委託すること", "（検査）"):
        rebuilt = rebuild(line(full * 1, 0) + line(SENTENCE, 1) + line(marker, 3), [A4])
        assert rebuilt.paragraphs[-1] == marker, marker


def test_a_line_that_ends_in_a_comma_carries_on_into_a_reference() -> None:
    """「…第9条（支払方法及び遅延損害金）、」 wrapped before 「第12条（不保証）、…」: a survival clause's
    list of articles, not a new article (Chromium's justified print wrapped it so)."""
    first = ("本契約が終了した場合であっても、第7条（実施報告）、第9条（支払）、" + "第" * 40)[:39] + "、"
    second = "第12条（不保証）及び第14条（秘密保持）の規定は、なお効力を有する。"
    rebuilt = rebuild(line(first, 0) + line(second, 1), [A4])
    assert rebuilt.paragraphs == (first + second,)


def test_a_line_that_ends_short_ends_its_paragraph_even_without_a_full_stop() -> None:
    rebuilt = rebuild(
        line(SENTENCE[:40], 0) + line("売主は次の事項を行う", 1) + line("買主に通知する", 2), [A4]
    )
    assert rebuilt.paragraphs == (SENTENCE[:40] + "売主は次の事項を行う", "買主に通知する")


def test_a_line_in_another_font_size_is_not_joined() -> None:
    rebuilt = rebuild(line("売" * 40, 0) + line("第1条", 1, size=14.0) + line(SENTENCE, 3), [A4])
    assert rebuilt.paragraphs[1] == "第1条"


def test_a_paragraph_carries_on_over_a_page_break() -> None:
    text = (SENTENCE * 2)[:70]
    fragments = line(text[:40], 35) + line(text[40:], 0, page=1)
    assert rebuild(fragments, [A4, A4]).paragraphs == (text,)


def test_a_latin_word_wrapped_across_lines_keeps_its_space() -> None:
    rebuilt = rebuild(line("x" * 38 + " Slack", 0)[:39] + line("Technologies", 1), [A4])
    assert rebuilt.paragraphs == ("x" * 38 + " Technologies",)


def test_running_header_footer_and_page_numbers_are_left_out() -> None:
    fragments: list[Fragment] = []
    for page in range(3):
        header = [f._replace(top=30.0, bottom=40.0) for f in line("秘密", 0, page=page)]
        number = [f._replace(top=800.0, bottom=810.0) for f in line(f"- {page + 1} -", 0, page=page)]
        fragments += header + line(f"第{page + 1}条　本文です。", 2, page=page) + number
    rebuilt = rebuild(fragments, [A4] * 3)
    assert rebuilt.paragraphs == ("第1条　本文です。", "第2条　本文です。", "第3条　本文です。")
    assert rebuilt.running == tuple(
        pair for n in (1, 2, 3) for pair in (("header", "秘密"), ("footer", f"- {n} -"))
    )


def test_a_page_number_is_left_out_even_on_a_single_page_but_a_body_line_never() -> None:
    number = [f._replace(top=800.0, bottom=810.0) for f in line("1", 0)]
    rebuilt = rebuild(line("1", 0) + line("第1条　本文です。", 2) + number, [A4])
    assert rebuilt.paragraphs == ("1", "第1条　本文です。")
    assert rebuilt.running == (("footer", "1"),)


@pytest.mark.parametrize("words", [["Article 1 (Purpose)", "This Agreement sets out the terms of sale."]])
def test_a_pdf_text_layer_is_read_in_order(words: list[str]) -> None:
    source = parse_pdf(build.text_pdf(words), "draft.pdf")
    assert [b.text for b in source.blocks] == words
    assert source.kind == "layout" and source.data == b""


def _anchored(x: int, y: int, text: str, *, vml: bool = False) -> str:
    """A text box holding ``text`` at (x, y) EMU from the page's top margin, as LibreOffice's PDF
    import writes it (DrawingML), or as older writers do (VML only)."""
    content = f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
    width = len(text) * 133350
    if vml:
        return (
            f'<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" style="position:absolute;'
            f'margin-left:{x / 12700}pt;margin-top:{y / 12700}pt;width:{width / 12700}pt;height:10.5pt">'
            f"<v:textbox>{content}</v:textbox></v:shape></w:pict></w:r>"
        )
    wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    return (
        f'<w:r><w:drawing><wp:anchor xmlns:wp="{wp}"><wp:positionH relativeFrom="column"><wp:posOffset>{x}'
        f'</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>{y}'
        f'</wp:posOffset></wp:positionV><wp:extent cx="{width}" cy="133350"/>'
        f'<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData>'
        f'<wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx>'
        f"{content}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
    )


@pytest.mark.parametrize("vml", [False, True])
def test_a_word_file_of_positioned_text_boxes_reads_as_its_pages(tmp_path: Path, vml: bool) -> None:
    # Two pages; on each a header, then 「第」「1」「条（目的）」 as three boxes (the digit a little higher,
    # so first), a sentence wrapped over two boxes' lines, and a page number at the bottom.
    boxes: list[str] = []
    for page in (1, 2):
        boxes += [
            _anchored(0, 0, "秘密", vml=vml),
            _anchored(140000, 394000, str(page), vml=vml),
            _anchored(0, 400000, "第", vml=vml),
            _anchored(300000, 400000, "条（目的）", vml=vml),
            _anchored(0, 600000, "本" * 40, vml=vml),
            _anchored(0, 760000, "のとおりとする。", vml=vml),
            _anchored(2500000, 8500000, f"- {page} -", vml=vml),
        ]
    docx = docx_from_body_xml([f"<w:p>{''.join(boxes)}</w:p>"], tmp_path / "from-pdf.docx")
    source = parse_docx(docx.read_bytes(), "from-pdf.docx")
    assert source.kind == "layout"
    assert [b.text for b in source.blocks] == [
        "第1条（目的）",
        "本" * 40 + "のとおりとする。",
        "第2条（目的）",
        "本" * 40 + "のとおりとする。",
    ]
    assert [w for w, _ in source.not_compared] == ["header", "footer", "header", "footer"]
