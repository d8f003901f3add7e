"""Every State reads as the UN writes it in running text, in every language: the article and
the natural order ("the Islamic Republic of Iran", "el Brasil", "la République islamique
d'Iran"), never the list form "Iran (Islamic Republic of)" inside a sentence."""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

import pytest
import yaml
from conftest import EXAMPLES

from submission_kit import reference
from submission_kit.compose import compose
from submission_kit.doctree import Heading, ListItem, Text
from submission_kit.validate import validate_text
from submission_kit.validate.ask_library import automatic_values

CODES = reference.country_codes()
LANGUAGES = reference.LANGUAGES
ARTICLES = {
    "en": {"", "the"},
    "fr": {"", "le", "la", "l'", "les"},
    "es": {"", "el", "la", "los", "las"},
}
TEMPLATED = EXAMPLES / "templated"


def test_the_data_has_every_un_member_and_observer_state():
    assert len(CODES) == 195
    assert {"VAT", "PSE"} <= set(CODES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_state_has_a_running_name_and_an_article_in_every_language(language):
    for code in CODES:
        country = reference.country(code)
        assert country is not None and country.has_language(language), code
        article, name = country.running(language)
        assert article in ARTICLES[language], (code, article)
        # Natural order: the list form's parentheses never reach a sentence.
        assert "(" not in name and ")" not in name, (code, name)
        # The article is data, not part of the name (El Salvador excepted: it is the name).
        assert not name.lower().startswith(("the ", "le ", "la ", "les ", "l'", "los ", "las ")), (
            code,
            name,
        )
        if language == "fr" and article == "l'":
            assert name[:1] in "AEIOUÉÈÎaeiouéh" or name.startswith("H"), (code, name)


@pytest.mark.parametrize(
    ("code", "language", "running"),
    [
        ("IRN", "en", "the Islamic Republic of Iran"),
        ("GBR", "en", "the United Kingdom of Great Britain and Northern Ireland"),
        ("NLD", "en", "the Kingdom of the Netherlands"),
        ("PHL", "en", "the Philippines"),
        ("BOL", "en", "the Plurinational State of Bolivia"),
        ("KAZ", "en", "Kazakhstan"),
        ("BRA", "es", "el Brasil"),
        ("ARG", "es", "la Argentina"),
        ("IRN", "es", "la República Islámica del Irán"),
        ("USA", "es", "los Estados Unidos de América"),
        ("SLV", "es", "El Salvador"),
        ("KAZ", "es", "Kazajstán"),
        ("IRN", "fr", "la République islamique d'Iran"),
        ("UZB", "fr", "l'Ouzbékistan"),
        ("NLD", "fr", "le Royaume des Pays-Bas"),
    ],
)
def test_known_states_read_as_un_running_text_writes_them(code, language, running):
    assert reference.country(code).with_article(language) == running


def test_spanish_short_names_keep_the_article_unterm_gives_them():
    states = reference._data(reference.STATES_FILE)
    assert states["IRN"]["es_article"] == "el"  # el Irán
    assert states["BRA"]["es_article"] == "el"
    assert states["SLV"]["es_article"] == ""  # El Salvador carries it in its name


@pytest.mark.parametrize(
    ("code", "language", "of", "to"),
    [
        ("KAZ", "fr", "du Kazakhstan", "au Kazakhstan"),
        ("BOL", "fr", "de l'État plurinational de Bolivie", "à l'État plurinational de Bolivie"),
        ("PHL", "fr", "des Philippines", "aux Philippines"),
        ("CHN", "fr", "de la Chine", "à la Chine"),
        ("ISR", "fr", "d'Israël", "à Israël"),
        ("BRA", "es", "del Brasil", "al Brasil"),
        ("ARG", "es", "de la Argentina", "a la Argentina"),
        ("SLV", "es", "de El Salvador", "a El Salvador"),
        ("NLD", "en", "of the Kingdom of the Netherlands", "to the Kingdom of the Netherlands"),
    ],
)
def test_prepositions_contract_with_the_article_as_the_language_requires(code, language, of, to):
    country = reference.country(code)
    assert (country.of(language), country.to(language)) == (of, to)


# -- in a document: the meeting heading and a standard ask, for every State and language ----


@cache
def statement_data(language: str) -> dict[str, Any]:
    return yaml.safe_load(
        (TEMPLATED / f"kaz-ccpr-oral-statement-{language}.yaml").read_text(encoding="utf-8")
    )


def text_of(block) -> str:
    return "".join(i.text for i in block.content if isinstance(i, Text))


def heading_and_ask(code: str, language: str) -> tuple[str, str]:
    data = copy.deepcopy(statement_data(language))
    data["metadata"]["state"] = code
    result = validate_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert result.ok, [d.message for d in result.diagnostics]
    doc = compose(result.submission)
    heading = next(text_of(b) for b in doc.blocks if isinstance(b, Heading))
    asks = [text_of(b) for b in doc.blocks if isinstance(b, ListItem)]
    ask = next(a for a in asks if "refoulement" in a or "devolución" in a)
    return heading, ask


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_states_meeting_heading_and_standard_ask_read_naturally(language):
    for code in CODES:
        country = reference.country(code)
        running = reference.typographic(country.with_article(language), language)
        heading, ask = heading_and_ask(code, language)
        assert heading.endswith(f" {running}"), (code, heading)
        assert running in ask, (code, ask)
        short = reference.typographic(country.name(language), language)
        if "(" in short:
            assert short not in heading and short not in ask, (code, heading, ask)
        if language == "en":
            # "Ensure that the United Kingdom ...", never "Ensure that United Kingdom ...".
            article, name = country.running("en")
            assert f"that {name}" not in ask or not article, (code, ask)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_ask_librarys_automatic_names_are_the_running_forms(language):
    for code in ("IRN", "GBR", "BRA", "KAZ"):
        values = automatic_values(code, "CCPR", language, "State party")
        country = reference.country(code)
        assert values["state_with_article"] == reference.typographic(
            country.with_article(language), language
        )
        assert values["state_of"] == reference.typographic(country.of(language), language)
        assert values["state"] == reference.typographic(country.name(language), language)
