"""Markdown drafts of every kind: every example and every filled template converts to Markdown
and back with nothing lost, and the alternative report's chapters, sections and case boxes
have a Markdown form that every command reads, with findings located in the .md file."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_subkit
from kind_samples import TEMPLATES, filled_template, required_values

from submission_kit.commands.convert import convert_text
from submission_kit.model import kind_model, kinds
from submission_kit.pipeline.check import render_submission
from submission_kit.scaffold.catalogue import find_templates
from submission_kit.validate import collect_drafts, validate_file, validate_text

EXAMPLE_DRAFTS = [p for p in collect_drafts([str(EXAMPLES)]) if p.suffix == ".yaml"]


def errors(result) -> list[str]:
    return [
        f"{d.line}:{d.column} {d.code} {d.message}"
        for d in result.diagnostics
        if d.severity.value == "error"
    ]


def test_the_examples_hold_a_draft_of_every_kind():
    found = {validate_file(p).submission.kind for p in EXAMPLE_DRAFTS}
    assert found == set(kinds())


def test_the_bundled_templates_hold_every_kind():
    assert {t.kind for t in find_templates().values()} == set(kinds())


@pytest.mark.parametrize(("name", "lang"), TEMPLATES, ids=[f"{n}-{lg}" for n, lg in TEMPLATES])
def test_every_filled_template_converts_to_markdown_and_back_and_renders_the_same(name, lang):
    text = filled_template(name, lang)
    original = validate_text(text, "new.yaml")
    assert errors(original) == []
    twin, _ = convert_text(text, "new.yaml", "md")
    markdown = validate_text(twin, "new.md")
    assert errors(markdown) == []
    assert markdown.submission == original.submission
    back, _ = convert_text(twin, "new.md", "yaml")
    assert validate_text(back, "back.yaml").submission == original.submission
    assert render_submission(markdown.submission) == render_submission(original.submission)


@pytest.mark.parametrize(("name", "lang"), TEMPLATES, ids=[f"{n}-{lg}" for n, lg in TEMPLATES])
def test_new_writes_a_markdown_draft_of_every_template(name, lang, tmp_path):
    template = find_templates()[name]
    meta = kind_model(template.kind).model_fields["metadata"].annotation
    committee = ["--committee", "CCPR"] if "committee" in meta.model_fields else []
    values = sum((["--var", v] for v in required_values(template)), [])
    out = tmp_path / "draft.md"
    made = run_subkit(
        "new", name, "--state", "KAZ", *committee, "--session", "144", "--lang", lang,
        "--org", "Global Detention Project", *values, "--format", "md", "-o", str(out),
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    lines = text.split("\n")
    found = validate_file(out).diagnostics
    assert {d.code for d in found if d.severity.value == "error"} <= {"SK207"}
    for d in found:
        if d.code == "SK207":  # each placeholder located on its TODO in the .md file
            assert "TODO(" in lines[d.line - 1][d.column - 1 : d.column + 4]


# --- the alternative report's Markdown form ----------------------------------------------

FRONT = """\
---
kind: alternative_report
metadata:
  committee: CAT
  state: KAZ
  session: {number: 83}
  stage: constructive_dialogue
  date: 2025-09-15
  title: Immigration detention in Kazakhstan
  organisations: [{name: Global Detention Project, role: lead}]
---
"""

REPORT = """\
Migrants are detained without safeguards.

# Implementation of the Convention

The chapter opens with a paragraph of its own.

## Non-refoulement (art. 3)

The law on expulsion does not prevent refoulement.

**Recommendations:**

1. Amend the law on expulsion.

## {articles="2, 11, 16"}

Migrants are held without a lawyer.

> **The case of A.**
> A., a worker from Tajikistan, was held for three weeks.
>
> He saw no lawyer.

**Suggested recommendations:**

