"""Model clauses written as templates: options ``〔遅滞なく〕OR〔◯〕日以内に``, blanks ``〔◯〕``, ``◯``,
``第◯条``, and optional sentences ``〔なお、…〕``.

A template line is resolved against the draft line it is aligned with: each option group takes the
alternative closest to the draft, each blank is filled from the draft (〔◯〕日以内に ← 5日以内に,
第◯条 ← 第12条). The resolved text is what the redline compares against, so choosing an option or
filling a blank is never a deviation; what was chosen is reported separately (kind ``template``).

Real templates are not tidy. Seed 003 writes ``〔◯〕日以内に〕OR〔合理的期間内に〕`` (the first
alternative never opened) and ``〔遅滞なく〕OR〔◯〕日以内に`` (the blank's unit outside its bracket):
an unopened alternative starts after the last 、 before it, and an alternative that is only a blank
takes the words that follow it up to the next 、 or 。.
"""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

from akapen.diff import diff

__all__ = ["Group", "Resolution", "Template", "is_template", "parse", "resolve"]

_OPEN, _CLOSE = "〔", "〕"
_BLANK = "◯"
_SEPARATORS = "、。"
_OR = re.compile(r"\s*(?:OR|ＯＲ|or)?\s*")


class Group(NamedTuple):
    """Alternatives the template offers at one place (an optional sentence is itself or nothing)."""

    start: int
    end: int
    alternatives: tuple[str, ...]


class Template(NamedTuple):
    text: str
    groups: tuple[Group, ...]

    def render(self, choice: tuple[int, ...]) -> str:
        return self.render_spans(choice)[0]

    def render_spans(self, choice: tuple[int, ...]) -> tuple[str, list[tuple[int, int]]]:
        """The text with the chosen alternatives, and where each group's alternative stands in it."""
        out: list[str] = []
        spans: list[tuple[int, int]] = []
        at = length = 0
        for group, k in zip(self.groups, choice, strict=True):
            literal = self.text[at : group.start]
            out.append(literal)
            length += len(literal)
            chosen = group.alternatives[k]
            out.append(chosen)
            spans.append((length, length + len(chosen)))
            length += len(chosen)
            at = group.end
        out.append(self.text[at:])
        return "".join(out), spans


def is_template(text: str) -> bool:
    return _OPEN in text or _BLANK in text


def parse(text: str) -> Template:
    """Find the option groups of a template line (blanks stay in the text, to be filled later)."""
    items = _bracket_items(text)
    groups: list[Group] = []
    k = 0
    while k < len(items):
        run = [items[k]]
        while k + 1 < len(items) and _OR.fullmatch(text[run[-1][1] : items[k + 1][0]]):
            k += 1
            run.append(items[k])
        k += 1
        contents = [text[s + opened : e - 1] for s, e, opened in run]
        if len(run) == 1:
            if _only_blanks(contents[0]):
                continue  # 〔◯〕: a blank, filled from the draft
            # 〔なお、…〕: an optional sentence, kept, left out, or (a draft that copied the template)
            # still in its brackets.
            groups.append(Group(run[0][0], run[0][1], (contents[0], "", text[run[0][0] : run[0][1]])))
            continue
        end = run[-1][1]
        if _only_blanks(contents[-1]):
            # 〔遅滞なく〕OR〔◯〕日以内に: the blank's alternative carries the words after it.
            tail_end = _next_separator(text, end)
            contents[-1] = text[run[-1][0] : tail_end]
            end = tail_end
        # A draft may also keep the options as the template wrote them.
        groups.append(Group(run[0][0], end, (*contents, text[run[0][0] : end])))
    return Template(text, tuple(groups))


def _bracket_items(text: str) -> list[tuple[int, int, bool]]:
    """Top-level bracketed stretches ``(start, end, opened)``, brackets included; an unmatched 〕 right
    before an OR closes an alternative (``opened`` False) that starts after the last separator before it."""
    items: list[tuple[int, int, bool]] = []
    depth, opened = 0, -1
    for i, c in enumerate(text):
        if c == _OPEN:
            if depth == 0:
                opened = i
            depth += 1
        elif c == _CLOSE:
            if depth > 0:
                depth -= 1
                if depth == 0:
                    items.append((opened, i + 1, True))
            elif re.match(r"\s*(?:OR|ＯＲ)", text[i + 1 :]):
                start = max(text.rfind(sep, 0, i) for sep in _SEPARATORS) + 1
                while items and items[-1][0] >= start:
                    items.pop()  # the blanks inside belong to this alternative
                items.append((start, i + 1, False))
    return items


