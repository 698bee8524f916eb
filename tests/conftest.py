"""Shared fixtures. ``office``: one LibreOffice for the whole session (tests marked ``office``)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.support import browser as browser_support
from tests.support import office as office_support


@pytest.fixture(scope="session")
def office() -> Iterator[office_support.Office]:
    """The running LibreOffice. Without it the test is skipped, except under CI=true, where it fails:
    CI must prove the files against a real office suite."""
    reason = office_support.unavailable()
    if reason is None:
        try:
            running = office_support.start()
        except office_support.OfficeError as exc:
            reason = f"LibreOffice did not start: {exc}"
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; install it: {office_support.INSTALL}", pytrace=False)
        pytest.skip(f"{reason} (install: {office_support.INSTALL})")
    yield running
    office_support.stop()


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's headless Chromium. Skipped without it, except under CI=true, where it fails."""
    found = browser_support.executable()
    if found is None:
        reason = f"chromium is not installed (install: {browser_support.INSTALL})"
        if os.environ.get("CI") == "true":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return found
