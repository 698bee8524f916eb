"""The exceptions the library raises on purpose, and the exit codes the CLI maps them to."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
"""``--fail-on`` matched a finding."""
EXIT_USAGE = 2
"""Bad input or bad arguments: nothing was written."""
EXIT_PARTIAL = 3
"""``batch``: some drafts failed (each has its line in summary.csv); the others were written."""


class AkapenError(Exception):
    """Base of every error akapen reports to the user as one line (no traceback)."""

    exit_code = EXIT_USAGE


class InputError(AkapenError):
    """An input file cannot be read as a contract. The message says what is wrong and what to do."""


class OutputError(AkapenError):
    """An output cannot be written where asked (unwritable folder, would overwrite an input…)."""
