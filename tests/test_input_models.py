"""Every input the kit reads (settings, ask libraries, template declarations, drafts) goes
through a pydantic model and the one error-to-location bridge: a mistake is named at
file:line:column with a hint, an unknown key suggests the close one, and every error a user
can cause is a `diagnostics.UserError` that the commands report once, without a traceback."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from check_samples import oral_text, write
from conftest import run_subkit

import submission_kit
from submission_kit.diagnostics import KitFault, UserError

# --- settings ------------------------------------------------------------------------------------


def test_a_bad_setting_value_stops_with_its_place_and_a_hint(tmp_path: Path) -> None:
    write(tmp_path, "statement.yaml", oral_text())
    write(tmp_path, "subkit.toml", 'ignore = ["SK401"]\n\nwords-per-minute = "fast"\n')
    result = run_subkit("check", "--no-render", "statement.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "subkit: subkit.toml:3:1: 'words-per-minute' must be a whole number from 60 to 250\n"
    )
    write(tmp_path, "subkit.toml", 'severity = { SK401 = "loud" }\n')
    result = run_subkit("check", "--no-render", "statement.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("subkit: subkit.toml:1:14: 'loud' is not a severity")
    assert '(use "error", "warning" or "info")' in result.stderr


def test_an_unknown_setting_suggests_the_close_one(tmp_path: Path) -> None:
    write(tmp_path, "statement.yaml", oral_text())
    write(tmp_path, "subkit.toml", "word-limt = 3000\n")
    result = run_subkit("check", "--no-render", "statement.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "subkit: subkit.toml:1:1: unknown setting 'word-limt' (did you mean 'word-limit'?)\n"
    )


def test_a_mistake_in_a_per_path_table_is_placed_in_that_table(tmp_path: Path) -> None:
    # The top-level `ignore` is fine; the per-path one names an unknown code, on line 4.
    write(tmp_path, "statement.yaml", oral_text())
    write(
        tmp_path,
        "subkit.toml",
        'ignore = ["SK401"]\n\n[per-path."drafts/*"]\nignore = ["SK4", "SK999"]\nignor = []\n',
    )
    result = run_subkit("check", "--no-render", "statement.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(
        "subkit: subkit.toml:4:18: unknown rule code 'SK999' in 'ignore'"
    ), result.stderr


def test_an_unknown_setting_in_a_per_path_table_names_the_table(tmp_path: Path) -> None:
    from submission_kit import settings as config

    write(tmp_path, "subkit.toml", '[per-path."drafts/*"]\nignor = ["SK401"]\n')
    with pytest.raises(config.ConfigError) as caught:
        config.load_settings(tmp_path / "subkit.toml")
    assert caught.value.where == f"{tmp_path / 'subkit.toml'}:2:1"
    assert caught.value.message == "unknown setting 'ignor' in 'per-path.drafts/*'"
    assert caught.value.hint == "did you mean 'ignore'?"


def test_settings_keep_what_they_set_and_per_path_tables_add_to_them(tmp_path: Path) -> None:
    from submission_kit import settings as config

    (tmp_path / "ours").mkdir()
    write(
        tmp_path,
        "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.subkit]\nignore = "SK401"\nselect = ["SK4", "SK3"]\n'
        'severity = { SK403 = "error" }\nwords-per-minute = 130\ntemplates = "ours"\n'
        'state-party = "State Party"\nupr-word-limit-joint = 6000\n'
        '[tool.subkit.per-path."old/*"]\nignore = ["SK303"]\nseverity = { SK401 = "info" }\n',
    )
    settings = config.load_settings(tmp_path / "pyproject.toml")
    assert settings.ignore == ("SK401",) and settings.select == ("SK4", "SK3")
    assert settings.words_per_minute == 130 and settings.state_party == "State Party"
    assert settings.upr_word_limit_joint == 6000
    assert settings.templates == ((tmp_path / "ours").resolve(),)
    old = settings.for_file(tmp_path / "old" / "draft.yaml")
    assert old.ignore == ("SK401", "SK303")
    assert dict(old.severity) == {"SK401": "info", "SK403": "error"}
    assert settings.for_file(tmp_path / "new" / "draft.yaml").ignore == ("SK401",)


# --- ask libraries -------------------------------------------------------------------------------


def library_problems(tmp_path: Path, text: str) -> list:
    from submission_kit.validate.ask_library import library

    folder = tmp_path / "ours"
    (folder / "asks").mkdir(parents=True)
    (folder / "asks" / "en.yaml").write_text(text, encoding="utf-8")
    lib = library("en", (folder,))
    return [d for d in lib.problems if d.file.startswith(str(folder))]


def test_a_bad_value_in_an_ask_library_is_located_with_a_hint(tmp_path: Path) -> None:
    found = library_problems(
        tmp_path,
        "close-camps:\n  variables:\n    state: the State\n  text: Close the camps.\n",
    )
    assert [(d.code, d.line, d.column) for d in found] == [("SK208", 3, 5)]
    assert found[0].message == "'state' is filled automatically from the draft's metadata"
    assert found[0].hint == "remove it from 'variables'"


def test_an_unknown_field_in_an_ask_library_suggests_the_close_one(tmp_path: Path) -> None:
    from submission_kit.validate.ask_library import library

    found = library_problems(tmp_path, "close-camps:\n  text: Close the camps.\n  descripton: x\n")
    assert [(d.code, d.line, d.column) for d in found] == [("SK208", 3, 3)]
    assert found[0].message == "unknown field 'descripton' in 'close-camps'"
    assert found[0].hint == "did you mean 'description'?"
    # The entry is still usable: its only fault is the misspelt field.
    assert "close-camps" in library("en", (tmp_path / "ours",)).asks


def test_a_missing_text_in_an_ask_library_is_one_finding_for_the_typo(tmp_path: Path) -> None:
    found = library_problems(tmp_path, "close-camps:\n  txt: Close the camps.\n")
    assert [(d.line, d.column) for d in found] == [(2, 3)]
    assert "did you mean the required field 'text'?" in found[0].message


# --- template declarations -----------------------------------------------------------------------


def declaration_error(tmp_path: Path, text: str) -> str:
    folder = tmp_path / "ours" / "drafts"
    folder.mkdir(parents=True)
    (folder / "ours.vars.yaml").write_text(text, encoding="utf-8")
    (folder / "ours.en.yaml.j2").write_text("kind: oral_statement\n", encoding="utf-8")
    result = run_subkit("templates", "--templates", str(tmp_path / "ours"), cwd=tmp_path)
    assert result.returncode == 2, result.stdout
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
    return result.stderr


def test_a_bad_default_in_a_template_declaration_is_located_with_a_hint(tmp_path: Path) -> None:
    stderr = declaration_error(
        tmp_path,
        "kind: oral_statement\nvariables:\n  - name: session_count\n    type: integer\n"
        "    default: many\n",
    )
    assert stderr == (
        f"subkit: {tmp_path / 'ours' / 'drafts' / 'ours.vars.yaml'}:5:14: bad default: "
        "'session_count' takes a whole number, not 'many' (give a value of the variable's type)\n"
    )


def test_an_unknown_field_in_a_template_declaration_suggests_the_close_one(
    tmp_path: Path,
) -> None:
    stderr = declaration_error(tmp_path, "kind: oral_statement\nvariabls: []\n")
    assert stderr.endswith(
        "ours.vars.yaml:2:1: unknown field 'variabls' (did you mean 'variables'?)\n"
    )


def test_a_template_declaration_without_a_kind_says_what_to_add(tmp_path: Path) -> None:
    stderr = declaration_error(tmp_path, "description: Ours\n")
    assert "ours.vars.yaml:1:1: required field 'kind' is missing" in stderr
    assert "add 'kind:' (the kind of draft it makes, e.g. oral_statement)" in stderr


# --- one user-error type -------------------------------------------------------------------------


def _exception_classes() -> list[type[BaseException]]:
    """Every public exception class defined in the package, found by importing each module."""
    found: dict[str, type[BaseException]] = {}
    for info in pkgutil.walk_packages(submission_kit.__path__, "submission_kit."):
        if info.name.rsplit(".", 1)[-1] == "__main__":
            continue  # running the command, not a module to look into
        module = importlib.import_module(info.name)
        for name, obj in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(obj, BaseException)
                and obj.__module__ == module.__name__
                and not name.startswith("_")
            ):
                found[f"{obj.__module__}.{name}"] = obj
    return [found[k] for k in sorted(found)]


EXCEPTIONS = _exception_classes()


def test_the_package_walk_finds_the_error_classes() -> None:
    names = {c.__name__ for c in EXCEPTIONS}
    assert {"ConfigError", "CatalogueError", "FileProblem", "RenderError"} <= names


@pytest.mark.parametrize(
    "cls",
    [pytest.param(c, id=f"{c.__module__}.{c.__name__}") for c in EXCEPTIONS],
)
def test_every_error_a_user_can_cause_is_a_user_error(cls: type[BaseException]) -> None:
    # A fault of the kit itself (a broken bundled catalogue) is the one other kind.
    assert issubclass(cls, UserError | KitFault), (
        f"{cls.__module__}.{cls.__name__} is neither a diagnostics.UserError nor a KitFault"
    )


def test_file_problems_are_user_errors_and_os_errors(tmp_path: Path) -> None:
    from submission_kit import files

    with pytest.raises(OSError) as caught:
        files.read_bytes(tmp_path / "missing.yaml", 100)
    assert isinstance(caught.value, UserError) and caught.value.hint
    assert str(caught.value) == f"{tmp_path / 'missing.yaml'}: no such file"


def test_a_user_error_in_any_command_is_one_located_line_without_a_traceback(
    tmp_path: Path,
) -> None:
    # The same settings mistake, through commands that read settings in different places.
    write(tmp_path, "statement.yaml", oral_text())
    write(tmp_path, "subkit.toml", 'near-limit = "most"\n')
    expected = "subkit: subkit.toml:1:1: 'near-limit' must be a fraction of the limit, e.g. 0.9\n"
    for args in (
        ("check", "--no-render", "statement.yaml"),
        ("render", "statement.yaml", "-o", "out.docx"),
        ("asks",),
    ):
        result = run_subkit(*args, cwd=tmp_path)
        assert (result.returncode, result.stderr) == (2, expected), args
    assert not (tmp_path / "out.docx").exists()
