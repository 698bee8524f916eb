"""The ``akapen`` command: each subcommand parses options, makes one library call, renders, exits.

Exit codes (see akapen.errors): 0 done, 1 ``--fail-on`` matched a finding, 2 bad input or arguments
(nothing written).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from akapen.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, AkapenError

if TYPE_CHECKING:
    from akapen.model import Severity

F = TypeVar("F", bound=Callable[..., Any])


def _reports_errors(command: F) -> F:
    """Turn the library's deliberate errors into one line on stderr and their exit code."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except AkapenError as error:
            click.echo(f"akapen: error: {error}", err=True)
            sys.exit(error.exit_code)

    return wrapper  # type: ignore[return-value]


# Files are checked by the library (read_source, write_atomic), which says what is wrong in one line;
# click's own checks would print three (Usage…/Try…/Error…).
_existing_file = click.Path(path_type=Path)


class _OneLineErrors(click.Group):
    """Usage errors in one line too, like every other error: ``akapen: error: …`` and exit code 2."""

    def main(  # type: ignore[override]  # click types main() per standalone_mode; this one is both
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            result = super().main(args, prog_name, standalone_mode=False, **extra)
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx is not None else "akapen"
            click.echo(f"akapen: error: {error.format_message()} (see `{where} --help`)", err=True)
            sys.exit(EXIT_USAGE)
        except click.Abort:
            click.echo("akapen: aborted", err=True)
            sys.exit(EXIT_USAGE)
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else EXIT_OK)


def run() -> NoReturn:
    """The ``akapen`` process (console script and ``python -m akapen``): :func:`main`, then exit
    without tearing the interpreter down.

    A finished command has written, synced and closed its files; what teardown would add is freeing
    every object one by one and three final garbage collections, about 10 ms of a 0.4 s redline for
    nothing (issue #7). So the process ends with ``os._exit`` once stdout and stderr are flushed. An
    unexpected exception is not caught here: Python reports it and exits as usual. ``main`` itself
    stays an ordinary click command for callers in the same process (the tests' CliRunner)."""
    try:
        main()
    except SystemExit as done:
        code = done.code
    else:
        code = EXIT_OK
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)  # what Python does with sys.exit("message")
        code = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError):  # a reader that went away (akapen … | head)
            stream.flush()
    os._exit(code or EXIT_OK)


@click.group(cls=_OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="akapen")
def main() -> None:
    """akapen (赤ペン): compare a counterparty draft with your model contract, 条 by 条."""


@main.command()
@click.argument("file", type=_existing_file)
@click.option(
    "--json", "as_json", is_flag=True, help="Print the tree as JSON instead of an indented outline."
)
@_reports_errors
def outline(file: Path, as_json: bool) -> None:
    """Show the 条/項/号 structure akapen reads in FILE (.docx, .pdf, .txt or .md)."""
    from akapen import parse
    from akapen.outline import outline_json, outline_text

    contract = parse(file)
    if as_json:
        import json

        click.echo(json.dumps(outline_json(contract), ensure_ascii=False, indent=2))
    else:
        click.echo(outline_text(contract))


def _output_option(what: str, suffix: str) -> Callable[[F], F]:
    """``-o/--output`` for a command writing one file, by default beside the draft."""
    return click.option(
        "-o",
        "--output",
        "output",
        type=click.Path(path_type=Path),
        help=f"Where to write {what} [default: DRAFT-stem{suffix} beside DRAFT].",
    )


def _comparison_options(command: F) -> F:
    """DRAFT and what it is compared with, shared by every command that compares."""
    for option in reversed(
        [
            click.argument("draft", type=_existing_file),
            click.option(
                "--baseline",
                "-b",
                "baseline",
                metavar="MODEL",
                help="The model (ひな形) to compare against: an embedded model's name (see `akapen baselines`) "
                "or a .docx/.pdf/.txt/.md file. [default: the embedded model that covers DRAFT best]",
            ),
            click.option(
                "--prefer",
                "prefer",
                multiple=True,
                metavar="VARIANT",
                help="Use this 修正例 (e.g. 条項例1の修正例1) as the reference for its clause; repeatable.",
            ),
            click.option(
                "--side",
                metavar="PARTY",
                help="Our party as the contract names it (買主, 売主, 甲, 乙, ユーザー…): findings are graded by "
                "how adverse they are to it. [default: neutral]",
            ),
        ]
    ):
        command = option(command)
    return command


