"""Which known modification (修正例) of a model clause did the counterparty use?

Each candidate — the model clause and each variant — is resolved against the draft article as a
template (options chosen, blanks filled), then scored by the share of words it has in common with the
draft. The best variant is named when it beats the model clause itself. Paragraph by paragraph the
same comparison says whether a draft mixes variants (項1 from 修正例2, 項2 from 修正例3).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from akapen.diff import diff
from akapen.model import Article, Clause, Source, Variant, span_text
from akapen.morph import tokenize
from akapen.read.text import parse_text
from akapen.segment import segment
from akapen.template import resolve

__all__ = ["VariantMatch", "identify"]

_MARGIN = 0.01
"""How much better than the model clause a variant must fit to be named (rounding noise aside)."""


@dataclass(frozen=True)
class VariantMatch:
    """The closest wording the counterparty's article follows."""

    clause: Clause
    variant: Variant | None
    """None: the model clause itself fits best."""
    score: float
    model_score: float
    paragraphs: tuple[Variant | None, ...] = ()
    """Per draft 項, the variant whose paragraph it follows (None: the model's)."""

    @property
    def mixed(self) -> tuple[Variant, ...]:
        """The distinct variants the paragraphs follow, when there are two or more."""
        seen: list[Variant] = []
        for v in self.paragraphs:
            if v is not None and v not in seen:
                seen.append(v)
        return tuple(seen) if len(seen) > 1 else ()


def identify(clause: Clause, article: Article, source: Source) -> VariantMatch:
    """Score the model clause and each variant against the draft ``article``."""
    draft = "\n".join(_paragraph_texts(article, source))
    model_score = _similarity(_body(clause.text), draft)
    best: Variant | None = None
    best_score = model_score
    for variant in clause.variants:
        score = _similarity(_body(variant.text), draft)
        if score > best_score + _MARGIN:
            best, best_score = variant, score
    paragraphs = tuple(_paragraph_source(clause, line) for line in _paragraph_texts(article, source))
    return VariantMatch(clause, best, best_score, model_score, paragraphs)


def _similarity(template: str, draft: str) -> float:
    """2 × shared characters / all characters, after resolving the template against the draft."""
    resolved = resolve(template, draft).text
    shared = sum(len(e.text) for e in diff(resolved, draft) if e.op == "equal")
    total = len(resolved) + len(draft)
    return 2 * shared / total if total else 1.0


def _paragraph_source(clause: Clause, line: str) -> Variant | None:
    """The candidate one of whose paragraphs ``line`` follows most closely; the model wins ties.

    Word-multiset overlap is enough here (the article as a whole was compared word by word), and it
    stays cheap however unlike the paragraphs are."""
    words = _words(line)
    model = _paragraphs_of(clause.text)
    best: Variant | None = None
    best_score = max((_dice(words, _words(p)) for p in model), default=0.0)
    for variant in clause.variants:
        own = [p for p in _paragraphs_of(variant.text) if p not in model]
        score = max((_dice(words, _words(p)) for p in own), default=0.0)
        if score > best_score + _MARGIN:
            best, best_score = variant, score
    return best


@lru_cache(maxsize=1024)
def _words(text: str) -> Counter[str]:
    """Token keys of a text, template markup (〔〕, OR, ◯) left out."""
    return Counter(t.key for t in tokenize(text) if t.key.strip() and t.key not in _MARKUP)


_MARKUP = {"〔", "〕", "or", "OR", "◯", "◯◯"}


def _dice(a: Counter[str], b: Counter[str]) -> float:
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 1.0


@lru_cache(maxsize=256)
def _paragraphs_of(text: str) -> tuple[str, ...]:
    """A clause's 項, each as one text (the 第◯条(見出し) line left out: alignment matched it)."""
    contract = segment(parse_text(text.encode("utf-8"), "clause"))
    return tuple(_paragraph_texts(contract.articles[0], contract.source))


def _body(text: str) -> str:
    return "\n".join(_paragraphs_of(text))


def _paragraph_texts(article: Article, source: Source) -> list[str]:
    """Each 項 as one text: its own line(s) and its items', as written."""
    out = []
    for p in article.paragraphs:
        spans = list(p.spans)
        stack = list(p.items)
        while stack:
            item = stack.pop(0)
            spans.extend(item.spans)
            stack[:0] = item.items
        out.append(span_text(source, tuple(spans)))
    return out
