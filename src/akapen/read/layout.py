"""Text that sits at places on pages (a PDF's text layer, a Word file made from one) → paragraphs.

A PDF has no paragraphs, only characters at coordinates; LibreOffice's PDF import turns each printed line
(often each run of one font) into its own positioned text box. Both readers hand this module
:class:`Fragment` records, and it rebuilds what the author wrote, from geometry alone:

1. fragments on one page whose vertical middles fall in one band are a printed **line**, read left to
   right; a gap wider than a character between them is a space;
2. lines repeated at the same height on many pages, or a page number in the top or bottom margin, are
   **running headers, footers and page numbers**: left out of the contract, listed as not compared;
3. a line that reaches the right margin **wraps** into the next one, unless the next one starts a new
   unit (条, 項, 号, a bullet, a heading: the markers segmentation reads), changes font size, starts
   further left, or is more than a line's spacing below; wrapped lines are joined without a space
   (Japanese has none between lines), or with one between two Latin letters.

Coordinates are top-down in any one unit per source (points for a PDF, EMU for a Word file).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from akapen.segment import opens_unit

__all__ = ["Fragment", "Page", "Rebuilt", "is_page_number", "rebuild", "running_key"]


class Fragment(NamedTuple):
    """Text at one place: a character (PDF), a text box's line (Word from PDF), or a printed line
    rebuilt from them."""

    page: int
    left: float
    top: float
    right: float
    bottom: float
    text: str

    @property
    def height(self) -> float:
        return self.bottom - self.top


class Page(NamedTuple):
    """A page's height, in the fragments' unit (for telling the top and bottom margins)."""

    height: float


class Rebuilt(NamedTuple):
    paragraphs: tuple[str, ...]
    running: tuple[tuple[str, str], ...]
    """``(where, text)`` of each header, footer or page-number line left out (``header``/``footer``)."""


_Line = Fragment
"""A printed line: the fragments of one band of a page, left to right."""


# A page's outer eighth holds its running header and footer; a body line never lives there alone.
_MARGIN = 0.12
# A page number as printed: 「3」「- 3 -」「3/12」「3 / 12 ページ」「Page 3」「第3頁」.
_PAGE_NUMBER = re.compile(
    r"^[-－―–—\s]*(?:page\s*|p\.\s*|第\s*)?[0-9０-９]+(?:\s*[/／]\s*[0-9０-９]+)?\s*(?:頁|ページ)?[-－―–—\s]*$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"[0-9０-９]+")
_SPACES = re.compile(r"[ \t\u3000]+")
_LATIN = re.compile(r"[A-Za-z0-9]")
_ASCII = re.compile(r"[!-~]")


def rebuild(fragments: Iterable[Fragment], pages: Sequence[Page]) -> Rebuilt:
    """The paragraphs the fragments print, in reading order, and the running lines left out."""
    lines = _lines(fragments)
    if not lines:
        return Rebuilt((), ())
    # The unit of every distance below: the body text's line height (the median line's).
    unit = max(sorted(line.height for line in lines)[len(lines) // 2], 1e-9)
    body, running = _without_running(lines, pages, unit)
    return Rebuilt(tuple(_paragraphs(body, unit)), running)


def _lines(fragments: Iterable[Fragment]) -> list[_Line]:
    """Group fragments into printed lines. Fragments come in the order the file draws them, which for
    every producer we know is reading order line by line (LibreOffice's PDF import orders its boxes by
    their top, so a line's digits in another font, a little higher, come first); a fragment whose middle
    is outside the current line's band, or one on another page, starts a new line. Within a line they
    are sorted left to right."""
    lines: list[list[Fragment]] = []
    current: list[Fragment] = []
    top = bottom = 0.0
    for fragment in fragments:
        if not fragment.text:
            continue
        if current and current[0].page == fragment.page:
            middle = (fragment.top + fragment.bottom) / 2
            if top <= middle <= bottom:
                current.append(fragment)
                continue
        current = [fragment]
        lines.append(current)
        # The band is the first fragment's: a line's later characters may be taller (a bracket, a
        # superscript) without pulling the next line into it.
        top, bottom = fragment.top, fragment.bottom
    return [_line(group) for group in lines]


def _line(group: list[Fragment]) -> _Line:
    group = sorted(group, key=lambda f: f.left)
    height = max(f.bottom - f.top for f in group)
    parts: list[str] = []
    previous: Fragment | None = None
    for fragment in group:
        if previous is not None:
            gap = fragment.left - previous.right
            before, after = previous.text[-1:], fragment.text[:1]
            if before.isspace() or after.isspace():
                pass
            elif gap >= height * 0.9:  # a full-width space's width, or more
                ascii = _ASCII.match(before) and _ASCII.match(after)
                parts.append(" " if ascii else "\u3000")
            elif gap >= height * 0.25 and (_ASCII.match(before) or _ASCII.match(after)):
                parts.append(" ")  # a half-width space: 「2 甲又は乙は」
            elif gap >= height * 0.15 and _ASCII.match(before) and _ASCII.match(after):
                parts.append(" ")  # a word space between letters, digits or signs: 「- 3 -」
        parts.append(fragment.text)
        previous = fragment
    text = re.sub(r"(?<=\S) {2,}", " ", "".join(parts)).strip(" ")
    return _Line(
        group[0].page,
        group[0].left,
        min(f.top for f in group),
        max(f.right for f in group),
        max(f.bottom for f in group),
        text,
    )


def _without_running(
    lines: list[_Line], pages: Sequence[Page], unit: float
) -> tuple[list[_Line], tuple[tuple[str, str], ...]]:
    """Drop running headers and footers: lines in a page's top or bottom margin that repeat (digits
    aside: 「- 3 -」 is the same line as 「- 4 -」) at the same height on at least half the pages, and
    page numbers in the margins even on a single page."""

    def key(line: _Line) -> tuple[int, str]:
        return round(line.top / unit * 2), running_key(line.text)

    on_pages: dict[tuple[int, str], set[int]] = defaultdict(set)
    for line in lines:
        if _in_margin(line, pages):
            on_pages[key(line)].add(line.page)
    pages_read = len({line.page for line in lines})
    repeated = {k for k, seen in on_pages.items() if len(seen) >= max(2, (pages_read + 1) // 2)}
    body: list[_Line] = []
    running: list[tuple[str, str]] = []
    for line in lines:
        where = _in_margin(line, pages)
        if where and (key(line) in repeated or is_page_number(line.text)):
            running.append((where, line.text))
        else:
            body.append(line)
    return body, tuple(running)


def running_key(text: str) -> str:
    """What a running header or footer keeps from page to page: its text, digits and spaces aside."""
    return _SPACES.sub("", _DIGITS.sub("#", text))


def is_page_number(text: str) -> bool:
    """「3」「- 3 -」「3/12」「Page 3」「第3頁」: a page number and nothing else."""
    return _PAGE_NUMBER.match(text) is not None


def _in_margin(line: _Line, pages: Sequence[Page]) -> str:
    height = pages[line.page].height if line.page < len(pages) else 0.0
    if height <= 0:
        return ""
    if line.top <= height * _MARGIN:
        return "header"
    if line.bottom >= height * (1 - _MARGIN):
        return "footer"
    return ""


def _paragraphs(lines: list[_Line], unit: float) -> list[str]:
    if not lines:
        return []
    # The right margin is where most lines end (justified text ends every full line there), not where
    # the longest one does (a table can be wider than the text).
    rights = Counter(round(line.right / unit) for line in lines)
    column = max(rights.items(), key=lambda kv: (kv[1], kv[0]))[0] * unit
    paragraphs: list[str] = []
    first: _Line = lines[0]
    previous: _Line = lines[0]
    text = lines[0].text
    for line in lines[1:]:
        if _wraps(previous, line, first, column, unit):
            joint = " " if _LATIN.match(text[-1:]) and _LATIN.match(line.text[:1]) else ""
            text += joint + line.text
        else:
            paragraphs.append(text)
            first, text = line, line.text
        previous = line
    paragraphs.append(text)
    return paragraphs


def _wraps(previous: _Line, line: _Line, first: _Line, column: float, unit: float) -> bool:
    """Whether ``line`` carries on the paragraph whose last line so far is ``previous``."""
    height = max(previous.height, 1e-9)
    # A line that wraps ends within a character of the margin, or two where the space it broke at is
    # not printed, unless its next word would not fit (a wrap never breaks 「ルール」 or a Latin word).
    if previous.right + _first_word(line.text) * unit < column - 2.2 * unit:
        return False  # the next line's first word would have fitted: the paragraph ended there
    if abs(line.height - previous.height) > 0.3 * height:
        return False  # another font size: a heading, a title, a footnote
    if line.left < first.left - 0.5 * height:
        return False
    if previous is not first and line.left > previous.left + 0.5 * height:
        return False  # a paragraph's wrapped lines all start where its second line did
    if line.page == previous.page and line.top - previous.bottom > 1.2 * height:
        return False  # a blank line's worth of space: a new paragraph
    if line.page != previous.page and line.page != previous.page + 1:
        return False
    # 「…遅延損害金）、」 then 「第12条（不保証）、…」: a wrapped list of references, not an article.
    return previous.text.rstrip().endswith(_GOES_ON) or not opens_unit(line.text)


_GOES_ON = tuple("、，,（(「『・")
"""What no paragraph ends with: a line that does carries on, whatever the next line starts with."""


# A wrapped line ends short when its next word did not fit: a run of katakana or Latin letters is not
# broken (「ルール」, 「Slack」); any other Japanese character can start a line on its own.
_WORD = re.compile(r"[\u30a0-\u30ffー]+|[A-Za-z0-9_.,'’-]+")


def _first_word(text: str) -> float:
    """The width, in characters of the body font, of the word a line starts with."""
    m = _WORD.match(text)
    if m is None:
        return 1.0
    word = m.group()
    return float(len(word)) if word[0] >= "\u30a0" else len(word) * 0.55
