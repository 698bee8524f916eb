"""Writing output files so that each is either complete or absent, never half-written.

Each file is written to a temporary file beside it (``.NAME.akapen-HOST-PID-TOKEN.tmp``), flushed to
disk, then renamed over its target in one step. An error or an interrupt removes the temporary files.
A process killed outright (SIGKILL, power loss) cannot clean up: its temporary file stays, but the
target is untouched, and the next akapen that writes the same target removes the temporary files of
writers on this machine that no longer run.
"""

from __future__ import annotations

import contextlib
import os
import zlib
from collections.abc import Sequence
from pathlib import Path

from akapen.errors import OutputError

__all__ = ["write_atomic", "write_together"]

_MARK = "akapen"


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` (an existing file is replaced in one step). On any error ``path`` is
    left as it was and no temporary file remains.

    Raises :class:`~akapen.errors.OutputError` (one line: the cause and what to do) when the folder is
    missing or not writable, the file cannot be replaced (open in Word on Windows, read-only), or the
    disk refuses the data.
    """
    write_together([(path, data)])


def write_together(files: Sequence[tuple[str | os.PathLike[str], bytes]]) -> None:
    """Write several files (the redline and its JSON report) all or none: every one is written to its
    temporary file first, and only when all of them are complete are they renamed into place. A
    target named twice is refused before anything is written."""
    targets = [Path(path) for path, _ in files]
    seen: dict[Path, Path] = {}
    for target in targets:
        key = _identity(target)
        if key in seen:
            raise OutputError(f"{target} is named for two outputs; give each output its own path")
        seen[key] = target
    temps: list[Path] = []
    try:
        for target, (_, data) in zip(targets, files, strict=True):
            _remove_stale_temps(target)
            temps.append(_write_temp(target, data))
        for temp, target in zip(temps, targets, strict=True):
            try:
                os.replace(temp, target)
            except OSError as exc:
                raise _output_error(target, exc) from None
    except BaseException:
        for temp in temps:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        raise
    for folder in dict.fromkeys(target.parent for target in targets):
        _sync_folder(folder)


def _write_temp(target: Path, data: bytes) -> Path:
    temp = target.with_name(f".{target.name}.{_MARK}-{_host()}-{os.getpid()}-{os.urandom(4).hex()}.tmp")
    try:
        # O_EXCL: never write into someone else's file; mode 0o666 lets the umask decide, as for any
        # new file.
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as exc:
        raise _output_error(target, exc) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise _output_error(target, exc) from None
        raise
    return temp


def _identity(target: Path) -> Path:
    """The file a path names, for telling two output paths apart (``out.docx`` and ``./x/../out.docx``)."""
    try:
        return target.resolve()
    except OSError:
        return target.absolute()


def _host() -> str:
    """This machine, short: a shared folder may hold temporary files of writers on other machines, whose
    processes cannot be checked from here. (os.uname and zlib rather than socket and hashlib: those two
    imports alone cost 8 ms of every run.)"""
    name = os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "")
    return f"{zlib.crc32(name.encode()):08x}"


def _remove_stale_temps(target: Path) -> None:
    """Remove the temporary files a killed akapen on this machine left beside ``target``. POSIX only:
    whether a process still runs is asked with signal 0, which Windows would deliver as Ctrl-C."""
    if os.name != "posix":
        return
    prefix = f".{target.name}.{_MARK}-{_host()}-"
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent):
            if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
                continue
            pid = entry.name[len(prefix) :].split("-", 1)[0]
            if pid.isdigit() and not _running(int(pid)):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it runs
        return True
    return True


def _output_error(target: Path, exc: OSError) -> OutputError:
    if isinstance(exc, FileNotFoundError):
        return OutputError(
            f"cannot write {target}: the folder {target.parent} does not exist; create it or choose "
            "another output path"
        )
    if isinstance(exc, PermissionError | IsADirectoryError):
        return OutputError(
            f"cannot write {target}: permission denied (a read-only folder or file, a folder of that "
            "name, or the file is open in Word); close it or choose another output path"
        )
    return OutputError(f"cannot write {target}: {exc.strerror or exc}; check the path and free disk space")


def _sync_folder(folder: Path) -> None:
    """Make the renames themselves durable. POSIX only (Windows cannot open a folder); best effort,
    since the files are already complete in place."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
