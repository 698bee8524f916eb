"""Writing an output file so that it is either complete or absent, never half-written."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from akapen.errors import OutputError


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path``: a temporary file in the same folder, flushed to disk, then renamed
    over ``path`` (an existing file is replaced in one step). On any error the temporary file is
    removed and ``path`` is left as it was.

    Raises :class:`~akapen.errors.OutputError` (one line: the cause and what to do) when the folder is
    missing or not writable, the file cannot be replaced (open in Word on Windows, read-only), or the
    disk refuses the data.
    """
    target = Path(path)
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
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
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise _output_error(target, exc) from None
        raise
    _sync_folder(target.parent)


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
    """Make the rename itself durable. POSIX only (Windows cannot open a folder); best effort, since
    the file is already complete in place."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
