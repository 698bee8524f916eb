"""WordprocessingML: the one place that reads and builds ``w:`` XML.

- :mod:`~akapen.ooxml.walk`: which ``w:p`` are the blocks and which characters they hold (shared by the
  DOCX reader and the writer, so block indices and offsets agree);
- :mod:`~akapen.ooxml.views`: the text Accept All / Reject All leave (the writer's self-check);
- :mod:`~akapen.ooxml.runs`: cutting runs at offsets, new runs and paragraphs;
- :mod:`~akapen.ooxml.revisions`: ``w:ins``, ``w:del``/``w:delText``, paragraph marks, accepting
  the revisions a draft already has;
- :mod:`~akapen.ooxml.comments`: Word comments and their anchors;
- :mod:`~akapen.ooxml.package`: the zip, content types, relationships, ids.
"""

from akapen.ooxml.ns import NSMAP, R_NS, W_NS, qn
from akapen.ooxml.package import document_xml
from akapen.ooxml.views import accepted_paragraphs, rejected_paragraphs
from akapen.ooxml.walk import element_text, iter_blocks, iter_text, paragraph_text, view_text

__all__ = [
    "NSMAP",
    "R_NS",
    "W_NS",
    "accepted_paragraphs",
    "document_xml",
    "element_text",
    "iter_blocks",
    "iter_text",
    "paragraph_text",
    "qn",
    "rejected_paragraphs",
    "view_text",
]
