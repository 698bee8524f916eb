"""The HTML report (#6), judged in a real headless browser: rendered, with its findings, offline."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from PIL import Image

import akapen
from akapen.write.report_html import SEVERITY_COLOURS
from tests.support.browser import dom, screenshot

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, akapen.RedlineResult]:
    folder = tmp_path_factory.mktemp("html")
    shutil.copy(FIXTURES / "draft.docx", folder / "draft.docx")
    result = akapen.redline_files(
        folder / "draft.docx", "sales-basic", html_path=folder / "report.html", side="買主"
    )
    return folder / "report.html", result


def test_self_contained(report: tuple[Path, akapen.RedlineResult]) -> None:
    html = report[0].read_text(encoding="utf-8")
    assert "<script" not in html and not re.search(r"(?:src|href)=[\"']https?:", html)
    assert "<style>" in html


def test_rendered_in_chromium_with_its_findings(
    report: tuple[Path, akapen.RedlineResult], tmp_path: Path, chromium: str
) -> None:
    path, result = report
    rendered = dom(path)
    highs = [f for f in result.comparison.findings if f.severity == "high"]
    assert len(highs) == 4
    assert rendered.count('class="sev-high"') == len(highs)
    assert "みなし規定" in rendered and 'href="#a-第5条"' in rendered and 'id="a-第5条"' in rendered
    png = tmp_path / "report.png"
    screenshot(path, png)
    image = Image.open(png).convert("RGB")
    assert image.size[0] == 1366
    red = tuple(int(SEVERITY_COLOURS["high"][i : i + 2], 16) for i in (1, 3, 5))
    badge_pixels = sum(
        1 for pixel in _pixels(image) if all(abs(a - b) <= 6 for a, b in zip(pixel, red, strict=True))
    )
    # The 高 badges (one in the summary, one per high finding near the top) are drawn in that red.
    assert badge_pixels > 1000
    ink = sum(1 for pixel in _pixels(image.crop((0, 300, 1366, 900))) if sum(pixel) < 200)
    assert ink > 5000  # the findings' text is drawn, not a blank page


def _pixels(image: Image.Image) -> list[tuple[int, int, int]]:
    raw = image.tobytes()
    return [(raw[i], raw[i + 1], raw[i + 2]) for i in range(0, len(raw), 3)]
