"""Settings in pyproject.toml [tool.subkit] or subkit.toml change which rules run and how loud."""

from __future__ import annotations

import json
from pathlib import Path

from check_samples import oral_text, write
from conftest import run_subkit


def findings(folder: Path, *args: str) -> list[dict]:
    result = run_subkit("check", "--format", "json", "--no-render", *args, cwd=folder)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_pyproject_settings_ignore_and_relevel_rules(tmp_path: Path) -> None:
    write(tmp_path, "statement.yaml", oral_text())
    before = {d["code"] for d in findings(tmp_path, "statement.yaml")}
    assert {"SK303", "SK401", "SK403"} <= before
    write(
        tmp_path,
        "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.subkit]\nignore = ["SK401", "speaking-time"]\n'
        'severity = { SK403 = "error" }\n',
    )
    after = findings(tmp_path, "statement.yaml")
    assert {d["code"] for d in after} == before - {"SK401", "SK303"}
    assert {d["severity"] for d in after if d["code"] == "SK403"} == {"error"}
    assert run_subkit("check", "--no-render", "statement.yaml", cwd=tmp_path).returncode == 1


def test_subkit_toml_sets_pace_and_select_by_prefix(tmp_path: Path) -> None:
    write(tmp_path, "statement.yaml", oral_text())
    write(tmp_path, "subkit.toml", 'select = ["SK3"]\nwords-per-minute = 130\n')
    assert (
        findings(tmp_path, "statement.yaml") == []
    )  # SK4xx not selected; 387 words fit at 130 wpm


def test_per_path_settings_apply_to_matching_drafts_only(tmp_path: Path) -> None:
    write(tmp_path, "drafts/old/statement.yaml", oral_text())
    write(tmp_path, "drafts/new/statement.yaml", oral_text())
    write(tmp_path, "subkit.toml", '[per-path."drafts/old/*"]\nignore = ["SK4"]\n')
    found = findings(tmp_path, "drafts")
    old = {d["code"] for d in found if "/old/" in d["file"]}
    new = {d["code"] for d in found if "/new/" in d["file"]}
    assert "SK403" in new and not any(c.startswith("SK4") for c in old) and "SK303" in old


def test_an_unknown_rule_code_in_the_settings_stops_with_its_location(tmp_path: Path) -> None:
    write(tmp_path, "statement.yaml", oral_text())
    write(tmp_path, "subkit.toml", 'words-per-minute = 120\nignore = ["SK401", "SK999"]\n')
    result = run_subkit("check", "statement.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("subkit: ")
    assert "subkit.toml:2:20: unknown rule code 'SK999' in 'ignore'" in result.stderr
    assert "Traceback" not in result.stderr


def test_invalid_toml_stops_with_line_and_column(tmp_path: Path) -> None:
    write(tmp_path, "statement.yaml", oral_text())
    write(tmp_path, "pyproject.toml", '[tool.subkit]\nignore = ["SK401"\n')
    result = run_subkit("check", "statement.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "pyproject.toml:3:1: invalid TOML" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_setting_values_are_explained(tmp_path: Path) -> None:
    write(tmp_path, "statement.yaml", oral_text())
    write(tmp_path, "subkit.toml", 'state-party = "state party"\n')
    result = run_subkit("check", "statement.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert (
        "subkit.toml:1:1: 'state-party' must be one of 'State party', 'State Party'"
        in result.stderr
    )
    write(tmp_path, "subkit.toml", "speed = 3\n")
    result = run_subkit("check", "statement.yaml", cwd=tmp_path)
    assert result.returncode == 2 and "unknown setting 'speed'" in result.stderr
