"""Hostile bytes and values found by fuzzing the loader: each is a located message, never a
traceback and never a flood of findings."""

from __future__ import annotations

import json

import pytest
from conftest import ORAL_EXAMPLE, run_subkit

from submission_kit.load import load_file
from submission_kit.validate import validate_text

GOOD = ORAL_EXAMPLE.read_text(encoding="utf-8")
THANKS = "  - >-\n    Thank you for this opportunity"


def with_line(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


@pytest.mark.parametrize(
    ("escape", "code_point"),
    [("\\x01", "U+0001"), ("\\e", "U+001B"), ("\\v", "U+000B"), ("\\f", "U+000C"),
     ("\\uFFFE", "U+FFFE"), ("\\0", "U+0000"), ("\\U0000001F", "U+001F")],
)  # fmt: skip
def test_a_control_character_written_as_an_escape_is_caught_where_it_is_written(escape, code_point):
    line = f'  - "Thank you.{escape} We are grateful."'
    text = with_line(THANKS, line + "\n" + THANKS)
    result = validate_text(text, "draft.yaml")
    found = [d for d in result.diagnostics if d.code == "SK010"]
    assert len(found) == 1, [d.message for d in result.diagnostics]
    d = found[0]
    assert (d.line, d.column) == (line_of(text, "Thank you."), line.index("\\") + 1)
    assert f"the escape '{escape}'" in d.message and code_point in d.message
    assert "Word document" in d.message and d.hint
    assert result.submission is None or not result.ok


def test_an_escaped_control_character_never_reaches_render(tmp_path):
    draft = tmp_path / "draft.yaml"
    draft.write_text(with_line(THANKS, '  - "Thank you.\\x01"\n' + THANKS), encoding="utf-8")
    result = run_subkit("render", str(draft), "-o", str(tmp_path / "out.docx"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "SK010 error: the escape '\\x01'" in result.stdout
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("!!int abc", "'abc' is not a whole number, as its tag '!!int' requires"),
        ('!!int "-"', "'-' is not a whole number"),
        ('!!int ""', "'' is not a whole number"),
        ('!!float ""', "'' is not a number, as its tag '!!float' requires"),
        ("!!timestamp x", "'x' is not a date, as its tag '!!timestamp' requires"),
        ("!!bool x", "'x' is not true or false, as its tag '!!bool' requires"),
    ],
)
def test_an_explicit_tag_on_a_value_it_cannot_hold_is_a_located_error(tmp_path, value, words):
    text = with_line("meeting: informal_briefing", f"meeting: {value}")
    draft = tmp_path / "draft.yaml"
    draft.write_text(text, encoding="utf-8")
    result = run_subkit("validate", "--format", "json", str(draft))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    found = [f for f in json.loads(result.stdout) if f["code"] == "SK001"]
    assert found and found[0]["line"] == line_of(text, "meeting: !!")
    assert found[0]["column"] == len("meeting: ") + 1
    assert words in found[0]["message"]
    assert "remove the '!!" in found[0]["hint"]


def test_a_plain_integer_of_thousands_of_digits_is_a_located_error():
    text = with_line("  session:\n    number: 144", "  session:\n    number: " + "9" * 5000)
    result = validate_text(text, "draft.yaml")
    d = next(d for d in result.diagnostics if d.code == "SK001")
    assert d.line == line_of(text, "number: 999")
    assert "5,000 digits" in d.message and "quotes" in d.hint


@pytest.mark.parametrize(
    ("encoding", "bom", "said"),
    [
        ("utf-32-le", False, "UTF-32 (without a byte-order mark)"),
        ("utf-32-be", False, "UTF-32 (without a byte-order mark)"),
        ("utf-32", True, "UTF-32, not UTF-8"),
        ("utf-16-le", False, "UTF-16 (without a byte-order mark)"),
        ("utf-16", True, "UTF-16, not UTF-8"),
    ],
)
def test_a_wide_encoding_is_named_once(tmp_path, encoding, bom, said):
    draft = tmp_path / "draft.yaml"
    raw = GOOD.encode(encoding)
    assert raw[:2] in (b"\xff\xfe", b"\xfe\xff") or raw[:4] == b"\x00\x00\xfe\xff" or not bom
    draft.write_bytes(raw)
    loaded = load_file(draft)
    assert [d.code for d in loaded.diagnostics] == ["SK005"]
    assert said in loaded.diagnostics[0].message
    assert "UTF-8" in loaded.diagnostics[0].hint
    result = run_subkit("validate", str(draft))
    assert result.returncode == 1
    assert result.stdout.count("SK005") == 1 and "U+0000" not in result.stdout


def test_half_a_character_passed_as_text_is_reported_not_raised():
    text = with_line("  state: KAZ", "  state: KAZ\n  title: x\ud800y")
    result = validate_text(text, "draft.yaml")
    d = next(d for d in result.diagnostics if d.code == "SK010")
    assert (d.line, d.column) == (line_of(text, "title: x"), len("  title: x") + 1)
    assert "U+D800" in d.message
