"""The DOCX writer: what Word (here python-docx) finds when it opens a rendered document."""

from __future__ import annotations

import io

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, Twips
from write_samples import CREATED, NS, TRICKY, W, part, properties, sample_document

from submission_kit.doctree import Document, FootnoteRef, Heading, ListItem, Para, Text
from submission_kit.write import write_docx


def opened(doc: Document) -> docx.document.Document:
    return docx.Document(io.BytesIO(write_docx(doc)))


def test_python_docx_reopens_the_file_and_the_page_is_a4() -> None:
    word = opened(sample_document())
    section = word.sections[0]
    assert (section.page_width, section.page_height) == (Twips(11906), Twips(16838))
    assert section.left_margin == section.right_margin == Twips(1134)
    assert "The Federation submits this report." in [p.text for p in word.paragraphs]


def test_body_style_is_single_txt_g_10_pt_justified_on_lines_of_at_least_12_pt() -> None:
    word = opened(sample_document())
    body = word.styles["_ Single Txt_G"]
    assert body.style_id == "SingleTxtG"
    fmt = body.paragraph_format
    assert fmt.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert fmt.left_indent == fmt.right_indent == Twips(1134)
    assert fmt.space_after == Pt(6)
    styles_xml = part(write_docx(sample_document()), "word/styles.xml")
    defaults = styles_xml.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert defaults.find("w:rFonts", NS).get(f"{W}ascii") == "Times New Roman"
    assert defaults.find("w:sz", NS).get(f"{W}val") == "20"
    # The line is inherited from the defaults: at least 12 pt, as in the Geneva template.
    spacing = styles_xml.find("w:docDefaults/w:pPrDefault/w:pPr/w:spacing", NS)
    assert (spacing.get(f"{W}line"), spacing.get(f"{W}lineRule")) == ("240", "atLeast")
    assert fmt.line_spacing is None


@pytest.mark.parametrize(
    ("style_id", "size", "bold", "italic"),
    [
        ("HChG", 14, True, None),
        ("H1G", 12, True, None),
        ("H23G", 10, True, None),
        ("H4G", 10, None, True),
        ("SubmissionTitle", 14, True, None),
        ("FootnoteText", 9, None, None),
    ],
)
def test_heading_title_and_footnote_styles_have_the_un_sizes(
    style_id: str, size: int, bold: bool | None, italic: bool | None
) -> None:
    word = opened(sample_document())
    style = next(s for s in word.styles if s.style_id == style_id)
    assert style.font.size == Pt(size)
    assert style.font.bold is bold
    assert style.font.italic is italic


def test_headings_and_title_keep_with_the_next_paragraph() -> None:
    word = opened(sample_document())
    for style_id in ("HChG", "H1G", "H23G", "H4G", "SubmissionTitle"):
        style = next(s for s in word.styles if s.style_id == style_id)
        assert style.paragraph_format.keep_with_next, style_id


def test_blocks_get_the_style_of_their_kind() -> None:
    word = opened(sample_document())
    by_text = {p.text: p.style.style_id for p in word.paragraphs}
    assert by_text["Human Rights Committee"] == "Masthead"
    assert by_text["Suggested list of issues"] == "SubmissionTitle"
    assert by_text["\tI.\tGeneral information"] == "HChG"
    assert by_text["Prohibition of torture (art. 7)"] == "H1G"
    assert by_text["Suggested questions"] == "H23G"
    assert by_text["Recommendations"] == "H4G"
    assert by_text["A quoted passage."] == "Quote"
    assert by_text["Thank you."] == "Closing"
    assert by_text["About 2 minutes."] == "SpeakerNote"
    assert by_text["The State party should act."] == "SingleTxtG"


def test_bold_recommendation_has_bold_words_and_a_roman_number() -> None:
    word = opened(sample_document())
    para = next(p for p in word.paragraphs if p.text == "The State party should act.")
    assert all(r.bold for r in para.runs)
    # Word formats a list number like the paragraph mark: the mark stays roman.
    assert para._p.find("w:pPr/w:rPr/w:b", NS) is None


