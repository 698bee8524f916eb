"""akapen (赤ペン): redline a Japanese counterparty draft against a model contract, 条 by 条.

The pipeline is read → segment → align → diff → review → write; this module is its public face.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from akapen.errors import AkapenError, InputError, OutputError
from akapen.model import Article, Block, Contract, Item, Paragraph, Part, Source, Span
from akapen.outline import outline_json, outline_text
from akapen.read import read_source
from akapen.redline import Comparison, compare, normalise_date, render, report_json, summary
from akapen.segment import segment

__all__ = [
    "AkapenError",
    "Article",
    "Block",
    "Comparison",
    "Contract",
    "InputError",
    "Item",
    "OutputError",
    "Paragraph",
    "Part",
    "RedlineResult",
    "Source",
    "Span",
    "compare",
    "outline_json",
    "outline_text",
    "parse",
    "read_source",
    "redline_files",
    "segment",
]


def parse(path: str | os.PathLike[str]) -> Contract:
    """Read a .docx/.txt/.md file and segment it into its 条/項/号 tree."""
    return segment(read_source(path))


@dataclass(frozen=True)
class RedlineResult:
    """What ``redline_files`` wrote and what it found."""

    output: Path
    comparison: Comparison
    summary: str


def redline_files(
    draft: str | os.PathLike[str],
    baseline: str | os.PathLike[str],
    *,
    output: str | os.PathLike[str] | None = None,
    author: str = "相手方",
    date: str | None = None,
    json_path: str | os.PathLike[str] | None = None,
) -> RedlineResult:
    """Redline ``draft`` against ``baseline`` and write the .docx (and the JSON report), atomically.

    The output defaults to ``DRAFT-stem.redline.docx`` beside the draft. Nothing is written when any
    check fails, and an input is never overwritten.
    """
    from akapen.write.atomic import write_atomic

    draft_path, baseline_path = Path(draft), Path(baseline)
    out = Path(output) if output is not None else draft_path.with_name(f"{draft_path.stem}.redline.docx")
    targets = [out] + ([Path(json_path)] if json_path is not None else [])
    for target in targets:
        for source in (draft_path, baseline_path):
            if _same_file(target, source):
                raise OutputError(f"{target} is an input file; choose another output path with -o/--json")
    stamp = normalise_date(date)
    comparison = compare(parse(baseline_path), parse(draft_path))
    data = render(comparison, author=author, date=stamp)
    report = report_json(comparison, draft=str(draft_path), baseline=str(baseline_path))
    write_atomic(out, data)
    if json_path is not None:
        write_atomic(Path(json_path), (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode())
    return RedlineResult(out, comparison, summary(comparison))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and a.samefile(b))
    except OSError:
        return False
