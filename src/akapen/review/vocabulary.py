"""The words the review rules look for, as data. Extend these tables, not the rule code.

Each pattern is matched on the text as written; alternatives cover 表記ゆれ (ただちに/直ちに, 又は/または,
何ら/何等) so a cosmetic rewrite never looks like a removal.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from akapen.model import Severity

# 直ちに is stricter than 速やかに, which is stricter than 遅滞なく (DOMAIN.md); a reasonable period is the
# loosest. Higher = stricter.
TIMING: dict[str, int] = {
    "直ちに": 4,
    "ただちに": 4,
    "即時に": 4,
    "即座に": 4,
    "速やかに": 3,
    "すみやかに": 3,
    "遅滞なく": 2,
    "遅滞無く": 2,
    "合理的期間内に": 1,
    "合理的な期間内に": 1,
    "相当の期間内に": 1,
}
TIMING_CANONICAL = {
    "ただちに": "直ちに",
    "即座に": "即時に",
    "すみやかに": "速やかに",
    "遅滞無く": "遅滞なく",
    "合理的な期間内に": "合理的期間内に",
}

NUMBER = r"[0-9０-９]+|[一二三四五六七八九十百]+"
UNIT_DAYS: dict[str, float] = {
    "日": 1,
    "営業日": 1.4,
    "週間": 7,
    "か月": 30,
    "ヶ月": 30,
    "カ月": 30,
    "ケ月": 30,
    "箇月": 30,
    "ヵ月": 30,
    "月": 30,
    "年": 365,
}
PERIOD = re.compile(
    rf"(?P<n>{NUMBER})\s*(?P<unit>営業日|日|週間|か月|ヶ月|カ月|ケ月|箇月|ヵ月|年)"
    r"(?P<kind>以内|間|前まで|前|以上|を経過|が経過)"
)
"""A length of time: 6か月以内, 1年間, 10日前まで. Dates (2026年4月1日) do not match: no 以内/間/前 follows."""
START = re.compile(
    r"(?P<start>納入|納品|引渡し|引き渡し|受領|検収|発見|判明した日|判明した時|知った日|知った時|通知)から"
)
CLAIMANT = {re.compile(r"不適合|瑕疵"): "買主"}
"""Whose claim a period limits, when the sentence does not name who must act: a non-conformity claim
is the buyer's."""
LATE_STARTS = frozenset({"発見", "判明した日", "判明した時", "知った日", "知った時"})
"""Starting points that depend on when a party learns of something: a period from them ends later than
one from delivery (納入, 引渡し…)."""

DEEMED = re.compile(
    r"(?:もの)?と?(?:みな|見な|看做)(?:す|します|される|し[、。]|し$)|"
    r"(?:同意|承諾|承認|合格)したものと(?:する|します)"
)
LIABILITY_LIMIT = re.compile(
    r"一切(?:の|その)?責任を負(?:わない|いません)|責任を負(?:わない|いません)|を免れる|上限とする|"
    r"責任の全部とする|賠償する義務を一切負わない|賠償義務を負(?:わない|いません)|"
    r"損害賠償の請求.{0,20}(?:できない|することができない)"
)
CARVEOUT = re.compile(r"故意(?:又は|または|若しくは|もしくは|・)(?:重過失|重大な過失)")
KNOWLEDGE = re.compile(r"知り(?:、)?(?:又は|または)(?:、)?重過失により知らなかった|知りながら|悪意")
DEMAND = re.compile(r"(?:何ら|何等|なんら)?催告(?:その他の手続き?)?を要(?:せず|しないで)|催告することなく")
CURE_RESTRICTED = re.compile(
    r"異なる方法.{0,30}(?:できない|認めない|してはならない)|不相当な負担を課するものでないときでも"
)
LIMITED_TO = re.compile(r"に限られる|に限る|に限定")
STANDARD = re.compile(r"基準")


class Remedy(NamedTuple):
    name: str
    pattern: re.Pattern[str]


REMEDIES: tuple[Remedy, ...] = (
    Remedy("返品", re.compile(r"返品")),
    Remedy("交換", re.compile(r"交換")),
    Remedy("修補", re.compile(r"修補|修理")),
    Remedy("追加納品", re.compile(r"追加納品|不足分の(?:納品|引渡し)")),
    Remedy("代替品の納入", re.compile(r"代替品|代替物")),
    Remedy("代金減額", re.compile(r"代金(?:の)?減額|減額")),
)


