"""Clause frames: who must (or may) do what, on what terms — read off one 項 or 号 of either side.

A reviewer reads a clause as *who must do what for whom, by when, and what happens if not*; a frame is
that reading of one clause of a sentence. The acting party is the topic of the main clause
(「乙は、…」), never a party inside a 場合/とき condition or an object (「甲が…したときは、乙は」: 乙).
The modality comes from how the clause ends (…しなければならない, …できる, …できない, …責任を負わない,
…上限とする, …とみなす); quantities are typed by what they measure (以内 a deadline, 前まで an advance
notice, 間 a duration). Offsets are kept, into the text given, so a finding can point at its words.

Everything here is grammar over the text and the contract's own party names; the words are tables in
:mod:`akapen.review.vocabulary`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from akapen.numerals import parse_int
from akapen.review import vocabulary as v

__all__ = ["Frame", "Quantity", "frames", "party_names"]

_LABEL = re.compile(
    r"^\s*(?:第[0-9０-９一二三四五六七八九十百]+条(?:の[0-9０-９]+)?|[（(]?[0-9０-９]+[)）.．]?|[①-⑳]|[一二三四五六七八九十]+(?=[\s\u3000])|[イロハニホヘトアイウエオ](?=[\s\u3000]))[\s\u3000]*"
)


class Quantity(NamedTuple):
    """A number in a clause, typed by what it measures."""

    kind: str
    """``deadline`` (…以内), ``advance`` (…前まで), ``duration`` (…間), ``minimum`` (…以上), ``rate``
    (年…%), ``amount`` (…円), ``due`` (翌月末日), ``start`` (…から: the start point of a period),
    ``cutoff`` (午後3時までに受信した…: the hour up to which what arrives is covered)."""
    value: float
    """Days for periods, the number for rates and amounts, months after the event for due dates; for a
    start point its rank (later starts rank higher)."""
    text: str
    start: int
    end: int
    actor: str | None
    """Whose act the quantity times: the clause's actor, or the party acting in its condition."""


class Frame(NamedTuple):
    """One clause: its acting parties, its modality and the terms that shape it."""

    actors: tuple[str, ...]
    """The parties the clause binds or empowers (two for a mutual 「甲及び乙は」); empty when none."""
    modality: str
    """``duty``, ``right``, ``prohibition``, ``negated-right``, ``exemption``, ``cap``, ``deemed``,
    ``entitlement`` (a right vests in the actor), ``exception`` (ただし…この限りでない), ``none``."""
    start: int
    end: int
    text: str
    weight: float
    """1 for a main clause; less for an ancillary one (「この場合、」, a duty only on the other's request)."""
    quantities: tuple[Quantity, ...] = ()
    markers: tuple[tuple[str, str, int], ...] = ()
    """(class, words, offset) of the terms that narrow, widen, burden or free the clause."""
    timing: tuple[tuple[str, int, str | None], ...] = ()
    """(time word as written, offset, whose act it times): 直ちに, 速やかに, 遅滞なく …"""
    host: str = ""
    """For an ``exception``: the modality of the frame it lifts."""

    @property
    def polarity(self) -> int:
        """+1 when the frame is good for its actors (a right, an exemption), −1 when it binds them; an
        exception cuts against the frame it qualifies."""
        if self.modality == "exception":
            return -v.POLARITY.get(self.host, 0)
        return v.POLARITY.get(self.modality, 0)


