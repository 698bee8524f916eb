"""Plain-text contracts: encodings detected, one block per non-blank line, nothing normalised."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akapen.errors import InputError
from akapen.read import parse_text, read_source
from tests.support.seeds import SEED_000, seed_text

SEED = SEED_000
SEED_TEXT = seed_text(SEED)
# Seed 000 has a Cyrillic п in 第6条⑦ 「スпам」, which Shift_JIS cannot encode.
SEED_TEXT_CP932 = SEED_TEXT.replace("п", "パ")


def test_seed_reads_as_utf8_with_the_title_first() -> None:
    source = read_source(SEED)
    assert source.kind == "text"
    assert source.encoding == "utf-8"
    assert source.path == str(SEED)
    assert source.blocks[0].text == "「デジタル改革共創プラットフォーム」利用規約"
    assert source.blocks[1].text == "第1条（本規約の目的）"
    assert [b.index for b in source.blocks] == list(range(len(source.blocks)))
    assert [b.text for b in source.blocks] == [line for line in SEED_TEXT.splitlines() if line.strip()]
    assert all(b.place == "body" and b.style == "" and b.numbering == "" for b in source.blocks)


@pytest.mark.parametrize(
    ("encoded", "encoding", "text"),
    [
        (SEED_TEXT.encode("utf-8"), "utf-8", SEED_TEXT),
        (codecs.BOM_UTF8 + SEED_TEXT.encode("utf-8"), "utf-8-sig", SEED_TEXT),
        (codecs.BOM_UTF16_LE + SEED_TEXT.encode("utf-16-le"), "utf-16-le", SEED_TEXT),
        (codecs.BOM_UTF16_BE + SEED_TEXT.encode("utf-16-be"), "utf-16-be", SEED_TEXT),
        (SEED_TEXT_CP932.encode("cp932"), "cp932", SEED_TEXT_CP932),
        (SEED_TEXT_CP932.encode("euc_jis_2004"), "euc_jis_2004", SEED_TEXT_CP932),  # it has ①
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be", "cp932", "euc-jp"],
)
def test_every_encoding_gives_the_same_blocks(
    tmp_path: Path, encoded: bytes, encoding: str, text: str
) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes(encoded)
    source = read_source(path)
    assert source.encoding == encoding
    assert source.blocks == parse_text(text.encode("utf-8"), "utf-8.txt").blocks
    assert [b.text for b in source.blocks] == [line for line in text.splitlines() if line.strip()]


def test_euc_jp_is_not_taken_for_cp932() -> None:
    # EUC-JP hiragana decode as CP932 too, into half-width katakana and no error.
    text = "ただし、このかぎりでない。"
    assert text.encode("euc_jp").decode("cp932") == "､ｿ､ﾀ､ｷ｡｢､ｳ､ﾎ､ｫ､ｮ､熙ﾇ､ﾊ､､｡｣"
    source = parse_text(text.encode("euc_jp"), "x.txt")
    assert (source.encoding, source.blocks[0].text) == ("euc_jp", text)


def test_cp932_with_half_width_katakana_stays_cp932() -> None:
    # A bank account's holder name is written in half-width katakana.
    text = "振込先　口座名義ｶﾌﾞｼｷｶﾞｲｼｬｱｶﾍﾟﾝ　とする。"
    source = parse_text(text.encode("cp932"), "x.txt")
    assert (source.encoding, source.blocks[0].text) == ("cp932", text)


def test_cp932_keeps_the_characters_windows_adds_to_shift_jis() -> None:
    # ① and ㈱ are NEC extensions: strict Shift_JIS would not decode them.
    source = parse_text("第1条　①㈱髙島屋\r\n".encode("cp932"), "x.txt")
    assert source.encoding == "cp932"
    assert source.blocks[0].text == "第1条　①㈱髙島屋"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_line_endings_do_not_matter(newline: str) -> None:
    source = parse_text(newline.join(["第1条（目的）", "", "本契約は…"]).encode(), "x.txt")
    assert [b.text for b in source.blocks] == ["第1条（目的）", "本契約は…"]


def test_a_form_feed_from_a_pdf_export_ends_a_line() -> None:
    source = parse_text("…ものとする。\f第2条（定義）\n".encode(), "x.txt")
    assert [b.text for b in source.blocks] == ["…ものとする。", "第2条（定義）"]


def test_leading_spaces_stay_trailing_whitespace_goes_blank_lines_are_skipped() -> None:
    text = "第1条\u3000（目的）\u3000 \t\n\u3000\u3000\n  - (1) 「ユーザー」とは\n\u3000２\u3000乙は\r\n"
    source = parse_text(text.encode(), "x.txt")
    assert [(b.index, b.text) for b in source.blocks] == [
        (0, "第1条\u3000（目的）"),
        (1, "  - (1) 「ユーザー」とは"),
        (2, "\u3000２\u3000乙は"),
    ]


def test_nothing_is_normalised() -> None:
    # NFKC would turn ① into 1, ⑴ into (1), ｶ into カ and ＡＢＣ into ABC: offsets would no longer match.
    line = "①⑴ｶﾞＡＢＣ１２〜～ヶ月"
    assert parse_text(line.encode(), "x.txt").blocks[0].text == line


@given(st.lists(st.text(alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"))))
def test_blocks_are_the_non_blank_lines_without_trailing_whitespace_or_running_lines(
    lines: list[str],
) -> None:
    text = "\n".join(lines)
    expected = [line.rstrip() for line in text.splitlines() if line.strip()]
    if not expected:
        with pytest.raises(InputError):
            parse_text(text.encode(), "x.txt")
        return
    source = parse_text(text.encode(), "x.txt")
    # Every line, in order, but the pages' running headers, footers and page numbers (listed apart).
    rest = iter(expected)
    assert all(any(b.text == line for line in rest) for b in source.blocks)
    assert len(source.blocks) + len(source.not_compared) == len(expected)
    assert all(b.text in text for b in source.blocks)


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text document"),
        ("第1条".encode("utf-16-le"), "not a text document"),  # UTF-16 without a BOM
        (b"\x80\x81\xff\xfe\xfd", "not a text document"),
        (codecs.BOM_UTF8 + b"\xff\xfe\x80", "not a text document"),
        (" \u3000\n\r\n\t".encode(), "contains no text"),
    ],
    ids=["binary", "utf-16-without-bom", "undecodable", "bad-utf-8-after-bom", "blank"],
)
def test_what_is_not_a_text_document(data: bytes, why: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_text(data, "draft.txt")
    message = str(raised.value)
    assert message.startswith("draft.txt ") and why in message and "\n" not in message


def test_markdown_and_text_suffixes_are_text(tmp_path: Path) -> None:
    for name in ("draft.md", "draft.text", "DRAFT.TXT"):
        (tmp_path / name).write_text("# 第1条\n", encoding="utf-8")
        assert read_source(tmp_path / name).blocks[0].text == "# 第1条"


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("missing.txt", None, "does not exist"),
        ("folder.txt", "dir", "is a folder"),
        ("empty.txt", b"", "is empty"),
        ("draft.rtf", b"{\\rtf1", "cannot read .rtf files"),
        ("draft.pdf", b"%PDF-1.7", "is incomplete (it does not end with %%EOF)"),
        ("draft", b"text", "files without a suffix"),
        ("draft.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy .doc file"),
    ],
)
def test_read_source_refuses_with_one_line(
    tmp_path: Path, name: str, content: bytes | str | None, why: str
) -> None:
    path = tmp_path / name
    if content == "dir":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    with pytest.raises(InputError) as raised:
        read_source(path)
    message = str(raised.value)
    assert why in message and str(path) in message and "\n" not in message


def test_unsupported_suffix_names_what_is_supported(tmp_path: Path) -> None:
    (tmp_path / "draft.rtf").write_text("{\\rtf1}")
    with pytest.raises(InputError, match=r"\.docx.*\.txt, \.md"):
        read_source(tmp_path / "draft.rtf")


def test_legacy_doc_message_says_how_to_convert(tmp_path: Path) -> None:
    path = tmp_path / "契約 書.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    with pytest.raises(InputError) as raised:
        read_source(path)
    assert str(raised.value).endswith(f"soffice --headless --convert-to docx '{path}'")


def test_running_headers_and_page_numbers_of_extracted_text_are_not_compared() -> None:
    pages = [
        "秘密\n第1条（目的）\n本契約は、目的を定める。\n1\n",
        "秘密\n第2条（期間）\n本契約の期間は1年とする。\n2\n",
    ]
    source = parse_text("\f".join(pages).encode(), "draft.txt")
    assert [b.text for b in source.blocks] == [
        "第1条（目的）",
        "本契約は、目的を定める。",
        "第2条（期間）",
        "本契約の期間は1年とする。",
    ]
    assert source.not_compared == (("header", "秘密"), ("footer", "1"), ("header", "秘密"), ("footer", "2"))


def test_without_page_breaks_only_counting_page_numbers_and_spread_repeats_are_left_out() -> None:
    body = [f"第{n}条（条項{n}）\n" + "本条は、当事者の権利義務を定める。\n" * 24 for n in range(1, 4)]
    text = "".join(f"{block}秘密\n- {n} -\n" for n, block in enumerate(body, 1))
    source = parse_text(text.encode(), "draft.txt")
    assert not any(b.text in ("秘密", "- 1 -", "- 2 -", "- 3 -") for b in source.blocks)
    # A short line said twice, or a number that does not count pages, is the contract's own.
    kept = parse_text("第1条（目的）\n以上\n1\n第2条（期間）\n以上\n".encode(), "draft.txt")
    assert [b.text for b in kept.blocks] == ["第1条（目的）", "以上", "1", "第2条（期間）", "以上"]
