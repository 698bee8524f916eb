"""Direction rules: what a difference between the model's frames and the draft's does to each party.

Every rule answers one question the same way for any two-party contract (DOMAIN.md, "Who a change
favours"): a duty made heavier, wider, earlier or unconditional hurts its holder; a right narrowed,
conditioned, delayed or negated hurts its holder; an exemption or cap helps the exempted party; a
deemed consent hurts the party whose consent is deemed; a period is judged by what it measures. Each
:class:`Effect` says which party a piece of the change is good for and how much; the finding is their
sum (:mod:`akapen.review`).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple

from akapen.diff import Edit
from akapen.review import vocabulary as v
from akapen.review.frames import Frame, Quantity, party_names
from akapen.review.messages import excerpt

__all__ = ["Effect", "frame_effects", "line_effects", "list_effects"]


class Effect(NamedTuple):
    """One piece of a change, and whom it is good for."""

    rule: str
    """The finding's rule id when this piece is the heaviest of its change."""
    good_for: str | None
    weight: float
    said: str
    """What changed, in Japanese, with the contract's own party names."""


MODALITY_NOUN: dict[str, str] = {
    "duty": "義務",
    "right": "権利",
    "grant": "権利（許諾）",
    "prohibition": "禁止",
    "negated-right": "権利の否定（…できない）",
    "exemption": "免責",
    "cap": "責任の上限",
    "deemed": "みなし規定",
    "entitlement": "権利の帰属",
    "effort": "努力義務",
    "exception": "例外（ただし書）",
}
ADDED_RULE: dict[str, str] = {
    "duty": "duty-added",
    "right": "right-added",
    "grant": "right-added",
    "prohibition": "prohibition-added",
    "negated-right": "right-negated",
    "exemption": "liability-limited",
    "cap": "liability-limited",
    "deemed": "deemed-acceptance-added",
    "entitlement": "entitlement-changed",
    "effort": "duty-added",
    "exception": "exception-added",
}
REMOVED_RULE: dict[str, str] = {
    "duty": "duty-removed",
    "right": "right-removed",
    "grant": "right-removed",
    "prohibition": "prohibition-removed",
    "negated-right": "right-restored",
    "exemption": "liability-limit-removed",
    "cap": "liability-limit-removed",
    "deemed": "deemed-acceptance-removed",
    "entitlement": "entitlement-changed",
    "effort": "duty-removed",
    "exception": "exception-removed",
}
MARKER_RULE: dict[str, tuple[str, str]] = {
    "carveout": ("carveout-added", "carveout-removed"),
    "knowledge": ("knowledge-exception-changed", "knowledge-exception-changed"),
    "demand": ("demand-requirement-changed", "demand-requirement-changed"),
    "free": ("demand-requirement-changed", "demand-requirement-changed"),
    "consent": ("consent-requirement-changed", "consent-requirement-changed"),
    "unconsented": ("consent-requirement-changed", "consent-requirement-changed"),
    "narrow": ("scope-narrowed", "scope-widened"),
    "widen": ("scope-widened", "scope-narrowed"),
    "burden": ("formality-changed", "formality-changed"),
    "yardstick": ("standard-changed", "standard-changed"),
}
QUANTITY_RULE: dict[str, str] = {
    "deadline": "period-changed",
    "advance": "period-changed",
    "duration": "period-changed",
    "minimum": "period-changed",
    "start": "period-changed",
    "delay": "period-changed",
    "interval": "period-changed",
    "rate": "rate-changed",
    "amount": "amount-changed",
    "due": "payment-term-changed",
    "cutoff": "cutoff-changed",
}
QUANTITY_NOUN: dict[str, str] = {
    "deadline": "期限",
    "advance": "予告期間",
    "duration": "期間",
    "minimum": "最低期間",
    "start": "期間の起算点",
    "delay": "猶予期間",
    "interval": "頻度",
    "rate": "料率",
    "amount": "金額",
    "due": "支払期日",
    "cutoff": "受付の締切時刻",
}


