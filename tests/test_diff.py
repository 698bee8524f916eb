"""The morpheme diff: whole words only, and each difference classified."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akapen.diff import Edit, Numbering, diff
from akapen.morph import tokenize


def _changed(edits: tuple[Edit, ...]) -> list[tuple[str, str, str | None]]:
    return [(e.op, e.text, e.kind) for e in edits if e.op != "equal"]


def _assert_reconstructs(a: str, b: str, edits: tuple[Edit, ...]) -> None:
    assert "".join(e.text for e in edits if e.op != "insert") == a
    assert "".join(e.text for e in edits if e.op != "delete") == b


def _boundaries(text: str) -> set[int]:
    return {t.start for t in tokenize(text)} | {len(text)}


def _assert_whole_words(a: str, b: str, edits: tuple[Edit, ...]) -> None:
    """Every edit starts and ends on a Sudachi morpheme boundary of its own side."""
    for e in edits:
        if e.op == "delete":
            assert {e.a, e.a + len(e.text)} <= _boundaries(a), e
        elif e.op == "insert":
            assert {e.b, e.b + len(e.text)} <= _boundaries(b), e


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("本規約及び本サービス", "本規約および本サービス"),
        ("秘密情報を漏えいしてはならない", "秘密情報を漏洩してはならない"),
        ("何ら責任を負わない", "何等責任を負わない"),
        ("ただちに通知する", "直ちに通知する"),
        ("６か月", "6ヶ月"),
        ("ID とパスワード", "IDとパスワード"),
    ],
)
def test_hyouki_yure_is_cosmetic_and_never_splits_a_word(a: str, b: str) -> None:
    edits = diff(a, b)
    _assert_reconstructs(a, b, edits)
    _assert_whole_words(a, b, edits)
    assert _changed(edits) and all(kind == "cosmetic" for _, _, kind in _changed(edits))


def test_period_change_is_one_substantive_word_change() -> None:
    edits = diff("納入から６か月以内に通知する", "納入から1年以内に通知する")
    _assert_whole_words("納入から６か月以内に通知する", "納入から1年以内に通知する", edits)
    assert _changed(edits) == [("delete", "６か月", "substantive"), ("insert", "1年", "substantive")]


def test_party_swap() -> None:
    assert _changed(diff("買主の選択に基づき", "売主の選択に基づき")) == [
        ("delete", "買主", "substantive"),
        ("insert", "売主", "substantive"),
    ]


def test_removed_word_next_to_cosmetic_change_stays_separate() -> None:
    edits = diff("ただちにその旨を通知する", "その旨を通知する")
    assert _changed(edits) == [("delete", "ただちに", "substantive")]


def test_cross_reference_following_the_renumbering() -> None:
    numbering = Numbering(articles={12: 13})
    assert _changed(diff("第12条に基づく措置", "第13条に基づく措置", numbering)) == [
        ("delete", "12", "renumbering"),
        ("insert", "13", "renumbering"),
    ]
    assert {k for _, _, k in _changed(diff("第12条に基づく措置", "第14条に基づく措置", numbering))} == {
        "substantive"
    }


def test_paragraph_reference_of_another_article() -> None:
    numbering = Numbering(articles={3: 4}, paragraphs={3: {4: 3}, 5: {4: 5}}, article=5)
    edits = diff("第3条第4項各号", "第4条第3項各号", numbering)
    assert {k for _, _, k in _changed(edits)} == {"renumbering"}


def test_own_label_change_is_renumbering() -> None:
    edits = diff("第4条（アカウント）", "第5条（アカウント）", Numbering(label_a=(0, 3), label_b=(0, 3)))
    assert {k for _, _, k in _changed(edits)} == {"renumbering"}


CLAUSE = (
    "買主は、売主による本製品の納入後、遅滞なく、買主売主間で協議して合意した基準および方法に従って、"
    "本件製品の種類、品質および数量について、受入検査を行い、合格したものを検収する。"
)
WORDS = [
    "直ちに",
    "速やかに",
    "一切",
    "売主",
    "買主",
    "の",
    "みなす",
    "6か月",
    "1年",
    "、",
    "及び",
    "書面により",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 3), st.sampled_from(WORDS)), max_size=6))
def test_property_random_word_edits_reconstruct_on_word_boundaries(ops: list[tuple[int, int, str]]) -> None:
    tokens = [t.surface for t in tokenize(CLAUSE)]
    for position, action, word in ops:
        k = position % (len(tokens) + 1)
        if action == 0:
            tokens.insert(k, word)
        elif action == 1 and k < len(tokens):
            del tokens[k]
        elif k < len(tokens):
            tokens[k] = word
    draft = "".join(tokens)
    edits = diff(CLAUSE, draft)
    _assert_reconstructs(CLAUSE, draft, edits)
    _assert_whole_words(CLAUSE, draft, edits)


@pytest.mark.parametrize(
    "text",
    ["個人情報の保護に関する法律第{}条", "民法第{}条", "商法第{}条", "消費者基本法第{}条", "利用規約第{}条"],
)
def test_an_article_of_another_statute_is_never_renumbering(text: str) -> None:
    edits = diff(text.format(2), text.format(3), Numbering(articles={2: 3}))
    assert {k for _, _, k in _changed(edits)} == {"substantive"}


@pytest.mark.parametrize("own", ["本規約", "本規則"])
def test_this_contracts_own_article_cited_by_name_follows_renumbering(own: str) -> None:
    edits = diff(f"{own}第3条に従う", f"{own}第4条に従う", Numbering(articles={3: 4}))
    assert {k for _, _, k in _changed(edits)} == {"renumbering"}
