"""Plain-text contracts (``.txt``, ``.md``): bytes → :class:`~akapen.model.Source`, one block per line.

Japanese text files come as UTF-8 (with or without BOM), UTF-16 from Windows tools, Shift_JIS from older
ones, or EUC-JP from older Unix ones; the encoding is detected, never asked for. Nothing is normalised:
blocks hold the characters exactly as the file has them, so offsets into them are offsets into the
contract as written.
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
    lines = (line.rstrip() for line in text.splitlines())
    blocks = tuple(Block(index=i, text=line) for i, line in enumerate(line for line in lines if line))
    if not blocks:
        raise InputError(f"{path} contains no text")
    return Source(path=path, kind="text", blocks=blocks, encoding=encoding)


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