@main.command()
@_comparison_options
@_output_option("the tracked-changes .docx", ".redline.docx")
@click.option(
    "--author",
    default="相手方",
    show_default=True,
    help="Reviewer name on substantive revisions; cosmetic and renumbering ones get "
    "AUTHOR（表記） and AUTHOR（条番号）.",
)
@click.option(
    "--date", "date", metavar="ISO", help="Revision date (e.g. 2026-04-01); fixes the output bytes."
)
@click.option(
    "--fail-on",
    type=click.Choice(["high", "medium", "low"]),
    help="Exit 1 when a finding of this severity or worse exists (for pipelines).",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(path_type=Path),
    help="Also write the alignment, changes and findings as JSON to this file.",
)
@click.option(
    "--html",
    "html_path",
    type=click.Path(path_type=Path),
    help="Also write a self-contained HTML report (summary, findings, side-by-side articles).",
)
@_reports_errors
def redline(
    draft: Path,
    baseline: str | None,
    prefer: tuple[str, ...],
    side: str | None,
    output: Path | None,
    author: str,
    date: str | None,
    fail_on: Severity | None,
    json_path: Path | None,
    html_path: Path | None,
) -> None:
    """Compare DRAFT (the counterparty's 契約書案) with the model and write a tracked-changes Word file,
    with a comment on every deviation a lawyer should negotiate.

    Accept All in Word gives exactly the draft; Reject All gives exactly the model.
    """
    from akapen import redline_files
    from akapen.redline import fails

    result = redline_files(
        draft,
        baseline,
        output=output,
        author=author,
        date=date,
        json_path=json_path,
        html_path=html_path,
        prefer=prefer,
        side=side,
    )
    click.echo(result.summary)
    written = [str(p) for p in (result.output, json_path, html_path) if p is not None]
    click.echo(f"wrote {', '.join(written)}")
    if fails(result.comparison, fail_on):
        sys.exit(EXIT_FINDINGS)


@main.command()
@_comparison_options
@_output_option("the table", ".table.docx")
@_reports_errors
def table(
    draft: Path, baseline: str | None, prefer: tuple[str, ...], side: str | None, output: Path | None
) -> None:
    """Write a 新旧対照表 (model | draft | comments, one row per article) as a landscape Word file."""
    from akapen import table_files

    result = table_files(draft, baseline, output=output, prefer=prefer, side=side)
    click.echo(result.summary)
    click.echo(f"wrote {result.output}")