def _only_blanks(text: str) -> bool:
    core = text.strip(_OPEN + _CLOSE)
    return bool(core) and set(core) == {_BLANK}


def _next_separator(text: str, at: int) -> int:
    ends = [i for i in (text.find(sep, at) for sep in (*_SEPARATORS, _OPEN)) if i >= 0]
    return min(ends) if ends else len(text)


class Resolution(NamedTuple):
    """A template line made concrete for one draft line."""

    text: str
    choices: tuple[tuple[str, str], ...]
    """What was decided, in order: (as the template writes it, as resolved), e.g.
    (``〔遅滞なく〕OR〔◯〕日以内に``, ``5日以内に``) or (``◯``, ``12``)."""


def resolve(template_text: str, draft: str) -> Resolution:
    """The concrete wording of ``template_text`` closest to ``draft``: options chosen, blanks filled."""
    template = parse(template_text)
    choice: list[int] = []
    cursor = 0
    for g, group in enumerate(template.groups):
        found = _locate(template, g, draft, cursor)
        if found is None:
            choice.append(_choose_in_context(template, g, choice, draft))
            continue
        start, end = found
        stretch = draft[start:end]
        choice.append(
            max(
                range(len(group.alternatives)),
                key=lambda k: _score(_filled(group.alternatives[k], stretch), stretch),
            )
        )
        cursor = end
    rendered, spans = template.render_spans(tuple(choice))
    fills = _fills(rendered, draft)
    text = _apply(rendered, fills, 0, len(rendered))
    choices: list[tuple[str, str]] = []
    at = 0
    for (start, end), group in zip(spans, template.groups, strict=True):
        choices.extend((rendered[a:b], value) for a, b, value in fills if at <= a and b <= start)
        raw, done = template.text[group.start : group.end], _apply(rendered, fills, start, end)
        if raw != done:
            choices.append((raw, done))
        at = end
    choices.extend((rendered[a:b], value) for a, b, value in fills if at <= a)
    return Resolution(text, tuple(choices))


def _apply(text: str, fills: list[tuple[int, int, str]], start: int, end: int) -> str:
    """``text[start:end]`` with the fills that fall inside it applied."""
    out, at = [], start
    for a, b, value in fills:
        if start <= a and b <= end:
            out.append(text[at:a])
            out.append(value)
            at = b
    out.append(text[at:end])
    return "".join(out)


_ANCHOR = 6
"""Characters of literal text on each side of a group used to find it in the draft."""


def _locate(template: Template, g: int, draft: str, cursor: int) -> tuple[int, int] | None:
    """Where the draft has the words standing in for group ``g``: between the literal text just before
    and just after the group (blanks and brackets excluded from the anchors)."""
    group = template.groups[g]
    left_limit = template.groups[g - 1].end if g else 0
    right_limit = template.groups[g + 1].start if g + 1 < len(template.groups) else len(template.text)
    left = _literal(template.text[left_limit : group.start][-_ANCHOR:], from_end=True)
    right = _literal(template.text[group.end : right_limit][:_ANCHOR], from_end=False)
    if not left and not right:
        return None
    start = cursor
    if left:
        at = draft.find(left, cursor)
        if at < 0:
            return None
        start = at + len(left)
    if right:
        end = draft.find(right, start)
        if end < 0:
            return None
    else:  # the group ends the text: it runs to the end of the draft's line
        end = draft.find("\n", start)
        end = len(draft) if end < 0 else end
    longest = max(len(a) for a in group.alternatives)
    return (start, end) if end - start <= 3 * longest + 12 else None


def _literal(text: str, *, from_end: bool) -> str:
    """The part of ``text`` next to the group that has no blank or bracket in it."""
    cut = [i for i, c in enumerate(text) if c in _OPEN + _CLOSE + _BLANK]
    if from_end:
        return text[cut[-1] + 1 :] if cut else text
    return text[: cut[0]] if cut else text


