"""Document trees built by hand for the DOCX writer tests, and helpers to read a DOCX back."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from lxml import etree

from submission_kit.doctree import (
    Document,
    FootnoteRef,
    Heading,
    ListItem,
    PageBreak,
    Para,
    Properties,
    Text,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
CREATED = dt.datetime(2025, 6, 23, 9, 30, tzinfo=dt.UTC)
TRICKY = "Cost & “quality” <below> — café, naïve ‘quotes’ > 5 "


def properties(language: str = "en-GB") -> Properties:
    return Properties(
        title="Suggested list of issues on Kazakhstan",
        author="Example Federation & Partners",
        language=language,
        created=CREATED,
        subject="Human Rights Committee, 101st session",
        keywords="CCPR, KAZ, list of issues",
        description="Speaking time about 2 minutes",
    )


def sample_document(language: str = "en-GB", paragraphs: int = 6) -> Document:
    """A list of issues in miniature: title block, headings, running paragraph numbers,
    two lettered lists, roman and bullet items, footnotes (one cited twice)."""
    blocks = [
        Para([Text("Example Federation for Human Rights")], role="masthead"),
        Para([Text("Human Rights Committee")], role="masthead"),
        Para(
            [Text("Suggested list of issues", bold=True)],
            role="title",
            bold=True,
            keep_with_next=True,
        ),
        Heading(0, [Text("General information")], number="I."),
        ListItem([Text("The Federation submits this report."), FootnoteRef("fact")], "paragraphs"),
        ListItem([Text("Please explain:")], "paragraphs"),
        ListItem([Text("first lettered, list one;")], "sub-1", "lettered", level=1),
        ListItem([Text("second lettered, list one.")], "sub-1", "lettered", level=1),
        Heading(1, [Text("Prohibition of torture (art. 7)")]),
        ListItem([Text(TRICKY), FootnoteRef("law"), FootnoteRef("fact")], "paragraphs"),
        ListItem([Text("first lettered, list two;")], "sub-2", "lettered", level=1),
        ListItem([Text("roman item")], "sub-3", "roman", level=1),
        ListItem([Text("a bullet")], "sub-4", "bullet", level=1),
        Heading(2, [Text("Suggested questions")]),
        Heading(3, [Text("Recommendations")]),
        ListItem([Text("The State party should act.", bold=True)], "paragraphs", bold=True),
        Para([Text("A quoted passage.")], role="quote"),
        Para([Text("Thank you.")], role="closing"),
        PageBreak(),
        Para([Text("About 2 minutes.")], role="note"),
    ]
    for n in range(paragraphs):
        blocks.append(ListItem([Text(f"Running paragraph {n} " + "words " * 40)], "paragraphs"))
    footnotes = {
        "fact": [
            Text("Report of a "),
            Text("fact-finding", italic=True),
            Text(" mission", bold=True),
            Text(", 2010."),
        ],
        "law": [Text("Law on refugees, art. 21 (2).")],
        "unused": [Text("Never cited.")],
    }
    markers = {"paragraph": "%1.", "lettered": "(%1)", "roman": "(%1)"}
    if language.startswith(("fr", "es")):
        markers = {"paragraph": "%1.", "lettered": "%1)", "roman": "%1)"}
    return Document(
        properties=properties(language), blocks=blocks, footnotes=footnotes, markers=markers
    )


def members(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def part(docx: bytes, name: str) -> etree._Element:
    return etree.fromstring(members(docx)[name])
