"""Markdown drafts: the same submissions as YAML drafts, read with positions, converted both ways
without loss, checked and rendered by every command."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, run_subkit

from submission_kit.commands.convert import convert_text
from submission_kit.load import dialect
from submission_kit.pipeline.check import render_submission
from submission_kit.validate import collect_drafts, validate_file, validate_text

#: Every YAML draft among the examples, of every kind.
DRAFTS = [p for p in collect_drafts([str(EXAMPLES)]) if p.suffix == ".yaml"]
IDS = [str(p.relative_to(EXAMPLES)) for p in DRAFTS]

FRONT = """\
---
kind: list_of_issues
metadata:
  committee: CCPR
  state: KAZ
  session: {number: 101}
  stage: list_of_issues
  date: 2011-01-10
  title: List of issues
  organisations: [{name: FIDH}]
---
"""


def md(body: str, front: str = FRONT) -> str:
    return front + textwrap.dedent(body)


def findings(text: str, name: str = "draft.md") -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.code) for d in validate_text(text, name).diagnostics]


@pytest.fixture(scope="module")
def twins() -> dict[Path, str]:
    """Every example converted to Markdown."""
    return {p: convert_text(p.read_text(encoding="utf-8"), str(p), "md")[0] for p in DRAFTS}


@pytest.mark.parametrize("path", DRAFTS, ids=IDS)
def test_every_example_converted_to_markdown_and_back_gives_the_same_submission(path, twins):
    original = validate_file(path)
    assert original.submission is not None
    markdown = validate_text(twins[path], "twin.md")
    assert [d for d in markdown.diagnostics if d.severity.value == "error"] == []
    assert markdown.submission == original.submission
    back, _ = convert_text(twins[path], "twin.md", "yaml")
    again = validate_text(back, "back.yaml")
    assert again.submission == original.submission


@pytest.mark.parametrize("path", DRAFTS, ids=IDS)
def test_the_markdown_twin_renders_the_same_document(path, twins):
    original = validate_file(path)
    markdown = validate_text(twins[path], "twin.md")
    assert render_submission(markdown.submission) == render_submission(original.submission)


@pytest.mark.parametrize("path", DRAFTS, ids=IDS)
def test_the_markdown_twin_finds_the_same_rule_findings(path, twins, tmp_path):
    twin = tmp_path / (path.stem + ".md")
    twin.write_text(twins[path], encoding="utf-8")
    yaml_run = json.loads(run_subkit("check", "--format", "json", str(path)).stdout)
    md_run = json.loads(run_subkit("check", "--format", "json", str(twin)).stdout)
    assert sorted(f["code"] for f in md_run) == sorted(f["code"] for f in yaml_run)


def test_markdown_twin_keeps_the_comments_that_open_the_draft(twins):
    path = EXAMPLES / "kaz-ccpr-list-of-issues.yaml"
    assert "# FIDH's suggested list of issues" in twins[path].split("---")[1]


def test_lead_lines_and_section_headings_are_given_for_every_phrase_language():
    languages = dialect.phrase_languages()
    assert {"en", "fr", "es"} <= set(languages)
    for lang in languages:
        for name in ("questions", "recommendations"):
            labels = dialect.lead_lines(lang, name)
            assert len(labels) > 1, f"{lang} has no lead line for {name}"
        for name in ("introduction", "opening", "body", "asks", "conclusion", "issues", "items"):
            assert len(dialect.section_labels(lang, name)) > 1, f"{lang}: no heading for {name}"


@pytest.mark.parametrize("lang", dialect.phrase_languages())
def test_a_list_under_the_lead_line_of_each_language_holds_the_questions(lang):
    lead = dialect.lead_lines(lang, "questions")[0]
    text = md(
        f"""
        ## Torture {{articles="7"}}

        Narrative.

        **{lead}:**

        1. Will the State stop it?
        """,
        FRONT.replace("date:", f"language: {lang}\n  date:"),
    )
    result = validate_text(text, "draft.md")
    assert result.submission is not None, result.diagnostics
    assert [q.text for q in result.submission.issues[0].questions] == ["Will the State stop it?"]


def test_heading_articles_in_the_heading_text_or_an_attribute_are_the_same():
    trailing = md("## On refoulement (arts. 7 and 9 (4))\n\nText.\n")
    attribute = md('## On refoulement {articles="7, 9 (4)"}\n\nText.\n')
    a, b = validate_text(trailing, "a.md"), validate_text(attribute, "b.md")
    assert a.submission is not None and a.submission == b.submission
    issue = a.submission.issues[0]
    assert issue.heading == "On refoulement"
    assert [x.label() for x in issue.articles] == ["7", "9 (4)"]


def test_unknown_article_in_a_heading_is_reported_at_its_column():
    text = md("## Torture (arts. 7 and 30)\n\nText.\n")
    line = text.split("\n").index("## Torture (arts. 7 and 30)") + 1
    assert (line, 25, "SK201") in findings(text)


def test_unknown_heading_attribute_is_reported_with_the_close_name():
    text = md('## Another {artcles="7"}\n\nText.\n')
    result = validate_text(text, "draft.md")
    [d] = [d for d in result.diagnostics if d.code == "SK031"]
    assert (d.line, d.column) == (12, 13)
    assert "did you mean 'articles'" in d.hint


def test_footnote_defined_twice_is_reported_at_the_second_definition():
    text = md("Intro.[^a]\n\n## T\n\nText.\n\n[^a]: First.\n[^a]: Second.\n")
    lines = text.split("\n")
    assert (lines.index("[^a]: Second.") + 1, 3, "SK205") in findings(text)


def test_a_list_under_an_unknown_bold_lead_line_is_reported():
    text = md("## T\n\nText.\n\n**Questions we like:**\n\n1. Will it?\n")
    result = validate_text(text, "draft.md")
    codes = {d.code: d for d in result.diagnostics}
    assert codes["SK032"].line == 16
    assert "Suggested questions:" in codes["SK032"].hint


def test_a_list_with_no_lead_line_or_paragraph_above_it_is_reported():
    text = md("## T\n\n- loose item\n")
    assert (14, 1, "SK032") in findings(text)


def test_a_list_under_a_paragraph_is_its_subparagraphs():
    text = md("## T\n\nPractices include:\n\n- confiscation\n- debt bondage\n\nThen:\n\n1. one\n")
    result = validate_text(text, "draft.md")
    paragraphs = result.submission.issues[0].paragraphs
    assert [i.text for i in paragraphs[0].items] == ["confiscation", "debt bondage"]
    assert paragraphs[0].item_style == "bulleted"
    assert paragraphs[1].item_style == "lettered"


def test_a_list_inside_a_subparagraph_holds_its_sub_subparagraphs():
    text = md(
        "## T\n\nPractices include:\n\n1. confiscation\n   1. of passports\n   2. of permits\n"
    )
    result = validate_text(text, "draft.md")
    item = result.submission.issues[0].paragraphs[0].items[0]
    assert (item.text, item.items) == ("confiscation", ["of passports", "of permits"])


def test_a_list_nested_under_a_subparagraph_gives_its_sub_subparagraphs():
    text = md(
        "## T\n\nPractices include:\n\n1. detention of:\n   1. asylum seekers;\n   2. refugees;\n2. no appeal.\n"
    )
    result = validate_text(text, "draft.md")
    assert [d for d in result.diagnostics if d.severity.value == "error"] == []
    [paragraph] = result.submission.issues[0].paragraphs
    assert [(i.text, i.items) for i in paragraph.items] == [
        ("detention of:", ["asylum seekers;", "refugees;"]),
        ("no appeal.", []),
    ]
    # And back to YAML and Markdown with nothing lost.
    back, _ = convert_text(text, "draft.md", "yaml")
    assert validate_text(back, "back.yaml").submission == result.submission
    again, _ = convert_text(back, "back.yaml", "md")
    assert validate_text(again, "again.md").submission == result.submission


def test_a_list_nested_deeper_than_sub_subparagraphs_is_reported():
    text = md("## T\n\nPractices include:\n\n- confiscation\n  - of passports\n    - forged\n")
    assert (18, 5, "SK033") in findings(text)


def test_unclosed_front_matter_is_reported_at_its_first_line():
    text = "---\nkind: oral_statement\n\n# Body\n\nText.\n"
    result = validate_text(text, "draft.md")
    assert [(d.line, d.code) for d in result.diagnostics] == [(1, "SK030")]
    assert result.submission is None


def test_missing_front_matter_is_reported():
    result = validate_text("# Body\n\nText.\n", "draft.md")
    assert [(d.line, d.code) for d in result.diagnostics] == [(1, "SK030")]


def test_invalid_yaml_in_the_front_matter_is_located_in_the_markdown_file():
    text = "---\nkind: oral_statement\nmetadata:\n  title: a: b\n---\n\nText.\n"
    [d] = validate_text(text, "draft.md").diagnostics
    assert (d.line, d.code) == (4, "SK001")
    assert d.file == "draft.md"


def test_schema_errors_point_into_the_body():
    text = md('## T {articles="7"}\n\n**Suggested questions:**\n\n1. {id="bad id"}\n')
    result = validate_text(text, "draft.md")
    located = {(d.line, d.code) for d in result.diagnostics}
    assert (16, "SK102") in located  # the id's pattern, on the ask's line


def test_ask_fields_are_attributes_of_the_item():
    text = md(
        '## T {articles="7"}\n\nText.\n\n**Suggested recommendations:**\n\n'
        '1. Stop it. {#stop articles="7, 13" follows_up="CCPR/C/KAZ/CO/2, para. 36 (b)"}\n'
    )
    result = validate_text(text, "draft.md")
    ask = result.submission.issues[0].recommendations[0]
    assert (ask.id, ask.text) == ("stop", "Stop it.")
    assert ask.follows_up.label() == "CCPR/C/KAZ/CO/2, para. 36 (b)"
    assert [a.article for a in ask.articles] == [7, 13]


def test_oral_statement_fields_have_their_markdown_form():
    front = textwrap.dedent(
        """\
        ---
        kind: oral_statement
        metadata:
          committee: CCPR
          state: KAZ
          session: {number: 144}
          stage: constructive_dialogue
          date: 2025-06-23
          title: Statement
          organisations: [{name: GDP}]
        speaker: {name: A. Speaker}
        meeting: private_briefing
        time_limit: 2 min
        ---
        """
    )
    body = '# Body\n\nFacts.\n\n# Asks {addressee="committee"}\n\nWe ask the Committee to:\n\n1. Ask.\n'
    result = validate_text(front + body, "s.md")
    s = result.submission
    assert s is not None, result.diagnostics
    assert (s.speaker.name, s.meeting, s.time_limit) == ("A. Speaker", "private_briefing", 120)
    assert (s.asks.addressee, s.asks.lead_in) == ("committee", "We ask the Committee to:")


def test_text_that_looks_like_markdown_survives_the_round_trip():
    data = validate_file(EXAMPLES / "kaz-ccpr-list-of-issues.yaml").draft.data
    tricky = [
        "1. starts like a numbered list",
        "- starts like a bullet",
        "# starts like a heading",
        "Suggested questions:",
        "ends with braces {like this}",
        r"a backslash \* before a star",
    ]
    data["issues"][0]["paragraphs"] = tricky
    from submission_kit.importing.convert import to_markdown

    result = validate_text(to_markdown(data), "t.md")
    assert [p.text for p in result.submission.issues[0].paragraphs] == tricky


def test_suppression_in_an_html_comment_silences_a_finding(tmp_path, twins):
    text = twins[EXAMPLES / "kaz-ccpr-list-of-issues.yaml"]
    lines = text.split("\n")
    at = next(i for i, ln in enumerate(lines) if ln.startswith("FIDH would like"))
    draft = tmp_path / "loi.md"
    draft.write_text("\n".join(lines), encoding="utf-8")
    before = json.loads(run_subkit("check", "--format", "json", str(draft)).stdout)
    assert "SK340" in {f["code"] for f in before}
    lines.insert(at, "<!-- subkit: ignore[SK340] reason: the acronyms as FIDH wrote them -->")
    draft.write_text("\n".join(lines), encoding="utf-8")
    after = json.loads(run_subkit("check", "--format", "json", str(draft)).stdout)
    assert "SK340" not in {f["code"] for f in after}
    lines[at] = "<!-- subkit: ignore[SK340] -->"
    draft.write_text("\n".join(lines), encoding="utf-8")
    unreasoned = json.loads(run_subkit("check", "--format", "json", str(draft)).stdout)
    assert {"file": str(draft), "line": at + 1, "code": "SK390"}.items() <= {
        **next(f for f in unreasoned if f["code"] == "SK390")
    }.items()


def test_convert_writes_markdown_and_refuses_to_overwrite(tmp_path):
    out = tmp_path / "statement.md"
    first = run_subkit("convert", str(EXAMPLES / "kaz-ccpr-oral-statement.yaml"), "-o", str(out))
    assert first.returncode == 0, first.stderr
    assert out.read_text(encoding="utf-8").startswith("---\n")
    before = out.read_bytes()
    second = run_subkit("convert", str(EXAMPLES / "kaz-ccpr-oral-statement.yaml"), "-o", str(out))
    assert second.returncode == 2
    assert "already exists" in second.stderr
    assert out.read_bytes() == before
    back = tmp_path / "statement.yaml"
    third = run_subkit("convert", str(out), "-o", str(back))
    assert third.returncode == 0, third.stderr
    assert validate_file(back).submission == validate_file(out).submission


def test_convert_refuses_a_draft_that_cannot_be_read(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("---\nkind: oral_statement\n", encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = run_subkit("convert", str(bad), "-o", str(out))
    assert result.returncode == 2
    assert "SK030" in result.stdout
    assert not out.exists()


def test_convert_refuses_a_yaml_draft_whose_text_yaml_cut_or_misread(tmp_path):
    # ' #12' starts a YAML comment and 'migrants: most' makes a mapping: written as Markdown
    # from the draft as read, that text would be gone for good.
    source = (EXAMPLES / "kaz-ccpr-oral-statement.yaml").read_text(encoding="utf-8")
    draft = tmp_path / "statement.yaml"
    lines = source.split("\n")
    at = next(i for i, ln in enumerate(lines) if ln.startswith("opening:"))
    lines[at + 1 : at + 1] = [
        "  - We speak about case #12 of our monitoring.",
        "  - In 2024, authorities detained 1,200 migrants: most were deported.",
    ]
    draft.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "statement.md"
    result = run_subkit("convert", str(draft), "-o", str(out))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "SK012" in result.stdout
    assert f"{draft}:{at + 2}:" in result.stdout
    assert "nothing was written" in result.stderr
    assert not out.exists()


def test_convert_writes_a_draft_whose_errors_lose_no_text(tmp_path):
    # An article the treaty lacks is an error to fix, but the conversion carries it over as
    # written: the draft is converted, with the error listed (exit 1).
    source = (EXAMPLES / "kaz-ccpr-list-of-issues.yaml").read_text(encoding="utf-8")
    draft = tmp_path / "loi.yaml"
    draft.write_text(source.replace("articles: [7", "articles: [77", 1), encoding="utf-8")
    assert "articles: [77" in draft.read_text(encoding="utf-8")
    out = tmp_path / "loi.md"
    result = run_subkit("convert", str(draft), "-o", str(out))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "SK201" in result.stdout
    assert "77" in out.read_text(encoding="utf-8")


def test_every_command_takes_a_markdown_draft(tmp_path):
    draft = tmp_path / "statement.md"
    run_subkit("convert", str(EXAMPLES / "kaz-ccpr-oral-statement.yaml"), "-o", str(draft))
    assert run_subkit("validate", str(draft)).returncode == 0
    assert run_subkit("check", str(draft)).returncode == 0
    rendered = run_subkit("render", str(draft), "-o", str(tmp_path / "statement.docx"))
    assert rendered.returncode == 0, rendered.stderr
    co = EXAMPLES / "concluding-observations" / "CCPR_C_KAZ_CO_3.txt"
    tracked = run_subkit("track", str(draft), "--against", str(co))
    assert tracked.returncode == 0, tracked.stderr
    # The report titles each ask by its own words: the Markdown draft's asks are all there.
    assert "Demand that the authorities immediately halt all forms of torture" in tracked.stdout


def test_a_folder_holds_markdown_drafts_but_not_a_readme(tmp_path):
    (tmp_path / "README.md").write_text("# Our drafts\n\nNotes.\n", encoding="utf-8")
    run_subkit(
        "convert", str(EXAMPLES / "kaz-ccpr-oral-statement.yaml"), "-o", str(tmp_path / "s.md")
    )
    assert [p.name for p in collect_drafts([str(tmp_path)])] == ["s.md"]


def test_new_writes_a_markdown_draft_with_located_placeholders(tmp_path):
    out = tmp_path / "loi.md"
    result = run_subkit(
        "new", "list-of-issues", "--state", "KAZ", "--committee", "CCPR", "--session", "140",
        "--org", "FIDH", "-o", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("---\n") and "\n# Issues\n" in text
    codes = {d.code for d in validate_file(out).diagnostics}
    assert codes == {"SK207"}
    lines = text.split("\n")
    for d in validate_file(out).diagnostics:
        assert "TODO(" in lines[d.line - 1][d.column - 1 : d.column + 4]


def test_validating_a_markdown_draft_does_not_import_docx_jinja2_or_lxml(tmp_path, twins):
    draft = tmp_path / "s.md"
    draft.write_text(twins[EXAMPLES / "kaz-ccpr-list-of-issues.yaml"], encoding="utf-8")
    code = (
        "import sys\n"
        "from submission_kit.validate import validate_file\n"
        f"assert validate_file({str(draft)!r}).submission is not None\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'jinja2', 'lxml'))\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


BAD_MARKDOWN = {
    "malformed front matter": ("---\nkind: list_of_issues\nmetadata: [\n---\n\nText.\n", "SK001"),
    "unknown heading attribute": (md('## T {colour="red"}\n\nText.\n'), "SK031"),
    "footnote defined twice": (md("## T\n\nText.[^a]\n\n[^a]: One.\n[^a]: Two.\n"), "SK205"),
    "unrecognised lead line": (
        md("## T\n\nText.\n\n**Questions to ask:**\n\n1. Will it?\n"),
        "SK032",
    ),
    "list with no lead line": (md("## T\n\n1. Will it?\n"), "SK032"),
}


@pytest.mark.parametrize("case", BAD_MARKDOWN, ids=list(BAD_MARKDOWN))
def test_bad_markdown_is_reported_located_and_nothing_is_rendered(case, tmp_path):
    text, code = BAD_MARKDOWN[case]
    draft = tmp_path / "bad.md"
    draft.write_text(text, encoding="utf-8")
    checked = run_subkit("validate", str(draft))
    assert checked.returncode == 1
    assert f": {code} error:" in checked.stdout
    assert "Traceback" not in checked.stdout + checked.stderr
    located = [ln for ln in checked.stdout.split("\n") if f" {code} " in ln][0]
    line = int(located.split(":")[1])
    assert 1 < line <= len(text.split("\n"))
    out = tmp_path / "bad.docx"
    rendered = run_subkit("render", str(draft), "-o", str(out))
    assert rendered.returncode == 1
    assert not out.exists()


def test_check_fix_removes_a_typed_number_from_an_ask_in_a_markdown_draft(tmp_path):
    draft = tmp_path / "loi.md"
    draft.write_text(
        md('## T {articles="7"}\n\nText.\n\n**Suggested questions:**\n\n1. (a) Will it stop?\n'),
        encoding="utf-8",
    )
    fixed = run_subkit("check", "--fix", str(draft))
    assert fixed.returncode == 0, fixed.stdout
    assert draft.read_text(encoding="utf-8").endswith("\n1. Will it stop?\n")


# --- findings of a user trial: nothing a writer types is dropped or joined silently ---------


def located(text: str, name: str = "draft.md") -> list[tuple[int, int, str, str, str]]:
    return [
        (d.line, d.column, d.code, d.message, d.hint) for d in validate_text(text, name).diagnostics
    ]


def line_of(text: str, needle: str) -> int:
    return next(n for n, ln in enumerate(text.split("\n"), start=1) if ln.startswith(needle))


def test_list_markers_markdown_does_not_read_are_reported_at_each_line():
    text = md(
        "# Issues\n\n## Torture (art. 7)\n\nDetainees reported:\n\na. beatings\nb. electric "
        "shocks\n\n**Suggested recommendations:**\n\n• Investigate all allegations.\n"
        "• Prosecute perpetrators.\n"
    )
    found = located(text)
    for needle, marker, hint in (
        ("a. beatings", "a.", "start each item with '1.'"),
        ("b. electric", "b.", "start each item with '1.'"),
        ("• Investigate", "•", "write each ask as '1. ...'"),
        ("• Prosecute", "•", "write each ask as '1. ...'"),
    ):
        [(col, code, message, h)] = [
            (c, k, m, h) for ln, c, k, m, h in found if ln == line_of(text, needle)
        ]
        assert (col, code) == (1, "SK032")
        assert message.startswith(f"'{marker}' does not start a list item in Markdown")
        assert h.startswith(hint) and h.endswith("leave a blank line before the list")
    # The lead line with no list under it is reported, not dropped.
    lead = [f for f in found if f[0] == line_of(text, "**Suggested recommendations:**")]
    assert [(f[1], f[2]) for f in lead] == [(1, "SK032")]
    assert "has no list of asks under it" in lead[0][3]
    assert len(found) == 5


def test_a_lead_line_with_nothing_under_it_is_reported():
    text = md("## T\n\nText.\n\n**Suggested questions:**\n\n## U\n\nMore.\n")
    assert [(ln, code) for ln, _, code, _, _ in located(text)] == [(16, "SK032")]
    text = md("## T\n\nText.\n\n**Suggested questions:**\n")
    assert [(ln, code) for ln, _, code, _, _ in located(text)] == [(16, "SK032")]


def test_lines_of_a_paragraph_opening_with_letters_under_a_lead_in_are_reported():
    text = md("## T\n\nPractices include:\n(a) confiscation\n(iv) debt bondage\n")
    assert [(ln, col, code) for ln, col, code, _, _ in located(text)] == [
        (15, 1, "SK032"),
        (16, 1, "SK032"),
    ]


def test_prose_that_merely_starts_with_an_initial_is_not_a_list():
    text = md("## T\n\nA. Smith was detained in 2021.\n\nThe law (art. 5) says: no.\n")
    assert located(text) == []


@pytest.mark.parametrize(
    "heading", ["Children (art. 24):", "Children (art. 24).", "Children (art. 24)"]
)
def test_a_heading_reference_followed_by_a_colon_or_full_stop_is_read(heading):
    result = validate_text(md(f"# Issues\n\n## {heading}\n\nText.\n"), "draft.md")
    assert result.diagnostics == []
    [issue] = result.submission.issues
    assert issue.heading == "Children"
    assert [a.article for a in issue.articles] == [24]


def test_an_ampersand_joins_the_last_two_articles_of_a_heading():
    result = validate_text(md("# Issues\n\n## Prisons (arts. 7 & 10)\n\nText.\n"), "draft.md")
    assert result.diagnostics == []
    assert [a.article for a in result.submission.issues[0].articles] == [7, 10]


def test_a_heading_naming_articles_it_does_not_read_is_a_warning_at_the_reference():
    text = md("# Issues\n\n## Article 24: children\n\nText.\n")
    [(line, col, code, message, hint)] = located(text)
    assert (line, col, code) == (line_of(text, "## Article 24"), 4, "SK036")
    assert message == "this heading names 'Article 24' but its articles are not read"
    assert "'## Children (art. 24)'" in hint and '{articles="24"}' in hint and "{}" in hint
    assert located(md("# Issues\n\n## Article 24: children {}\n\nText.\n")) == []


def test_a_footnote_definition_without_its_colon_is_one_finding_at_its_line():
    text = md("# Issues\n\n## T (art. 7)\n\nThe law.[^dv]\n\n[^dv] Law of 2020 on violence.\n")
    [(line, col, code, message, hint)] = located(text)
    assert (line, col, code) == (line_of(text, "[^dv] Law"), 1, "SK205")
    assert message == "a footnote definition needs a colon: '[^dv]: ...'"
    assert hint == "write '[^dv]:' at the start of the line, then the text of the footnote"


def test_an_undefined_footnote_in_a_markdown_draft_is_explained_in_markdown():
    text = md("# Issues\n\n## T (art. 7)\n\nThe law.[^dv]\n")
    [(_, _, code, _, hint)] = located(text)
    assert code == "SK204"
    assert (
        hint
        == "define it on a line of its own at the end of the file: '[^dv]: text of the footnote'"
    )
    assert "sources:" not in hint


def test_schema_findings_in_a_markdown_draft_say_how_to_write_it_in_markdown():
    no_issues = md("Intro.\n")
    [(_, _, code, message, hint)] = located(no_issues)
    assert (code, message) == ("SK101", "required field 'issues' is missing")
    assert hint.startswith("add a section: a line '# Issues', then each item under a '##' heading")
    no_title = md("## T\n\nText.\n").replace("  title: List of issues\n", "")
    [(_, _, code, _, hint)] = located(no_title)
    assert code == "SK101"
    assert hint.startswith("add 'title:' under 'metadata:' in the front matter")
    bad_article = md("# Issues\n\n## Prisons (arts. 7 or 10)\n\nText.\n")
    [(_, col, code, message, hint)] = located(bad_article)
    assert (col, code) == (19, "SK102")
    assert message.endswith("write it as 7, 9 (4) or 9 (4) (a), several joined by ',' or 'and'")
    no_text = md("## T\n\nText.\n\n**Suggested questions:**\n\n1. {#x}\n")
    [(_, _, code, _, hint)] = located(no_text)
    assert code == "SK102"
    assert hint.startswith("write the text of the ask after its '1.'")


def test_a_case_box_without_its_title_is_reported_once_and_in_markdown():
    front = FRONT.replace("kind: list_of_issues", "kind: alternative_report")
    front = front.replace("stage: list_of_issues", "stage: constructive_dialogue")
    text = md(
        "# Executive summary\n\nSummary.\n\n# Chapter\n\n## Section (art. 7)\n\nText.\n\n"
        "> A case without a bold title\n>\n> More.\n",
        front,
    )
    found = [f for f in located(text) if f[2] in ("SK033", "SK101")]
    assert [(ln, code) for ln, _, code, _, _ in found] == [(line_of(text, "> A case"), "SK033")]
    assert "'> **The case of A.**'" in found[0][4]


def test_inline_markdown_a_draft_does_not_hold_is_a_located_warning_saying_how_to_write_it():
    text = md(
        "# Issues\n\n## T (art. 7)\n\nSee [our report](https://x.org/r.pdf), <https://x.org/a>,\n"
        "_x_, __y__ and `code`; snake_case_name and http://x.org/a_b_c pass.\n"
    )
    first, second = line_of(text, "See [our"), line_of(text, "_x_")
    found = [(ln, col, code, message, hint) for ln, col, code, message, hint in located(text)]
    assert [(ln, col, code) for ln, col, code, _, _ in found] == [
        (first, 5, "SK037"),
        (first, 40, "SK037"),
        (second, 1, "SK037"),
        (second, 6, "SK037"),
        (second, 16, "SK037"),
    ]
    messages = [m for _, _, _, m, _ in found]
    assert messages[0] == "a link is printed as typed: '[our report](https://x.org/r.pdf)'"
    assert "cite it in a footnote" in found[0][4] and "'[^r]: Title of the report" in found[0][4]
    assert found[2][4] == "write italic as *text*" and found[3][4] == "write bold as **text**"
    assert "without backticks" in found[4][4]


def test_backslash_escaped_stars_are_printed_as_stars_not_italic(tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text(
        md("# Issues\n\n## T (art. 7)\n\nA \\*starred\\* and *italic* word \\[^sic\\].\n")
    )
    assert located(draft.read_text()) == []
    out = tmp_path / "d.html"
    assert run_subkit("render", str(draft), "-o", str(out)).returncode == 0
    html = out.read_text(encoding="utf-8")
    assert "A *starred* and <em>italic</em> word [^sic]." in html.replace("<i>", "<em>").replace(
        "</i>", "</em>"
    )
    # The same text in YAML, after convert, prints the same.
    back, _ = convert_text(draft.read_text(), str(draft), "yaml")
    assert "\\*starred\\*" in back


@pytest.mark.parametrize("kind", ["", "kind: list_of_isues\n"])
def test_a_missing_or_unknown_kind_is_the_one_finding_not_every_footnote(kind):
    text = md("## T (art. 7)\n\nText.[^a] More.[^b]\n\n[^a]: One.\n[^b]: Two.\n")
    text = text.replace("kind: list_of_issues\n", kind)
    found = located(text)
    assert [(ln, code) for ln, _, code, _, _ in found] == [(2, "SK100")]


def checked(tmp_path: Path, text: str, *args: str) -> list[dict]:
    draft = tmp_path / "d.md"
    draft.write_text(text, encoding="utf-8")
    out = run_subkit("check", "--format", "json", *args, str(draft)).stdout
    return json.loads(out[: out.rindex("]") + 1])


ASKS = md(
    "## T (art. 7)\n\nText.\n\n**Suggested questions:**\n\n1. Are victims compensated?[^x]\n"
    "2. (iv) Will it stop?\n3. a. Will it stop now?\n4. 3. How many were held?\n\n"
    "[^x]: A source.\n"
)


def test_a_question_ending_in_a_footnote_and_typed_numbers_of_every_form(tmp_path):
    found = checked(tmp_path, ASKS)
    assert [(f["line"], f["column"], f["code"], f["message"]) for f in found] == [
        (19, 4, "SK206", "the ask starts with a typed number '(iv)'"),
        (20, 4, "SK206", "the ask starts with a typed number 'a.'"),
        (21, 4, "SK206", "the ask starts with a typed number '3.'"),
    ]
    assert all("`subkit check --fix`" in f["hint"] for f in found)
    draft = tmp_path / "d.md"
    assert run_subkit("check", "--fix", str(draft)).returncode == 0
    assert draft.read_text(encoding="utf-8").split("\n")[17:21] == [
        "1. Are victims compensated?[^x]",
        "2. Will it stop?",
        "3. Will it stop now?",
        "4. How many were held?",
    ]


def test_a_list_of_questions_is_named_as_such_when_one_ask_departs_from_it(tmp_path):
    text = md(
        "## T (art. 7)\n\nText.\n\n**Suggested recommendations:**\n\n1. Are victims paid?\n"
        "2. Will it stop?\n3. Ensure that victims are paid.\n"
    )
    [found] = [f for f in checked(tmp_path, text) if f["code"] == "SK403"]
    assert (found["line"], found["column"]) == (20, 4)
    assert found["message"] == (
        "the ask opens with an imperative verb ('Ensure') while the other asks of this list "
        "are questions"
    )
    assert "'?'" not in found["message"]
    assert found["hint"] == "write it as a question, as the others, or make them all one form"


def test_every_body_section_of_every_kind_has_a_heading_in_every_phrase_language():
    from submission_kit.model import kinds

    for kind, model in kinds().items():
        plan = dialect.body_plan(model)
        for section in plan.sections:
            if section is plan.chapters():
                continue  # each chapter is a heading of its own
            for lang in dialect.phrase_languages():
                labels = dialect.section_labels(lang, section.name)
                assert len(labels) > 1, f"{kind}.{section.name}: no '#' heading in {lang}"


@pytest.mark.parametrize(
    ("lang", "heading"), [("fr", "Recommandations"), ("es", "Recomendaciones")]
)
def test_a_council_statement_in_french_or_spanish_has_its_own_recommendations_heading(
    lang, heading, tmp_path
):
    out = tmp_path / "h.md"
    made = run_subkit(
        "new", "hrc-written-statement", "--state", "KAZ", "--session", "61", "--lang", lang,
        "--org", "Service international pour les droits de l'homme", "--var", "agenda_item=4",
        "-o", str(out),
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    text = out.read_text(encoding="utf-8")
    assert f"\n# {heading}\n" in text and "\n# Recommendations\n" not in text
    # A lead-in sentence under the heading is the statement's lead-in, before its list.
    text = text.replace(f"# {heading}\n\n", f"# {heading}\n\nNous appelons le Conseil à :\n\n")
    result = validate_text(text, "h.md")
    assert {d.code for d in result.diagnostics} == {"SK207"}  # the placeholders only
    assert result.draft.data["lead_in"] == "Nous appelons le Conseil à :"
    assert len(result.draft.data["recommendations"]) == 1
    # A second paragraph there has no place, and the finding says what the section holds.
    lines = text.split("\n")
    at = lines.index("Nous appelons le Conseil à :") + 1
    text = "\n".join([*lines[:at], "", "Un autre paragraphe.", *lines[at:]])
    [(line, col, code, message, hint)] = [f for f in located(text, "h.md") if f[2] == "SK033"]
    assert (line, col) == (at + 2, 1)
    assert (
        message
        == f"the section '# {heading}' holds its numbered list only, after one lead-in sentence"
    )
    assert hint.startswith("move the paragraph to the section before it")


def test_an_ampersand_joins_article_numbers_but_stays_inside_a_list_attribute_item():
    # '(arts. 7 & 10)' is two articles; a list attribute's item "Women & girls" is one item.
    assert [r for r, _ in dialect.split_articles("7 & 10", "en")] == ["7", "10"]
    items = dialect.split_list("Women & girls, Children and youth", "en")
    assert [i for i, _ in items] == ["Women & girls", "Children", "youth"]


def test_curly_quotes_around_a_front_matter_value_are_reported_as_in_yaml():
    # The front matter is YAML: “...” is no quoting there and would be printed.
    text = FRONT.replace("title: List of issues", "title: “List of issues”") + textwrap.dedent(
        """
        # Issues

        ## On torture (art. 7)

        Detainees reported “beatings” in custody.

        **Suggested questions:**

        1. How many complaints were investigated?
        """
    )
    found = findings(text)
    assert (9, 10, "SK013") in found
    assert [f for f in found if f[2] == "SK013"] == [(9, 10, "SK013")]  # not the body's quotes
