"""Output files are written whole or not at all, and failures read as one line saying what to do."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from akapen.errors import OutputError
from akapen.write import atomic, write_atomic
from akapen.write.atomic import write_together


def test_writes_a_new_file_and_replaces_an_old_one(tmp_path: Path) -> None:
    target = tmp_path / "契約書.redline.docx"
    write_atomic(target, b"first")
    write_atomic(str(target), b"second")
    assert target.read_bytes() == b"second"
    assert os.listdir(tmp_path) == [target.name]


def test_a_missing_folder_says_to_create_it(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist; create it"):
        write_atomic(tmp_path / "nowhere" / "out.docx", b"x")


def test_a_folder_in_the_way_is_reported_and_nothing_is_left_behind(tmp_path: Path) -> None:
    (tmp_path / "out.docx").mkdir()
    with pytest.raises(OutputError, match="choose another output path") as raised:
        write_atomic(tmp_path / "out.docx", b"x")
    assert "\n" not in str(raised.value)
    assert os.listdir(tmp_path) == ["out.docx"]


def test_a_failure_while_writing_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.docx"
    target.write_bytes(b"old")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OutputError, match="No space left on device"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["out.docx"]


def test_an_interrupt_removes_the_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "out.docx", b"new")
    assert os.listdir(tmp_path) == []


_WRITER = """
import sys
from akapen.write.atomic import write_atomic
write_atomic(sys.argv[1], bytes(int(sys.argv[2])))
"""
_BIG = 768 * 1024 * 1024
"""Large enough that the write takes a while (zero pages: the child does not hold them in memory)."""


@pytest.mark.parametrize("existing", [False, True], ids=["new-output", "replacing-an-output"])
def test_a_writer_killed_mid_write_leaves_no_partial_output(tmp_path: Path, existing: bool) -> None:
    target = tmp_path / "out.docx"
    if existing:
        target.write_bytes(b"the previous redline")
    child = subprocess.Popen([sys.executable, "-c", _WRITER, str(target), str(_BIG)])
    try:
        partial = _wait_for_a_partial_temporary_file(tmp_path, child)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert 0 < partial < _BIG
    if existing:
        assert target.read_bytes() == b"the previous redline"
    else:
        assert not target.exists()
    # SIGKILL leaves the killed writer's temporary file (nothing can clean up after it); the next write
    # of the same output removes it.
    assert len([p for p in tmp_path.iterdir() if p.suffix == ".tmp"]) == 1
    write_atomic(target, b"new")
    assert os.listdir(tmp_path) == [target.name]
    assert target.read_bytes() == b"new"


def _wait_for_a_partial_temporary_file(folder: Path, child: subprocess.Popen[bytes]) -> int:
    """The size of the child's temporary file, once it is partly written."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and child.poll() is None:
        for path in folder.glob(".*.tmp"):
            try:
                size = path.stat().st_size
            except FileNotFoundError:  # renamed into place in the meantime
                continue
            if 0 < size < _BIG:
                return size
    raise AssertionError("the writer finished (or never started) before it could be killed mid-write")


def test_a_temporary_file_of_a_running_writer_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    write_atomic(target, b"x")
    # Named as this very process (which runs) would name it: not stale.
    mine = tmp_path / f".out.docx.akapen-{atomic._host()}-{os.getpid()}-0000.tmp"
    mine.write_bytes(b"in progress")
    write_atomic(target, b"y")
    assert mine.exists()


def test_several_outputs_are_written_all_or_none(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    with pytest.raises(OutputError, match=r"the folder .*nowhere does not exist"):
        write_together([(report, b"{}"), (tmp_path / "nowhere" / "out.docx", b"docx")])
    assert os.listdir(tmp_path) == []
    write_together([(report, b"{}"), (tmp_path / "out.docx", b"docx")])
    assert sorted(os.listdir(tmp_path)) == ["out.docx", "report.json"]


@pytest.mark.parametrize("second", ["out.docx", "./out.docx", "sub/../out.docx"])
def test_an_output_named_twice_is_refused_before_anything_is_written(tmp_path: Path, second: str) -> None:
    (tmp_path / "sub").mkdir()
    with pytest.raises(
        OutputError, match=r"out\.docx is named for two outputs; give each output its own path"
    ):
        write_together([(tmp_path / "out.docx", b"docx"), (tmp_path / second, b"{}")])
    assert os.listdir(tmp_path) == ["sub"]


def test_a_folder_nobody_may_write_in_says_to_choose_another() -> None:
    """sysfs refuses new files to everyone, root included (CI runs as root, so chmod proves nothing)."""
    target = Path("/sys/akapen-redline.docx")
    with pytest.raises(OutputError, match="permission denied") as error:
        write_atomic(target, b"x")
    assert "\n" not in str(error.value)
    assert not target.exists()
