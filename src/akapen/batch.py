"""Redline a folder of drafts: every .docx/.pdf/.txt/.md in it, one process per core.

``redline_one`` is the whole job for one draft — its inputs in, a :class:`BatchRow` out, nothing shared —
so a portfolio run can map it onto any executor; here it is a local process pool. A draft that fails is
a row saying why, never the end of the run.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from akapen.errors import AkapenError, InputError

__all__ = ["BatchRow", "Job", "drafts_in", "redline_one", "run_batch", "summary_csv"]

_SUFFIXES = frozenset({".docx", ".docm", ".dotx", ".pdf", ".txt", ".md"})


@dataclass(frozen=True)
class Job:
    """One draft to redline, and everything the redline needs (picklable: it crosses processes)."""

    draft: str
    output: str
    baseline: str | None
    """None: choose the embedded model per draft."""
    side: str | None = None
    author: str = "相手方"
    date: str | None = None


@dataclass(frozen=True)
class BatchRow:
    """One line of summary.csv."""

    file: str
    model: str = ""
    matched: int = 0
    added: int = 0
    removed: int = 0
    high: int = 0
    medium: int = 0
    low: int = 0
    info: int = 0
    status: str = "ok"

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def drafts_in(folder: Path) -> list[Path]:
    """The drafts of a folder, sorted; akapen's own outputs (…redline.docx) and Word's lock files left out."""
    if not folder.is_dir():
        raise InputError(f"{folder} is not a folder; give the folder that holds the drafts")
    found = sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and p.suffix.lower() in _SUFFIXES
        and not p.name.endswith((".redline.docx", ".table.docx", ".reply.docx"))
        and not p.name.startswith(("~$", "."))
    )
    if not found:
        raise InputError(f"{folder} holds no .docx, .pdf, .txt or .md drafts")
    return found


def redline_one(job: Job) -> BatchRow:
    """Redline one draft; any failure becomes the row's status."""
    from akapen import redline_files

    name = Path(job.draft).name
    try:
        result = redline_files(
            job.draft, job.baseline, output=job.output, author=job.author, date=job.date, side=job.side
        )
    except AkapenError as error:
        return BatchRow(name, status=f"failed: {error}")
    except Exception as error:  # one bad file must never stop the batch: say what it was
        return BatchRow(name, status=f"failed: internal error ({type(error).__name__}: {error})")
    alignment = result.comparison.alignment
    statuses = [p.status for p in alignment.articles]
    severities = [f.severity for f in result.comparison.findings]
    return BatchRow(
        name,
        model=result.comparison.baseline.name,
        matched=statuses.count("matched") + statuses.count("moved"),
        added=statuses.count("added"),
        removed=statuses.count("removed"),
        high=severities.count("high"),
        medium=severities.count("medium"),
        low=severities.count("low"),
        info=severities.count("info"),
    )


def run_batch(
    jobs: list[Job], workers: int | None = None, progress: Callable[[BatchRow], None] | None = None
) -> list[BatchRow]:
    """Run every job, ``workers`` at a time (default: one per core); rows in the jobs' order."""
    workers = workers or os.cpu_count() or 1
    rows: dict[int, BatchRow] = {}
    for index, row in _results(jobs, workers):
        rows[index] = row
        if progress is not None:
            progress(row)
    return [rows[i] for i in range(len(jobs))]


def _results(jobs: list[Job], workers: int) -> Iterator[tuple[int, BatchRow]]:
    if workers == 1 or len(jobs) == 1:
        yield from ((i, redline_one(job)) for i, job in enumerate(jobs))
        return
    _warm(jobs)
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
        futures = {pool.submit(redline_one, job): i for i, job in enumerate(jobs)}
        for future in as_completed(futures):
            yield futures[future], future.result()


def _warm(jobs: list[Job]) -> None:
    """Import the pipeline, load Sudachi's dictionary and the model in this process, so the workers
    forked from it start with them instead of each paying for them again."""
    import akapen
    from akapen.morph import tokenize
    from akapen.redline import compare  # noqa: F401  (imported for the workers to inherit)
    from akapen.write.tracked import build_redline  # noqa: F401

    tokenize("検査")
    for baseline in {job.baseline for job in jobs}:
        with contextlib.suppress(AkapenError):  # each draft's own row will say what is wrong with it
            akapen.load_baseline(baseline) if baseline is not None else akapen.embedded_baselines()


_COLUMNS = (
    "file",
    "model",
    "articles_matched",
    "articles_added",
    "articles_removed",
    "findings_high",
    "findings_medium",
    "findings_low",
    "findings_info",
    "status",
)


def summary_csv(rows: list[BatchRow]) -> bytes:
    """summary.csv as Excel opens it without asking: UTF-8 with a BOM, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(_COLUMNS)
    for r in rows:
        writer.writerow(
            [r.file, r.model, r.matched, r.added, r.removed, r.high, r.medium, r.low, r.info, r.status]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