_QUOTE = 60
"""How much of a clause a piece of a finding quotes (the finding's lead quotes more)."""


def frame_effects(frames: Sequence[Frame], *, added: bool) -> Iterator[Effect]:
    """A clause that only one side has: each frame counts whole, for its actors or against them."""
    sign = 1 if added else -1
    for frame in frames:
        if not frame.polarity or not frame.actors:
            continue
        rule = (ADDED_RULE if added else REMOVED_RULE)[frame.modality]
        where = "が加わっています" if added else "が削除されています"
        said = f"{_who(frame)}の{MODALITY_NOUN[frame.modality]}（「{excerpt(frame.text, _QUOTE)}」）{where}"
        yield from _for_actors(rule, frame, sign * frame.polarity * frame.weight, said)


def line_effects(
    model: Sequence[Frame], draft: Sequence[Frame], edits: Sequence[Edit], parties: Sequence[str]
) -> Iterator[Effect]:
    """A clause both sides have, worded differently: frames paired by modality, then compared."""
    pairs, only_model, only_draft = _pair(model, draft)
    yield from frame_effects(only_model, added=False)
    yield from frame_effects(only_draft, added=True)
    for a, b in pairs:
        yield from _actors_changed(a, b)
        yield from _quantities(a, b)
        yield from _timing(a, b)
        yield from _markers(a, b)
        yield from _alternatives(a, b)
    swapped = list(_swapped_names(edits, parties))
    yield from swapped
    if not any(e.rule == "choice-swapped" for e in swapped):
        yield from _decider_moved("".join(f.text for f in model), "".join(f.text for f in draft), parties)


def list_effects(parent: Frame, text: str, *, added: bool, excluding: bool) -> Iterator[Effect]:
    """An item (号) added to or removed from a list: it widens the frame of its 柱書 — or narrows it,
    when the list is one of exceptions (「次の各号に該当する情報は、秘密情報に含まれない」)."""
    wider = added != excluding
    sign = parent.polarity * (1 if wider else -1)
    rule = "item-added" if added else "item-removed"
    said = (
        f"{_who(parent)}の{MODALITY_NOUN.get(parent.modality, '定め')}の対象となる号"
        f"（「{excerpt(text, _QUOTE)}」）が{'追加' if added else '削除'}され、その範囲が{'広がって' if wider else '狭まって'}います"
    )
    yield from _for_actors(rule, parent, sign * parent.weight, said)


def remedy_effects(model: Sequence[Frame], draft: Sequence[Frame]) -> Iterator[Effect]:
    """Remedies (返品・交換・修補・代金減額…) named on one side only: the model's frame that granted
    them shrank or grew."""
    model_text, draft_text = "".join(f.text for f in model), "".join(f.text for f in draft)
    frame = next((f for f in model if f.polarity and any(p.search(f.text) for _, p in v.REMEDIES)), None)
    if frame is None:
        return
    have = {name for name, p in v.REMEDIES if p.search(model_text)}
    get = {name for name, p in v.REMEDIES if p.search(draft_text)}
    lost, gained = sorted(have - get), sorted(get - have)
    if lost and len(have) >= 2:
        said = f"{_who(frame)}の{MODALITY_NOUN[frame.modality]}の救済手段が限定されています（{'・'.join(lost)}が認められなくなります）"
        yield from _for_actors("remedies-narrowed", frame, -frame.polarity * len(lost), said)
    if gained and have:
        said = f"救済手段（{'・'.join(gained)}）が加わっています"
        yield from _for_actors("remedies-expanded", frame, frame.polarity * len(gained), said)


# ---------------------------------------------------------------------------------------------------------


def _pair(
    model: Sequence[Frame], draft: Sequence[Frame]
) -> tuple[list[tuple[Frame, Frame]], list[Frame], list[Frame]]:
    left = list(model)
    pairs, only_draft = [], []
    for b in draft:
        same = [a for a in left if a.modality == b.modality]
        match = next((a for a in same if a.actors == b.actors), same[0] if same else None)
        if match is None:
            only_draft.append(b)
        else:
            left.remove(match)
            pairs.append((match, b))
    return pairs, left, only_draft


