"""A model folder a legal team edits (``akapen baselines init``): ``model.toml`` and the contract text.

Pure: the files as bytes; writing them (together, atomically) is the caller's.
"""

from __future__ import annotations

import json

from akapen.model import Contract
from akapen.refs import article_ref

__all__ = ["model_folder"]

CONTRACT_FILE = "contract.txt"

_VARIANT_EXAMPLE = """\
# A fallback wording the team accepts for an article (修正例): save the whole article as it would read in
# a file beside this one and add, under that article's [[articles]] entry:
#
#   [[articles.variants]]
#   id = "第4条の修正例1"
#   file = "第4条の修正例1.txt"
#   label = "検査期間を14日とする"
#   favours = "売主"              # whom it is written for (one of the parties)
#   reason = "…"                   # why; shown in the redline's comment
#
# A redline then says which variant the counterparty's article follows. A variant file may write
# 「(1〜2 略)」 for paragraphs it keeps as the model has them.
"""


def model_folder(
    contract: Contract,
    *,
    text: str,
    name: str,
    source: str,
    contract_type: str,
    parties: tuple[str, ...],
    roles: dict[str, str],
    side: str | None,
) -> list[tuple[str, bytes]]:
    """(file name, bytes) of a model folder made from ``contract``, whose ``text`` is the contract file."""
    q = _quoted
    lines = [
        f"# A model contract (ひな形) of our own, made by `akapen baselines init` from {source}.",
        "# Edit it: the title, the contract type, the parties, which one is ours (side), the articles.",
        f"name = {q(name)}",
        f"title = {q(contract.title or name)}",
        'kind = "contract"',
        f"type = {q(contract_type)}  # 売買, 請負, 準委任, 秘密保持, 利用規約, ライセンス, 賃貸借, その他",
        f"file = {q(CONTRACT_FILE)}",
        f"parties = [{', '.join(q(p) for p in parties)}]",
        f"side = {q(side or '')}  # our party: graded for it when --side is not given",
        "",
        "[roles]",
        *(f"{q(p)} = {q(r)}" for p, r in roles.items() if p in parties),
        "",
        _VARIANT_EXAMPLE,
    ]
    for article in contract.articles:
        if article.number is None:
            continue
        lines += [
            f"[[articles]]  # {article_ref(article)}",
            f"number = {article.number}",
            f"title = {q(article.heading or '')}",
            "",
        ]
    return [("model.toml", "\n".join(lines).encode("utf-8")), (CONTRACT_FILE, text.encode("utf-8"))]


def _quoted(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(value, ensure_ascii=False)