class Statute(NamedTuple):
    """Why a change matters, by the statute behind the words around it."""

    words: re.Pattern[str]
    cite: str
    reason: str


STATUTES: tuple[Statute, ...] = (
    Statute(
        re.compile(r"通知"),
        "商法526条2項",
        "商人間の売買では、買主は不適合を発見したら直ちに通知しなければ救済を失います。",
    ),
    Statute(
        re.compile(r"検査|検収"),
        "商法526条1項",
        "商人間の売買では、買主は受領後遅滞なく検査する義務を負います。",
    ),
    Statute(
        re.compile(r"追完|修補|代替|交換"),
        "民法562条",
        "買主は修補・代替物・不足分の引渡しによる追完を請求でき、方法の選択権も原則買主にあります。",
    ),
    Statute(re.compile(r"減額"), "民法563条", "代金減額は原則として相当期間を定めた催告の後に請求できます。"),
    Statute(
        re.compile(r"期間|以内|知った"),
        "民法566条",
        "種類・品質の不適合は、買主が知った時から1年以内に通知すれば足ります。",
    ),
    Statute(
        re.compile(r"損害|賠償|責任"),
        "民法415条・572条",
        "債務不履行責任を免除・制限する特約でも、故意・重過失や知りながら告げなかった事実までは免れないのが原則です。",
    ),
)


class PatternRule(NamedTuple):
    """A wording whose appearing in (or disappearing from) an aligned article is a finding."""

    pattern: re.Pattern[str]
    added: tuple[str, Severity] | None
    """(rule id, severity when adverse) when the draft has it more often than the model."""
    removed: tuple[str, Severity] | None
    said_added: str = ""
    """The message; ``{text}`` is the wording, ``{party}`` whose sentence it is."""
    said_removed: str = ""
    good_for_holder_when_added: bool = True
    """Whether the wording helps the party whose sentence it stands in (a liability limit helps the
    liable party; a carve-out from it helps the other)."""
    deemed: bool = False
    """A deemed consent or acceptance: it goes against the party whose consent it fakes."""


PATTERN_RULES: tuple[PatternRule, ...] = (
    PatternRule(
        DEEMED,
        ("deemed-acceptance-added", "high"),
        ("deemed-acceptance-removed", "medium"),
        said_added="みなし規定（「{text}」）が加わっています。相手方の沈黙・不作為で{party}の同意・合格が擬制されます。",
        said_removed="みなし規定（「{text}」）が削除されています。",
        deemed=True,
    ),
    PatternRule(
        LIABILITY_LIMIT,
        ("liability-limited", "high"),
        None,
        said_added="責任の免除・制限（「{text}」）が加わっています。{party}の責任が軽くなります。",
    ),
    PatternRule(
        CARVEOUT,
        ("carveout-added", "medium"),
        ("carveout-removed", "high"),
        said_added="「{text}」の場合を除く旨が加わっています。",
        said_removed="「{text}」がある場合の除外が削除され、{party}は故意・重過失の場合まで免責されます。",
        good_for_holder_when_added=False,
    ),
    PatternRule(
        KNOWLEDGE,
        ("knowledge-exception-changed", "medium"),
        ("knowledge-exception-changed", "medium"),
        said_added="{party}が不適合を知っていた（重過失で知らなかった）場合の例外（「{text}」）が加わっています。",
        said_removed="{party}が不適合を知っていた場合の例外（「{text}」）が削除されています。",
        good_for_holder_when_added=False,
    ),
    PatternRule(
        DEMAND,
        ("demand-requirement-changed", "medium"),
        ("demand-requirement-changed", "medium"),
        said_added="催告を要しない旨（「{text}」）が加わっています。",
        said_removed="「{text}」が削除され、{party}の権利行使に催告が必要になります。",
    ),
    PatternRule(
        CURE_RESTRICTED,
        ("cure-method-restricted", "medium"),
        None,
        said_added="売主が買主の選択と異なる方法で追完することを制限する文言（「{text}」）が加わっています。",
        good_for_holder_when_added=False,
    ),
)
"""Pattern rules, judged on whole aligned articles (review.patterns)."""
