"""Whose duty or right a sentence is about, and how adverse a change is to our side.

The parties are the ones the contract names: the model's (baselines/…/model.toml ``parties``), those the
preamble defines (``以下「買主」という``), and 甲/乙. A sentence's subject is the party written with は
before the change (「買主は、…通知する」); a sentence ending in できる grants a right, any other states
a duty.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from akapen.model import Contract, Severity

__all__ = ["Parties", "Stance", "severity_for"]

_DEFINED = re.compile(r"以下[「『](?P<name>[^」』]{1,12})[」』]と(?:いう|いい|いいます|称する)")
_SUBJECT = re.compile(
    r"^(?:[0-9０-９]+[.．]?\s*)?(?P<name>[^\s、。「」（）()]{2,8}?)(?:及び[^\s、。]{2,8}?)?は、"
)
_NOT_A_PARTY = re.compile(
    r"^(?:本|前|当|この|次|各|同|上記|下記)|(?:条|項|号|規約|契約|サービス|情報|もの|こと|場合|措置|期間|権利|義務)$"
)
_MIN_SUBJECT = 3
"""How often a name must open a paragraph as its subject to count as a party (「ユーザーは、」)."""
_RIGHT = re.compile(r"(?:でき(?:る|ます)|できるものと(?:する|します)|することができ(?:る|ます))[。]?$")


@dataclass(frozen=True)
class Parties:
    names: tuple[str, ...]

    @classmethod
    def of(cls, *contracts: Contract, known: Iterable[str] = ()) -> Parties:
        names: list[str] = [n for n in known if n]
        subjects: Counter[str] = Counter()
        for contract in contracts:
            for part in contract.parts:
                if part.kind in ("preamble", "title"):
                    names.extend(m.group("name") for m in _DEFINED.finditer(part.text))
            for article in contract.articles:
                for p in article.paragraphs:
                    m = _SUBJECT.match(p.text)
                    if m and not _NOT_A_PARTY.search(m.group("name")):
                        subjects[m.group("name")] += 1
        # Terms of use name no parties in a preamble; the names that keep opening paragraphs as their
        # subject (「ユーザーは、」「デジタル庁は、」) are the parties.
        names.extend(n for n, count in subjects.most_common() if count >= _MIN_SUBJECT)
        names.extend(("甲", "乙"))
        seen: list[str] = []
        for n in names:
            if n not in seen:
                seen.append(n)
        return cls(tuple(seen))

    def other(self, party: str | None) -> str | None:
        """The other side of a two-party contract."""
        if party is None:
            return None
        main = [n for n in self.names if n not in ("甲", "乙")] or list(self.names)
        pair = main[:2] if party in main[:2] else ["甲", "乙"]
        if party not in pair or len(pair) < 2:
            return None
        return pair[1] if pair[0] == party else pair[0]

    def pattern(self) -> re.Pattern[str]:
        return _names_pattern(self.names)


class Stance(NamedTuple):
    """Who a sentence binds or empowers."""

    holder: str | None
    right: bool
    """The sentence grants ``holder`` a right (…できる); otherwise it imposes a duty."""

    @classmethod
    def at(cls, text: str, pos: int, parties: Parties) -> Stance:
        start = text.rfind("。", 0, max(pos, 0)) + 1
        end = text.find("。", pos)
        sentence = text[start : end + 1 if end >= 0 else len(text)]
        local = pos - start
        names = parties.pattern()
        marked = [(m.start(), m.group(), sentence[m.end() : m.end() + 1]) for m in names.finditer(sentence)]
        # The nearest party before the change that acts in its clause (「買主は、」「買主が…通知した」),
        # else the sentence's topic (「…場合、売主は」), else whoever acts in it.
        before = [name for at, name, particle in marked if at < local and particle in ("は", "が")]
        topics = [name for _, name, particle in marked if particle == "は"]
        agents = [name for _, name, particle in marked if particle == "が"]
        holder = before[-1] if before else topics[0] if topics else agents[0] if agents else None
        return cls(holder, bool(_RIGHT.search(sentence.rstrip())))


@lru_cache(maxsize=32)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """The party names as one pattern, longest first: built once per contract, not per sentence."""
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))


_RANK = {"high": 0, "medium": 1, "low": 2, "info": 3}


def severity_for(
    base: Severity, *, adverse_to: str | None, favours: str | None, side: str | None
) -> Severity:
    """How adverse a change is to our side: its full weight when it hurts us, ``info`` when it helps us,
    ``low`` when it touches neither party; without a side, at most ``medium`` (neutral)."""
    if side is None:
        return base if _RANK[base] >= _RANK["medium"] else "medium"
    if adverse_to == side:
        return base
    if favours == side:
        return "info"
    if adverse_to is None and favours is None:
        return base if _RANK[base] >= _RANK["medium"] else "medium"
    return "low"
