"""Run akapen from a checkout without installing it: ``python cli.py outline FILE``."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from akapen.cli import main

if __name__ == "__main__":
    main()
