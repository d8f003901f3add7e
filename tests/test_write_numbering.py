"""Real Word numbering: one list definition per marker scheme, one numbered list per list id."""

from __future__ import annotations

from write_samples import NS, W, part, properties, sample_document

from submission_kit.doctree import Document, ListItem, Para, Text
from submission_kit.write import write_docx


def num_of(blob: bytes) -> dict[str, tuple[str, str]]:
    """Paragraph text → (numId, ilvl) of every numbered paragraph."""
    body = part(blob, "word/document.xml")
    out = {}
    for p in body.iter(f"{W}p"):
        num_pr = p.find("w:pPr/w:numPr", NS)
        if num_pr is not None:
            text = "".join(t.text for t in p.iter(f"{W}t"))
            out[text] = (
                num_pr.find("w:numId", NS).get(f"{W}val"),
                num_pr.find("w:ilvl", NS).get(f"{W}val"),
            )
    return out


def nums(blob: bytes) -> dict[str, tuple[str, list[str]]]:
    """numId → (abstractNumId, start overrides of its levels)."""
    numbering = part(blob, "word/numbering.xml")
    return {
        n.get(f"{W}numId"): (
            n.find("w:abstractNumId", NS).get(f"{W}val"),
            [o.get(f"{W}val") for o in n.findall("w:lvlOverride/w:startOverride", NS)],
        )
        for n in numbering.findall("w:num", NS)
    }


def abstract_levels(blob: bytes, abstract_id: str) -> list[tuple[str, str]]:
    numbering = part(blob, "word/numbering.xml")
    abstract = numbering.find(f"w:abstractNum[@w:abstractNumId='{abstract_id}']", NS)
    return [
        (lvl.find("w:numFmt", NS).get(f"{W}val"), lvl.find("w:lvlText", NS).get(f"{W}val"))
        for lvl in abstract.findall("w:lvl", NS)
    ]


def test_two_lettered_lists_get_different_num_ids_that_each_restart() -> None:
    blob = write_docx(sample_document())
    items = num_of(blob)
    first, second = items["first lettered, list one;"], items["first lettered, list two;"]
    assert items["second lettered, list one."] == first
    assert first[0] != second[0]
    defined = nums(blob)
    # Same lettered definition, each restarting at (a) on every level.
    assert defined[first[0]][0] == defined[second[0]][0]
    assert defined[first[0]][1] == defined[second[0]][1] == ["1"] * 9


def test_paragraph_numbers_run_on_across_headings_and_other_lists() -> None:
    blob = write_docx(sample_document())
    items = num_of(blob)
    running = {
        items[t]
        for t in (
            "The Federation submits this report.",
            "Please explain:",
            "The State party should act.",
            "Running paragraph 3 " + "words " * 40,
        )
    }
    assert running == {("1", "0")}
    assert list(nums(blob)) == ["1", "2", "3", "4", "5"]


def test_each_scheme_has_its_word_number_format_and_english_markers() -> None:
    blob = write_docx(sample_document())
    defined = nums(blob)
    items = num_of(blob)
    formats = {
        text: abstract_levels(blob, defined[items[text][0]][0])[int(items[text][1])]
        for text in ("Please explain:", "first lettered, list one;", "roman item", "a bullet")
    }
    assert formats == {
        "Please explain:": ("decimal", "%1."),
        "first lettered, list one;": ("lowerLetter", "(%2)"),
        "roman item": ("lowerRoman", "(%2)"),
        "a bullet": ("bullet", "\u2022"),
    }


def test_french_subparagraphs_use_a_closing_parenthesis_only() -> None:
    blob = write_docx(sample_document("fr-FR"))
    lettered = abstract_levels(blob, "1")
    assert lettered[0] == ("lowerLetter", "%1)")
    assert lettered[1] == ("lowerLetter", "%2)")


