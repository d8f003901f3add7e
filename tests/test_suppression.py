"""Inline suppressions: a YAML comment that names the rule and gives a reason silences one finding."""

from __future__ import annotations

from check_samples import codes, lint_text, oral_text

from submission_kit.diagnostics import Severity
from submission_kit.lint.suppression import find_suppressions

ESTABLISHING = "    - id: border-referral\n      text: >-\n"


def with_comment(comment: str) -> str:
    return oral_text().replace(
        ESTABLISHING, f"    - id: border-referral\n      text: >- {comment}\n"
    )


def test_suppression_with_a_reason_silences_the_finding_below_its_key() -> None:
    text = with_comment(
        "# subkit: ignore[SK401, SK403] reason: quoted as delivered at the briefing"
    )
    found = lint_text(text)
    assert [d.path for d in codes(found, "SK403")] == ["asks.items.2.text"]  # ask 3 still shows
    assert codes(found, "SK401") == []
    assert codes(found, "SK390") == [] and codes(found, "SK391") == []


def test_suppression_on_its_own_line_above_the_finding() -> None:
    text = oral_text().replace(
        "time_limit: 3 min\n",
        "# subkit: ignore[SK303] reason: the chair granted four minutes\ntime_limit: 3 min\n",
    )
    assert codes(lint_text(text), "SK303") == []


def test_suppression_without_a_reason_is_itself_a_finding_and_silences_nothing() -> None:
    text = with_comment("# subkit: ignore[SK403]")
    found = lint_text(text)
    assert len(codes(found, "SK403")) == 2
    missing = codes(found, "SK390")
    assert len(missing) == 1 and missing[0].severity is Severity.ERROR
    line = text.split("\n")[missing[0].line - 1]
    assert line[missing[0].column - 1 :].startswith("# subkit: ignore[SK403]")


def test_a_suppression_that_suppresses_nothing_is_reported() -> None:
    text = with_comment("# subkit: ignore[SK402] reason: the hedge is the speaker's")
    unused = codes(lint_text(text), "SK391")
    assert [d.message for d in unused] == ["the suppression of SK402 suppresses nothing"]


def test_a_suppression_naming_an_unknown_code_is_reported() -> None:
    text = with_comment("# subkit: ignore[SK999] reason: typo")
    assert [d.message for d in codes(lint_text(text), "SK391")] == [
        "the suppression names 'SK999', which is not a rule that can be suppressed"
    ]


def test_hash_signs_inside_quoted_strings_and_block_text_are_not_comments() -> None:
    lines = [
        'title: "See # subkit: ignore[SK401] reason: not a comment"',
        "note: 'it''s # subkit: ignore[SK402] reason: still text'",
        "body: >-",
        "  # subkit: ignore[SK403] reason: this line is text of the block",
        "  more text",
        "kind: oral_statement  # subkit: ignore[SK303] reason: a real comment",
        "plain: don't # subkit: ignore[SK304] reason: real too",
    ]
    found = find_suppressions(lines)
    assert [(s.line, s.codes) for s in found] == [(6, ["SK303"]), (7, ["SK304"])]
    assert found[0].reason == "a real comment"


def _validate(tmp_path, text: str):
    from click.testing import CliRunner

    from submission_kit.cli import cli

    draft = tmp_path / "draft.yaml"
    draft.write_text(text, encoding="utf-8")
    return CliRunner().invoke(cli, ["validate", str(draft)])


def test_validate_honours_a_suppression_of_a_validation_finding(tmp_path) -> None:
    unknown_state = oral_text().replace("  state: KAZ\n", "  state: KZX\n")
    assert "SK202" in _validate(tmp_path, unknown_state).output
    for directive in ("subkit: ignore[SK202]", "SUBKIT : Ignore[sk202]"):
        silenced = unknown_state.replace(
            "  state: KZX\n", f"  state: KZX  # {directive} reason: a State not yet listed\n"
        )
        result = _validate(tmp_path, silenced)
        assert result.exit_code == 0, result.output
        assert "SK202" not in result.output


def test_validate_reports_a_suppression_without_a_reason(tmp_path) -> None:
    text = oral_text().replace("  state: KAZ\n", "  state: KZX  # subkit: ignore[SK202]\n")
    result = _validate(tmp_path, text)
    assert result.exit_code == 1
    assert "SK390" in result.output and "SK202" in result.output
