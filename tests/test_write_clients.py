"""Real clients open what the writer makes: LibreOffice lays it out as a PDF, pandoc reads its
footnotes as footnotes and its Word numbering as ordered lists."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from conftest import require_tool
from write_samples import sample_document

from submission_kit.write import write_docx

PARAGRAPHS = 40  # enough running paragraphs for several pages


def to_pdf(tmp_path: Path, language: str = "en-GB") -> Path:
    soffice = require_tool("soffice", "libreoffice")
    source = tmp_path / "sample.docx"
    source.write_bytes(write_docx(sample_document(language, paragraphs=PARAGRAPHS)))
    # A profile per test, so parallel runs do not fight over one LibreOffice user directory.
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "sample.pdf"
    assert pdf.exists(), "LibreOffice did not write a PDF"
    return pdf


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(
        [require_tool("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def pdf_text(pdf: Path) -> str:
    return subprocess.run(
        [require_tool("pdftotext"), "-layout", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def test_libreoffice_lays_the_document_out_on_a_sane_number_of_a4_pages(tmp_path: Path) -> None:
    pdf = to_pdf(tmp_path)
    assert 2 <= pdf_pages(pdf) <= 6
    info = subprocess.run(
        [require_tool("pdfinfo"), str(pdf)], capture_output=True, text=True
    ).stdout
    # A4 is 595 x 842 points.
    assert re.search(r"Page size:\s+595\.\d* x 841\.\d*|Page size:\s+595\.\d* x 842", info)


def test_libreoffice_restarts_each_lettered_list_and_runs_paragraph_numbers_on(
    tmp_path: Path,
) -> None:
    text = pdf_text(to_pdf(tmp_path))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "(a) first lettered, list one;" in lines
    assert "(b) second lettered, list one." in lines
    assert "(a) first lettered, list two;" in lines
    assert "(i) roman item" in lines
    # Four numbered paragraphs precede the running ones: 1, 2, 3 (tricky text), 4 (bold).
    assert any(line.startswith("4. The State party should act.") for line in lines)
    assert any(
        line.startswith(f"{4 + PARAGRAPHS}. Running paragraph {PARAGRAPHS - 1}") for line in lines
    )


def test_libreoffice_shows_footnotes_and_page_numbers(tmp_path: Path) -> None:
    text = pdf_text(to_pdf(tmp_path))
    assert "Report of a fact-finding mission, 2010." in " ".join(text.split())
    pages = text.split("\f")
    # The footer's PAGE field: the last non-empty line of page 2 is "2".
    assert [line.strip() for line in pages[1].splitlines() if line.strip()][-1] == "2"


def test_french_lettered_items_print_with_a_closing_parenthesis(tmp_path: Path) -> None:
    lines = [" ".join(line.split()) for line in pdf_text(to_pdf(tmp_path, "fr-FR")).splitlines()]
    assert "a) first lettered, list one;" in lines


def pandoc(tmp_path: Path, to: str) -> str:
    tool = require_tool("pandoc")
    source = tmp_path / "sample.docx"
    source.write_bytes(write_docx(sample_document(paragraphs=2)))
    return subprocess.run(
        [tool, "-f", "docx", "-t", to, str(source)],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout


def test_pandoc_reads_footnotes_as_footnotes(tmp_path: Path) -> None:
    markdown = pandoc(tmp_path, "markdown")
    assert "[^1]: Report of a *fact-finding* **mission**, 2010." in markdown
    assert "[^2]: Law on refugees, art. 21 (2)." in markdown
    assert "The Federation submits this report.[^1]" in markdown


def test_pandoc_reads_word_numbering_as_ordered_lists(tmp_path: Path) -> None:
    ast = json.loads(pandoc(tmp_path, "json"))

    def walk(node: object):
        if isinstance(node, dict):
            if node.get("t") == "OrderedList":
                yield node
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    lists = list(walk(ast["blocks"]))
    styles = {lst["c"][0][1]["t"] for lst in lists}
    assert {"Decimal", "LowerAlpha", "LowerRoman"} <= styles
    # Paragraph numbers run on: a later decimal list starts where the earlier one stopped.
    starts = [lst["c"][0][0] for lst in lists if lst["c"][0][1]["t"] == "Decimal"]
    assert starts[0] == 1 and max(starts) > 1
    assert "BulletList" in json.dumps(ast)


def test_pandoc_reads_the_geneva_headings_as_an_outline(tmp_path: Path) -> None:
    markdown = pandoc(tmp_path, "markdown")
    headings = [
        (len(m.group(1)), m.group(2))
        # A numbered heading is typed "tab, number, tab": pandoc writes the leading tab as a space.
        for m in re.finditer(r"^(#+) +(.+?)(?: \{[^}]*\})?$", markdown, re.M)
    ]
    assert headings == [
        (1, "I. General information"),
        (2, "Prohibition of torture (art. 7)"),
        (3, "Suggested questions"),
        (4, "Recommendations"),
    ]
