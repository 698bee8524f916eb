"""Plain-text contracts (``.txt``, ``.md``): bytes → :class:`~akapen.model.Source`, one block per line.

Japanese text files come as UTF-8 (with or without BOM), UTF-16 from Windows tools, Shift_JIS from older
ones, or EUC-JP from older Unix ones; the encoding is detected, never asked for. Nothing is normalised:
blocks hold the characters exactly as the file has them, so offsets into them are offsets into the
contract as written.

Text extracted from a PDF (pdftotext, copy from a viewer) carries the pages' running headers, footers
and page numbers as lines of their own: they are left out and listed as not compared (see
:func:`_running`).
"""

from __future__ import annotations

import codecs
import itertools
import re

from akapen.errors import InputError
from akapen.model import Block, Source
from akapen.read.layout import is_page_number, running_key
from akapen.segment import opens_unit

__all__ = ["parse_text"]

# Only a BOM tells UTF-16 apart: without one, its NUL bytes make the file look binary, and it is rejected.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)
# cp932 rather than shift_jis: Windows writes Shift_JIS with NEC/IBM extensions (①, ㈱, 髙) that strict
# Shift_JIS cannot decode. euc_jis_2004 after euc_jp: it reads the same JIS X 0208 codes, and also the
# row-13 symbols (①, ㈱) EUC-JP files from Windows-minded tools carry; euc_jp first because the two read
# the rare 3-byte (JIS X 0212) kanji differently.
_LEGACY = ("cp932", "euc_jp", "euc_jis_2004")
_HALF_WIDTH_KATAKANA = frozenset(map(chr, range(0xFF61, 0xFFA0)))


def parse_text(data: bytes, path: str) -> Source:
    """Decode a text file and make one :class:`Block` per non-blank line.

    Lines end where :meth:`str.splitlines` ends them (so a form feed from a PDF export ends one too). A
    block's text is its line without the line ending and trailing whitespace; leading spaces (全角 or 半角),
    which carry indentation, are kept. ``Source.encoding`` records the detected encoding as a Python codec
    name: ``utf-8``, ``utf-8-sig`` (with BOM), ``utf-16-le``/``utf-16-be`` (the file had a BOM), ``cp932``,
    ``euc_jp`` or ``euc_jis_2004``.
    """
    text, encoding = _decode(data, path)
    pages = [
        [line for line in (raw.rstrip() for raw in page.splitlines()) if line] for page in text.split("\f")
    ]
    running = _running(pages)
    if len(running) == sum(len(page) for page in pages):
        running = {}  # nothing but furniture is no page of a contract: the lines are the text
    lines = [line for p, page in enumerate(pages) for i, line in enumerate(page) if (p, i) not in running]
    blocks = tuple(Block(index=i, text=line) for i, line in enumerate(lines))
    if not blocks:
        raise InputError(f"{path} contains no text")
    left_out = tuple(
        (running[p, i], page[i].strip())
        for p, page in enumerate(pages)
        for i in range(len(page))
        if (p, i) in running
    )
    return Source(path=path, kind="text", blocks=blocks, encoding=encoding, not_compared=left_out)


# A running line is short and no sentence; one that recurs without page breaks is that far apart at least.
_RUNNING_LENGTH = 40
_RUNNING_GAP = 20
_ASCII_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _running(pages: list[list[str]]) -> dict[tuple[int, int], str]:
    """``(page, line) → header|footer`` of the lines that are the pages' furniture, not the contract.

    With page breaks (form feeds, as pdftotext writes them): the first two and last two lines of each
    page that recur, digits aside, on at least half the pages, and page numbers there. Without them:
    page numbers that count up (1, 2, 3 … on lines of their own), and a short line that is no sentence
    and starts nothing (「秘密」, 「社外秘」) recurring at least three times, each twenty lines apart.
    """
    found: dict[tuple[int, int], str] = {}
    if len(pages) >= 2:
        for where, ends in (("header", _first_two), ("footer", _last_two)):
            places = [(p, i) for p, page in enumerate(pages) for i in ends(len(page))]
            seen: dict[str, set[int]] = {}
            for p, i in places:
                seen.setdefault(running_key(pages[p][i].strip()), set()).add(p)
            enough = max(2, (len(pages) + 1) // 2)
            for p, i in places:
                line = pages[p][i].strip()
                if is_page_number(line) or (
                    len(line) <= _RUNNING_LENGTH and len(seen[running_key(line)]) >= enough
                ):
                    found.setdefault((p, i), where)
        return found
    lines = pages[0] if pages else []
    numbers = [
        (i, int(number.group()))
        for i, line in enumerate(lines)
        if is_page_number(line) and (number := re.search(r"[0-9]+", line.translate(_ASCII_DIGITS)))
    ]
    for (i, n), (j, next_n) in itertools.pairwise(numbers):
        if next_n == n + 1 and j - i >= _RUNNING_GAP:
            found[0, i] = found[0, j] = "footer"
    at: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        text = line.strip()
        if len(text) <= _RUNNING_LENGTH and not text.endswith("。") and not opens_unit(text):
            at.setdefault(text, []).append(i)
    for rows in at.values():
        if len(rows) >= 3 and all(b - a >= _RUNNING_GAP for a, b in itertools.pairwise(rows)):
            found.update({(0, i): "header" for i in rows})
    return found


def _decode(data: bytes, path: str) -> tuple[str, str]:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return _text(data[len(bom) :], codec, path), name
            except UnicodeDecodeError:
                raise _not_text(path) from None
    try:
        return _text(data, "utf-8", path), "utf-8"
    except UnicodeDecodeError:
        pass
    decoded = []
    for codec in _LEGACY:
        try:
            decoded.append((_text(data, codec, path), codec))
        except UnicodeDecodeError:
            continue
    if not decoded:
        raise _not_text(path)
    # EUC-JP bytes of hiragana decode as CP932 as well, into half-width katakana (ただし → ､ｿ､ﾀ､ｷ), which a
    # contract has few of; CP932 bytes of any hiragana or most kanji are not EUC-JP at all. So of the
    # codecs that decode the file, the one that reads the fewest half-width katakana is right.
    return min(decoded, key=lambda d: sum(c in _HALF_WIDTH_KATAKANA for c in d[0]))


def _text(raw: bytes, codec: str, path: str) -> str:
    text = raw.decode(codec)
    # No text document contains NUL; every candidate codec would decode it alike.
    if "\x00" in text:
        raise _not_text(path)
    return text


def _not_text(path: str) -> InputError:
    return InputError(
        f"{path} is not a text document (not UTF-8, UTF-16, Shift_JIS/CP932 or EUC-JP); save it as UTF-8"
    )


def _first_two(count: int) -> range:
    return range(min(2, count))


def _last_two(count: int) -> range:
    return range(max(0, count - 2), count)
