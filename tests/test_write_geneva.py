"""The page, footers and styles carry the metrics of the UN Geneva template (twips; 1134 = 2 cm),
as read part by part from a real document built on the Geneva "_G" styles."""

from __future__ import annotations

import pytest
from write_samples import NS, W, part, sample_document

from submission_kit.write import write_docx

R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def attrs(node) -> dict[str, str]:
    return {k.removeprefix(W): v for k, v in node.attrib.items()}


def style(blob: bytes, style_id: str):
    return part(blob, "word/styles.xml").find(f"w:style[@w:styleId='{style_id}']", NS)


def tabs(node) -> list[tuple[str, str]]:
    return [(t.get(f"{W}val"), t.get(f"{W}pos")) for t in node.findall("w:pPr/w:tabs/w:tab", NS)]


def test_page_is_a4_with_the_geneva_margins_header_and_footer() -> None:
    sect = part(write_docx(sample_document()), "word/document.xml").find("w:body/w:sectPr", NS)
    assert attrs(sect.find("w:pgSz", NS)) == {"w": "11906", "h": "16838"}
    assert attrs(sect.find("w:pgMar", NS)) == {
        "top": "1417",
        "right": "1134",
        "bottom": "1134",
        "left": "1134",
        "header": "850",
        "footer": "567",
        "gutter": "0",
    }


def test_odd_and_even_pages_have_their_own_footer_with_the_number_at_the_outside_corner() -> None:
    blob = write_docx(sample_document())
    sect = part(blob, "word/document.xml").find("w:body/w:sectPr", NS)
    refs = {r.get(f"{W}type"): r.get(R_ID) for r in sect.findall("w:footerReference", NS)}
    rels = part(blob, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    sides = {}
    for kind, rel_id in refs.items():
        footer = part(blob, f"word/{targets[rel_id]}")
        para = footer.find("w:p", NS)
        assert para.find("w:pPr/w:pStyle", NS).get(f"{W}val") == "Footer"
        assert "PAGE" in "".join(t.text for t in footer.iter(f"{W}instrText"))
        sides[kind] = para.find("w:pPr/w:jc", NS).get(f"{W}val")
    # "default" is the odd pages' footer once even pages have their own.
    assert sides == {"default": "right", "even": "left"}
    settings = part(blob, "word/settings.xml")
    assert settings.find("w:evenAndOddHeaders", NS) is not None


def test_page_number_is_bold_9_pt_and_not_centred() -> None:
    footer = style(write_docx(sample_document()), "Footer")
    assert footer.find("w:rPr/w:b", NS) is not None
    assert footer.find("w:rPr/w:sz", NS).get(f"{W}val") == "18"
    assert footer.find("w:pPr/w:jc", NS) is None


def test_no_automatic_hyphenation_and_a_default_tab_every_cm() -> None:
    settings = part(write_docx(sample_document()), "word/settings.xml")
    assert settings.find("w:autoHyphenation", NS).get(f"{W}val") == "0"
    assert settings.find("w:defaultTabStop", NS).get(f"{W}val") == "567"


def test_footnote_text_has_its_number_right_aligned_at_1021_and_its_text_at_1134() -> None:
    note = style(write_docx(sample_document()), "FootnoteText")
    assert attrs(note.find("w:pPr/w:ind", NS)) == {
        "left": "1134",
        "right": "1134",
        "hanging": "1134",
    }
    assert tabs(note) == [("right", "1021")]
    assert attrs(note.find("w:pPr/w:spacing", NS)) == {
        "after": "0",
        "line": "220",
        "lineRule": "exact",
    }
    assert note.find("w:pPr/w:jc", NS).get(f"{W}val") == "left"
    assert note.find("w:rPr/w:sz", NS).get(f"{W}val") == "18"


def test_footnote_reference_is_superscript_9_pt() -> None:
    ref = style(write_docx(sample_document()), "FootnoteReference")
    assert ref.find("w:rPr/w:vertAlign", NS).get(f"{W}val") == "superscript"
    assert ref.find("w:rPr/w:sz", NS).get(f"{W}val") == "18"


@pytest.mark.parametrize(
    ("style_id", "before", "after", "line"),
    [
        ("HChG", 360, 240, 300),
        ("H1G", 360, 240, 270),
        ("H23G", 240, 120, 240),
        ("H4G", 240, 120, 240),
    ],
)
def test_headings_have_the_geneva_spacing_and_a_number_tab_in_the_hanging_indent(
    style_id: str, before: int, after: int, line: int
) -> None:
    heading = style(write_docx(sample_document()), style_id)
    assert attrs(heading.find("w:pPr/w:spacing", NS)) == {
        "before": str(before),
        "after": str(after),
        "line": str(line),
        "lineRule": "exact",
    }
    assert attrs(heading.find("w:pPr/w:ind", NS)) == {
        "left": "1134",
        "right": "1134",
        "hanging": "1134",
    }
    assert tabs(heading) == [("right", "851")]
    assert heading.find("w:pPr/w:keepNext", NS) is not None
    assert heading.find("w:pPr/w:keepLines", NS) is not None
