"""Nothing a writer types is lost or misread: each YAML trap, hostile value and typo gets one
located finding in plain words, with a hint, as `subkit validate` prints it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import EXAMPLES, ORAL_EXAMPLE, run_subkit

from submission_kit.diagnostics import format_human
from submission_kit.validate import validate_text

GOOD = ORAL_EXAMPLE.read_text(encoding="utf-8")
LOI = (EXAMPLES / "kaz-ccpr-list-of-issues.yaml").read_text(encoding="utf-8")
OPENING = GOOD[GOOD.index("opening:\n") : GOOD.index("body:\n")]


def replaced(old: str, new: str, text: str = GOOD) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def printed(text: str) -> str:
    """What `subkit validate draft.yaml` prints for `text`."""
    result = validate_text(text, "draft.yaml")
    return format_human(result.diagnostics, {"draft.yaml": result.draft.lines})


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


def finding(out: str, code: str) -> tuple[int, int, str, str]:
    """Line, column, message and hint of the first `code` finding in the printed output."""
    m = re.search(rf"^draft\.yaml:(\d+):(\d+): {code} \w+: (.*)$", out, re.M)
    assert m, f"no {code} in:\n{out}"
    rest = out[m.end() :]
    hint = re.search(r"^  hint: (.*)$", rest, re.M)
    return int(m[1]), int(m[2]), m[3], hint[1] if hint else ""


def codes(out: str) -> list[str]:
    return re.findall(r"^draft\.yaml:\d+:\d+: (SK\d+)", out, re.M)


# --- ` #` ends an unquoted text -------------------------------------------------------------

HASH_TEXT = "We are concerned about removal centre #3 in Gaziantep, where 40 people were held."
WITH_HASH = replaced(OPENING, f"opening:\n  - {HASH_TEXT}\n")


def test_a_hash_ending_unquoted_text_is_an_error_at_the_cut_with_the_fix():
    line, col, message, hint = finding(printed(WITH_HASH), "SK012")
    assert line == line_of(WITH_HASH, "removal centre #3")
    assert col == WITH_HASH.split("\n")[line - 1].index(" #3") + 1
    assert "the text stops at 'We are concerned about removal centre'" in message
    assert "read" in message and "comment" in message and "lost" in message
    assert "quotes" in hint and ">-" in hint and "--fix" in hint


def test_a_hash_on_a_continuation_line_of_unquoted_text_is_reported():
    text = replaced(
        OPENING,
        "opening:\n  - We are concerned about removal centre\n    #3 in Gaziantep, where 40 people were held.\n",
    )
    line, _, message, hint = finding(printed(text), "SK012")
    assert line == line_of(text, "removal centre")
    assert "comment" in message and "quotes" in hint


def test_a_comment_after_a_code_or_in_a_folded_block_is_left_alone():
    text = replaced("  state: KAZ", "  state: KAZ  # Kazakhstan")
    text = replaced("Since 2024, Kazakhstan", "Since 2024 #1, Kazakhstan", text)
    assert "SK012" not in codes(printed(text))


def test_check_fix_quotes_the_text_so_nothing_after_the_hash_is_lost(tmp_path):
    draft = tmp_path / "draft.yaml"
    draft.write_text(WITH_HASH, encoding="utf-8")
    result = run_subkit("check", "--fix", "--no-render", str(draft))
    assert "Fixed 1 finding(s)" in result.stdout, result.stdout + result.stderr
    fixed = draft.read_text(encoding="utf-8")
    assert f'  - "{HASH_TEXT}"\n' in fixed
    assert fixed.replace(f'"{HASH_TEXT}"', HASH_TEXT) == WITH_HASH  # nothing else changed
    assert validate_text(fixed).submission.opening[0].text == HASH_TEXT


# --- brackets split prose -------------------------------------------------------------------

SPLIT_QUESTION = "Please provide, by region, information on the number of people detained."


def test_a_flow_list_that_splits_one_question_at_its_commas_is_reported():
    old = LOI[LOI.index("    questions:\n") : LOI.index("\n", LOI.index("    questions:\n") + 40)]
    rest = LOI[LOI.index(old) + len(old) :]
    end = rest.index("\n  - heading:") if "\n  - heading:" in rest else len(rest)
    block = old + rest[:end]
    questions_block = block[: block.index("\n", block.index("questions:")) + 1]
    text = LOI.replace(block, "    questions: [" + SPLIT_QUESTION + "]", 1)
    assert questions_block
    out = printed(text)
    line, _, message, hint = finding(out, "SK014")
    assert line == line_of(text, "questions: [Please provide")
    assert "split" in message and "commas into 3 items" in message
    assert "[" not in hint.replace("[ ]", "")
    assert "quotes" in hint and "'- '" in hint


def test_no_hint_suggests_brackets_for_a_text_where_a_list_is_expected():
    text = replaced(
        "  items:\n    - id: detention-statistics",
        "  items: Urge the State, now.\n  x:\n    - id: detention-statistics",
    )
    out = printed(text)
    _, _, _, hint = finding(out, "SK102")
    assert "[" not in hint and "'- '" in hint


def test_a_flow_list_of_article_numbers_is_fine():
    assert "SK014" not in codes(printed(GOOD))


# --- mistyped citations ---------------------------------------------------------------------

SOURCES = (
    "sources:\n  - id: scjn\n    text: Supreme Court of Justice of the Nation, ruling of 2021.\n"
)


@pytest.mark.parametrize("typed", ["[scjn]", "[^ scjn]", "[ ^scjn ]", "^[scjn]"])
def test_a_mistyped_citation_is_reported_where_it_is_written(typed):
    text = replaced("raising concerns about", f"raising concerns{typed} about") + SOURCES
    out = printed(text)
    line, col, message, hint = finding(out, "SK204")
    assert line == line_of(text, typed)
    assert col == text.split("\n")[line - 1].index(typed) + 1
    assert f"'{typed}' is mistyped" in message and "printed as written" in message
    assert "'[^scjn]'" in hint
    assert "defined but never cited" not in out


def test_bracketed_words_that_are_no_footnote_id_are_not_citations():
    text = replaced("raising concerns about", "raising concerns [sic] about[^scjn]") + SOURCES
    assert "SK204" not in codes(printed(text))


# --- YAML traps in plain words --------------------------------------------------------------


def test_a_straight_quote_inside_a_double_quoted_text_is_named_at_its_line():
    text = replaced(
        '  lead_in: "In light of these concerns, we urge the Committee to call on Kazakhstan to:"',
        '  lead_in: "In light of these "serious" concerns, we urge the Committee to:"',
    )
    line, col, message, hint = finding(printed(text), "SK001")
    assert line == line_of(text, '"serious"')
    assert col == text.split("\n")[line - 1].index('"serious') + 1
    assert "straight double quote" in message and "ends the text early" in message
    assert "“ ”" in hint and "single quotes" in hint


def test_an_apostrophe_inside_a_single_quoted_text_is_named():
    text = replaced(
        "  title: >-\n    Oral Submission",
        "  title: 'The State's duty'\n  x: >-\n    Oral Submission",
    )
    line, _, message, hint = finding(printed(text), "SK001")
    assert line == line_of(text, "State's duty")
    assert "apostrophe" in message and "''" in hint


def test_a_colon_in_an_unquoted_paragraph_is_one_finding_explaining_it():
    text = replaced(
        OPENING, "opening:\n  - We are also concerned: deportations continued in 2024.\n"
    )
    out = printed(text)
    assert codes(out) == ["SK104"], out
    line, col, message, hint = finding(out, "SK104")
    assert (line, col) == (line_of(text, "We are also concerned"), 5)
    assert "': '" in message and "field named 'We are also concerned'" in message
    assert "quotes" in hint and ">-" in hint


def test_a_capitalised_word_before_a_colon_is_prose_but_a_capitalised_field_is_a_typo():
    text = replaced(OPENING, "opening:\n  - Note: deportations continued in 2024.\n")
    assert codes(printed(text)) == ["SK104"]
    text = replaced(
        "speaker:\n  name: Abdelaziz Muhamat\n  organisation: Global Detention Project",
        "speaker:\n  Name: Abdelaziz Muhamat",
    )
    out = printed(text)
    assert codes(out) == ["SK103"], out
    assert "did you mean the required field 'name'?" in finding(out, "SK103")[2]


def test_a_colon_in_an_unquoted_value_says_so():
    text = replaced(
        "  title: >-\n    Oral Submission",
        "  title: Report: deportations\n  x: >-\n    Oral Submission",
    )
    line, _, message, hint = finding(printed(text), "SK001")
    assert line == line_of(text, "Report: deportations")
    assert "': '" in message and "unquoted text" in message
    assert "quotes" in hint


def test_a_key_indented_one_space_too_far_is_named_as_indentation_not_quoting():
    text = replaced("  state: KAZ", "   state: KAZ")
    line, col, message, hint = finding(printed(text), "SK001")
    assert (line, col) == (line_of(text, "   state: KAZ"), 4)
    assert "indented further than line" in message
    assert "same column" in hint and "quotes" not in hint


def test_a_no_break_space_used_as_indentation_is_named_at_its_own_line():
    text = replaced("  state: KAZ", "\u00a0 state: KAZ")
    line, col, message, hint = finding(printed(text), "SK003")
    assert (line, col) == (line_of(text, "state: KAZ"), 1)
    assert "no-break space (U+00A0)" in message and "indentation" in message
    assert "spaces" in hint


def test_curly_quotes_used_as_yaml_quotes_are_reported():
    text = replaced(
        "  title: >-\n    Oral Submission",
        "  title: “Oral statement on Kazakhstan”\n  x: >-\n    Oral Submission",
    )
    line, col, message, hint = finding(printed(text), "SK013")
    assert (line, col) == (line_of(text, "“Oral statement"), 10)
    assert "curly quotes" in message and "printed in the document" in message
    assert 'straight quotes "..."' in hint


def test_a_quotation_inside_prose_is_not_taken_for_curly_yaml_quotes():
    text = replaced(OPENING, "opening:\n  - “We were beaten,” he said. “Nobody came.”\n")
    assert "SK013" not in codes(printed(text))


def test_an_unclosed_quote_is_reported_where_it_opens():
    text = replaced("  state: KAZ", '  state: "KAZ')
    line, _, message, hint = finding(printed(text), "SK001")
    assert line == line_of(text, '"KAZ')
    assert "not closed" in message and "closing quote" in hint


# --- values ---------------------------------------------------------------------------------


def test_a_time_limit_without_a_unit_is_refused():
    text = replaced("time_limit: 3 min", "time_limit: 3")
    line, _, message, _ = finding(printed(text), "SK102")
    assert line == line_of(text, "time_limit: 3")
    assert "3 has no unit" in message and "'3 min'" in message


def test_a_day_that_does_not_exist_is_named_once():
    text = replaced("  date: 2025-06-23", "  date: 2026-02-30")
    out = printed(text)
    line, _, message, hint = finding(out, "SK001")
    assert line == line_of(text, "2026-02-30")
    assert "not a date: February 2026 has 28 days" in message
    assert "quotes" not in hint
    assert codes(out) == ["SK001"]


@pytest.mark.parametrize(
    ("typed", "code"),
    [("Turkey", "TUR"), ("Türkiye", "TUR"), ("UK", "GBR"), ('"United Kingdom"', "GBR")],
)
def test_a_state_written_by_name_gets_its_code(typed, code):
    text = replaced("  state: KAZ", f"  state: {typed}")
    _, _, message, hint = finding(printed(text), "SK102")
    assert "is not a State code" in message
    assert hint.endswith(f"is written {code}")


def test_a_typo_in_a_required_field_is_one_finding_with_the_right_name():
    text = replaced("  committee: CCPR", "  comittee: CCPR")
    out = printed(text)
    assert codes(out) == ["SK103"], out
    line, _, message, hint = finding(out, "SK103")
    assert line == line_of(text, "comittee")
    assert "did you mean the required field 'committee'?" in message
    assert "rename 'comittee:' to 'committee:'" in hint


@pytest.mark.parametrize("text", ["~\n", "---\n", "null\n", "--- ~\n"])
def test_a_draft_that_yaml_reads_as_nothing_is_an_error(text, tmp_path):
    out = printed(text)
    assert codes(out) == ["SK006"]
    assert "holds no draft" in finding(out, "SK006")[2]
    draft = tmp_path / "empty.yaml"
    draft.write_text(text, encoding="utf-8")
    result = run_subkit("render", str(draft), "-o", str(tmp_path / "empty.docx"))
    assert result.returncode == 1
    assert "SK006 error: the file holds no draft" in result.stdout


def test_validate_prints_the_trap_with_its_location_and_hint(tmp_path):
    draft = tmp_path / "statement.yaml"
    draft.write_text(WITH_HASH, encoding="utf-8")
    result = run_subkit("validate", str(draft))
    assert result.returncode == 1
    n = line_of(WITH_HASH, "removal centre #3")
    assert f"{draft}:{n}:" in result.stdout and "SK012 error" in result.stdout
    assert "  hint: put the whole text in quotes" in result.stdout
    assert "Traceback" not in result.stderr


# --- the closed set of YAML parser messages -------------------------------------------------


def _pyyaml_problems() -> set[str]:
    """Every problem string PyYAML's pure-Python scanner, parser and composer can raise."""
    import ast

    import yaml

    found: set[str] = set()
    folder = Path(yaml.__file__).parent
    for name in ("reader.py", "scanner.py", "parser.py", "composer.py"):
        tree = ast.parse((folder / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "").endswith("Error"):
                args = [a for a in node.args]
                if len(args) >= 3:
                    arg = args[2]
                    if isinstance(arg, ast.BinOp):
                        arg = arg.left
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found.add(arg.value)
    return found


def _libyaml_problems() -> set[str]:
    """The problem strings of the libyaml that PyYAML's C loader is built with (from its binary)."""
    import yaml

    binaries = list(Path(yaml.__file__).parent.glob("_yaml*.so"))
    if not binaries:
        pytest.skip("PyYAML is installed without libyaml")
    strings = re.findall(rb"[\x20-\x7e]{8,}", binaries[0].read_bytes())
    pattern = re.compile(
        r"^(?:did not find|could not find|found |.* are not allowed|control characters|"
        r"block sequence|mapping (?:keys|values)|expected a single)"
    )
    return {s.decode() for s in strings if pattern.match(s.decode()) and "%" not in s.decode()}


def test_every_message_the_yaml_parser_can_give_has_a_plain_explanation():
    from submission_kit.load.yaml_errors import specific

    problems = _pyyaml_problems() | _libyaml_problems()
    assert len(problems) > 40
    unexplained = sorted(p for p in problems if not specific(p))
    assert unexplained == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('title: "a \\q b"\n', "escape YAML does not know"),
        ("a: [1, 2\nb: 3\n", "not closed"),
        ("title: @home\n", "cannot start with '@'"),
        ("%YAML 2.0\n---\na: 1\n", "directive"),
        ("a: 1\nb\nc: 2\n", "neither 'name: value' nor"),
        ("title: >0\n  x\n", "indentation of 0"),
        ("a:\n  - x\n  y: 1\n", "not lined up"),
    ],
)
def test_yaml_errors_are_explained_in_plain_words(text, words):
    out = printed(text)
    assert codes(out)[:1] == ["SK001"], out
    _, _, message, hint = finding(out, "SK001")
    assert words in message and hint
    assert "invalid YAML: " in message
