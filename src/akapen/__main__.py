"""``python -m akapen`` runs the command line."""

from akapen.cli import run

run()
