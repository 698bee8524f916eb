"""akapen (赤ペン): redline a Japanese counterparty draft against a model contract, 条 by 条.

The pipeline is read → segment → align → diff → review → write; this module is its public face.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from akapen.errors import AkapenError, InputError, OutputError
from akapen.model import Article, Baseline, Block, Contract, Item, Paragraph, Part, Source, Span
from akapen.outline import outline_json, outline_text
from akapen.read import read_source
from akapen.redline import Comparison, choose_baseline, compare, normalise_date, render, report_json, summary
from akapen.segment import segment

__all__ = [
    "AkapenError",
    "Article",
    "Baseline",
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
    "choose_baseline",
    "compare",
    "embedded_baselines",
    "load_baseline",
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


def load_baseline(spec: str | os.PathLike[str], prefer: tuple[str, ...] = ()) -> Baseline:
    """An embedded model (``sales-basic``, ``sales-inspection``…), a baseline folder, or a contract file."""
    from akapen.read.baselines import load_baseline as load

    return load(spec, prefer)


def embedded_baselines() -> tuple[Baseline, ...]:
    """Every model shipped with akapen (see ``akapen baselines``)."""
    from akapen.read.baselines import embedded_baselines as names

    return tuple(load_baseline(name) for name in names())


@dataclass(frozen=True)
class RedlineResult:
    """What ``redline_files`` wrote and what it found."""

    output: Path
    comparison: Comparison
    summary: str
    coverage: float | None = None
    """When the model was chosen automatically: the share of the draft it covers."""


def redline_files(
    draft: str | os.PathLike[str],
    baseline: str | os.PathLike[str] | None = None,
    *,
    output: str | os.PathLike[str] | None = None,
    author: str = "相手方",
    date: str | None = None,
    json_path: str | os.PathLike[str] | None = None,
    prefer: tuple[str, ...] = (),
    side: str | None = None,
) -> RedlineResult:
    """Redline ``draft`` against ``baseline`` (by default the embedded model that covers it best), review
    every deviation from ``side`` (our party as the contract names it: 買主, 甲, ユーザー…), and write the
    .docx with the findings as comments (and the JSON report), atomically.

    The output defaults to ``DRAFT-stem.redline.docx`` beside the draft. Nothing is written when any
    check fails, and an input is never overwritten.
    """
    from akapen.write.atomic import write_atomic

    draft_path = Path(draft)
    out = Path(output) if output is not None else draft_path.with_name(f"{draft_path.stem}.redline.docx")
    inputs = [draft_path] + ([Path(baseline)] if baseline is not None else [])
    for target in [out] + ([Path(json_path)] if json_path is not None else []):
        for source in inputs:
            if _same_file(target, source):
                raise OutputError(f"{target} is an input file; choose another output path with -o/--json")
    stamp = normalise_date(date)
    contract = parse(draft_path)
    coverage: float | None = None
    if baseline is None:
        if prefer:
            chosen = [load_baseline(name, prefer) for name in _libraries_with(prefer)]
        else:
            chosen = list(embedded_baselines())
        model, coverage = choose_baseline(contract, chosen)
    else:
        model = load_baseline(baseline, prefer)
    comparison = compare(model, contract, side=side)
    data = render(comparison, author=author, date=stamp)
    report = report_json(
        comparison, draft=str(draft_path), baseline=str(baseline) if baseline else model.name
    )
    write_atomic(out, data)
    if json_path is not None:
        write_atomic(Path(json_path), (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode())
    text = summary(comparison)
    if coverage is not None:
        text = f"model: {model.name} ({model.title}), chosen automatically: covers {coverage:.0%} of the draft\n{text}"
    return RedlineResult(out, comparison, text, coverage)


def _libraries_with(prefer: tuple[str, ...]) -> list[str]:
    """The embedded libraries that know the preferred 修正例."""
    names = []
    for baseline in embedded_baselines():
        ids = {v.id for c in baseline.clauses if c is not None for v in c.variants}
        if baseline.kind == "library" and set(prefer) & ids:
            names.append(baseline.name)
    return names or [b.name for b in embedded_baselines() if b.kind == "library"]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and a.samefile(b))
    except OSError:
        return False
