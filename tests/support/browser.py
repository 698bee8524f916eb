"""Headless Chromium (Debian's package) as the judge of the HTML report: it renders the page and takes a
screenshot, with the flags DESIGN.md lists so it never reaches for the closed network."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

INSTALL = "apt-get install -y --no-install-recommends chromium"
_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def executable() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def screenshot(page: Path, png: Path, *, width: int = 1366, height: int = 2400) -> None:
    """Render ``page`` (a local file) at a laptop's width and save what it shows."""
    browser = executable()
    assert browser is not None
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                browser,
                *_FLAGS,
                f"--user-data-dir={profile}",
                f"--window-size={width},{height}",
                f"--screenshot={png}",
                page.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


def dom(page: Path) -> str:
    """The page's DOM after Chromium parsed and laid it out."""
    browser = executable()
    assert browser is not None
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [browser, *_FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.resolve().as_uri()],
            check=True,
            capture_output=True,
            timeout=120,
            text=True,
        )
    return done.stdout
