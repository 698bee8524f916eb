"""Alignment: which model article (条) is which draft article, then 項 and 号 inside each pair.

Similarity is TF-IDF cosine over Sudachi token keys (so 表記ゆれ does not lower it), blended with
heading similarity. The assignment is global and order-preserving: the heaviest chain of candidate
pairs increasing on both sides. What the chain leaves out but still matches well is a *move*;
the rest is *added* or *removed*. Candidates come from an inverted index over the tokens, a term
shared by many units looking only at those near the draft unit's place, so both the postings visited
and the similarity evaluations grow with the contract, not with its square (tests/test_complexity.py).
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

from akapen.model import Aligned, Alignment, Article, Contract, Item, Paragraph
from akapen.morph import tokenize

__all__ = ["Unit", "align_contracts", "heaviest_chain", "match", "unit"]


_CANDIDATES = 8
"""Best-scoring model units kept per draft unit before the assignment."""
_NEAREST = 32
"""Postings a term visits at most in the candidate search: those of the model units nearest the draft
unit's place. Below 132 units every term visited is in fewer units than this (terms in over a quarter of
them are skipped), so only long contracts are windowed."""


class Unit(NamedTuple):
    """What alignment sees of an article, paragraph or item: its token counts and its heading."""

    terms: Counter[str]
    heading: str = ""


def unit(texts: Sequence[str], heading: str | None = None) -> Unit:
    """Token counts of some texts; punctuation and white space do not count."""
    # The heading's words count as content too: an article emptied of its text is still found by them.
    # Counted in one go (Counter's C loop): adding up one Counter per text was a Python loop per key.
    keys = itertools.chain.from_iterable(_terms(text) for text in (*texts, heading or ""))
    return Unit(Counter(keys), heading or "")


@lru_cache(maxsize=65536)
def _terms(text: str) -> tuple[str, ...]:
    """The content keys of one text, in order (the order of first appearance is the order scores are
    summed in). Cached: an article's paragraphs are counted again for the paragraph and item alignment,
    and identical paragraphs of model and draft are analysed once."""
    return tuple(token.key for token in tokenize(text) if _is_content(token.key))


@lru_cache(maxsize=65536)
def _is_content(key: str) -> bool:
    return bool(key.strip()) and not all(unicodedata.category(c)[0] in "PZS" for c in key)


@dataclass
class _Stats:
    evaluations: int = 0
    """How many (model, draft) similarities were computed: the complexity guard's counter."""
    postings: int = 0
    """How many (term, model unit) postings the candidate search visited: the other half of its cost."""


STATS = _Stats()


def match(
    model: Sequence[Unit],
    draft: Sequence[Unit],
    *,
    threshold: float,
    move_threshold: float,
    fill_threshold: float,
) -> tuple[Aligned, ...]:
    """Align two sequences. Returns every index of both sides exactly once: pairs in draft order, and
    each removed model unit right after the pair that precedes it in the model."""
    scores = _candidate_scores(model, draft)
    chain = heaviest_chain([(a, b, s) for (a, b), s in scores.items() if s >= threshold])
    paired_a = {a for a, _, _ in chain}
    paired_b = {b for _, b, _ in chain}
    pairs: dict[int, Aligned] = {b: Aligned(a, b, "matched", s) for a, b, s in chain}
    _fill_gaps(chain, len(model), len(draft), scores, fill_threshold, pairs, paired_a, paired_b)
    # Moves: a draft unit the chain could not take, whose best unpaired model unit is a strong match.
    for (a, b), s in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0][1], kv[0][0])):
        if s >= move_threshold and a not in paired_a and b not in paired_b:
            pairs[b] = Aligned(a, b, "moved", s)
            paired_a.add(a)
            paired_b.add(b)
    return _ordered(pairs, len(model), len(draft), paired_a)