def _actors_changed(a: Frame, b: Frame) -> Iterator[Effect]:
    if a.actors == b.actors or not a.polarity:
        return
    noun = MODALITY_NOUN[b.modality]
    said = (
        f"{noun}の主体が「{'及び'.join(a.actors) or '（なし）'}」から「{'及び'.join(b.actors) or '（なし）'}」に変わっています"
        f"（「{excerpt(b.text, _QUOTE)}」）"
    )
    for party in set(b.actors) - set(a.actors):
        yield Effect("obligor-changed", party, b.polarity * b.weight, said)
    for party in set(a.actors) - set(b.actors):
        yield Effect("obligor-changed", party, -a.polarity * a.weight, said)


def _quantities(a: Frame, b: Frame) -> Iterator[Effect]:
    kinds = dict.fromkeys(q.kind for q in (*a.quantities, *b.quantities))
    for kind in kinds:
        old = [q for q in a.quantities if q.kind == kind]
        new = [q for q in b.quantities if q.kind == kind]
        for x, y in zip(old, new, strict=False):
            if x.value != y.value:
                yield from _quantity_changed(b, x, y)
        if kind == "duration" and not old and new and b.modality != "cap":
            # 「有効期間中」→「有効期間中及び本契約の終了後2年間」: the frame now reaches past the contract.
            said = f"{_who(b)}の{MODALITY_NOUN.get(b.modality, '定め')}に期間（「{new[0].text}」）が加わっています"
            yield from _for_actors("period-changed", b, b.polarity * b.weight, said)
        if kind == "duration" and b.modality == "cap" and len(new) > len(old):
            # 「直近1か月間に支払った委託料の額を上限とする」: a window makes the cap smaller.
            said = f"{_who(b)}の責任の上限の算定に期間（「{new[len(old)].text}」）が加わり、上限が小さくなっています"
            yield from _for_actors("liability-limited", b, 1.0, said)
        if kind == "delay" and len(old) != len(new):
            # 「6か月を経過した後に返還する」: a waiting period lets the party that must act wait.
            q = (new if len(new) > len(old) else old)[-1]
            where = "加わっています" if len(new) > len(old) else "削除されています"
            said = f"{q.actor or _who(b)}が履行を待てる期間（「{q.text}」）が{where}"
            yield Effect("period-changed", q.actor or _single(b), 1.0 if len(new) > len(old) else -1.0, said)
        if kind == "amount" and len(new) > len(old) and v.DEDUCTION.search(b.text, new[-1].end - b.start):
            # 「敷金から敷引金として金98,000円を控除した上で返還する」: the payer keeps part of what it owes.
            said = f"{_who(b)}の{MODALITY_NOUN.get(b.modality, '定め')}に控除（「{new[-1].text}」）が加わっています"
            yield from _for_actors("amount-changed", b, 1.0 * b.weight, said)
        if kind in ("deadline", "advance") and len(old) > len(new):
            for x in old[len(new) :]:
                # No time limit left: the party that had to act within it is freed of it.
                said = f"{x.actor or _who(a)}の{QUANTITY_NOUN[kind]}（「{x.text}」）が削除されています"
                yield Effect(QUANTITY_RULE[kind], x.actor or _single(a), 1.0, said)
        if kind in ("deadline", "advance") and len(new) > len(old):
            for y in new[len(old) :]:
                said = f"{y.actor or _who(b)}に{QUANTITY_NOUN[kind]}（「{y.text}」）が加わっています"
                yield Effect(QUANTITY_RULE[kind], y.actor or _single(b), -1.0, said)


