"""Build real Word files for tests, with python-docx and lxml (no binary fixtures to keep in sync).

- :func:`docx_from_lines`: one plain paragraph per line.
- :func:`docx_from_body_xml`: paragraphs and tables written as WordprocessingML (tracked changes, fields…).
- :func:`docx_with_list_numbering`: a contract whose 条/項/号 numbers exist only in ``numbering.xml``.
- :func:`macro_enabled`: the same package as a ``.docm``/``.dotx``/``.dotm``, with a (fake) VBA project.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml

from akapen.ooxml import W_NS, qn

__all__ = ["docx_from_body_xml", "docx_from_lines", "docx_with_list_numbering", "macro_enabled"]

Entry = tuple[int | None, str]
"""``(level, text)``: level 0 = 条 (``第%1条``), 1 = 項 (``%2``, full-width, from 2), 2 = 号 (``(%3)``);
None = a paragraph without numbering (the unnumbered first 項 of an article)."""

# (numFmt, lvlText, start, suffix): the usual Japanese contract list. 項 starts at 2 because the article's
# first paragraph carries no number.
LEVELS = (
    ("decimal", "第%1条", 1, "nothing"),
    ("decimalFullWidth", "%2", 2, "space"),
    ("decimal", "(%3)", 1, "space"),
)
LEVEL_STYLES = ("条", "項", "号")
"""Names of the paragraph styles that carry the levels when ``via_styles`` is set."""


def docx_from_lines(lines: Iterable[str], path: Path) -> Path:
    """A document with one paragraph per line, in the template's Normal style."""
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def docx_from_body_xml(fragments: Iterable[str], path: Path) -> Path:
    """A document whose body is the given ``w:p``/``w:tbl`` elements, written with the ``w:`` prefix (the
    namespace is declared for you): ``'<w:p><w:ins …><w:r><w:t>x</w:t></w:r></w:ins></w:p>'``."""
    document = Document()
    body = document.element.body
    wrapper = parse_xml(f'<w:body xmlns:w="{W_NS}">{"".join(fragments)}</w:body>')
    for element in list(wrapper):
        body.insert(len(body) - 1, element)  # before the closing w:sectPr
    document.save(str(path))
    return path


def docx_with_list_numbering(entries: Iterable[Entry], path: Path, *, via_styles: bool = False) -> Path:
    """A contract numbered by Word list numbering only: the paragraphs hold the text, never the labels.

    With ``via_styles`` the paragraphs name a style per level (:data:`LEVEL_STYLES`) whose ``w:numPr``
    carries the numbering, as documents built on heading-like styles do; otherwise each paragraph has
    its own ``w:numPr``.
    """
    document = Document()
    numbering = document.part.numbering_part.element
    abstract_id = 1 + max(
        int(a.get(qn("w:abstractNumId"))) for a in numbering.iterchildren(qn("w:abstractNum"))
    )
    levels = "".join(
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:suff w:val="{suffix}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for ilvl, (fmt, text, start, suffix) in enumerate(LEVELS)
    )
    abstract = parse_xml(
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'
    )
    # The schema wants every w:abstractNum before the first w:num.
    numbering.insert(numbering.index(next(numbering.iterchildren(qn("w:num")))), abstract)
    num_id = numbering.add_num(abstract_id).numId

    styles = []
    if via_styles:
        for ilvl, name in enumerate(LEVEL_STYLES):
            style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            _add_num_pr(style.element.get_or_add_pPr(), num_id, ilvl)
            styles.append(style)
    for level, text in entries:
        paragraph = document.add_paragraph(text)
        if level is None:
            continue
        if via_styles:
            paragraph.style = styles[level]
        else:
            _add_num_pr(paragraph._p.get_or_add_pPr(), num_id, level)
    document.save(str(path))
    return path


def _add_num_pr(ppr: Any, num_id: int, ilvl: int) -> None:
    # Any: python-docx makes get_or_add_numPr() and friends at runtime, where its type hints cannot see them.
    num_pr = ppr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


_MAIN_TYPES = {
    ".docm": "application/vnd.ms-word.document.macroEnabled.main+xml",
    ".dotx": "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    ".dotm": "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}
_VBA_RELATIONSHIP = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
_VBA_DATA_RELATIONSHIP = "http://schemas.microsoft.com/office/2006/relationships/wordVbaData"


def macro_enabled(docx: Path, path: Path) -> Path:
    """``docx`` repackaged as ``path``'s kind (``.docm``, ``.dotx``, ``.dotm``): the main part's content type
    changed and, for the macro-enabled kinds, a VBA project (placeholder bytes) with its data part added,
    wired up the way Word does it."""
    suffix = path.suffix.lower()
    macros = suffix in (".docm", ".dotm")
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    _MAIN_TYPES[suffix].encode(),
                )
                if macros:
                    data = data.replace(
                        b"</Types>",
                        b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                        b'<Override PartName="/word/vbaData.xml" '
                        b'ContentType="application/vnd.ms-word.vbaData+xml"/></Types>',
                    )
            elif info.filename == "word/_rels/document.xml.rels" and macros:
                data = data.replace(
                    b"</Relationships>",
                    f'<Relationship Id="rIdVba" Type="{_VBA_RELATIONSHIP}" Target="vbaProject.bin"/>'
                    "</Relationships>".encode(),
                )
            target.writestr(info, data)
        if macros:
            target.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 not really a VBA project")
            target.writestr(
                "word/_rels/vbaProject.bin.rels",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f'<Relationship Id="rId1" Type="{_VBA_DATA_RELATIONSHIP}" Target="vbaData.xml"/>'
                "</Relationships>",
            )
            target.writestr(
                "word/vbaData.xml",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<wne:vbaSuppData xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml"/>',
            )
    return path
