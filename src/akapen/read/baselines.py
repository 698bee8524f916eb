"""Baselines: the model contracts and clause libraries shipped under ``baselines/``, or any contract file.

A baseline folder holds a ``model.toml`` (metadata a lawyer can edit) and plain-text clause files.
Shipped inside the wheel as ``akapen/baselines``; in a checkout they are read from the repository's
``baselines/`` folder.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from akapen.errors import InputError
from akapen.model import Article, Baseline, Clause, Contract, Paragraph, Variant
from akapen.read import read_source
from akapen.read.text import parse_text
from akapen.refs import article_ref
from akapen.segment import segment

__all__ = ["BASELINES_ENV", "baselines_dir", "embedded_baselines", "load_baseline", "user_folders"]

BASELINES_ENV = "AKAPEN_BASELINES"
"""A folder of model folders (several, separated by the path separator) a team keeps its own ひな形 in:
choosable by name and by the automatic model choice, like the embedded ones."""
CONTRACT_TYPES = ("売買", "請負", "準委任", "秘密保持", "利用規約", "ライセンス", "賃貸借", "その他")

_ELISION = re.compile(
    r"^\s*[（(]\s*(?P<a>[0-9０-９]+)(?:\s*(?:〜|～|-|－|および|及び|、|,)\s*(?P<b>[0-9０-９]+))?\s*略\s*[）)]\s*$"
)


def baselines_dir() -> Path:
    """Where the embedded baselines are: inside the installed package, or in the checkout."""
    here = Path(__file__).resolve().parent.parent  # src/akapen
    for candidate in (here / "baselines", here.parent.parent / "baselines"):
        if candidate.is_dir():
            return candidate
    raise InputError("the embedded baselines are missing from this installation; reinstall akapen")


def user_folders() -> tuple[Path, ...]:
    """The model folders under ``AKAPEN_BASELINES``, sorted by name."""
    roots = [Path(p) for p in os.environ.get(BASELINES_ENV, "").split(os.pathsep) if p]
    return tuple(sorted((m.parent for r in roots for m in r.glob("*/model.toml")), key=lambda p: p.name))


def embedded_baselines() -> tuple[str, ...]:
    """Names of the baselines choosable by name: the embedded ones, then the team's (``AKAPEN_BASELINES``)."""
    shipped = sorted(p.parent.name for p in baselines_dir().glob("*/model.toml"))
    return tuple(dict.fromkeys([*shipped, *(p.name for p in user_folders())]))


def load_baseline(spec: str | os.PathLike[str], prefer: tuple[str, ...] = ()) -> Baseline:
    """A baseline by embedded name (``sales-inspection``), by folder with a model.toml, or a contract file
    (.docx/.txt/.md) used whole. ``prefer`` names 修正例 to use as the reference for their clauses.

    Loaded once per process (a batch compares every draft with the same model): a file is known by its
    resolved path, size and modification time, so an edited model is read again."""
    path = Path(spec)
    try:
        # A folder is as new as the files in it: editing model.toml does not touch the folder's mtime.
        files = sorted(path.iterdir()) if path.is_dir() else [path]
        version = tuple((str(f.resolve()), f.stat().st_size, f.stat().st_mtime_ns) for f in files)
    except OSError:
        return _load(str(spec), prefer, None)
    return _load(str(spec), prefer, version)


@lru_cache(maxsize=16)
def _load(spec: str, prefer: tuple[str, ...], version: tuple[tuple[str, int, int], ...] | None) -> Baseline:
    """``version`` only keys the cache (the file as it is now); ``spec`` is what messages name."""
    path = Path(spec)
    if path.is_file():
        if prefer:
            raise InputError("--prefer needs a clause library baseline (e.g. sales-inspection), not a file")
        contract = segment(read_source(path))
        return Baseline(path.stem, contract.title or path.name, "contract", contract)
    folder = path if (path / "model.toml").is_file() else baselines_dir() / str(spec)
    if not (folder / "model.toml").is_file():
        folder = next((p for p in user_folders() if p.name == str(spec)), folder)
    if not (folder / "model.toml").is_file():
        names = ", ".join(embedded_baselines())
        raise InputError(f"unknown baseline {str(spec)!r}: give a .docx/.txt/.md file or one of: {names}")
    return _load_folder(folder, prefer)


