"""The HTML writer: the document tree as one self-contained page, read back with an HTML parser."""

from __future__ import annotations

import dataclasses
import typing

import pytest
from lxml import html
from write_samples import TRICKY, properties, sample_document

from submission_kit import doctree
from submission_kit.doctree import Document, FootnoteRef, ListItem, Para, Text
from submission_kit.write.html import BLOCK_WRITERS, write_html


def page(doc: Document) -> html.HtmlElement:
    return html.fromstring(write_html(doc))


def items(root: html.HtmlElement) -> list[tuple[str, str]]:
    out = []
    for p in root.xpath("//p[contains(concat(' ', @class, ' '), ' item ')]"):
        marker = p.xpath("string(./span[@class='marker'])")
        out.append((marker, p.text_content()[len(marker) :]))
    return out


def test_every_block_type_of_the_document_tree_has_an_html_writer():
    # A block added to doctree.Block without a writer here fails this test, not a user's render.
    missing = [t.__name__ for t in typing.get_args(doctree.Block) if t not in BLOCK_WRITERS]
    assert missing == []


def test_a_block_the_writer_does_not_know_is_refused_by_name():
    @dataclasses.dataclass
    class CaseBox:
        content: list

    doc = Document(properties(), blocks=[Para([Text("Before")]), CaseBox([Text("x")])])  # type: ignore[list-item]
    with pytest.raises(
        TypeError, match=r"block 2 is a CaseBox, which the HTML writer does not know"
    ):
        write_html(doc)


def test_paragraph_numbers_run_through_the_document_and_sublists_restart():
    root = page(sample_document())
    markers = [m for m, _ in items(root)]
    assert markers[:7] == ["1.", "2.", "(a)", "(b)", "3.", "(a)", "(i)"]
    assert markers[7] == "\u2022"
    assert markers[8:] == [f"{n}." for n in range(4, 4 + len(markers) - 8)]


def test_french_markers_come_from_the_document():
    markers = [m for m, _ in items(page(sample_document("fr-FR")))]
    assert markers[2:4] == ["a)", "b)"]


def test_letters_and_roman_numerals_go_on_past_the_first_few():
    blocks = [ListItem([Text(f"item {n}")], "l", "lettered", level=1) for n in range(28)]
    blocks += [ListItem([Text(f"item {n}")], "r", "roman", level=1) for n in range(14)]
    markers = [m for m, _ in items(page(Document(properties(), blocks=blocks)))]
    assert markers[25:28] == ["(z)", "(aa)", "(bb)"]
    assert markers[28:] == [
        f"({r})"
        for r in [
            "i",
            "ii",
            "iii",
            "iv",
            "v",
            "vi",
            "vii",
            "viii",
            "ix",
            "x",
            "xi",
            "xii",
            "xiii",
            "xiv",
        ]
    ]


def test_footnotes_are_numbered_by_first_citation_and_sit_at_the_foot():
    root = page(sample_document())
    notes = root.xpath("//footer[@class='footnotes']/p")
    assert [n.get("id") for n in notes] == ["fn-1", "fn-2"]
    assert notes[0].text_content() == "1Report of a fact-finding mission, 2010."
    assert notes[1].text_content() == "2Law on refugees, art. 21 (2)."
    assert "Never cited" not in root.text_content()
    # The footnotes come after the last paragraph of the body.
    body_end = root.xpath("//div[@class='body']")[0]
    assert body_end.getnext() is notes[0].getparent()


def test_a_repeated_citation_repeats_its_number_and_adjacent_ones_take_a_comma():
    root = page(sample_document())
    refs = ["".join(s.itertext()) for s in root.xpath("//sup[@class='fnref']")]
    assert refs == ["1", "2", ",", "1"]
    # Only the first citation is the target of the note's back link.
    assert [s.get("id") for s in root.xpath("//sup[@class='fnref'][a]")] == [
        "fnref-1",
        "fnref-2",
        None,
    ]


def test_recommendations_are_bold_and_inline_styles_survive():
    root = page(sample_document())
    (bold,) = root.xpath("//p[contains(@class, 'bold')][contains(., 'should act')]")
    assert "item" in bold.get("class")
    note = root.xpath("//footer//p")[0]
    assert note.xpath("string(.//em)") == "fact-finding"
    assert note.xpath("string(.//strong)") == " mission"


def test_title_block_and_headings_take_the_un_styles():
    root = page(sample_document())
    block = root.xpath("//header[@class='title-block']/p")
    assert [p.text_content() for p in block] == [
        "Example Federation for Human Rights",
        "Human Rights Committee",
    ]
    assert root.xpath("string(//p[@class='SubmissionTitle bold'])") == "Suggested list of issues"
    styles = [(h.tag, h.get("class").split()[0]) for h in root.xpath("//h1|//h2|//h3|//h4")]
    assert styles == [("h1", "HChG"), ("h2", "H1G"), ("h3", "H23G"), ("h4", "H4G")]
    assert root.xpath("string(//h1/span[@class='hnum'])") == "I."


def test_text_is_escaped_not_interpreted():
    root = page(sample_document())
    assert any(TRICKY.strip() in p.text_content() for p in root.xpath("//p"))
    assert not root.xpath("//below")


