"""The comparison of aligned clauses: each 項, 号, heading and part of the model beside its draft
counterpart, with their word diff — what the review reads.

The planner (plan.py) makes these while it decides the output paragraphs; the review reads them, not
the paragraphs, so it judges clauses as the two contracts have them, whatever the output layout.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from akapen.diff import Edit
from akapen.model import Anchor, Role, Spans

__all__ = ["Compared", "span_at", "starts_of"]


@dataclass(frozen=True)
class Compared:
    """One line of the comparison as the review reads it: model and draft text side by side."""

    model_ref: str | None
    draft_ref: str | None
    model_text: str
    """The model line as compared (a template resolved against the draft); "" for a draft-only line."""
    draft_text: str
    """"" for a model-only line."""
    model_article: int | None
    draft_article: int | None
    role: Role
    edits: tuple[Edit, ...]
    """The word diff of a paired line (model_text → draft_text); empty for a one-sided line."""
    spans: Spans
    """The draft line's spans (for a model-only line: the model line's)."""
    model_only: bool = False

    def anchor(self, start: int, end: int) -> Anchor | None:
        """Where characters ``[start, end)`` of ``draft_text`` are in the output (for a model-only line:
        the deleted paragraph that restores it)."""
        if not self.spans:
            return None
        if self.model_only:
            return Anchor(None, model_block=self.spans[0].block)
        starts = starts_of(self.spans)
        k = span_at(starts, start, len(self.spans))
        span = self.spans[k]
        at = span.start + min(start - starts[k], span.end - span.start)
        return Anchor(span.block, at, min(span.end, at + max(end - start, 0)))

    def runs(
        self, side: Literal["model", "draft"]
    ) -> list[tuple[str, Literal["plain", "deleted", "inserted"]]]:
        """One side's text cut where it differs from the other: the model's deleted words, the draft's
        inserted ones. Only substantive differences are marked; 表記ゆれ and renumbering read as plain."""
        text = self.model_text if side == "model" else self.draft_text
        mark: Literal["deleted", "inserted"] = "deleted" if side == "model" else "inserted"
        if not text:
            return []
        if not self.edits:  # a line only one side has
            return [(text, mark)]
        shown = "delete" if side == "model" else "insert"
        return [
            (e.text, mark if e.op == shown and e.kind == "substantive" else "plain")
            for e in self.edits
            if e.op in ("equal", shown)
        ]

    def draft_at(self, model_offset: int) -> int:
        """Where the draft text stands for a model offset (a deletion's place)."""
        for edit in self.edits:
            if edit.op != "insert" and edit.a <= model_offset < edit.a + len(edit.text):
                return edit.b + (model_offset - edit.a if edit.op == "equal" else 0)
        return len(self.draft_text)


def starts_of(spans: Spans) -> list[int]:
    """Where each span begins in the text of the spans joined."""
    starts, offset = [], 0
    for span in spans:
        starts.append(offset)
        offset += span.end - span.start
    return starts


def span_at(starts: Sequence[int], offset: int, n: int) -> int:
    k = 0
    while k + 1 < n and starts[k + 1] <= offset:
        k += 1
    return k
