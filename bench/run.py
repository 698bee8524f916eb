"""Benchmark: ``akapen redline`` against Docxodus and against the floor, whole process, interleaved.

    python bench/run.py [--repeat N] [--cases 27,100,1000] [--src DIR] [--before DIR] [--no-peers]

Builds the cases (bench/cases.py) in a temporary folder. Per case, every tool runs once to warm up (file
cache, compiled bytecode, python-redlines' unpacked binary), then ``--repeat`` rounds in which each tool
runs once, in an order that rotates every round so that no tool always follows the same one. Every run
is a fresh process; its wall time is taken around the process, its peak memory from the kernel
(``wait4``: the largest process of its tree, so Docxodus' .NET binary rather than the Python that
starts it).

Prints the medians and ratios, issue #7's targets, ``akapen batch`` throughput, and where one redline
spends its time stage by stage (bench/stages.py). ``--src`` is the akapen source measured (default:
this checkout's); ``--before`` adds another one (the commit before an optimisation, say) as one more
tool in the same interleaved rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from cases import Case, batch_drafts, build  # noqa: E402

DATE = "2026-04-01"
BATCH_DRAFTS = 20
BATCH_JOBS = 2
STAGE_RUNS = 3
STAGES = (
    "start-up",
    "dictionary",
    "read",
    "segment",
    "tokenise",
    "align",
    "diff",
    "review",
    "write",
    "check",
)
"""bench/stages.py's stages in pipeline order."""
BEFORE = "akapen before"


@dataclass(frozen=True)
class Tool:
    """A command and the environment it runs in."""

    command: list[str]
    env: dict[str, str]


@dataclass(frozen=True)
class Run:
    """One process: how long it took and the most memory it held."""

    seconds: float
    cpu: float
    """User and system CPU seconds, its children's included (what a busy machine does not stretch)."""
    peak_mb: float


Runs = dict[str, list[Run]]
"""Per tool name, its timed runs."""


def environment(src: Path, pycache: Path) -> dict[str, str]:
    """``src`` first on the path, and compiled bytecode cached (in ``pycache``, so the checkout stays
    clean) as in any installation, even where PYTHONDONTWRITEBYTECODE is set: the warm-up run compiles,
    the timed runs load the bytecode, for every tool alike."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return env | {"PYTHONPATH": str(src), "PYTHONPYCACHEPREFIX": str(pycache)}


def measure(tool: Tool) -> Run:
    """Run a tool to completion. A failed run stops the benchmark: it is not a fast run."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(tool.command, stdout=subprocess.DEVNULL, stderr=errors, env=tool.env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(tool.command)} failed:\n{errors.read().decode(errors='replace')}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)  # maxrss: KiB on Linux


def interleaved(tools: dict[str, Tool], repeat: int) -> Runs:
    names = list(tools)
    for name in names:
        measure(tools[name])  # warm-up, not counted
    runs: Runs = {name: [] for name in names}
    for r in range(repeat):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            runs[name].append(measure(tools[name]))
    return runs


