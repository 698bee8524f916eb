"""Hostile and broken input files, each built on the fly, through the real command line.

Every one is refused with exit code 2 and one line on stderr saying what is wrong and what to do: no
traceback, no output file (neither the redline nor the JSON report), and the input untouched. Each is
tried as the draft in a child process (the real exit code and stderr, and its peak memory), and as the
model and under ``akapen outline`` in-process.
"""

from __future__ import annotations

import random
import shutil
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from akapen.cli import main
from tests.hostile import build
from tests.hostile.cli import akapen, assert_refused, snapshot

W = build.W_NS


@dataclass(frozen=True)
class Hostile:
    id: str
    name: str
    """The file name it arrives under (the suffix decides which reader is tried)."""
    make: Callable[[Path], bytes]
    """Its bytes; given the folder it will be written to (for an entity that points at a file there)."""
    message: tuple[str, ...]
    """Parts of the one-line message: what is wrong, and what to do."""


def _document(body: str, doctype: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}'
        f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    ).encode()


SECRET = "AKAPEN-SECRET-4f2a"
"""The content of the file an external entity points at: it must never show up anywhere."""


def _external_entity(folder: Path) -> bytes:
    secret = folder / "secret.txt"
    doctype = f'<!DOCTYPE w:document [<!ENTITY secret SYSTEM "{secret.as_uri()}">]>'
    return build.with_parts(
        build.draft_bytes(),
        {"word/document.xml": _document("<w:p><w:r><w:t>第1条&secret;</w:t></w:r></w:p>", doctype)},
    )


def _entity_in_a_part_never_compared(folder: Path) -> bytes:
    secret = folder / "secret.txt"
    doctype = f'<!DOCTYPE cp:coreProperties [<!ENTITY secret SYSTEM "{secret.as_uri()}">]>'.encode()

    def core(data: bytes) -> bytes:
        data = build.with_doctype(doctype)(data)
        return data.replace(b"</dc:creator>", b"&secret;</dc:creator>")

    return build.with_parts(build.draft_bytes(), {"docProps/core.xml": core})


BILLION_LAUGHS = (
    '<!DOCTYPE w:document [<!ENTITY a "ははははははははははは">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    + "]>"
)

_DTD_REFUSED = ("declares a DTD, which no Word document does", "ask the sender for a copy saved by Word")
_NOT_A_ZIP = ("is not a Word .docx file (not a zip package)", "save it as .docx")
_TOO_LONG = ("akapen compares up to 1,000,000 characters or 50,000 paragraphs", "without its attachments")


