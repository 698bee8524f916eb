"""How adverse a change is to our side: the grade a finding gets from whom it favours and whom it hurts.

Run for both parties the grades mirror: what hurts us has its full weight, what helps us is ``info``;
a change that favours neither (a moved article, a stale cross-reference) keeps its weight for both.
"""

from __future__ import annotations

from akapen.model import Severity

__all__ = ["severity_for"]

_RANK = {"high": 0, "medium": 1, "low": 2, "info": 3}


def severity_for(
    base: Severity, *, adverse_to: str | None, favours: str | None, side: str | None
) -> Severity:
    """How adverse a change is to our side: its full weight when it hurts us, ``info`` when it helps us,
    ``low`` when it touches neither party; without a side, at most ``medium`` (neutral)."""
    if side is None:
        return base if _RANK[base] >= _RANK["medium"] else "medium"
    if adverse_to == side:
        return base
    if favours == side:
        return "info"
    if adverse_to is None and favours is None:
        return base if _RANK[base] >= _RANK["medium"] else "medium"
    return "low"