def median(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def ratio(slower: list[Run], faster: list[Run]) -> float:
    """The median over rounds of one tool's time over another's in the same round. The two ran
    seconds apart, so a stretch when the machine is slower for everyone (a shared VM has them) cancels
    out, which a ratio of two medians does not promise."""
    return statistics.median(s.seconds / f.seconds for s, f in zip(slower, faster, strict=True))


def cpu(runs: list[Run]) -> float:
    return statistics.median(r.cpu for r in runs)


def peak(runs: list[Run]) -> float:
    return max(r.peak_mb for r in runs)


def redline_tools(
    case: Case, out: Path, akapens: dict[str, dict[str, str]], peers: Sequence[str]
) -> dict[str, Tool]:
    """The floor, ``python -m akapen redline`` from each akapen source, and the peers, on one case."""
    plain = next(iter(akapens.values()))

    def peer(name: str) -> Tool:
        files = [str(case.model), str(case.draft), str(out / f"{name}.docx")]
        return Tool([sys.executable, str(HERE / "peers.py"), name, *files], plain)

    tools = {"floor": peer("floor")}
    for name, env in akapens.items():
        command = [sys.executable, "-m", "akapen", "redline", str(case.draft), "--baseline", str(case.model)]
        tools[name] = Tool([*command, "-o", str(out / f"{name}.docx"), "--date", DATE], env)
    tools.update((name, peer(name)) for name in peers)
    return tools


def batch_throughput(case: Case, work: Path, repeat: int, akapens: dict[str, dict[str, str]]) -> Runs:
    """``akapen batch --jobs 2`` over copies of the case's draft, per akapen source that has it."""
    folder = batch_drafts(case, work / "batch-in", BATCH_DRAFTS)
    tools = {}
    for name, env in akapens.items():
        probe = [sys.executable, "-m", "akapen", "batch", "--help"]
        if subprocess.run(probe, env=env, capture_output=True, check=False).returncode == 0:
            out = work / "batch-out" / name.replace(" ", "-")
            command = [sys.executable, "-m", "akapen", "batch", str(folder), "--baseline", str(case.model)]
            tools[name] = Tool([*command, "-o", str(out), "--jobs", str(BATCH_JOBS), "--date", DATE], env)
    return interleaved(tools, repeat)


def stage_profile(case: Case, out: Path, env: dict[str, str]) -> dict[str, float]:
    """Median seconds per stage over STAGE_RUNS fresh processes (bench/stages.py)."""
    command = [
        sys.executable,
        str(HERE / "stages.py"),
        str(case.model),
        str(case.draft),
        str(out / "stages.docx"),
    ]
    samples = [
        json.loads(subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout)
        for _ in range(STAGE_RUNS)
    ]
    return {key: statistics.median(s.get(key, 0.0) for s in samples) for key in samples[0]}


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "?")
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    memory = int(next(line.split()[1] for line in meminfo if line.startswith("MemTotal"))) / 1024**2
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}; load average {os.getloadavg()[0]:.2f} at the start"
    )


def markdown(rows: list[list[str]]) -> str:
    widths = [max(len(r[k]) for r in rows) for k in range(len(rows[0]))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in rows]
    lines.insert(1, "| " + " | ".join("-" * w for w in widths) + " |")
    return "\n".join(lines)


def whole_process_table(results: dict[Case, Runs]) -> str:
    tools = [
        t
        for t in ("floor", "akapen", BEFORE, "docxodus", "wmlcomparer")
        if any(t in r for r in results.values())
    ]
    names = {
        "floor": "floor",
        "akapen": "akapen",
        BEFORE: BEFORE,
        "docxodus": "Docxodus",
        "wmlcomparer": "WmlComparer",
    }
    rows = [
        ["case", *(f"{names[t]} s" for t in tools), "akapen/floor", "Docxodus/akapen", "akapen CPU s"]
        + [f"{names[t]} MB" for t in tools if t != "floor"]
    ]
    for case, runs in results.items():
        seconds = {t: median(runs[t]) for t in tools if t in runs}
        over_floor = ratio(runs["akapen"], runs["floor"])
        faster = ratio(runs["docxodus"], runs["akapen"]) if "docxodus" in runs else None
        rows.append(
            [f"{case.articles} articles"]
            + [f"{seconds[t]:.2f}" if t in seconds else "–" for t in tools]
            + [f"{over_floor:.1f}×", f"{faster:.1f}×" if faster else "–", f"{cpu(runs['akapen']):.2f}"]
            + [f"{peak(runs[t]):.0f}" if t in runs else "–" for t in tools if t != "floor"]
        )
    return markdown(rows)