def _choose_in_context(template: Template, g: int, choice: list[int], draft: str) -> int:
    """Fallback when a group cannot be located: try each alternative in the whole text (later groups
    at their first alternative) and keep the one that fits the draft best."""
    rest = [0] * (len(template.groups) - g - 1)
    scores = [
        _score(template.render((*choice, k, *rest)), draft)
        for k in range(len(template.groups[g].alternatives))
    ]
    return max(range(len(scores)), key=lambda k: scores[k])


def _score(candidate: str, draft: str) -> tuple[float, int]:
    """Shared words count for a candidate, differing words against it; among equals, a complete wording
    beats one with blanks left open."""
    equal = changed = 0.0
    for edit in diff(candidate, draft):
        if edit.op == "equal":
            equal += len(edit.text)
        else:
            changed += len(edit.text)
    return equal - 0.5 * changed, -candidate.count(_BLANK)


def _filled(candidate: str, draft: str) -> str:
    return _apply(candidate, _fills(candidate, draft), 0, len(candidate))


def _fills(candidate: str, draft: str) -> list[tuple[int, int, str]]:
    """Blanks the draft filled in, as (start, end, the draft's words) in ``candidate``: 〔◯〕日 ← 5日,
    第◯条 ← 第12条, and 第◯条(損害賠償) ← 第10条 (the bracket only said which article to cite)."""
    if _BLANK not in candidate:
        return []
    out: list[tuple[int, int, str]] = []
    edits = diff(candidate, draft)
    for edit, nxt in itertools.pairwise(edits):
        more_follows = bool(candidate[edit.a + len(edit.text) :].strip())
        if (
            edit.op == "delete"
            and nxt.op == "insert"
            and _is_fill(edit.text, nxt.text, more_follows=more_follows)
        ):
            words = nxt.text
            head, tail = _around_blank(edit.text)
            value = _value(edit.text, words)
            if _COUNTED.match(tail + candidate[edit.a + len(edit.text) :]) and not _NUMBER.fullmatch(value):
                # 〔◯〕日 takes a number. In 「直ちに5」 or 「5営業日」 only the number fills it; the draft's
                # other words stay a change of their own instead of vanishing into the model.
                numbers = _NUMBER.findall(value)
                if len(numbers) != 1:
                    continue
                words = head + numbers[0] + tail
            out.append((edit.a, edit.a + len(edit.text), words))
    return out


def _around_blank(template: str) -> tuple[str, str]:
    """The template's own words before and after its (first) blank, its annotation left out."""
    core = _ANNOTATION.sub("", template)
    m = _BLANK_RUN.search(core)
    return (core[: m.start()], core[m.end() :]) if m else (core, "")


_COUNTED = re.compile(r"(?:日|営業日|か月|ヶ月|カ月|箇月|ヵ月|月|年|週|時間|割|条|項|号|通|名|円|%|％)")
"""Units after a blank: what fills it is a number."""
_NUMBER = re.compile(r"[0-9０-９一二三四五六七八九十百千〇.．]+")


def _value(template: str, words: str) -> str:
    """The part of ``words`` that stands for the blank (the template's literal words around it removed)."""
    head, tail = _around_blank(template)
    value = words[len(head) :] if words.startswith(head) else words
    return value[: len(value) - len(tail)] if tail and value.endswith(tail) else value


_ANNOTATION = re.compile(r"[(（][^()（）]{1,15}[)）]$")
_BLANK_RUN = re.compile(r"(〔?◯+〕?)")


def _is_fill(template: str, words: str, *, more_follows: bool) -> bool:
    """Whether ``words`` fill the blank(s) of ``template``. A bracket after the blank is dropped only
    inside a sentence (第◯条(損害賠償)に従う → 第10条に従う); ending a line, as in 第◯条(検査), it is the
    article's heading and must match."""
    core = _ANNOTATION.sub("", template) if more_follows else template
    if _BLANK not in core or not words or len(words) > 40 or "。" in words:
        return False
    pattern = "".join(
        "(.{1,30}?)" if _BLANK_RUN.fullmatch(part) else re.escape(part)
        for part in _BLANK_RUN.split(core)
        if part
    )
    return re.fullmatch(pattern, words) is not None
