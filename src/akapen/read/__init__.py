"""Readers: a contract file → :class:`~akapen.model.Source` (the first stage of the pipeline).

:func:`read_source` does the file I/O once and picks the reader by suffix; :func:`parse_docx` and
:func:`parse_text` are pure functions of the file's bytes.
"""

from __future__ import annotations

import os
from pathlib import Path

from akapen.errors import InputError
from akapen.model import Source
from akapen.read.docx import legacy_doc_message, parse_docx
from akapen.read.text import parse_text

__all__ = ["parse_docx", "parse_text", "read_source"]

# Macro-enabled documents and templates are the same WordprocessingML package; only the document is read.
_WORD_SUFFIXES = frozenset({".docx", ".docm", ".dotx", ".dotm"})
_TEXT_SUFFIXES = frozenset({".txt", ".md", ".text"})


def read_source(path: str | os.PathLike[str]) -> Source:
    """Read a Word (``.docx``, ``.docm``, ``.dotx``, ``.dotm``) or plain-text (``.txt``, ``.md``, ``.text``)
    contract. Anything that cannot be read as one raises :class:`~akapen.errors.InputError` saying why."""
    name = os.fspath(path)
    file = Path(name)
    suffix = file.suffix.lower()
    if not file.exists():
        raise InputError(f"{name} does not exist")
    if file.is_dir():
        raise InputError(f"{name} is a folder, not a file")
    if suffix == ".doc":
        raise InputError(legacy_doc_message(name))
    if suffix not in _WORD_SUFFIXES | _TEXT_SUFFIXES:
        raise InputError(
            f"{name}: cannot read {f'{suffix} files' if suffix else 'files without a suffix'}; akapen reads "
            "Word documents (.docx, .docm, .dotx, .dotm) and plain text (.txt, .md, .text)"
        )
    try:
        data = file.read_bytes()
    except OSError as e:
        raise InputError(f"{name} cannot be read ({e.strerror})") from e
    if not data:
        raise InputError(f"{name} is empty")
    return parse_docx(data, name) if suffix in _WORD_SUFFIXES else parse_text(data, name)
