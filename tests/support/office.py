"""LibreOffice as the judge of the .docx files akapen writes (DESIGN.md, "Verifying with a real office
suite").

One soffice serves the whole test session: :func:`start` launches ``office_worker.py`` under the system
python (the only one with ``uno``), which starts soffice headless with a private profile and answers
JSON requests; every request has a timeout, after which the worker and its soffice are killed, so a
hang cannot block CI. ``tests/conftest.py`` provides the session fixture ``office``.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import IO, Any, Literal

SYSTEM_PYTHON = "/usr/bin/python3"
WORKER = Path(__file__).with_name("office_worker.py")
INSTALL = "apt-get install -y --no-install-recommends libreoffice-writer python3-uno"
Action = Literal["accept", "reject", "none"]
Conversion = Literal["pdf", "docx-from-pdf"]


class OfficeError(RuntimeError):
    """LibreOffice could not do what was asked (the file does not load, soffice hung or died…)."""


def unavailable() -> str | None:
    """Why LibreOffice cannot be used on this machine, or None when it can."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return "soffice is not on PATH"
    if not os.access(SYSTEM_PYTHON, os.X_OK):
        return f"{SYSTEM_PYTHON} does not exist"
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, timeout=60, check=False)
    if probe.returncode != 0:
        return f"{SYSTEM_PYTHON} cannot import uno (package python3-uno)"
    return None


class Office:
    """A running soffice, many files through one connection."""

    def __init__(self, *, timeout: float = 60.0, start_timeout: float = 180.0) -> None:
        soffice = shutil.which("soffice")
        if soffice is None:
            raise OfficeError("soffice is not on PATH")
        self.timeout = timeout
        # soffice's complaints, kept for the error message should the worker die.
        self._log: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed in close())
        self._proc = subprocess.Popen(
            [SYSTEM_PYTHON, str(WORKER), soffice],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
            encoding="utf-8",
            start_new_session=True,  # its own process group: worker + soffice, killed together on a hang
        )
        self._replies: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._reply(start_timeout)

    def _read(self) -> None:
        assert self._proc.stdout is not None
        for line in self._proc.stdout:
            self._replies.put(line)
        self._replies.put(None)

    def _reply(self, timeout: float) -> dict[str, Any]:
        try:
            line = self._replies.get(timeout=timeout)
        except queue.Empty:
            self.kill()
            raise OfficeError(f"LibreOffice did not answer within {timeout:.0f} s (killed)") from None
        if line is None:
            self._log.seek(0)
            tail = self._log.read().decode("utf-8", "replace")[-2000:]
            raise OfficeError(f"the LibreOffice worker exited:\n{tail}")
        reply: dict[str, Any] = json.loads(line)
        if not reply["ok"]:
            raise OfficeError(reply["error"])
        return reply

    def _ask(self, **request: str) -> dict[str, Any]:
        assert self._proc.stdin is not None
        self._proc.stdin.write(json.dumps(request) + "\n")
        self._proc.stdin.flush()
        return self._reply(self.timeout)

    def view(self, docx_path: str | os.PathLike[str], action: Action) -> list[str]:
        """The paragraph texts after Accept All (``accept``), Reject All (``reject``) or as the file is
        (``none``: deleted and inserted text both show)."""
        return list(self._ask(op="text", path=str(Path(docx_path).resolve()), action=action)["paragraphs"])

    def comments(self, docx_path: str | os.PathLike[str]) -> list[tuple[str, str]]:
        """``(author, text)`` of every comment, in document order."""
        found = self._ask(op="comments", path=str(Path(docx_path).resolve()))["comments"]
        return [(author, text) for author, text in found]

    def convert(self, path: str | os.PathLike[str], out: str | os.PathLike[str], to: Conversion) -> Path:
        """Save ``path`` as ``to``: a Word file exported to PDF (``pdf``), or a PDF imported into Word
        form by LibreOffice's PDF import (``docx-from-pdf``: one positioned text box per printed run)."""
        target = Path(out).resolve()
        self._ask(op="convert", path=str(Path(path).resolve()), out=str(target), to=to)
        return target

    def load_error(self, docx_path: str | os.PathLike[str]) -> str | None:
        """None when the file loads as it is (no package repair allowed), else LibreOffice's complaint."""
        try:
            self.view(docx_path, "none")
        except OfficeError as exc:
            return str(exc)
        return None

    def close(self) -> None:
        if self._proc.stdin is not None:
            self._proc.stdin.close()
        try:
            self._proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()
        self._reader.join(timeout=10)
        if self._proc.stdout is not None:
            self._proc.stdout.close()
        self._log.close()

    def kill(self) -> None:
        """Kill the worker's process group (the worker and the soffice it started), by its id."""
        if self._proc.poll() is None:
            os.killpg(self._proc.pid, signal.SIGKILL)
            self._proc.wait()


_running: Office | None = None


def start() -> Office:
    """The session's LibreOffice, started on first use."""
    global _running
    if _running is None:
        _running = Office()
    return _running


def stop() -> None:
    global _running
    if _running is not None:
        _running.close()
        _running = None


def office_view(docx_path: str | os.PathLike[str], action: Action) -> list[str]:
    """Paragraph texts of ``docx_path`` after LibreOffice's Accept All / Reject All (or as is)."""
    return start().view(docx_path, action)


def office_comments(docx_path: str | os.PathLike[str]) -> list[tuple[str, str]]:
    """``(author, text)`` of the comments LibreOffice sees in ``docx_path``."""
    return start().comments(docx_path)


def office_convert(path: str | os.PathLike[str], out: str | os.PathLike[str], to: Conversion) -> Path:
    """``path`` saved by LibreOffice as a PDF, or a PDF imported into a Word file."""
    return start().convert(path, out, to)


def office_load_error(docx_path: str | os.PathLike[str]) -> str | None:
    """None when LibreOffice loads ``docx_path`` without repairing it, else why not."""
    return start().load_error(docx_path)