def targets(results: dict[str, Runs], batch: float | None) -> list[str]:
    """Issue #7's targets, each ticked or not, with the measured value."""

    def line(label: str, ok: bool, value: str) -> str:
        return f"- [{'x' if ok else ' '}] {label}: {value}"

    out = []
    if "27" in results:
        runs = results["27"]
        over_floor = ratio(runs["akapen"], runs["floor"])
        out.append(line("27 articles ≤ 2.5× the floor", over_floor <= 2.5, f"{over_floor:.2f}×"))
        if "docxodus" in runs:
            faster = ratio(runs["docxodus"], runs["akapen"])
            out.append(line("27 articles ≥ 3× faster than Docxodus", faster >= 3, f"{faster:.1f}×"))
    if "1000" in results:
        t1000 = median(results["1000"]["akapen"])
        out.append(line("1,000 articles ≤ 5 s", t1000 <= 5, f"{t1000:.2f} s"))
        if "100" in results:
            growth = t1000 / median(results["100"]["akapen"])
            out.append(line("t(1000)/t(100) ≤ 12", growth <= 12, f"{growth:.1f}"))
        memory = peak(results["1000"]["akapen"])
        out.append(line("1,000 articles peak memory ≤ 300 MB", memory <= 300, f"{memory:.0f} MB"))
    if batch is None:
        out.append(f"- [ ] batch ≥ 10 drafts/s on {BATCH_JOBS} cores: TODO, no `akapen batch` in this source")
    else:
        out.append(line(f"batch ≥ 10 drafts/s on {BATCH_JOBS} cores", batch >= 10, f"{batch:.1f} drafts/s"))
    return out


def stage_table(profiles: dict[str, dict[str, float]]) -> str:
    rows = [["stage", *profiles]]
    rows += [[stage, *(f"{p.get(stage, 0.0):.3f}" for p in profiles.values())] for stage in STAGES]
    rows.append(["total", *(f"{p['total']:.3f}" for p in profiles.values())])
    rows.append(["similarities", *(f"{p['evaluations']:.0f}" for p in profiles.values())])
    return markdown(rows)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5, help="timed rounds per case (default 5)")
    parser.add_argument("--cases", default="27,100,1000", help="which cases (default 27,100,1000)")
    parser.add_argument("--src", type=Path, default=HERE.parent / "src", help="akapen source to measure")
    parser.add_argument("--before", type=Path, help="another akapen source to measure alongside")
    parser.add_argument("--no-peers", action="store_true", help="measure akapen and the floor only")
    args = parser.parse_args(argv)
    sources = {"akapen": args.src.resolve()} | ({BEFORE: args.before.resolve()} if args.before else {})

    print(f"machine: {machine()}", flush=True)
    print("\n".join(f"{name}: {src}" for name, src in sources.items()), flush=True)
    with tempfile.TemporaryDirectory(prefix="akapen-bench-") as tmp:
        work = Path(tmp)
        akapens = {name: environment(src, work / "pycache") for name, src in sources.items()}
        cases = build(work / "cases")
        results: dict[str, Runs] = {}
        for name in args.cases.split(","):
            # WmlComparer takes half a minute on the long cases; it is compared on the real contract only.
            peers = [] if args.no_peers else ["docxodus", *(["wmlcomparer"] if name == "27" else [])]
            out = work / "out" / name
            out.mkdir(parents=True)
            tools = redline_tools(cases[name], out, akapens, peers)
            print(f"case {name}: {args.repeat} rounds of {', '.join(tools)}", flush=True)
            results[name] = interleaved(tools, args.repeat)
        print("batch", flush=True)
        batch = batch_throughput(cases["27"], work, args.repeat, akapens)
        print("stages", flush=True)
        profiles = {
            f"{name}, {cases[n].articles} articles": stage_profile(cases[n], work / "out" / n, env)
            for n in results
            for name, env in akapens.items()
        }

    print(f"\nWhole process, median of {args.repeat} interleaved runs:\n")
    print(whole_process_table({cases[n]: runs for n, runs in results.items()}))
    print(f"\n`akapen batch` over {BATCH_DRAFTS} drafts of the 27-article case, --jobs {BATCH_JOBS}:\n")
    for name, runs in batch.items():
        rate, per_draft = BATCH_DRAFTS / median(runs), cpu(runs) / BATCH_DRAFTS
        print(f"- {name}: {rate:.1f} drafts/s ({per_draft:.3f} CPU s per draft, all processes)")
    if not batch:
        print("- TODO: no `akapen batch` in this source yet")
    print("\nTargets (issue #7):\n")
    throughput = BATCH_DRAFTS / median(batch["akapen"]) if "akapen" in batch else None
    print("\n".join(targets(results, throughput)))
    print(
        f"\nOne redline stage by stage, in process (bench/stages.py), median of {STAGE_RUNS} runs, seconds:\n"
    )
    print(stage_table(profiles))


if __name__ == "__main__":
    main()