def _candidate_scores(model: Sequence[Unit], draft: Sequence[Unit]) -> dict[tuple[int, int], float]:
    n = len(model) + len(draft)
    df: Counter[str] = Counter()
    for u in (*model, *draft):
        df.update(u.terms.keys())
    idf = {t: math.log((n + 1) / (c + 1)) + 1.0 for t, c in df.items()}

    def weights(u: Unit) -> dict[str, float]:
        w = {t: _tf(c) * idf[t] for t, c in u.terms.items()}
        norm = math.sqrt(sum(v * v for v in w.values())) or 1.0
        return {t: v / norm for t, v in w.items()}

    wa = [weights(u) for u in model]
    wb = [weights(u) for u in draft]
    index: defaultdict[str, list[tuple[int, float]]] = defaultdict(list)
    for a, w in enumerate(wa):
        for t, v in w.items():
            index[t].append((a, v))
    # A term in most units says nothing about which pair is right, and would make scoring quadratic.
    common = max(8, len(model) // 4)
    # Nor may a term in fewer, but still many, units in a long contract: it only tells apart the units
    # around the draft unit's place, so it visits just the _NEAREST of them (postings are in model order).
    where = {t: [a for a, _ in postings] for t, postings in index.items() if len(postings) > _NEAREST}
    scores: dict[tuple[int, int], float] = {}
    visited = 0
    for b, w in enumerate(wb):
        at = b * len(model) / max(len(draft), 1)
        dots: defaultdict[int, float] = defaultdict(float)
        for t, v in w.items():
            postings = index.get(t, [])
            if len(postings) > common:
                continue
            if len(postings) > _NEAREST:
                lo = min(max(0, bisect.bisect_left(where[t], at) - _NEAREST // 2), len(postings) - _NEAREST)
                postings = postings[lo : lo + _NEAREST]
            visited += len(postings)
            for a, va in postings:
                dots[a] += v * va
        if len(dots) > _CANDIDATES:
            # Equally similar candidates (an article repeated word for word) are taken nearest to where
            # the draft unit stands, so each copy finds its own counterpart; then listed best first.
            best = heapq.nsmallest(_CANDIDATES, dots.items(), key=lambda kv: (-kv[1], abs(kv[0] - at), kv[0]))
            best.sort(key=_best_first)
        else:
            best = sorted(dots.items(), key=_best_first)
            if not best and len(model) <= _CANDIDATES:
                best = [(a, 0.0) for a in range(len(model))]
        for a, _ in best:
            scores[(a, b)] = _score(model[a], draft[b], wa[a], wb[b])
    STATS.postings += visited
    return scores


def _best_first(candidate: tuple[int, float]) -> tuple[float, int]:
    return -candidate[1], candidate[0]


@lru_cache(maxsize=256)
def _tf(count: int) -> float:
    """Sublinear term frequency; a term's count in a unit is a small number, computed once."""
    return 1 + math.log(count)


def _score(ua: Unit, ub: Unit, wa: dict[str, float], wb: dict[str, float]) -> float:
    STATS.evaluations += 1
    # Summed in ``wa``'s order, terms ``wb`` lacks skipped (adding their 0.0 would change nothing).
    content = (
        sum((v * wb[t] for t, v in wa.items() if t in wb), 0.0) if wa and wb else float(not wa and not wb)
    )
    if ua.heading and ub.heading:
        return round(0.7 * content + 0.3 * _heading_similarity(ua.heading, ub.heading), 6)
    return round(content, 6)


def _heading_similarity(x: str, y: str) -> float:
    x, y = unicodedata.normalize("NFKC", x), unicodedata.normalize("NFKC", y)
    if x == y:
        return 1.0
    bx = {x[i : i + 2] for i in range(max(1, len(x) - 1))}
    by = {y[i : i + 2] for i in range(max(1, len(y) - 1))}
    return len(bx & by) / len(bx | by)


def heaviest_chain(pairs: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """The set of pairs strictly increasing in both indices with the largest total score
    (O(P log P) with a Fenwick tree of prefix maxima over the draft index)."""
    if not pairs:
        return []
    size = max(b for _, b, _ in pairs) + 2
    tree_val = [0.0] * (size + 1)
    tree_arg = [-1] * (size + 1)
    best_total = [0.0] * len(pairs)
    back = [-1] * len(pairs)
    order = sorted(range(len(pairs)), key=lambda k: (pairs[k][0], -pairs[k][1]))
    for k in order:
        _, b, s = pairs[k]
        # prefix max over draft indices < b
        i, val, arg = b, 0.0, -1
        while i > 0:
            if tree_val[i] > val:
                val, arg = tree_val[i], tree_arg[i]
            i -= i & -i
        best_total[k], back[k] = val + s, arg
        i = b + 1
        while i <= size:
            if best_total[k] > tree_val[i]:
                tree_val[i], tree_arg[i] = best_total[k], k
            i += i & -i
    k = max(range(len(pairs)), key=lambda x: (best_total[x], -x))
    chain = []
    while k != -1:
        chain.append(pairs[k])
        k = back[k]
    return chain[::-1]


def _fill_gaps(
    chain: list[tuple[int, int, float]],
    n_model: int,
    n_draft: int,
    scores: dict[tuple[int, int], float],
    threshold: float,
    pairs: dict[int, Aligned],
    paired_a: set[int],
    paired_b: set[int],
) -> None:
    """Between two chained pairs, equally many unpaired units on both sides are rewrites in place:
    pair them in order when they share anything at all."""
    bounds = [(-1, -1), *((a, b) for a, b, _ in chain), (n_model, n_draft)]
    for (a0, b0), (a1, b1) in itertools.pairwise(bounds):
        gap_a = [a for a in range(a0 + 1, a1) if a not in paired_a]
        gap_b = [b for b in range(b0 + 1, b1) if b not in paired_b]
        if gap_a and len(gap_a) == len(gap_b):
            for a, b in zip(gap_a, gap_b, strict=True):
                s = scores.get((a, b), 0.0)
                if s >= threshold:
                    pairs[b] = Aligned(a, b, "matched", s)
                    paired_a.add(a)
                    paired_b.add(b)


def _ordered(
    pairs: dict[int, Aligned], n_model: int, n_draft: int, paired_a: set[int]
) -> tuple[Aligned, ...]:
    out: list[Aligned] = []
    removed = [a for a in range(n_model) if a not in paired_a]
    r = 0
    for b in range(n_draft):
        pair = pairs.get(b)
        if pair is not None and pair.status == "matched":
            assert pair.a is not None
            while r < len(removed) and removed[r] < pair.a:
                out.append(Aligned(removed[r], None, "removed", 0.0))
                r += 1
        out.append(pair if pair is not None else Aligned(None, b, "added", 0.0))
    out.extend(Aligned(a, None, "removed", 0.0) for a in removed[r:])
    return tuple(out)


# ---------------------------------------------------------------------------------------------------------
# Contracts: 条, then 項 and 号 inside every pair.

_ARTICLE_THRESHOLDS = {"threshold": 0.3, "move_threshold": 0.55, "fill_threshold": 0.08}
_NODE_THRESHOLDS = {"threshold": 0.3, "move_threshold": 0.6, "fill_threshold": 0.05}
_PART_THRESHOLDS = {"threshold": 0.3, "move_threshold": 0.9, "fill_threshold": 0.05}


def align_contracts(model: Contract, draft: Contract, *, library: bool = False) -> Alignment:
    """Align every article of the model with the draft's, then their paragraphs and items.

    With ``library`` the model is a set of clauses in no particular order: a clause found anywhere in
    the draft is ``matched``, and the draft's other articles are ``outside`` (not compared)."""
    articles = match(
        [_article_unit(a) for a in model.articles],
        [_article_unit(a) for a in draft.articles],
        **_ARTICLE_THRESHOLDS,
    )
    if library:
        articles = tuple(_unordered(p) for p in articles)
    aligned = tuple(
        _with_children(p, model.articles[p.a].paragraphs, draft.articles[p.b].paragraphs)
        if p.a is not None and p.b is not None
        else p
        for p in articles
    )
    if library:
        return Alignment(model, draft, aligned, (), library=True)
    parts = match(
        [unit([p.text]) for p in model.parts], [unit([p.text]) for p in draft.parts], **_PART_THRESHOLDS
    )
    return Alignment(model, draft, aligned, parts)


def _unordered(pair: Aligned) -> Aligned:
    if pair.status == "moved":
        return replace(pair, status="matched")
    if pair.status == "added":
        return replace(pair, status="outside")
    return pair


Node = Paragraph | Item


def _with_children(pair: Aligned, model: Sequence[Node], draft: Sequence[Node]) -> Aligned:
    return replace(pair, children=_align_nodes(model, draft))


def _align_nodes(model: Sequence[Node], draft: Sequence[Node]) -> tuple[Aligned, ...]:
    if not model and not draft:
        return ()
    units_a, units_b = [_node_unit(n) for n in model], [_node_unit(n) for n in draft]
    if len(model) == 1 and len(draft) == 1:
        # The only paragraph of an article and its counterpart are the same paragraph, however rewritten.
        score = _candidate_scores(units_a, units_b).get((0, 0), 0.0)
        pairs: tuple[Aligned, ...] = (Aligned(0, 0, "matched", score),)
    else:
        pairs = match(units_a, units_b, **_NODE_THRESHOLDS)
    return tuple(
        _with_children(p, model[p.a].items, draft[p.b].items) if p.a is not None and p.b is not None else p
        for p in pairs
    )


def _article_unit(article: Article) -> Unit:
    texts: list[str] = []
    for p in article.paragraphs:
        texts.append(p.text)
        texts.extend(_item_texts(p.items))
    return unit(texts, article.heading)


def _node_unit(node: Node) -> Unit:
    return unit([node.text, *_item_texts(node.items)])


def _item_texts(items: Sequence[Item]) -> list[str]:
    out: list[str] = []
    for item in items:
        out.append(item.text)
        out.extend(_item_texts(item.items))
    return out
