"""Rendered examples open in real clients: LibreOffice makes a PDF of a sane length, and pandoc
reads the footnotes back as footnotes and the numbered paragraphs as lists."""

from __future__ import annotations

import shutil

import pytest
from conftest import EXAMPLES, ORAL_EXAMPLE, require_tool, run_subkit
from render_helpers import convert_with_libreoffice, generated_notes, pdf_pages, read_with_pandoc

from submission_kit.validate import collect_drafts, validate_file

LOI_EXAMPLE = EXAMPLES / "kaz-ccpr-list-of-issues.yaml"
#: Sane page counts: the two seed examples exactly as issue 3 states them; other examples
#: (short generated ones among them) by kind.
PAGES = {"kaz-ccpr-oral-statement.yaml": (1, 3), "kaz-ccpr-list-of-issues.yaml": (2, 8)}
PAGES_BY_KIND = {
    "oral_statement": (1, 3),
    "list_of_issues": (1, 8),
    "follow_up": (1, 8),
    "alternative_report": (2, 30),
    "upr_submission": (1, 10),
    "hrc_written_statement": (1, 5),
}
ALL_EXAMPLES = collect_drafts([str(EXAMPLES)])


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=lambda p: p.name)
def test_libreoffice_converts_the_example_to_a_pdf_of_sane_length(example, rendered, tmp_path):
    soffice = require_tool("soffice", "libreoffice")
    require_tool("pdfinfo")
    pdf = convert_with_libreoffice(soffice, rendered[example.name], tmp_path)
    kind = validate_file(example).submission.kind
    low, high = PAGES.get(example.name, PAGES_BY_KIND[kind])
    assert low <= pdf_pages(pdf) <= high


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=lambda p: p.name)
def test_pandoc_reads_footnotes_as_footnotes_and_numbered_paragraphs_as_lists(example, rendered):
    require_tool("pandoc")
    submission = validate_file(example).submission
    reading = read_with_pandoc(rendered[example.name])
    cited = {
        s.id
        for s in submission.sources
        if any(f"[^{s.id}]" in t for _, t in submission.text_paths())
    }
    assert len(reading.notes) == len(cited) + len(generated_notes(submission))
    numbered = sum(len(lst) for lst in reading.ordered_lists)
    if submission.kind == "oral_statement":
        assert numbered == len(submission.asks.items)
    elif submission.kind == "list_of_issues":
        paragraphs = len(submission.introduction) + sum(
            len(i.paragraphs) + len(i.questions) + len(i.recommendations) for i in submission.issues
        )
        lettered = sum(
            len(p.items)
            for i in submission.issues
            for p in i.paragraphs
            if p.item_style == "lettered"
        )
        assert numbered == paragraphs + lettered
        bullets = sum(
            len(p.items)
            for i in submission.issues
            for p in i.paragraphs
            if p.item_style == "bulleted"
        )
        assert sum(len(lst) for lst in reading.bullet_lists) == bullets
    else:
        assert numbered >= 1


def test_render_pdf_option_writes_docx_and_pdf(tmp_path):
    require_tool("soffice", "libreoffice")
    draft = tmp_path / "statement.yaml"
    shutil.copy(ORAL_EXAMPLE, draft)
    result = run_subkit("render", str(draft), "--pdf")
    assert result.returncode == 0, result.stderr
    assert draft.with_suffix(".docx").is_file()
    pdf = draft.with_suffix(".pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert not list(tmp_path.glob(".*.tmp"))
    # Its own PDF, beside its own unchanged DOCX, is replaced on the next run without --force.
    again = run_subkit("render", str(draft), "--pdf")
    assert again.returncode == 0, again.stderr
    assert pdf.stat().st_mtime_ns == draft.with_suffix(".docx").stat().st_mtime_ns
