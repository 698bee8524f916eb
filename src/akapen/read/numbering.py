"""Word list numbering (``word/numbering.xml``) rendered into the labels Word shows.

Many Japanese Word contracts never type ``第1条`` or ``２``: the article and paragraph (条/項) numbers
are list numbering, defined once as ``w:abstractNum/w:lvl`` (``w:lvlText w:val="第%1条"``, ``w:numFmt``,
``w:start``…) and applied to paragraphs through ``w:pPr/w:numPr`` (``w:numId``, ``w:ilvl``), directly or via
the paragraph style. The label is then not in the paragraph's text at all; :func:`list_labels` renders it
the way Word counts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

from lxml import etree

from akapen.ooxml import qn
from akapen.ooxml.ns import MC_NS
from akapen.ooxml.walk import mark_removed, next_paragraph

__all__ = ["format_number", "list_labels"]

_MAX_LEVEL = 8
_PLACEHOLDER = re.compile(r"%([1-9])")


# --- number formats (ST_NumberFormat) --------------------------------------------------------------------

_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_KANJI_DIGITS = "〇一二三四五六七八九"
_LEGAL_DIGITS = "〇壱弐参四伍六七八九"
_AIUEO = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
_AIUEO_HALF = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝ"
# The 47 kana of the poem, then ン as LibreOffice has it (no contract list gets that far anyway).
_IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセスン"
# Half-width katakana has no ヰ and ヱ, so the half-width iroha keeps their full-width forms.
_IROHA_HALF = "ｲﾛﾊﾆﾎﾍﾄﾁﾘﾇﾙｦﾜｶﾖﾀﾚｿﾂﾈﾅﾗﾑｳヰﾉｵｸﾔﾏｹﾌｺｴﾃｱｻｷﾕﾒﾐｼヱﾋﾓｾｽﾝ"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = tuple(
    zip(
        (1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1),
        ("M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"),
        strict=True,
    )
)


def _enclosed(first: int, count: int, beyond: Callable[[int], str]) -> Callable[[int], str]:
    """1..count as the consecutive code points from ``first`` (①…⑳); Word spells larger values plainly."""
    return lambda n: chr(first + n - 1) if 1 <= n <= count else beyond(n)


def _sequence(symbols: str) -> Callable[[int], str]:
    """The 10 stems (甲乙丙…) or 12 branches (子丑寅…), then plain numbers."""
    return lambda n: symbols[n - 1] if 1 <= n <= len(symbols) else str(n)


def _cyclic(letters: str) -> Callable[[int], str]:
    """Kana orders (アイウ…, イロハ…) start over after the last kana."""
    return lambda n: letters[(n - 1) % len(letters)] if n >= 1 else str(n)


def _kanji(n: int, digits: str, units: tuple[str, str, str, str], spell_one: bool) -> str:
    """Positional kanji numerals (十二, 二十三, 百五).

    ``spell_one`` writes 壱拾 rather than 拾, as legal numerals (大字) do, so nothing can be prefixed.
    """
    if n <= 0:
        return digits[0] if n == 0 else str(n)
    ten_thousands, n = divmod(n, 10_000)
    out = _kanji(ten_thousands, digits, units, spell_one) + units[0] if ten_thousands else ""
    for value, unit in zip((1000, 100, 10), units[1:], strict=True):
        count, n = divmod(n, value)
        if count:
            out += ("" if count == 1 and not spell_one else digits[count]) + unit
    return out + (digits[n] if n else "")


def _counting(n: int) -> str:
    return _kanji(n, _KANJI_DIGITS, ("万", "千", "百", "十"), spell_one=False)


def _legal(n: int) -> str:
    return _kanji(n, _LEGAL_DIGITS, ("萬", "阡", "百", "拾"), spell_one=True)


def _digit_by_digit(n: int) -> str:
    """〇一二… written digit by digit: 105 → 一〇五."""
    return "".join(_KANJI_DIGITS[int(d)] for d in str(n)) if n >= 0 else str(n)


def _letters(upper: bool) -> Callable[[int], str]:
    """A…Z, then AA, BB…: Word repeats the letter instead of counting in base 26."""
    first = ord("A" if upper else "a")
    return lambda n: chr(first + (n - 1) % 26) * ((n - 1) // 26 + 1) if n >= 1 else str(n)


def _roman(upper: bool) -> Callable[[int], str]:
    def render(n: int) -> str:
        if not 1 <= n <= 3999:
            return str(n)
        out = ""
        for value, numeral in _ROMAN:
            count, n = divmod(n, value)
            out += numeral * count
        return out if upper else out.lower()

    return render


_FORMATS: Mapping[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}" if 0 <= n < 10 else str(n),
    "decimalHalfWidth": str,
    "decimalFullWidth": lambda n: str(n).translate(_FULL_WIDTH_DIGITS),
    "decimalFullWidth2": lambda n: str(n).translate(_FULL_WIDTH_DIGITS),
    "japaneseCounting": _counting,
    # Chinese counting agrees with Japanese below 100 (十二, 二十三), as far as contract lists ever go.
    "chineseCounting": _counting,
    "chineseCountingThousand": _counting,
    "japaneseLegal": _legal,
    "japaneseDigitalTenThousand": _digit_by_digit,
    "ideographDigital": _digit_by_digit,
    "decimalEnclosedCircle": _enclosed(0x2460, 20, str),
    "decimalEnclosedCircleChinese": _enclosed(0x2460, 20, str),
    "decimalEnclosedParen": _enclosed(0x2474, 20, lambda n: f"({n})"),
    "decimalEnclosedFullstop": _enclosed(0x2488, 20, lambda n: f"{n}."),
    "ideographEnclosedCircle": _enclosed(0x3280, 10, str),
    "aiueo": _cyclic(_AIUEO_HALF),
    "aiueoFullWidth": _cyclic(_AIUEO),
    "iroha": _cyclic(_IROHA_HALF),
    "irohaFullWidth": _cyclic(_IROHA),
    "ideographTraditional": _sequence(_HEAVENLY_STEMS),
    "ideographZodiac": _sequence(_EARTHLY_BRANCHES),
    "upperLetter": _letters(upper=True),
    "lowerLetter": _letters(upper=False),
    "upperRoman": _roman(upper=True),
    "lowerRoman": _roman(upper=False),
    "none": lambda n: "",
    # A bullet level shows its lvlText as is; another level's %N pointing at it shows nothing.
    "bullet": lambda n: "",
}


def format_number(value: int, fmt: str) -> str:
    """Spell ``value`` in the Word number format ``fmt`` (``w:numFmt/@w:val``).

    ``japaneseCounting`` 12 → 十二, ``decimalFullWidth`` 12 → １２, ``decimalEnclosedCircle`` 13 → ⑬,
    ``iroha`` 3 → ﾊ. Unknown formats are spelled as decimal.
    """
    return _FORMATS.get(fmt, str)(value)


# --- numbering definitions ---------------------------------------------------------------------------------


class _Level(NamedTuple):
    """One ``w:lvl``: how a level of a list counts and what its label looks like."""

    fmt: str
    text: str
    start: int
    restart: int | None
    """``w:lvlRestart``: the 1-based level whose use restarts this one (0: never; None: any higher level)."""
    legal: bool
    """``w:isLgl``: the label spells every level in decimal (``第1.2条`` even under a kanji article level)."""
    style: str | None
    """``w:pStyle``: the paragraph style that carries this level when the style does not say which."""


class _Instance(NamedTuple):
    """One ``w:num``: an abstract list with its per-instance overrides."""

    abstract: str
    levels: Mapping[int, _Level]
    starts: Mapping[int, int]
    """``w:lvlOverride/w:startOverride``: levels this instance restarts the first time it uses them."""


class _StyleNumbering(NamedTuple):
    num_id: str | None
    ilvl: str | None
    based_on: str | None


def _val(parent: etree._Element | None, path: str) -> str | None:
    if parent is None:
        return None
    el = parent.find(path)
    return None if el is None else el.get(qn("w:val"))


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _num_fmt(lvl: etree._Element) -> str:
    fmt = _val(lvl, qn("w:numFmt"))
    if fmt is None:
        # Word 2010 wraps custom formats in mc:AlternateContent; the fallback is the format older readers use.
        fallback = lvl.find(f"{{{MC_NS}}}AlternateContent/{{{MC_NS}}}Fallback/{qn('w:numFmt')}")
        fmt = None if fallback is None else fallback.get(qn("w:val"))
    return fmt or "decimal"


def _level(lvl: etree._Element) -> _Level:
    restart = _val(lvl, qn("w:lvlRestart"))
    legal = lvl.find(qn("w:isLgl"))
    return _Level(
        fmt=_num_fmt(lvl),
        text=_val(lvl, qn("w:lvlText")) or "",
        start=_int(_val(lvl, qn("w:start")), 0),
        restart=None if restart is None else _int(restart, 0),
        legal=legal is not None and legal.get(qn("w:val")) not in ("0", "false", "off"),
        style=_val(lvl, qn("w:pStyle")),
    )


def _levels(parent: etree._Element) -> dict[int, _Level]:
    return {_int(lvl.get(qn("w:ilvl")), 0): _level(lvl) for lvl in parent.iterchildren(qn("w:lvl"))}


class _Definitions:
    """The lists of a document and the numbering its paragraph styles carry."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None) -> None:
        self.styles: dict[str, _StyleNumbering] = {}
        self.default_style: str | None = None
        for style in () if styles is None else styles.iterchildren(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            if style_id is None:
                continue
            ppr = style.find(qn("w:pPr"))
            self.styles[style_id] = _StyleNumbering(
                num_id=_val(ppr, f"{qn('w:numPr')}/{qn('w:numId')}"),
                ilvl=_val(ppr, f"{qn('w:numPr')}/{qn('w:ilvl')}"),
                based_on=_val(style, qn("w:basedOn")),
            )
            if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true", "on"):
                self.default_style = style_id

        abstracts: dict[str, etree._Element] = {}
        nums: dict[str, etree._Element] = {}
        for el in () if numbering is None else numbering:
            if el.tag == qn("w:abstractNum"):
                abstracts[el.get(qn("w:abstractNumId"), "")] = el
            elif el.tag == qn("w:num"):
                nums[el.get(qn("w:numId"), "")] = el
        self.instances: dict[str, _Instance] = {}
        for num_id, num in nums.items():
            abstract_id = self._linked_abstract(_val(num, qn("w:abstractNumId")), abstracts, nums)
            if abstract_id is None:
                continue
            levels = _levels(abstracts[abstract_id])
            starts: dict[int, int] = {}
            for override in num.iterchildren(qn("w:lvlOverride")):
                ilvl = _int(override.get(qn("w:ilvl")), 0)
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
                start = _val(override, qn("w:startOverride"))
                if start is not None:
                    starts[ilvl] = _int(start, 0)
            self.instances[num_id] = _Instance(abstract_id, levels, starts)

    def _linked_abstract(
        self,
        abstract_id: str | None,
        abstracts: Mapping[str, etree._Element],
        nums: Mapping[str, etree._Element],
    ) -> str | None:
        """Follow ``w:numStyleLink`` (a list that is really a list style) to the abstract list defining it."""
        seen: set[str] = set()
        while abstract_id is not None and abstract_id in abstracts and abstract_id not in seen:
            seen.add(abstract_id)
            link = _val(abstracts[abstract_id], qn("w:numStyleLink"))
            if link is None:
                return abstract_id
            style = self.styles.get(link)
            num = nums.get(style.num_id) if style is not None and style.num_id is not None else None
            abstract_id = _val(num, qn("w:abstractNumId"))
        return None

    def numbering_of(self, p: etree._Element) -> tuple[str, int] | None:
        """``(numId, ilvl)`` of a paragraph: its own ``w:numPr``, else its style's (through ``w:basedOn``)."""
        ppr = p.find(qn("w:pPr"))
        num_id = _val(ppr, f"{qn('w:numPr')}/{qn('w:numId')}")
        ilvl = _val(ppr, f"{qn('w:numPr')}/{qn('w:ilvl')}")
        style_id = _val(ppr, qn("w:pStyle")) or self.default_style
        chain: list[str] = []
        while style_id is not None and style_id in self.styles and style_id not in chain:
            chain.append(style_id)
            style = self.styles[style_id]
            num_id = num_id if num_id is not None else style.num_id
            ilvl = ilvl if ilvl is not None else style.ilvl
            style_id = style.based_on
        # numId 0 is how a paragraph switches off the numbering its style would give it.
        if num_id is None or num_id == "0" or num_id not in self.instances:
            return None
        if ilvl is None:
            # A style-linked list says which level a style carries on the level, not on the style.
            levels = self.instances[num_id].levels
            ilvl = next((str(i) for i, lvl in sorted(levels.items()) if lvl.style in chain), "0")
        level = _int(ilvl, -1)
        return (num_id, level) if 0 <= level <= _MAX_LEVEL else None


def _any_numbered(paragraphs: list[etree._Element], styles: etree._Element | None) -> bool:
    """Whether any paragraph could carry list numbering: its own w:numPr, or a paragraph style (through
    its basedOn chain) that has one."""
    numbered_styles: set[str] = set()
    based_on: dict[str, str] = {}
    default = ""
    for style in () if styles is None else styles.iterchildren(qn("w:style")):
        style_id = style.get(qn("w:styleId"), "")
        if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true", "on"):
            default = style_id
        ppr = style.find(qn("w:pPr"))
        if ppr is not None and ppr.find(qn("w:numPr")) is not None:
            numbered_styles.add(style_id)
        parent = style.find(qn("w:basedOn"))
        if parent is not None:
            based_on[style_id] = parent.get(qn("w:val"), "")
    for p in paragraphs:
        ppr = p.find(qn("w:pPr"))
        if ppr is not None and ppr.find(qn("w:numPr")) is not None:
            return True
        chosen = ppr.find(qn("w:pStyle")) if ppr is not None else None
        seen: set[str] = set()
        # No w:pStyle: the document's default paragraph style, which may be numbered too.
        style_id = chosen.get(qn("w:val"), default) if chosen is not None else default
        while style_id and style_id not in seen:
            if style_id in numbered_styles:
                return True
            seen.add(style_id)
            style_id = based_on.get(style_id, "")
    return False


def list_labels(
    paragraphs: Iterable[etree._Element],
    numbering: etree._Element | None,
    styles: etree._Element | None,
) -> tuple[str, ...]:
    """The list label of each paragraph (``第1条``, ``２``, ``(1)``; ``""`` when it has none), in order.

    ``paragraphs`` must be the document's ``w:p`` in document order, since labels count through the whole
    document. ``numbering`` and ``styles`` are the roots of ``word/numbering.xml`` and ``word/styles.xml``.
    Counters belong to the abstract list, so every ``w:num`` of one ``w:abstractNum`` continues the same
    count, as in Word, except that a ``w:startOverride`` restarts its level the first time its ``w:num`` is
    used there. Using a level restarts the deeper levels (``w:lvlRestart`` can narrow that); a level
    skipped over (a 号 straight under its 条) is not counted, as in Word (LibreOffice counts it).
    Paragraphs whose mark is a tracked deletion neither get nor take a number: labels follow the accepted
    view.
    """
    paragraphs = list(paragraphs)
    if numbering is None or not _any_numbered(paragraphs, styles):
        # Most contracts number their 条 as text: no paragraph to label, no definitions to build.
        return ("",) * len(paragraphs)
    definitions = _Definitions(numbering, styles)
    counters: dict[str, dict[int, int]] = {}
    restarted: set[tuple[str, int]] = set()
    labels: list[str] = []
    for p in paragraphs:
        # Accepted, a deleted paragraph mark joins the paragraph to the next one: one list item, not two.
        merged = mark_removed(p, "accept") and next_paragraph(p) is not None
        found = None if merged else definitions.numbering_of(p)
        if found is None or found[1] not in definitions.instances[found[0]].levels:
            labels.append("")
            continue
        num_id, ilvl = found
        instance = definitions.instances[num_id]
        counts = counters.setdefault(instance.abstract, {})
        if ilvl in instance.starts and (num_id, ilvl) not in restarted:
            restarted.add((num_id, ilvl))
            counts[ilvl] = instance.starts[ilvl]
        else:
            counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else instance.levels[ilvl].start
        for deeper in [d for d in counts if d > ilvl]:
            restart = instance.levels[deeper].restart if deeper in instance.levels else None
            if restart is None or (restart != 0 and ilvl < restart):
                del counts[deeper]
        labels.append(_render(instance.levels, ilvl, counts))
    return tuple(labels)


def _render(levels: Mapping[int, _Level], ilvl: int, counts: Mapping[int, int]) -> str:
    level = levels[ilvl]
    if level.fmt == "bullet":
        return level.text

    def number(match: re.Match[str]) -> str:
        shown = levels.get(int(match.group(1)) - 1)
        if shown is None:
            return ""
        # A level skipped over shows one less than its start: Word's familiar "1.0.1" under 第1条.
        value = counts.get(int(match.group(1)) - 1, max(shown.start - 1, 0))
        return format_number(value, "decimal" if level.legal else shown.fmt)

    return _PLACEHOLDER.sub(number, level.text)
