"""Readers: a contract file → :class:`~akapen.model.Source` (the first stage of the pipeline).

:func:`read_source` does the file I/O once and picks the reader by suffix; :func:`parse_docx`,
:func:`parse_pdf` and :func:`parse_text` are pure functions of the file's bytes.
"""

from __future__ import annotations

import os
from pathlib import Path

from akapen.errors import InputError
from akapen.model import Source
from akapen.read.docx import legacy_doc_message, parse_docx
from akapen.read.package import MAX_INFLATED_BYTES
from akapen.read.pdf import parse_pdf
from akapen.read.text import parse_text

__all__ = ["MAX_BLOCKS", "MAX_CHARACTERS", "parse_docx", "parse_pdf", "parse_text", "read_source"]

MAX_CHARACTERS = 1_000_000
"""The longest text akapen compares: about 700 pages, several times the longest contract. Beyond it the
comparison would take minutes and gigabytes, so the file is refused up front."""
MAX_BLOCKS = 50_000
"""The most paragraphs (Word) or non-blank lines (text) akapen compares, for the same reason: time and
memory grow with them even when each is one character long."""
# Any text encoding spends at least one byte per character, and lines of nothing but white space are
# not text: a text file this large cannot be under MAX_CHARACTERS in any realistic way. Word files are
# zip packages, limited by what they inflate to.
_MAX_TEXT_BYTES = 4 * MAX_CHARACTERS

# Macro-enabled documents and templates are the same WordprocessingML package; only the document is read.
_WORD_SUFFIXES = frozenset({".docx", ".docm", ".dotx", ".dotm"})
_TEXT_SUFFIXES = frozenset({".txt", ".md", ".text"})
_PDF_SUFFIX = ".pdf"


def read_source(path: str | os.PathLike[str]) -> Source:
    """Read a Word (``.docx``, ``.docm``, ``.dotx``, ``.dotm``), PDF (``.pdf``, its text layer) or
    plain-text (``.txt``, ``.md``, ``.text``) contract. Anything that cannot be read as one raises :class:`~akapen.errors.InputError` saying why."""
    name = os.fspath(path)
    file = Path(name)
    suffix = file.suffix.lower()
    if not file.exists():
        raise InputError(f"{name} does not exist")
    if file.is_dir():
        raise InputError(f"{name} is a folder, not a file")
    if suffix == ".doc":
        raise InputError(legacy_doc_message(name))
    if suffix not in _WORD_SUFFIXES | _TEXT_SUFFIXES | {_PDF_SUFFIX}:
        raise InputError(
            f"{name}: cannot read {f'{suffix} files' if suffix else 'files without a suffix'}; akapen reads "
            "Word documents (.docx, .docm, .dotx, .dotm), PDF (.pdf) and plain text (.txt, .md, .text)"
        )
    word = suffix in _WORD_SUFFIXES
    text = suffix in _TEXT_SUFFIXES
    try:
        size = file.stat().st_size
        if size > (_MAX_TEXT_BYTES if text else MAX_INFLATED_BYTES):
            raise InputError(f"{name} is {size // 1024 // 1024} MB; {_TOO_LONG}")
        data = file.read_bytes()
    except OSError as e:
        raise InputError(f"{name} cannot be read ({e.strerror})") from e
    if not data:
        raise InputError(f"{name} is empty (0 bytes); is it the right file?")
    source = parse_docx(data, name) if word else parse_text(data, name) if text else parse_pdf(data, name)
    characters = sum(len(block.text) for block in source.blocks)
    if characters > MAX_CHARACTERS:
        raise InputError(f"{name} has {characters:,} characters of text; {_TOO_LONG}")
    if len(source.blocks) > MAX_BLOCKS:
        unit = "lines" if text else "paragraphs"
        raise InputError(f"{name} has {len(source.blocks):,} {unit}; {_TOO_LONG}")
    return source


_TOO_LONG = (
    f"akapen compares up to {MAX_CHARACTERS:,} characters or {MAX_BLOCKS:,} paragraphs (about 700 "
    "pages): compare the contract without its attachments, or part by part"
)
