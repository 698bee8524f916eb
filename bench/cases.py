"""The benchmark's inputs: a model contract and a counterparty draft of it, as Word files, at three sizes.

Everything is built from seed 000 (the 27-article デジタル改革共創プラットフォーム利用規約) with python-docx,
never with akapen itself, so akapen is not measured on files it wrote. Long contracts repeat seed 000's
articles and renumber them: copy ``k`` of article ``n`` is article ``27k + n``, and its citations of
its own contract's articles (第3条第4項) move with it, as a drafter renumbering a real contract would do.
A citation of a statute (個人情報の保護に関する法律第2条) is left alone.

The draft is the model with, in every block of 27 articles, what a counterparty does to a draft: an
article inserted (再委託), one deleted (第22条), one moved (準拠法 before 専属管轄), a 号 dropped, 表記ゆれ
(ただちに → 直ちに), and substantive word edits (a liability cap, a notice period shortened). The draft is
then renumbered and its cross-references follow, so the redline also has renumbering to classify.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from docx import Document

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_fa44187a73f5676f.txt"
"""Seed 000, next to the checkout as the test suite expects it."""

_HEADING = re.compile(r"^第(\d+)条（(.+)）$")
_CITATION = re.compile(r"(?<![法律令則例程約])第(\d+)条")
"""An article number cited in the text; one right after 法律/政令/規則… belongs to another instrument."""
_MARKUP = re.compile(r"^\s*(?:-\s+)?")
"""The seed's Markdown list marks and indentation; a Word paragraph starts at its label."""


@dataclass(frozen=True)
class Article:
    """One 条 of seed 000: its title (the words in the heading's brackets) and its body paragraphs."""

    number: int
    title: str
    body: tuple[str, ...]


@dataclass(frozen=True)
class Case:
    """A model/draft pair as Word files."""

    name: str
    articles: int
    """How many articles the model has."""
    model: Path
    draft: Path


def seed_articles(seed: Path = SEED) -> tuple[str, list[Article]]:
    """Seed 000's title line and articles, with the lines its PDF export broke joined again."""
    if not seed.exists():
        raise SystemExit(
            f"{seed} is missing: the benchmark is built from ../shared/seeds beside the checkout"
        )
    lines = [_MARKUP.sub("", line).rstrip() for line in seed.read_text(encoding="utf-8").splitlines()]
    lines = _join_broken(line for line in lines if line)
    title = lines[0]
    articles: list[Article] = []
    for line in lines[1:]:
        heading = _HEADING.match(line)
        if heading:
            articles.append(Article(int(heading[1]), heading[2], ()))
        else:
            last = articles[-1]
            articles[-1] = Article(last.number, last.title, (*last.body, line))
    return title, articles


def _join_broken(lines: Iterable[str]) -> list[str]:
    """A PDF export cuts a long line where the page ended ("…ただ" / "し、…"); a Word paragraph would not."""
    out: list[str] = []
    for line in lines:
        previous = out[-1] if out else ""
        if len(previous) >= 25 and not previous.endswith(("。", "）", ")")) and not _starts_a_unit(line):
            out[-1] = previous + line
        else:
            out.append(line)
    return out


def _starts_a_unit(line: str) -> bool:
    return bool(_HEADING.match(line) or re.match(r"^(?:\d+\.|\(\d+\))", line))


def repeated(articles: list[Article], count: int) -> list[Article]:
    """``count`` articles: seed 000's, over and over, renumbered, their own citations moved along."""
    out: list[Article] = []
    per = len(articles)
    for n in range(count):
        copy, source = divmod(n, per)
        article = articles[source]
        shift = copy * per

        def cite(m: re.Match[str], shift: int = shift) -> str:
            return f"第{int(m[1]) + shift}条"

        body = tuple(_CITATION.sub(cite, p) for p in article.body)
        out.append(Article(n + 1, article.title, body))
    return out


