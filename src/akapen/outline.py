"""The outline view of a contract: a readable tree for the terminal and the ``--json`` shape."""

from __future__ import annotations

from typing import Any

from akapen.model import Article, Contract, Item
from akapen.refs import article_ref, item_ref, paragraph_ref

__all__ = ["outline_json", "outline_text"]


def outline_json(contract: Contract) -> dict[str, Any]:
    """``{"title", "articles": [{"ref", "number", "branch", "heading", "paragraphs": [...]}], "parts":
    [{"kind", "text"}]}``: the parts are everything outside the articles (title, 前文, 章 and law titles,
    closing words, signatures, 別紙, 附則), in document order."""
    return {
        "title": contract.title,
        "articles": [_article(a) for a in contract.articles],
        "parts": [{"kind": p.kind, "text": p.text} for p in contract.parts],
    }


def _article(article: Article) -> dict[str, Any]:
    return {
        "ref": article_ref(article),
        "number": article.number,
        "branch": article.branch,
        "heading": article.heading,
        "paragraphs": [
            {
                "ref": (ref := paragraph_ref(article, p)),
                "label": p.label,
                "text": p.text,
                "items": _items(ref, p.items, 0),
            }
            for p in article.paragraphs
        ],
    }


def _items(parent_ref: str, items: tuple[Item, ...], depth: int) -> list[dict[str, Any]]:
    out = []
    for position, item in enumerate(items, 1):
        ref = item_ref(parent_ref, item, depth, position)
        out.append(
            {"ref": ref, "label": item.label, "text": item.text, "items": _items(ref, item.items, depth + 1)}
        )
    return out


def outline_text(contract: Contract, width: int = 60) -> str:
    """An indented tree: one line per article, paragraph and item, texts cut to ``width`` characters."""
    lines = []
    if contract.title:
        lines.append(contract.title)
    for article in contract.articles:
        heading = f"（{article.heading}）" if article.heading else ""
        lines.append(f"{article_ref(article)}{heading}")
        for p in article.paragraphs:
            lines.append(f"  {p.label or '(' + str(p.number) + ')'} {_cut(p.text, width)}")
            lines.extend(_item_lines(p.items, 2, width))
    for part in contract.parts:
        if part.kind not in ("title", "preamble", "chapter"):
            lines.append(f"[{part.kind}] {_cut(part.text, width)}")
    return "\n".join(lines)


def _item_lines(items: tuple[Item, ...], depth: int, width: int) -> list[str]:
    lines = []
    for item in items:
        lines.append(f"{'  ' * depth}{item.label} {_cut(item.text, width)}")
        lines.extend(_item_lines(item.items, depth + 1, width))
    return lines


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
