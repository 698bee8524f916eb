"""Segmentation: a :class:`Source` becomes a :class:`Contract` — the 条/項/号 tree and the text around it.

Each block is first classified on its own (article marker, paragraph label, item label, heading line,
plain text); a small state machine then builds the tree. Markers are recognised on the text as written
(or on the label Word renders from list numbering), never after NFKC, which would turn ① into 1 and
⑴ into (1) and so lose the level a marker stands for.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from akapen.model import (
    Article,
    Block,
    Contract,
    Item,
    Paragraph,
    Part,
    PartKind,
    Source,
    Span,
)
from akapen.numerals import KANJI_NUMERAL_CHARS, parse_int

__all__ = ["opens_unit", "segment"]

_SP = r"[ \t\u3000]"
_OPEN, _CLOSE = "（(【［[〔", "）)】］]〕"
_O, _C = re.escape(_OPEN), re.escape(_CLOSE)
_PLACEHOLDER = "◯〇○●"
_NUM = rf"[0-9０-９]+|[{KANJI_NUMERAL_CHARS}]+|[{_PLACEHOLDER}]+"

# An amateur's article marker may be dressed: 「【第1条】目的」, 「■第2条（委託料）」, 「第3条：解除」 — but
# 「〔第1条〕の規定にかかわらず」 is a reference (a particle follows the bracket).
_ARTICLE = re.compile(
    rf"^{_SP}*(?:[【［\[〔]|[■□◆◇●○◎▼▽▶►]{_SP}*)?"
    rf"(?P<label>第{_SP}*(?P<num>{_NUM}){_SP}*条(?:の(?P<branch>[0-9０-９]+|[一二三四五六七八九十]+))?)"
    rf"(?:[】］\]〕](?![のにをはがとへもで])|(?={_SP}*[:：])|(?=$|{_SP}|[{_O}]))(?:{_SP}*[:：])?"
)
_CHAPTER = re.compile(
    rf"^{_SP}*第{_SP}*(?:[0-9０-９]+|[{KANJI_NUMERAL_CHARS}]+){_SP}*[編章節款](?=$|{_SP}|[{_O}])"
)
_BRACKETED = re.compile(rf"{_SP}*[{_O}](?P<h>[^{_O}{_C}]{{1,40}})[{_C}]{_SP}*")
# A statute's heading line stands above its article, as long as it needs to be
# (「（移転した権利が契約の内容に適合しない場合における売主の担保責任）」 is 34 characters).
_HEADING_LINE = re.compile(rf"^{_SP}*[（(](?P<h>[^（()）。]{{1,120}})[）)]{_SP}*$")
_BULLET = rf"(?:[-‐－・•*]{_SP}*)?"
# 「3.」 is a label and 「3.2」 a decimal, but in 「３．２．は、」 the paragraph number ３． is followed by a
# reference to paragraph ２ (a particle comes after it, as after any noun).
_PARTICLE = r"(?:は|の|に|を|が|と|で|から|まで|及び|又は|若しくは|並びに|、|，)"
_PARA_LABEL = re.compile(
    rf"^{_SP}*(?P<label>[0-9０-９]{{1,3}}"
    rf"(?:[.．](?![0-9０-９])|[.．](?=[0-9０-９]{{1,3}}[.．]{_PARTICLE})|(?={_SP})))"
)
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚㉛㉜㉝㉞㉟㊱㊲㊳㊴㊵㊶㊷㊸㊹㊺㊻㊼㊽㊾㊿"
_PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス"
_AIUEO = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_ITEM_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "paren",
        re.compile(rf"^{_SP}*{_BULLET}(?P<label>[（(]{_SP}*[0-9０-９]{{1,3}}{_SP}*[）)]|[{_PAREN_DIGITS}])"),
    ),
    # 「1) 調査」: a number closed by a parenthesis only, an amateur's item.
    ("half-paren", re.compile(rf"^{_SP}*{_BULLET}(?P<label>[0-9０-９]{{1,3}}[)）])(?={_SP}*\S)")),
    ("paren-kanji", re.compile(rf"^{_SP}*{_BULLET}(?P<label>[（(][一二三四五六七八九十]{{1,3}}[）)])")),
    ("circled", re.compile(rf"^{_SP}*{_BULLET}(?P<label>[{_CIRCLED}])")),
    # 「一　再委託」, and in an older style 「一、再委託」.
    (
        "kanji",
        re.compile(rf"^{_SP}*{_BULLET}(?P<label>[一二三四五六七八九十]{{1,3}})(?:、(?=\S)|(?={_SP}+\S))"),
    ),
    ("paren-kana", re.compile(rf"^{_SP}*{_BULLET}(?P<label>[（(][{_AIUEO}{_IROHA}][）)])")),
    ("kana", re.compile(rf"^{_SP}*{_BULLET}(?P<label>[{_AIUEO}{_IROHA}])(?={_SP}+\S)")),
    ("latin", re.compile(rf"^{_SP}*{_BULLET}(?P<label>[（(][a-zａ-ｚ][）)]|[a-zａ-ｚ][)）.．])(?={_SP}*\S)")),
)
# 「次の各号」 announces items however long the sentence runs on after it (「甲は、乙が次の各号のいずれかに
# 該当したときは、何らの催告を要せず、直ちに本契約の全部又は一部を解除することができる。」).
_LEAD_IN = re.compile(
    r"(各号|次の|以下の|次に掲げる|左の|下記の)[^。]*$|[:：]$|(各号|次のとおり|以下のとおり).{0,30}。$"
    r"|(次の|以下の|下記の|次に掲げる)[^。]{0,40}。$|(?:次の|以下の|下記の?|左の)各号|次に掲げる"
)
# 「…（以下「本研究」という。）」 closes a parenthesis inside a sentence: only 。 and a closing quote end one.
_SENTENCE_END = tuple("。．.」』")
_WRAPPED = 25
_BULLET_START = re.compile(rf"^{_SP}*[-‐－・•*●■◆]")
# A bullet that is the whole label: 「・本件業務を再委託すること」 (「- (1)」 is a bullet before a label).
_BARE_BULLET = re.compile(rf"^{_SP}*(?P<label>[・•●■◆]|[-‐－*](?={_SP}))(?!{_SP}*$){_SP}*")
# A rule across the page (「---」「＿＿＿」「――――」): what separates the articles from the signatures.
_SEPARATOR = re.compile(rf"^{_SP}*([-‐－―ー─━=＝_＿*＊~〜・])(?:{_SP}*\1){{2,}}{_SP}*$")
# The signature block: who signs, where, and when, on lines of their own after the last article.
_SIGNATURE = re.compile(
    rf"^{_SP}*(?:(?:住所|所在地|本店所在地|氏名|名称|商号|代表者名?|代表取締役|記名押印)(?:{_SP}|[:：])"
    rf"|[（(【]?[甲乙丙丁][）)】]?(?:{_SP}*[:：]{_SP}*|{_SP}+)\S*(?:都|道|府|県|株式会社|有限会社|合同会社)"
    rf"|(?:令和|平成|昭和|[0-9０-９]{{4}})(?:\S|{_SP}){{0,6}}年(?:\S|{_SP}){{0,4}}月(?:\S|{_SP}){{0,4}}日{_SP}*$)"
)
# The title of a statute between two of them (「商法（抄）」, 「下請代金支払遅延等防止法」): a division,
# never a 項. A contract's own kind of title (「…規約」, 「…契約書」) is not one: inside the articles
# it is text the draft moved there.
_DIVISION = re.compile(
    rf"^{_SP}*[^、。，\s]{{1,30}}?(?:法|法律|政令|省令|規則|条例)"
    rf"(?:{_SP}*[（(]抄[）)])?{_SP}*$"
)
# A contract typed without 条 numbers its articles otherwise: 「第１　目的」 (a 覚書's, a public form's
# sections) or decimal sections 「1. 定義」 whose paragraphs are 「1.1」「1.2」 (a translation's layout). Read
# so only where no line is a 第N条, and only as a sequence (2 sections at least, numbered upwards).
_SECTION = re.compile(
    rf"^{_SP}*(?P<label>第{_SP}*(?P<num>[0-9０-９]+|[{KANJI_NUMERAL_CHARS}]+))(?=$|{_SP}|[{_O}])"
)
# A section number stands alone (「1. 定義」, 「1　定義」), never 「1) 調査」 or 「5年間」; a paragraph
# number has two levels (「1.1」), and 「1.1.1」 is none of these.
_DECIMAL_SECTION = re.compile(
    rf"^{_SP}*(?P<label>(?P<num>[0-9０-９]{{1,2}})(?:[.．]|(?={_SP})))(?={_SP}*[^\s0-9０-９.．)）])"
)
_DECIMAL_PARAGRAPH = re.compile(
    rf"^{_SP}*(?P<label>(?P<section>[0-9０-９]{{1,2}})[.．](?P<num>[0-9０-９]{{1,2}})(?![.．]?[0-9０-９])[.．]?)"
)
_CLOSING = re.compile(r"証として|証するため|本書[0-9０-９一二三四五六七八九十]+通|^以上$")
_ATTACHMENT = re.compile(rf"^{_SP}*[【\[［]?(別紙|別表|別添|様式|付属書類)")
_SUPPLEMENTARY = re.compile(rf"^{_SP}*附{_SP}*則")

LineKind = Literal["article", "chapter", "heading", "paragraph", "item", "plain"]


class _Line(NamedTuple):
    """One block, classified on its own."""

    block: Block
    kind: LineKind
    label: str = ""
    """Marker as written: ``第1条``, ``2.``, ``(1)`` (bullets and spaces left out)."""
    family: str = ""
    """For items: which numbering family the label belongs to (``paren``, ``circled``, ``kana`` …)."""
    number: int | None = None
    branch: int | None = None
    heading: str | None = None
    rest: int = 0
    """Where the text after the marker (and heading) starts in ``block.text``."""


def _classify(block: Block) -> _Line:
    if block.numbering:
        return _classify_numbered(block)
    text = block.text
    if m := _ARTICLE.match(text):
        return _article_line(block, m.group("label"), m.group("num"), m.group("branch"), m.end())
    if _CHAPTER.match(text):
        return _Line(block, "chapter")
    if m := _HEADING_LINE.match(text):
        return _Line(block, "heading", heading=m.group("h").strip())
    if m := _PARA_LABEL.match(text):
        return _Line(
            block,
            "paragraph",
            label=m.group("label"),
            number=_label_number(m.group("label")),
            rest=_skip_space(text, m.end()),
        )
    for family, pattern in _ITEM_PATTERNS:
        if m := pattern.match(text):
            label = m.group("label")
            return _Line(
                block,
                "item",
                label=label,
                family=family,
                number=_label_number(label),
                rest=_skip_space(text, m.end()),
            )
    if (m := _BARE_BULLET.match(text)) and not _SEPARATOR.match(text):
        return _Line(block, "item", label=m.group("label"), family="bullet", rest=m.end())
    return _Line(block, "plain")


def _classify_numbered(block: Block) -> _Line:
    """A block whose marker Word renders from list numbering: classify the label, the text is all rest."""
    label = block.numbering.strip()
    probe = Block(block.index, label + "\u3000x")
    line = _classify(probe)
    marker = _ARTICLE.match(label)
    if line.kind == "article" and marker is not None:
        return _article_line(block, label, marker.group("num"), marker.group("branch"), 0)
    if line.kind in ("paragraph", "item"):
        return _Line(
            block,
            line.kind,
            label=line.label,
            family=line.family,
            number=line.number,
            rest=_skip_space(block.text, 0),
        )
    # A bullet or other decoration: the block reads as if unnumbered.
    return _classify(Block(block.index, block.text, "", block.style, block.place))


def _article_line(block: Block, label: str, num: str, branch: str | None, end: int) -> _Line:
    text = block.text
    number = parse_int(num)
    heading: str | None = None
    rest = _skip_space(text, end)
    if m := _BRACKETED.match(text, end):
        heading, rest = m.group("h").strip(), m.end()
    elif rest < len(text):
        tail = text[rest:].rstrip()
        # 「第1条 目的」: a short unpunctuated tail is a heading; anything sentence-like is the first
        # paragraph written on the marker's line (statute style: 「第五百六十二条　引き渡された…」).
        if _unpunctuated(tail):
            heading, rest = tail, len(text)
    return _Line(
        block,
        "article",
        label=label.strip(),
        number=number or None,
        branch=parse_int(branch) if branch else None,
        heading=heading,
        rest=rest,
    )


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\u3000":
        i += 1
    return i


def _label_number(label: str) -> int | None:
    core = label.strip("（()）.．")
    if len(core) == 1:
        for seq in (_CIRCLED, _PAREN_DIGITS, _LATIN):
            if core in seq:
                return seq.index(core) + 1
        if core in "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ":
            return ord(core) - ord("ａ") + 1
    return parse_int(core)


# ---------------------------------------------------------------------------------------------------------
# Building the tree. Mutable drafts while reading, frozen records at the end.


@dataclass
class _Node:
    label: str | None
    number: int | None
    spans: list[Span]
    text_spans: list[Span]
    family: str = ""
    items: list[_Node] = field(default_factory=list)


@dataclass
class _ArticleDraft:
    line: _Line
    spans: list[Span]
    chapter: str | None
    paragraphs: list[_Node] = field(default_factory=list)
    circled_only: bool = True
    """No paragraph so far has a label other than a circled number (kept as paragraphs are added, so
    that a long article is not rescanned for every ① line)."""

    def add(self, paragraph: _Node) -> None:
        self.paragraphs.append(paragraph)
        label = paragraph.label
        if label is not None and label.strip()[:1] not in _CIRCLED:
            self.circled_only = False


class _Builder:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.column = _column(source) if source.kind == "text" else 0
        self.articles: list[_ArticleDraft] = []
        self.parts: list[tuple[PartKind, list[Span]]] = []
        self.chapter: str | None = None
        self.pending_heading: _Line | None = None
        self.stack: list[_Node] = []
        """Open items of the current paragraph, outermost first."""
        self.last: list[Span] | None = None
        """Spans of the node a continuation line would join (text files only)."""
        self.tail_mode: PartKind | None = None

    # -- helpers
    def _whole(self, block: Block, start: int = 0) -> Span:
        return Span(block.index, start, len(block.text))

    def _text(self, spans: list[Span]) -> str:
        return "".join(self.source.blocks[s.block].text[s.start : s.end] for s in spans)

    def _continues(self, line: _Line) -> bool:
        """A plain line that only carries on the previous node's sentence: a text file's lines and a Word
        file's paragraphs may be a sentence broken where a page's line ran out (an export, a copy from
        a PDF), and so may a PDF's paragraphs when it was printed from such a Word file (a layout
        reader joins only the lines that wrapped on its own pages)."""
        if self.last is None:
            return False
        previous = self.source.blocks[self.last[-1].block]
        full = self._fills_column_line(previous)
        if line.kind == "paragraph" and full and not self._next_paragraph(line):
            # 「…さらに」 / 「1 年間更新される…」: a full line went on into a number that is not the
            # next paragraph's (text from a PDF spaces its digits).
            return True
        if line.kind != "plain":
            return False
        if line.block.place != "body" or previous.place != "body" or previous.numbering:
            return False  # a table's cells and Word's numbered paragraphs are never a broken sentence
        if _BULLET_START.match(line.block.text):
            return False  # 「-直ちに (14) …」: a list line, however malformed, is not wrapped prose
        # An export breaks a line where the page ran out: the broken line is a long one. Short lines
        # without 。 (a date, a name, 別紙1 仕様書) are lines of their own.
        if full:
            # Text extracted from a PDF: a line as wide as the page's column wrapped, even where it
            # happens to end a sentence (「…通知するものとする。」 then 「前項の検査について…」).
            return True
        last_line = previous.text.strip()
        return len(last_line) >= _WRAPPED and not self._last_character(self.last).endswith(_SENTENCE_END)

    def _mid_sentence(self) -> bool:
        """The text so far ends in 「、」: a line that starts 「第12条（不保証）、…」 next is a reference the
        sentence goes on with (a survival clause's list broken where a page's line ran out), not an article."""
        return self.last is not None and self._last_character(self.last) in "、，"

    def _fills_column(self, spans: list[Span]) -> bool:
        return self._fills_column_line(self.source.blocks[spans[-1].block])

    def _fills_column_line(self, block: Block) -> bool:
        """A line as wide as the column, give or take a half-width character (a wider one was never
        wrapped at it: a paragraph typed on one line)."""
        return bool(self.column) and abs(_width(block.text.strip()) - self.column) <= 2

    def _next_paragraph(self, line: _Line) -> bool:
        """Whether a paragraph label numbers the next paragraph of the current article."""
        if not self.articles or not self.articles[-1].paragraphs:
            return True
        return line.number == (self.articles[-1].paragraphs[-1].number or 0) + 1

    def _last_character(self, spans: list[Span]) -> str:
        """The last character of the spans' text that is not white space ("" if none), found from the
        end: a paragraph many wrapped lines long is not joined again for every line."""
        for span in reversed(spans):
            text = self.source.blocks[span.block].text[span.start : span.end].rstrip()
            if text:
                return text[-1]
        return ""

    # -- feeding
    def feed(self, line: _Line) -> None:
        if self.pending_heading is not None:
            pending, self.pending_heading = self.pending_heading, None
            if line.kind == "article" and line.heading is None:
                self._start_article(line, heading_line=pending)
                return
            self._feed(_Line(pending.block, "plain"))
        if line.kind == "heading" and self.tail_mode is None:
            self.pending_heading = line
            return
        self._feed(line)

    def finish(self) -> None:
        if self.pending_heading is not None:
            self._feed(_Line(self.pending_heading.block, "plain"))
            self.pending_heading = None

    def _feed(self, line: _Line) -> None:
        block = line.block
        if self.tail_mode is not None:
            self._tail(line)
            return
        if line.kind == "article" and not self._mid_sentence():
            self._start_article(line, heading_line=None)
            return
        if line.kind == "article" or self._continues(line):
            assert self.last is not None
            span = self._whole(block)
            self.last.append(span)
            if self._text_target is not None:
                self._text_target.append(span)
            return
        text = block.text.strip()
        # After the articles, closing words, 別紙 and 附則 start the tail; before them (a contract of
        # attachments only) 別紙 and 附則 do, once something has been read.
        appendix = _ATTACHMENT.match(text) or _SUPPLEMENTARY.match(text)
        if (self.articles and (appendix or _CLOSING.search(text))) or (appendix and self.parts):
            self.tail_mode = "closing"
            self._tail(line)
            return
        if self.articles and _SEPARATOR.match(text):
            # A rule after the articles: what follows it signs the contract (or is 別紙, 附則).
            self._part("other", [self._whole(block)])
            self.tail_mode = "signature"
            return
        if self.articles and line.kind == "plain" and _SIGNATURE.match(text):
            self.tail_mode = "signature"
            self._tail(line)
            return
        if self.articles and line.kind == "plain" and _DIVISION.match(text):
            line = _Line(block, "chapter")
        if line.kind == "chapter":
            self.chapter = text
            self._part("chapter", [self._whole(block)])
            return
        if not self.articles:
            kind: PartKind = "title" if not self.parts and _looks_like_title(text) else "preamble"
            self._part(kind, [self._whole(block)])
            return
        self._body_line(line)

    def _part(self, kind: PartKind, spans: list[Span]) -> None:
        self.parts.append((kind, spans))
        # A title or 第N章 line never ends in 。, and nothing continues it.
        self.last = None if kind in ("title", "chapter") else spans
        self._text_target = None

    _text_target: list[Span] | None = None

    def _tail(self, line: _Line) -> None:
        assert self.tail_mode is not None
        text = line.block.text.strip()
        # Closing words and signature lines are short lines of their own (name, address, date), never
        # prose a PDF export wrapped, unless the closing sentence filled the column; attachments and
        # 附則 are prose again.
        if (
            self.tail_mode == "closing"
            and self.parts
            and self._fills_column(self.parts[-1][1])
            and self._continues(line)
        ):
            self.parts[-1][1].append(self._whole(line.block))
            return
        if _SUPPLEMENTARY.match(text):
            self.tail_mode = "supplementary"
        elif _ATTACHMENT.match(text) and (
            self.tail_mode != "supplementary" or (len(text) <= 40 and "。" not in text)
        ):
            # Inside 附則 a sentence may begin with 別表; a line of its own that names one is the
            # attachment after it.
            self.tail_mode = "attachment"
        elif self.tail_mode == "closing" and not _CLOSING.search(text):
            self.tail_mode = "signature"
        wrapped = self.tail_mode in ("attachment", "supplementary") and self._continues(line)
        if wrapped and self.parts:
            self.parts[-1][1].append(self._whole(line.block))
            return
        self._part(self.tail_mode, [self._whole(line.block)])

    def _start_article(self, line: _Line, heading_line: _Line | None) -> None:
        block = line.block
        spans = [self._whole(heading_line.block)] if heading_line else []
        spans.append(Span(block.index, 0, line.rest if line.rest < len(block.text) else len(block.text)))
        if heading_line is not None:
            line = _Line(
                block, "article", line.label, "", line.number, line.branch, heading_line.heading, line.rest
            )
        article = _ArticleDraft(line, spans, self.chapter)
        self.articles.append(article)
        self.stack = []
        self.last = None
        self._text_target = None
        if line.rest < len(block.text):
            # Statute style: the first paragraph is written on the marker's own line.
            span = Span(block.index, line.rest, len(block.text))
            self._new_paragraph(article, None, 1, [span], [span])

    def _new_paragraph(
        self, article: _ArticleDraft, label: str | None, number: int, spans: list[Span], text: list[Span]
    ) -> None:
        node = _Node(label, number, spans, text)
        article.add(node)
        self.stack = []
        self.last = spans
        self._text_target = text

    def _body_line(self, line: _Line) -> None:
        article = self.articles[-1]
        block = line.block
        whole = [self._whole(block)]
        rest = [Span(block.index, line.rest, len(block.text))]
        current = article.paragraphs[-1] if article.paragraphs else None
        kind = line.kind
        if kind == "paragraph" and self._paragraph_label_is_item(article, line):
            kind, line = "item", _Line(block, "item", line.label, "digit", line.number, rest=line.rest)
        if kind == "item" and line.family == "circled" and self._circled_is_paragraph(article, line):
            kind = "paragraph"
        if kind == "paragraph":
            number = line.number if line.number else (current.number or 0) + 1 if current else 1
            self._new_paragraph(article, line.label, number, whole, rest)
            return
        if kind == "item":
            if current is None:
                current = _Node(None, 1, [], [])
                article.add(current)
            self._add_item(current, line, whole, rest)
            return
        # Plain text (or a stray heading/chapter-looking line) inside an article: a new unnumbered
        # paragraph — the unnumbered first paragraph is 項1, a later one follows on.
        number = (current.number or 0) + 1 if current else 1
        self._new_paragraph(article, None, number, whole, list(whole))

    def _paragraph_label_is_item(self, article: _ArticleDraft, line: _Line) -> bool:
        """``1.``/``2.`` are paragraph labels, unless they number a list the current paragraph leads into."""
        if not article.paragraphs:
            return False
        if any(node.family == "digit" for node in self.stack):
            return True
        current = article.paragraphs[-1]
        expected = (current.number or 0) + 1
        return line.number != expected and line.number == 1 and bool(_LEAD_IN.search(self._own_text(current)))

    def _circled_is_paragraph(self, article: _ArticleDraft, line: _Line) -> bool:
        """①② number paragraphs in some contracts and items in others."""
        if not article.paragraphs:
            return True
        current = article.paragraphs[-1]
        if self.stack:
            # After a paragraph's items, 「②」 is its next paragraph when ① numbered that paragraph
            # and no circled list is open among the items.
            return (
                not any(node.family == "circled" for node in self.stack)
                and (current.label or "").strip()[:1] in _CIRCLED
                and line.number == (current.number or 0) + 1
            )
        if _LEAD_IN.search(self._own_text(current)):
            return False
        return article.circled_only

    def _own_text(self, node: _Node) -> str:
        return self._text(node.text_spans).rstrip()

    def _add_item(self, paragraph: _Node, line: _Line, spans: list[Span], text: list[Span]) -> None:
        family = self._family(line)
        depth = next((i for i, node in enumerate(self.stack) if node.family == family), None)
        if depth is not None:
            del self.stack[depth:]
        parent = self.stack[-1] if self.stack else paragraph
        node = _Node(line.label, line.number, spans, text, family)
        if line.family in ("kana", "paren-kana"):
            # The sequence as the family found it, before the list it continues was closed above.
            sequence = _AIUEO if family.endswith("aiueo") else _IROHA
            node.number = _kana_number(line.label.strip("（()）"), sequence)
        parent.items.append(node)
        self.stack.append(node)
        self.last = spans
        self._text_target = text

    def _family(self, line: _Line) -> str:
        if line.family not in ("kana", "paren-kana"):
            return line.family
        letter = line.label.strip("（()）")
        return f"{line.family}-" + ("aiueo" if self._kana_sequence(letter) is _AIUEO else "iroha")

    def _kana_sequence(self, label: str) -> str:
        """ア イ ウ and イ ロ ハ share letters: an open list decides, else the letter that starts one."""
        for node in reversed(self.stack):
            if node.family.endswith("kana-aiueo") and label in _AIUEO:
                return _AIUEO
            if node.family.endswith("kana-iroha") and label in _IROHA:
                return _IROHA
        if label == "イ" or label not in _AIUEO:
            return _IROHA
        return _AIUEO

    # -- freezing
    def contract(self) -> Contract:
        self.finish()
        articles = tuple(self._article(a) for a in self.articles)
        parts = tuple(Part(kind, self._text(spans).strip(), tuple(spans)) for kind, spans in self.parts)
        title = next((p.text for p in parts if p.kind == "title"), None)
        return Contract(self.source, title, articles, parts)

    def _article(self, draft: _ArticleDraft) -> Article:
        line = draft.line
        return Article(
            number=line.number,
            branch=line.branch,
            heading=line.heading,
            label=line.label,
            spans=tuple(draft.spans),
            paragraphs=tuple(self._paragraph(p) for p in draft.paragraphs),
            chapter=draft.chapter,
        )

    def _paragraph(self, node: _Node) -> Paragraph:
        return Paragraph(
            number=node.number or 1,
            label=node.label,
            text=self._text(node.text_spans).strip(),
            spans=tuple(node.spans),
            items=tuple(self._item(i) for i in node.items),
        )

    def _item(self, node: _Node) -> Item:
        return Item(
            label=node.label or "",
            number=node.number,
            text=self._text(node.text_spans).strip(),
            spans=tuple(node.spans),
            items=tuple(self._item(i) for i in node.items),
        )


def _kana_number(label: str, sequence: str) -> int:
    return sequence.index(label) + 1


def _width(text: str) -> int:
    """Printed width in half-width cells: what a page's column is measured in."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _column(source: Source) -> int:
    """The width of a text file's column when it has one: text extracted from a PDF breaks every full
    line at the same width, give or take a half-width character, where a file typed one paragraph a
    line has lines of every length (in the corpus no width holds more than 9% of the long lines). 0
    when there is none."""
    widths = [_width(b.text.strip()) for b in source.blocks]
    long = Counter(w for w in widths if w >= 40)
    if not long:
        return 0
    near = {w: sum(n for v, n in long.items() if abs(v - w) <= 2) for w in long}
    column, count = max(near.items(), key=lambda kv: (kv[1], kv[0]))
    return column if count >= 5 and count >= 0.25 * sum(long.values()) else 0


