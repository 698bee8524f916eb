"""The one Sudachi tokenizer: loaded once per process, on first use (commands that never compare text
never pay for the dictionary).

Split mode C keeps compounds whole (デジタル庁, 損害賠償請求), so a revision is always a whole word.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any, NamedTuple

__all__ = ["Token", "tokenize"]

# Sudachi refuses inputs above ~49 KB of UTF-8; paragraphs longer than this are tokenised in pieces
# cut after a 。 (or anywhere, for a pathological run without one).
_CHUNK = 4000


class Token(NamedTuple):
    """A morpheme of a text: its surface ``text[start:end]`` and the key it is compared by.

    A named tuple rather than a dataclass: a long contract has tens of thousands of tokens, and a tuple
    is made several times faster than a frozen dataclass."""

    surface: str
    key: str
    """Sudachi's normalized form, NFKC-folded, with every kind of white space as one space: two tokens
    with the same key differ only in 表記ゆれ (ただちに/直ちに, 及び/および, ６/6, ヶ月/か月)."""
    start: int
    end: int
    numeral: bool
    """The token is a number (12, 十二, ６)."""


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    from sudachipy import Dictionary, SplitMode

    return Dictionary().tokenizer(SplitMode.C)


@lru_cache(maxsize=65536)
def tokenize(text: str) -> tuple[Token, ...]:
    """Morphemes of ``text`` covering it exactly, in order. Cached: each paragraph is analysed once."""
    tokens: list[Token] = []
    offset = 0
    for chunk in _chunks(text):
        for m in _tokenizer().tokenize(chunk):
            surface = m.surface()
            if not surface:
                continue
            start = offset + m.begin()
            tokens.append(
                Token(
                    surface,
                    _key(surface, m.normalized_form()),
                    start,
                    start + len(surface),
                    m.part_of_speech()[1] == "数詞",
                )
            )
        offset += len(chunk)
    return tuple(tokens)


@lru_cache(maxsize=65536)
def _key(surface: str, normalized: str) -> str:
    # Cached: a contract uses a few thousand distinct words, each many times over.
    if surface.isspace():
        return " "
    return unicodedata.normalize("NFKC", normalized)


def _chunks(text: str) -> list[str]:
    if len(text) <= _CHUNK:
        return [text]
    chunks = []
    start = 0
    while start < len(text):
        end = min(start + _CHUNK, len(text))
        if end < len(text):
            cut = text.rfind("。", start, end)
            end = cut + 1 if cut > start else end
        chunks.append(text[start:end])
        start = end
    return chunks
