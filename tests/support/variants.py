"""Counterparty drafts made from a model text by edits a lawyer would recognise.

A variant is data (a list of edit dicts, as golden cases store them): replace words, insert, delete or
move an article, remove a line. Article edits renumber the articles that follow and every internal
cross-reference (第N条) with them, as a counterparty's word processor would; a reference to another
statute (個人情報の保護に関する法律第2条) is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

_ARTICLE_LINE = re.compile(r"^第(\d+)条")
_REFERENCE = re.compile(r"(?<![法律令則])第(\d+)条")

Edit = Mapping[str, Any]


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply ``edits`` in order. Ops: ``replace`` (old, new, count=1), ``insert_article`` (before: number
    or "end", text), ``delete_article`` (number), ``move_article`` (number, after), ``delete_line``
    (text: the exact line), ``append_line`` (text), ``insert_line`` (after: exact line, text),
    ``kanji_numbers`` (article numbers in kanji, paragraph labels full-width)."""
    for edit in edits:
        op = edit["op"]
        if op == "replace":
            if edit["old"] not in text:
                raise ValueError(f"replace: {edit['old']!r} is not in the text")
            text = text.replace(edit["old"], edit["new"], edit.get("count", 1))
        elif op in ("insert_article", "delete_article", "move_article"):
            text = _article_edit(text, edit)
        elif op == "delete_line":
            lines = text.split("\n")
            lines.remove(edit["text"])
            text = "\n".join(lines)
        elif op == "append_line":
            text = text.rstrip("\n") + "\n\n" + edit["text"] + "\n"
        elif op == "kanji_numbers":
            text = _kanji_numbers(text)
        elif op == "insert_line":
            if edit["after"] + "\n" not in text:
                raise ValueError(f"insert_line: no line {edit['after']!r}")
            text = text.replace(edit["after"] + "\n", edit["after"] + "\n" + edit["text"] + "\n", 1)
        else:
            raise ValueError(f"unknown edit {op!r}")
    return text


_KANJI = "〇一二三四五六七八九"


def _kanji(n: int) -> str:
    """12 → 十二, 20 → 二十, 27 → 二十七 (as statutes write article numbers)."""
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else _KANJI[tens] + "十")) + (
        "" if ones == 0 else _KANJI[ones]
    )


def _kanji_numbers(text: str) -> str:
    """第12条 → 第十二条 in article headings, and 2. → ２． as paragraph labels: number forms only."""
    text = re.sub(r"^第(\d+)条", lambda m: f"第{_kanji(int(m.group(1)))}条", text, flags=re.M)
    wide = str.maketrans("0123456789.", "０１２３４５６７８９．")
    return re.sub(r"^(\d+\.)", lambda m: m.group(1).translate(wide), text, flags=re.M)


def _split(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Lines before the first article, and each article as (number, its lines)."""
    head: list[str] = []
    articles: list[tuple[int, list[str]]] = []
    for line in text.split("\n"):
        m = _ARTICLE_LINE.match(line)
        if m:
            articles.append((int(m.group(1)), [line]))
        elif articles:
            articles[-1][1].append(line)
        else:
            head.append(line)
    return head, articles


def _article_edit(text: str, edit: Edit) -> str:
    head, articles = _split(text)
    numbers = [n for n, _ in articles]
    op = edit["op"]
    if op == "insert_article":
        body = [*edit["text"].split("\n"), ""]
        at = len(articles) if edit["before"] == "end" else numbers.index(edit["before"])
        articles.insert(at, (0, body))
    elif op == "delete_article":
        del articles[numbers.index(edit["number"])]
    else:
        moved = articles.pop(numbers.index(edit["number"]))
        at = [n for n, _ in articles].index(edit["after"]) + 1
        articles.insert(at, moved)
    # Renumber: old number → new position; references to a deleted article keep their old number.
    mapping = {old: new for new, (old, _) in enumerate(articles, 1) if old}
    out = list(head)
    for new, (_, lines) in enumerate(articles, 1):
        first = _ARTICLE_LINE.sub(f"第{new}条", lines[0], count=1)
        out.append(_renumber_refs(first[len(f"第{new}条") :], mapping, prefix=f"第{new}条"))
        out.extend(_renumber_refs(line, mapping) for line in lines[1:])
    return "\n".join(out)


def _renumber_refs(line: str, mapping: Mapping[int, int], prefix: str = "") -> str:
    return prefix + _REFERENCE.sub(lambda m: f"第{mapping.get(int(m.group(1)), int(m.group(1)))}条", line)
