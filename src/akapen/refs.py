"""Citation strings for nodes of the tree: 第12条の2, 第4条第5項, 第6条第1項第9号, 第6条第1項第9号⑫."""

from __future__ import annotations

from akapen.model import Alignment, Article, Item, Paragraph


def article_ref(article: Article) -> str:
    """``第12条``, ``第12条の2``; a library clause by its id (``条項例1``); a template placeholder
    stays ``第◯条``."""
    if article.name is not None:
        return article.name
    if article.number is None:
        return "第◯条"
    branch = f"の{article.branch}" if article.branch else ""
    return f"第{article.number}条{branch}"


def paragraph_ref(article: Article, paragraph: Paragraph) -> str:
    return f"{article_ref(article)}第{paragraph.number}項"


def item_ref(parent_ref: str, item: Item, depth: int, position: int) -> str:
    """号 are cited by number (第3号); sub-items by their own label (⑫, イ, (a)).

    ``position`` (1-based) stands in when a label carries no number (a bare bullet).
    """
    if depth == 0:
        return f"{parent_ref}第{item.number or position}号"
    return parent_ref + (item.label.strip("（()）.．") or str(position))


def covered_articles(alignment: Alignment) -> dict[str, list[str]]:
    """Which model articles the draft covers, which it does not, and its articles the model lacks."""
    model, draft = alignment.model, alignment.draft
    return {
        "covered": [
            article_ref(model.articles[p.a])
            for p in alignment.articles
            if p.a is not None and p.b is not None
        ],
        "not_covered": [
            article_ref(model.articles[p.a]) for p in alignment.articles if p.a is not None and p.b is None
        ],
        "not_in_model": [
            article_ref(draft.articles[p.b]) for p in alignment.articles if p.b is not None and p.a is None
        ],
    }
