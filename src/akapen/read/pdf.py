"""PDF contracts: bytes → :class:`~akapen.model.Source`, from the text layer, one block per paragraph.

PDFium (through pypdfium2, docs/pdf.md says why) gives each character of a page with its box; the
paragraphs are rebuilt from their geometry by :mod:`akapen.read.layout`. What is refused, in one line
each: a file that is not a PDF, a damaged one, one that needs a password, one with more than
:data:`MAX_PAGES` pages, one whose compressed streams inflate past :data:`MAX_STREAM_BYTES`, and one
without a text layer (a scan), with the advice to OCR it.
"""

from __future__ import annotations

import re
import zlib
from pathlib import PurePath
from typing import Any

from akapen.errors import InputError
from akapen.model import Block, Source
from akapen.read.layout import Fragment, Page, rebuild

__all__ = ["MAX_PAGES", "MAX_STREAM_BYTES", "parse_pdf"]

MAX_PAGES = 1_000
"""More than the longest contract with its attachments (the character limit allows about 700 pages)."""
MAX_STREAM_BYTES = 256 * 1024 * 1024
"""All compressed streams together, inflated (like the Word package limit): page contents and fonts
are a few MB; pictures, which the text layer never needs, rarely more than tens of MB."""

_HEADER = b"%PDF-"
_END = b"%%EOF"
_STREAM = re.compile(rb"stream\r?\n")
_CHUNK = 1 << 20
# Characters PDFium makes up (a space for a gap, a line break at a line's end) are not the text; the
# layout module decides where spaces go. Control characters never print.
_SKIP = frozenset(chr(c) for c in range(0x20)) | {"\ufffe", "\uffff"}


def parse_pdf(data: bytes, path: str) -> Source:
    """Read a PDF's text layer into paragraphs. Pure: the bytes in, the source out."""
    name = PurePath(path).name
    if _HEADER not in data[:1024]:
        raise InputError(f"{path} is not a PDF (it does not start with %PDF-); is it the right file?")
    if _END not in data[-1024:]:
        # PDFium would repair a truncated file and read the pages it still has: half a contract.
        raise InputError(f"{path} is incomplete (it does not end with %%EOF); get the file again")
    _check_inflation(data, path)
    import pypdfium2 as pdfium  # ~0.1 s to load: only when a PDF is read

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if e.err_code == pdfium.raw.FPDF_ERR_PASSWORD:
            raise InputError(
                f"{path} is password-protected; open it and save or print it to PDF without a password"
            ) from None
        raise InputError(
            f"{path} is a damaged PDF that cannot be read; export or download it again"
        ) from None
    try:
        count = len(document)
        if count > MAX_PAGES:
            raise InputError(
                f"{path} has {count:,} pages; akapen reads PDFs of up to {MAX_PAGES:,} pages: "
                "compare the contract without its attachments, or part by part"
            )
        if count == 0:
            raise InputError(f"{path} has no pages; export it again")
        fragments, pages, images = _fragments(document)
    finally:
        document.close()
    rebuilt = rebuild(fragments, pages)
    if not any(p.strip() for p in rebuilt.paragraphs):
        scan = " (its pages are pictures: a scan)" if images else ""
        raise InputError(
            f"{path} has no text layer{scan}; akapen needs the text itself: run OCR on it first "
            f"(e.g. ocrmypdf -l jpn {name} ocr.pdf) or ask for the Word file"
        )
    blocks = tuple(Block(index=i, text=text) for i, text in enumerate(rebuilt.paragraphs))
    notes = (f"{name} is a PDF: its paragraphs were rebuilt from the page layout; check the outline",)
    return Source(path=path, kind="layout", blocks=blocks, notes=notes, not_compared=rebuilt.running)


def _fragments(document: Any) -> tuple[list[Fragment], list[Page], bool]:
    """Every printed character with its box, top-down, and whether a page without text holds a picture."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    fragments: list[Fragment] = []
    pages: list[Page] = []
    images = False
    box = raw.FS_RECTF()
    for number, page in enumerate(document):
        try:
            height = page.get_height()
            pages.append(Page(height))
            textpage = page.get_textpage()
            handle = textpage.raw
            count = raw.FPDFText_CountChars(handle)
            if count <= 0 and not images:
                images = any(obj.type == raw.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=2))
            for i in range(count):
                if raw.FPDFText_IsGenerated(handle, i) == 1:
                    continue
                char = chr(raw.FPDFText_GetUnicode(handle, i))
                if char == "\x02":  # PDFium's mark for a hyphen at a line's end: the author's hyphen
                    char = "-"
                if char in _SKIP or not raw.FPDFText_GetLooseCharBox(handle, i, ctypes.byref(box)):
                    continue
                # The loose box is the glyph's advance and the font's height, not its ink: 「、」 and
                # 「ー」 are thin and low, but take a full cell on the line of the kanji beside them.
                fragments.append(
                    Fragment(number, box.left, height - box.top, box.right, height - box.bottom, char)
                )
            textpage.close()
        except pdfium.PdfiumError as e:
            raise InputError(f"page {number + 1} cannot be read ({e}); export the PDF again") from None
        finally:
            page.close()
    return fragments, pages, images


def _check_inflation(data: bytes, path: str) -> None:
    """Refuse a PDF whose Flate streams together inflate past the limit, before PDFium inflates any
    (a few KB can inflate to gigabytes). Streams that are not Flate data are left to PDFium."""
    view = memoryview(data)
    budget = MAX_STREAM_BYTES
    for match in _STREAM.finditer(data):
        end = data.find(b"endstream", match.end())
        budget -= _inflated(view[match.end() : end if end >= 0 else len(data)], budget)
        if budget < 0:
            raise InputError(
                f"{path} inflates to more than {MAX_STREAM_BYTES // 1024 // 1024} MB; it is not an "
                "ordinary PDF (a compression bomb?): export it again"
            )


def _inflated(stream: memoryview, budget: int) -> int:
    """How many bytes the stream inflates to, counting no further than just past ``budget``."""
    inflater = zlib.decompressobj()
    size = 0
    pending: bytes | memoryview = stream
    try:
        while pending and not inflater.eof and size <= budget:
            size += len(inflater.decompress(pending, min(_CHUNK, budget + 1 - size)))
            pending = inflater.unconsumed_tail
    except zlib.error:
        return 0  # not Flate data (another filter, or none): nothing a bomb could hide in here
    return size