def _quantity_changed(frame: Frame, x: Quantity, y: Quantity) -> Iterator[Effect]:
    more = y.value > x.value
    kind = y.kind
    actor = y.actor or _single(frame)
    if kind in ("deadline", "due", "start", "delay", "interval"):
        good = more  # more time for whoever must act within it
    elif kind == "advance":
        good = not more  # a longer notice burdens whoever gives it
    elif frame.modality == "cap":
        good = not more  # a higher cap leaves the capped party more exposed
    elif kind in ("rate", "amount") and v.PAYMENT.search(frame.text, y.end - frame.start):
        good = not more  # 「…3か月分の賃料相当額を支払うことにより、解約できる」: its payer pays more
    else:
        good = more == (frame.polarity > 0)  # more of a right is good, more of a duty is not
    if kind == "start":
        word = "遅く" if more else "早く"
        said = f"{QUANTITY_NOUN[kind]}が「{x.text}」から「{y.text}」に変わり、起算が{word}なります"
    elif kind == "cutoff":
        word = "広がり" if more else "狭まり"
        said = f"{actor or 'この条項'}の{QUANTITY_NOUN[kind]}が「{x.text}」から「{y.text}」に変わり、対象が{word}ます"
    else:
        change = (
            ("延長" if more else "短縮")
            if kind in ("deadline", "advance", "duration", "minimum", "due", "delay")
            else ("引き上げ" if more else "引き下げ")
        )
        said = f"{actor or 'この条項'}の{QUANTITY_NOUN[kind]}が「{x.text}」から「{y.text}」に{change}られています"
        said = said.replace("延長られ", "延長され").replace("短縮られ", "短縮され")
    yield Effect(QUANTITY_RULE[kind], actor, 1.0 if good else -1.0, said)


def _timing(a: Frame, b: Frame) -> Iterator[Effect]:
    canonical = v.TIMING_CANONICAL.get
    old = Counter(canonical(w, w) for w, _, _ in a.timing)
    new = Counter(canonical(w, w) for w, _, _ in b.timing)
    if old == new or not b.polarity:
        return
    before = max((v.TIMING[w] for w, _, _ in a.timing), default=0)
    after = max((v.TIMING[w] for w, _, _ in b.timing), default=0)
    if before == after:
        return
    stricter = after > before
    gone, came = old - new, new - old
    word_a = max(gone or old, key=lambda w: v.TIMING[w], default="")
    word_b = max(came or new, key=lambda w: v.TIMING[w], default="")
    timed = [t for t in a.timing if canonical(t[0], t[0]) == word_a] or [
        t for t in b.timing if canonical(t[0], t[0]) == word_b
    ]
    actor = timed[0][2] if timed else _single(b)
    word_a = next((w for w, _, _ in a.timing if canonical(w, w) == word_a), word_a)
    word_b = next((w for w, _, _ in b.timing if canonical(w, w) == word_b), word_b)
    own_right = actor is not None and actor in b.actors and b.polarity > 0
    noun = MODALITY_NOUN[b.modality] if actor in b.actors else "行為"
    who = actor or _who(b)
    if gone and not came:
        rule, said = (
            "timing-removed",
            f"{who}の{noun}から「{word_a}」が削除されています。期限が{'緩やかに' if not stricter else '厳しく'}なります",
        )
    elif not word_a:
        rule, said = "timing-changed", f"{who}の{noun}に「{word_b}」が加わり、期限が厳しくなっています"
    else:
        change = "厳しく" if stricter else "緩やかに"
        rule, said = (
            "timing-changed",
            f"{who}の{noun}の期限が「{word_a}」から「{word_b}」に変わり、{change}なっています",
        )
    # A stricter time is a heavier duty, or a condition harder to meet; a right usable at once is stronger.
    good = stricter == own_right
    yield Effect(rule, actor, (1.0 if good else -1.0) * b.weight, said)


