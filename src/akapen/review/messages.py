"""What the lawyer reads: a finding's message in Japanese, with the contract's own party names.

A message says what changed (each piece of the change), whom it favours and whom it hurts, whether
that is us, the law behind the clause, and the model wording to ask for.
"""

from __future__ import annotations

from collections.abc import Sequence

from akapen.model import Severity
from akapen.review.law import Statute

__all__ = ["excerpt", "message"]

_LABEL = {"high": "高", "medium": "中", "low": "低", "info": "参考"}


def message(
    severity: Severity,
    said: Sequence[str],
    *,
    favours: str | None,
    adverse: str | None,
    side: str | None,
    statutes: Sequence[Statute] = (),
    model_wording: str = "",
) -> str:
    text = f"【{_LABEL[severity]}】" + "".join(
        s if s.endswith("。") else s + "。" for s in dict.fromkeys(said)
    )
    if favours and adverse:
        text += f"{favours}に有利、{adverse}に不利な変更です。"
    elif favours:
        text += f"{favours}に有利な変更です。"
    if side and adverse == side:
        text += f"当方（{side}）に不利です。"
    elif side and favours == side:
        text += f"当方（{side}）に有利です。"
    if statutes:
        text += "（" + "／".join(f"{s.cite}：{s.reason}" for s in statutes) + "）"
    if model_wording:
        text += f"ひな形の文言：「{excerpt(model_wording)}」"
    return text


def excerpt(text: str, width: int = 90) -> str:
    text = text.strip()
    return text if len(text) <= width else text[: width - 1] + "…"
