"""Plain-text contracts (``.txt``, ``.md``): bytes → :class:`~akapen.model.Source`, one block per line.

Japanese text files come as UTF-8 (with or without BOM), UTF-16 from Windows tools, or Shift_JIS from older
ones; the encoding is detected, never asked for. Nothing is normalised: blocks hold the characters exactly as
the file has them, so offsets into them are offsets into the contract as written.
"""

from __future__ import annotations

import codecs

from akapen.errors import InputError
from akapen.model import Block, Source

__all__ = ["parse_text"]

# Only a BOM tells UTF-16 apart: without one, its NUL bytes make the file look binary, and it is rejected.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)
# cp932 rather than shift_jis: Windows writes Shift_JIS with NEC/IBM extensions (①, ㈱, 髙) that strict
# Shift_JIS cannot decode.
_WITHOUT_BOM = ("utf-8", "cp932")


def parse_text(data: bytes, path: str) -> Source:
    """Decode a text file and make one :class:`Block` per non-blank line.

    Lines end where :meth:`str.splitlines` ends them (so a form feed from a PDF export ends one too). A
    block's text is its line without the line ending and trailing whitespace; leading spaces (全角 or 半角),
    which carry indentation, are kept. ``Source.encoding`` records the detected encoding as a Python codec
    name: ``utf-8``, ``utf-8-sig`` (with BOM), ``utf-16-le``/``utf-16-be`` (the file had a BOM) or ``cp932``.
    """
    text, encoding = _decode(data, path)
    lines = (line.rstrip() for line in text.splitlines())
    blocks = tuple(Block(index=i, text=line) for i, line in enumerate(line for line in lines if line))
    if not blocks:
        raise InputError(f"{path} contains no text")
    return Source(path=path, kind="text", blocks=blocks, encoding=encoding)


def _decode(data: bytes, path: str) -> tuple[str, str]:
    candidates: tuple[tuple[bytes, str, str], ...]
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            candidates = ((data[len(bom) :], codec, name),)
            break
    else:
        candidates = tuple((data, codec, codec) for codec in _WITHOUT_BOM)
    for raw, codec, name in candidates:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        # No text document contains NUL; every candidate codec would decode it alike, so stop here.
        if "\x00" not in text:
            return text, name
        break
    raise InputError(
        f"{path} is not a text document (not UTF-8, UTF-16 or Shift_JIS/CP932); save it as UTF-8"
    )
