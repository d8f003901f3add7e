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
    )  # SK4xx not selected; 389 words fit at 130 wpm


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


# One settings file, one answer: check, new, templates and asks read the same file the same way.

NEW = ("new", "oral-statement", "--state", "KAZ", "--committee", "CCPR", "--session", "144")
SETTINGS_COMMANDS = {
    "check": ("check", "--no-render", "statement.yaml"),
    "new": (*NEW, "--org", "Global Detention Project", "-o", "draft.yaml"),
    "templates": ("templates",),
    "asks": ("asks",),
}


def stderr_of_every_command(folder: Path) -> dict[str, str]:
    out = {}
    for name, args in SETTINGS_COMMANDS.items():
        result = run_subkit(*args, cwd=folder)
        assert result.returncode == 2, (name, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
        out[name] = result.stderr
    return out


def test_a_templates_setting_that_is_not_a_folder_stops_every_command_the_same_way(
    tmp_path: Path,
) -> None:
    write(tmp_path, "statement.yaml", oral_text())
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n\n[tool.subkit]\ntemplates = 5\n')
    messages = stderr_of_every_command(tmp_path)
    assert len(set(messages.values())) == 1, messages
    assert messages["check"].startswith(
        "subkit: pyproject.toml:5:1: 'templates' must be a folder or a list of folders"
    )
    assert messages["check"].count("\n") == 1  # one line
    assert not (tmp_path / "draft.yaml").exists()


def test_a_missing_templates_folder_is_reported_where_it_is_named(tmp_path: Path) -> None:
    write(tmp_path, "statement.yaml", oral_text())
    (tmp_path / "ours").mkdir()
    write(tmp_path, "subkit.toml", 'ignore = ["SK401"]\ntemplates = ["ours", "nonexist"]\n')
    messages = stderr_of_every_command(tmp_path)
    assert len(set(messages.values())) == 1, messages
    assert messages["templates"].startswith(
        "subkit: subkit.toml:2:22: templates folder 'nonexist' does not exist"
    )
    assert str(tmp_path.resolve() / "nonexist") in messages["templates"]


def test_templates_lists_the_coalition_templates_the_settings_name(tmp_path: Path) -> None:
    bundled = run_subkit("templates", cwd=tmp_path)
    (tmp_path / "ours").mkdir()
    write(tmp_path, "subkit.toml", 'templates = "ours"\n')
    ours = run_subkit("templates", cwd=tmp_path)
    assert bundled.returncode == ours.returncode == 0, ours.stderr
    assert ours.stdout == bundled.stdout  # an empty folder adds nothing, and is no error


def test_a_subkit_header_in_a_comment_does_not_make_a_settings_file(tmp_path: Path) -> None:
    write(tmp_path, "subkit.toml", 'ignore = ["SK401"]\n')
    write(tmp_path, "project/statement.yaml", oral_text())
    write(
        tmp_path,
        "project/pyproject.toml",
        '# [tool.subkit] settings live in the parent folder\n[project]\nname = "x"\n'
        'description = "see [tool.subkit]"\n',
    )
    codes = {d["code"] for d in findings(tmp_path / "project", "statement.yaml")}
    assert "SK401" not in codes and "SK403" in codes  # the parent's subkit.toml applies


def test_both_loaders_pick_the_same_settings_file(tmp_path: Path, monkeypatch) -> None:
    from submission_kit import settings as config
    from submission_kit.scaffold import project

    write(tmp_path, "subkit.toml", 'state-party = "State Party"\n')
    write(tmp_path, "a/pyproject.toml", '# [tool.subkit]\n[project]\nname = "a"\n')
    write(tmp_path, "a/b/pyproject.toml", "[tool.subkit]\nword-limit = 3000\n")
    monkeypatch.chdir(tmp_path)
    for start, expected in (
        (tmp_path / "a", tmp_path / "subkit.toml"),
        (tmp_path / "a" / "b", tmp_path / "a" / "b" / "pyproject.toml"),
    ):
        found = config.find_settings_file(start)
        path, _ = project.project_settings(start)
        assert found is not None and path is not None
        assert found.resolve() == path.resolve() == expected.resolve()
        assert Path(config.discover(start).source).resolve() == expected.resolve()


def test_a_folder_named_subkit_toml_is_an_error_not_skipped(tmp_path: Path) -> None:
    write(tmp_path, "statement.yaml", oral_text())
    (tmp_path / "subkit.toml").mkdir()
    messages = stderr_of_every_command(tmp_path)
    assert len(set(messages.values())) == 1, messages
    assert messages["check"].startswith(
        "subkit: subkit.toml: subkit.toml is a folder, not a settings file"
    )


def test_templates_cannot_be_set_per_path(tmp_path: Path) -> None:
    write(tmp_path, "statement.yaml", oral_text())
    write(tmp_path, "subkit.toml", '[per-path."drafts/*"]\ntemplates = "ours"\n')
    result = run_subkit("check", "statement.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "subkit.toml:2:1: 'templates' cannot be set in per-path.drafts/*" in result.stderr