1. Guarantee access to a lawyer. {#lawyer}

# Annexes

## About the organisation

The Global Detention Project investigates detention.

# Executive summary {}

A chapter may be called like a section when its heading ends with {}.

[^a]: A source.
"""


def report(body: str = REPORT) -> str:
    return FRONT + "\n" + textwrap.dedent(body)


def test_an_alternative_report_reads_chapters_sections_case_boxes_and_annexes():
    result = validate_text(report(), "report.md")
    assert errors(result) == []
    s = result.submission
    assert [p.text for p in s.executive_summary] == ["Migrants are detained without safeguards."]
    assert [c.title for c in s.chapters] == [
        "Implementation of the Convention",
        "Executive summary",
    ]
    first, second = s.chapters[0].sections
    assert s.chapters[0].paragraphs[0].text == "The chapter opens with a paragraph of its own."
    assert (first.heading, [a.label() for a in first.articles]) == ("Non-refoulement", ["3"])
    assert [r.text for r in first.recommendations] == ["Amend the law on expulsion."]
    assert second.heading is None
    assert [a.label() for a in second.articles] == ["2", "11", "16"]
    [case] = second.cases
    assert case.title == "The case of A."
    assert [p.text for p in case.paragraphs] == [
        "A., a worker from Tajikistan, was held for three weeks.",
        "He saw no lawyer.",
    ]
    assert second.recommendations[0].id == "lawyer"
    assert [a.title for a in s.annexes] == ["About the organisation"]


def test_a_case_box_title_may_be_a_heading_inside_the_quote():
    body = REPORT.replace("> **The case of A.**\n", "> ### The case of A.\n>\n")
    result = validate_text(report(body), "report.md")
    assert errors(result) == []
    assert result.submission.chapters[0].sections[1].cases[0].title == "The case of A."


def test_a_cluster_section_of_a_crc_report_is_a_heading_attribute():
    body = 'Summary.\n\n# Rights\n\n## {cluster="general_principles"}\n\nText.\n'
    front = FRONT.replace("CAT", "CRC").replace("number: 83", "number: 99")
    result = validate_text(front + "\n" + body, "crc.md")
    assert errors(result) == []
    assert result.submission.chapters[0].sections[0].cluster == "general_principles"


def _line_of(text: str, needle: str) -> int:
    return next(n for n, ln in enumerate(text.split("\n"), start=1) if needle in ln)


def test_an_unknown_article_in_a_section_heading_is_located_at_its_column():
    text = report(REPORT.replace("(art. 3)", "(arts. 3 and 40)"))
    line = _line_of(text, "## Non-refoulement")
    found = [
        (d.line, d.column) for d in validate_text(text, "r.md").diagnostics if d.code == "SK201"
    ]
    assert found == [(line, text.split("\n")[line - 1].index("40") + 1)]


def test_a_misspelt_section_heading_is_read_as_a_chapter_with_a_warning():
    text = report(REPORT.replace("# Annexes", "# Anexes"))
    [d] = [d for d in validate_text(text, "r.md").diagnostics if d.code == "SK034"]
    assert (d.line, d.severity.value) == (_line_of(text, "# Anexes"), "warning")
    assert "did you mean '# Annexes'" in d.message


BAD_CASE_BOXES = {
    "no title": ("> A., a worker, was held.\n", "a case box opens with its title"),
    "title only": ("> **The case of A.**\n", "a title but no paragraphs"),
    "two headings": (
        "> **The case of A.**\n>\n> ### Another title\n>\n> Text.\n",
        "a heading after the title",
    ),
}


@pytest.mark.parametrize("case", BAD_CASE_BOXES, ids=list(BAD_CASE_BOXES))
def test_a_malformed_case_box_is_reported_at_its_quote_and_nothing_is_rendered(case, tmp_path):
    quote, message = BAD_CASE_BOXES[case]
    body = re.sub(r"> \*\*The case of A\.\*\*\n(>.*\n)*", quote, REPORT)
    text = report(body)
    draft = tmp_path / "report.md"
    draft.write_text(text, encoding="utf-8")
    checked = run_subkit("validate", str(draft))
    assert checked.returncode == 1
    assert "Traceback" not in checked.stdout + checked.stderr
    [located] = [ln for ln in checked.stdout.split("\n") if " SK033 " in ln]
    line = int(located.split(":")[1])
    assert text.split("\n")[line - 1].startswith(">")
    assert message in located
    out = tmp_path / "report.docx"
    assert run_subkit("render", str(draft), "-o", str(out)).returncode == 1
    assert not out.exists()


def test_a_block_quote_outside_a_section_is_no_case_box():
    text = report(REPORT.replace("The chapter opens", "> A quotation.\n\nThe chapter opens"))
    [d] = [d for d in validate_text(text, "r.md").diagnostics if d.code == "SK033"]
    assert d.line == _line_of(text, "> A quotation.")
    assert "a case box goes in a section" in d.hint


def test_a_heading_below_a_section_is_too_deep():
    text = report(REPORT.replace("Migrants are held", "### Deeper\n\nMigrants are held"))
    [d] = [d for d in validate_text(text, "r.md").diagnostics if d.code == "SK033"]
    assert d.line == _line_of(text, "### Deeper")
    assert "'##' (heading)" in d.hint


def test_a_chapter_titled_like_a_section_keeps_its_title_through_convert():
    result = validate_text(report(), "r.md")
    back, _ = convert_text(report(), "r.md", "yaml")
    again, _ = convert_text(back, "back.yaml", "md")
    assert "\n# Executive summary {}\n" in again
    assert validate_text(again, "again.md").submission == result.submission


def test_every_command_takes_a_markdown_alternative_report(tmp_path):
    draft = tmp_path / "report.md"
    made = run_subkit(
        "convert", str(EXAMPLES / "kaz-cat-alternative-report.yaml"), "-o", str(draft)
    )
    assert made.returncode == 0, made.stderr
    assert run_subkit("validate", str(draft)).returncode == 0
    checked = run_subkit("check", str(draft))
    assert checked.returncode == 0, checked.stdout
    rendered = run_subkit("render", str(draft), "-o", str(tmp_path / "report.docx"))
    assert rendered.returncode == 0, rendered.stderr
    co = EXAMPLES / "concluding-observations" / "CCPR_C_KAZ_CO_3.txt"
    # Another committee's outcome, forced: the report's asks are matched all the same.
    tracked = run_subkit("track", str(draft), "--against", str(co), "--force")
    assert tracked.returncode == 0, tracked.stderr
    assert "Guarantee every migrant in detention access to a lawyer" in tracked.stdout
    source = EXAMPLES / "kaz-cat-alternative-report.yaml"
    same = run_subkit("track", str(source), "--against", str(co), "--force")

    # The same report but for the draft's path and its confirmations file, named after it.
    def named(out: str, path: Path) -> str:
        return out.replace(str(path), "D").replace(f"{path.stem}.track.yaml", "D.track.yaml")

    assert named(tracked.stdout, draft) == named(same.stdout, source)


def test_a_rule_finding_of_a_markdown_report_points_into_the_md_file(tmp_path):
    # A recommendation opened by a typed number: SK206-style findings sit on the item's line.
    text = report(REPORT.replace("1. Amend the law", "1. (a) Amend the law"))
    draft = tmp_path / "report.md"
    draft.write_text(text, encoding="utf-8")
    out = run_subkit("check", str(draft))
    line = _line_of(text, "(a) Amend the law")
    assert f"{draft}:{line}:" in out.stdout, out.stdout


@pytest.mark.parametrize("suffix", [".yaml", ".md"])
def test_a_markdown_draft_is_read_like_a_yaml_draft_too_large_or_not_utf8(suffix, tmp_path):
    big = tmp_path / f"big{suffix}"
    big.write_bytes(b"---\nkind: oral_statement\n---\n" + b"x" * (1024 * 1024 + 1))
    [too_large] = validate_file(big).diagnostics
    assert (too_large.line, too_large.code) == (1, "SK007")
    wide = tmp_path / f"wide{suffix}"
    wide.write_bytes(report().encode("utf-16"))
    [not_utf8] = validate_file(wide).diagnostics
    assert (not_utf8.code, not_utf8.file) == ("SK005", str(wide))


BAD_REPORTS = {
    "malformed front matter": (
        FRONT.replace("  title: Immigration detention in Kazakhstan", "  title: [unclosed")
        + "\n"
        + REPORT,
        "SK001",
    ),
    "unknown section attribute": (
        report(REPORT.replace('## {articles="2, 11, 16"}', '## {artcles="2, 11, 16"}')),
        "SK031",
    ),
    "footnote defined twice": (report(REPORT + "[^a]: Again.\n"), "SK205"),
    "unrecognised lead line": (
        report(REPORT.replace("**Recommendations:**", "**Our asks:**")),
        "SK032",
    ),
    "list with no lead line": (
        report(
            REPORT.replace(
                "The law on expulsion does not prevent refoulement.\n\n**Recommendations:**\n\n",
                "",
            )
        ),
        "SK032",
    ),
}


@pytest.mark.parametrize("case", BAD_REPORTS, ids=list(BAD_REPORTS))
def test_bad_markdown_in_an_alternative_report_is_located_and_nothing_is_rendered(case, tmp_path):
    text, code = BAD_REPORTS[case]
    draft = tmp_path / "report.md"
    draft.write_text(text, encoding="utf-8")
    checked = run_subkit("validate", str(draft))
    assert checked.returncode == 1
    assert "Traceback" not in checked.stdout + checked.stderr
    located = [ln for ln in checked.stdout.split("\n") if f" {code} error" in ln]
    assert located, checked.stdout
    line = int(located[0].split(":")[1])
    assert 1 < line <= len(text.split("\n"))
    out = tmp_path / "report.docx"
    assert run_subkit("render", str(draft), "-o", str(out)).returncode == 1
    assert not out.exists()
    # convert writes nothing for a draft it cannot read (2); a readable draft with errors is
    # converted with them, and says so (1): the YAML twin reports the same finding.
    converted = tmp_path / "report.yaml"
    status = run_subkit("convert", str(draft), "-o", str(converted)).returncode
    assert status in (1, 2)
    if status == 2:
        assert not converted.exists()
    else:
        assert code in {d.code for d in validate_file(converted).diagnostics}
