"""Where one ``akapen redline`` spends its time, stage by stage, in a fresh process.

``python bench/stages.py MODEL DRAFT OUT`` prints JSON: seconds per stage (each stage's own time, the
stages it calls subtracted) and how many article/paragraph similarities the alignment computed.

It runs the library calls ``redline_files`` makes for a model given as a file (read and segment both
sides, compare, render, write), timing each; inside ``compare`` the alignment, the redline plan (the
word diff) and the first tokenisation of every text are timed by wrapping the functions, so the review
is what is left. Start-up is this process's imports of what the command needs.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])

_own: defaultdict[str, float] = defaultdict(float)
"""Seconds per stage, exclusive of the timed stages called inside it."""
_stack: list[list[float]] = []
"""Per running timed call: [seconds spent in timed calls nested in it]."""


def timed(stage: str, function: F) -> F:
    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _stack.append([0.0])
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            elapsed = time.perf_counter() - start
            nested = _stack.pop()[0]
            _own[stage] += elapsed - nested
            if _stack:
                _stack[-1][0] += elapsed

    return cast(F, wrapper)


def main(model: Path, draft: Path, out: Path) -> dict[str, float]:
    start = time.perf_counter()
    # What `akapen redline` imports before it reads a file (the writer too: render imports it).
    import akapen.cli
    import akapen.read
    import akapen.read.baselines
    import akapen.redline
    import akapen.write.atomic
    import akapen.write.tracked

    _own["start-up"] = time.perf_counter() - start

    import akapen.align
    import akapen.diff
    import akapen.identify
    import akapen.morph

    for module in (akapen.align, akapen.diff, akapen.identify):
        module.tokenize = timed("tokenise", module.tokenize)
    akapen.redline.align_contracts = timed("align", akapen.redline.align_contracts)
    akapen.redline.plan_redline = timed("diff", akapen.redline.plan_redline)
    akapen.write.tracked.build_redline = timed("write", akapen.write.tracked.build_redline)

    timed("dictionary", akapen.morph.tokenize)("")
    read = timed("read", akapen.read.read_source)
    model_source, draft_source = read(model), read(draft)
    segment = timed("segment", akapen.segment)
    model_contract, draft_contract = segment(model_source), segment(draft_source)
    baseline = akapen.Baseline(model.stem, model_contract.title or model.name, "contract", model_contract)
    comparison = timed("review", akapen.compare)(baseline, draft_contract)
    data = timed("check", akapen.redline.render)(comparison, author="相手方", date="2026-04-01T00:00:00Z")
    timed("write", akapen.write.atomic.write_atomic)(out, data)
    result = dict(_own)
    result["total"] = time.perf_counter() - start
    result["evaluations"] = akapen.align.STATS.evaluations
    return result


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))))
