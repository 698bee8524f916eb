"""Writers: the tracked-changes .docx, and writing any output file safely."""

from akapen.write.atomic import write_atomic
from akapen.write.tracked import build_redline, expected_paragraphs

__all__ = ["build_redline", "expected_paragraphs", "write_atomic"]
