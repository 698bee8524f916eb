"""The real ``akapen`` command in a child process: exit code, stdout, stderr and how much memory it used."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str
    max_rss_mb: float
    """The child's peak resident memory (a zip bomb inflated would show here)."""


def akapen(*args: str | Path, cwd: Path, env: dict[str, str] | None = None, timeout: float = 180) -> Run:
    """Run ``python -m akapen ARGS`` in ``cwd``; a run that outlives ``timeout`` is killed (and fails)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "akapen", *map(str, args)], stdout=out, stderr=err, cwd=cwd, env=env
        )
        watchdog = threading.Timer(timeout, proc.kill)
        watchdog.start()
        try:
            # wait4, not Popen.wait: it also reports the child's own peak memory.
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            watchdog.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        assert proc.returncode != -9, f"akapen {args} did not finish within {timeout:.0f} s"
        out.seek(0)
        err.seek(0)
        return Run(
            proc.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            usage.ru_maxrss / 1024,
        )


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and its SHA-256: what a failed run must leave exactly as it was."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def assert_refused(run: Run, *expected: str) -> None:
    """Exit code 2, nothing on stdout, and one line on stderr that contains every ``expected`` part (what
    is wrong and what to do) and no traceback."""
    lines = run.stderr.splitlines()
    assert run.code == 2, run.stderr
    assert run.stdout == ""
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("akapen: error: ") and "Traceback" not in run.stderr
    for part in expected:
        assert part in lines[0], (part, lines[0])
