"""Hostile and broken inputs, built on the fly from the bundled draft.

Each builder returns the bytes of one file a counterparty might send: a zip that is not a Word file, a
zip bomb, an OLE compound file (an encrypted package or a Word 97 ``.doc``), XML with a DTD…
"""

from __future__ import annotations

import io
import struct
import warnings
import zipfile
import zlib
from collections.abc import Callable, Mapping
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
DRAFT = FIXTURES / "draft.docx"
"""A seller-side 売買基本契約書 draft: the embedded model ``sales-basic`` is its model."""
REALWORLD = FIXTURES / "realworld"
"""Files LibreOffice made (fixtures/realworld/make_realworld.py), among them an encrypted .docx and a .doc."""

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

Edit = bytes | Callable[[bytes], bytes]


def draft_bytes() -> bytes:
    return DRAFT.read_bytes()


def with_parts(docx: bytes, edits: Mapping[str, Edit], *, added: Mapping[str, bytes] | None = None) -> bytes:
    """``docx`` with some members replaced (new bytes, or a function of the old ones) and some added."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            edit = edits.get(info.filename)
            if edit is not None:
                data = edit if isinstance(edit, bytes) else edit(data)
            target.writestr(info.filename, data)
        for name, data in (added or {}).items():
            target.writestr(name, data)
    return out.getvalue()


def with_doctype(doctype: bytes) -> Callable[[bytes], bytes]:
    """An edit that puts ``doctype`` after the XML declaration of a part."""

    def edit(data: bytes) -> bytes:
        end = data.index(b"?>") + 2 if data.startswith(b"<?xml") else 0
        return data[:end] + doctype + data[end:]

    return edit


def zip_bomb(inflated_mb: int) -> bytes:
    """The bundled draft plus a "picture" of ``inflated_mb`` MB of zeros: honest sizes, ~1/200 compressed."""
    out = io.BytesIO(draft_bytes())
    chunk = bytes(1024 * 1024)
    with (
        zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as package,
        package.open("word/media/image1.png", "w", force_zip64=True) as member,
    ):
        for _ in range(inflated_mb):
            member.write(chunk)
    return out.getvalue()


def lying_sizes(declared: int = 1000, actual_mb: int = 20) -> bytes:
    """A member whose zip headers declare ``declared`` bytes but whose data inflates to ``actual_mb`` MB
    (a zip bomb that hides from a size check). Only the 32-bit size fields are patched."""
    name = b"word/media/image1.png"
    out = io.BytesIO(draft_bytes())
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as package:
        package.writestr(name.decode(), bytes(actual_mb * 1024 * 1024))
        offset = package.getinfo(name.decode()).header_offset
    data = bytearray(out.getvalue())
    struct.pack_into("<I", data, offset + 22, declared)  # local header: uncompressed size
    struct.pack_into("<I", data, _central_entry(data, name) + 24, declared)  # central directory: the same
    return bytes(data)


def _central_entry(data: bytearray, name: bytes) -> int:
    """Where the central directory entry of member ``name`` starts."""
    at = data.index(b"PK\x01\x02")
    while data[at + 46 : at + 46 + len(name)] != name:
        at = data.index(b"PK\x01\x02", at + 4)
    return at


def many_members(count: int) -> bytes:
    out = io.BytesIO(draft_bytes())
    with zipfile.ZipFile(out, "a", zipfile.ZIP_STORED) as package:
        for i in range(count):
            package.writestr(f"customXml/item{i + 1000}.bin", b"")
    return out.getvalue()


def duplicate_member(name: str = "word/document.xml", *, other_case: bool = False) -> bytes:
    """The bundled draft with a second member of the same part name (or the same name in other case)."""
    out = io.BytesIO(draft_bytes())
    second = name.upper() if other_case else name
    document = f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>別の本文</w:t></w:r></w:p></w:body></w:document>'
    with zipfile.ZipFile(out, "a") as package, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile's "Duplicate name": the very point here
        package.writestr(second, document)
    return out.getvalue()


def zip_encrypted_member() -> bytes:
    """The bundled draft with its document.xml flagged as encrypted with a zip password (the data is the
    same: a reader must refuse it from the flag, whatever the bytes)."""
    data = bytearray(draft_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as package:
        info = package.getinfo("word/document.xml")
    struct.pack_into("<H", data, info.header_offset + 6, info.flag_bits | 0x1)
    struct.pack_into("<H", data, _central_entry(data, b"word/document.xml") + 8, info.flag_bits | 0x1)
    return bytes(data)


def deep_document(depth: int, *, element: str = "w:sdt") -> bytes:
    """The bundled draft with one more paragraph at the start of the body, wrapped ``depth`` times in
    ``element`` (a block-level content control by default)."""
    if element == "w:sdt":
        opening, closing = "<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>"
    elif element == "w:tbl":
        opening, closing = "<w:tbl><w:tr><w:tc>", "<w:p/></w:tc></w:tr></w:tbl>"
    else:
        opening, closing = f"<{element}>", f"</{element}>"
    paragraph = "<w:p><w:r><w:t>入れ子の段落</w:t></w:r></w:p>"
    nested = (opening * depth + paragraph + closing * depth).encode()
    return with_parts(
        draft_bytes(), {"word/document.xml": lambda d: d.replace(b"<w:body>", b"<w:body>" + nested, 1)}
    )


def deep_part(depth: int, part: str = "word/settings.xml") -> bytes:
    """A part akapen never needs for the comparison, replaced by ``depth`` nested elements."""
    xml = (
        f'<?xml version="1.0"?><w:settings xmlns:w="{W_NS}">'
        + "<w:x>" * depth
        + "</w:x>" * depth
        + "</w:settings>"
    )
    return with_parts(draft_bytes(), {part: xml.encode()})


# --- OLE compound files ----------------------------------------------------------------------------------

_SECTOR = 512
_FREE, _END, _FAT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
_NO_STREAM = 0xFFFFFFFF


def ole_compound(streams: Mapping[str, bytes]) -> bytes:
    """A minimal but well-formed OLE compound file (version 3, 512-byte sectors) holding ``streams``,
    each padded to at least 4096 bytes so that it lives in regular sectors (no mini stream): the
    container of an encrypted Office package and of a Word 97-2003 ``.doc``."""
    bodies = [data.ljust(4096, b"\0") for data in streams.values()]
    sizes = [len(b) for b in bodies]
    sectors_of = [-(-size // _SECTOR) for size in sizes]
    fat: list[int] = [_FAT, _END]  # sector 0: the FAT itself; sector 1: the directory
    starts = []
    for count in sectors_of:
        start = len(fat)
        starts.append(start)
        fat += [start + i + 1 for i in range(count - 1)] + [_END]
    if len(fat) > _SECTOR // 4:
        raise ValueError("streams too large for a one-sector FAT")
    fat += [_FREE] * (_SECTOR // 4 - len(fat))

    names = list(streams)
    entries = [_dir_entry("Root Entry", 5, child=1 if names else _NO_STREAM, start=_END, size=0)]
    for i, (name, start, size) in enumerate(zip(names, starts, sizes, strict=True)):
        # A degenerate red-black tree: each stream is the right sibling of the one before (black nodes).
        right = i + 2 if i + 1 < len(names) else _NO_STREAM
        entries.append(_dir_entry(name, 2, right=right, start=start, size=size))
    directory = b"".join(entries).ljust(_SECTOR, b"\0")
    if len(directory) > _SECTOR:
        raise ValueError("at most three streams fit in one directory sector")

    header = b"".join(
        [
            bytes.fromhex("d0cf11e0a1b11ae1"),
            bytes(16),  # CLSID
            struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6),  # minor, major version, byte order, shifts
            bytes(6),
            struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0),
            struct.pack("<I", 0) + struct.pack("<I", _FREE) * 108,  # DIFAT: the FAT is sector 0
        ]
    )
    return (
        header
        + struct.pack(f"<{_SECTOR // 4}I", *fat)
        + directory
        + b"".join(body.ljust(count * _SECTOR, b"\0") for body, count in zip(bodies, sectors_of, strict=True))
    )


def _dir_entry(
    name: str, kind: int, *, child: int = _NO_STREAM, right: int = _NO_STREAM, start: int, size: int
) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return b"".join(
        [
            encoded.ljust(64, b"\0"),
            struct.pack("<HBB", len(encoded), kind, 1),
            struct.pack("<III", _NO_STREAM, right, child),
            bytes(16 + 4 + 16),  # CLSID, state bits, creation and modification times
            struct.pack("<IQ", start, size),
        ]
    )


def encrypted_package() -> bytes:
    """What Word saves for a document with a password to open: an OLE file with ``EncryptionInfo`` and
    ``EncryptedPackage`` streams (here with placeholder contents)."""
    return ole_compound(
        {"EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00", "EncryptedPackage": b"\x01" * 64}
    )


def word97_document() -> bytes:
    """A Word 97-2003 ``.doc``: an OLE file with a ``WordDocument`` stream (placeholder contents)."""
    return ole_compound({"WordDocument": b"\xec\xa5\xc1\x00", "1Table": b""})


# ---------------------------------------------------------------------------------------------------------
# PDF files, written object by object (a cross-reference table with the right offsets, so that PDFium
# reads them as valid rather than repairing them).


def pdf(objects: list[bytes], *, trailer: bytes = b"") -> bytes:
    """A PDF whose object ``n`` (from 1) is ``objects[n - 1]``; object 1 must be the catalog."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer,
        xref,
    )
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def pdf_pages(
    contents: list[bytes],
    *,
    resources: bytes = b"<< /Font << /F1 4 0 R >> >>",
    extra: list[bytes] | None = None,
) -> bytes:
    """A PDF of A4 pages, one per content stream, with Helvetica as /F1 and ``extra`` objects after."""
    first = 5
    kids = b" ".join(b"%d 0 R" % (first + 2 * i) for i in range(len(contents)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(contents)),
        b"<< >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, content in enumerate(contents):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s /Contents %d 0 R >>"
            % (resources, first + 2 * i + 1)
        )
        objects.append(_stream(content))
    return pdf(objects + (extra or []))