def level_geometry(blob: bytes, abstract_id: str, ilvl: int) -> dict[str, int]:
    """The w:ind attributes and the text's tab stop ("tab") of one level, in twips."""
    numbering = part(blob, "word/numbering.xml")
    lvl = numbering.find(
        f"w:abstractNum[@w:abstractNumId='{abstract_id}']/w:lvl[@w:ilvl='{ilvl}']", NS
    )
    ind = lvl.find("w:pPr/w:ind", NS)
    out = {k.removeprefix(W): int(v) for k, v in ind.attrib.items()}
    out["tab"] = int(lvl.find("w:pPr/w:tabs/w:tab", NS).get(f"{W}pos"))
    return out


def test_paragraph_numbers_stand_at_2_cm_and_wrapped_lines_return_there() -> None:
    # Geneva: "1." at 1134, text at the next tab (1701), wrapped lines back at 1134.
    assert level_geometry(write_docx(sample_document()), "0", 0) == {
        "left": 1134,
        "firstLine": 0,
        "tab": 1701,
    }


def test_subparagraphs_start_at_1701_and_wrap_back_to_1134() -> None:
    # "(a)" at 1701 on the first line, its text at 2268, wrapped lines back at 1134; the
    # same whether the subparagraphs follow a numbered (level 1) or an unnumbered paragraph.
    blob = write_docx(sample_document())
    expected = {"left": 1134, "firstLine": 567, "tab": 2268}
    assert level_geometry(blob, "1", 1) == level_geometry(blob, "1", 0) == expected


def test_sub_subparagraphs_stand_at_1701() -> None:
    blob = write_docx(sample_document())
    assert level_geometry(blob, "2", 2) == {"left": 1701, "firstLine": 0, "tab": 2268}


def test_bullets_stand_at_1531_with_their_text_at_1701() -> None:
    blob = write_docx(sample_document())
    bullet = level_geometry(blob, "3", 1)
    assert bullet == {"left": 1701, "hanging": 170, "tab": 1701}
    assert bullet["left"] - bullet["hanging"] == 1531
    # A bullet under a bullet point moves one step (567) further in.
    assert level_geometry(blob, "3", 2)["left"] == 2268


def test_no_list_number_is_bold_even_in_a_bold_recommendation() -> None:
    blob = write_docx(sample_document())
    numbering = part(blob, "word/numbering.xml")
    for lvl in numbering.iter(f"{W}lvl"):
        assert lvl.find("w:rPr/w:b", NS).get(f"{W}val") == "0"
        assert lvl.find("w:rPr/w:bCs", NS).get(f"{W}val") == "0"
    body = part(blob, "word/document.xml")
    bold_item = next(
        p
        for p in body.iter(f"{W}p")
        if "".join(t.text for t in p.iter(f"{W}t")) == "The State party should act."
    )
    # The words are bold; the paragraph mark, whose format Word gives the number, is not.
    assert bold_item.find("w:pPr/w:rPr/w:b", NS) is None
    assert bold_item.find("w:r/w:rPr/w:b", NS) is not None


def test_numbering_part_puts_every_abstract_list_before_the_lists() -> None:
    numbering = part(write_docx(sample_document()), "word/numbering.xml")
    tags = [child.tag.removeprefix(W) for child in numbering]
    assert tags == ["abstractNum"] * 4 + ["num"] * 5


def test_a_document_without_lists_has_definitions_but_no_lists() -> None:
    blob = write_docx(Document(properties(), blocks=[Para([Text("Only prose.")])]))
    assert nums(blob) == {}
    assert num_of(blob) == {}


def test_list_ids_are_numbered_in_order_of_first_appearance() -> None:
    doc = Document(
        properties(),
        blocks=[
            ListItem([Text("x1")], "x", "lettered"),
            ListItem([Text("y1")], "y", "lettered"),
            ListItem([Text("x2")], "x", "lettered"),
        ],
    )
    items = num_of(write_docx(doc))
    assert items == {"x1": ("1", "0"), "y1": ("2", "0"), "x2": ("1", "0")}
