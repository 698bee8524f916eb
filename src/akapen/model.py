"""The small frozen records every stage passes on.

read → :class:`Source` (blocks of text, exactly as the file has them)
segment → :class:`Contract` (条/項/号 tree whose nodes point back into the blocks by :class:`Span`)
align → :class:`Alignment`; diff → :class:`Change`; review → :class:`Finding`; write → files.

Offsets are always into ``Block.text`` (never into a normalised copy), so a writer can put a revision
on exactly the characters a change is about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SourceKind = Literal["docx", "text", "layout"]
BlockPlace = Literal["body", "table"]


@dataclass(frozen=True)
class Block:
    """One paragraph of the source: a ``w:p`` of a DOCX (body or table cell), a line of a text file, or a
    paragraph rebuilt from a page layout (a PDF, a Word file made from one)."""

    index: int
    """Position among the source's blocks (0-based, document order)."""
    text: str
    """The accepted view of the paragraph: inserted text counted, deleted text skipped, no list label."""
    numbering: str = ""
    """Label rendered from Word list numbering (``第1条``, ``2``, ``(1)``); not part of ``text``."""
    style: str = ""
    """Paragraph style name (DOCX), e.g. ``Heading 1``; empty for text files."""
    place: BlockPlace = "body"
    """Where the paragraph lives: the document body or a table cell."""


@dataclass(frozen=True)
class Source:
    """A document as read: its blocks, plus what a writer needs to write it again."""

    path: str
    kind: SourceKind
    """``docx`` (revised in place), ``text`` (one block per line) or ``layout`` (paragraphs rebuilt from
    where text sits on pages: a PDF, or a Word file whose text is in positioned text boxes); the
    redline of a text or layout draft is a fresh Word file."""
    blocks: tuple[Block, ...]
    data: bytes = field(default=b"", repr=False)
    """The original file bytes for a DOCX (the writer adds revisions to exactly this package)."""
    encoding: str = ""
    """Detected text encoding (text files only)."""
    notes: tuple[str, ...] = ()
    """What the reader noticed and the user should know (e.g. existing tracked changes were accepted)."""
    not_compared: tuple[tuple[str, str], ...] = ()
    """``(where, text)`` of each paragraph the file has but akapen does not compare (DOCX: ``header``,
    ``footer``, ``text box``, ``footnote``, ``endnote``, ``comment``, ``equation``, ``WordArt``, and
    ``embedded document`` with its part name as text). The redline keeps all of it as the draft has it."""


@dataclass(frozen=True)
class Span:
    """A run of characters ``[start, end)`` of one block's text."""

    block: int
    start: int
    end: int


Spans = tuple[Span, ...]


def span_text(source: Source, spans: Spans) -> str:
    """The characters the spans cover, concatenated."""
    return "".join(source.blocks[s.block].text[s.start : s.end] for s in spans)


@dataclass(frozen=True)
class Item:
    """号: a numbered item ``(1)``/``一``/``①`` of a paragraph, possibly with sub-items (イ, ①…)."""

    label: str
    """The marker as written, e.g. ``(1)``, ``（１）``, ``一``, ``①``, ``イ``."""
    number: int | None
    """The marker's ordinal (``(3)`` → 3, ``ハ`` → 3), None when it has none."""
    text: str
    """The item's own text, without its label and without its sub-items."""
    spans: Spans
    """Source characters of the whole line(s): label and text."""
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    """項: one paragraph of an article; the unnumbered first paragraph is 項1."""

    number: int
    label: str | None
    """The marker as written (``2``, ``２``, ``2.``, ``①``); None for an unnumbered paragraph."""
    text: str
    """The paragraph's own text (柱書 included), without its label and without its items."""
    spans: Spans
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Article:
    """条: ``第12条の2（検査）`` with its paragraphs."""

    number: int | None
    """Article number (kanji and full-width converted); None for a template placeholder ``第◯条``."""
    branch: int | None
    """Branch number of an inserted article: 第12条の2 → 2."""
    heading: str | None
    """Heading without brackets (``検査``); None when the article has none."""
    label: str
    """The article marker as written (``第１２条``, ``第◯条``, or rendered from list numbering)."""
    spans: Spans
    """Source characters of the marker-and-heading line(s) (a statute-style heading line above included)."""
    paragraphs: tuple[Paragraph, ...] = ()
    chapter: str | None = None
    """The 第N章 the article stands in, as written, if any."""
    name: str | None = None
    """A clause library's id for the article (``条項例1``); cited by it instead of its number."""

    @property
    def placeholder(self) -> bool:
        return self.number is None


