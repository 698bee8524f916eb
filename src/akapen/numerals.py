"""Numbers as Japanese contracts write them: ``12``, ``１２``, ``十二``, ``一二``, ``五百六十二``."""

from __future__ import annotations

import unicodedata

_KANJI_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
_MAN = {"万": 10_000}
KANJI_NUMERAL_CHARS = "".join(_KANJI_DIGITS) + "".join(_KANJI_UNITS) + "万"


def parse_int(text: str) -> int | None:
    """The value of a whole numeral, or None when ``text`` is not one.

    Arabic digits of any width (``１２``), positional kanji (``十二``, ``二十三``, ``五百六十二``) and
    digit-by-digit kanji (``一二``, ``二〇``) are understood.
    """
    text = text.strip()
    if not text:
        return None
    if all(unicodedata.category(c) == "Nd" for c in text):
        return int(unicodedata.normalize("NFKC", text))
    if all(c in KANJI_NUMERAL_CHARS for c in text):
        return _kanji(text)
    return None


def _kanji(text: str) -> int | None:
    if not any(c in _KANJI_UNITS or c in _MAN for c in text):
        # Digit-by-digit form (一二 = 12), as ideographDigital list numbering renders it.
        return int("".join(str(_KANJI_DIGITS[c]) for c in text))
    total = section = 0
    digit: int | None = None
    for c in text:
        if c in _KANJI_DIGITS:
            if digit is not None:
                return None  # two digits in a row inside a positional numeral: not a numeral
            digit = _KANJI_DIGITS[c]
        elif c in _KANJI_UNITS:
            section += (1 if digit is None else digit) * _KANJI_UNITS[c]
            digit = None
        else:  # 万
            total += (section + (digit or 0)) * _MAN[c]
            section, digit = 0, None
    return total + section + (digit or 0)
