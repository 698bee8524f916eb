"""The parties of a contract and their roles, as the contract itself defines them.

Contracts define their parties in the preamble in a handful of ways — 「（以下「甲」という。）」,
「（以下，「当社」といいます。）」, 「以下「アルファ」と称する」, 「（以下「委託者」）」 — and a terms of use may
define none and simply keep opening its clauses with 「当社は、」「ユーザーは、」. Which party sells, orders,
lets or licenses is read from the role words themselves (買主, 委託者…) or from the preamble's verb
(「甲が乙に委託する」): 甲 may be the seller.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from types import MappingProxyType
from typing import NamedTuple

from akapen.model import Contract
from akapen.review import vocabulary as v

__all__ = ["Parties"]

_DEFINED = re.compile(
    r"(?:以下|以下、|以下,|以下，)\s*(?:単に、?)?[「『](?P<name>[^」』]{1,16})[」』]\s*"
    r"(?:と(?:いう|いい|いいます|称する|称し|称します|略称する|略す|する|します)|[）)])"
)
_ORGANISATION = re.compile(
    r"(?:株式会社|有限会社|合同会社|合名会社|合資会社|一般社団法人|一般財団法人|法人|会社|組合|個人事業主|庁|省|機構|"
    r"大学|協会|者|様|殿|氏)[^、。「」]{0,20}$"
)
_NOT_A_PARTY = re.compile(
    r"^(?:本|前|この|次|各|同|上記|下記)|(?:条|項|号|規約|契約|約款|サービス|情報|もの|こと|場合|措置|期間|権利|義務|"
    r"製品|商品|業務|目的|物件|ソフトウェア|システム|データ|成果物|納入物|個別契約|料金|代金|委託料)$"
)
_SUBJECT = re.compile(
    r"^(?:[0-9０-９]+[.．]?\s*)?(?P<name>[^\s、。「」（）()]{2,8}?)(?:及び[^\s、。]{2,8}?)?は、"
)
_MIN_SUBJECT = 3
"""How often a name must open a paragraph as its subject to count as a party (「ユーザーは、」)."""

ROLE_WORDS: dict[str, str] = {
    "売主": "売主",
    "買主": "買主",
    "委託者": "委託者",
    "受託者": "受託者",
    "発注者": "委託者",
    "受注者": "受託者",
    "注文者": "委託者",
    "請負人": "受託者",
    "貸主": "貸主",
    "借主": "借主",
    "賃貸人": "貸主",
    "賃借人": "借主",
    "開示者": "開示者",
    "受領者": "受領者",
    "ライセンサー": "許諾者",
    "ライセンシー": "被許諾者",
    "許諾者": "許諾者",
    "被許諾者": "被許諾者",
    "当社": "提供者",
    "弊社": "提供者",
    "ユーザー": "利用者",
    "利用者": "利用者",
    "会員": "利用者",
    "お客様": "利用者",
}
"""Role words a contract uses as its parties' names, and the role each names."""

ROLE_VERBS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"売り?渡|売却|販売|供給"), "売主", "買主"),
    (re.compile(r"委託|発注|注文"), "委託者", "受託者"),
    (re.compile(r"賃貸|貸し渡|貸与"), "貸主", "借主"),
    (re.compile(r"使用許諾|利用許諾|許諾"), "許諾者", "被許諾者"),
    (re.compile(r"開示"), "開示者", "受領者"),
    (re.compile(r"提供"), "提供者", "利用者"),
)
"""「XがYに…売り渡す」: X is the first role, Y the second."""


_LEADING = re.compile(r"^(?:と|及び|並びに|[\s\u3000])+")
_AFTER_ADDRESS = re.compile(r"^.*(?:置く|有する|所在する|とする|所在の|在住の)")
_EMPTY: MappingProxyType[str, str] = MappingProxyType({})