def _looks_like_title(text: str) -> bool:
    return 0 < len(text) <= 60 and not text.endswith("。")


def segment(source: Source) -> Contract:
    """Split a source into its 条/項/号 tree and the parts around it (title, 前文, closing, 別紙 …)."""
    builder = _Builder(source)
    lines = [_classify(block) for block in source.blocks if block.text.strip()]
    if not any(line.kind == "article" for line in lines):
        lines = _sections(lines)
    for line in lines:
        builder.feed(line)
    return builder.contract()


def _marked(line: _Line) -> str:
    """A line's text with the label Word renders from list numbering in front of it."""
    block = line.block
    return f"{block.numbering.strip()}\u3000{block.text}" if block.numbering else block.text


def _unpunctuated(tail: str) -> bool:
    """A short tail without 。 or 、 after a marker: a heading (「第1条 目的」), not a sentence."""
    return len(tail) <= 25 and "。" not in tail and "、" not in tail


def _short_heading(text: str) -> bool:
    """After a section number (「第１　目的」, 「1. 定義」): a heading, bracketed or bare."""
    tail = text.strip()
    return bool(_BRACKETED.fullmatch(tail)) or (bool(tail) and _unpunctuated(tail) and "，" not in tail)


def _sections(lines: list[_Line]) -> list[_Line]:
    """A contract with no 第N条: its 「第１　目的」 sections, or its 「1. 定義」 sections with 「1.1」
    paragraphs, as articles. Lines read as they were when neither form numbers a sequence."""
    first_text = [_marked(line) for line in lines]
    plain_sections = [
        (i, m)
        for i, text in enumerate(first_text)
        if lines[i].kind != "chapter" and (m := _SECTION.match(text))
    ]
    if _upwards([parse_int(m.group("num")) for _, m in plain_sections]):
        out = list(lines)
        for i, m in plain_sections:
            out[i] = _section_line(lines[i], m.group("label"), m.group("num"), m.end())
        return out
    decimal = [(i, m) for i, text in enumerate(first_text) if (m := _DECIMAL_PARAGRAPH.match(text))]
    headed = [
        (i, m)
        for i, text in enumerate(first_text)
        if (m := _DECIMAL_SECTION.match(text))
        and not _DECIMAL_PARAGRAPH.match(text)
        and _short_heading(text[m.end() :])
    ]
    numbers = [parse_int(m.group("num")) for _, m in headed]
    if not _upwards(numbers) or len(decimal) < 2:
        return lines
    sections = set(numbers)
    if not all(parse_int(m.group("section")) in sections for _, m in decimal):
        return lines
    out = list(lines)
    for i, m in headed:
        out[i] = _section_line(lines[i], m.group("label"), m.group("num"), m.end())
    for i, m in decimal:
        out[i] = _Line(
            lines[i].block,
            "paragraph",
            label=m.group("label"),
            number=parse_int(m.group("num")),
            rest=_skip_space(lines[i].block.text, 0 if lines[i].block.numbering else m.end()),
        )
    return out


def _upwards(numbers: list[int | None]) -> bool:
    """At least two section numbers, each above the one before (a draft may have dropped one)."""
    if None in numbers or len(numbers) < 2:
        return False
    return all(b > a for a, b in itertools.pairwise(n for n in numbers if n is not None))


def _section_line(line: _Line, label: str, num: str, end: int) -> _Line:
    """``end`` is where the label ends in :func:`_marked`'s text: in a numbered block, before the text."""
    block = line.block
    return _article_line(block, label, num, None, 0 if block.numbering else end)


def opens_unit(line: str) -> bool:
    """Whether a line, read on its own, starts something new: an article, a 章, a heading line, a 項 or
    号 label, a bullet, an attachment, 附則, 「以上」, a signature or date line. Layout readers ask it before joining a
    printed line to the one above (a wrapped sentence never starts with a marker)."""
    text = line.strip()
    if not text:
        return True
    kind = _classify(Block(0, text)).kind
    return (
        kind != "plain"
        or bool(_BULLET_START.match(text))
        or bool(_ATTACHMENT.match(text) or _SUPPLEMENTARY.match(text) or _SIGNATURE.match(text))
        or text == "以上"
    )
