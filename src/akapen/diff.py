"""Morpheme diff: compare two texts word by word and say what kind each difference is.

Each distinct token key (Sudachi normalized form) becomes one private-use character and
diff-match-patch runs on those strings, so a revision never starts or ends inside a word.
Diffing keys rather than surfaces makes 表記ゆれ fall out as *equal* tokens whose surfaces differ:
those are reported as ``cosmetic`` edits, never mixed into a substantive one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from diff_match_patch import diff_match_patch

from akapen.model import RevisionKind
from akapen.morph import Token, tokenize
from akapen.numerals import parse_int

__all__ = ["Edit", "Numbering", "cites_another_instrument", "diff"]

EditOp = Literal["equal", "insert", "delete"]


class Edit(NamedTuple):
    """One stretch of the comparison: text both share, text only the draft has, or only the model."""

    op: EditOp
    text: str
    a: int
    """Offset in the model text: where ``equal``/``delete`` text starts, or where an ``insert`` goes."""
    b: int
    """Offset in the draft text: where ``equal``/``insert`` text starts, or where a ``delete`` stood."""
    kind: RevisionKind | None = None


@dataclass(frozen=True)
class Numbering:
    """What the alignment renumbered, so numbers that merely follow it are ``renumbering``."""

    articles: Mapping[int, int] = field(default_factory=dict)
    """Model article number → draft article number (第4条 → 第5条)."""
    paragraphs: Mapping[int, Mapping[int, int]] = field(default_factory=dict)
    """Per model article number: model 項 number → draft 項 number."""
    article: int | None = None
    """The model article the compared text belongs to (for a bare 第N項)."""
    label_a: tuple[int, int] = (0, 0)
    """Where the node's own label (``第4条``, ``2.``, ``(3)``) stands in the model text."""
    label_b: tuple[int, int] = (0, 0)


_BMP_PUA = 0xF900 - 0xE000


def _code(n: int) -> str:
    """The ``n``-th private-use character: the BMP's area first, then plane 15's (made on demand; a table
    of all 72,000 would cost every run 20 ms to build)."""
    return chr(0xE000 + n) if n < _BMP_PUA else chr(0xF0000 + n - _BMP_PUA)


def _engine() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # never cut short: a time-dependent diff would make outputs non-deterministic
    return dmp


_DMP = _engine()


def diff(a: str, b: str, numbering: Numbering | None = None) -> tuple[Edit, ...]:
    """Compare model text ``a`` with draft text ``b``. Concatenating the ``equal`` and ``delete`` edits
    gives ``a``; the ``equal`` and ``insert`` edits give ``b``."""
    if a == b:
        return (Edit("equal", a, 0, 0),) if a else ()
    ta, tb = tokenize(a), tokenize(b)
    codes: dict[str, str] = {}
    ea = "".join(codes.get(t.key) or codes.setdefault(t.key, _code(len(codes))) for t in ta)
    eb = "".join(codes.get(t.key) or codes.setdefault(t.key, _code(len(codes))) for t in tb)
    ops = _DMP.diff_main(ea, eb, False)
    _DMP.diff_cleanupSemantic(ops)
    edits: list[Edit] = []
    i = j = 0  # token positions in ta / tb
    gi = gj = 0  # where the pending (non-equal) group started

    def flush() -> None:
        if gi < i or gj < j:
            a_at = ta[gi].start if gi < len(ta) else len(a)
            b_at = tb[gj].start if gj < len(tb) else len(b)
            edits.extend(_changed(a, b, a_at, b_at, ta, tb, (gi, i), (gj, j), numbering))

    for op, chars in ops:
        n = len(chars)
        if op == 0:
            flush()
            for x, y in zip(ta[i : i + n], tb[j : j + n], strict=True):
                if x.surface == y.surface:
                    _append(edits, Edit("equal", x.surface, x.start, y.start))
                else:
                    _append(edits, Edit("delete", x.surface, x.start, y.start, "cosmetic"))
                    _append(edits, Edit("insert", y.surface, x.end, y.start, "cosmetic"))
            i, j = i + n, j + n
            gi, gj = i, j
        elif op < 0:
            i += n
        else:
            j += n
    flush()
    return tuple(_merge_cosmetic(edits))


def _changed(
    a: str,
    b: str,
    a_at: int,
    b_at: int,
    ta: Sequence[Token],
    tb: Sequence[Token],
    a_range: tuple[int, int],
    b_range: tuple[int, int],
    numbering: Numbering | None,
) -> list[Edit]:
    dels, ins = ta[a_range[0] : a_range[1]], tb[b_range[0] : b_range[1]]
    deleted = a[dels[0].start : dels[-1].end] if dels else ""
    inserted = b[ins[0].start : ins[-1].end] if ins else ""
    kind = _kind(dels, ins, ta, tb, numbering)
    out = []
    if deleted:
        out.append(Edit("delete", deleted, a_at, b_at, kind))
    if inserted:
        out.append(Edit("insert", inserted, a_at + len(deleted), b_at, kind))
    return out


