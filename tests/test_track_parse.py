"""Reading concluding observations: whole paragraphs from PDF-extracted text and from Word files."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES, SEEDS

from submission_kit.track.parse import (
    ConcludingObservations,
    COReadError,
    read_concluding_observations,
    read_text,
)

SEED_CO = SEEDS / "004_c3f5dcd4d1516eb7.txt"
EXAMPLE_CO = EXAMPLES / "concluding-observations" / "CCPR_C_KAZ_CO_3.txt"


@pytest.fixture(scope="module")
def co() -> ConcludingObservations:
    return read_text(SEED_CO.read_text(encoding="utf-8"), str(SEED_CO))


def test_example_copy_is_seed_004_word_for_word():
    assert EXAMPLE_CO.read_bytes() == SEED_CO.read_bytes()


def test_every_numbered_paragraph_is_read_once_in_order(co):
    assert [p.number for p in co.paragraphs] == list(range(1, 60))


def test_title_committee_and_state_are_read_from_the_title_block(co):
    assert co.title == "Concluding observations on the third periodic report of Kazakhstan"
    assert co.committee == "CCPR"
    assert co.state == "KAZ"


def test_symbol_comes_from_the_file_name_when_the_text_has_none():
    assert read_concluding_observations(EXAMPLE_CO).symbol == "CCPR/C/KAZ/CO/3"


def test_sections_a_to_d_and_thematic_headings(co):
    assert [(s.letter, s.title) for s in co.sections] == [
        ("A", "Introduction"),
        ("B", "Positive aspects"),
        ("C", "Principal matters of concern and recommendations"),
        ("D", "Dissemination and follow-up"),
    ]
    assert co.paragraph(40).heading == (
        "Treatment of aliens, including migrants, refugees, asylum-seekers and stateless persons"
    )
    assert co.paragraph(34).section == "C"
    assert co.paragraph(58).section == "D"
    assert co.headings[0].title.startswith("Constitutional and legal framework")
    assert co.headings[0].first_paragraph == 5


def test_paragraph_cut_by_footnotes_and_a_page_break_is_whole(co):
    p4 = co.paragraph(4).text
    assert "of the Optional Protocol to the Convention on the Rights of the Child" in p4
    assert "Adopted by the Committee" not in p4
    assert "CCPR/C/KAZ/3" not in p4
    assert p4.endswith("in 2023.")


def test_subparagraph_cut_by_a_page_break_is_whole(co):
    d = co.paragraph(34).subparagraph("d")
    assert d is not None
    assert "including by strengthening the training provided to judges" in d.text
    assert d.text.endswith("(the Méndez Principles).")
    assert "**" not in d.text and "Ibid" not in d.text


def test_footnote_markers_are_stripped_and_kept_apart(co):
    p1 = co.paragraph(1)
    assert "report of Kazakhstan at its 4226th and 4227th meetings, held" in p1.text
    assert p1.footnotes == [1, 2]
    assert co.paragraph(34).footnotes == [8]
    assert not any(ch in p.full_text() for p in co.paragraphs for ch in "¹²³⁴⁵⁶⁷⁸⁹")


def test_lettered_subparagraphs_are_read(co):
    assert [s.letter for s in co.paragraph(34).subparagraphs] == ["a", "b", "c", "d"]
    assert [s.letter for s in co.paragraph(3).subparagraphs] == list("abcdefg")
    assert [s.letter for s in co.paragraph(22).subparagraphs] == list("abcde")
    assert co.paragraph(26).subparagraph("b").text.endswith("severity of the offence;")
    # Letters inside a sentence, as in para. 13, are not subparagraphs.
    assert co.paragraph(13).subparagraphs == []


def test_concerns_and_recommendations_are_told_apart(co):
    for n in range(5, 57):
        expected = "concern" if n % 2 else "recommendation"
        assert co.paragraph(n).kind == expected, n
    assert {co.paragraph(n).kind for n in (1, 2, 3, 4, 58, 59)} == {"other"}


def test_article_references_are_read(co):
    assert co.paragraph(51).articles == [2, 7, 21]
    assert co.paragraph(39).articles == [7, 9, 12, 13, 24]
    assert co.paragraph(35).articles == [2, 6, 10]  # written "(art. 2, 6 and 10)"
    assert co.paragraph(33).articles == [7]


def test_follow_up_paragraph_selects_recommendations(co):
    assert co.follow_up is not None
    assert co.follow_up.paragraph == 58
    assert co.follow_up.selected == ["12", "34", "52"]
    assert str(co.follow_up.deadline) == "2028-07-18"
    assert co.selected_for_follow_up("34 (c)")
    assert not co.selected_for_follow_up("40")


def test_lookup_and_quote_by_label(co):
    assert co.lookup("40")[0].number == 40
    assert co.lookup("34 (z)") is None
    assert co.lookup("99") is None
    assert co.quote("34 (c)").startswith("Ensuring that victims of torture")


def test_model_round_trips_as_json(co):
    again = ConcludingObservations.model_validate_json(co.model_dump_json())
    assert again == co


def test_plain_footnote_numbers_and_page_furniture_do_not_break_paragraphs():
    text = (
        "CCPR/C/XYZ/CO/1\n\nHuman Rights Committee\n\n"
        "Concluding observations on the initial report of Kazakhstan\n\n"
        "1. The Committee considered the report1 at its meetings, and\n\n"
        "1 CCPR/C/XYZ/1.\n\nGE.25-01234(E)\n\n2\n\n"
        "adopted the present concluding observations.\n\n"
        "Right to life\n\n"
        "2. The Committee is concerned about deaths in custody (art. 6).\n\n"
        "3. The State Party should investigate all deaths in custody.\n"
    )
    co = read_text(text, "x.txt")
    assert co.symbol == "CCPR/C/XYZ/CO/1"
    assert [p.number for p in co.paragraphs] == [1, 2, 3]
    assert co.paragraph(1).text.endswith("and adopted the present concluding observations.")
    assert co.paragraph(3).kind == "recommendation"
    assert co.paragraph(3).heading == "Right to life"


# --- DOCX ---------------------------------------------------------------------------


def _build_docx(co: ConcludingObservations, path: Path, auto_numbering: bool) -> None:
    """A Word version of the concluding observations, numbered by hand or by Word."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "CCPR/C/KAZ/CO/3"
    document.add_paragraph("Human Rights Committee")
    document.add_paragraph(co.title)
    if auto_numbering:
        numbering = document.part.numbering_part.element
        numbering.insert(
            0,
            parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
                '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                '<w:lvlText w:val="%1."/></w:lvl>'
                '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
                '<w:lvlText w:val="(%2)"/></w:lvl></w:abstractNum>'
            ),
        )
        numbering.append(
            parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
        )

    def numbered(text: str, marker: str, level: int, bold: bool) -> None:
        p = document.add_paragraph()
        if auto_numbering:
            p._p.get_or_add_pPr().insert(
                0,
                parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
                    '<w:numId w:val="90"/></w:numPr>'
                ),
            )
        else:
            p.add_run(marker + " ")
        words = text.split(" ", 3)
        p.add_run(" ".join(words[:3])).bold = bold
        note = p.add_run("7")  # a typed footnote marker, in superscript
        note.font.superscript = True
        p.add_run(" " + words[3] if len(words) > 3 else "").bold = bold

    section = heading = None
    for para in co.paragraphs:
        if para.section != section:
            section = para.section
            title = next(s.title for s in co.sections if s.letter == section)
            document.add_paragraph(f"{section}. {title}")
        if para.heading != heading and para.heading:
            heading = para.heading
            document.add_paragraph(heading)
        rec = para.kind == "recommendation"
        numbered(para.text, f"{para.number}.", 0, rec)
        for sub in para.subparagraphs:
            numbered(sub.text, f"({sub.letter})", 1, rec)
    document.save(str(path))


