"""Deviation review: read both sides of every aligned clause as frames, and judge what the draft changed.

The comparison (aligned 項/号 with their word diff) is read line by line. Each changed line becomes the
frames of its model wording and of its draft wording (:mod:`.frames`); the direction rules
(:mod:`.rules`) turn the differences into effects — good for one party, bad for the other — and their
sum is one finding per changed 項 or 号: whom it favours, whom it hurts, graded for ``side``
(:mod:`.stance`), with the statutes for the contract's type and the clause's topic (:mod:`.law`) and a
message in the contract's own words (:mod:`.messages`). Articles, paragraphs and items only one side
has are judged by the frames they hold. 表記ゆれ, filled blanks, chosen options and renumbering never
count: only substantive edits are read, and references are checked against the alignment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from akapen.compared import Compared
from akapen.diff import cites_another_instrument
from akapen.model import SEVERITIES, Alignment, Anchor, Article, Finding, Severity
from akapen.morph import tokenize
from akapen.numerals import parse_int
from akapen.refs import article_ref, covered_articles
from akapen.review import vocabulary as v
from akapen.review.frames import Frame, Quantity, frames
from akapen.review.law import contract_type, statutes_for, topic_of
from akapen.review.messages import excerpt, message
from akapen.review.parties import Parties
from akapen.review.rules import (
    Effect,
    court_effects,
    frame_effects,
    line_effects,
    list_effects,
    remedy_effects,
)
from akapen.review.stance import severity_for

__all__ = ["Parties", "contract_type", "review", "sort_findings"]

SEVERITY: dict[str, Severity] = {
    "deemed-acceptance-added": "high",
    "liability-limited": "high",
    "right-negated": "high",
    "right-removed": "high",
    "obligor-changed": "high",
    "entitlement-changed": "high",
    "carveout-removed": "high",
    "consent-requirement-changed": "high",
    "timing-removed": "high",
    "period-changed": "high",
    "rate-changed": "high",
    "amount-changed": "high",
    "choice-swapped": "high",
    "jurisdiction-changed": "high",
    "remedies-narrowed": "high",
    "exception-removed": "high",
    "article-moved": "low",
}
"""Base severity of a finding by the rule of its heaviest piece (when it is adverse to us); medium
otherwise."""

_RANK = {s: k for k, s in enumerate(SEVERITIES)}
_STRUCTURE = frozenset({"paragraph-added", "paragraph-removed", "item-added", "item-removed"})


def review(
    alignment: Alignment,
    lines: Sequence[Compared],
    parties: Parties,
    side: str | None,
    kind: str | None = None,
) -> tuple[Finding, ...]:
    """Every deviation of the draft from the model, most adverse to ``side`` first. ``lines`` is the
    comparison of the aligned clauses; ``kind`` the contract type (read from the contracts if None)."""
    reviewer = _Reviewer(alignment, parties, side, kind or contract_type(alignment.model, alignment.draft))
    reviewer.lines(lines)
    reviewer.structure(lines)
    reviewer.coverage()
    return sort_findings(reviewer.findings)


def sort_findings(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: SEVERITIES.index(f.severity)))


class _Side(NamedTuple):
    """The last 項 of an article on one side: the 柱書 its 号 belong to."""

    text: str
    removed: bool = False
    """A model 項 the draft dropped: a ただし書-like 項 after it falls with it."""


class _Reviewer:
    def __init__(self, alignment: Alignment, parties: Parties, side: str | None, kind: str) -> None:
        self.alignment, self.parties, self.side, self.kind = alignment, parties, side, kind
        self.names = parties.names
        self.findings: list[Finding] = []
        self.status_model = {p.a: p.status for p in alignment.articles if p.a is not None}
        self.status_draft = {p.b: p.status for p in alignment.articles if p.b is not None}
        self.renumbered = {
            alignment.model.articles[p.a].number: alignment.draft.articles[p.b].number
            for p in alignment.articles
            if p.a is not None and p.b is not None
        }

    # -- the lines of aligned articles
    def lines(self, lines: Sequence[Compared]) -> None:
        parent_model: dict[int, _Side] = {}
        parent_draft: dict[int, _Side] = {}
        for line in lines:
            if line.role not in ("paragraph", "item"):
                continue
            whole = self._whole_article(line)
            pm = parent_model.get(line.model_article) if line.model_article is not None else None
            pd = parent_draft.get(line.draft_article) if line.draft_article is not None else None
            changed = any(e.kind == "substantive" for e in line.edits) or not (
                line.model_text and line.draft_text
            )
            if line.role == "paragraph":
                if line.model_text and line.model_article is not None:
                    parent_model[line.model_article] = _Side(line.model_text, removed=not line.draft_text)
                if line.draft_text and line.draft_article is not None:
                    parent_draft[line.draft_article] = _Side(line.draft_text)
            if whole or not changed:
                if line.model_text and line.draft_text:
                    self.references(line)
                continue
            if line.model_text and line.draft_text:
                self.changed(line, self._frames_of(pm), self._frames_of(pd), item=line.role == "item")
            else:
                self.one_sided(line, self._frames_of(pm), self._frames_of(pd), pm, pd)

    def _frames_of(self, parent: _Side | None) -> Frame | None:
        if parent is None:
            return None
        found = frames(parent.text, self.names)
        return next((f for f in reversed(found) if f.polarity and f.modality != "exception"), None)

    def _whole_article(self, line: Compared) -> bool:
        """The line's article exists on one side only: judged as a whole (structure)."""
        if line.draft_text and line.draft_article is not None:
            return self.status_draft.get(line.draft_article) == "added"
        if line.model_text and line.model_article is not None:
            return self.status_model.get(line.model_article) == "removed"
        return False

    def changed(self, line: Compared, parent_m: Frame | None, parent_d: Frame | None, *, item: bool) -> None:
        """A 項/号 both sides have, worded differently. A 号 without a clause of its own is read as part
        of its 柱書's frame; a 項 may refer to the one before it (「前項の損害賠償の額は」)."""
        names = self.names
        fm = frames(line.model_text, names, parent_m if item else None, None if item else parent_m)
        fd = frames(line.draft_text, names, parent_d if item else None, None if item else parent_d)
        effects = list(line_effects(fm, fd, line.edits, names))
        effects += remedy_effects(fm, fd)
        effects += court_effects(line.model_text, line.draft_text, self.parties.pair, self.parties.seats)
        effects += self._definition(line, fm, fd)
        effects += self._survival(line, fm, fd)
        effects += self._kept_alive(line)
        deleted = "…".join(e.text for e in line.edits if e.op == "delete" and e.kind == "substantive")
        inserted = "…".join(e.text for e in line.edits if e.op == "insert" and e.kind == "substantive")
        spots = [
            (e.b, e.b + (len(e.text) if e.op == "insert" else 0))
            for e in line.edits
            if e.kind == "substantive" and e.op != "equal"
        ]
        anchor = line.anchor(min(a for a, _ in spots), max(b for _, b in spots)) if spots else None
        self.references(line)
        self.emit(
            None,
            effects,
            line,
            deleted=deleted,
            inserted=inserted,
            anchor=anchor,
            refs=(line.model_ref, line.draft_ref),
            text=line.draft_text,
            model_wording=line.model_text,
        )

    def one_sided(
        self,
        line: Compared,
        parent_m: Frame | None,
        parent_d: Frame | None,
        pm: _Side | None,
        pd: _Side | None,
    ) -> None:
        """A 項/号 only one side has, in an article both have: judged by the frames it holds, or — a 号
        without a clause of its own — by what it does to its 柱書's frame."""
        names = self.names
        added = bool(line.draft_text)
        text = line.draft_text if added else line.model_text
        parent = parent_d if added else parent_m
        own = frames(text, names, None, parent if line.role == "paragraph" else None)
        noun = "項" if line.role == "paragraph" else "号"
        base: Severity | None = None
        host = pd if added else pm
        host_text = host.text if host is not None else ""
        term = v.DEFINED_TERM.search(host_text) if line.role == "item" else None
        excluding = bool(v.EXCLUDING_LIST.search(host_text)) or self._list_lifted(line, pm)
        if term is not None and not any(f.polarity for f in own) and parent is None:
            # 「「秘密情報」とは、…次の各号のいずれかに該当するものをいう」: a 号 more is more of what
            # the term's clauses bind and protect.
            effects = self._scope(term.group("term"), wider=added != excluding)
        elif line.role == "item" and not any(f.polarity for f in own) and parent is not None:
            effects = list(list_effects(parent, text, added=added, excluding=excluding))
        elif (
            not added
            and pm is not None
            and pm.removed
            and all(f.modality == "exception" for f in own if f.polarity)
        ):
            # 「３　前項の規定は、…故意又は重大な過失…には適用しない」 removed with the cap of 第2項: the
            # carve-out goes with what it qualified, which the cap's removal already weighs.
            effects, base = [], "low"
        else:
            effects = list(frame_effects(own, added=added))
        kind = "paragraph" if line.role == "paragraph" else "item"
        if added:
            other = self._other_ref("draft", line.draft_article)
            what = f"{line.draft_ref}に{noun}が追加されています：「{excerpt(text)}」"
            self.emit(
                f"{kind}-added",
                effects,
                line,
                inserted=text.strip(),
                anchor=line.anchor(0, len(text)),
                refs=(other, line.draft_ref),
                text=text,
                lead=what,
            )
        else:
            other = self._other_ref("model", line.model_article)
            what = f"ひな形の{line.model_ref}が削除されています：「{excerpt(text)}」"
            self.emit(
                f"{kind}-removed",
                effects,
                line,
                deleted=text.strip(),
                anchor=line.anchor(0, 0),
                refs=(line.model_ref, other),
                text=text,
                lead=what,
                base=base,
            )

    def _other_ref(self, side: str, article: int | None) -> str | None:
        for p in self.alignment.articles:
            if side == "draft" and p.b == article and p.a is not None:
                return article_ref(self.alignment.model.articles[p.a])
            if side == "model" and p.a == article and p.b is not None:
                return article_ref(self.alignment.draft.articles[p.b])
        return None

    # -- emitting
    def emit(
        self,
        rule: str | None,
        effects: Sequence[Effect],
        line: Compared | None,
        *,
        deleted: str = "",
        inserted: str = "",
        anchor: Anchor | None,
        refs: tuple[str | None, str | None],
        text: str = "",
        heading: str = "",
        model_wording: str = "",
        lead: str = "",
        base: Severity | None = None,
    ) -> None:
        """One finding from the effects of one change: their sum says whom it favours."""
        pair = self.parties.pair
        score = _net(effects, pair)
        favours = adverse = None
        if len(pair) == 2 and abs(score) > 1e-9:
            favours, adverse = (pair[0], pair[1]) if score > 0 else (pair[1], pair[0])
        winning = [e for e in effects if favours is not None and _toward(e, favours, pair) > 0]
        if rule in _STRUCTURE and winning:
            # A new paragraph that is a deemed acceptance is named so (users filter on the rule id).
            heaviest = max(winning, key=lambda e: abs(e.weight))
            if SEVERITY.get(heaviest.rule) == "high" and heaviest.rule not in (
                "right-removed",
                "obligor-changed",
            ):
                rule = heaviest.rule
        if rule is None:
            if not effects:
                return
            heaviest = max(
                winning or effects, key=lambda e: (abs(e.weight), -_RANK[SEVERITY.get(e.rule, "medium")])
            )
            rule = heaviest.rule
        own: Severity = SEVERITY.get(rule, "medium") if rule is not None else "medium"
        grade: Severity = (
            base if base is not None else min(_heaviest(winning or effects), own, key=_RANK.__getitem__)
        )
        if favours is None and effects and base is None and _balanced(effects, pair):
            grade = "low"  # it binds (or frees) both parties alike: worth a look, not a negotiation point
        severity = severity_for(grade, adverse_to=adverse, favours=favours, side=self.side)
        topic = topic_of(heading or self._heading(line), text)
        statutes = statutes_for(self.kind, topic)
        said = ([lead] if lead else []) + [e.said for e in (winning or effects)]
        if not said:
            said = ["変更があります"]
        body = message(
            severity,
            said,
            favours=favours,
            adverse=adverse,
            side=self.side,
            statutes=statutes,
            model_wording=model_wording if severity in ("high", "medium") else "",
        )
        self.findings.append(
            Finding(
                rule,
                severity,
                refs[0],
                refs[1],
                body,
                deleted,
                inserted,
                favours,
                anchor,
                adverse,
                tuple(s.cite for s in statutes),
                tuple(dict.fromkeys([rule, *(e.rule for e in winning or effects)])),
            )
        )

    def _heading(self, line: Compared | None) -> str:
        if line is None:
            return ""
        if line.draft_article is not None and line.draft_text:
            return self.alignment.draft.articles[line.draft_article].heading or ""
        if line.model_article is not None:
            return self.alignment.model.articles[line.model_article].heading or ""
        return ""

    def _definition(self, line: Compared, fm: Sequence[Frame], fd: Sequence[Frame]) -> list[Effect]:
        """A definition made wider (「一切の」, 「…を問わず」) or narrower (「…に限る」, 「…を除く」)."""
        term = v.DEFINED_TERM.search(line.draft_text) or v.DEFINED_TERM.search(line.model_text)
        if term is None or any(f.polarity for f in (*fm, *fd)):
            return []

        def reach(found: Sequence[Frame]) -> int:
            kinds = [kind for f in found for kind, _, _ in f.markers]
            return sum(k == "widen" for k in kinds) - sum(k in v.NARROWING for k in kinds)

        change = reach(fd) - reach(fm)
        return self._scope(term.group("term"), wider=change > 0) if change else []

    def _scope(self, term: str, *, wider: bool) -> list[Effect]:
        """What a wider (narrower) definition does: every clause that uses the term reaches further (less
        far), for whoever it binds or protects (an NDA's 秘密情報 binds its recipient)."""
        stakes: dict[str, float] = {}
        for article in self.alignment.draft.articles:
            for frame in _article_frames(article, self.names):
                if frame.polarity and term in frame.text and "とは、" not in frame.text:
                    for actor in frame.actors:
                        stakes[actor] = stakes.get(actor, 0.0) + frame.polarity * frame.weight
        said = f"「{term}」の定義の範囲が{'広がって' if wider else '狭まって'}います"
        rule = "scope-widened" if wider else "scope-narrowed"
        stakes = {p: s for p, s in stakes.items() if p in self.parties.pair and abs(s) > 1e-9}
        most = max((abs(s) for s in stakes.values()), default=1.0)
        return [Effect(rule, p, (1.0 if wider else -1.0) * s / most, said) for p, s in stakes.items()]

    def _list_lifted(self, line: Compared, pm: _Side | None) -> bool:
        """A 号 of the model whose whole list the draft dropped: the draft's 柱書 aligned with the one that
        held it no longer says 「次の各号」 (or, where that 項 cannot be told, as in a clause library's
        条項例, no 項 of the draft article does). The conditions it listed no longer restrict the frame."""
        if not line.model_only or line.model_article is None:
            return False
        pair = next(
            (p for p in self.alignment.articles if p.a == line.model_article and p.b is not None), None
        )
        if pair is None or pair.a is None or pair.b is None:
            return False
        draft = self.alignment.draft.articles[pair.b].paragraphs
        number = re.search(r"第[0-9]+条(?:の[0-9]+)?第([0-9]+)項", line.model_ref or "")
        if pm is not None and "各号" in pm.text and number is not None:
            model = self.alignment.model.articles[pair.a].paragraphs
            held = next((k for k, q in enumerate(model) if q.number == int(number.group(1))), None)
            aligned = next((c.b for c in pair.children if c.a == held and c.b is not None), None)
            return aligned is None or "各号" not in draft[aligned].text
        return not any("各号" in p.text for p in draft)

    def _survival(self, line: Compared, fm: Sequence[Frame], fd: Sequence[Frame]) -> Iterator[Effect]:
        """「本条の規定は、本契約の終了後5年間、なお効力を有する」: the period is as long as the cited
        articles bind or protect — judged by their frames, for the party a period names (「A社については
        5年間」) or for both. 「ポイントの有効期間は、…2年間とします」: as long as what the article gives
        lasts — judged by the frames that give it."""
        validity = v.VALIDITY.search(line.draft_text)
        if not validity and not v.REFERENCE_GIVES_EFFECT.search(line.draft_text):
            return
        old = self._durations(line.model_text, fm)
        new = self._durations(line.draft_text, fd)
        if not old or not new:
            return
        cited = list(self._cited(line))
        if validity and line.model_article is not None:
            cited = [(self.alignment.model.articles[line.model_article], None)]
        for party in self.parties.pair:
            before, after = old.get(party, old.get(None)), new.get(party, new.get(None))
            if before is None or after is None or before.value == after.value:
                continue
            longer = after.value > before.value
            for article, paragraph in cited:
                for frame in _article_frames(article, self.names, paragraph):
                    if party not in frame.actors or (validity and frame.modality not in ("duty", "right")):
                        continue  # what restricts the thing is not what gives it
                    yield Effect(
                        "period-changed",
                        party,
                        frame.polarity * frame.weight * (1 if longer else -1),
                        f"{article_ref(article)}（{article.heading or ''}）の{party}についての存続期間が"
                        f"「{before.text}」から「{after.text}」に{'延長' if longer else '短縮'}されています",
                    )

    def _kept_alive(self, line: Compared) -> Iterator[Effect]:
        """A survival clause that no longer cites an article (「第7条（帳簿の保管及び監査）」 dropped from
        「…の規定は、なお効力を有する」), or cites one more: after the end, what that article binds and
        protects is gone, or stays — judged by its frames."""
        if not (v.SURVIVES.search(line.model_text) and v.SURVIVES.search(line.draft_text)):
            return
        before = {m for n in _cited_numbers(line.model_text) if (m := self.renumbered.get(n)) is not None}
        after = _cited_numbers(line.draft_text)
        draft = self.alignment.draft
        by_number = {a.number: a for a in draft.articles if a.number is not None and not a.branch}
        for number, kept in [(n, False) for n in sorted(before - after)] + [
            (n, True) for n in sorted(after - before)
        ]:
            article = by_number.get(number)
            if article is None:
                continue
            said = f"{article_ref(article)}（{article.heading or ''}）が存続する規定から{'加えられて' if kept else '外されて'}います"
            for frame in _article_frames(article, self.names):
                for actor in frame.actors:
                    weight = frame.polarity * frame.weight * (1 if kept else -1)
                    if weight:
                        yield Effect("survival-changed", actor, weight, said)

    def _durations(self, text: str, found: Sequence[Frame]) -> dict[str | None, Quantity]:
        """The durations of a clause with no acting party, by the party each is for (None: both)."""
        out: dict[str | None, Quantity] = {}
        for q in (q for f in found if not f.actors for q in f.quantities if q.kind == "duration"):
            before = text[max(0, q.start - 16) : q.start]
            named = [p for p in self.parties.pair if f"{p}{v.PER_PARTY}" in before]
            out.setdefault(named[-1] if named else None, q)
        return out

    def _cited(self, line: Compared) -> Iterator[tuple[Article, int | None]]:
        """The articles (and the 項, for 「前項」) a clause keeps alive."""
        model = self.alignment.model
        if line.model_article is not None:
            here = model.articles[line.model_article]
            if "本条" in line.model_text:
                yield here, None
            number = re.search(r"第(\d+)項$", line.model_ref or "")
            if "前項" in line.model_text and number:
                yield here, int(number.group(1)) - 1
        for m in re.finditer(r"第([0-9０-９]+)条", line.model_text):
            article_number = parse_int(m.group(1))
            yield from ((a, None) for a in model.articles if a.number == article_number)

    # -- references
    def references(self, line: Compared) -> None:
        """第N条 that no longer points at the article it pointed at before the renumbering — unless the
        draft cites every article the model cited, renumbered (「第3条から第8条まで、第10条」 →
        「第3条から第9条まで」 after 第9条 was deleted): then its 第N条 is another of them."""
        cited = _cited_numbers(line.draft_text)
        followed = {self.renumbered.get(n, n) for n in _cited_numbers(line.model_text)}
        if followed and followed <= cited:
            return
        for edit in line.edits:
            if edit.op != "equal":
                continue
            for m in re.finditer(r"第([0-9０-９]+)条", edit.text):
                at = edit.b + m.start()
                number = parse_int(m.group(1))
                moved_to = self.renumbered.get(number)
                if moved_to is None or moved_to == number or _cites_statute(line.draft_text, at):
                    continue
                effects = list(self._dropped_reference(line.draft_text, number))
                self.emit(
                    "stale-reference",
                    effects,
                    line,
                    deleted=m.group(),
                    inserted=m.group(),
                    anchor=line.anchor(at, at + len(m.group())),
                    refs=(line.model_ref, line.draft_ref),
                    lead=f"「{m.group()}」はひな形の{m.group()}（この案では第{moved_to}条）を指していたはずですが、番号が更新されていません",
                    base="medium",
                    text=line.draft_text,
                )

    def _dropped_reference(self, text: str, number: int | None) -> Iterator[Effect]:
        """A clause that keeps cited articles alive (存続) or applies them no longer cites the one it
        did: what that article gave each party is lost."""
        if not v.REFERENCE_GIVES_EFFECT.search(text):
            return
        target = next((a for a in self.alignment.model.articles if a.number == number), None)
        if target is None:
            return
        for frame in _article_frames(target, self.names):
            for actor in frame.actors:
                yield Effect(
                    "stale-reference",
                    actor,
                    -frame.polarity * frame.weight,
                    f"その結果、{article_ref(target)}（{target.heading or ''}）が効力を失います",
                )

    # -- structure
    def structure(self, lines: Sequence[Compared]) -> None:
        alignment = self.alignment
        model, draft = alignment.model, alignment.draft
        for p in alignment.articles:
            if p.status == "added" and p.b is not None:
                article = draft.articles[p.b]
                ref = article_ref(article)
                anchor = next((c.anchor(0, len(c.draft_text)) for c in lines if c.draft_ref == ref), None)
                self._whole(article, added=True, anchor=anchor)
            elif p.status == "removed" and p.a is not None and alignment.excerpt:
                continue  # an excerpt leaves out what it does not negotiate: one coverage note, below
            elif p.status == "removed" and p.a is not None:
                article = model.articles[p.a]
                ref = article_ref(article)
                effects = list(frame_effects(_article_frames(article, self.names), added=False))
                if alignment.library:
                    self.emit(
                        "clause-missing",
                        effects,
                        None,
                        anchor=None,
                        refs=(ref, None),
                        deleted=article.heading or "",
                        heading=article.heading or "",
                        lead=f"ひな形の{ref}（{article.heading or ''}）に当たる条項が見当たりません。当該事項は法律の定め（任意規定）に従うことになります",
                        base="high",
                    )
                    continue
                anchor = next(
                    (c.anchor(0, 0) for c in lines if c.model_only and c.model_article == p.a), None
                )
                self._whole(article, added=False, anchor=anchor)
            elif p.status == "moved" and p.a is not None and p.b is not None:
                ref = article_ref(draft.articles[p.b])
                anchor = next((c.anchor(0, len(c.draft_text)) for c in lines if c.draft_ref == ref), None)
                self.emit(
                    "article-moved",
                    [],
                    None,
                    anchor=anchor,
                    refs=(article_ref(model.articles[p.a]), ref),
                    lead=f"ひな形の{article_ref(model.articles[p.a])}が{ref}に移動しています",
                    base="low",
                )

    def coverage(self) -> None:
        """An excerpt: one note for the model articles it leaves out, instead of one removal each."""
        missing = covered_articles(self.alignment)["not_covered"]
        if not self.alignment.excerpt or not missing:
            return
        self.findings.append(
            Finding(
                "excerpt-coverage",
                "info",
                None,
                None,
                f"【参考】この案はひな形の一部の条項だけを含む抜粋です。ひな形の{'、'.join(missing)}に当たる条項は"
                "含まれていないため、削除としては扱っていません。",
                kinds=("excerpt-coverage",),
            )
        )

    def _whole(self, article: Article, *, added: bool, anchor: Anchor | None) -> None:
        """An article only one side has, judged by the frames it holds."""
        ref = article_ref(article)
        effects = list(frame_effects(_article_frames(article, self.names), added=added))
        heading = article.heading or ""
        self.emit(
            "article-added" if added else "article-removed",
            effects,
            None,
            anchor=anchor,
            refs=(None, ref) if added else (ref, None),
            inserted=heading if added else "",
            deleted="" if added else heading,
            heading=heading,
            text=_article_text(article),
            lead=f"ひな形にない条項「{ref}（{heading}）」が追加されています"
            if added
            else f"ひな形の{ref}（{heading}）が削除されています",
            base=_heaviest(effects),
        )


