"""Alignment cost grows with the contract, not with its square (issue #7).

No timings here (bench/ measures time); the guard counts work instead. ``align.STATS`` counts the
similarities computed and the inverted-index postings the candidate search visits; aligning a
1,000-article contract must cost about twice what a 500-article one does, where a quadratic step
would cost four times as much. The contracts are seed 000's 27 articles repeated and renumbered,
the hardest case for an index: every term of an article is shared by every copy of it.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from akapen import segment
from akapen.align import STATS, align_contracts
from akapen.model import Contract
from tests.support.seeds import SEED_000, seed_text, text_source

_HEADING = re.compile(r"^第\d+条(（.+）)$")

Cost = tuple[int, int, Counter[str]]
"""Similarities computed, postings visited, and how many articles got each alignment status."""


def _seed_articles() -> tuple[list[str], list[list[str]]]:
    """Seed 000's lines before its first article, and each article as [heading title, *body lines]."""
    head: list[str] = []
    articles: list[list[str]] = []
    for line in seed_text(SEED_000).splitlines():
        if not line.strip():
            continue
        heading = _HEADING.match(line)
        if heading:
            articles.append([heading[1]])
        elif articles:
            articles[-1].append(line)
        else:
            head.append(line)
    return head, articles


def _contract(count: int, *, draft: bool) -> Contract:
    """``count`` articles of seed 000, repeated and renumbered. The draft drops the first article of
    every copy and rewrites a word of every 第22条（削除）, so nothing lines up by number or position."""
    head, articles = _seed_articles()
    lines = list(head)
    number = 0
    for n in range(count):
        title, *body = articles[n % len(articles)]
        if draft and n % len(articles) == 0:
            continue
        if draft and title == "（削除）":
            body = [line.replace("削除", "消去") for line in body]
        number += 1
        lines += [f"第{number}条{title}", *body]
    return segment(text_source("\n".join(lines) + "\n", "draft.txt" if draft else "model.txt"))


def _cost(count: int) -> Cost:
    model, draft = _contract(count, draft=False), _contract(count, draft=True)
    STATS.evaluations = STATS.postings = 0
    alignment = align_contracts(model, draft)
    return STATS.evaluations, STATS.postings, Counter(p.status for p in alignment.articles)


@pytest.fixture(scope="module")
def costs() -> dict[int, Cost]:
    return {count: _cost(count) for count in (500, 1000)}


def test_similarities_grow_linearly(costs: dict[int, Cost]) -> None:
    (small, _, _), (large, _, _) = costs[500], costs[1000]
    assert large / small <= 2.5, f"{small} similarities for 500 articles, {large} for 1,000"


def test_candidate_search_grows_linearly(costs: dict[int, Cost]) -> None:
    (_, small, _), (_, large, _) = costs[500], costs[1000]
    assert large / small <= 2.5, f"{small} postings visited for 500 articles, {large} for 1,000"


def test_every_copy_finds_its_own_counterpart(costs: dict[int, Cost]) -> None:
    """An article repeated word for word is paired with the copy where it stands, not with whichever
    copies the index lists first: only the dropped articles are left unpaired."""
    _, _, statuses = costs[1000]
    dropped = -(-1000 // 27)  # the first article of every copy, the last (partial) copy's included
    assert statuses == Counter({"matched": 1000 - dropped, "removed": dropped})
