"""`subkit check --fix` applies only safe fixes, touches only their bytes, and never breaks a draft."""

from __future__ import annotations

import os
from pathlib import Path

from check_samples import oral_text, write
from conftest import run_subkit

# A draft with typed numbers, a comment, odd quoting and a "State Party" that must become
# "State party": everything else must survive byte for byte.
BEFORE = (
    oral_text()
    .replace(
        "      text: >-\n        Urge the State to disclose",
        "      text: >-  # keep this comment\n        1. Urge the State to disclose",
    )
    .replace(
        "      text: >-\n        Urge the State party to recognize",
        '      text: "6) Urge the State Party to recognize that human rights obligations under international law take precedence over regional and bilateral agreements, and ensure refugee protection is not undermined."\n      # a comment between keys\n      x_removed: >-\n        Urge the State party to recognize',
    )
)


def fixture_text() -> str:
    text = BEFORE
    # Drop the leftover folded text so the draft stays valid: the quoted line replaces it.
    start = text.index("      x_removed: >-\n")
    end = text.index("      articles: [2]\n")
    return text[:start] + text[end:]


def test_fix_removes_typed_numbers_and_respells_state_party_keeping_every_other_byte(
    tmp_path: Path,
) -> None:
    original = fixture_text()
    draft = write(tmp_path, "statement.yaml", original)
    os.chmod(draft, 0o640)
    first = run_subkit("check", "--no-render", str(draft))
    assert "SK206" in first.stdout and "SK330" in first.stdout and first.returncode == 1

    result = run_subkit("check", "--fix", "--no-render", str(draft))
    assert result.returncode == 0, result.stdout + result.stderr
    expected = original.replace("        1. Urge the State", "        Urge the State").replace(
        '"6) Urge the State Party to', '"Urge the State party to'
    )
    assert draft.read_text(encoding="utf-8") == expected
    assert "# keep this comment" in expected and "# a comment between keys" in expected
    assert (draft.stat().st_mode & 0o777) == 0o640
    assert "Fixed 3 finding(s)." in result.stdout
    assert "SK206" not in result.stdout and "SK330" not in result.stdout
    assert "SK403" in result.stdout  # not a safe fix: left for the writer
    assert [p.name for p in tmp_path.iterdir()] == ["statement.yaml"]  # no temporary file left


def test_fix_leaves_a_draft_without_fixable_findings_untouched(tmp_path: Path) -> None:
    draft = write(tmp_path, "statement.yaml", oral_text())
    before = draft.stat().st_mtime_ns
    result = run_subkit("check", "--fix", "--no-render", str(draft))
    assert result.returncode == 0
    assert draft.read_text(encoding="utf-8") == oral_text()
    assert draft.stat().st_mtime_ns == before


def test_state_party_split_across_lines_is_reported_but_not_rewritten(tmp_path: Path) -> None:
    text = oral_text().replace(
        "Urge the State party to recognize that human rights obligations under\n",
        "Urge the State\n        Party to recognize that human rights obligations under\n",
    )
    draft = write(tmp_path, "statement.yaml", text)
    result = run_subkit("check", "--fix", "--no-render", "--format", "json", str(draft))
    assert '"code": "SK330"' in result.stdout and '"fixable": true' not in result.stdout
    assert draft.read_text(encoding="utf-8") == text


def test_fix_that_would_break_the_yaml_is_refused(tmp_path: Path) -> None:
    # Removing "1. " would leave "[3] ..." at the start of a plain scalar: a YAML list.
    text = (
        oral_text()
        .replace(
            "    - id: human-rights-defenders\n      text: >-\n        Halt the suppression",
            "    - id: human-rights-defenders\n      text: 1. [3] Halt the suppression",
        )
        .replace(
            "        Halt the suppression of human rights defenders and politically motivated\n"
            "        detentions of vulnerable individuals, guaranteeing fair asylum procedures and\n"
            "        legal protections.\n",
            "",
        )
    )
    text = text.replace("1. [3] Halt the suppression\n", "1. [3] Halt the suppression.\n")
    draft = write(tmp_path, "statement.yaml", text)
    result = run_subkit("check", "--fix", "--no-render", str(draft))
    assert result.returncode == 1
    assert "the fixes would make the draft invalid" in result.stderr
    assert draft.read_text(encoding="utf-8") == text
