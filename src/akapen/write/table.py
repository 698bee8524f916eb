"""The 新旧対照表: one row per aligned article — model text | draft text | findings — with the changed
words marked in the cells. Added and removed articles are rows with one side empty; articles a clause
library says nothing about are left out.

Only substantive words are marked: a 表記ゆれ or renumbering shows as plain text on each side, so the
table reads like the one a lawyer would type."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from akapen.compared import Compared
from akapen.ooxml.table import Cell, Run, table_document
from akapen.redline import Comparison, variant_message

__all__ = ["build_table"]

HEADER = ("ひな形", "相手方案", "コメント")


def build_table(comparison: Comparison, *, draft_name: str) -> bytes:
    """The .docx bytes of the 新旧対照表 for a comparison."""
    rows: list[list[Cell]] = []
    for entry, pair in enumerate(comparison.alignment.articles):
        if pair.status == "outside":
            continue
        lines = comparison.lines_of(entry)
        notes: list[list[Run]] = []
        match = comparison.variant_of(entry)
        if match is not None:
            notes.append([(variant_message(match), "note")])
        notes += [[(f.message, "note")] for f in comparison.findings_of(entry)]
        rows.append([_side(lines, "model"), _side(lines, "draft"), notes])
    subtitle = f"ひな形：{comparison.baseline.title}　／　相手方案：{Path(draft_name).name}"
    return table_document("新旧対照表", subtitle, HEADER, rows)


def _side(lines: Sequence[Compared], side: Literal["model", "draft"]) -> Cell:
    return [runs for line in lines if (runs := line.runs(side))]
