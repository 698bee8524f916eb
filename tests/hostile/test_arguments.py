"""Bad arguments through the real command line: an output that would overwrite an input, an unknown
party or model, an output folder that cannot be written. One line, exit code 2, nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.hostile import build
from tests.hostile.cli import akapen, assert_refused, snapshot

_INPUT = ("is an input file", "choose another output path")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(build.DRAFT, tmp_path / "draft.docx")
    shutil.copy(build.FIXTURES / "model.docx", tmp_path / "model.docx")
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.docx").symlink_to("draft.docx")
    return tmp_path


def _refused(folder: Path, *args: str, message: tuple[str, ...]) -> None:
    before = snapshot(folder)
    assert_refused(akapen("redline", *args, "--date", "2026-04-01", cwd=folder), *message)
    assert snapshot(folder) == before


@pytest.mark.parametrize(
    "args",
    [
        ["draft.docx", "-b", "model.docx", "-o", "draft.docx"],
        ["draft.docx", "-b", "model.docx", "-o", "model.docx"],
        ["draft.docx", "-b", "model.docx", "-o", "sub/../draft.docx"],
        ["draft.docx", "-b", "model.docx", "-o", "link.docx"],
        ["link.docx", "-b", "model.docx", "-o", "draft.docx"],
        ["draft.docx", "-b", "model.docx", "-o", "out.docx", "--json", "draft.docx"],
        ["draft.docx", "-b", "model.docx", "-o", "out.docx", "--json", "model.docx"],
    ],
    ids=[
        "o-draft",
        "o-model",
        "o-draft-by-another-path",
        "o-symlink-to-draft",
        "draft-by-symlink",
        "json-draft",
        "json-model",
    ],
)
def test_an_output_that_would_overwrite_an_input_is_refused(folder: Path, args: list[str]) -> None:
    _refused(folder, *args, message=_INPUT)


def test_an_unknown_party_is_refused(folder: Path) -> None:
    _refused(
        folder,
        "draft.docx",
        "-b",
        "sales-basic",
        "--side",
        "宇宙人",
        "-o",
        "out.docx",
        message=("--side 宇宙人: not a party of this contract", "the parties are 買主、売主"),
    )


@pytest.mark.parametrize("name", ["no-such-model", "no-such-model.docx"])
def test_an_unknown_model_is_refused(folder: Path, name: str) -> None:
    _refused(
        folder,
        "draft.docx",
        "-b",
        name,
        "-o",
        "out.docx",
        message=(f"unknown baseline {name!r}", "platform-terms, sales-basic, sales-inspection"),
    )


def test_a_missing_output_folder_is_refused(folder: Path) -> None:
    _refused(
        folder,
        "draft.docx",
        "-b",
        "sales-basic",
        "-o",
        "nowhere/out.docx",
        message=("the folder nowhere does not exist", "create it"),
    )


def test_an_output_folder_nobody_may_write_in_is_refused(folder: Path) -> None:
    """sysfs refuses new files to everyone, root included (CI runs as root, so chmod proves nothing)."""
    _refused(
        folder,
        "draft.docx",
        "-b",
        "sales-basic",
        "-o",
        "/sys/akapen-out.docx",
        message=("cannot write /sys/akapen-out.docx: permission denied", "choose another output path"),
    )
    assert not Path("/sys/akapen-out.docx").exists()


def test_an_unwritable_report_leaves_no_redline_either(folder: Path) -> None:
    _refused(
        folder,
        "draft.docx",
        "-b",
        "sales-basic",
        "-o",
        "out.docx",
        "--json",
        "nowhere/out.json",
        message=("the folder nowhere does not exist", "create it"),
    )


def test_the_report_and_the_redline_cannot_share_a_path(folder: Path) -> None:
    _refused(
        folder,
        "draft.docx",
        "-b",
        "sales-basic",
        "-o",
        "out.docx",
        "--json",
        "out.docx",
        message=("out.docx is named for two outputs", "give each output its own path"),
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.docx", "-b", "sales-basic"], ("missing.docx does not exist",)),
        (
            ["draft.docx", "-b", "sales-basic", "-o", "sub"],
            ("cannot write sub", "choose another output path"),
        ),
    ],
    ids=["missing-draft", "output-is-a-folder"],
)
def test_a_missing_draft_or_a_folder_as_output_is_one_line(
    folder: Path, args: list[str], message: tuple[str, ...]
) -> None:
    _refused(folder, *args, message=message)
