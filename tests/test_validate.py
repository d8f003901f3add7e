"""`subkit validate`: every bad input a writer can produce gets a located, plain-language finding."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest
from conftest import ORAL_EXAMPLE, run_subkit

from submission_kit.validate import validate_file, validate_text

GOOD = ORAL_EXAMPLE.read_text(encoding="utf-8")


def findings(text: str | bytes, tmp_path: Path, name: str = "draft.yaml") -> list[dict]:
    """Validate `text` through the CLI as JSON and return the findings."""
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    result = run_subkit("validate", "--format", "json", str(path))
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def only(found: list[dict], code: str) -> dict:
    hits = [f for f in found if f["code"] == code]
    assert hits, f"no {code} in {found}"
    return hits[0]


def replace_line(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    for n, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            return n
    raise AssertionError(needle)


def test_examples_validate_cleanly(subkit):
    result = subkit("validate", "examples/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems" in result.stdout


def test_malformed_yaml_is_reported_at_its_line(tmp_path):
    text = replace_line("  committee: CCPR", "  committee: [CCPR")
    f = only(findings(text, tmp_path), "SK001")
    assert f["severity"] == "error"
    assert f["line"] >= line_of(text, "committee: [CCPR")
    assert "invalid YAML" in f["message"]


def test_unquoted_colon_gets_a_quoting_hint(tmp_path, subkit):
    text = replace_line("  title: >-", "  title: Oral statement: Kazakhstan\n  subtitle: >-")
    path = tmp_path / "d.yaml"
    path.write_text(text, encoding="utf-8")
    result = subkit("validate", str(path))
    assert result.returncode == 1
    assert f"d.yaml:{line_of(text, 'Oral statement: Kazakhstan')}:" in result.stdout
    assert "quotes" in result.stdout


def test_duplicate_key_names_both_lines(tmp_path):
    text = replace_line("  language: en", "  language: en\n  language: fr")
    f = only(findings(text, tmp_path), "SK002")
    assert f["line"] == line_of(text, "language: fr")
    assert "duplicate key 'language'" in f["message"]
    assert str(line_of(text, "language: en")) in f["hint"]


def test_tab_indentation_is_reported(tmp_path):
    text = replace_line("  language: en", "\tlanguage: en")
    f = only(findings(text, tmp_path), "SK003")
    assert (f["line"], f["column"]) == (line_of(text, "\tlanguage"), 1)
    assert "tab" in f["message"]


def test_byte_order_mark_is_a_warning_and_the_draft_still_validates(tmp_path):
    found = findings(b"\xef\xbb\xbf" + GOOD.encode("utf-8"), tmp_path)
    assert [f["code"] for f in found] == ["SK004"]
    assert found[0]["severity"] == "warning"


def test_file_that_is_not_utf8_is_located_at_the_bad_byte(tmp_path):
    raw = GOOD.replace("Kazakhstan", "Kazakhst\xe1n", 1).encode("latin-1", errors="replace")
    f = only(findings(raw, tmp_path), "SK005")
    assert f["line"] == line_of(GOOD, "Kazakhstan")
    assert "UTF-8" in f["message"] and "UTF-8" in f["hint"]


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n"])
def test_empty_file_is_reported(tmp_path, content):
    f = only(findings(content, tmp_path), "SK006")
    assert (f["line"], f["column"]) == (1, 1)
    assert "empty" in f["message"]


def test_oversize_file_is_refused_without_parsing(tmp_path):
    text = GOOD + "# " + "x" * (1024 * 1024) + "\n"
    f = only(findings(text, tmp_path), "SK007")
    assert "limit" in f["message"]


def test_alias_bomb_is_refused_quickly(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    found = findings(bomb, tmp_path)
    codes = {f["code"] for f in found}
    assert "SK008" in codes
    assert any("alias" in f["message"] for f in found)


def test_custom_tag_is_refused(tmp_path):
    text = replace_line("  language: en", "  language: !!python/object:os.system en")
    f = only(findings(text, tmp_path), "SK009")
    assert f["line"] == line_of(text, "!!python")
    assert "tag" in f["message"]


def test_wrong_type_names_the_field_and_what_was_found(tmp_path):
    text = replace_line("    number: 144", "    number: one hundred")
    f = only(findings(text, tmp_path), "SK102")
    assert f["line"] == line_of(text, "number: one hundred")
    assert "'number'" in f["message"] and "integer" in f["message"]


def test_missing_required_field_points_at_its_parent(tmp_path):
    text = replace_line("  date: 2025-06-23\n", "")
    f = only(findings(text, tmp_path), "SK101")
    assert "'date'" in f["message"] and "metadata" in f["message"]
    assert f["line"] == line_of(text, "metadata:")
    assert "YYYY-MM-DD" in f["hint"]


def test_unknown_field_suggests_the_closest_name(tmp_path):
    text = replace_line("  language: en", "  langauge: en")
    found = findings(text, tmp_path)
    f = only(found, "SK103")
    assert f["line"] == line_of(text, "langauge")
    assert "did you mean 'language'" in f["hint"]


def test_article_outside_the_covenant_is_reported_at_its_position(tmp_path):
    text = replace_line("      articles: [7]\n", "      articles: [7, 28]\n")
    f = only(findings(text, tmp_path), "SK201")
    line = line_of(text, "articles: [7, 28]")
    assert (f["line"], f["column"]) == (line, text.splitlines()[line - 1].index("28") + 1)
    assert "article 28" in f["message"]
    assert "1 to 27" in f["hint"]


def test_article_17_is_refused_for_the_committee_against_torture(tmp_path):
    text = replace_line("  committee: CCPR", "  committee: CAT").replace(
        "articles: [9, 19, 22]", "articles: [17]"
    )
    found = findings(text, tmp_path)
    f = only(found, "SK201")
    assert "article 17" in f["message"] and "Torture" in f["message"]


def test_paragraph_that_an_article_does_not_have_is_reported(tmp_path):
    text = replace_line("articles: [2 (3), 7]", "articles: [2 (4), 7]")
    f = only(findings(text, tmp_path), "SK201")
    assert "no paragraph 4" in f["message"]


@pytest.mark.parametrize("typed", ["KZA", "AKZ"])
def test_swapped_letters_in_a_state_code_suggest_the_right_state(tmp_path, typed):
    f = only(findings(replace_line("  state: KAZ", f"  state: {typed}"), tmp_path), "SK202")
    assert "did you mean KAZ (Kazakhstan)?" in f["hint"]


def test_unknown_state_code_suggests_a_close_one(tmp_path):
    text = replace_line("  state: KAZ", "  state: KAX")
    f = only(findings(text, tmp_path), "SK202")
    assert f["line"] == line_of(text, "state: KAX")
    assert "KAZ" in f["hint"]


def test_control_character_that_word_cannot_store_is_located(tmp_path):
    text = GOOD.replace("Thank you", "Thank\x0b you", 1)
    f = only(findings(text, tmp_path), "SK010")
    line = line_of(text, "Thank\x0b")
    assert (f["line"], f["column"]) == (line, text.split("\n")[line - 1].index("\x0b") + 1)
    assert "U+000B" in f["message"]


def test_footnote_cited_but_not_defined_points_at_the_citation(tmp_path):
    text = replace_line("mistreatment.\n", "mistreatment.[^raids]\n")
    f = only(findings(text, tmp_path), "SK204")
    line = line_of(text, "[^raids]")
    assert (f["line"], f["column"]) == (line, text.splitlines()[line - 1].index("[^raids]") + 1)


def test_footnote_defined_but_never_cited_is_a_warning(tmp_path):
    text = GOOD + "sources:\n  - id: unused\n    text: A report nobody cites.\n"
    f = only(findings(text, tmp_path), "SK205")
    assert f["severity"] == "warning"
    assert f["line"] == line_of(text, "id: unused")


def test_typed_number_at_the_start_of_an_ask_is_reported(tmp_path):
    text = replace_line(
        "        Urge the State to disclose", "        1. Urge the State to disclose"
    )
    f = only(findings(text, tmp_path), "SK206")
    assert f["line"] == line_of(text, "1. Urge the State")
    assert "'1.'" in f["message"]


def test_all_problems_come_out_in_one_run(tmp_path):
    text = (
        replace_line("  state: KAZ", "  state: KAX")
        .replace("  language: en", "  langauge: en")
        .replace("articles: [7]\n", "articles: [28]\n", 1)
    )
    codes = {f["code"] for f in findings(text, tmp_path)}
    assert {"SK202", "SK103", "SK201"} <= codes


def test_validation_never_modifies_the_draft(tmp_path):
    path = tmp_path / "draft.yaml"
    path.write_text(replace_line("  state: KAZ", "  state: KAX"), encoding="utf-8")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    mtime = path.stat().st_mtime_ns
    run_subkit("validate", str(path))
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert path.stat().st_mtime_ns == mtime


def test_human_format_shows_the_source_line_and_a_caret(tmp_path, subkit):
    path = tmp_path / "d.yaml"
    path.write_text(replace_line("  state: KAZ", "  state: KAX"), encoding="utf-8")
    out = subkit("validate", str(path)).stdout.splitlines()
    i = next(i for i, line in enumerate(out) if "SK202" in line)
    assert out[i + 1].rstrip().endswith("state: KAX")
    assert out[i + 2].index("^") == out[i + 1].index("KAX")
    assert out[i + 3].strip().startswith("hint:")


def test_github_format_prints_annotations(tmp_path, subkit):
    path = tmp_path / "d.yaml"
    path.write_text(replace_line("  state: KAZ", "  state: KAX"), encoding="utf-8")
    result = subkit("validate", "--format", "github", str(path))
    assert result.returncode == 1
    assert result.stdout.startswith(f"::error file={path},line=")
    assert "title=SK202::" in result.stdout


def test_exit_codes(tmp_path, subkit):
    assert subkit("validate", str(ORAL_EXAMPLE)).returncode == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: oral_statement\n", encoding="utf-8")
    assert subkit("validate", str(bad)).returncode == 1
    missing = subkit("validate", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2
    assert missing.stderr.startswith("subkit: no such file or folder")
    assert "Traceback" not in missing.stderr
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    assert subkit("validate", str(empty_dir)).returncode == 2


@pytest.mark.skipif(sys.platform != "linux", reason="uses Linux file semantics")
def test_unreadable_file_exits_2_with_one_line(tmp_path, subkit):
    import os

    path = tmp_path / "locked.yaml"
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0)
    # root reads any file whatever its mode; /proc/self/mem exists but cannot be read at offset 0.
    target = "/proc/self/mem" if os.geteuid() == 0 else str(path)
    result = subkit("validate", target)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("subkit: cannot read")
    assert "Traceback" not in result.stderr


def test_folder_is_searched_for_drafts(tmp_path, subkit):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "two.yml").write_text(
        replace_line("  state: KAZ", "  state: KAX"), encoding="utf-8"
    )
    (tmp_path / "notes.txt").write_text("not a draft", encoding="utf-8")
    result = subkit("validate", "--format", "json", str(tmp_path))
    found = json.loads(result.stdout)
    assert [Path(f["file"]).name for f in found] == ["two.yml"]


def test_unknown_kind_suggests_the_closest_kind():
    result = validate_text(GOOD.replace("kind: oral_statement", "kind: oral_statment"))
    assert result.submission is None
    assert "did you mean 'oral_statement'" in result.diagnostics[0].hint


def test_article_references_accept_the_forms_writers_use():
    text = replace_line("articles: [2 (3), 7]", "articles: ['art. 9 (4)', 9(1)(a), {article: 7}]")
    result = validate_text(text)
    assert result.ok, result.diagnostics
    ask = result.submission.asks.items[2]
    assert [a.label() for a in ask.articles] == ["9 (4)", "9 (1) (a)", "7"]


def test_library_result_keeps_the_model_of_a_valid_draft():
    result = validate_file(ORAL_EXAMPLE)
    assert result.ok
    assert result.submission.metadata.state == "KAZ"
    assert len(result.submission.asks.items) == 7


def test_a_draft_named_twice_is_checked_once(subkit):
    result = subkit("validate", "examples/", str(ORAL_EXAMPLE))
    assert result.returncode == 0
    drafts = len(list((ORAL_EXAMPLE.parent).rglob("*.yaml"))) - len(
        list(ORAL_EXAMPLE.parent.rglob("*.track.yaml"))
    )
    assert f"{drafts} drafts checked" in result.stdout


def test_junit_lists_every_draft_validated_even_clean_ones(tmp_path, subkit):
    import xml.etree.ElementTree as ET

    bad = tmp_path / "bad.yaml"
    bad.write_text(replace_line("  state: KAZ", "  state: KAX"), encoding="utf-8")
    result = subkit("validate", "--format", "junit", str(ORAL_EXAMPLE), str(bad))
    assert result.returncode == 1
    suite = ET.fromstring(result.stdout).find("testsuite")
    assert suite.get("name") == "subkit validate"
    cases = {Path(c.get("name")).name: c for c in suite.findall("testcase")}
    assert set(cases) == {"kaz-ccpr-oral-statement.yaml", "bad.yaml"}
    assert cases["bad.yaml"].find("failure") is not None
    assert cases["kaz-ccpr-oral-statement.yaml"].find("failure") is None


def test_sarif_from_validate_lists_only_the_codes_it_found(tmp_path, subkit):
    bad = tmp_path / "bad.yaml"
    bad.write_text(replace_line("  state: KAZ", "  state: KAX"), encoding="utf-8")
    log = json.loads(subkit("validate", "--format", "sarif", str(bad)).stdout)
    rules = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert rules == ["SK202"]
    assert log["runs"][0]["results"][0]["ruleId"] == "SK202"


def test_utf16_file_is_named_as_such(tmp_path):
    f = only(findings(GOOD.encode("utf-16"), tmp_path), "SK005")
    assert (f["line"], f["column"]) == (1, 1)
    assert "UTF-16" in f["message"] and "UTF-8" in f["hint"]


@pytest.mark.parametrize(
    ("typed", "hint"),
    [("HRC", "the Human Rights Committee is written CCPR"), ("CaT", "Committee against Torture")],
)
def test_committee_initials_point_to_the_treaty_body_code(tmp_path, typed, hint):
    f = only(
        findings(replace_line("  committee: CCPR", f"  committee: {typed}"), tmp_path), "SK102"
    )
    assert hint in f["hint"]


def test_plain_values_are_typed_as_in_yaml_1_2():
    from submission_kit.load import load_text

    data = load_text(
        "n: 144\nd: 2025-06-23\nno: NO\nyes: yes\nclock: 1:30\nt: true\nzero: 012\nq: '7'\n"
    ).data
    assert data["n"] == 144 and data["zero"] == 12
    assert str(data["d"]) == "2025-06-23"
    # Norway's code, 'yes' and a clock time stay text; only true/false are booleans.
    assert (data["no"], data["yes"], data["clock"], data["t"]) == ("NO", "yes", "1:30", True)
    assert data["q"] == "7"


def test_norway_is_a_state_not_a_boolean(tmp_path):
    found = findings(replace_line("  state: KAZ", "  state: NOR"), tmp_path)
    assert not [f for f in found if f["severity"] == "error"]


def test_a_number_where_text_is_expected_asks_for_quotes(tmp_path):
    text = replace_line("  title: >-", "  title: 1984\n  subtitle: >-")
    found = findings(text, tmp_path)
    f = next(f for f in found if f["code"] == "SK102" and "'title'" in f["message"])
    assert "quotes" in f["hint"]


def test_a_single_value_where_a_list_is_expected_shows_the_list_form(tmp_path):
    f = only(findings(replace_line("articles: [7]\n", "articles: 7\n"), tmp_path), "SK102")
    assert "'articles': input should be a valid list" in f["message"]
    assert "articles: [7]" in f["hint"]


def test_a_shell_glob_that_catches_a_track_file_validates_only_the_drafts(tmp_path, subkit):
    draft = tmp_path / "statement.yaml"
    draft.write_text(GOOD, encoding="utf-8")
    (tmp_path / "statement.track.yaml").write_text('compensation: "34 (c)"\n', encoding="utf-8")
    result = subkit("validate", *sorted(str(p) for p in tmp_path.glob("*.yaml")))
    assert result.returncode == 0, result.stdout
    assert "1 draft checked" in result.stdout
