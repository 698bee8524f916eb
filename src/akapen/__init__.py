"""akapen (赤ペン): redline a Japanese counterparty draft against a model contract, 条 by 条.

The pipeline is read → segment → align → diff → review → write; this module is its public face.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from akapen.errors import AkapenError, InputError, OutputError
from akapen.model import Article, Baseline, Block, Contract, Item, Paragraph, Part, Severity, Source, Span
from akapen.segment import segment

if TYPE_CHECKING:
    from akapen.outline import outline_json, outline_text
    from akapen.read import read_source
    from akapen.redline import Comparison, choose_baseline, compare

# Imported on first use, so that a command pays only for what it runs: ``akapen --help`` and
# ``akapen outline`` never load the Word reader's or the redline's modules. (``segment`` stays eager: a
# lazily imported submodule akapen.segment would shadow the function of the same name.)
_LAZY = {
    "outline_json": "akapen.outline",
    "outline_text": "akapen.outline",
    "read_source": "akapen.read",
    "Comparison": "akapen.redline",
    "choose_baseline": "akapen.redline",
    "compare": "akapen.redline",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'akapen' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


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
    "init_baseline",
    "load_baseline",
    "outline_json",
    "outline_text",
    "parse",
    "read_source",
    "redline_files",
    "reply_files",
    "segment",
    "table_files",
]


def parse(path: str | os.PathLike[str]) -> Contract:
    """Read a .docx/.txt/.md file and segment it into its 条/項/号 tree."""
    from akapen.read import read_source

    return segment(read_source(path))


def load_baseline(spec: str | os.PathLike[str], prefer: tuple[str, ...] = ()) -> Baseline:
    """An embedded model (``sales-basic``, ``sales-inspection``…), a baseline folder, or a contract file."""
    from akapen.read.baselines import load_baseline as load

    return load(spec, prefer)


def embedded_baselines() -> tuple[Baseline, ...]:
    """Every model shipped with akapen, then the team's own under ``AKAPEN_BASELINES`` (see ``akapen
    baselines``)."""
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
    html_path: str | os.PathLike[str] | None = None,
    prefer: tuple[str, ...] = (),
    side: str | None = None,
) -> RedlineResult:
    """Redline ``draft`` against ``baseline`` (by default the embedded model that covers it best), review
    every deviation from ``side`` (our party as the contract names it: 買主, 甲, ユーザー…), and write the
    .docx with the findings as comments (and the JSON and HTML reports), atomically.

    The output defaults to ``DRAFT-stem.redline.docx`` beside the draft. Nothing is written when any
    check fails, and an input is never overwritten.
    """
    from akapen.redline import normalise_date, render, report_json
    from akapen.write.atomic import write_together

    draft_path = Path(draft)
    out = _output(output, draft_path, ".redline.docx")
    extra = [Path(p) for p in (json_path, html_path) if p is not None]
    _refuse_inputs([out, *extra], draft_path, baseline)
    stamp = normalise_date(date)
    comparison, coverage = _compare_files(draft_path, baseline, prefer, side)
    files: list[tuple[Path, bytes]] = [(out, render(comparison, author=author, date=stamp))]
    if json_path is not None:
        import json

        report = report_json(
            comparison, draft=str(draft_path), baseline=str(baseline or comparison.baseline.name)
        )
        files.append((Path(json_path), (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode()))
    if html_path is not None:
        from akapen.write.report_html import build_html

        files.append((Path(html_path), build_html(comparison, draft_name=str(draft_path)).encode()))
    # All or none: a report that cannot be written takes the redline with it (and no path twice).
    write_together(files)
    return RedlineResult(out, comparison, _summary(comparison, coverage), coverage)


def table_files(
    draft: str | os.PathLike[str],
    baseline: str | os.PathLike[str] | None = None,
    *,
    output: str | os.PathLike[str] | None = None,
    prefer: tuple[str, ...] = (),
    side: str | None = None,
) -> RedlineResult:
    """Write the 新旧対照表 (model | draft | findings, one row per aligned article) as a Word file,
    by default ``DRAFT-stem.table.docx`` beside the draft."""
    from akapen.write.atomic import write_atomic
    from akapen.write.table import build_table

    draft_path = Path(draft)
    out = _output(output, draft_path, ".table.docx")
    _refuse_inputs([out], draft_path, baseline)
    comparison, coverage = _compare_files(draft_path, baseline, prefer, side)
    write_atomic(out, build_table(comparison, draft_name=str(draft_path)))
    return RedlineResult(out, comparison, _summary(comparison, coverage), coverage)


def init_baseline(
    folder: str | os.PathLike[str], source: str | os.PathLike[str], *, side: str | None = None
) -> Baseline:
    """Make a model folder (``model.toml`` + the contract text) from a model contract a team uses, for
    ``--baseline FOLDER`` or, under ``AKAPEN_BASELINES``, by name. ``side`` is our party in it."""
    from akapen.review import Parties, contract_type
    from akapen.write.atomic import write_together
    from akapen.write.baseline import model_folder

    target = Path(folder)
    if (target / "model.toml").exists():
        raise OutputError(f"{target / 'model.toml'} exists; choose a new folder or edit that one")
    contract = parse(source)
    if not contract.articles:
        raise InputError(f"{source}: no articles (第1条…) found; is it a model contract?")
    parties = Parties.of(contract)
    if side is not None and side not in parties.pair:
        raise InputError(
            f"--side {side}: not a party of this contract; the parties are {'、'.join(parties.pair)}"
        )
    blocks = contract.source.blocks
    # A text model is kept as it was written; a Word model as its paragraphs (list numbers rendered).
    text = (
        Path(source)
        .read_bytes()
        .decode(contract.source.encoding or "utf-8", errors="replace")
        .replace("\r\n", "\n")
        if contract.source.kind == "text"
        else "\n".join(b.numbering + b.text for b in blocks) + "\n"
    )
    files = model_folder(
        contract,
        text=text,
        name=target.name,
        source=Path(source).name,
        contract_type=contract_type(contract),
        parties=parties.pair,
        roles=parties.roles,
        side=side,
    )
    target.mkdir(parents=True, exist_ok=True)
    write_together([(target / name, data) for name, data in files])
    return load_baseline(target)


def reply_files(
    draft: str | os.PathLike[str],
    baseline: str | os.PathLike[str] | None = None,
    *,
    side: str,
    output: str | os.PathLike[str] | None = None,
    author: str = "当方",
    date: str | None = None,
    min_severity: Severity = "medium",
    prefer: tuple[str, ...] = (),
) -> RedlineResult:
    """Write our counter-proposal: the counterparty's own document with every change adverse to ``side``
    (at or above ``min_severity``) reverted to the model wording as tracked changes by ``author``, each
    with a comment giving the reason. Reject All gives back exactly the counterparty's draft. By default
    ``DRAFT-stem.reply.docx`` beside the draft."""
    from akapen.redline import normalise_date
    from akapen.reply import plan_reply, render_reply
    from akapen.write.atomic import write_atomic

    draft_path = Path(draft)
    out = _output(output, draft_path, ".reply.docx")
    _refuse_inputs([out], draft_path, baseline)
    stamp = normalise_date(date)
    comparison, coverage = _compare_files(draft_path, baseline, prefer, side)
    reply = plan_reply(comparison, min_severity=min_severity, author=author)
    write_atomic(out, render_reply(comparison, reply, author=author, date=stamp))
    asks = "\n".join(f"  [{f.severity}] {f.rule} {f.draft or f.baseline or ''}" for f in reply.asks)
    text = f"{_summary(comparison, coverage)}\nasked back ({len(reply.asks)}):" + (
        f"\n{asks}" if asks else " none"
    )
    return RedlineResult(out, comparison, text, coverage)


def _compare_files(
    draft: Path, baseline: str | os.PathLike[str] | None, prefer: tuple[str, ...], side: str | None
) -> tuple[Comparison, float | None]:
    """Read the draft, load (or choose) the model, compare: what every command starts with."""
    from akapen.redline import choose_baseline, compare

    contract = parse(draft)
    if baseline is not None:
        model = load_baseline(baseline, prefer)
        return compare(model, contract, side=side or model.side or None), None
    candidates = (
        [load_baseline(n, prefer) for n in _libraries_with(prefer)] if prefer else list(embedded_baselines())
    )
    model, coverage = choose_baseline(contract, candidates)
    return compare(model, contract, side=side or model.side or None), coverage


def _summary(comparison: Comparison, coverage: float | None) -> str:
    from akapen.redline import summary

    text = summary(comparison)
    if coverage is None:
        return text
    model = comparison.baseline
    return f"model: {model.name} ({model.title}), chosen automatically: covers {coverage:.0%} of the draft\n{text}"


def _output(output: str | os.PathLike[str] | None, draft: Path, suffix: str) -> Path:
    return Path(output) if output is not None else draft.with_name(draft.stem + suffix)


def _refuse_inputs(targets: list[Path], draft: Path, baseline: str | os.PathLike[str] | None) -> None:
    inputs = [draft] + ([Path(baseline)] if baseline is not None else [])
    for target in targets:
        for source in inputs:
            if _same_file(target, source):
                raise OutputError(f"{target} is an input file; choose another output path")


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