def _text(size_bytes: int, line: str) -> bytes:
    data = line.encode()
    return data * (size_bytes // len(data) + 1)


CASES = [
    Hostile("not-a-zip", "draft.docx", lambda _: "第1条（目的）本契約は…".encode(), _NOT_A_ZIP),
    Hostile("random-bytes-docx", "draft.docx", lambda _: random.Random(8).randbytes(5000), _NOT_A_ZIP),
    Hostile(
        "truncated-zip",
        "draft.docx",
        lambda _: build.draft_bytes()[: len(build.draft_bytes()) // 2],
        ("an incomplete or damaged zip package", "get the file again"),
    ),
    Hostile(
        "truncated-zip-last-bytes",
        "draft.docx",
        lambda _: build.draft_bytes()[:-30],
        ("an incomplete or damaged zip package", "get the file again"),
    ),
    Hostile(
        "encrypted-office-package",
        "draft.docx",
        lambda _: build.encrypted_package(),
        ("is password-protected or encrypted", "remove the password"),
    ),
    Hostile(
        "encrypted-by-libreoffice",
        "draft.docx",
        lambda _: (build.REALWORLD / "platform-terms-draft-password.docx").read_bytes(),
        ("is password-protected or encrypted", "remove the password"),
    ),
    Hostile(
        "zip-password",
        "draft.docx",
        lambda _: build.zip_encrypted_member(),
        ("is password-protected (an encrypted zip)", "remove the password"),
    ),
    Hostile(
        "legacy-doc",
        "draft.doc",
        lambda _: build.word97_document(),
        ("is a legacy .doc file", "soffice --headless --convert-to docx draft.doc"),
    ),
    Hostile(
        "legacy-doc-by-libreoffice",
        "draft.doc",
        lambda _: (build.REALWORLD / "platform-terms-draft.doc").read_bytes(),
        ("is a legacy .doc file", "soffice --headless --convert-to docx draft.doc"),
    ),
    Hostile(
        "legacy-doc-renamed-docx",
        "draft.docx",
        lambda _: build.word97_document(),
        ("is a legacy .doc file", "--convert-to docx"),
    ),
    Hostile("empty-docx", "draft.docx", lambda _: b"", ("is empty (0 bytes)", "right file")),
    Hostile("empty-txt", "draft.txt", lambda _: b"", ("is empty (0 bytes)", "right file")),
    Hostile(
        "random-bytes-txt",
        "draft.txt",
        lambda _: random.Random(8).randbytes(5000),
        ("is not a text document", "save it as UTF-8"),
    ),
    Hostile(
        "zip-bomb",
        "draft.docx",
        lambda _: build.zip_bomb(300),
        ("would inflate to 300 MB", "a zip bomb", "remove the pictures"),
    ),
    Hostile(
        "zip-bomb-lying-sizes",
        "draft.docx",
        lambda _: build.lying_sizes(),
        ("is a damaged zip package (word/media/image1.png: Bad CRC-32", "repair it in Word"),
    ),
    Hostile(
        "zip-of-many-members",
        "draft.docx",
        lambda _: build.many_members(10_001),
        ("zip members, more than any Word document", "save it again"),
    ),
    Hostile(
        "duplicate-part",
        "draft.docx",
        lambda _: build.duplicate_member(),
        ("two members named word/document.xml", "repair it in Word"),
    ),
    Hostile(
        "duplicate-part-other-case",
        "draft.docx",
        lambda _: build.duplicate_member(other_case=True),
        ("two members named word/document.xml", "repair it in Word"),
    ),
    Hostile("external-entity", "draft.docx", _external_entity, _DTD_REFUSED),
    Hostile(
        "external-entity-in-core-properties", "draft.docx", _entity_in_a_part_never_compared, _DTD_REFUSED
    ),
    Hostile(
        "billion-laughs",
        "draft.docx",
        lambda _: build.with_parts(
            build.draft_bytes(),
            {"word/document.xml": _document("<w:p><w:r><w:t>&i;</w:t></w:r></w:p>", BILLION_LAUGHS)},
        ),
        _DTD_REFUSED,
    ),
    Hostile(
        "deep-nesting",
        "draft.docx",
        lambda _: build.deep_document(100_000),
        ("word/document.xml nests elements more than 256 deep", "ask the sender"),
    ),
    Hostile(
        "deep-nesting-in-settings",
        "draft.docx",
        lambda _: build.deep_part(100_000),
        ("word/settings.xml nests elements more than 256 deep", "ask the sender"),
    ),
    Hostile(
        # An unbound prefix in a part akapen never reads: libxml2 only logs it when it builds no tree.
        "namespace-error-in-a-part-never-compared",
        "draft.docx",
        lambda _: build.with_parts(
            build.draft_bytes(),
            {
                "word/webSettings.xml": f'<w:webSettings xmlns:w="{W}"><p:x w:id="7"/></w:webSettings>'.encode()
            },
        ),
        ("has a broken word/webSettings.xml (Namespace prefix p on x is not defined", "repair it in Word"),
    ),
    Hostile(
        "text-node-over-the-limit-in-a-part-never-compared",
        "draft.docx",
        lambda _: build.with_parts(
            build.draft_bytes(), {"customXml/item1.xml": b"<a>" + b"x" * 10_500_000 + b"</a>"}
        ),
        (
            "has a broken customXml/item1.xml (Resource limit exceeded: Text node too long",
            "repair it in Word",
        ),
    ),
    Hostile(
        "broken-xml",
        "draft.docx",
        lambda _: build.with_parts(build.draft_bytes(), {"word/document.xml": b"<w:document><w:body>"}),
        ("has a broken word/document.xml", "repair it in Word"),
    ),
    Hostile(
        "strict-open-xml",
        "draft.docx",
        lambda _: build.with_parts(
            build.draft_bytes(),
            {
                "word/document.xml": b'<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main">'
                b"<w:body/></w:document>"
            },
        ),
        ("Strict Open XML", "save it in Word as Word Document (.docx)"),
    ),
    Hostile(
        "main-part-outside-the-package",
        "draft.docx",
        lambda _: build.with_parts(
            build.draft_bytes(),
            {
                "_rels/.rels": b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                b'<Relationship Id="rId1" Target="../../../../etc/hostname" Type="http://schemas.openxmlformats.org'
                b'/officeDocument/2006/relationships/officeDocument"/></Relationships>'
            },
        ),
        ("is a zip package but not a Word document (it has no ../../../../etc/hostname)", "save it as .docx"),
    ),
    Hostile(
        "text-10-mb",
        "draft.txt",
        lambda _: _text(
            10 * 1024 * 1024,
            "第1条（目的）本契約は、売主が買主に対し本製品を継続的に売り渡す条件を定める。\n",
        ),
        ("draft.txt is 10 MB", *_TOO_LONG),
    ),
    Hostile(
        "text-over-a-million-characters",
        "draft.txt",
        lambda _: _text(
            3_300_000, "本契約は、売主が買主に対し本製品を継続的に売り渡す条件を定めるものとする。\n"
        ),
        ("characters of text", *_TOO_LONG),
    ),
    Hostile(
        "text-of-too-many-lines",
        "draft.txt",
        lambda _: "第1条（目的）\n".encode() + "あ\n".encode() * 60_000,
        ("draft.txt has 60,001 lines", *_TOO_LONG),
    ),
    Hostile(
        "unsupported-suffix",
        "draft.rtf",
        lambda _: b"{\\rtf1\\ansi ...}",
        (
            "cannot read .rtf files",
            "akapen reads Word documents (.docx, .docm, .dotx, .dotm), PDF (.pdf) and plain",
        ),
    ),
    Hostile("not-a-pdf", "draft.pdf", lambda _: "第1条（目的）".encode(), ("is not a PDF", "the right file")),
    Hostile("docx-named-pdf", "draft.pdf", lambda _: build.draft_bytes(), ("is not a PDF", "the right file")),
    Hostile(
        "truncated-pdf",
        "draft.pdf",
        lambda _: build.text_pdf()[: len(build.text_pdf()) * 2 // 3],
        ("is incomplete (it does not end with %%EOF)", "get the file again"),
    ),
    Hostile(
        "damaged-pdf",
        "draft.pdf",
        lambda _: build.text_pdf().replace(b"obj", b"job"),
        ("is a damaged PDF that cannot be read", "export or download it again"),
    ),
    Hostile(
        "encrypted-pdf",
        "draft.pdf",
        lambda _: build.encrypted_pdf(),
        ("is password-protected", "save or print it to PDF without a password"),
    ),
    Hostile(
        "pdf-of-5000-pages",
        "draft.pdf",
        lambda _: build.many_pages_pdf(5000),
        ("has 5,000 pages", "up to 1,000 pages"),
    ),
    Hostile(
        "pdf-bomb",
        "draft.pdf",
        lambda _: build.pdf_bomb(300),
        ("inflates to more than 256 MB", "compression bomb"),
    ),
    Hostile(
        "pdf-deep-nesting",
        "draft.pdf",
        lambda _: build.deep_pdf(200_000),
        ("has no text layer", "run OCR"),
    ),
    Hostile(
        "scanned-pdf",
        "draft.pdf",
        lambda _: build.scanned_pdf(),
        ("has no text layer (its pages are pictures: a scan)", "run OCR on it first"),
    ),
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    return tmp_path


def _write(case: Hostile, folder: Path) -> Path:
    path = folder / case.name
    path.write_bytes(case.make(folder))
    return path


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_hostile_draft_is_refused_in_one_line_and_nothing_is_written(case: Hostile, folder: Path) -> None:
    _write(case, folder)
    before = snapshot(folder)
    run = akapen(
        "redline",
        case.name,
        "-b",
        "sales-basic",
        "-o",
        "out.docx",
        "--json",
        "out.json",
        "--date",
        "2026-04-01",
        cwd=folder,
    )
    assert_refused(run, *case.message)
    assert snapshot(folder) == before
    assert SECRET not in run.stderr
    # Refused before anything was inflated or parsed at length (a 300 MB bomb stays compressed).
    assert run.max_rss_mb < 200


def _refused_in_process(args: list[str], case: Hostile) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit), result.output
    line = result.output.strip()
    assert "\n" not in line and line.startswith("akapen: error: "), result.output
    assert all(part in line for part in case.message), line


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_hostile_model_is_refused_the_same_way(
    case: Hostile, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(folder)  # relative names, so that the messages read as in the draft's case
    _write(case, folder)
    shutil.copy(build.DRAFT, folder / "相手方案.docx")
    before = snapshot(folder)
    _refused_in_process(["redline", "相手方案.docx", "-b", case.name, "-o", "out.docx"], case)
    assert snapshot(folder) == before


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_outline_refuses_a_hostile_file_the_same_way(
    case: Hostile, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(folder)
    _write(case, folder)
    _refused_in_process(["outline", case.name], case)


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A local port nobody answers on: any connection to it would be a fetch the reader must never make."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        server.setblocking(False)
        yield server


def test_an_entity_or_dtd_on_the_network_is_never_fetched(folder: Path, listener: socket.socket) -> None:
    url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    doctype = f'<!DOCTYPE w:document SYSTEM "{url}/word.dtd" [<!ENTITY remote SYSTEM "{url}/secret">]>'
    data = build.with_parts(
        build.draft_bytes(),
        {"word/document.xml": _document("<w:p><w:r><w:t>&remote;</w:t></w:r></w:p>", doctype)},
    )
    (folder / "draft.docx").write_bytes(data)
    run = akapen("redline", "draft.docx", "-b", "sales-basic", "-o", "out.docx", cwd=folder)
    assert_refused(run, *_DTD_REFUSED)
    with pytest.raises(BlockingIOError):
        listener.accept()