PartKind = Literal[
    "title", "preamble", "chapter", "closing", "signature", "attachment", "supplementary", "other"
]


@dataclass(frozen=True)
class Part:
    """Text outside the articles: title, 前文, 第N章 lines, closing words, signatures, 別紙/別表, 附則."""

    kind: PartKind
    text: str
    spans: Spans


@dataclass(frozen=True)
class Contract:
    """A segmented contract: the 条/項/号 tree plus everything around it, in document order."""

    source: Source
    title: str | None
    articles: tuple[Article, ...]
    parts: tuple[Part, ...] = ()
    """Non-article text (title included), in document order."""


# ---------------------------------------------------------------------------------------------------------
# What the redline writer is told to do. The planner (redline.py) decides; write/ only carries it out.

RevisionKind = Literal["substantive", "cosmetic", "renumbering", "template"]
PieceOp = Literal["equal", "insert", "delete"]
Role = Literal["title", "article", "paragraph", "item", "other"]


@dataclass(frozen=True)
class Piece:
    """One stretch of an output paragraph: shared text, draft-only text (ins) or model-only text (del)."""

    op: PieceOp
    text: str
    start: int = -1
    """For ``equal``/``insert``: offset of ``text`` in the draft block's text. -1 for ``delete``."""
    kind: RevisionKind | None = None
    """For ``insert``/``delete``: what the revision is; picks its reviewer name."""


@dataclass(frozen=True)
class Note:
    """A Word comment to anchor on pieces ``first..last`` (inclusive) of its paragraph."""

    text: str
    author: str
    first: int
    last: int


@dataclass(frozen=True)
class ParagraphPlan:
    """One paragraph of the output document.

    A draft paragraph (``block`` set) lists its pieces in order; the ``equal`` and ``insert`` pieces
    concatenated are exactly the block's text. A model-only paragraph (``block`` None) has only ``delete``
    pieces and a deleted paragraph mark.
    """

    block: int | None
    pieces: tuple[Piece, ...]
    mark: PieceOp = "equal"
    """The paragraph mark: ``insert`` (paragraph only in the draft), ``delete`` (only in the model)."""
    mark_kind: RevisionKind = "substantive"
    like: int | None = None
    """For a model-only paragraph: the draft block whose paragraph properties it borrows."""
    role: Role = "other"
    depth: int = 0
    """Nesting for items (号 = 1, sub-item = 2); used to indent text-born documents."""
    notes: tuple[Note, ...] = ()


# ---------------------------------------------------------------------------------------------------------
# Alignment and comparison records.

AlignStatus = Literal["matched", "moved", "added", "removed", "outside"]
"""``outside``: a draft article a clause library has nothing to say about (compared with nothing)."""


@dataclass(frozen=True)
class Aligned:
    """One entry of an alignment: model node ``a`` ↔ draft node ``b`` (indices among their siblings),
    with the alignment of their children (項 of an 条, 号 of a 項, sub-items of a 号)."""

    a: int | None
    b: int | None
    status: AlignStatus
    score: float
    children: tuple[Aligned, ...] = ()


