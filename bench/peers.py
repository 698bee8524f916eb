"""What akapen is measured against, each run as its own process like ``akapen redline`` is.

``python bench/peers.py floor MODEL DRAFT OUT``: python-docx opens both files and saves one, the least
any Python tool that reads two Word files and writes a third must pay.
``python bench/peers.py docxodus MODEL DRAFT OUT`` (and ``wmlcomparer``): python-redlines' engines, a
benchmark-only dependency (``pip install "python-redlines[all]"``).
"""

from __future__ import annotations

import sys
from pathlib import Path


def floor(model: Path, draft: Path, out: Path) -> None:
    from docx import Document

    Document(str(model))
    Document(str(draft)).save(str(out))


def redlines(engine_name: str, model: Path, draft: Path, out: Path) -> None:
    import warnings

    import python_redlines

    # XmlPowerToolsEngine (WmlComparer) says it is deprecated on every run; it is measured as a peer anyway.
    warnings.simplefilter("ignore", DeprecationWarning)

    engine = {"docxodus": python_redlines.DocxodusEngine, "wmlcomparer": python_redlines.XmlPowerToolsEngine}
    data, _, _ = engine[engine_name]().run_redline("相手方", str(model), str(draft))
    out.write_bytes(data)


def main(argv: list[str]) -> None:
    tool, model, draft, out = argv[0], Path(argv[1]), Path(argv[2]), Path(argv[3])
    if tool == "floor":
        floor(model, draft, out)
    else:
        redlines(tool, model, draft, out)


if __name__ == "__main__":
    main(sys.argv[1:])
