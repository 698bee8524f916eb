"""The WordprocessingML layer: the shared walks, the Accept/Reject views, cutting runs, revision marks,
accepting a draft's own revisions, the package and comments."""

from __future__ import annotations

import io
import zipfile

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from akapen import ooxml
from akapen.ooxml import qn
from akapen.ooxml.comments import Comment, add_comments, initials
from akapen.ooxml.package import Package, serialize_xml
from akapen.ooxml.revisions import Stamp, accept_revisions, mark_paragraph
from akapen.ooxml.runs import paragraph_like, paragraph_units, split_at, text_element
from tests.support.revisions import docx_source

W = f'xmlns:w="{ooxml.W_NS}"'
STAMP = 'w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z"'


def p(xml: str) -> etree._Element:
    return etree.fromstring(f"<w:p {W}>{xml}</w:p>")


def document(body: str) -> bytes:
    return f"<w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>".encode()


def para(text: str = "", mark: str = "", runs: str | None = None) -> str:
    ppr = f"<w:pPr><w:rPr><w:{mark} {STAMP}/></w:rPr></w:pPr>" if mark else ""
    content = runs if runs is not None else (f"<w:r><w:t>{text}</w:t></w:r>" if text else "")
    return f"<w:p>{ppr}{content}</w:p>"


def ins(text: str) -> str:
    return f"<w:ins {STAMP}><w:r><w:t>{text}</w:t></w:r></w:ins>"


def dele(text: str) -> str:
    return f"<w:del {STAMP}><w:r><w:delText>{text}</w:delText></w:r></w:del>"


def cell(*paragraphs: str) -> str:
    return f"<w:tbl><w:tr><w:tc>{''.join(paragraphs)}</w:tc></w:tr></w:tbl>"


# --- walks -------------------------------------------------------------------------------------------


def test_blocks_are_body_and_cell_paragraphs_in_document_order() -> None:
    body = etree.fromstring(document(para("a") + cell(para("b"), para("c")) + para("d")))[0]
    found = [(ooxml.paragraph_text(q), in_table) for q, in_table in ooxml.iter_blocks(body)]
    assert found == [("a", False), ("b", True), ("c", True), ("d", False)]


def test_accepted_text_counts_insertions_tabs_and_line_breaks_but_not_deletions_or_instructions() -> None:
    q = p(
        "<w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:br w:type='page'/></w:r>"
        + ins("丙")
        + dele("丁")
        + "<w:r><w:instrText>PAGE</w:instrText><w:noBreakHyphen/></w:r>"
    )
    assert ooxml.paragraph_text(q) == "甲\t乙\n丙\u2011"
    assert ooxml.view_text(q, "reject") == "甲\t乙\n丁\u2011"


def test_accept_all_joins_a_deleted_mark_to_the_next_paragraph_and_reject_all_an_inserted_one() -> None:
    xml = document(para("A") + para("", "ins", ins("B")) + para("", "del", dele("C")) + para("D"))
    assert ooxml.accepted_paragraphs(xml) == ["A", "B", "D"]
    assert ooxml.rejected_paragraphs(xml) == ["A", "C", "D"]


def test_a_mark_before_a_table_or_at_a_cells_end_stays_as_office_keeps_it() -> None:
    xml = document(para("A", "del") + cell(para("B"), para("", "ins", ins("C"))) + para("D"))
    assert ooxml.accepted_paragraphs(xml) == ["A", "B", "C", "D"]
    assert ooxml.rejected_paragraphs(xml) == ["A", "B", "", "D"]


def test_a_removed_mark_joins_across_bookmarks() -> None:
    xml = document(para("A", "del") + '<w:bookmarkStart w:id="3" w:name="x"/>' + para("B"))
    assert ooxml.accepted_paragraphs(xml) == ["AB"]


# --- cutting runs --------------------------------------------------------------------------------------


def test_units_see_runs_inside_hyperlinks_and_keep_other_containers_whole() -> None:
    q = p(
        "<w:r><w:t>ab</w:t></w:r><w:hyperlink><w:r><w:t>cd</w:t></w:r></w:hyperlink>"
        "<w:bookmarkStart w:id='1' w:name='m'/>"
        "<w:sdt><w:sdtContent><w:r><w:t>ef</w:t></w:r></w:sdtContent></w:sdt>"
    )
    units = paragraph_units(q)
    assert [(u.element.tag.split("}")[1], u.start, u.end, u.splittable) for u in units] == [
        ("r", 0, 2, True),
        ("r", 2, 4, True),
        ("bookmarkStart", 4, 4, False),
        ("sdt", 4, 6, False),
    ]