def test_page_number_is_a_page_field_in_the_footer() -> None:
    word = opened(sample_document())
    footer = word.sections[0].footer
    instructions = "".join(footer._element.itertext())
    assert "PAGE" in instructions


def test_text_with_ampersand_angle_brackets_quotes_and_accents_round_trips() -> None:
    word = opened(sample_document())
    # The footnote reference itself is not text; the comma and the repeated number are.
    assert TRICKY + ",1" in [p.text for p in word.paragraphs]
    texts = [r.text for p in word.paragraphs for r in p.runs]
    assert TRICKY in texts


def test_document_properties_come_from_the_tree() -> None:
    core = opened(sample_document()).core_properties
    assert core.title == "Suggested list of issues on Kazakhstan"
    assert core.author == "Example Federation & Partners"
    assert core.subject == "Human Rights Committee, 101st session"
    assert core.keywords == "CCPR, KAZ, list of issues"
    assert core.comments == "Speaking time about 2 minutes"
    assert core.created == core.modified == CREATED
    assert core.last_modified_by == "submission-kit"
    assert core.revision == 1
    assert core.language == "en-GB"


@pytest.mark.parametrize("language", ["en-GB", "fr-FR", "es-ES"])
def test_word_spell_checks_in_the_document_language(language: str) -> None:
    blob = write_docx(sample_document(language))
    lang = part(blob, "word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang.get(f"{W}val") == language
    settings = part(blob, "word/settings.xml")
    assert settings.find("w:themeFontLang", NS).get(f"{W}val") == language


@pytest.mark.parametrize("bad", ["bell\x07", "nul\x00here", "form\x0cfeed", "lone \ud800"])
def test_text_xml_cannot_hold_is_a_clear_value_error_naming_the_text(bad: str) -> None:
    doc = Document(properties(), blocks=[Para([Text("fine")]), Para([Text(bad)])])
    with pytest.raises(ValueError) as caught:
        write_docx(doc)
    message = str(caught.value)
    assert "block 2" in message
    assert "XML cannot store" in message
    assert bad.split()[0][:3] in message


def test_bad_character_in_a_footnote_or_property_is_named() -> None:
    doc = Document(
        properties(),
        blocks=[Para([Text("x"), FootnoteRef("n")])],
        footnotes={"n": [Text("note\x1b")]},
    )
    with pytest.raises(ValueError, match="footnote 'n'"):
        write_docx(doc)
    props = properties()
    props.title = "Title\x01"
    with pytest.raises(ValueError, match="document property 'title'"):
        write_docx(Document(props, blocks=[Para([Text("x")])]))


def test_tree_errors_are_value_errors_not_lxml_crashes() -> None:
    with pytest.raises(ValueError, match="heading of level 4"):
        write_docx(Document(properties(), blocks=[Heading(4, [Text("Too deep")])]))
    with pytest.raises(ValueError, match="cited in the text but has no body"):
        write_docx(Document(properties(), blocks=[Para([Text("x"), FootnoteRef("missing")])]))
    with pytest.raises(ValueError, match="mixes the schemes"):
        write_docx(
            Document(
                properties(),
                blocks=[ListItem([Text("a")], "one"), ListItem([Text("b")], "one", "lettered")],
            )
        )
    with pytest.raises(ValueError, match="list level 9"):
        write_docx(Document(properties(), blocks=[ListItem([Text("a")], "one", level=9)]))


def test_an_empty_document_is_still_a_valid_file() -> None:
    word = opened(Document(properties()))
    assert word.paragraphs == []


def test_a_numbered_heading_hangs_its_number_and_an_unnumbered_one_lines_up_with_the_text() -> None:
    body = part(write_docx(sample_document()), "word/document.xml")
    paras = {"".join(t.text for t in p.iter(f"{W}t")): p for p in body.iter(f"{W}p")}
    numbered = paras["I.General information"]  # the tab is a w:tab, not text
    # The style's hanging indent applies: "I." 1 cm left of the text.
    assert numbered.find("w:pPr/w:ind", NS) is None
    unnumbered = paras["Prohibition of torture (art. 7)"].find("w:pPr/w:ind", NS)
    assert unnumbered.get(f"{W}left") == "1134"
    assert unnumbered.get(f"{W}firstLine") == "0"
