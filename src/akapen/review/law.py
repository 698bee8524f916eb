"""The right law, or none: the contract's type, each clause's topic, and the statutes for the pair.

The table is ``law_table.py`` beside this module (DOMAIN.md's facts, as rows a lawyer can extend). A
finding cites only what its (type, topic) row names; a contract of unknown type gets the rows that hold
for any contract and nothing else.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from akapen.model import Contract
from akapen.review.law_table import STATUTES, TOPICS, TYPES

__all__ = ["Statute", "contract_type", "statutes_for", "topic_of"]


class Statute(NamedTuple):
    cite: str
    reason: str


class _Type:
    def __init__(self, row: dict[str, str]) -> None:
        self.id = row["id"]
        self.title = re.compile(row["title"])
        self.content = re.compile(row["content"])
        self.deliverables = re.compile(row["deliverables"]) if "deliverables" in row else None


@cache
def _table() -> tuple[list[_Type], list[tuple[str, re.Pattern[str]]], dict[tuple[str, str], list[Statute]]]:
    types = [_Type(row) for row in TYPES]
    topics = [(topic, re.compile(words)) for topic, words in TOPICS]
    statutes: dict[tuple[str, str], list[Statute]] = {}
    for kinds, topic, cite, reason in STATUTES:
        for kind in kinds:
            statutes.setdefault((kind, topic), []).append(Statute(cite, reason))
    return types, topics, statutes


def contract_type(*contracts: Contract) -> str:
    """売買, 請負, 準委任, 秘密保持, 利用規約, ライセンス, 賃貸借, or その他: from the title first, then the
    text. 業務委託 that delivers a work for inspection is 請負."""
    types, _, _ = _table()
    titles = " ".join(c.title or "" for c in contracts)
    body = " ".join(
        [p.text for c in contracts for p in c.parts if p.kind in ("preamble", "title")]
        + [p.text for c in contracts for a in c.articles for p in a.paragraphs]
    )
    for field, text in (("title", titles), ("content", body)):
        for kind in types:
            pattern: re.Pattern[str] = getattr(kind, field)
            if text and pattern.search(text):
                if kind.deliverables is not None and kind.deliverables.search(body):
                    return "請負"
                return kind.id
    return "その他"


def topic_of(heading: str, text: str) -> str | None:
    """The clause topic: the article heading decides, else the clause's own words."""
    _, topics, _ = _table()
    for source in (heading, text):
        for topic, words in topics:
            if source and words.search(source):
                return topic
    return None


def statutes_for(kind: str, topic: str | None) -> tuple[Statute, ...]:
    if topic is None:
        return ()
    _, _, statutes = _table()
    return tuple(statutes.get((kind, topic), ()) or statutes.get(("*", topic), ()))
