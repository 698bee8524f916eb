"""The two source documents in ../shared/seeds, and ways to cut test material out of them.

They are part of the project's test data; a checkout without ../shared beside it fails loudly here
rather than skipping the tests that need them.
"""

from __future__ import annotations

from pathlib import Path

from akapen.model import Source
from akapen.read.text import parse_text

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED_000 = SHARED / "seeds" / "000_fa44187a73f5676f.txt"
"""A real 27-article terms of use (デジタル改革共創プラットフォーム利用規約), exported from PDF."""
SEED_003 = SHARED / "seeds" / "003_8b8c8440b5299d90.txt"
"""The article with 条項例1 (検査), 条項例2 (契約不適合責任) and their 修正例."""


def seed_text(path: Path) -> str:
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: the tests need ../shared/seeds beside the checkout")
    return path.read_text(encoding="utf-8")


def text_source(text: str, path: str = "draft.txt") -> Source:
    """A text contract as the text reader reads it."""
    return parse_text(text.encode("utf-8"), path)


def seed003_clauses() -> dict[str, str]:
    """Each 条項例/修正例 of seed 003 by name (条項例1, 条項例1の修正例1 …): the clause lines that follow
    its name, up to the article's prose (indented with a space) or the next name."""
    lines = seed_text(SEED_003).splitlines()
    clauses: dict[str, str] = {}
    for i, line in enumerate(lines):
        if not line.startswith("条項例"):
            continue
        body: list[str] = []
        for following in lines[i + 1 :]:
            if not following.strip():
                continue
            if following.startswith((" ", "\u3000", "条項例")) or (body and _is_prose_heading(following)):
                break
            body.append(following)
        clauses[line.strip()] = "\n".join(body) + "\n"
    return clauses


def _is_prose_heading(line: str) -> bool:
    """Section headings of the article (e.g. 「追完の方法の指定や催告の設定」): no marker, no 。."""
    stripped = line.strip()
    return (
        not stripped[:1].isdigit()
        and not stripped.startswith(("第", "(", "（", "〔"))
        and "。" not in stripped
    )
