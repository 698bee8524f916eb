"""Word comments: the ``w:comment`` in word/comments.xml and its anchor in the document.

The anchor is ``w:commentRangeStart`` … ``w:commentRangeEnd`` followed by a run holding
``w:commentReference``. No comment styles are referenced: the draft's styles part is left untouched
and may not define them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from lxml import etree

from akapen.ooxml.ns import NSMAP, qn
from akapen.ooxml.package import COMMENTS_REL, COMMENTS_TYPE, Package
from akapen.ooxml.runs import text_element


def range_start(comment_id: int) -> etree._Element:
    return _with_id("w:commentRangeStart", comment_id)


def range_end(comment_id: int) -> etree._Element:
    return _with_id("w:commentRangeEnd", comment_id)


def reference_run(comment_id: int) -> etree._Element:
    r = etree.Element(qn("w:r"))
    r.append(_with_id("w:commentReference", comment_id))
    return r


def _with_id(tag: str, comment_id: int) -> etree._Element:
    el = etree.Element(qn(tag))
    el.set(qn("w:id"), str(comment_id))
    return el


def initials(author: str) -> str:
    """Word shows initials in the margin: the first character of each word (at most three)."""
    return "".join(word[0] for word in re.split(r"\s+", author.strip())[:3] if word).upper()


class Comment(NamedTuple):
    """One review comment (its ``w:id`` is shared with its anchor in the document)."""

    id: int
    author: str
    date: str
    text: str
    """Lines become paragraphs of the comment."""


def add_comments(package: Package, comments: Sequence[Comment]) -> None:
    """Add comments to the main document's comments part, creating the part (content type and
    relationship) when the document has none."""
    if not comments:
        return
    document = package.main_document
    name = package.related(document, COMMENTS_REL)
    if name is None or not package.has(name):
        name = package.free_name("word/comments.xml")
        package.add_xml(name, etree.Element(qn("w:comments"), nsmap=NSMAP), COMMENTS_TYPE)
        package.relate(document, COMMENTS_REL, name)
    root = package.edit(name)
    for c in comments:
        comment = etree.SubElement(root, qn("w:comment"))
        comment.set(qn("w:id"), str(c.id))
        comment.set(qn("w:author"), c.author)
        comment.set(qn("w:date"), c.date)
        comment.set(qn("w:initials"), initials(c.author))
        for i, line in enumerate(c.text.split("\n")):
            p = etree.SubElement(comment, qn("w:p"))
            if i == 0:
                etree.SubElement(etree.SubElement(p, qn("w:r")), qn("w:annotationRef"))
            etree.SubElement(p, qn("w:r")).append(text_element("w:t", line))