def _markers(a: Frame, b: Frame) -> Iterator[Effect]:
    old = Counter(kind for kind, _, _ in a.markers)
    new = Counter(kind for kind, _, _ in b.markers)
    for kind in dict.fromkeys([*old, *new]):
        delta = new[kind] - old[kind]
        if not delta:
            continue
        if kind in v.BURDENS or kind in v.AIDS:
            if b.modality not in ("duty", "right", "grant", "negated-right", "effort"):
                continue
            harder = (delta > 0) == (kind in v.BURDENS)
            effect = -1.0 if harder else 1.0
        elif kind == "unconsented":
            effect = float(abs(b.polarity)) * (1.0 if delta > 0 else -1.0)
        elif kind in v.NARROWING:
            effect = -b.polarity * (1.0 if delta > 0 else -1.0)
        elif _own_judgement(b if delta > 0 else a, kind):
            # 「…その他当社が適当と判断する方法により周知します」: how far its own duty reaches is the
            # actor's call — lighter for it, where another's judgement widens what binds the actor.
            effect = 1.0 if delta > 0 else -1.0
        else:  # widen
            effect = b.polarity * (1.0 if delta > 0 else -1.0)
        if not effect:
            continue
        effect *= v.MARKER_WEIGHT.get(kind, 1.0)
        added, removed = MARKER_RULE[kind]
        words = [w for k, w, _ in (b.markers if delta > 0 else a.markers) if k == kind]
        frame = b if delta > 0 else a
        said = (
            f"{_who(frame)}の{MODALITY_NOUN.get(frame.modality, '定め')}に「{words[0]}」が加わっています"
            if delta > 0
            else f"{_who(frame)}の{MODALITY_NOUN.get(frame.modality, '定め')}から「{words[0]}」が削除されています"
        )
        yield from _for_actors(added if delta > 0 else removed, b, effect * abs(delta) * b.weight, said)


def _alternatives(a: Frame, b: Frame) -> Iterator[Effect]:
    """An exception that names more cases (「Aによる損害又はBによる損害については、適用しない」) reaches
    further, one that names fewer less far: it lifts its host for more of what the host covers."""
    if b.modality != "exception" or a.modality != "exception":
        return
    more = len(v.ALTERNATIVE.findall(b.text)) - len(v.ALTERNATIVE.findall(a.text))
    if more:
        said = f"{_who(b)}の例外の対象が{'広がって' if more > 0 else '狭まって'}います（「{excerpt(b.text, _QUOTE)}」）"
        rule = "exception-widened" if more > 0 else "exception-narrowed"
        yield from _for_actors(rule, b, b.polarity * b.weight * (1 if more > 0 else -1), said)


def _own_judgement(frame: Frame, kind: str) -> bool:
    """A widening by the judgement of the party the frame binds (「当社が適当と判断する」 in 当社's duty)."""
    if kind != "widen" or frame.polarity >= 0:
        return False
    words = [w for k, w, _ in frame.markers if k == kind and "判断" in w]
    return any(actor + "が" in w for w in words for actor in frame.actors)


class _Court(NamedTuple):
    words: str
    homes: frozenset[str]
    """The parties whose home court it is."""
    seat: str | None
    """The prefecture of a court named by its seat (「大阪地方裁判所」); None for a party's
    (「甲の本店所在地を管轄する」)."""


def court_effects(
    model: str, draft: str, parties: Sequence[str], seats: Mapping[str, str]
) -> Iterator[Effect]:
    """A 合意管轄 moved from one court to another: the party whose home court it was must now go to the
    other's, the party whose home it now is gains (where the contract says where each sits)."""
    a, b = _court(model, parties, seats), _court(draft, parties, seats)
    if a is None or b is None or a.words == b.words or (a.seat is None and b.seat is None):
        return  # a party's name swapped in 「…の本店所在地を管轄する」 is _swapped_names' to judge
    if a.seat is not None and a.seat == b.seat:
        return  # 東京地方裁判所 → その立川支部: the same place for both parties
    if a.homes == b.homes and a.homes:
        return  # 東京地方裁判所 → 「甲の本店所在地を管轄する地方裁判所」 with 甲 in 東京都: the same court
    said = f"合意管轄裁判所が「{a.words}」{_home(a)}から「{b.words}」{_home(b)}に変わっています"
    moved = [(p, (p in b.homes) - (p in a.homes)) for p in parties[:2]]
    effects = [Effect("jurisdiction-changed", p, float(sign), said) for p, sign in moved if sign]
    yield from effects or [Effect("jurisdiction-changed", None, 0.0, said)]


