"""reply (#6): our counter-proposal — their document, our asks as tracked changes with reasons."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import akapen
from tests.support.office import Office
from tests.support.revisions import document_xml, part, structure_problems
from tests.support.seeds import SEED_000, seed_text
from tests.support.variants import apply_edits
from tests.test_redline_cases import lines_of

CASE = Path(__file__).resolve().parents[1] / "cases" / "redline-seed000-edit-words"
FAVOURS_USER = "ただちにその旨をデジタル庁に通知する"
"""The one edit of the case that is good for ユーザー (it lightens the user's own duty)."""


@pytest.fixture(scope="module")
def reply(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, akapen.RedlineResult]:
    folder = tmp_path_factory.mktemp("reply")
    edits = json.loads((CASE / "case.json").read_text(encoding="utf-8"))["edits"]
    draft = apply_edits(seed_text(SEED_000), edits)
    asked = apply_edits(seed_text(SEED_000), [e for e in edits if e.get("old", "").startswith(FAVOURS_USER)])
    (folder / "model.txt").write_text(seed_text(SEED_000), encoding="utf-8")
    (folder / "draft.txt").write_text(draft, encoding="utf-8")
    result = akapen.reply_files(
        folder / "draft.txt", folder / "model.txt", side="ユーザー", date="2026-04-01"
    )
    return folder / "draft.reply.docx", draft, asked, result


def test_asks_back_exactly_the_changes_adverse_to_us(
    reply: tuple[Path, str, str, akapen.RedlineResult],
) -> None:
    result = reply[3]
    assert "asked back (3)" in result.summary
    for rule in ("carveout-removed", "deemed-acceptance-added", "period-changed"):
        assert rule in result.summary.split("asked back")[1]
    assert "timing-removed" not in result.summary.split("asked back")[1]


def test_each_ask_has_its_reason_as_a_comment(reply: tuple[Path, str, str, akapen.RedlineResult]) -> None:
    data = reply[0].read_bytes()
    assert structure_problems(data) == []
    assert document_xml(data).count(b"w:commentReference") == 3
    comments = part(data, "word/comments.xml").decode()
    assert comments.count("【当方修正】") == 3 and 'w:author="当方"' in comments


@pytest.mark.office
def test_libreoffice_reject_all_is_their_draft_accept_all_our_asks(
    reply: tuple[Path, str, str, akapen.RedlineResult], office: Office
) -> None:
    path, draft, asked, _ = reply
    assert office.load_error(path) is None
    assert [p for p in office.view(path, "reject") if p.strip()] == lines_of(draft)
    assert [p for p in office.view(path, "accept") if p.strip()] == lines_of(asked)
    authors = {author for author, _ in office.comments(path)}
    assert authors == {"当方"}


def test_a_reply_needs_our_side(tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text(seed_text(SEED_000), encoding="utf-8")
    with pytest.raises(akapen.InputError, match="--side 乙山"):
        akapen.reply_files(tmp_path / "d.txt", "platform-terms", side="乙山")
    assert not (tmp_path / "d.reply.docx").exists()