@pytest.mark.parametrize("auto_numbering", [False, True], ids=["typed-numbers", "word-numbering"])
def test_docx_reads_like_the_text(co, tmp_path, auto_numbering):
    path = tmp_path / "co.docx"
    _build_docx(co, path, auto_numbering)
    from_docx = read_concluding_observations(path)
    assert from_docx.symbol == "CCPR/C/KAZ/CO/3"
    assert from_docx.title == co.title
    assert from_docx.committee == "CCPR"
    assert [p.number for p in from_docx.paragraphs] == list(range(1, 60))
    for a, b in zip(from_docx.paragraphs, co.paragraphs, strict=True):
        assert a.text == b.text, a.number
        assert [(s.letter, s.text) for s in a.subparagraphs] == [
            (s.letter, s.text) for s in b.subparagraphs
        ]
        assert a.kind == b.kind, a.number
        assert a.heading == b.heading
        assert a.articles == b.articles
    assert from_docx.follow_up == co.follow_up
    assert [s.letter for s in from_docx.sections] == ["A", "B", "C", "D"]


# --- bad input ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"\n  \n", "is empty"),
        ("prose.txt", b"A letter.\n\nNo numbered paragraphs here.\n", "no numbered paragraphs"),
        ("fake.docx", b"this is not a zip", "not a Word document"),
        ("co.pdf", b"%PDF-1.7", "cannot be read as a PDF"),
        ("co.rtf", b"{\\rtf1}", "cannot read '.rtf'"),
    ],
)
def test_unreadable_concluding_observations_give_one_line_reasons(
    tmp_path, name, content, expected
):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(COReadError) as info:
        read_concluding_observations(path)
    assert expected in info.value.message
    assert "\n" not in info.value.message