def test_page_is_self_contained_with_the_documents_properties():
    data = write_html(sample_document())
    root = html.fromstring(data)
    assert root.get("lang") == "en-GB"
    assert root.xpath("string(//title)") == "Suggested list of issues on Kazakhstan"
    assert root.xpath("string(//meta[@name='author']/@content)") == "Example Federation & Partners"
    # Nothing is fetched from elsewhere: no scripts, links, images or imports.
    assert not root.xpath("//script|//link|//img|//iframe")
    assert b"@import" not in data and b"url(" not in data
    assert b'font: 10pt/12pt "Times New Roman"' in data and b"width: 21cm" in data


def test_the_same_tree_gives_the_same_bytes():
    assert write_html(sample_document()) == write_html(sample_document())


def test_a_cited_footnote_without_a_body_is_refused():
    doc = Document(properties(), blocks=[Para([Text("x"), FootnoteRef("nowhere")])])
    with pytest.raises(ValueError, match="footnote 'nowhere' is cited"):
        write_html(doc)


def test_a_character_no_document_can_hold_is_refused_with_its_block():
    doc = Document(properties(), blocks=[Para([Text("bad \x01 char")])])
    with pytest.raises(ValueError, match=r"block 1 \('bad \\x01 char'\).*U\+0001"):
        write_html(doc)


def test_the_writer_needs_no_lxml():
    import subprocess
    import sys

    code = (
        "import sys, datetime as dt\n"
        "from submission_kit.doctree import Document, Para, Properties, Text\n"
        "from submission_kit.write import write_html\n"
        "props = Properties('t', 'a', 'en-GB', dt.datetime(2025, 1, 1))\n"
        "write_html(Document(props, [Para([Text('x')])]))\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'lxml', 'docx', 'jinja2'}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_both_writers_refuse_exactly_the_characters_xml_cannot_hold():
    from submission_kit.write import html as html_writer
    from submission_kit.write import ooxml

    def allowed_by_xml(c: int) -> bool:
        return c in (0x9, 0xA, 0xD) or 0x20 <= c <= 0xD7FF or 0xE000 <= c <= 0xFFFD or c >= 0x10000

    # Every code point at and around the edges of XML's ranges, and a stride through the rest.
    edges = [0x9, 0xA, 0xD, 0x20, 0x7F, 0xD7FF, 0xD800, 0xDFFF, 0xE000, 0xFFFD, 0xFFFE, 0xFFFF]
    points = {e + d for e in edges for d in (-1, 0, 1)} | set(range(0, 0x110000, 97)) | {0x10FFFF}
    for c in sorted(p for p in points if 0 <= p <= 0x10FFFF):
        forbidden = not allowed_by_xml(c)
        assert bool(ooxml._NOT_XML.search(chr(c))) is forbidden, hex(c)
        assert bool(html_writer._NOT_TEXT.search(chr(c))) is forbidden, hex(c)


def test_list_items_stand_where_the_docx_puts_them():
    from submission_kit.write import html as html_writer
    from submission_kit.write import numbering

    for scheme, (ind, tab) in numbering.GEOMETRY.items():
        left = int(ind["w:left"])
        first = int(ind.get("w:firstLine", 0)) - int(ind.get("w:hanging", 0))
        assert html_writer.LIST_GEOMETRY[scheme] == (left, first, tab - left - first), scheme
    assert html_writer.USUAL_LEVEL == numbering.USUAL_LEVEL


def test_contents_lists_the_headings_down_to_its_depth_with_their_numbers():
    contents = doctree.Contents(
        title=[Text("Contents")],
        entries=[
            doctree.ContentsEntry(0, [Text("Introduction")], number="I."),
            doctree.ContentsEntry(1, [Text("Torture (art. 2)")], number="A."),
            doctree.ContentsEntry(2, [Text("Not listed: below the depth")]),
        ],
        depth=2,
    )
    root = page(Document(properties(), blocks=[contents, Para([Text("Body")])]))
    nav = root.xpath("//nav[@class='contents']")[0]
    assert nav.xpath("string(./p[1])") == "Contents"
    lines = [
        (p.xpath("string(./span[@class='num'])"), p.text_content()) for p in nav.xpath("./p")[1:]
    ]
    assert lines == [("I.", "I.Introduction"), ("A.", "A.Torture (art. 2)")]
    assert "below the depth" not in nav.text_content()


def test_a_box_shows_its_title_then_its_paragraphs_and_numbered_items_inside_the_border():
    box = doctree.Box(
        title=[Text("Case of A.B., detained in 2023")],
        blocks=[
            Para([Text("A.B. was held for 72 hours without a lawyer.")]),
            ListItem([Text("Release A.B.")], list_id="box-asks", scheme="lettered"),
        ],
    )
    root = page(Document(properties(), blocks=[Para([Text("Before")]), box]))
    (div,) = root.xpath("//div[@class='box']")
    texts = [p.text_content() for p in div.xpath("./p")]
    assert texts[0] == "Case of A.B., detained in 2023"
    assert "A.B. was held for 72 hours without a lawyer." in texts[1]
    assert items(div) == [("(a)", "Release A.B.")]
    # What stands outside the box stays outside.
    assert "Before" not in div.text_content()


def test_text_in_contents_and_boxes_is_escaped_not_interpreted():
    box = doctree.Box(title=[Text("<b>not bold</b>")], blocks=[Para([Text("a & b <i>")])])
    contents = doctree.Contents(
        title=[Text("Contents <script>")], entries=[doctree.ContentsEntry(0, [Text("x < y")])]
    )
    root = page(Document(properties(), blocks=[contents, box]))
    assert root.xpath("//script") == [] and root.xpath("//div[@class='box']//b") == []
    assert "a & b <i>" in root.xpath("string(//div[@class='box'])")
    assert "x < y" in root.xpath("string(//nav)")
