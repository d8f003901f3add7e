"""The phrase templates compiled ahead of time are those of the catalogues, and are used."""

from __future__ import annotations

import pytest

from submission_kit.compose import phrases as phrases_module
from submission_kit.compose.phrases import (
    COMPILED_DIR,
    Phrases,
    compiled_module,
    compiled_path,
    phrases,
)
from submission_kit.reference.folders import templates_dir

LANGUAGES = sorted(p.stem for p in (templates_dir() / "phrases").glob("*.yaml"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_templates_are_up_to_date_with_the_catalogues(language):
    assert compiled_path(language).read_text(encoding="utf-8") == compiled_module(language), (
        f"templates/phrases/{language}.yaml changed: run `python -m submission_kit.compose` "
        f"and commit submission_kit/compose/phrases_compiled/{language}.py"
    )


def test_one_compiled_module_per_bundled_catalogue():
    modules = sorted(p.stem for p in COMPILED_DIR.glob("*.py") if p.name != "__init__.py")
    assert modules == LANGUAGES


def test_a_render_imports_only_its_own_language_s_templates():
    import subprocess
    import sys

    from conftest import ROOT

    code = (
        "import sys\n"
        "from submission_kit.pipeline.render import render_bytes\n"
        "from submission_kit.validate import validate_file\n"
        "render_bytes(validate_file('examples/kaz-ccpr-list-of-issues.yaml').submission)\n"
        "print(sorted(m for m in sys.modules if m.startswith('submission_kit.compose.phrases_c')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == (
        "['submission_kit.compose.phrases_compiled', 'submission_kit.compose.phrases_compiled.en']"
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