def frames(
    text: str, parties: tuple[str, ...], parent: Frame | None = None, previous: Frame | None = None
) -> tuple[Frame, ...]:
    """The frames of one 項 or 号. An item with no clause of its own (「（１）…に違反したとき」) is a
    part of its parent's frame: it gets the parent's actors and modality. ``previous`` is the frame of
    the 項 before: 「前項の損害賠償の額は、…を上限とする」 caps the liability it states."""
    # 、 and ， are 表記ゆれ: the patterns read 、 (a digit group's ， in 「１００，０００円」 stays).
    text = v.FULLWIDTH_COMMA.sub("、", text)
    body = _LABEL.match(text)
    offset = body.end() if body else 0
    out: list[Frame] = []
    for s_start, s_end in _sentences(text, offset):
        sentence = text[s_start:s_end]
        ancillary = bool(v.ANCILLARY.match(sentence))
        host = out[-1] if out and v.EXCEPTION_SENTENCE.search(sentence) else None
        if not out and previous is not None and previous.polarity and v.EXCEPTION_PARAGRAPH.match(sentence):
            host = previous
        if host is not None:
            actors = host.actors
            named = (
                tuple(dict.fromkeys(re.findall(f"({party_names(parties)})が", sentence))) if parties else ()
            )
            if named and (
                set(named) <= set(actors) or (not actors and host.modality in ("exemption", "cap"))
            ):
                # 「甲及び乙は、…調査してはならない。ただし、甲が…行う分解については、この限りでない」:
                # the proviso lifts the frame for the party it names as the agent, not for both;
                # 「開示当事者は、…責任を負わない。ただし、ハマナが…知りながら…」: the exemption of a role
                # both play is lifted for the party whose fault it names.
                actors = named
            out.append(_frame(text, s_start, s_end, parties, actors, "exception", 0.5, host.modality))
            continue
        # 「ただし、掲載にあたっては、…発注者の承認を得るものとします」: a proviso without a subject of its
        # own shares the one of the sentence it qualifies.
        proviso = bool(out) and bool(v.PROVISO.match(sentence))
        subject: tuple[str, ...] = out[-1].actors if proviso else ()
        for c_start, c_end in _clauses(text, s_start, s_end, parties):
            frame = _clause(text, c_start, c_end, parties, 0.5 if ancillary else 1.0, previous, subject)
            subject = frame.actors or subject
            if proviso and frame.modality == "right" and _limits(frame):
                # 「ただし、北星による更新拒絶の申出は、…場合に限り、することができる」: a proviso that
                # allows only in some cases what the sentence before allowed restricts it.
                frame = _frame(
                    text, c_start, c_end, parties, frame.actors, "exception", frame.weight, "right"
                )
            out.append(frame)
    if parent is not None and not any(f.polarity for f in out) and text[offset:].strip():
        return (
            _frame(
                text, offset, len(text), parties, parent.actors, parent.modality, parent.weight, parent.host
            ),
        )
    return tuple(out)


def _limits(frame: Frame) -> bool:
    return any(kind in v.NARROWING for kind, _, _ in frame.markers)


def _sentences(text: str, offset: int) -> Iterator[tuple[int, int]]:
    """Cut at 。 outside brackets: 「（…をいう。）」 ends a definition, not the sentence."""
    start, depth = offset, 0
    for k in range(offset, len(text)):
        char = text[k]
        if char in "（(「『":
            depth += 1
        elif char in "）)」』":
            depth = max(depth - 1, 0)
        elif char == "。" and depth == 0:
            if text[start : k + 1].strip():
                yield start, k + 1
            start = k + 1
    if text[start:].strip():
        yield start, len(text)