def _kind(
    dels: Sequence[Token],
    ins: Sequence[Token],
    ta: Sequence[Token],
    tb: Sequence[Token],
    numbering: Numbering | None,
) -> RevisionKind:
    if [t.key for t in dels if t.key != " "] == [t.key for t in ins if t.key != " "]:
        # Only white space differs (「5日」 → 「 5 日」, as text extracted from a PDF spaces digits):
        # however the diff grouped it, nothing was said differently.
        return "cosmetic"
    words = [t for t in dels if t.key != " "], [t for t in ins if t.key != " "]
    if numbering is not None and _follows_renumbering(*words, ta, tb, numbering):
        return "renumbering"
    return "substantive"


def _follows_renumbering(
    dels: Sequence[Token],
    ins: Sequence[Token],
    ta: Sequence[Token],
    tb: Sequence[Token],
    numbering: Numbering,
) -> bool:
    if dels and ins and _within(dels, numbering.label_a) and _within(ins, numbering.label_b):
        return True  # the node's own label (第4条 → 第5条, 2. → 3.): it follows its aligned node
    if len(dels) != 1 or len(ins) != 1 or not (dels[0].numeral and ins[0].numeral):
        return False
    old, new = parse_int(dels[0].key), parse_int(ins[0].key)
    if old is None or new is None:
        return False
    before_a, after_a = _around(ta, dels[0])
    before_b, after_b = _around(tb, ins[0])
    if (
        before_a != "第"
        or before_b != "第"
        or after_a != after_b
        or cites_another_instrument(ta, ta.index(dels[0]) - 1)
    ):
        return False
    if after_a == "条":
        return numbering.articles.get(old) == new
    if after_a == "項":
        # 第3条第4項 follows article 3's renumbering; a bare 第4項 the article it is written in.
        k = ta.index(dels[0])
        article = parse_int(ta[k - 3].key) if k >= 3 and ta[k - 2].key == "条" else numbering.article
        return article is not None and numbering.paragraphs.get(article, {}).get(old) == new
    return False


def _within(tokens: Sequence[Token], span: tuple[int, int]) -> bool:
    return span[0] < span[1] and span[0] <= tokens[0].start and tokens[-1].end <= span[1]


_STATUTE_SUFFIXES = ("法", "法律", "令", "規則", "条例", "規程", "規約")


def cites_another_instrument(tokens: Sequence[Token], dai: int) -> bool:
    """Whether the 第 at ``tokens[dai]`` begins an article of another instrument (個人情報の保護に関する
    法律第2条, 民法第566条, 施行令第3条, 利用規約第5条), which this contract's renumbering does not move.
    本規約第3条 and 本規則第3条 are the document's own. On tokens, not characters: 消費者基本法第3条
    is one word before 第, not 本法. The diff (renumbering or not) and the review (a stale 第N条 or not)
    both ask this."""
    if dai < 1 or not tokens[dai - 1].surface.endswith(_STATUTE_SUFFIXES):
        return False
    return not (dai >= 2 and tokens[dai - 2].surface == "本")


def _around(tokens: Sequence[Token], token: Token) -> tuple[str, str]:
    k = tokens.index(token)
    before = tokens[k - 1].key if k > 0 else ""
    after = tokens[k + 1].key if k + 1 < len(tokens) else ""
    return before, after


def _append(edits: list[Edit], edit: Edit) -> None:
    """Extend the previous edit when it is the same op and kind (keeps the edit list short)."""
    if edits:
        last = edits[-1]
        if last.op == edit.op == "equal":
            edits[-1] = Edit("equal", last.text + edit.text, last.a, last.b)
            return
    edits.append(edit)


def _merge_cosmetic(edits: list[Edit]) -> list[Edit]:
    """Adjacent cosmetic del/ins pairs (ただちに→直ちに next to ６→6) become one del and one ins."""
    out: list[Edit] = []
    k = 0
    while k < len(edits):
        e = edits[k]
        if e.kind == "cosmetic" and e.op == "delete":
            dels: list[Edit] = [e]
            ins: list[Edit] = []
            k += 1
            while k < len(edits) and edits[k].kind == "cosmetic":
                (dels if edits[k].op == "delete" else ins).append(edits[k])
                k += 1
            deleted = "".join(x.text for x in dels)
            inserted = "".join(x.text for x in ins)
            out.append(Edit("delete", deleted, dels[0].a, dels[0].b, "cosmetic"))
            if inserted:
                out.append(Edit("insert", inserted, dels[0].a + len(deleted), ins[0].b, "cosmetic"))
            continue
        out.append(e)
        k += 1
    return out