@dataclass(frozen=True)
class Alignment:
    """Model contract ↔ draft: articles (with their 項/号) and the text around them (title, 前文 …)."""

    model: Contract
    draft: Contract
    articles: tuple[Aligned, ...]
    parts: tuple[Aligned, ...]
    library: bool = False
    """The model is a clause library: order means nothing, and the draft's other text is not compared."""
    excerpt: bool = False
    """The draft is part of a contract (some articles, no title, 前文, closing or signature): compared
    with the model's articles like a clause library, and the model articles it lacks are not removals."""


ChangeKind = RevisionKind


@dataclass(frozen=True)
class Anchor:
    """Where something stands in the redline: characters ``[start, end)`` of draft block ``block``
    (``start == end`` for text deleted at that point), or, with ``block`` None, the deleted paragraph
    that restores model block ``model_block``."""

    block: int | None
    start: int = 0
    end: int = 0
    model_block: int | None = None


@dataclass(frozen=True)
class Change:
    """A difference between aligned model and draft text, by refs (第4条第5項) and words."""

    kind: ChangeKind
    baseline: str | None
    draft: str | None
    deleted: str
    inserted: str
    anchor: Anchor | None = None
    """Where its revision is in the output (for comments); None for a change with no revision of its own
    (the word changes inside a moved article, a template choice)."""


# ---------------------------------------------------------------------------------------------------------
# Model contracts and clause libraries (baselines/).

BaselineKind = Literal["contract", "library"]


@dataclass(frozen=True)
class Variant:
    """A known modification of a model clause (修正例): whom it favours and why."""

    id: str
    """``条項例1の修正例1``."""
    label: str
    favours: str | None
    """The party it is written for (``売主``), as the contract names it."""
    reason: str
    statutes: tuple[str, ...]
    text: str
    """The whole clause as the variant has it, elided paragraphs (「(1〜3 略)」) filled from the model."""


@dataclass(frozen=True)
class Clause:
    """A model clause (条項例) of a library, with its known variants."""

    id: str
    title: str
    statutes: tuple[str, ...]
    text: str
    variants: tuple[Variant, ...] = ()


@dataclass(frozen=True)
class Baseline:
    """What a draft is compared with: a whole model contract, or a library of model clauses."""

    name: str
    title: str
    kind: BaselineKind
    contract: Contract
    """The model as a contract. For a library: its clauses as articles named by clause id."""
    parties: tuple[str, ...] = ()
    clauses: tuple[Clause | None, ...] = ()
    """Per article of ``contract``: the library clause it is (with its variants), if known."""
    description: str = ""
    contract_type: str = ""
    """売買, 請負, 準委任, 秘密保持, 利用規約, ライセンス, 賃貸借 (model.toml ``type``); read from the text
    when empty."""
    side: str = ""
    """Our party (model.toml ``side``): the side a comparison is graded for when none is given."""


# ---------------------------------------------------------------------------------------------------------
# Review.

Severity = Literal["high", "medium", "low", "info"]
SEVERITIES: tuple[Severity, ...] = ("high", "medium", "low", "info")
"""Most adverse first."""


@dataclass(frozen=True)
class Finding:
    """A deviation a lawyer must look at: which rule, how adverse to our side, where, and why."""

    rule: str
    """Stable id: ``timing-removed``, ``deemed-acceptance-added``, ``carveout-removed`` …"""
    severity: Severity
    baseline: str | None
    draft: str | None
    message: str
    """In Japanese: what changed, why it matters, the model wording to ask for."""
    deleted: str = ""
    inserted: str = ""
    favours: str | None = None
    """The party the change is good for, when it can be told."""
    anchor: Anchor | None = None
    adverse_to: str | None = None
    """The party the change hurts (the other party of ``favours``)."""
    statutes: tuple[str, ...] = ()
    """The statutes behind the clause for this contract's type (``民法541条``); empty rather than wrong."""
    kinds: tuple[str, ...] = ()
    """Every rule the change's pieces matched (``rule`` is the heaviest): a rewritten 項 that drops
    remedies and adds an exemption is ``remedies-narrowed`` with ``liability-limited`` among its kinds."""
