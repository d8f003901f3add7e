"""The reference data: the nine committees and their treaties, and the States a draft may name."""

from __future__ import annotations

import re

import pytest
from conftest import ORAL_EXAMPLE

from submission_kit import reference
from submission_kit.validate import validate_text

#: The nine treaty bodies, as the UN lists them: the data must hold each of them.
ALL_COMMITTEES = ("CCPR", "CESCR", "CAT", "CEDAW", "CERD", "CRC", "CMW", "CRPD", "CED")


@pytest.mark.parametrize("code", reference.committee_codes())
def test_every_committee_loads_with_its_treaty_and_article_range(code: str):
    committee = reference.committee(code)
    treaty = committee.treaty
    assert treaty.committee == code
    assert treaty.name["en"]
    assert 1 <= treaty.articles <= treaty.total_articles
    assert treaty.has_article(1)
    assert treaty.has_article(treaty.articles)
    assert not treaty.has_article(treaty.articles + 1)
    assert not treaty.has_article(0)


def test_the_nine_committees_are_all_there():
    assert sorted(reference.committee_codes()) == sorted(ALL_COMMITTEES)


@pytest.mark.parametrize(("code", "last"), [("CCPR", 27), ("CAT", 16)])
def test_substantive_articles_have_english_titles(code: str, last: int):
    treaty = reference.committee(code).treaty
    assert treaty.articles == last
    for article in range(1, last + 1):
        title = treaty.title(article, "en")
        assert title and title.strip() == title, f"{code} art. {article}: {title!r}"


def test_known_article_titles():
    ccpr = reference.committee("CCPR").treaty
    cat = reference.committee("CAT").treaty
    assert "torture" in ccpr.title(7, "en").lower()
    assert "association" in ccpr.title(22, "en").lower()
    assert "refoulement" in cat.title(3, "en").lower() or "expulsion" in cat.title(3, "en").lower()


@pytest.mark.parametrize(("code", "article"), [("CCPR", 28), ("CAT", 17)])
def test_article_beyond_the_substantive_part_is_rejected(code: str, article: int):
    treaty = reference.committee(code).treaty
    assert not treaty.has_article(article)
    assert treaty.title(article, "en") is None


def test_draft_citing_article_28_of_the_covenant_gets_a_located_error():
    text = ORAL_EXAMPLE.read_text(encoding="utf-8")
    assert "articles: [7]\n" in text
    result = validate_text(text.replace("articles: [7]\n", "articles: [28]\n", 1), "draft.yaml")
    found = [d for d in result.diagnostics if d.code == "SK201"]
    assert len(found) == 1
    assert "article 28" in found[0].message
    assert "1 to 27" in found[0].hint
    assert found[0].line > 0


def test_draft_citing_article_17_of_the_convention_against_torture_gets_an_error():
    text = ORAL_EXAMPLE.read_text(encoding="utf-8").replace("committee: CCPR", "committee: CAT", 1)
    assert "articles: [7]\n" in text
    result = validate_text(text.replace("articles: [7]\n", "articles: [17]\n", 1), "draft.yaml")
    # The example also cites ICCPR articles (19, 22) that CAT lacks; only art. 17 matters here.
    found = [d for d in result.diagnostics if d.code == "SK201" and "article 17" in d.message]
    assert [d.message for d in found] == [
        "article 17 is not among the substantive articles of the "
        + reference.committee("CAT").treaty.name["en"]
    ]
    assert "1 to 16" in found[0].hint


def test_all_member_and_observer_states_are_known_in_three_languages():
    codes = reference.country_codes()
    assert len(codes) == 195
    assert len(set(codes)) == 195
    for code in codes:
        country = reference.country(code)
        assert country is not None
        for language in ("en", "fr", "es"):
            name = country.names.get(language)
            assert name and name == name.strip(), f"{code} {language}: {name!r}"
        assert country.fr_article in ("le", "la", "l'", "les", "")


def test_every_state_code_is_three_capital_letters():
    for code in reference.country_codes():
        assert re.fullmatch(r"[A-Z]{3}", code), code


def test_observer_states_are_included():
    assert reference.country("VAT").name() == "Holy See"
    assert reference.country("PSE").name() == "State of Palestine"


@pytest.mark.parametrize(
    ("code", "en", "fr", "article", "es"),
    [
        ("KAZ", "Kazakhstan", "Kazakhstan", "le", "Kazajstán"),
        ("UZB", "Uzbekistan", "Ouzbékistan", "l'", "Uzbekistán"),
        ("KGZ", "Kyrgyzstan", "Kirghizistan", "le", "Kirguistán"),
        ("TUR", "Türkiye", "Türkiye", "la", "Türkiye"),
        (
            "BOL",
            "Bolivia (Plurinational State of)",
            "Bolivie (État plurinational de)",
            "la",
            "Bolivia (Estado Plurinacional de)",
        ),
        ("USA", "United States of America", "États-Unis d'Amérique", "les", None),
        ("IRN", "Iran (Islamic Republic of)", None, "l'", None),
        ("CIV", "Côte d'Ivoire", "Côte d'Ivoire", "la", None),
        ("MDA", "Republic of Moldova", "République de Moldova", "la", None),
        ("GBR", "United Kingdom of Great Britain and Northern Ireland", None, "le", None),
    ],
)
def test_states_carry_their_un_short_names(code, en, fr, article, es):
    country = reference.country(code)
    assert country is not None
    assert country.name("en") == en
    if fr is not None:
        assert country.name("fr") == fr
    if es is not None:
        assert country.name("es") == es
    assert country.fr_article == article


def test_every_state_has_its_two_letter_code_for_the_hint():
    # FR, GB, KZ: a writer who types the two-letter ISO code is told the three-letter one.
    from submission_kit.reference import suggest

    seen: dict[str, str] = {}
    for code in reference.country_codes():
        typed = next(a2 for a2, a3 in suggest._alpha2().items() if a3 == code)
        assert len(typed) == 2 and typed not in seen
        seen[typed] = code
        found = suggest.state(typed)
        assert found is not None and found.value == code  # US, UK-like aliases say it by name
    assert suggest.state_hint("FR") == "write the three-letter code: FRA (France), not FR"


def test_unknown_state_code_is_none_and_validation_reports_it():
    assert reference.country("KZA") is None
    text = ORAL_EXAMPLE.read_text(encoding="utf-8").replace("state: KAZ", "state: KZA", 1)
    result = validate_text(text, "draft.yaml")
    found = [d for d in result.diagnostics if d.code == "SK202"]
    assert len(found) == 1
    assert "'KZA'" in found[0].message


@pytest.mark.parametrize(
    ("printed", "language", "article", "name"),
    [("du Bureau international", "fr", "le", "Bureau international"),
     ("de l'Association Adilet", "fr", "l'", "Association Adilet"),
     ("d'Amnesty International", "fr", "", "Amnesty International"),
     ("de Migrant Rights Coalition", "fr", "", "Migrant Rights Coalition"),
     ("del Centro de Derechos Humanos", "es", "el", "Centro de Derechos Humanos"),
     ("la Fédération", "fr", "la", "Fédération"),
     ("Defence for Children", "fr", "", "Defence for Children")],
)  # fmt: skip
def test_a_name_printed_after_of_gives_back_its_article(printed, language, article, name):
    # The reverse of after_preposition, which import uses to keep an organisation's article.
    assert reference.name_after_preposition(printed, language) == (article, name)
    if printed.startswith(("de ", "du ", "d'", "del ")):  # printed after "of": and back
        of = reference.of_preposition(language)
        assert reference.after_preposition(of, article, name, language) == printed