def _load_folder(folder: Path, prefer: tuple[str, ...]) -> Baseline:
    meta = _toml(folder / "model.toml")
    _check(folder / "model.toml", meta)
    kind = meta.get("kind", "contract")
    name = meta.get("name", folder.name)
    common = {
        "name": name,
        "title": meta.get("title", name),
        "parties": tuple(meta.get("parties", ())),
        "description": meta.get("description", ""),
        "contract_type": meta.get("type", ""),
        "side": meta.get("side", ""),
    }
    if kind == "library":
        return _library(folder, meta, prefer, common)
    if prefer:
        raise InputError(f"--prefer needs a clause library baseline; {name} is a whole contract")
    contract = segment(read_source(folder / meta["file"]))
    links = {int(k): v for k, v in meta.get("links", {}).items()}
    own = {entry["number"]: entry for entry in meta.get("articles", []) if entry.get("variants")}
    clauses = tuple(
        _own_clause(folder, contract, a, own[a.number])
        if a.number in own
        else _linked(folder, links.get(a.number or -1))
        for a in contract.articles
    )
    return Baseline(kind="contract", contract=contract, clauses=clauses, **common)


def _own_clause(folder: Path, contract: Contract, article: Article, entry: dict[str, Any]) -> Clause:
    """An article of a team's own model with the variants (修正例) the team accepts for it."""
    text = article_text(contract, article)
    return Clause(
        article_ref(article),
        entry.get("title", article.heading or ""),
        tuple(entry.get("statutes", ())),
        text,
        tuple(_variant(folder, v, text) for v in entry["variants"]),
    )


def _variant(folder: Path, v: dict[str, Any], model_text: str) -> Variant:
    return Variant(
        id=v["id"],
        label=v.get("label", ""),
        favours=v.get("favours"),
        reason=v.get("reason", ""),
        statutes=tuple(v.get("statutes", ())),
        text=expand_elisions(_read(folder / v["file"]), model_text),
    )


def article_text(contract: Contract, article: Article) -> str:
    """An article's lines as the source has them (heading, 項, 号), for a clause file."""
    blocks = {s.block for s in article.spans}.union(*(_blocks(p) for p in article.paragraphs))
    source = contract.source
    return "\n".join(source.blocks[b].numbering + source.blocks[b].text for b in sorted(blocks)) + "\n"


def _linked(folder: Path, link: str | None) -> Clause | None:
    if link is None:
        return None
    library, _, clause_id = link.partition("/")
    baseline = load_baseline(folder.parent / library)  # cached: one load however many links
    for clause in baseline.clauses:
        if clause is not None and clause.id == clause_id:
            return clause
    raise InputError(f"{folder / 'model.toml'}: link {link!r} names no clause of {library}")


def _library(folder: Path, meta: dict[str, Any], prefer: tuple[str, ...], common: dict[str, Any]) -> Baseline:
    clauses: list[Clause] = []
    known: set[str] = set()
    for entry in meta.get("clauses", []):
        text = _read(folder / entry["file"])
        variants = tuple(_variant(folder, v, text) for v in entry.get("variants", []))
        known.update(v.id for v in variants)
        chosen = next((v for v in variants if v.id in prefer), None)
        clauses.append(
            Clause(
                entry["id"],
                entry.get("title", ""),
                tuple(entry.get("statutes", ())),
                chosen.text if chosen else text,
                variants,
            )
        )
    unknown = [p for p in prefer if p not in known]
    if unknown:
        raise InputError(
            f"--prefer {unknown[0]}: no such 修正例 in {common['name']} (known: {', '.join(sorted(known))})"
        )
    source = parse_text("\n".join(c.text for c in clauses).encode("utf-8"), str(folder))
    contract = segment(source)
    if len(contract.articles) != len(clauses):
        raise InputError(f"{folder}: each clause file must hold exactly one article (第◯条…)")
    named = tuple(replace(a, name=c.id) for a, c in zip(contract.articles, clauses, strict=True))
    contract = Contract(contract.source, contract.title, named, contract.parts)
    return Baseline(kind="library", contract=contract, clauses=tuple(clauses), **common)