def _court(text: str, parties: Sequence[str], seats: Mapping[str, str]) -> _Court | None:
    if m := v.COURT.search(text):
        seat = v.COURT_SEATS[m.group("seat")]
        return _Court(m.group(), frozenset(p for p in parties[:2] if seats.get(p) == seat), seat)
    pair = tuple(parties[:2])
    if pair and (m := re.search(f"({party_names(pair)}){v.HOME_COURT}", text)):
        return _Court(m.group(), frozenset({m.group(1)}), None)
    return None


def _home(court: _Court) -> str:
    return f"（{'・'.join(sorted(court.homes))}の所在地）" if court.seat is not None and court.homes else ""


def _swapped_names(edits: Sequence[Edit], parties: Sequence[str]) -> Iterator[Effect]:
    """「買主の選択」→「売主の選択」, 「ライセンシーの本店所在地」→「ライセンサーの…」: the party named now
    decides, or is favoured — unless the name stands before a burden (「乙の負担」)."""
    substantive = [e for e in edits if e.kind == "substantive"]
    for old, new in itertools.pairwise(substantive):
        if old.op != "delete" or new.op != "insert":
            continue
        was = [p for p in parties if p in old.text]
        now = [p for p in parties if p in new.text and p not in was]
        if len(was) != 1 or len(now) != 1 or was[0] in new.text:
            continue
        if len(old.text) - len(was[0]) > _SWAP_SLACK or len(new.text) - len(now[0]) > _SWAP_SLACK:
            continue  # a rewritten phrase, not a name swapped: the frames judge it
        after = _after(edits, new)
        if after.startswith("は"):
            continue  # a new topic: the frames have judged it
        rule = (
            "choice-swapped"
            if after.startswith("の選択")
            else "standard-changed"
            if "基準" in after[:12]
            else "party-swapped"
        )
        good_for = was[0] if v.BURDEN_NOUNS.match(after) else now[0]
        said = f"「{old.text}{after[:8]}」が「{new.text}{after[:8]}」に変わっています"
        yield Effect(rule, good_for, 1.0, said)
    for old, new in itertools.pairwise(substantive):
        # 「協議して合意した基準」→「買主が定めた基準」: one party now decides what both agreed.
        if old.op == "delete" and new.op == "insert" and any(w in old.text for w in ("協議", "合意")):
            deciders = [p for p in parties if p in new.text]
            if len(deciders) == 1 and any(w in new.text for w in ("定め", "指定", "判断", "決定")):
                yield Effect(
                    "standard-changed",
                    deciders[0],
                    1.0,
                    f"「{old.text}」が「{new.text}」に変わり、{deciders[0]}が一方的に定めることになります",
                )


_SWAP_SLACK = 4
"""Characters besides the party's name a swap may change (「買主の」→「売主の」)."""


def _decider_moved(model: str, draft: str, parties: Sequence[str]) -> Iterator[Effect]:
    """「ベンダの選択により…行う」 → 「…のうち、ユーザが指定する方法により行う」: the choice passed to the
    other party, however the sentence was reworded."""
    pair = tuple(parties[:2])
    if len(pair) != 2:
        return
    pattern = re.compile(f"({party_names(pair)}){v.DECIDES}")
    was, now = set(pattern.findall(model)), set(pattern.findall(draft))
    if len(was) == 1 and len(now) == 1 and was != now:
        (old,), (new,) = was, now
        yield Effect("choice-swapped", new, 1.0, f"選択・指定をする当事者が{old}から{new}に変わっています")


def _after(edits: Sequence[Edit], edit: Edit) -> str:
    k = list(edits).index(edit)
    return "".join(e.text for e in edits[k + 1 : k + 4] if e.op != "delete")


def _for_actors(rule: str, frame: Frame, weight: float, said: str) -> Iterator[Effect]:
    for actor in frame.actors:
        yield Effect(rule, actor, weight, said)


def _who(frame: Frame) -> str:
    return "及び".join(frame.actors) if frame.actors else "この条項"


def _single(frame: Frame) -> str | None:
    return frame.actors[0] if len(frame.actors) == 1 else None