def _clauses(text: str, start: int, end: int, parties: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    """A sentence cut where a new topic party begins a clause after a continuative verb
    (「…通知し、…委ねるものとし、ライセンサーは、…解決する」), never after a condition (「…ときは、乙は」)."""
    cuts = [start]
    topics = list(_topic(parties).finditer(text, start, end))
    for m in topics:
        before = text[max(start, m.start() - 8) : m.start()]
        # Only a clause that already has its own topic ends here: what stands before the first topic
        # (a condition, 「…に準じて、」) belongs to the clause that topic opens.
        has_topic = any(cuts[-1] <= t.start() < m.start() for t in topics)
        if has_topic and v.CONTINUATIVE.search(before) and not v.CONDITION_END.search(before):
            cuts.append(m.start())
        elif has_topic:
            # 「…通知するものとし、甲がこの期間内に…ときは、甲は…」: the new clause starts with its condition.
            joint = [j.end() for j in v.CLAUSE_JOINT.finditer(text, cuts[-1], m.start())]
            if joint:
                cuts.append(joint[-1])
    # 「…に係るものは貸主が行い、それ以外の修繕は、借主が…行わなければならない」: two clauses whose
    # subjects are marked with が.
    marked = list(_subject(parties).finditer(text, start, end))
    subjects = [
        m.start()
        for k, m in enumerate(marked)
        if not _in_condition(text, m.end(), marked[k + 1].start() if k + 1 < len(marked) else end)
    ]
    for comma in v.CONTINUATIVE_COMMA.finditer(text, start, end):
        last = max(c for c in cuts if c <= comma.start())
        if any(last <= p < comma.start() for p in subjects) and any(
            comma.end() <= p < min([c for c in cuts if c > comma.end()] + [end]) for p in subjects
        ):
            cuts.append(comma.end())
    # 「…遂行するとともに、…保証しなければならない」: two acts of one subject.
    cuts.extend(
        m.end() for m in v.COORDINATE.finditer(text, start, end) if any(t.start() < m.start() for t in topics)
    )
    cuts = sorted(set(cuts))
    cuts.append(end)
    yield from itertools.pairwise(cuts)


@lru_cache(maxsize=32)
def _subject(parties: tuple[str, ...]) -> re.Pattern[str]:
    """A party as the が-subject of a clause (「貸主が行い」), or its topic (「乙は、」)."""
    return re.compile(f"(?<![のをにへと])(?:{party_names(parties)})(?:が|は)(?![じ])")


def _in_condition(text: str, at: int, end: int) -> bool:
    """Whether a party marked at ``at`` is the agent of a condition (「甲が…したときは、」) or of a clause
    that modifies a noun (「ホクトが支払った委託料」) rather than the subject of a clause: a condition
    ends before the next party is marked (``end``)."""
    comma = text.find("、", at, end)
    chunk = text[at : comma + 1 if comma >= 0 else end]
    return bool(v.CONDITION_END.search(text, at, end)) or bool(v.RELATIVE.search(chunk))


def _clause(
    text: str,
    start: int,
    end: int,
    parties: tuple[str, ...],
    weight: float,
    previous: Frame | None,
    subject: tuple[str, ...] = (),
) -> Frame:
    """``subject``: the actors of the clause before in the same sentence, which a clause without a
    topic of its own shares (主語の省略)."""
    clause = text[start:end]
    modality = _modality(clause)
    actors = _actors(clause, parties, modality, previous) or subject
    if not actors and modality in ("duty", "right", "prohibition", "negated-right", "effort"):
        modality = "none"
    if modality == "effort":
        weight /= 2  # 「…に努める」 binds less than 「…しなければならない」
    if modality == "grant":
        modality = "right"  # 「乙は、甲に対し…許諾する」 is a right of 甲, the grantee
    if v.ON_REQUEST.search(clause) and modality in ("duty", "effort"):
        weight /= 2  # a duty that only arises when the other side asks is a light one
    return _frame(text, start, end, parties, actors, modality, weight)


def _frame(
    text: str,
    start: int,
    end: int,
    parties: tuple[str, ...],
    actors: tuple[str, ...],
    modality: str,
    weight: float,
    host: str = "",
) -> Frame:
    clause = text[start:end]
    actor = actors[0] if len(actors) == 1 else None
    timed = _Timed(clause, parties, actor, host or modality)
    return Frame(
        actors,
        modality,
        start,
        end,
        clause,
        weight,
        tuple(_quantities(clause, start, timed)),
        tuple(_markers(clause, start)),
        tuple(
            (m.group(), start + m.start(), timed.actor(m.start())) for m in v.TIMING_WORDS.finditer(clause)
        ),
        host,
    )


def _modality(clause: str) -> str:
    tail = clause.rstrip("。、 \u3000")
    if v.DEEMED.search(clause) or v.DEEMED_BY_SILENCE.search(clause):
        return "deemed"
    if v.NOUN_END.search(tail) or v.DESCRIPTIVE.search(tail):
        return "none"  # 「その他、当社が不適切と判断する行為」: a noun phrase, no predicate
    for modality, pattern in v.MODALITIES:
        if pattern.search(tail):
            return modality
    return "right" if v.DISCRETION.search(clause) else "duty"


def _actors(
    clause: str, parties: tuple[str, ...], modality: str, previous: Frame | None = None
) -> tuple[str, ...]:
    if not parties:
        return ()
    names = party_names(parties)
    if modality == "entitlement":
        # 「…は、乙に留保される」「…乙から甲に移転する」: the party the right vests in.
        vested = re.findall(f"({names})に[^、。]{{0,6}}?(?:帰属|移転|留保)", clause)
        if vested:
            return (vested[-1],)
        shared = re.search(f"((?:{names})(?:(?:及び|および|と)(?:{names}))+)の共有", clause)
        if shared:
            return tuple(dict.fromkeys(re.findall(names, shared.group(1))))
    if modality == "grant":
        grantees = re.findall(f"({names})に(?:対し|対して)?、?", clause)
        if grantees:
            return (grantees[0],)
        # 「当社は、会員が…したときは、ポイントを付与します」: the giver is the topic, the other receives.
        givers = [m.group("names") for m in _topic(parties).finditer(clause)]
        pair = parties[:2]
        if len(givers) == 1 and givers[0] in pair and len(pair) == 2:
            return (_other(pair, givers[0]),)
    if modality in ("cap", "exemption"):
        got = re.search(f"({names})が(?:[^、。]{{0,12}}に対して)?負う", clause) or re.search(
            f"({names})の(?:損害)?(?:賠償)?(?:責任|義務|額)",
            clause,  # 「当社の賠償額は、…を上限とします」
        )
        if got:
            return (got.group(1),)
        if (
            previous is not None
            and previous.actors
            and v.CITES_BEFORE.search(clause)
            and not _topic(parties).search(clause)
        ):
            return previous.actors
    topics = list(_topic(parties).finditer(clause))
    condition_ends = [m.end() for m in v.CONDITION_END.finditer(clause)]
    deemed_of = v.DEEMED_OF_ANOTHER.search(clause) if modality == "deemed" and topics else None
    if deemed_of is not None:
        # 「…お客様が本サービスを利用された場合には、当社は、…法定代理人の同意があったものとみなします」:
        # the topic deems another's consent — that party's, or, for one who is no party (a minor's
        # 法定代理人), the party the condition names, else the other party.
        deemer = set(re.findall(names, topics[-1].group("names")))
        whose = re.search(f"({names})$", deemed_of.group("who"))
        agents = [n for n in re.findall(f"({names})が", clause) if n not in deemer]
        pair = parties[:2]
        if whose:
            return (whose.group(1),)
        if agents:
            return (agents[-1],)
        if len(deemer) == 1 and len(pair) == 2 and deemer <= set(pair):
            return (_other(pair, next(iter(deemer))),)
    if topics:
        last_condition = max(condition_ends, default=-1)
        after = [t for t in topics if t.start() >= last_condition]
        chosen = after[0] if after else topics[0]
        return tuple(dict.fromkeys(re.findall(names, chosen.group("names"))))
    own = re.search(f"({names})の(?:義務|債務|責任|権利)は", clause) or re.match(
        f"^(?:ただし、)?({names})による[^、。]{{1,20}}は、", clause.lstrip()
    )  # 「北星による更新拒絶の申出は、…することができる」: the act's agent, marked by による
    if own:
        return (own.group(1),)
    if v.EITHER_PARTY.match(clause.lstrip()):
        return parties[:2]  # 「前項の通知を受けた当事者は、…」: whichever of the two it is
    if modality in ("duty", "effort", "right", "negated-right", "prohibition"):
        # 「本物件の修繕は、甲がその費用で行う」: the main clause's が-subject, past every condition.
        main = clause[max(condition_ends, default=0) :]
        marked = list(re.finditer(f"((?:{names})(?:(?:及び|および|と)(?:{names}))*)が", main))
        for k, m in enumerate(marked):
            following = marked[k + 1].start() if k + 1 < len(marked) else len(main)
            if not _in_condition(main, m.end(), following):
                return tuple(dict.fromkeys(re.findall(names, m.group(1))))
        burdened = re.search(f"({names})の負担と(?:する|し|します)", main)
        if burdened:
            return (burdened.group(1),)  # 「…費用は、借主の負担とする」
        paid = re.search(
            f"({names})に(?:対し(?:て)?、?)?[^、。]{{0,24}}?(?:支払|返還|返金|交付|引き渡)", main
        )
        pair = parties[:2]
        if paid and modality == "duty" and len(pair) == 2 and paid.group(1) in pair:
            # 「…遅延損害金を当社に支払うものとします」: whoever pays it to the other (the payee takes に).
            return (_other(pair, paid.group(1)),)
    if modality in ("right", "negated-right"):
        # 「…前項の規定に準じて、買主の選択する追完等の請求ができる」: the party whose claim it is.
        main = clause[max(condition_ends, default=0) :]
        holders = re.findall(f"({names})(?:の(?:選択|請求|権利)|が請求)", main)
        if holders:
            return (holders[-1],)
    if modality in ("deemed", "exemption", "cap"):
        # 「甲が…異議を述べないときは、納入物は…合格したものとみなす」: the party whose silence counts.
        agents = re.findall(f"({names})(?:が|の)", clause)
        if agents:
            return (agents[-1],)
    return ()


def _other(pair: tuple[str, ...], party: str) -> str:
    """The other of a contract's two parties."""
    return pair[1] if pair[0] == party else pair[0]


@lru_cache(maxsize=32)
def party_names(parties: tuple[str, ...]) -> str:
    """The parties' names as one regex alternation, longest first (「ライセンシー」 before 「ライセンサ」)."""
    return "|".join(re.escape(p) for p in sorted(parties, key=len, reverse=True))


@lru_cache(maxsize=32)
def _topic(parties: tuple[str, ...]) -> re.Pattern[str]:
    """A party (or 「甲及び乙」) as the topic of a clause: 「乙は、」, not 「乙には」「乙とは」."""
    names = party_names(parties)
    return re.compile(
        f"(?<![のがをにへと])(?P<names>(?:{names})(?:(?:及び|および|又は|または|並びに|・|と)(?:{names}))*)は(?![じ])"
    )


class _Timed(NamedTuple):
    """Whose act a period or a time word in a clause times."""

    clause: str
    parties: tuple[str, ...]
    own: str | None
    """The clause's single actor, if it has one."""
    modality: str

    def actor(self, at: int) -> str | None:
        """Outside a condition, the clause's actor. Inside one (「…以内に通知したときに限り、売主は…」),
        the party the condition names as its agent (「甲が…期間内に異議を述べないときは」); unnamed, the
        party that must meet it: the beneficiary of a duty (the buyer who notifies to get the seller's
        cure), the holder of a right (the party that must act to use it)."""
        condition = v.CONDITION_END.search(self.clause, at) if self.parties else None
        if condition is None:
            return self.own
        names = party_names(self.parties)
        # What stands before the main clause's topic (「…（北星が解除した場合を除く。）は、南風は、」) is
        # another condition's: its agent times nothing after the topic.
        topics = list(_topic(self.parties).finditer(self.clause, 0, at))
        before = self.clause[topics[-1].end() if topics else 0 : at]
        cut = max(before.rfind("、"), 0)
        agents: list[str] = re.findall(f"({names})が", before[cut:]) or re.findall(f"({names})が", before)
        if agents:
            return agents[-1]
        # 「納入から6か月以内に、買主が当該不適合を発見し、…通知したときに限り」: the agent the condition
        # names after the period.
        inside: list[str] = re.findall(f"({names})が", self.clause[at : condition.start()])
        if inside:
            return inside[0]
        if v.CONTINUATIVE_COMMA.search(self.clause, at, condition.start()):
            # 「ソラノエは、…14日以内に…提供し、その後…更新したときは、…」: the period times the verb
            # it stands before; the condition after that verb opens the next act.
            return self.own
        if self.modality in ("duty", "effort", "exemption", "cap", "deemed") and self.own is not None:
            pair = self.parties[:2]
            if self.own in pair and len(pair) == 2:
                return _other(pair, self.own)
        return self.own


def _quantities(clause: str, offset: int, timed: _Timed) -> Iterator[Quantity]:
    actor = timed.own
    for m in v.PERIOD.finditer(clause):
        n = parse_int(m.group("n"))
        if n is None:
            continue
        kind = v.PERIOD_KINDS[m.group("kind")]
        yield Quantity(
            kind,
            n * v.UNIT_DAYS[m.group("unit")],
            m.group(),
            offset + m.start(),
            offset + m.end(),
            timed.actor(m.start()),
        )
    for m in v.RATE.finditer(clause):
        rate = v.LEGAL_RATE if m.group("legal") else float(_digits(m.group("n")))
        yield Quantity("rate", rate, m.group(), offset + m.start(), offset + m.end(), actor)
    for m in v.AMOUNT.finditer(clause):
        value = float(_digits(m.group("n")).replace(",", "")) * v.AMOUNT_UNITS[m.group("unit")]
        yield Quantity("amount", value, m.group(), offset + m.start(), offset + m.end(), actor)
    for m in v.AMOUNT_OF_PERIOD.finditer(clause):
        n = parse_int(m.group("n"))
        if n is not None:
            value = n * v.UNIT_DAYS[m.group("unit")]
            yield Quantity("amount", value, m.group(), offset + m.start(), offset + m.end(), actor)
    for m in v.CUTOFF.finditer(clause):
        hours = float(_digits(m.group("h"))) + float(_digits(m.group("m") or "0")) / 60
        hours += 12 if m.group("half") == "午後" and hours < 12 else 0
        yield Quantity("cutoff", hours, m.group(), offset + m.start(), offset + m.end(), actor)
    for m in v.NEXT_DAY.finditer(clause):
        yield Quantity(
            "deadline",
            v.NEXT_DAY_DAYS[m.group("word")],
            m.group(),
            offset + m.start(),
            offset + m.end(),
            timed.actor(m.start()),
        )
    for m in v.DATE.finditer(clause):
        y, mo, d = (parse_int(m.group(k)) or 0 for k in ("y", "m", "d"))
        yield Quantity(
            "due",
            y * 372 + mo * 31 + d,
            m.group(),
            offset + m.start(),
            offset + m.end(),
            timed.actor(m.start()),
        )
    for m in v.INTERVAL.finditer(clause):
        unit = m.group("every") or m.group("last") or m.group("quarter")
        yield Quantity(
            "interval", v.INTERVAL_DAYS[unit], m.group(), offset + m.start(), offset + m.end(), actor
        )
    for m in v.FRACTION.finditer(clause):
        den = (parse_int(m.group("den")) or 1) * v.FRACTION_SCALE.get(m.group("scale") or "", 1)
        yield Quantity(
            "rate",
            100 * (parse_int(m.group("num")) or 0) / den,
            m.group(),
            offset + m.start(),
            offset + m.end(),
            actor,
        )
    for m in v.DUE.finditer(clause):
        day = parse_int(m.group("day")) if m.group("day") else 30
        yield Quantity(
            "due",
            v.DUE_MONTHS.get(m.group("month"), 0) * 30 + (day or 30),
            m.group(),
            offset + m.start(),
            offset + m.end(),
            timed.actor(m.start()),
        )
    for m in v.START.finditer(clause):
        yield Quantity(
            "start",
            1.0 if v.LATE_START.search(m.group("start")) else 0.0,
            m.group(),
            offset + m.start(),
            offset + m.end(),
            timed.actor(m.start()),
        )


def _digits(text: str) -> str:
    return text.translate(v.WIDTH)


def _markers(clause: str, offset: int) -> Iterator[tuple[str, str, int]]:
    taken: list[tuple[int, int]] = []
    for kind, pattern in v.MARKERS:
        for m in pattern.finditer(clause):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue  # 「催告をすることなく」 frees; its 催告 is no burden
            taken.append((m.start(), m.end()))
            yield kind, m.group(), offset + m.start()