_INSERTED = Article(
    0,
    "再委託",
    (
        "1. ユーザーは、デジタル庁の事前の書面による承諾を得ることなく、本サービスに関する業務の全部又は一部を第三者に再委託することができるものとします。",
        "2. 前項の場合、ユーザーは、再委託先の行為について一切の責任を負わないものとします。",
    ),
)
"""The article the counterparty adds (a subcontracting clause in its own favour)."""

_WORD_EDITS: dict[str, tuple[tuple[str, str], ...]] = {
    "アカウント": (("ただちに", "直ちに"),),
    "利用停止等": (("2週間以上", "1週間以上"),),
    "損害賠償": (
        ("その一切の損害につき賠償する義務", "直接かつ通常の損害に限り、100万円を上限として賠償する義務"),
    ),
    "秘密保持義務": (("厳重に保管・管理", "善良な管理者の注意をもって保管・管理"),),
    "本規約の変更": (("相当な期間", "合理的な期間"),),
}
"""Per article title: (model words, draft words) replaced in every copy of that article."""
_DROPPED_ITEM = ("禁止事項", "(3)")
"""In 禁止事項, the counterparty drops 号 (3)."""


def draft_of(articles: list[Article]) -> list[Article]:
    """The counterparty's draft: per block of 27 articles, one inserted, one deleted, one moved, a 号
    dropped, words edited; then renumbered, with the cross-references following the new numbers."""
    per = 27
    edited: list[Article] = []
    for start in range(0, len(articles), per):
        block = [_edit(a) for a in articles[start : start + per]]
        titles = [a.title for a in block]
        if "削除" in titles:
            del block[titles.index("削除")]
            titles = [a.title for a in block]
        if "準拠法" in titles and "専属管轄" in titles:
            moved = block.pop(titles.index("準拠法"))
            block.insert(titles.index("専属管轄"), moved)
        if "利用停止等" in titles:
            block.insert(titles.index("利用停止等") + 1, _INSERTED)
        edited.extend(block)
    # Renumber: every original article keeps its identity through its old number.
    new_number = {a.number: n + 1 for n, a in enumerate(edited) if a.number}
    out = []
    for n, a in enumerate(edited):
        body = tuple(
            _CITATION.sub(lambda m: f"第{new_number.get(int(m[1]), int(m[1]))}条", p) for p in a.body
        )
        out.append(Article(n + 1, a.title, body))
    return out


def _edit(article: Article) -> Article:
    body = list(article.body)
    for old, new in _WORD_EDITS.get(article.title, ()):
        body = [p.replace(old, new) for p in body]
    title, label = _DROPPED_ITEM
    if article.title == title:
        body = [p for p in body if not p.startswith(label)]
    return Article(article.number, article.title, tuple(body))


def write_docx(title: str, articles: list[Article], path: Path) -> Path:
    """One Word paragraph per heading, 項 and 号, in the default template's Normal style."""
    document = Document()
    document.add_paragraph(title)
    for article in articles:
        document.add_paragraph(f"第{article.number}条（{article.title}）")
        for line in article.body:
            document.add_paragraph(line)
    document.save(str(path))
    return path


SIZES = {"27": 27, "100": 100, "1000": 1000}
"""Case name → articles in the model: seed 000 itself, and two long contracts made from it."""


def build(directory: Path) -> dict[str, Case]:
    """Write every case's model.docx and draft.docx under ``directory``."""
    title, seed = seed_articles()
    cases = {}
    for name, count in SIZES.items():
        folder = directory / name
        folder.mkdir(parents=True, exist_ok=True)
        model = repeated(seed, count)
        cases[name] = Case(
            name,
            count,
            write_docx(title, model, folder / "model.docx"),
            write_docx(title, draft_of(model), folder / "draft.docx"),
        )
    return cases


def batch_drafts(case: Case, directory: Path, count: int) -> Path:
    """``count`` drafts of the 27-article model for ``akapen batch`` (copies of the case's draft: the
    throughput of the command, not of different inputs, is what is measured)."""
    directory.mkdir(parents=True, exist_ok=True)
    data = case.draft.read_bytes()
    for k in range(count):
        (directory / f"draft-{k:03d}.docx").write_bytes(data)
    return directory