class Parties(NamedTuple):
    """The parties a contract names, the two main ones first, and each one's role."""

    names: tuple[str, ...]
    roles: dict[str, str]
    seats: MappingProxyType[str, str] = _EMPTY
    """Party → the prefecture of its address (本店所在地 or 住所), where the contract gives one."""

    @classmethod
    def of(cls, *contracts: Contract, known: Iterable[str] = ()) -> Parties:
        names: list[str] = [n for n in known if n]
        preambles = [
            part.text
            for contract in contracts
            for part in contract.parts
            if part.kind in ("preamble", "title")
        ]
        defined: dict[str, str] = {}
        """Party → the words before its definition: its full name, perhaps its address."""
        for text in preambles:
            for m in _DEFINED.finditer(text):
                name = m.group("name").strip()
                before = text[max(0, m.start() - 60) : m.start()].rstrip("（(")
                if (
                    name in ROLE_WORDS
                    or name in ("甲", "乙", "丙")
                    or (_ORGANISATION.search(before) and not _NOT_A_PARTY.search(name))
                ):
                    names.append(name)
                    defined.setdefault(name, _LEADING.sub("", re.split(r"[、。）)」]", before)[-1]))
        subjects: Counter[str] = Counter()
        for contract in contracts:
            for article in contract.articles:
                for p in article.paragraphs:
                    subject = _SUBJECT.match(p.text)
                    if subject and not _NOT_A_PARTY.search(subject.group("name")):
                        subjects[subject.group("name")] += 1
        # Terms of use name no parties in a preamble; the names that keep opening paragraphs as their
        # subject (「ユーザーは、」「デジタル庁は、」) are the parties.
        if len(dict.fromkeys(names)) < 2:
            names.extend(n for n, count in subjects.most_common() if count >= _MIN_SUBJECT)
        if len(dict.fromkeys(names)) < 2:
            names.extend(("甲", "乙"))
        unique = tuple(dict.fromkeys(names))
        return cls(unique, _roles(unique, preambles), MappingProxyType(_seats(contracts, unique, defined)))

    @property
    def pair(self) -> tuple[str, ...]:
        return self.names[:2]

    def other(self, party: str | None) -> str | None:
        """The other side of a two-party contract."""
        if party is None or party not in self.pair or len(self.pair) < 2:
            return None
        return self.pair[1] if self.pair[0] == party else self.pair[0]


def _roles(names: tuple[str, ...], preambles: list[str]) -> dict[str, str]:
    roles = {n: ROLE_WORDS[n] for n in names if n in ROLE_WORDS}
    if len(names) >= 2 and len(roles) < 2:
        pattern = "|".join(re.escape(n) for n in sorted(names[:2], key=len, reverse=True))
        for text in preambles:
            for m in re.finditer(
                f"({pattern})が[、]?({pattern})に(?:対し|対して)?[、]?([^。]{{0,40}})", text
            ):
                giver, taker, rest = m.groups()
                if giver == taker:
                    continue
                for verb, first, second in ROLE_VERBS:
                    if verb.search(rest):
                        roles.setdefault(giver, first)
                        roles.setdefault(taker, second)
                        return roles
    return roles


def _seats(contracts: Iterable[Contract], names: tuple[str, ...], defined: dict[str, str]) -> dict[str, str]:
    """Where each party sits: an address in its definition (「東京都…に本店を置く株式会社A（以下「甲」）」),
    or an address line of the signature block that names the party (「甲　東京都千代田区…」,
    「（甲）住所 …」) or stands next to its full name (「住所　大阪府…」 above 「丸福雑貨株式会社」)."""
    seats: dict[str, str] = {}
    full: dict[str, str] = {}
    for name, before in defined.items():
        if m := v.PREFECTURE.search(before):
            seats.setdefault(name, m.group())
        company = _AFTER_ADDRESS.sub("", before).strip()
        if len(company) >= 3:
            full[name] = company
    for contract in contracts:
        lines = [
            line.strip()
            for part in contract.parts
            if part.kind not in ("title", "attachment", "supplementary")
            for line in part.text.splitlines()
            if line.strip()
        ]
        for i, line in enumerate(lines):
            address = v.PREFECTURE.search(line)
            if address is None:
                continue
            # On the address's own line, the company named right after it (「大阪府…に本店を置く株式会社
            # ベータ」), not another party the same line names before it.
            after = line[address.start() :]
            here = sorted((after.find(company), n) for n, company in full.items() if company in after)
            party = (
                _named(line[: address.start()], names)
                or (here[0][1] if here else None)
                or next(
                    (
                        n
                        for near in (*lines[i + 1 : i + 3], *lines[max(0, i - 1) : i])
                        for n, company in full.items()
                        if company in near
                    ),
                    None,
                )
            )
            if party is None and i > 0:
                party = _named(lines[i - 1], names)
            if party is not None:
                seats.setdefault(party, address.group())
    return seats


def _named(label: str, names: tuple[str, ...]) -> str | None:
    """The party a signature line's label names (「甲」, 「（丸福）」, 「委託者　住所：」), if any."""
    bare = v.SEAT_LABEL.sub("", label)
    return next((n for n in sorted(names, key=len, reverse=True) if bare == n), None)