def test_a_cut_run_keeps_its_properties_and_zero_width_content() -> None:
    q = p("<w:r><w:rPr><w:b/></w:rPr><w:t>甲乙</w:t><w:fldChar w:fldCharType='begin'/><w:t>丙丁</w:t></w:r>")
    units = split_at(q, [1, 2, 3])
    assert [(u.start, u.end) for u in units] == [(0, 1), (1, 2), (2, 3), (3, 4)]
    assert all(u.element.find("w:rPr/w:b", namespaces=ooxml.NSMAP) is not None for u in units)
    assert units[2].element.find(qn("w:fldChar")) is not None  # it stood at offset 2: goes right
    assert ooxml.paragraph_text(q) == "甲乙丙丁"


@given(
    runs=st.lists(st.text(alphabet="甲乙丙 \t", min_size=1, max_size=6), min_size=1, max_size=5),
    cuts=st.lists(st.integers(min_value=0, max_value=30), max_size=6),
)
def test_cutting_never_changes_the_text_and_every_cut_becomes_a_boundary(
    runs: list[str], cuts: list[int]
) -> None:
    xml = "".join(
        "<w:r>"
        + "".join("<w:tab/>" if c == "\t" else f'<w:t xml:space="preserve">{c}</w:t>' for c in run)
        + "</w:r>"
        for run in runs
    )
    q = p(xml)
    before = ooxml.paragraph_text(q)
    units = split_at(q, cuts)
    assert ooxml.paragraph_text(q) == before
    bounds = {u.start for u in units} | {u.end for u in units}
    assert {c for c in cuts if 0 <= c <= len(before)} <= bounds


def test_text_xml_cannot_hold_is_replaced_one_for_one() -> None:
    assert text_element("w:t", "a\x0cb").text == "a\ufffdb"


# --- revisions ---------------------------------------------------------------------------------------


def test_a_mark_revision_is_first_in_the_mark_properties_which_stay_before_a_section_break() -> None:
    q = p("<w:pPr><w:jc w:val='center'/><w:sectPr/></w:pPr><w:r><w:t>x</w:t></w:r>")
    mark_paragraph(q, "delete", Stamp(5, "相手方", "2024-01-01T00:00:00Z"))
    ppr = q[0]
    assert [c.tag for c in ppr] == [qn("w:jc"), qn("w:rPr"), qn("w:sectPr")]
    assert ppr[1][0].tag == qn("w:del") and ppr[1][0].get(qn("w:author")) == "相手方"


def test_accepting_a_drafts_revisions_keeps_its_accepted_text_and_its_paragraphs() -> None:
    body = etree.fromstring(
        document(
            para("", "", "<w:r><w:rPr><w:rPrChange/></w:rPr><w:t>甲</w:t></w:r>" + ins("乙") + dele("丙"))
            + para("旧", "del")
            + para("新", "ins")
        )
    )
    before = [ooxml.paragraph_text(q) for q, _ in ooxml.iter_blocks(body[0])]
    assert accept_revisions(body)
    assert [ooxml.paragraph_text(q) for q, _ in ooxml.iter_blocks(body[0])] == before == ["甲乙", "旧", "新"]
    xml = etree.tostring(body)
    for tag in (b"w:ins", b"w:del", b"w:rPrChange", b"w:delText"):
        assert tag not in xml
    assert not accept_revisions(body)


def test_a_borrowed_paragraph_look_leaves_out_section_break_and_marks() -> None:
    model = p(f"<w:pPr><w:ind w:left='420'/><w:rPr><w:del {STAMP}/><w:b/></w:rPr><w:sectPr/></w:pPr>")
    ppr = paragraph_like(model)[0]
    assert [c.tag for c in ppr] == [qn("w:ind"), qn("w:rPr")]
    assert [c.tag for c in ppr[1]] == [qn("w:b")]
    assert paragraph_like(None).tag == qn("w:p")


# --- package and comments ------------------------------------------------------------------------------


PKG = "http://schemas.openxmlformats.org/package/2006"
MAIN = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


