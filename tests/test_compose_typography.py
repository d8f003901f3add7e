"""What a secretariat editor would otherwise fix by hand: UN typography of the writer's text per
language, sub-subparagraphs (i), (ii), and a title block without masthead lines."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from compose_helpers import LOI_EXAMPLE, composed, data_of, in_language, text_of
from conftest import EXAMPLES, ORAL_EXAMPLE
from hypothesis import given, settings
from hypothesis import strategies as st

from submission_kit.compose.conventions import typeset
from submission_kit.compose.phrases import phrases
from submission_kit.doctree import Document, ListItem, Para
from submission_kit.model.inline import footnote_ids
from submission_kit.reference import LANGUAGES
from submission_kit.validate import validate_text

NB = "\u00a0"


# -- typography -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "typed", "printed"),
    [
        ("en", 'the "State party" said', "the “State party” said"),
        ("en", "the State's and the States' reports", "the State’s and the States’ reports"),
        ("en", "\"a 'nested' quote\"", "“a ‘nested’ quote”"),
        ("fr", 'il a dit "c\'est interdit"', f"il a dit «{NB}c’est interdit{NB}»"),
        ("fr", "il a dit « déjà »", f"il a dit «{NB}déjà{NB}»"),
        ("fr", '"un « autre » mot"', f"«{NB}un “autre” mot{NB}»"),
        ("es", 'dijo "está prohibido"', "dijo “está prohibido”"),
        ("es", "\"una 'cita' dentro\"", "“una ‘cita’ dentro”"),
    ],
)
def test_quotation_marks_and_apostrophes_take_the_forms_of_the_language(language, typed, printed):
    assert typeset(typed, language) == printed


@pytest.mark.parametrize("language", LANGUAGES)
def test_number_ranges_take_an_en_dash_but_symbols_dates_and_addresses_keep_their_hyphens(
    language,
):
    assert typeset("from 2019-2024", language) == "from 2019–2024"
    assert typeset("(arts 2-5)", language) == "(arts 2–5)"
    for kept in (
        "CERD/C/KAZ/CO/8-10",
        "2025-06-23",
        "COVID-19",
        "https://example.org/a-1-2",
        "a@b-1.org",
    ):
        assert typeset(kept, language) == kept


def test_day_ranges_and_dates_are_kept_together_in_english():
    assert typeset("on 10-20 May 2025", "en") == f"on 10–20{NB}May{NB}2025"
    assert typeset("on 23 June 2025", "en") == f"on 23{NB}June{NB}2025"


def test_dates_are_kept_together_in_french_and_spanish():
    assert typeset("le 1er juin 2025", "fr") == f"le 1er{NB}juin{NB}2025"
    assert typeset("el 23 de junio de 2025", "es") == f"el 23{NB}de{NB}junio{NB}de{NB}2025"


@pytest.mark.parametrize(
    ("language", "typed", "printed"),
    [
        ("en", "see art. 7 and para. 12", f"see art.{NB}7 and para.{NB}12"),
        ("en", "CCPR/C/KAZ/CO/3, para. 36", f"CCPR/C/KAZ/CO/3,{NB}para.{NB}36"),
        ("fr", "voir art. 7 et par. 12", f"voir art.{NB}7 et par.{NB}12"),
        ("es", "véase el art. 7 y el párr. 12", f"véase el art.{NB}7 y el párr.{NB}12"),
        ("es", "CCPR/C/KAZ/CO/3, párr. 36", f"CCPR/C/KAZ/CO/3,{NB}párr.{NB}36"),
    ],
)
def test_references_are_kept_with_their_number(language, typed, printed):
    assert typeset(typed, language) == printed


def test_nothing_changes_inside_a_quotations_words():
    typed = 'It said "adopted 2019-2024, see para. 3" in 2019-2024.'
    assert typeset(typed, "en") == "It said “adopted 2019-2024, see para. 3” in 2019–2024."


def test_footnote_citations_and_emphasis_are_left_as_typed():
    assert typeset("in 2019-2020[^2019-2020] *not* **bold**", "en") == (
        "in 2019–2020[^2019-2020] *not* **bold**"
    )


def test_every_language_declares_its_quotation_marks_and_kept_abbreviations():
    for language in LANGUAGES:
        style = phrases(language).raw("typography")
        assert len(style["quotes"]) == len(style["inner_quotes"]) == 2
        assert all(isinstance(a, str) and a for a in style["keep_with_number"])


def test_the_rendered_document_is_typeset_but_the_draft_is_not(tmp_path):
    data = data_of(LOI_EXAMPLE)
    data["introduction"][0] = 'The "new law" of 2009-2010 (see para. 4).'
    source = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    draft = tmp_path / "draft.yaml"
    draft.write_text(source, encoding="utf-8")
    doc = composed(data)
    assert f"The “new law” of 2009–2010 (see para.{NB}4)." in doc.text()
    assert draft.read_text(encoding="utf-8") == source


# -- sub-subparagraphs ------------------------------------------------------------------------


def loi_with_nested_items() -> dict[str, Any]:
    data = data_of(LOI_EXAMPLE)
    data["issues"][0]["paragraphs"].append(
        {
            "text": "The law fails in two ways:",
            "items": [
                {"text": "it lets the police detain:", "items": ["asylum seekers;", "refugees;"]},
                "it allows no appeal.",
            ],
        }
    )
    return data


def test_nested_items_become_roman_sub_subparagraphs_under_their_subparagraph():
    doc = composed(loi_with_nested_items())
    items = [b for b in doc.blocks if isinstance(b, ListItem) and b.scheme != "paragraph"]
    shape = [(b.scheme, b.level, text_of(b)) for b in items[:4]]
    assert shape == [
        ("lettered", 1, "it lets the police detain:"),
        ("roman", 2, "asylum seekers;"),
        ("roman", 2, "refugees;"),
        ("lettered", 1, "it allows no appeal."),
    ]
    # (a) and (b) are one list; the (i), (ii) under (a) are a list of their own.
    assert items[0].list_id == items[3].list_id != items[1].list_id == items[2].list_id


@pytest.mark.parametrize(("language", "roman"), [("en", "(%1)"), ("fr", "%1)"), ("es", "%1)")])
def test_sub_subparagraph_markers_follow_the_language(language, roman):
    assert composed(in_language(loi_with_nested_items(), language)).markers["roman"] == roman


def test_a_nested_item_written_wrong_is_reported_where_it_is_written():
    data = loi_with_nested_items()
    data["issues"][0]["paragraphs"][-1]["items"][0]["itmes"] = ["typo"]
    result = validate_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert not result.ok
    bad = [d for d in result.diagnostics if "itmes" in d.message or "itmes" in d.path]
    assert bad and bad[0].line > 1


# -- title block ------------------------------------------------------------------------------


def title_block(doc: Document) -> list[str]:
    return [text_of(b) for b in doc.blocks if isinstance(b, Para) and b.role == "masthead"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_title_block_has_no_original_language_line(language):
    doc = composed(in_language(data_of(ORAL_EXAMPLE), language))
    assert not any(line.startswith("Original") for line in title_block(doc))
    # The language stays in the document properties.
    assert doc.properties.language == phrases(language).tag


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", "Delivered by Abdelaziz Muhamat, Global Detention Project (GDP)"),
        ("fr", "Prononcée par Abdelaziz Muhamat, Global Detention Project (GDP)"),
        ("es", "Pronunciada por Abdelaziz Muhamat, Global Detention Project (GDP)"),
    ],
)
def test_oral_statement_says_who_delivers_it_with_the_organisations_acronym(language, line):
    assert line in title_block(composed(in_language(data_of(ORAL_EXAMPLE), language)))


def test_contact_line_is_printed_when_the_draft_gives_one():
    data = data_of(LOI_EXAMPLE)
    assert not any(line.startswith("Contact") for line in title_block(composed(data)))
    data["metadata"]["contact"] = {
        "name": "Jane Doe",
        "email": "jane.doe@example.org",
        "organisation": "FIDH",
    }
    lines = title_block(composed(data))
    assert lines[-1] == (
        "Contact: Jane Doe, International Federation for Human Rights (FIDH), jane.doe@example.org"
    )
    assert lines[0] == "International Federation for Human Rights (FIDH)"


def test_a_contact_email_without_an_at_sign_is_an_error_at_its_line():
    data = data_of(LOI_EXAMPLE)
    data["metadata"]["contact"] = {"name": "Jane Doe", "email": "jane.doe.example.org"}
    result = validate_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert not result.ok
    bad = [d for d in result.diagnostics if d.path.endswith("contact.email")]
    assert bad and bad[0].line > 1


# -- any text ------------------------------------------------------------------------------

TYPED = st.lists(
    st.sampled_from(
        [*"ab 1-9'\"“”«»‘’/@.,:;[^]*()\u00a0\n", "[^n1]", "art. ", "23 June ", "de junio "]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=TYPED, language=st.sampled_from(LANGUAGES))
def test_typography_keeps_every_letter_digit_and_citation_of_any_text(text, language):
    out = typeset(text, language)
    assert [k for k, _ in footnote_ids(out)] == [k for k, _ in footnote_ids(text)]
    # Only marks, dashes and spaces change: the letters and digits stay, in order.
    assert [c for c in out if c.isalnum()] == [c for c in text if c.isalnum()]
    assert typeset(text, language) == out  # the same text always gives the same result


def test_import_reads_the_title_blocks_acronyms_and_contact_back(tmp_path):
    from submission_kit.importing import import_document
    from submission_kit.pipeline.check import render_submission

    data = data_of(LOI_EXAMPLE)
    data["metadata"]["contact"] = {"name": "Jane Doe", "email": "jane.doe@example.org"}
    result = validate_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    source = tmp_path / "loi.docx"
    source.write_bytes(render_submission(result.submission))
    meta = import_document(source).data["metadata"]
    assert meta["organisations"][0] == {
        "name": "International Federation for Human Rights",
        "acronym": "FIDH",
    }
    assert meta["contact"] == {"name": "Jane Doe", "email": "jane.doe@example.org"}


@pytest.mark.parametrize(
    ("language", "joint"),
    [
        (
            "fr",
            "Communication conjointe de la Fédération internationale pour les droits humains "
            "(FIDH), du Bureau international pour les droits de l’homme et d’Amnesty "
            "International",
        ),
        (
            "es",
            "Comunicación conjunta de la Fédération internationale pour les droits humains "
            "(FIDH), del Bureau international pour les droits de l’homme y de Amnesty "
            "International",
        ),
        (
            "en",
            "Joint submission by Fédération internationale pour les droits humains (FIDH), "
            "Bureau international pour les droits de l’homme and Amnesty International",
        ),
    ],
)
def test_organisation_names_take_their_article_after_a_preposition(language, joint):
    # "de Bureau" is wrong in French: a name that takes an article in running text says
    # which (le, la, l', les; el, la, los, las), and the title block contracts it (du, del)
    # or elides before a vowel (d'Amnesty) as it does for States.
    data = in_language(data_of(LOI_EXAMPLE), language)
    data["metadata"]["organisations"] = [
        {"name": "Fédération internationale pour les droits humains", "acronym": "FIDH",
         "article": "la"},
        {"name": "Bureau international pour les droits de l'homme",
         "article": {"fr": "le", "es": "el", "en": None}[language]},
        {"name": "Amnesty International"},
    ]  # fmt: skip
    document = composed(data)
    lines = [text_of(b) for b in document.blocks[:8]]
    assert joint in lines, lines


def test_a_french_joint_submission_is_told_which_name_needs_its_article():
    # SK350 at the name, with the article to add; once added, the title block reads "du".
    from submission_kit.lint.engine import review
    from submission_kit.settings import Settings

    data = in_language(data_of(LOI_EXAMPLE), "fr")
    data["metadata"]["organisations"] = [
        {"name": "Bureau international pour les droits humains"},
        {"name": "Amnesty International"},
    ]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    found = [d for d in review(validate_text(text, "loi.yaml"), Settings()) if d.code == "SK350"]
    assert len(found) == 1
    assert "'de Bureau international pour les droits humains'" in found[0].message
    assert "article: le" in found[0].hint and "'du Bureau" in found[0].hint
    data["metadata"]["organisations"][0]["article"] = "le"
    lines = [text_of(b) for b in composed(data).blocks[:3]]
    assert (
        "Communication conjointe du Bureau international pour les droits humains et "
        "d’Amnesty International"
    ) in lines


ALTERNATIVE_ES = EXAMPLES / "kaz-crc-alternative-report-es.yaml"
HRC_FR = EXAMPLES / "hrc-written-statement-fr.yaml"


def _alternative_report(language: str, organisations: list[dict[str, Any]]) -> dict[str, Any]:
    data = in_language(data_of(ALTERNATIVE_ES), language)
    data["metadata"]["organisations"] = organisations
    return data


@pytest.mark.parametrize(
    ("language", "lines"),
    [
        (
            "fr",
            [
                "Présenté par la Fédération internationale pour les droits humains "
                "(organisation chef de file) et l’Association pour la défense des droits",
                "Coprésenté par le Bureau international et Amnesty International",
                "Avec le soutien du Centre des droits humains",
            ],
        ),
        (
            "es",
            [
                "Presentado por la Fédération internationale pour les droits humains "
                "(organización coordinadora) y l’Association pour la défense des droits",
                "Copresentado por le Bureau international y Amnesty International",
                "Con el apoyo del Centro de Derechos Humanos",
            ],
        ),
    ],
)
def test_an_alternative_report_names_its_organisations_with_their_articles_after_par(
    language, lines
):
    # "Présenté par Fédération ..." is not French: after "par" / "por" each name takes the
    # article the draft gives it (no contraction: "par le Bureau", not "par du Bureau").
    data = _alternative_report(
        language,
        [
            {"name": "Fédération internationale pour les droits humains", "article": "la",
             "role": "lead"},
            {"name": "Association pour la défense des droits", "article": "l'"},
            {"name": "Bureau international", "article": "le", "role": "co-submitter"},
            {"name": "Amnesty International", "role": "co-submitter"},
            {"name": "Centre des droits humains" if language == "fr" else "Centro de Derechos Humanos",
             "article": "le" if language == "fr" else "el", "role": "endorser"},
        ],
    )  # fmt: skip
    printed = [text_of(b) for b in composed(data).blocks[:6]]
    for line in lines:
        assert line in printed, printed


def test_a_council_statement_names_its_submitters_and_cosigners_with_their_articles():
    data = data_of(HRC_FR)
    data["metadata"]["organisations"] = [
        {"name": "Fédération internationale pour les droits humains", "article": "la",
         "ecosoc_status": "special", "role": "lead"},
        {"name": "Bureau international", "article": "le", "ecosoc_status": "roster"},
        {"name": "Réseau des juristes d'Asie centrale", "article": "le"},
    ]  # fmt: skip
    document = composed(data)
    printed = [text_of(b) for b in document.blocks[:8]]
    assert (
        "Exposé écrit présenté conjointement par la Fédération internationale pour les droits "
        "humains, organisation non gouvernementale dotée du statut consultatif spécial et le "
        "Bureau international, organisation non gouvernementale inscrite sur la Liste"
    ) in printed, printed
    note = "".join(t.text for t in document.footnotes["_also-share"])
    assert note.startswith("Le Réseau des juristes d’Asie centrale partage également")


@pytest.mark.parametrize(
    ("kind", "printed", "wanted"),
    [
        ("alternative_report", "par Fédération internationale", "par la Fédération internationale"),
        ("hrc_written_statement", "par Fédération internationale", "par la Fédération internationale"),
    ],
)  # fmt: skip
def test_sk350_judges_the_names_printed_after_par(kind, printed, wanted):
    from submission_kit.lint.engine import review
    from submission_kit.settings import Settings

    if kind == "alternative_report":
        data = _alternative_report("fr", [{"name": "Fédération internationale"}])
    else:
        data = data_of(HRC_FR)
        data["metadata"]["organisations"] = [
            {"name": "Fédération internationale", "ecosoc_status": "special"}
        ]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    found = [d for d in review(validate_text(text), Settings()) if d.code == "SK350"]
    assert len(found) == 1
    assert f"'{printed}'" in found[0].message
    assert "article: la" in found[0].hint and f"'{wanted}'" in found[0].hint


def test_import_reads_the_articles_after_par_back(tmp_path):
    from submission_kit.importing import import_document
    from submission_kit.pipeline.check import render_submission

    organisations = [
        {"name": "Fédération internationale pour les droits humains", "role": "lead",
         "article": "la"},
        {"name": "Bureau international", "role": "co-submitter", "article": "le"},
        {"name": "Amnesty International", "role": "co-submitter"},
    ]  # fmt: skip
    data = _alternative_report("fr", organisations)
    result = validate_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    source = tmp_path / "report.docx"
    source.write_bytes(render_submission(result.submission))
    assert import_document(source).data["metadata"]["organisations"] == organisations
