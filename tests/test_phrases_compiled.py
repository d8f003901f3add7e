"""The phrase templates compiled ahead of time are those of the catalogues, and are used."""

from __future__ import annotations

import pytest

from submission_kit.compose import phrases as phrases_module
from submission_kit.compose.phrases import COMPILED_PATH, Phrases, compiled_module, phrases
from submission_kit.reference.folders import templates_dir

LANGUAGES = sorted(p.stem for p in (templates_dir() / "phrases").glob("*.yaml"))


def test_compiled_templates_are_up_to_date_with_the_catalogues():
    assert COMPILED_PATH.read_text(encoding="utf-8") == compiled_module(), (
        "templates/phrases/ changed: run `python -m submission_kit.compose` and commit "
        "submission_kit/compose/phrases_compiled.py"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_render_compiles_no_template_of_a_bundled_catalogue(language, monkeypatch):
    def no_compiling(*args, **kwargs):
        raise AssertionError("a phrase template was compiled at render time")

    monkeypatch.setattr(phrases_module._environment(), "from_string", no_compiling)
    catalogue = Phrases(language, phrases(language)._data)
    assert catalogue.render("date", day=1, month="x", year=2025).startswith("1")
    assert catalogue.render("list_and", rest="a, b", last="c").startswith("a, b")


def test_an_edited_template_is_compiled_from_its_new_text_not_the_stale_code():
    data = {**phrases("en")._data, "list_and": "{{ rest }} & {{ last }}"}
    assert Phrases("en", data).render("list_and", rest="a", last="b") == "a & b"
    assert Phrases("en", phrases("en")._data).render("list_and", rest="a", last="b") == "a and b"


def test_precompiled_templates_keep_undefined_variables_an_error():
    with pytest.raises(phrases_module.PhraseError, match="'list_and'"):
        Phrases("en", phrases("en")._data).render("list_and", rest="a")
