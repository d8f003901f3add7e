"""Every word of a draft reaches the rendered DOCX (as python-docx and pandoc read it back) and
the rendered HTML page (as an HTML parser reads it), and the two examples reproduce their seed
documents in both."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES, ORAL_EXAMPLE, require_tool
from render_helpers import (
    collapse,
    docx_footnotes,
    docx_headings,
    docx_paragraphs,
    generated_notes,
    html_footnotes,
    html_headings,
    html_numbered,
    html_paragraphs,
    read_with_pandoc,
    unify_quotes,
)
from test_examples import (
    FIELD_BREAK,
    list_of_issues_seed_units,
    missing_from,
    oral_statement_seed_header,
    oral_statement_seed_units,
)

from submission_kit.model.inline import plain_text
from submission_kit.validate import collect_drafts, validate_file

LOI_EXAMPLE = EXAMPLES / "kaz-ccpr-list-of-issues.yaml"
ALL_EXAMPLES = collect_drafts([str(EXAMPLES)])


def draft_parts(path: Path) -> tuple[list[str], list[str]]:
    """The draft's prose (paragraphs, items, lead-in, asks, questions) and its footnotes."""
    submission = validate_file(path).submission
    assert submission is not None
    prose = [collapse(plain_text(text)) for p, text in submission.text_paths() if p[0] != "sources"]
    cited = {k for _, text in submission.text_paths() for k in _cited(text)}
    notes = [collapse(plain_text(s.text)) for s in submission.sources if s.id in cited]
    return prose, generated_notes(submission) + notes


def _cited(text: str) -> list[str]:
    from submission_kit.model.inline import footnote_ids

    return [k for k, _ in footnote_ids(text)]


def not_found(pieces: list[str], paragraphs: list[str]) -> list[str]:
    # Each piece must sit inside one paragraph: FIELD_BREAK keeps matches from spanning two.
    joined = unify_quotes(FIELD_BREAK.join(paragraphs))
    return [p for p in pieces if unify_quotes(p) not in joined]


#: Each writer with how its output is read back: (paragraphs, headings, footnotes).
WRITERS = {
    "docx": (docx_paragraphs, docx_headings, docx_footnotes),
    "html": (html_paragraphs, html_headings, html_footnotes),
}


@pytest.fixture(params=sorted(WRITERS))
def writer(request, rendered, rendered_html):
    """The output of one writer for every example, and its readers."""
    outputs = {"docx": rendered, "html": rendered_html}[request.param]
    return outputs, *WRITERS[request.param]


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=lambda p: p.name)
def test_every_paragraph_ask_question_and_footnote_reaches_the_document(example, writer):
    outputs, paragraphs, _, footnotes = writer
    prose, notes = draft_parts(example)
    assert not_found(prose, paragraphs(outputs[example.name])) == []
    assert footnotes(outputs[example.name]) == notes


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=lambda p: p.name)
def test_pandoc_finds_every_paragraph_ask_question_and_footnote(example, rendered):
    require_tool("pandoc")
    prose, notes = draft_parts(example)
    reading = read_with_pandoc(rendered[example.name])
    assert not_found(prose, reading.texts) == []
    assert [unify_quotes(n) for n in reading.notes] == [unify_quotes(n) for n in notes]


def test_oral_statement_reproduces_seed_000_line_by_line(writer):
    outputs, read_paragraphs, _, _ = writer
    paragraphs = read_paragraphs(outputs[ORAL_EXAMPLE.name])
    # Every line of the statement, asks without their typed numbers; the document curls the
    # seed's straight quotation marks.
    assert missing_from([unify_quotes(p) for p in paragraphs], oral_statement_seed_units()) == []
    # The header lines: date, committee, meeting and title; "In conclusion" on its own line.
    assert "23 June 2025" in paragraphs
    assert "Human Rights Committee" in paragraphs  # the seed adds "(CCPR)"
    # UN headings are in sentence case: the seed's "Informal Briefing" becomes "Informal briefing".
    assert "informal briefing on kazakhstan" in [p.lower() for p in paragraphs]
    assert oral_statement_seed_header() in paragraphs
    assert "In conclusion" in paragraphs
    order = [
        paragraphs.index(x) for x in ("23 June 2025", oral_statement_seed_header(), "In conclusion")
    ]
    assert order == sorted(order)


def test_oral_statement_asks_come_back_numbered_1_to_7_in_the_seeds_order(rendered):
    require_tool("pandoc")
    reading = read_with_pandoc(rendered[ORAL_EXAMPLE.name])
    seed_asks = [u.text for u in oral_statement_seed_units() if u.kind == "ask"]
    assert len(reading.ordered_lists) == 1
    assert [collapse(a) for a in reading.ordered_lists[0]] == [collapse(a) for a in seed_asks]


def test_list_of_issues_reproduces_seed_003(writer):
    outputs, paragraphs, read_headings, footnotes = writer
    document = outputs[LOI_EXAMPLE.name]
    units = list_of_issues_seed_units()
    body = [u for u in units if u.kind != "footnote"]
    notes = [u for u in units if u.kind == "footnote"]
    assert missing_from(paragraphs(document), body) == []
    assert missing_from(footnotes(document), notes) == []
    # Headings and issue titles are set in UN heading styles.
    headings = read_headings(document)
    for unit in units:
        if unit.kind in ("heading", "title") and unit.text.strip() != "List of issues":
            assert collapse(unit.text) in headings


def test_list_of_issues_questions_are_numbered_paragraphs_in_the_docx(rendered):
    docx = rendered[LOI_EXAMPLE.name]
    units = list_of_issues_seed_units()
    require_tool("pandoc")
    reading = read_with_pandoc(docx)
    numbered = [collapse(item) for lst in reading.ordered_lists for item in lst]
    for unit in units:
        if unit.kind == "question":
            assert any(collapse(unit.text) in item for item in numbered), unit.text


def test_page_numbers_paragraphs_through_the_document_and_letters_no_items(rendered_html):
    numbered = html_numbered(rendered_html[LOI_EXAMPLE.name])
    paragraph_numbers = [m for m, _ in numbered if m[:1].isdigit()]
    assert paragraph_numbers == [f"{n}." for n in range(1, len(paragraph_numbers) + 1)]
    questions = [u.text for u in list_of_issues_seed_units() if u.kind == "question"]
    numbered_texts = [text for marker, text in numbered if marker[:1].isdigit()]
    for question in questions:
        assert any(collapse(question) in t for t in numbered_texts), question


def test_page_numbers_the_oral_statements_asks_1_to_7_in_the_seeds_order(rendered_html):
    seed_asks = [collapse(u.text) for u in oral_statement_seed_units() if u.kind == "ask"]
    numbered = html_numbered(rendered_html[ORAL_EXAMPLE.name])
    assert [(m, unify_quotes(t)) for m, t in numbered] == [
        (f"{n}.", unify_quotes(a)) for n, a in enumerate(seed_asks, start=1)
    ]