def _net(effects: Iterable[Effect], pair: Sequence[str]) -> float:
    return sum(_toward(e, pair[0], pair) for e in effects) if len(pair) == 2 else 0.0


def _toward(effect: Effect, party: str, pair: Sequence[str]) -> float:
    """How good an effect is for ``party`` (a two-party contract: good for one is bad for the other)."""
    if effect.good_for == party:
        return effect.weight
    if effect.good_for in pair:
        return -effect.weight
    return 0.0


def _balanced(effects: Sequence[Effect], pair: Sequence[str]) -> bool:
    """Effects that cancel out between the two parties (a mutual clause added or dropped)."""
    return (
        len(pair) == 2
        and all(abs(sum(e.weight for e in effects if e.good_for == p)) > 1e-9 for p in pair)
        and abs(_net(effects, pair)) <= 1e-9
    )


def _heaviest(effects: Sequence[Effect]) -> Severity:
    found: list[Severity] = [SEVERITY.get(e.rule, "medium") for e in effects]
    return min(found, key=_RANK.__getitem__) if found else "medium"


def _article_frames(article: Article, names: tuple[str, ...], only: int | None = None) -> list[Frame]:
    """The frames of an article's 項 (of its 項 number ``only``, when given)."""
    out: list[Frame] = []
    for paragraph in article.paragraphs:
        if only is not None and paragraph.number != only:
            continue
        previous = next((f for f in reversed(out) if f.polarity and f.modality != "exception"), None)
        out.extend(frames(paragraph.text, names, None, previous))
    return out


def _cited_numbers(text: str) -> set[int]:
    """The article numbers a clause cites: 「第3条、第5条」 and ranges 「第3条から第8条まで」."""
    numbers: set[int] = set()
    for m in v.ARTICLE_RANGE.finditer(text):
        first, last = parse_int(m.group("first")), parse_int(m.group("last") or "")
        if first is not None:
            numbers.update(range(first, (last if last is not None and last >= first else first) + 1))
    return numbers


def _article_text(article: Article) -> str:
    return "\n".join(p.text for p in article.paragraphs)


def _cites_statute(text: str, at: int) -> bool:
    """Whether the 第 at ``text[at]`` cites another instrument's article (the diff's own test)."""
    tokens = tokenize(text)
    dai = next((k for k, token in enumerate(tokens) if token.start == at), None)
    return dai is not None and cites_another_instrument(tokens, dai)
