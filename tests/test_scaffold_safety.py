"""Templates from other organisations: sandboxed, strict about undefined names, safe with values,
and usable from a coalition's own folder (--templates or the project's configuration)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from submission_kit.scaffold.fill import escape_double_quoted

BASE = """kind: oral_statement
metadata:
  committee: {{ committee.code | yaml }}
  state: {{ state.code | yaml }}
  session: {number: {{ session }}}
  stage: constructive_dialogue
  language: {{ lang | yaml }}
  date: 2025-06-23
  title: "Statement on {{ state.name }}"
  organisations: [{name: {{ org | yaml }}}]
speaker: {name: "TODO(speaker)"}
time_limit: 2 min
body: ["Our concern about {{ state.name }}."]
asks:
  lead_in: "We ask the Committee to:"
  items: ["{{ ask }}"]
"""
DECLARATION = """description: Our coalition's statement on detention
kind: oral_statement
variables:
  - name: ask
    description: The one ask of the statement
    default: Ask for figures on detention.
"""


def coalition(tmp_path: Path, template: str = BASE, name: str = "our-statement") -> Path:
    folder = tmp_path / "coalition-templates"
    (folder / "drafts").mkdir(parents=True)
    (folder / "drafts" / f"{name}.vars.yaml").write_text(DECLARATION, encoding="utf-8")
    (folder / "drafts" / f"{name}.yaml.j2").write_text(template, encoding="utf-8")
    return folder


def new(subkit, folder: Path | None, out: Path, *extra: str, name: str = "our-statement", cwd=None):
    """`subkit new` for Kyrgyzstan; `folder` None leaves the templates folder to the settings."""
    templates = ["--templates", str(folder)] if folder else []
    return subkit(
        "new",
        name,
        "--state",
        "KGZ",
        "--committee",
        "CCPR",
        "--session",
        "144",
        "--org",
        "Coalition",
        *templates,
        *extra,
        "-o",
        str(out),
        cwd=cwd,
    )


def test_coalition_templates_are_listed_next_to_the_bundled_ones_and_used(subkit, tmp_path):
    folder = coalition(tmp_path)
    listed = subkit("templates", "--templates", str(folder))
    assert "our-statement" in listed.stdout and "oral-statement" in listed.stdout
    assert str(folder / "drafts") in listed.stdout
    shown = subkit("templates", "--templates", str(folder), "show", "our-statement")
    assert "ask" in shown.stdout and "The one ask of the statement" in shown.stdout
    out = tmp_path / "draft.yaml"
    made = new(subkit, folder, out, "--var", "ask=Release everyone held for over a year.")
    assert made.returncode == 0, made.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["metadata"]["title"] == "Statement on Kyrgyzstan"
    assert data["asks"]["items"] == ["Release everyone held for over a year."]


def test_project_configuration_names_the_coalition_folder(subkit, tmp_path):
    coalition(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.subkit]\ntemplates = "coalition-templates"\n', encoding="utf-8"
    )
    listed = subkit("templates", cwd=tmp_path)
    assert "our-statement" in listed.stdout
    made = new(subkit, None, Path("draft.yaml"), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "draft.yaml").exists()


def test_undefined_variable_names_the_template_line_and_variable(subkit, tmp_path):
    template = BASE.replace('body: ["Our concern', 'body: ["{{ detention_figure }} Our concern')
    folder = coalition(tmp_path, template)
    out = tmp_path / "draft.yaml"
    made = new(subkit, folder, out)
    assert made.returncode == 2
    assert f"{folder / 'drafts' / 'our-statement.yaml.j2'}:13:" in made.stderr
    assert "variable 'detention_figure' is not defined" in made.stderr
    assert not out.exists()


def test_undefined_attribute_is_an_error_not_a_blank(subkit, tmp_path):
    folder = coalition(tmp_path, BASE.replace("{{ state.name }}.", "{{ state.capital }}."))
    made = new(subkit, folder, tmp_path / "draft.yaml")
    assert made.returncode == 2
    assert "our-statement.yaml.j2:13:" in made.stderr and "'capital'" in made.stderr


@pytest.mark.parametrize(
    "attack",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__.os }}",
        "{{ lipsum.__globals__['os'].popen('id').read() }}",
        "{{ state.__class__ }}",
    ],
)
def test_template_reaching_python_internals_fails_clearly(subkit, tmp_path, attack):
    folder = coalition(tmp_path, BASE.replace("{{ ask }}", attack))
    out = tmp_path / "draft.yaml"
    made = new(subkit, folder, out)
    assert made.returncode == 2
    assert "our-statement.yaml.j2:16:" in made.stderr
    assert "tries to reach Python internals" in made.stderr
    assert "Traceback" not in made.stderr
    assert not out.exists()


def test_template_syntax_error_names_file_and_line(subkit, tmp_path):
    folder = coalition(tmp_path, BASE.replace("time_limit: 2 min", "{% if %}\ntime_limit: 2 min"))
    made = new(subkit, folder, tmp_path / "draft.yaml")
    assert made.returncode == 2
    assert "our-statement.yaml.j2:12: template syntax" in made.stderr


def test_value_outside_double_quotes_is_refused_so_it_cannot_break_yaml(subkit, tmp_path):
    folder = coalition(tmp_path, BASE.replace('items: ["{{ ask }}"]', "items: [{{ ask }}]"))
    made = new(subkit, folder, tmp_path / "draft.yaml", "--var", "ask=Ask: with a colon")
    assert made.returncode == 2
    assert "outside a double-quoted string" in made.stderr
    assert "our-statement.yaml.j2:16" in made.stderr


def test_template_that_makes_an_invalid_draft_writes_nothing(subkit, tmp_path):
    folder = coalition(tmp_path, BASE.replace("time_limit: 2 min", "time_limit: soon"))
    out = tmp_path / "draft.yaml"
    made = new(subkit, folder, out)
    assert made.returncode == 2
    assert "does not validate" in made.stderr and "time_limit" in made.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    "value",
    ['Rights: "Now"', "back\\slash", "line\nbreak", "tab\there", "# not a comment", "\ue000x"],
)
def test_escaped_values_read_back_exactly(value):
    assert yaml.safe_load(f'key: "{escape_double_quoted(value)}"') == {"key": value}


def test_hostile_variable_value_reads_back_exactly_from_the_draft(subkit, tmp_path):
    folder = coalition(tmp_path)
    out = tmp_path / "draft.yaml"
    hostile = 'Say "no": \\ end'
    made = new(subkit, folder, out, "--var", f"ask={hostile}")
    assert made.returncode == 0, made.stderr
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["asks"]["items"] == [hostile]


def test_bad_declaration_is_reported_with_its_file(subkit, tmp_path):
    folder = coalition(tmp_path)
    (folder / "drafts" / "our-statement.vars.yaml").write_text(
        "kind: oral_statement\nvariables:\n  - name: state\n", encoding="utf-8"
    )
    listed = subkit("templates", "--templates", str(folder))
    assert listed.returncode == 2
    assert "our-statement.vars.yaml" in listed.stderr and "'state' is built in" in listed.stderr
