"""Drafts built to blow up a run (thousands of findings on one line, text dense with markup,
thousands of asks) give a short report and the same results as a small draft would.
How long they take is measured in benchmarks/bench_bounded.py, not asserted here."""

from __future__ import annotations

import io
import random
import re
import string
import zipfile

from conftest import EXAMPLES
from test_file_safety import subkit

from submission_kit.diagnostics import EXCERPT_WIDTH, MAX_PER_CODE
from submission_kit.pipeline.render import render_bytes
from submission_kit.validate import validate_text

ORAL = (EXAMPLES / "kaz-ccpr-oral-statement.yaml").read_text(encoding="utf-8")
LOI = (EXAMPLES / "kaz-ccpr-list-of-issues.yaml").read_text(encoding="utf-8")


def with_body_line(text: str) -> str:
    """The oral statement with `text` as its first body paragraph, on one line."""
    return ORAL.replace("body:\n  - >-\n", f'body:\n  - "{text}"\n  - >-\n', 1)


def test_thousands_of_findings_on_one_line_are_capped_and_say_how_many_more(tmp_path) -> None:
    draft = tmp_path / "statement.yaml"
    draft.write_text(with_body_line("Text [^nope] " * 3000), encoding="utf-8")
    code, out = subkit("validate", draft)
    assert code == 1
    lines = out.splitlines()
    findings = [ln for ln in lines if " SK204 error: " in ln]
    assert len(findings) == MAX_PER_CODE
    assert f"(and {3000 - MAX_PER_CODE:,} more SK204 finding(s) in this file, not shown)" in out
    # Each excerpt shows the place of its finding, clipped, with the caret under '[^nope]'.
    excerpts = [ln for ln in lines if re.match(r"\s+\d+ \| ", ln)]
    assert excerpts and all(len(ln) <= EXCERPT_WIDTH + 12 for ln in excerpts)
    first = lines.index(findings[1])
    excerpt, caret = lines[first + 1], lines[first + 2]
    assert excerpt[caret.index("^") :].startswith("[^nope]")


def test_a_finding_at_the_start_of_a_long_line_is_shown_from_its_start(tmp_path) -> None:
    draft = tmp_path / "statement.yaml"
    draft.write_text(with_body_line("[^nope] " + "word " * 200), encoding="utf-8")
    _, out = subkit("validate", draft)
    lines = out.splitlines()
    at = next(i for i, ln in enumerate(lines) if " SK204 " in ln)
    excerpt = lines[at + 1]
    assert excerpt.endswith("…") and "…" not in excerpt[:-1]
    assert "[^nope]" in excerpt[: lines[at + 2].index("^") + 10]


def _document_xml(docx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return z.read("word/document.xml").decode("utf-8")


def test_text_dense_with_italics_and_bold_renders_every_run_with_its_emphasis() -> None:
    result = validate_text(with_body_line("*a* **b** " * 2000), "dense.yaml")
    assert result.ok, [d.message for d in result.diagnostics]
    xml = _document_xml(render_bytes(result.submission))
    italic = len(re.findall(r"<w:r><w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\">a</w:t>", xml))
    bold = len(re.findall(r"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">b</w:t>", xml))
    assert italic == bold == 2000
    # Every text element keeps its spaces, as Word needs: none lacks xml:space.
    assert xml.count("<w:t>") == 0 and xml.count("<w:t ") == xml.count("</w:t>")


def _loi_with_questions(questions: list[str]) -> str:
    head, rest = LOI.split("    questions:\n", 1)
    body = "".join(f"      - {q}\n" for q in questions)
    return head + "    questions:\n" + body + rest


def _distinct_question(rng: random.Random) -> str:
    # Random words: no two questions share more than their opening words.
    words = " ".join("".join(rng.choices(string.ascii_lowercase, k=8)) for _ in range(10))
    return f"Please provide information on {words}?"


def test_a_repeated_ask_is_found_among_hundreds_of_asks() -> None:
    rng = random.Random(9)
    questions = [_distinct_question(rng) for _ in range(600)]
    questions[450] = questions[20]
    result = validate_text(_loi_with_questions(questions), "many.yaml")
    from submission_kit.lint.engine import lint
    from submission_kit.settings import Settings

    repeats = [d for d in lint(result, Settings()) if d.code == "SK404"]
    assert len(repeats) == 1
    assert "repeats the ask at line" in repeats[0].message
    line_of_20 = next(n for n, ln in enumerate(result.draft.lines, 1) if ln.endswith(questions[20]))
    assert f"at line {line_of_20} " in repeats[0].message
