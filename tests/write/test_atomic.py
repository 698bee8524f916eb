"""Output files are written whole or not at all, and failures read as one line saying what to do."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from akapen.errors import OutputError
from akapen.write import write_atomic


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


def test_a_folder_nobody_may_write_in_says_to_choose_another() -> None:
    """sysfs refuses new files to everyone, root included (CI runs as root, so chmod proves nothing)."""
    target = Path("/sys/akapen-redline.docx")
    with pytest.raises(OutputError, match="permission denied") as error:
        write_atomic(target, b"x")
    assert "\n" not in str(error.value)
    assert not target.exists()