def text_pdf(lines: list[str] | None = None) -> bytes:
    """A one-page PDF with a few lines of Latin text (Helvetica: no font to embed)."""
    lines = lines or ["Article 1 (Purpose)", "This Agreement sets out the terms of sale."]
    shown = b"".join(b"(%s) Tj 0 -14 Td " % line.encode("latin-1") for line in lines)
    return pdf_pages([b"BT /F1 11 Tf 72 770 Td " + shown + b"ET"])


def scanned_pdf() -> bytes:
    """A page that is only a picture (what a scanner makes): no text layer at all."""
    image = _stream(
        b"\x80" * 64,
        b"/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 ",
    )
    return pdf_pages(
        [b"q 500 0 0 700 40 70 cm /Im0 Do Q"],
        resources=b"<< /XObject << /Im0 %d 0 R >> >>" % 7,
        extra=[image],
    )


def encrypted_pdf() -> bytes:
    """A PDF that needs a password to open (a Standard security handler whose user password is not
    empty: the /U entry matches no password akapen could try)."""
    base = text_pdf()
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (b"ab" * 32, b"cd" * 32)
    body, _, _ = base.rpartition(b"xref\n")
    objects = [part for part in body.split(b" 0 obj\n")[1:]]
    bodies = [o.split(b"\nendobj\n")[0] for o in objects]
    return pdf(
        [*bodies, encrypt],
        trailer=b"/Encrypt %d 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] "
        % (len(bodies) + 1),
    )


def many_pages_pdf(count: int) -> bytes:
    """``count`` empty pages in one page tree: a few hundred bytes a page."""
    return pdf_pages([b""] * count)


def pdf_bomb(inflated_mb: int) -> bytes:
    """A page whose content stream is a few hundred KB of Flate data that inflates to ``inflated_mb``
    MB of spaces."""
    deflater = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    data = b"".join(deflater.compress(chunk) for _ in range(inflated_mb)) + deflater.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        _stream(data, b"/Filter /FlateDecode "),
    ]
    return pdf(objects)


def deep_pdf(depth: int) -> bytes:
    """A page dictionary nested ``depth`` arrays deep (a parser that recurses on it runs out of stack)."""
    nested = b"[" * depth + b"]" * depth
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Deep " + nested + b" >>",
    ]
    return pdf(objects)
