"""Deviation review: judge the comparison of each aligned clause, from our side, and say why.

The Japanese review services search the draft for risky words and so miss removals; here every rule
compares the model's wording with the draft's for the same clause, so a deleted 「直ちに」 or a dropped
「故意又は重過失」 is found as surely as an added 「…とみなす」. Word rules (timing, periods, choice,
standard) read aligned lines; pattern rules (deemed acceptance, liability, carve-outs, remedies, demand,
knowledge, cure) read whole aligned articles, so a rewritten paragraph is judged even when it no longer
pairs with its model paragraph. 表記ゆれ, filled blanks, chosen options and renumbering never count:
the patterns cover the variant spellings, the model side is the resolved template, and references are
checked against the alignment.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from akapen.diff import cites_another_instrument
from akapen.model import SEVERITIES, Alignment, Anchor, Finding, Severity
from akapen.morph import tokenize
from akapen.numerals import parse_int
from akapen.plan import Compared, Plan
from akapen.refs import article_ref
from akapen.review import vocabulary as v
from akapen.review.stance import Parties, Stance, severity_for

__all__ = ["Parties", "review", "sort_findings"]

_LABEL = {"high": "高", "medium": "中", "low": "低", "info": "参考"}


def review(alignment: Alignment, plan: Plan, parties: Parties, side: str | None) -> tuple[Finding, ...]:
    """Every deviation of the draft from the model, most adverse to ``side`` first."""
    reviewer = _Reviewer(alignment, parties, side)
    for group in _groups(alignment, plan):
        for line in group.lines:
            if line.model_text and line.draft_text:
                reviewer.timing(line)
                reviewer.periods(line)
                reviewer.choice(line)
                reviewer.standard(line)
                reviewer.references(line)
        reviewer.patterns(group)
    reviewer.structure(plan)
    return sort_findings(reviewer.findings)


def sort_findings(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: SEVERITIES.index(f.severity)))


class _Group(NamedTuple):
    """An aligned article pair and the lines compared in it."""

    model_ref: str | None
    draft_ref: str | None
    lines: tuple[Compared, ...]


def _groups(alignment: Alignment, plan: Plan) -> Iterator[_Group]:
    for pair in alignment.articles:
        if pair.a is None or pair.b is None:
            continue
        lines = plan.lines_of(pair.a, pair.b)
        yield _Group(
            article_ref(alignment.model.articles[pair.a]),
            article_ref(alignment.draft.articles[pair.b]),
            lines,
        )


class _Hit(NamedTuple):
    """A pattern found in one line of one side."""

    line: Compared
    side: str  # "model" | "draft"
    start: int
    text: str

    @property
    def context(self) -> str:
        return self.line.model_text if self.side == "model" else self.line.draft_text

    def anchor(self) -> Anchor | None:
        if self.side == "draft":
            return self.line.anchor(self.start, self.start + len(self.text))
        if self.line.model_only:
            return self.line.anchor(0, 0)
        at = self.line.draft_at(self.start)
        return self.line.anchor(at, at)


class _Reviewer:
    def __init__(self, alignment: Alignment, parties: Parties, side: str | None) -> None:
        self.parties, self.side = parties, side
        self.findings: list[Finding] = []
        self.renumbered = {
            alignment.model.articles[p.a].number: alignment.draft.articles[p.b].number
            for p in alignment.articles
            if p.a is not None and p.b is not None
        }
        self.alignment = alignment

    # -- emitting
    def add(
        self,
        rule: str,
        base: Severity,
        line: Compared | None,
        what: str,
        *,
        holder_effect: tuple[str | None, bool] | None = None,
        deleted: str = "",
        inserted: str = "",
        anchor: Anchor | None = None,
        refs: tuple[str | None, str | None] | None = None,
        context: str = "",
    ) -> None:
        """``holder_effect``: (party, True when the change is good for that party)."""
        favours = adverse = None
        if holder_effect is not None and holder_effect[0] is not None:
            party, good = holder_effect
            other = self.parties.other(party)
            favours, adverse = (party, other) if good else (other, party)
        severity = severity_for(base, adverse_to=adverse, favours=favours, side=self.side)
        baseline, draft = (
            refs if refs is not None else ((line.model_ref, line.draft_ref) if line else (None, None))
        )
        message = f"【{_LABEL[severity]}】{what}"
        if favours:
            message += f"{favours}に有利な変更です。"
        if self.side and adverse == self.side:
            message += f"当方（{self.side}）に不利です。"
        statute = next((s for s in v.STATUTES if s.words.search(context)), None) if context else None
        if statute is not None:
            message += f"（{statute.cite}：{statute.reason}）"
        if line is not None and line.model_text and line.draft_text and base != "low":
            message += f"ひな形の文言：「{_excerpt(line.model_text)}」"
        self.findings.append(
            Finding(rule, severity, baseline, draft, message, deleted, inserted, favours, anchor)
        )

    # -- line rules
    def timing(self, line: Compared) -> None:
        old, new = _timing(line.model_text), _timing(line.draft_text)
        gone = Counter(w for w, _, _ in old) - Counter(w for w, _, _ in new)
        came = Counter(w for w, _, _ in new) - Counter(w for w, _, _ in old)
        came_periods = [m for m in v.PERIOD.finditer(line.draft_text) if m.group("kind") == "以内"]
        for canonical in gone.elements():
            pos, word = next((p, s) for w, p, s in old if w == canonical)
            stance = Stance.at(line.model_text, pos, self.parties)
            replacement = next(iter(came.elements()), None)
            if replacement is None and came_periods and not v.PERIOD.search(line.model_text):
                replacement = came_periods[0].group()
            hit = _Hit(line, "model", pos, word)
            if replacement is None:
                # Without a time word the duty is looser, the right less immediate.
                self.add(
                    "timing-removed",
                    "high",
                    line,
                    f"{_who(stance)}から「{word}」が削除されています。期限が不明確になります。",
                    holder_effect=(stance.holder, not stance.right),
                    deleted=word,
                    anchor=hit.anchor(),
                    context=line.model_text,
                )
                continue
            if replacement in came:
                came[replacement] -= 1
                replacement = next(s for w, _, s in new if w == replacement)
            stricter = _strictness(replacement) > _strictness(word)
            change = "厳しく" if stricter else "緩やかに"
            self.add(
                "timing-changed",
                "medium",
                line,
                f"{_who(stance)}の期限が「{word}」から「{replacement}」に変わり、{change}なっています。",
                holder_effect=(stance.holder, stricter == stance.right),
                deleted=word,
                inserted=replacement,
                anchor=hit.anchor(),
                context=line.model_text,
            )
        for canonical in came.elements():
            pos, word = next((p, s) for w, p, s in new if w == canonical)
            stance = Stance.at(line.draft_text, pos, self.parties)
            self.add(
                "timing-changed",
                "medium",
                line,
                f"{_who(stance)}に「{word}」が加わり、期限が厳しくなっています。",
                holder_effect=(stance.holder, stance.right),
                inserted=word,
                anchor=line.anchor(pos, pos + len(word)),
                context=line.draft_text,
            )

    def periods(self, line: Compared) -> None:
        old, new = list(v.PERIOD.finditer(line.model_text)), list(v.PERIOD.finditer(line.draft_text))
        for a, b in zip(old, new, strict=False):
            days_a, days_b = _days(a), _days(b)
            if days_a is None or days_b is None or days_a == days_b:
                continue
            actor = (
                _actor(line.draft_text, b.end(), self.parties)
                or Stance.at(line.draft_text, b.start(), self.parties).holder
            )
            longer = days_b > days_a
            # Within/for a period: more time is good for whoever must act. N日前まで: a shorter notice is
            # good for whoever gives it.
            good = longer if b.group("kind") != "前まで" and b.group("kind") != "前" else not longer
            self.add(
                "period-changed",
                "high",
                line,
                f"期間が「{a.group()}」から「{b.group()}」に{'延長' if longer else '短縮'}されています。",
                holder_effect=(actor, good),
                deleted=a.group(),
                inserted=b.group(),
                anchor=line.anchor(b.start(), b.end()),
                context=line.draft_text,
            )
        starts_a = [m.group("start") for m in v.START.finditer(line.model_text)]
        starts_b = [m.group("start") for m in v.START.finditer(line.draft_text)]
        if starts_a and starts_b and starts_a != starts_b:
            m = next(v.START.finditer(line.draft_text))
            later = (starts_b[0] in v.LATE_STARTS) - (starts_a[0] in v.LATE_STARTS)
            actor = _actor(line.draft_text, m.end(), self.parties)
            effect = (actor, later > 0) if later else None
            when = (
                "遅くなり、期間の終わりも後ろにずれます"
                if later > 0
                else "早くなります"
                if later < 0
                else "変わります"
            )
            self.add(
                "period-changed",
                "high" if later else "medium",
                line,
                f"期間の起算点が「{starts_a[0]}から」から「{starts_b[0]}から」に変わり、起算が{when}。",
                holder_effect=effect,
                deleted=f"{starts_a[0]}から",
                inserted=f"{starts_b[0]}から",
                anchor=line.anchor(m.start(), m.end()),
                context=line.draft_text,
            )

    def choice(self, line: Compared) -> None:
        pattern = re.compile(f"({self.parties.pattern().pattern})の選択")
        old = [m.group(1) for m in pattern.finditer(line.model_text)]
        new = list(pattern.finditer(line.draft_text))
        for before, m in zip(old, new, strict=False):
            after = m.group(1)
            if before != after:
                self.add(
                    "choice-swapped",
                    "high",
                    line,
                    f"選択権が「{before}の選択」から「{after}の選択」に移っています。",
                    holder_effect=(after, True),
                    deleted=f"{before}の選択",
                    inserted=m.group(),
                    anchor=line.anchor(m.start(), m.end()),
                    context=line.draft_text,
                )

    def standard(self, line: Compared) -> None:
        if "検査" not in line.model_text + line.draft_text:
            return
        setter = re.compile(f"({self.parties.pattern().pattern})(?:の|が)定める|協議して合意した")
        old_set = [m.group() for m in setter.finditer(line.model_text)]
        new_set = list(setter.finditer(line.draft_text))
        lost_standard = len(v.STANDARD.findall(line.draft_text)) < len(v.STANDARD.findall(line.model_text))
        if not lost_standard and [m.group() for m in new_set] == old_set:
            return
        stance = Stance.at(line.model_text, max(line.model_text.find("検査"), 0), self.parties)
        named = next((m.group(1) for m in new_set if m.group(1)), None)
        effect = (named, True) if named else (stance.holder, False)
        at = new_set[0] if new_set else None
        what = "検査の基準の定め方が変わっています" + (
            "（検査基準の定めが削られています）。" if lost_standard else "。"
        )
        self.add(
            "standard-changed",
            "medium",
            line,
            what,
            holder_effect=effect,
            anchor=line.anchor(at.start(), at.end()) if at else line.anchor(0, len(line.draft_text)),
            context=line.draft_text,
        )

    def references(self, line: Compared) -> None:
        """第N条 that no longer points at the article it pointed at before the renumbering."""
        for edit in line.edits:
            if edit.op == "equal":
                for m in re.finditer(r"第([0-9０-９]+)条", edit.text):
                    at = edit.b + m.start()
                    number = parse_int(m.group(1))
                    moved_to = self.renumbered.get(number)
                    if (
                        moved_to is not None
                        and moved_to != number
                        and not _cites_statute(line.draft_text, at)
                    ):
                        self.add(
                            "stale-reference",
                            "medium",
                            line,
                            f"「{m.group()}」はひな形の{m.group()}（この案では第{moved_to}条）を指していたはずですが、"
                            "番号が更新されていません。",
                            deleted=m.group(),
                            inserted=m.group(),
                            anchor=line.anchor(at, at + len(m.group())),
                        )
        substantive = [e for e in line.edits if e.kind == "substantive"]
        for old, new in itertools.pairwise(substantive):
            if (
                old.op == "delete"
                and new.op == "insert"
                and line.draft_text[max(new.b - 1, 0) : new.b] == "第"
                and line.draft_text[new.b + len(new.text) : new.b + len(new.text) + 1] == "条"
            ):
                a, b = parse_int(old.text), parse_int(new.text)
                target = self.renumbered.get(a)
                if a is not None and b is not None and target is not None and target != b:
                    self.add(
                        "stale-reference",
                        "medium",
                        line,
                        f"「第{new.text}条」は、ひな形で第{old.text}条（この案では第{target}条）を指していた参照です。"
                        "参照先が変わっていないか確認してください。",
                        deleted=old.text,
                        inserted=new.text,
                        anchor=line.anchor(new.b, new.b + len(new.text)),
                    )

    # -- article rules
    def patterns(self, group: _Group) -> None:
        refs = (group.model_ref, group.draft_ref)
        for rule in v.PATTERN_RULES:
            self._presence(group, rule, refs)
        self._remedies(group, refs)

    def _presence(self, group: _Group, rule: v.PatternRule, refs: tuple[str | None, str | None]) -> None:
        """A pattern more (fewer) times in the draft's article than in the model's: added (removed)."""
        model_hits = [
            _Hit(c, "model", m.start(), m.group())
            for c in group.lines
            for m in rule.pattern.finditer(c.model_text)
        ]
        draft_hits = [
            _Hit(c, "draft", m.start(), m.group())
            for c in group.lines
            for m in rule.pattern.finditer(c.draft_text)
        ]
        for hits, other, outcome, said, added in (
            (draft_hits, model_hits, rule.added, rule.said_added, True),
            (model_hits, draft_hits, rule.removed, rule.said_removed, False),
        ):
            if outcome is None or len(hits) <= len(other):
                continue
            rule_id, base = outcome
            for hit in _unmatched(hits, other):
                if rule.deemed:  # the party whose consent is faked loses by it
                    party, good = _deemed_party(hit, self.parties), not added
                else:
                    party = Stance.at(hit.context, hit.start, self.parties).holder
                    good = rule.good_for_holder_when_added == added
                self.add(
                    rule_id,
                    base,
                    hit.line,
                    said.format(text=hit.text, party=party or "当事者"),
                    holder_effect=(party, good),
                    deleted="" if added else hit.text,
                    inserted=hit.text if added else "",
                    anchor=hit.anchor(),
                    refs=refs,
                    context=hit.context,
                )

    def _remedies(self, group: _Group, refs: tuple[str | None, str | None]) -> None:
        model_text = "\n".join(c.model_text for c in group.lines)
        draft_text = "\n".join(c.draft_text for c in group.lines)
        have = {r.name for r in v.REMEDIES if r.pattern.search(model_text)}
        get = {r.name for r in v.REMEDIES if r.pattern.search(draft_text)}
        if len(have) < 2 or have == get:
            return
        # The remedies belong to whoever may demand them (…できる) or is owed them (売主は…対応する).
        source = next(
            (c for c in group.lines if any(r.pattern.search(c.model_text) for r in v.REMEDIES)), None
        )
        assert source is not None
        first = min(m.start() for r in v.REMEDIES if (m := r.pattern.search(source.model_text)))
        stance = Stance.at(source.model_text, first, self.parties)
        beneficiary = stance.holder if stance.right else self.parties.other(stance.holder)
        target = next(
            (
                c
                for c in group.lines
                if c.draft_text and any(r.pattern.search(c.draft_text) for r in v.REMEDIES)
            ),
            source,
        )
        anchor = target.anchor(0, len(target.draft_text)) if target.draft_text else target.anchor(0, 0)
        lost, gained = sorted(have - get), sorted(get - have)
        limited = bool(v.LIMITED_TO.search(draft_text)) and not v.LIMITED_TO.search(model_text)
        if lost or limited:
            what = "救済手段が限定されています" + (
                f"（{'・'.join(lost)}が認められなくなります）。" if lost else "。"
            )
            self.add(
                "remedies-narrowed",
                "high",
                target,
                what,
                holder_effect=(beneficiary, False),
                deleted="・".join(lost),
                anchor=anchor,
                refs=refs,
                context=target.draft_text or target.model_text,
            )
        if gained:
            self.add(
                "remedies-expanded",
                "medium",
                target,
                f"救済手段（{'・'.join(gained)}）が加わっています。",
                holder_effect=(beneficiary, True),
                inserted="・".join(gained),
                anchor=anchor,
                refs=refs,
                context=target.draft_text,
            )

    # -- structure
    def structure(self, plan: Plan) -> None:
        alignment = self.alignment
        model, draft = alignment.model, alignment.draft
        aligned_model = {p.a: p.b for p in alignment.articles if p.a is not None and p.b is not None}
        aligned_draft = {b: a for a, b in aligned_model.items()}
        for p in alignment.articles:
            if p.status == "added" and p.b is not None:
                article = draft.articles[p.b]
                anchor = _article_anchor(plan, article_ref(article))
                self.add(
                    "article-added",
                    "medium",
                    None,
                    f"ひな形にない条項「{article_ref(article)}（{article.heading or ''}）」が追加されています。内容を確認してください。",
                    anchor=anchor,
                    refs=(None, article_ref(article)),
                    inserted=article.heading or "",
                )
            elif p.status == "removed" and p.a is not None:
                article = model.articles[p.a]
                if alignment.library:
                    self.add(
                        "clause-missing",
                        "high",
                        None,
                        f"ひな形の{article_ref(article)}（{article.heading or ''}）に当たる条項が見当たりません。"
                        "当該事項は法律の定め（任意規定）に従うことになります。",
                        refs=(article_ref(article), None),
                        deleted=article.heading or "",
                    )
                else:
                    anchor = next(
                        (c.anchor(0, 0) for c in plan.lines if c.model_only and c.model_article == p.a), None
                    )
                    self.add(
                        "article-removed",
                        "medium",
                        None,
                        f"ひな形の{article_ref(article)}（{article.heading or ''}）が削除されています。",
                        anchor=anchor,
                        refs=(article_ref(article), None),
                        deleted=article.heading or "",
                    )
            elif p.status == "moved" and p.a is not None and p.b is not None:
                self.add(
                    "article-moved",
                    "low",
                    None,
                    f"ひな形の{article_ref(model.articles[p.a])}が{article_ref(draft.articles[p.b])}に移動しています。",
                    anchor=_article_anchor(plan, article_ref(draft.articles[p.b])),
                    refs=(article_ref(model.articles[p.a]), article_ref(draft.articles[p.b])),
                )
        for line in plan.lines:
            if line.role not in ("paragraph", "item") or (line.model_text and line.draft_text):
                continue
            kind = "paragraph" if line.role == "paragraph" else "item"
            noun = "項" if kind == "paragraph" else "号"
            if line.draft_text and line.draft_article in aligned_draft:
                other = article_ref(model.articles[aligned_draft[line.draft_article]])
                self.add(
                    f"{kind}-added",
                    "medium",
                    None,
                    f"{line.draft_ref}に{noun}が追加されています：「{_excerpt(line.draft_text)}」",
                    anchor=line.anchor(0, len(line.draft_text)),
                    refs=(other, line.draft_ref),
                    inserted=line.draft_text.strip(),
                )
            elif line.model_only and line.model_article in aligned_model:
                other = article_ref(draft.articles[aligned_model[line.model_article]])
                self.add(
                    f"{kind}-removed",
                    "medium",
                    None,
                    f"ひな形の{line.model_ref}が削除されています：「{_excerpt(line.model_text)}」",
                    anchor=line.anchor(0, 0),
                    refs=(line.model_ref, other),
                    deleted=line.model_text.strip(),
                )


# ---------------------------------------------------------------------------------------------------------
# helpers


_TIMING_WORDS = re.compile("|".join(re.escape(w) for w in sorted(v.TIMING, key=len, reverse=True)))


def _timing(text: str) -> list[tuple[str, int, str]]:
    """(canonical word, where, as written) for each time word: ただちに and 直ちに are one word."""
    return [
        (v.TIMING_CANONICAL.get(m.group(), m.group()), m.start(), m.group())
        for m in _TIMING_WORDS.finditer(text)
    ]


_RANK_DAYS = {4: 1.0, 3: 3.0, 2: 7.0, 1: 30.0}


def _strictness(word: str) -> float:
    """Higher is stricter; a number of days compares with the words by roughly what they mean."""
    if word in v.TIMING:
        return v.TIMING[word]
    if v.TIMING_CANONICAL.get(word) in v.TIMING:
        return v.TIMING[v.TIMING_CANONICAL[word]]
    m = v.PERIOD.search(word)
    days = _days(m) if m else None
    if days is None:
        return 0
    return max((rank for rank, limit in _RANK_DAYS.items() if days <= limit), default=0.5)


def _days(m: re.Match[str]) -> float | None:
    n = parse_int(m.group("n"))
    return None if n is None else n * v.UNIT_DAYS[m.group("unit")]


def _who(stance: Stance) -> str:
    if stance.holder is None:
        return "この条項"
    return f"{stance.holder}の{'権利' if stance.right else '義務'}"


def _actor(text: str, at: int, parties: Parties) -> str | None:
    """The party acting within a period: the claimant of a non-conformity claim, else the first party
    named (with が/は) after the period in its sentence."""
    start, end = text.rfind("。", 0, at) + 1, text.find("。", at)
    sentence = text[start : end if end >= 0 else len(text)]
    for cue, role in v.CLAIMANT.items():
        if cue.search(sentence) and role in parties.names:
            return role
    for m in parties.pattern().finditer(text, at, end if end >= 0 else len(text)):
        if text[m.end() : m.end() + 1] in ("が", "は"):
            return m.group()
    return None


def _deemed_party(hit: _Hit, parties: Parties) -> str | None:
    """Whose consent or acceptance a deemed-acceptance sentence fakes: the party named last before it
    in its sentence (「当該製品は、買主の検査に合格したものとみなす」 → 買主)."""
    text = hit.context
    start = text.rfind("。", 0, hit.start) + 1
    names = [m.group() for m in parties.pattern().finditer(text, start, hit.start)]
    if names:
        return names[-1]
    return Stance.at(text, hit.start, parties).holder


def _unmatched(more: list[_Hit], fewer: list[_Hit]) -> list[_Hit]:
    """The hits of the side with more that have no counterpart: compared line by line first."""
    left = list(fewer)
    out = []
    for hit in more:
        twin = next((h for h in left if h.line is hit.line), None)
        if twin is not None:
            left.remove(twin)
        else:
            out.append(hit)
    surplus = len(more) - len(fewer)
    return out[:surplus] if surplus > 0 else []


def _cites_statute(text: str, at: int) -> bool:
    """Whether the 第 at ``text[at]`` cites another instrument's article (the diff's own test)."""
    tokens = tokenize(text)
    dai = next((k for k, token in enumerate(tokens) if token.start == at), None)
    return dai is not None and cites_another_instrument(tokens, dai)


def _article_anchor(plan: Plan, ref: str) -> Anchor | None:
    line = next((c for c in plan.lines if c.draft_ref == ref), None)
    return line.anchor(0, len(line.draft_text)) if line is not None else None


def _excerpt(text: str, width: int = 90) -> str:
    text = text.strip()
    return text if len(text) <= width else text[: width - 1] + "…"
