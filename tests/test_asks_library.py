"""Standard asks: `- use: ID` in a draft is expanded from the library of the draft's language."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ORAL_EXAMPLE, ROOT

from submission_kit.compose import compose
from submission_kit.reference.folders import languages
from submission_kit.validate import validate_file, validate_text
from submission_kit.validate.ask_library import FillError, fill, library, placeholders


def statement(
    asks: list, language: str = "en", spelling: str = "State party", state: str = "KAZ"
) -> str:
    data = yaml.safe_load(ORAL_EXAMPLE.read_text(encoding="utf-8"))
    data["metadata"].update(language=language, state_party_spelling=spelling, state=state)
    data["asks"]["items"] = asks
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_libraries_offer_the_same_asks_and_variables_in_every_language():
    libraries = {lang: library(lang) for lang in languages()}
    for lang, lib in libraries.items():
        assert not lib.problems, (lang, [d.message for d in lib.problems])
        assert len(lib.asks) >= 6
    en = libraries["en"].asks
    for lang in set(libraries) - {"en"}:
        other = libraries[lang].asks
        assert list(other) == list(en)
        for ask_id, ask in en.items():
            assert list(other[ask_id].variables) == list(ask.variables), (lang, ask_id)
            assert other[ask_id].articles == ask.articles


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Ensure that Uzbekistan fully respects the principle of non-refoulement"),
        ("fr", "Veiller à ce que l’Ouzbékistan respecte pleinement le principe de non-refoulement"),
        ("es", "Velar por que Uzbekistán respete plenamente el principio de no devolución"),
    ],
)
def test_non_refoulement_ask_names_the_state_in_the_drafts_language(language, expected):
    result = validate_text(statement([{"use": "non-refoulement"}], language, state="UZB"))
    assert result.ok, [d.message for d in result.diagnostics]
    ask = result.submission.asks.items[0]
    assert ask.text.startswith(expected)
    assert [a.article for a in ask.articles] == [7, 13]


def test_expanded_ask_is_what_rendering_shows():
    result = validate_text(
        statement([{"use": "non-refoulement", "with": {"groups": "Uyghur asylum seekers"}}])
    )
    text = compose(result.submission).text()
    assert "in particular towards Uyghur asylum seekers, and does not expel" in text


def test_draft_articles_win_over_the_librarys():
    result = validate_text(statement([{"use": "non-refoulement", "articles": [6]}]))
    assert [a.article for a in result.submission.asks.items[0].articles] == [6]


@pytest.mark.parametrize("spelling", ["State party", "State Party"])
def test_state_party_spelling_follows_the_metadata(spelling):
    result = validate_text(statement([{"use": "primacy-of-human-rights-law"}], spelling=spelling))
    assert f"the obligations of the {spelling} under" in result.submission.asks.items[0].text


def located(text: str, code: str = "SK208"):
    result = validate_text(text, "draft.yaml")
    found = [d for d in result.diagnostics if d.code == code]
    assert found, [f"{d.code} {d.message}" for d in result.diagnostics]
    lines = text.split("\n")
    return found, lines


def test_unknown_ask_id_is_located_with_the_closest_id():
    (d, *_), lines = located(statement([{"use": "non-refoulment"}]))
    assert d.message == "no standard ask 'non-refoulment' in the en ask library"
    assert d.hint == "did you mean 'non-refoulement'?"
    assert lines[d.line - 1][d.column - 1 :].startswith("non-refoulment")


def test_missing_variable_is_located_and_described():
    (d, *_), lines = located(statement([{"use": "ratify-optional-protocol"}], "fr"))
    assert "needs a value for 'instrument'" in d.message
    assert "Protocole facultatif" in d.message  # the variable's description, in French
    assert lines[d.line - 1].strip().startswith("- use: ratify-optional-protocol")


def test_unknown_variable_given_is_located_at_its_key():
    (d, *_), lines = located(statement([{"use": "non-refoulement", "with": {"group": "migrants"}}]))
    assert d.message == "standard ask 'non-refoulement' has no variable 'group'"
    assert d.hint == "did you mean 'groups'?"
    assert lines[d.line - 1][d.column - 1 :].startswith("group:")


def test_text_and_use_together_are_a_schema_error():
    result = validate_text(statement([{"use": "non-refoulement", "text": "Also this."}]))
    assert any("either 'text' or 'use'" in d.message for d in result.diagnostics)


def test_coalition_library_adds_and_replaces_asks(tmp_path: Path):
    folder = tmp_path / "our-templates"
    (folder / "asks").mkdir(parents=True)
    (folder / "asks" / "en.yaml").write_text(
        "close-camps:\n"
        "  description: Close the camps\n"
        "  variables:\n"
        "    camp: name of the camp\n"
        "  text: Close {camp} in {state} and release everyone held there.\n",
        encoding="utf-8",
    )
    (tmp_path / "subkit.toml").write_text('templates = "our-templates"\n', encoding="utf-8")
    draft = tmp_path / "draft.yaml"
    draft.write_text(
        statement(
            [
                {"use": "close-camps", "with": {"camp": "the Almaty centre"}},
                {"use": "non-refoulement"},
            ]
        ),
        encoding="utf-8",
    )
    result = validate_file(draft)
    assert result.ok, [d.message for d in result.diagnostics]
    texts = [a.text for a in result.submission.asks.items]
    assert texts[0] == "Close the Almaty centre in Kazakhstan and release everyone held there."
    assert texts[1].startswith("Ensure that Kazakhstan")
    listed = subprocess.run(
        [sys.executable, "-m", "submission_kit", "asks", "--templates", str(folder)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert "close-camps: Close the camps" in listed.stdout
    assert "with camp: name of the camp (required)" in listed.stdout


def test_a_broken_library_entry_is_reported_in_the_library_file(tmp_path: Path):
    folder = tmp_path / "t"
    (folder / "asks").mkdir(parents=True)
    (folder / "asks" / "en.yaml").write_text(
        "bad:\n  text: Do {this.__class__} now.\n", encoding="utf-8"
    )
    (tmp_path / "subkit.toml").write_text('templates = "t"\n', encoding="utf-8")
    draft = tmp_path / "draft.yaml"
    draft.write_text(statement([{"use": "non-refoulement"}]), encoding="utf-8")
    problems = [d for d in validate_file(draft).diagnostics if d.code == "SK208"]
    assert problems and problems[0].file.endswith("en.yaml") and problems[0].line == 2


def test_substitution_has_no_attribute_access_format_specs_or_second_pass():
    assert fill("{a} and {{literal}}", {"a": "{b}", "b": "no"}) == "{b} and {literal}"
    for bad in ("{a.b}", "{a[0]}", "{a!r}", "{a:>10}", "{0}", "{ a }", "lone { brace"):
        with pytest.raises(FillError):
            placeholders(bad)
        with pytest.raises(FillError):
            fill(bad, {"a": "x"})
    with pytest.raises(FillError) as missing:
        fill("{who}", {})
    assert missing.value.name == "who"


def test_validate_path_stays_free_of_jinja2_when_drafts_use_the_library(tmp_path: Path):
    draft = tmp_path / "draft.yaml"
    draft.write_text(statement([{"use": "non-refoulement"}]), encoding="utf-8")
    code = (
        "import sys\n"
        "from submission_kit.validate import validate_file\n"
        f"r = validate_file({str(draft)!r})\n"
        "assert r.ok, [d.message for d in r.diagnostics]\n"
        "assert 'jinja2' not in sys.modules and 'docx' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
