"""Same inputs and ``--date`` → byte-identical output, across separate processes whose string hashing
differs (PYTHONHASHSEED): no set or dict order, clock or host may leak into the files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.hostile import build
from tests.hostile.cli import akapen


@pytest.mark.parametrize(
    "args",
    [
        [str(build.DRAFT)],  # the model chosen automatically
        [str(build.FIXTURES / "draft.txt"), "-b", "sales-basic", "--side", "買主"],  # a fresh document
    ],
    ids=["docx-auto-model", "text-draft"],
)
def test_two_processes_write_the_same_bytes(args: list[str], tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"seed{seed}"
        out.mkdir()
        env = os.environ | {"PYTHONHASHSEED": seed}
        run = akapen(
            "redline",
            *args,
            "-o",
            out / "out.docx",
            "--json",
            out / "out.json",
            "--date",
            "2026-04-01",
            cwd=out,
            env=env,
        )
        assert run.code == 0, run.stderr
        outputs.append(
            (
                run.stdout.replace(str(out), "OUT"),
                (out / "out.docx").read_bytes(),
                (out / "out.json").read_bytes(),
            )
        )
    assert outputs[0] == outputs[1]
