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
from akapen.model import Baseline, Clause, Contract, Variant
from akapen.read import read_source
from akapen.read.text import parse_text
from akapen.segment import segment

__all__ = ["baselines_dir", "embedded_baselines", "load_baseline"]

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


def embedded_baselines() -> tuple[str, ...]:
    """Names of the embedded baselines, sorted."""
    return tuple(sorted(p.parent.name for p in baselines_dir().glob("*/model.toml")))


def load_baseline(spec: str | os.PathLike[str], prefer: tuple[str, ...] = ()) -> Baseline:
    """A baseline by embedded name (``sales-inspection``), by folder with a model.toml, or a contract file
    (.docx/.txt/.md) used whole. ``prefer`` names 修正例 to use as the reference for their clauses.

    Loaded once per process (a batch compares every draft with the same model): a file is known by its
    resolved path, size and modification time, so an edited model is read again."""
    path = Path(spec)
    try:
        stat = path.stat()
    except OSError:
        return _load(str(spec), prefer, None)
    return _load(str(spec), prefer, (str(path.resolve()), stat.st_size, stat.st_mtime_ns))


@lru_cache(maxsize=16)
def _load(spec: str, prefer: tuple[str, ...], version: tuple[str, int, int] | None) -> Baseline:
    """``version`` only keys the cache (the file as it is now); ``spec`` is what messages name."""
    path = Path(spec)
    if path.is_file():
        if prefer:
            raise InputError("--prefer needs a clause library baseline (e.g. sales-inspection), not a file")
        contract = segment(read_source(path))
        return Baseline(path.stem, contract.title or path.name, "contract", contract)
    folder = path if (path / "model.toml").is_file() else baselines_dir() / str(spec)
    if not (folder / "model.toml").is_file():
        names = ", ".join(embedded_baselines())
        raise InputError(f"unknown baseline {str(spec)!r}: give a .docx/.txt/.md file or one of: {names}")
    return _load_folder(folder, prefer)


def _load_folder(folder: Path, prefer: tuple[str, ...]) -> Baseline:
    meta = _toml(folder / "model.toml")
    kind = meta.get("kind", "contract")
    name = meta.get("name", folder.name)
    common = {
        "name": name,
        "title": meta.get("title", name),
        "parties": tuple(meta.get("parties", ())),
        "description": meta.get("description", ""),
        "contract_type": meta.get("type", ""),
    }
    if kind == "library":
        return _library(folder, meta, prefer, common)
    if prefer:
        raise InputError(f"--prefer needs a clause library baseline; {name} is a whole contract")
    contract = segment(read_source(folder / meta["file"]))
    links = {int(k): v for k, v in meta.get("links", {}).items()}
    clauses = tuple(_linked(folder, links.get(a.number or -1)) for a in contract.articles)
    return Baseline(kind="contract", contract=contract, clauses=clauses, **common)


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
        variants = tuple(
            Variant(
                id=v["id"],
                label=v.get("label", ""),
                favours=v.get("favours"),
                reason=v.get("reason", ""),
                statutes=tuple(v.get("statutes", ())),
                text=expand_elisions(_read(folder / v["file"]), text),
            )
            for v in entry.get("variants", [])
        )
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
        blocks = sorted({s.block for s in p.spans} | {s.block for i in _all_items(p.items) for s in i.spans})
        lines_by_number[p.number] = [article.source.blocks[b].text for b in blocks]
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


def _toml(path: Path) -> dict[str, Any]:
    import tomllib  # only folder baselines have one: not worth loading for every command

    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{path}: not valid TOML ({error}); fix the file") from None