@main.command()
@click.argument("draft", type=_existing_file)
@click.option(
    "--baseline", "-b", "baseline", metavar="MODEL", help="The model, as for `redline` [default: chosen]."
)
@click.option("--prefer", "prefer", multiple=True, metavar="VARIANT", help="As for `redline`.")
@click.option(
    "--side", required=True, metavar="PARTY", help="Our party (買主, 甲, ユーザー…): whose asks these are."
)
@_output_option("the counter-proposal", ".reply.docx")
@click.option("--author", default="当方", show_default=True, help="Reviewer name on our requested changes.")
@click.option(
    "--date", "date", metavar="ISO", help="Revision date (e.g. 2026-04-01); fixes the output bytes."
)
@click.option(
    "--min-severity",
    type=click.Choice(["high", "medium", "low"]),
    default="medium",
    show_default=True,
    help="Ask back every change adverse to us at or above this severity.",
)
@_reports_errors
def reply(
    draft: Path,
    baseline: str | None,
    prefer: tuple[str, ...],
    side: str,
    output: Path | None,
    author: str,
    date: str | None,
    min_severity: Severity,
) -> None:
    """Write our counter-proposal (修正案): the counterparty's DRAFT with every change adverse to us
    reverted to the model wording as tracked changes, each with a comment giving the reason.

    Reject All gives back exactly their draft; Accept All gives it with our asks applied.
    """
    from akapen import reply_files

    result = reply_files(
        draft,
        baseline,
        side=side,
        output=output,
        author=author,
        date=date,
        min_severity=min_severity,
        prefer=prefer,
    )
    click.echo(result.summary)
    click.echo(f"wrote {result.output}")


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option(
    "--baseline", "-b", "baseline", metavar="MODEL", help="The model for every draft (name or file)."
)
@click.option(
    "--auto", is_flag=True, help="Choose the embedded model per draft (the default without --baseline)."
)
@click.option(
    "-o",
    "--output",
    "outdir",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder for the redlines and summary.csv (created if missing).",
)
@click.option("--side", metavar="PARTY", help="Our party, for grading the findings (see `redline --help`).")
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), help="Drafts redlined at once [default: one per core]."
)
@click.option("--date", "date", metavar="ISO", help="Revision date for every redline.")
@_reports_errors
def batch(
    folder: Path,
    baseline: str | None,
    auto: bool,
    outdir: Path,
    side: str | None,
    jobs: int | None,
    date: str | None,
) -> None:
    """Redline every .docx/.pdf/.txt/.md in FOLDER into OUTDIR, with a summary.csv (UTF-8 with BOM) of the
    model used, the articles and the findings per draft.

    A draft that cannot be read is listed as failed and the run goes on. Exit code 0: all written;
    3: some drafts failed; 2: bad arguments (nothing written).
    """
    from akapen.batch import Job, drafts_in, run_batch, summary_csv
    from akapen.errors import EXIT_PARTIAL, OutputError
    from akapen.redline import normalise_date
    from akapen.write.atomic import write_atomic

    if baseline is not None and auto:
        raise click.UsageError("give either --baseline MODEL or --auto, not both")
    drafts = drafts_in(folder)
    stamp = normalise_date(date)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(
            f"cannot create {outdir} ({error.strerror}); choose another folder with -o"
        ) from None
    work = [Job(str(d), str(outdir / f"{d.stem}.redline.docx"), baseline, side, date=stamp) for d in drafts]
    with click.progressbar(length=len(work), label="redlining", file=sys.stderr) as bar:
        rows = run_batch(work, jobs, progress=lambda _: bar.update(1))
    write_atomic(outdir / "summary.csv", summary_csv(rows))
    for row in rows:
        if not row.ok:
            click.echo(f"{row.file}: {row.status}", err=True)
    done = sum(row.ok for row in rows)
    click.echo(f"{done} of {len(rows)} drafts redlined into {outdir}; summary: {outdir / 'summary.csv'}")
    if done < len(rows):
        sys.exit(EXIT_PARTIAL)


@main.group(invoke_without_command=True)
@click.option(
    "--baseline",
    "folders",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    metavar="DIR",
    help="Also list this model folder of your own (repeatable); those under AKAPEN_BASELINES are listed anyway.",
)
@click.pass_context
@_reports_errors
def baselines(context: click.Context, folders: tuple[Path, ...]) -> None:
    """List the models: embedded model contracts and clause libraries, their clauses and 修正例, and the
    team's own model folders (AKAPEN_BASELINES, --baseline DIR)."""
    if context.invoked_subcommand is not None:
        return
    from akapen import embedded_baselines, load_baseline

    for baseline in [*embedded_baselines(), *(load_baseline(f) for f in folders)]:
        kind = "clause library" if baseline.kind == "library" else "model contract"
        side = f"  side {baseline.side}" if baseline.side else ""
        click.echo(f"{baseline.name}  [{kind}]  {baseline.title}{side}")
        if baseline.description:
            click.echo(f"    {baseline.description}")
        for article, clause in zip(baseline.contract.articles, baseline.clauses, strict=False):
            if clause is None:
                continue
            where = (
                "" if baseline.kind == "library" or clause.id.startswith("第") else f"{article.number}条 = "
            )
            click.echo(f"    {where}{clause.id}（{clause.title}）")
            for v in clause.variants:
                favours = f"  {v.favours}に有利" if v.favours else ""
                click.echo(f"        {v.id}  {v.label}{favours}")


@baselines.command("init")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option(
    "--from",
    "source",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    metavar="MODEL",
    help="The model contract (ひな形) to make the folder from: a .docx, .pdf, .txt or .md file.",
)
@click.option("--side", metavar="PARTY", help="Our party in it (甲, 買主, 当社…): graded for it by default.")
@_reports_errors
def baselines_init(folder: Path, source: Path, side: str | None) -> None:
    """Make a model folder of your own (model.toml + contract.txt) from a model contract."""
    from akapen import init_baseline

    baseline = init_baseline(folder, source, side=side)
    click.echo(
        f"wrote {folder / 'model.toml'} and {folder / 'contract.txt'}: {len(baseline.contract.articles)} "
        f"articles, parties {'、'.join(baseline.parties) or '(none found)'}, type {baseline.contract_type or '?'}"
        f"{', side ' + baseline.side if baseline.side else ''}; edit model.toml, then use --baseline {folder}"
    )
