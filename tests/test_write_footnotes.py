"""Real Word footnotes: numbered by first citation, one note per source, references in the text."""

from __future__ import annotations

from lxml import etree
from write_samples import NS, W, members, part, sample_document

from submission_kit.write import write_docx


def test_footnotes_part_holds_separators_then_the_notes_in_citation_order() -> None:
    notes = part(write_docx(sample_document()), "word/footnotes.xml")
    entries = [
        (n.get(f"{W}type"), n.get(f"{W}id"), "".join(t.text for t in n.iter(f"{W}t")))
        for n in notes.findall("w:footnote", NS)
    ]
    assert entries == [
        ("separator", "-1", ""),
        ("continuationSeparator", "0", ""),
        (None, "1", "Report of a fact-finding mission, 2010."),
        (None, "2", "Law on refugees, art. 21 (2)."),
    ]


def test_a_footnote_never_cited_is_left_out() -> None:
    assert b"Never cited." not in members(write_docx(sample_document()))["word/footnotes.xml"]


def test_each_note_is_typed_tab_number_tab_with_the_number_in_the_footnote_reference_style() -> (
    None
):
    notes = part(write_docx(sample_document()), "word/footnotes.xml")
    for note in notes.findall("w:footnote[@w:id='1']", NS) + notes.findall(
        "w:footnote[@w:id='2']", NS
    ):
        para = note.find("w:p", NS)
        assert para.find("w:pPr/w:pStyle", NS).get(f"{W}val") == "FootnoteText"
        # "tab, number, tab, text": the number right-aligned at 1021, the text at 1134.
        tab, number, second_tab = para.findall("w:r", NS)[:3]
        assert tab.find("w:tab", NS) is not None and second_tab.find("w:tab", NS) is not None
        assert number.find("w:footnoteRef", NS) is not None
        assert number.find("w:rPr/w:rStyle", NS).get(f"{W}val") == "FootnoteReference"


def test_italic_and_bold_survive_inside_a_footnote() -> None:
    notes = part(write_docx(sample_document()), "word/footnotes.xml")
    runs = notes.findall("w:footnote[@w:id='1']/w:p/w:r", NS)
    styled = {
        "".join(t.text for t in r.iter(f"{W}t")): (
            r.find("w:rPr/w:b", NS) is not None,
            r.find("w:rPr/w:i", NS) is not None,
        )
        for r in runs
    }
    assert styled["fact-finding"] == (False, True)
    assert styled[" mission"] == (True, False)
    assert styled["Report of a "] == (False, False)


def test_text_cites_notes_with_footnote_references_in_order() -> None:
    body = part(write_docx(sample_document()), "word/document.xml")
    refs = body.findall(".//w:r/w:footnoteReference", NS)
    assert [r.get(f"{W}id") for r in refs] == ["1", "2"]
    for ref in refs:
        assert ref.getparent().find("w:rPr/w:rStyle", NS).get(f"{W}val") == "FootnoteReference"


def test_a_second_citation_repeats_the_number_as_a_cross_reference_not_a_new_note() -> None:
    body = part(write_docx(sample_document()), "word/document.xml")
    bookmark = body.find(".//w:bookmarkStart", NS)
    assert bookmark.get(f"{W}name") == "_RefNote1"
    # The bookmark wraps the first reference to note 1.
    assert bookmark.getnext().find("w:footnoteReference", NS).get(f"{W}id") == "1"
    instructions = [i.text for i in body.iter(f"{W}instrText")]
    assert instructions == [" NOTEREF _RefNote1 \\f \\h "]
    para = body.find(".//w:instrText/../..", NS)
    texts = [t.text for t in para.iter(f"{W}t")]
    # Adjacent indicators are separated by a comma: "…2,1", never "21".
    assert texts[-2:] == [",", "1"]


def test_package_declares_the_footnotes_part_and_settings_name_the_separators() -> None:
    parts = members(write_docx(sample_document()))
    assert b"relationships/footnotes" in parts["word/_rels/document.xml.rels"]
    assert b'PartName="/word/footnotes.xml"' in parts["[Content_Types].xml"]
    assert b"wordprocessingml.footnotes+xml" in parts["[Content_Types].xml"]
    settings = etree.fromstring(parts["word/settings.xml"])
    ids = [n.get(f"{W}id") for n in settings.findall("w:footnotePr/w:footnote", NS)]
    assert ids == ["-1", "0"]