def minimal_docx(extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    files = {
        "[Content_Types].xml": f'<Types xmlns="{PKG}/content-types"/>'.encode(),
        "_rels/.rels": f'<Relationships xmlns="{PKG}/relationships">'
        f'<Relationship Id="rId1" Type="{MAIN}" Target="word/document.xml"/></Relationships>'.encode(),
        "word/document.xml": document(f'<w:p><w:bookmarkStart w:id="12" w:name="x"/>{ins("a")}</w:p>'),
        "word/media/image1.png": b"\x89PNG not really",
        **(extra or {}),
    }
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_max_id_looks_at_every_xml_part() -> None:
    footnotes = f'<w:footnotes {W}><w:footnote w:id="30"/></w:footnotes>'.encode()
    assert Package(minimal_docx()).max_id() == 12
    assert Package(minimal_docx({"word/footnotes.xml": footnotes})).max_id() == 30


def test_untouched_parts_keep_their_bytes_and_output_is_deterministic() -> None:
    data = minimal_docx()
    package = Package(data)
    package.max_id()  # reading a part does not rewrite it
    out = package.to_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as a, zipfile.ZipFile(io.BytesIO(out)) as b:
        assert a.namelist() == b.namelist()
        assert all(a.read(n) == b.read(n) for n in a.namelist())
        assert {i.date_time for i in b.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert Package(data).to_bytes() == out


def _stored(data: bytes) -> dict[str, tuple[int, int, bytes]]:
    """Per member: compression method, CRC and the bytes as the archive stores them."""
    out = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            name_and_extra = int.from_bytes(data[info.header_offset + 26 : info.header_offset + 28], "little")
            name_and_extra += int.from_bytes(
                data[info.header_offset + 28 : info.header_offset + 30], "little"
            )
            start = info.header_offset + 30 + name_and_extra
            out[info.filename] = (info.compress_type, info.CRC, data[start : start + info.compress_size])
    return out


def test_untouched_members_are_copied_as_stored_and_edited_ones_deflated_again() -> None:
    # A stored (uncompressed) member and one deflated at the best level: neither is what akapen's own
    # deflate would give, so only a copy keeps them as they are.
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        source = zipfile.ZipFile(io.BytesIO(minimal_docx()))
        for info in source.infolist():
            archive.writestr(info.filename, source.read(info), zipfile.ZIP_DEFLATED, compresslevel=9)
        archive.writestr("customXml/item1.xml", b"<a>" + "項目".encode() * 500 + b"</a>", zipfile.ZIP_STORED)
        archive.writestr("word/media/画像.xml", b"<b/>", zipfile.ZIP_DEFLATED)
    data = out.getvalue()
    package = Package(data)
    package.edit("word/document.xml").find(qn("w:body")).append(etree.fromstring(f"<w:p {W}/>"))
    written = package.to_bytes()
    before, after = _stored(data), _stored(written)
    assert list(after) == list(before)
    assert {n for n in before if before[n] != after[n]} == {"word/document.xml"}
    assert after["customXml/item1.xml"][0] == zipfile.ZIP_STORED
    with zipfile.ZipFile(io.BytesIO(written)) as archive:
        assert archive.testzip() is None
        assert archive.read("word/document.xml") == serialize_xml(package.xml("word/document.xml"))
        assert archive.getinfo("word/media/画像.xml").flag_bits & 0x800  # a UTF-8 name, said so


def test_comments_get_a_part_a_content_type_and_a_relationship() -> None:
    package = Package(minimal_docx())
    add_comments(package, [Comment(13, "相手方 法務", "2024-01-01T00:00:00Z", "一行目\n二行目")])
    out = package.to_bytes()
    with zipfile.ZipFile(io.BytesIO(out)) as archive:
        comments = etree.fromstring(archive.read("word/comments.xml"))
        types = archive.read("[Content_Types].xml")
        rels = archive.read("word/_rels/document.xml.rels")
    comment = comments[0]
    assert (comment.get(qn("w:id")), comment.get(qn("w:initials"))) == ("13", "相法")
    assert ["".join(q.itertext()) for q in comment] == ["一行目", "二行目"]
    assert comment[0][0][0].tag == qn("w:annotationRef")
    assert b'PartName="/word/comments.xml"' in types
    assert b'Target="comments.xml"' in rels and b'Id="rId1"' in rels


def test_initials() -> None:
    assert initials("akapen（テンプレート）") == "A"
    assert initials("Taro Yamada") == "TY"


def test_document_xml_reads_the_main_part() -> None:
    data = minimal_docx()
    assert ooxml.document_xml(data) == zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    assert serialize_xml(etree.fromstring(ooxml.document_xml(data))).startswith(b"<?xml")
    assert docx_source(data).blocks[0].text == "a"
