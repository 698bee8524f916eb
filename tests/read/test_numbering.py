"""Word list numbering → labels: number formats, Word's counting rules, and real files end to end."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from akapen.ooxml import W_NS
from akapen.read import read_source
from akapen.read.numbering import format_number, list_labels
from tests.support.make_docx import docx_with_list_numbering

_MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


@pytest.mark.parametrize(
    ("fmt", "value", "expected"),
    [
        ("decimal", 12, "12"),
        ("decimalZero", 3, "03"),
        ("decimalZero", 12, "12"),
        ("decimalHalfWidth", 7, "7"),
        ("decimalFullWidth", 12, "１２"),
        ("decimalFullWidth2", 3, "３"),
        ("japaneseCounting", 1, "一"),
        ("japaneseCounting", 10, "十"),
        ("japaneseCounting", 12, "十二"),
        ("japaneseCounting", 20, "二十"),
        ("japaneseCounting", 23, "二十三"),
        ("japaneseCounting", 100, "百"),
        ("japaneseCounting", 105, "百五"),
        ("japaneseCounting", 1234, "千二百三十四"),
        ("japaneseCounting", 20_003, "二万三"),
        ("chineseCounting", 11, "十一"),
        ("chineseCountingThousand", 300, "三百"),
        ("japaneseLegal", 3, "参"),
        ("japaneseLegal", 11, "壱拾壱"),
        ("japaneseLegal", 25, "弐拾伍"),
        ("japaneseDigitalTenThousand", 105, "一〇五"),
        ("ideographDigital", 20, "二〇"),
        ("decimalEnclosedCircle", 1, "①"),
        ("decimalEnclosedCircle", 13, "⑬"),
        ("decimalEnclosedCircle", 20, "⑳"),
        ("decimalEnclosedCircle", 21, "21"),
        ("decimalEnclosedCircleChinese", 7, "⑦"),
        ("decimalEnclosedParen", 1, "⑴"),
        ("decimalEnclosedParen", 20, "⒇"),
        ("decimalEnclosedParen", 21, "(21)"),
        ("decimalEnclosedFullstop", 2, "⒉"),
        ("decimalEnclosedFullstop", 21, "21."),
        ("ideographEnclosedCircle", 3, "㊂"),
        ("ideographEnclosedCircle", 11, "11"),
        ("aiueo", 3, "ｳ"),
        ("aiueo", 46, "ﾝ"),
        ("aiueoFullWidth", 3, "ウ"),
        ("aiueoFullWidth", 6, "カ"),
        ("iroha", 3, "ﾊ"),
        ("iroha", 25, "ヰ"),
        ("iroha", 47, "ｽ"),
        ("iroha", 48, "ﾝ"),
        ("irohaFullWidth", 47, "ス"),
        ("aiueoFullWidth", 47, "ア"),  # Word starts over,
        ("irohaFullWidth", 3, "ハ"),
        ("irohaFullWidth", 7, "ト"),
        ("ideographTraditional", 2, "乙"),
        ("ideographTraditional", 11, "11"),
        ("ideographZodiac", 12, "亥"),
        ("upperLetter", 1, "A"),
        ("upperLetter", 27, "AA"),
        ("lowerLetter", 28, "bb"),
        ("upperRoman", 14, "XIV"),
        ("lowerRoman", 1999, "mcmxcix"),
        ("none", 5, ""),
        ("bullet", 5, ""),
        ("cardinalText", 5, "5"),  # not rendered: falls back to decimal
    ],
)
def test_format_number(fmt: str, value: int, expected: str) -> None:
    assert format_number(value, fmt) == expected


# --- counting rules on hand-written numbering.xml ----------------------------------------------------------


def _xml(tag: str, inner: str) -> etree._Element:
    return etree.fromstring(f'<w:{tag} xmlns:w="{W_NS}" xmlns:mc="{_MC_NS}">{inner}</w:{tag}>')


def _lvl(ilvl: int, text: str, fmt: str = "decimal", start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


def _abstract(abstract_id: int, *levels: str, extra: str = "") -> str:
    return f'<w:abstractNum w:abstractNumId="{abstract_id}">{extra}{"".join(levels)}</w:abstractNum>'


def _num(num_id: int, abstract_id: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def _p(num_id: int | None = None, ilvl: int | None = None, style: str | None = None, ppr: str = "") -> str:
    num_pr = ""
    if num_id is not None or ilvl is not None:
        num_pr = "<w:numPr>"
        num_pr += "" if ilvl is None else f'<w:ilvl w:val="{ilvl}"/>'
        num_pr += "" if num_id is None else f'<w:numId w:val="{num_id}"/>'
        num_pr += "</w:numPr>"
    style_el = "" if style is None else f'<w:pStyle w:val="{style}"/>'
    return f"<w:p><w:pPr>{style_el}{num_pr}{ppr}</w:pPr><w:r><w:t>x</w:t></w:r></w:p>"


def _labels(numbering: str, paragraphs: list[str], styles: str = "") -> tuple[str, ...]:
    body = _xml("body", "".join(paragraphs))
    return list_labels(body.iterchildren(), _xml("numbering", numbering), _xml("styles", styles))


CONTRACT_LIST = _abstract(
    0,
    _lvl(0, "第%1条"),
    _lvl(1, "%2", fmt="decimalFullWidth", start=2),
    _lvl(2, "(%3)"),
)


def test_deeper_levels_restart_when_a_higher_level_is_used() -> None:
    paragraphs = [
        _p(1, 0),
        _p(),
        _p(1, 1),
        _p(1, 2),
        _p(1, 2),
        _p(1, 1),
        _p(1, 2),
        _p(1, 0),
        _p(1, 1),
        _p(1, 2),
    ]
    assert _labels(CONTRACT_LIST + _num(1, 0), paragraphs) == (
        "第1条",
        "",
        "２",
        "(1)",
        "(2)",
        "３",
        "(1)",
        "第2条",
        "２",
        "(1)",
    )


def test_lvl_restart_zero_keeps_counting_through_higher_levels() -> None:
    numbering = _abstract(0, _lvl(0, "第%1章"), _lvl(1, "第%2条", extra='<w:lvlRestart w:val="0"/>')) + _num(
        1, 0
    )
    assert _labels(numbering, [_p(1, 0), _p(1, 1), _p(1, 1), _p(1, 0), _p(1, 1)]) == (
        "第1章",
        "第1条",
        "第2条",
        "第2章",
        "第3条",
    )


def test_lvl_restart_names_the_level_that_restarts() -> None:
    # Level 2 restarts only when level 0 (1-based 1) is used, not at every level-1 paragraph.
    numbering = _abstract(0, _lvl(0, "%1"), _lvl(1, "%2"), _lvl(2, "%3", extra='<w:lvlRestart w:val="1"/>'))
    labels = _labels(
        numbering + _num(1, 0), [_p(1, 0), _p(1, 1), _p(1, 2), _p(1, 1), _p(1, 2), _p(1, 0), _p(1, 2)]
    )
    assert labels == ("1", "1", "1", "2", "2", "2", "1")


def test_all_levels_show_in_the_label_with_their_own_formats() -> None:
    numbering = _abstract(
        0, _lvl(0, "第%1条", fmt="japaneseCounting"), _lvl(1, "%1-%2"), _lvl(2, "%2.%3", fmt="aiueoFullWidth")
    )
    labels = _labels(numbering + _num(1, 0), [_p(1, 0)] * 12 + [_p(1, 1), _p(1, 2), _p(1, 2)])
    assert labels[11:] == ("第十二条", "十二-1", "1.ア", "1.イ")


def test_is_lgl_spells_every_level_in_decimal() -> None:
    numbering = _abstract(0, _lvl(0, "第%1条", fmt="japaneseCounting"), _lvl(1, "%1.%2", extra="<w:isLgl/>"))
    assert _labels(numbering + _num(1, 0), [_p(1, 0), _p(1, 0), _p(1, 1)]) == ("第一条", "第二条", "2.1")


def test_a_skipped_level_is_not_counted() -> None:
    # A 条 goes straight to its 号: the skipped 項 level shows one less than its start (Word's "1.0.1"
    # when it starts at 1), and its first real use still gets the start value.
    numbering = _abstract(0, _lvl(0, "%1"), _lvl(1, "%1.%2", start=2), _lvl(2, "%1.%2.%3")) + _num(1, 0)
    labels = _labels(numbering, [_p(1, 0), _p(1, 2), _p(1, 1), _p(1, 2)])
    assert labels == ("1", "1.1.1", "1.2", "1.2.1")


def test_a_level_used_before_its_parent_shows_the_parent_as_zero() -> None:
    numbering = _abstract(0, _lvl(0, "%1"), _lvl(1, "%1.%2")) + _num(1, 0)
    assert _labels(numbering, [_p(1, 1), _p(1, 0)]) == ("0.1", "1")


def test_nums_of_one_abstract_list_share_its_counters() -> None:
    numbering = CONTRACT_LIST + _num(1, 0) + _num(2, 0)
    assert _labels(numbering, [_p(1, 0), _p(2, 0), _p(1, 0)]) == ("第1条", "第2条", "第3条")


def test_separate_abstract_lists_count_separately() -> None:
    numbering = CONTRACT_LIST + _abstract(1, _lvl(0, "%1.")) + _num(1, 0) + _num(2, 1)
    assert _labels(numbering, [_p(1, 0), _p(2, 0), _p(2, 0), _p(1, 0)]) == ("第1条", "1.", "2.", "第2条")


def test_start_override_restarts_the_shared_count_once() -> None:
    restart = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    numbering = CONTRACT_LIST + _num(1, 0) + _num(2, 0, restart)
    labels = _labels(numbering, [_p(1, 0), _p(1, 0), _p(2, 0), _p(2, 0), _p(1, 0)])
    assert labels == ("第1条", "第2条", "第1条", "第2条", "第3条")


def test_level_override_replaces_the_level_for_that_num_only() -> None:
    override = f'<w:lvlOverride w:ilvl="0">{_lvl(0, "Article %1", fmt="upperRoman")}</w:lvlOverride>'
    numbering = CONTRACT_LIST + _num(1, 0) + _num(2, 0, override)
    assert _labels(numbering, [_p(1, 0), _p(2, 0)]) == ("第1条", "Article II")


def _numbered_style(style_id: str, num_pr: str = '<w:numId w:val="1"/>', extra: str = "") -> str:
    return (
        f'<w:style w:type="paragraph" w:styleId="{style_id}">{extra}'
        f"<w:pPr><w:numPr>{num_pr}</w:numPr></w:pPr></w:style>"
    )


def test_num_id_zero_and_unknown_ids_mean_no_number() -> None:
    numbering = CONTRACT_LIST + _num(1, 0)
    paragraphs = [_p(style="Article"), _p(0, 0, style="Article"), _p(9, 0), _p(1, 7), _p(style="Article")]
    assert _labels(numbering, paragraphs, _numbered_style("Article")) == ("第1条", "", "", "", "第2条")


def test_style_numbering_follows_based_on_and_the_levels_linked_styles() -> None:
    styles = (
        _numbered_style("Base")
        + '<w:style w:type="paragraph" w:styleId="Article"><w:basedOn w:val="Base"/></w:style>'
        + '<w:style w:type="paragraph" w:styleId="Clause"><w:basedOn w:val="Base"/></w:style>'
    )
    article = _lvl(0, "第%1条", extra='<w:pStyle w:val="Article"/>')
    clause = _lvl(1, "%2", extra='<w:pStyle w:val="Clause"/>')
    paragraphs = [
        _p(style="Article"),
        _p(style="Clause"),
        _p(style="Clause"),
        _p(style="Article"),
        _p(ilvl=1, style="Article"),
    ]
    labels = _labels(_abstract(0, article, clause) + _num(1, 0), paragraphs, styles)
    assert labels == ("第1条", "1", "2", "第2条", "1")


def test_default_paragraph_style_numbering_applies_to_unstyled_paragraphs() -> None:
    styles = _numbered_style("Normal", '<w:ilvl w:val="0"/><w:numId w:val="1"/>').replace(
        "<w:style ", '<w:style w:default="1" ', 1
    )
    assert _labels(CONTRACT_LIST + _num(1, 0), [_p(), _p()], styles) == ("第1条", "第2条")


def test_num_style_link_uses_the_list_styles_definition() -> None:
    styles = (
        '<w:style w:type="numbering" w:styleId="ContractList">'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    )
    numbering = (
        _abstract(0, _lvl(0, "第%1条"), extra='<w:styleLink w:val="ContractList"/>')
        + _abstract(1, extra='<w:numStyleLink w:val="ContractList"/>')
        + _num(1, 0)
        + _num(2, 1)
    )
    assert _labels(numbering, [_p(1, 0), _p(2, 0)], styles) == ("第1条", "第2条")


def test_bullets_show_their_text_and_none_shows_only_the_literal_text() -> None:
    numbering = _abstract(0, _lvl(0, "・", fmt="bullet"), _lvl(1, "%2)", fmt="none")) + _num(1, 0)
    assert _labels(numbering, [_p(1, 0), _p(1, 1)]) == ("・", ")")


def test_a_custom_format_falls_back_to_the_markup_compatibility_fallback() -> None:
    num_fmt = (
        '<mc:AlternateContent><mc:Choice Requires="w14">'
        '<w:numFmt w:val="custom" w:format="001, 002, 003, ..."/></mc:Choice>'
        '<mc:Fallback><w:numFmt w:val="decimalZero"/></mc:Fallback></mc:AlternateContent>'
    )
    numbering = _abstract(
        0, f'<w:lvl w:ilvl="0"><w:start w:val="1"/>{num_fmt}<w:lvlText w:val="%1."/></w:lvl>'
    )
    assert _labels(numbering + _num(1, 0), [_p(1, 0)]) == ("01.",)


_DELETED_MARK = '<w:rPr><w:del w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z"/></w:rPr>'


def test_a_paragraph_whose_mark_is_deleted_is_not_counted() -> None:
    # Accepted, a tracked deletion of a whole article removes its number: the next article takes it.
    paragraphs = [_p(1, 0), _p(1, 0, ppr=_DELETED_MARK), _p(1, 0)]
    assert _labels(CONTRACT_LIST + _num(1, 0), paragraphs) == ("第1条", "", "第2条")


def test_a_deleted_mark_that_cannot_join_a_next_paragraph_stays_numbered() -> None:
    # The last paragraph of the body keeps its mark in Word and LibreOffice.
    paragraphs = [_p(1, 0), _p(1, 0, ppr=_DELETED_MARK)]
    assert _labels(CONTRACT_LIST + _num(1, 0), paragraphs) == ("第1条", "第2条")


def test_no_numbering_part_means_no_labels() -> None:
    body = _xml("body", _p(1, 0) + _p())
    assert list_labels(body.iterchildren(), None, None) == ("", "")


# --- end to end: a real .docx whose article numbers exist only in numbering.xml -------------------------

CONTRACT = [
    (0, "（目的）"),
    (None, "本契約は、甲が乙に委託する業務の条件を定める。"),
    (1, "乙は、善良な管理者の注意をもって業務を行う。"),
    (0, "（検査）"),
    (None, "甲は、納入物を受領後、次の事項を検査する。"),
    (2, "数量"),
    (2, "品質"),
    (1, "甲は、検査の結果を乙に通知する。"),
    (2, "合格"),
    (0, "（契約不適合責任）"),
    (None, "乙は、契約不適合について責任を負う。"),
]
EXPECTED = [
    ("第1条", "（目的）"),
    ("", "本契約は、甲が乙に委託する業務の条件を定める。"),
    ("２", "乙は、善良な管理者の注意をもって業務を行う。"),
    ("第2条", "（検査）"),
    ("", "甲は、納入物を受領後、次の事項を検査する。"),
    ("(1)", "数量"),
    ("(2)", "品質"),
    ("２", "甲は、検査の結果を乙に通知する。"),
    ("(1)", "合格"),
    ("第3条", "（契約不適合責任）"),
    ("", "乙は、契約不適合について責任を負う。"),
]


@pytest.mark.parametrize("via_styles", [False, True], ids=["numPr", "style"])
def test_list_numbered_docx_reads_back_as_the_contract(tmp_path: Path, via_styles: bool) -> None:
    source = read_source(docx_with_list_numbering(CONTRACT, tmp_path / "draft.docx", via_styles=via_styles))
    assert [(b.numbering, b.text) for b in source.blocks] == EXPECTED


def test_list_numbering_styles_are_reported(tmp_path: Path) -> None:
    source = read_source(docx_with_list_numbering(CONTRACT[:3], tmp_path / "draft.docx", via_styles=True))
    assert [b.style for b in source.blocks] == ["条", "Normal", "項"]