def expand_elisions(variant: str, model: str) -> str:
    """A variant's 「(1〜3 略)」 line replaced by paragraphs 1–3 of the model clause, as written there."""
    if not any(_ELISION.match(line) for line in variant.splitlines()):
        return variant
    article = segment(parse_text(model.encode("utf-8"), "model"))
    [clause] = article.articles
    lines_by_number = {}
    for p in clause.paragraphs:
        lines_by_number[p.number] = [article.source.blocks[b].text for b in sorted(_blocks(p))]
    out: list[str] = []
    for line in variant.splitlines():
        m = _ELISION.match(line)
        if m is None:
            out.append(line)
            continue
        first = int(m.group("a").translate(_WIDE))
        last = int((m.group("b") or m.group("a")).translate(_WIDE))
        for number in range(first, last + 1):
            out.extend(lines_by_number.get(number, ()))
    return "\n".join(out) + "\n"


_WIDE = str.maketrans("０１２３４５６７８９", "0123456789")


def _blocks(paragraph: Paragraph) -> set[int]:
    """The source blocks a 項 stands in, its 号 and sub-items included."""
    return {s.block for s in paragraph.spans} | {
        s.block for i in _all_items(paragraph.items) for s in i.spans
    }


def _all_items(items: Any) -> list[Any]:
    out = []
    for item in items:
        out.append(item)
        out.extend(_all_items(item.items))
    return out


def _read(path: Path) -> str:
    """A clause file: UTF-8 text (the format lawyers edit baselines in)."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise InputError(
            f"{path}: cannot read ({error.strerror}); is the baseline folder complete?"
        ) from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; save the clause file as UTF-8") from None


_STR, _LIST, _TABLE, _INT = "a string", "a list of strings", "a table", "a whole number"
_TOP: dict[str, str] = {
    "name": _STR,
    "title": _STR,
    "kind": _STR,
    "type": _STR,
    "file": _STR,
    "parties": _LIST,
    "side": _STR,
    "description": _STR,
    "links": _TABLE,
    "roles": _TABLE,
}
_VARIANT: dict[str, str] = {
    "id": _STR,
    "file": _STR,
    "label": _STR,
    "favours": _STR,
    "reason": _STR,
    "statutes": _LIST,
}


def _check(path: Path, meta: dict[str, Any]) -> None:
    """model.toml as a lawyer may have edited it: a wrong key is named with what it must be."""

    def fail(key: str, expected: str) -> None:
        raise InputError(f"{path}: key {key!r} must be {expected}; fix the file (see README: our own models)")

    def typed(table: dict[str, Any], key: str, expected: str, where: str = "") -> None:
        value = table[key]
        ok = {
            _STR: isinstance(value, str),
            _LIST: isinstance(value, list) and all(isinstance(x, str) for x in value),
            _TABLE: isinstance(value, dict),
            _INT: isinstance(value, int) and not isinstance(value, bool),
        }[expected]
        if not ok:
            fail(where + key, expected)

    for key, expected in _TOP.items():
        if key in meta:
            typed(meta, key, expected)
    kind = meta.get("kind", "contract")
    if kind not in ("contract", "library"):
        fail("kind", '"contract" (a whole model contract) or "library" (clauses with their 修正例)')
    if meta.get("type", "") and meta["type"] not in CONTRACT_TYPES:
        fail("type", "one of " + ", ".join(CONTRACT_TYPES))
    if kind == "contract" and "file" not in meta:
        fail("file", 'the contract text file in this folder (e.g. "contract.txt")')
    parties = meta.get("parties", [])
    if meta.get("side") and parties and meta["side"] not in parties:
        fail("side", "one of the parties (" + ", ".join(parties) + ")")
    for k, entry in enumerate(meta.get("articles", [])):
        where = f"articles[{k}]."
        if not isinstance(entry, dict) or "number" not in entry:
            fail(where + "number", "the article's number (第N条 → N)")
        typed(entry, "number", _INT, where)
        for j, variant in enumerate(entry.get("variants", [])):
            for key in ("id", "file"):
                if key not in variant:
                    fail(f"{where}variants[{j}].{key}", _STR)
            for key, expected in _VARIANT.items():
                if key in variant:
                    typed(variant, key, expected, f"{where}variants[{j}].")
    for k, entry in enumerate(meta.get("clauses", [])):
        for key in ("id", "file"):
            if key not in entry:
                fail(f"clauses[{k}].{key}", _STR)


def _toml(path: Path) -> dict[str, Any]:
    import tomllib  # only folder baselines have one: not worth loading for every command

    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{path}: not valid TOML ({error}); fix the file") from None
