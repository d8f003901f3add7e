"""Composing drafts into document trees: UN conventions per language, checked without Word."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from compose_helpers import LOI_EXAMPLE, composed, data_of, in_language, text_of
from conftest import ORAL_EXAMPLE

from submission_kit.compose import composers
from submission_kit.compose.conventions import (
    article_reference,
    format_date,
    format_date_range,
    ordinal_words,
    place_footnote_refs,
    session_name,
)
from submission_kit.compose.phrases import phrases
from submission_kit.doctree import Document, FootnoteRef, Heading, ListItem, Para, Text
from submission_kit.model import kinds
from submission_kit.model.common import ArticleRef
from submission_kit.reference.folders import languages


def arts(*specs: int | str) -> list[ArticleRef]:
    from submission_kit.model.common import parse_article

    return [ArticleRef(**parse_article(s)) for s in specs]


def blocks_of(doc: Document, kind: type) -> list:
    return [b for b in doc.blocks if isinstance(b, kind)]


# -- article references ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "articles", "expected"),
    [
        ("en", arts(7), "(art. 7)"),
        ("en", arts(2, 6, 27), "(arts. 2, 6 and 27)"),
        ("en", arts(7, 13), "(arts. 7 and 13)"),
        ("en", arts("9 (4)"), "(art. 9 (4))"),
        ("en", arts(27, 2, 6, 2), "(arts. 2, 6 and 27)"),
        ("fr", arts(7), "(art. 7)"),
        ("fr", arts(2, 6, 27), "(art. 2, 6 et 27)"),
        ("es", arts(7), "(art. 7)"),
        ("es", arts(2, 6, 27), "(arts. 2, 6 y 27)"),
        ("es", arts("9 (4)", 14), "(arts. 9 (4) y 14)"),
    ],
)
def test_article_references_follow_un_style(language, articles, expected):
    assert article_reference(articles, language) == expected


def test_article_reference_has_no_oxford_comma():
    assert ", and" not in article_reference(arts(2, 3, 20, 26), "en")
    assert article_reference(arts(2, 3, 20, 26), "en") == "(arts. 2, 3, 20 and 26)"


def test_no_articles_give_no_reference():
    assert article_reference([], "en") == ""


# -- dates, sessions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "23 June 2025"), ("fr", "23 juin 2025"), ("es", "23 de junio de 2025")],
)
def test_dates_are_day_month_year_in_each_language(language, expected):
    assert format_date(dt.date(2025, 6, 23), language) == expected


def test_first_of_the_month_is_1er_in_french():
    assert format_date(dt.date(2025, 6, 1), "fr") == "1er juin 2025"


def test_french_ranges_write_the_first_of_the_month_as_1er_at_either_end():
    assert (
        format_date_range(dt.date(2011, 3, 14), dt.date(2011, 4, 1), "fr")
        == "du 14 mars au 1er avril 2011"
    )
    assert (
        format_date_range(dt.date(2011, 3, 1), dt.date(2011, 3, 21), "fr")
        == "du 1er au 21 mars 2011"
    )


def test_session_dates_are_an_en_dash_range_sharing_month_and_year():
    assert (
        format_date_range(dt.date(2025, 6, 23), dt.date(2025, 7, 17), "en")
        == "23 June–17 July 2025"
    )
    assert format_date_range(dt.date(2025, 7, 1), dt.date(2025, 7, 17), "en") == "1–17 July 2025"
    assert (
        format_date_range(dt.date(2025, 12, 15), dt.date(2026, 1, 9), "en")
        == "15 December 2025–9 January 2026"
    )
    assert format_date_range(dt.date(2025, 6, 23), dt.date(2025, 7, 17), "es") == (
        "23 de junio a 17 de julio de 2025"
    )


@pytest.mark.parametrize(
    ("number", "expected"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (11, "11th"), (12, "12th"), (13, "13th"), (101, "101st"),
     (112, "112th"), (144, "144th")],
)  # fmt: skip
def test_ccpr_sessions_are_written_in_numerals(number, expected):
    assert session_name(number, "numeral", "en") == f"{expected} session"


@pytest.mark.parametrize(
    ("number", "expected"),
    [(44, "forty-fourth"), (74, "seventy-fourth"), (20, "twentieth"), (12, "twelfth"),
     (101, "one hundred and first"), (90, "ninetieth")],
)  # fmt: skip
def test_cedaw_and_cescr_sessions_are_spelled_out_in_english(number, expected):
    assert ordinal_words(number, "en") == expected
    assert session_name(number, "words", "en") == f"{expected} session"


def test_session_style_comes_from_the_committee():
    data = data_of(ORAL_EXAMPLE)
    data["metadata"]["committee"] = "CEDAW"
    data["metadata"]["session"] = {"number": 74, "start": "2019-10-21", "end": "2019-11-08"}
    # Asks cite ICCPR articles; CEDAW has 16 substantive articles, all cited ones fit or are dropped.
    for ask in data["asks"]["items"]:
        ask["articles"] = [a for a in ask.get("articles", []) if isinstance(a, int) and a <= 16]
    doc = composed(data)
    assert "Seventy-fourth session, 21 October–8 November 2019" in doc.text().splitlines()


# -- markers and numbering ----------------------------------------------------------------


@pytest.mark.parametrize(("language", "lettered"), [("en", "(%1)"), ("fr", "%1)"), ("es", "%1)")])
def test_subparagraph_markers_follow_the_language(language, lettered):
    doc = composed(in_language(data_of(LOI_EXAMPLE), language))
    assert doc.markers["lettered"] == lettered
    assert doc.markers["paragraph"] == "%1."


def loi_with_lettered_items() -> dict[str, Any]:
    data = data_of(LOI_EXAMPLE)
    data["issues"][0]["paragraphs"].append(
        {"text": "The law fails in two ways:", "items": ["first;", "second."]}
    )
    data["issues"][1]["paragraphs"].append(
        {"text": "Victims face:", "items": ["no shelter;", "no legal aid."]}
    )
    data["issues"][0]["recommendations"] = ["Repeal article 21 (2) of the law on refugees."]
    return data


def test_list_of_issues_paragraphs_run_through_the_whole_document():
    doc = composed(loi_with_lettered_items())
    numbered = [b for b in doc.blocks if isinstance(b, ListItem) and b.scheme == "paragraph"]
    # Introduction, narrative, questions and recommendations: one list, numbered 1, 2, 3 ...
    assert len({b.list_id for b in numbered}) == 1
    texts = [text_of(b) for b in numbered]
    assert texts[0].startswith("FIDH would like")
    assert any(t.startswith("Will dispositions") for t in texts)
    assert any(t.startswith("Repeal article 21") for t in texts)
    assert texts[-1].startswith("Will measures be taken to enable migrant workers")


def test_each_list_of_subparagraphs_restarts_at_a():
    doc = composed(loi_with_lettered_items())
    lettered = [b for b in doc.blocks if isinstance(b, ListItem) and b.scheme == "lettered"]
    assert [text_of(b) for b in lettered] == ["first;", "second.", "no shelter;", "no legal aid."]
    ids = [b.list_id for b in lettered]
    assert ids[0] == ids[1] and ids[2] == ids[3] and ids[0] != ids[2]
    assert all(b.level == 1 for b in lettered)  # indented under the numbered paragraph


def test_oral_statement_body_is_unnumbered_and_asks_are_numbered_after_the_lead_in():
    doc = composed(data_of(ORAL_EXAMPLE))
    body = [b for b in doc.blocks if isinstance(b, Para) and b.role == "body"]
    assert body[0].content[0].text.startswith("Thank you")
    asks = blocks_of(doc, ListItem)
    assert len(asks) == 7 and len({a.list_id for a in asks}) == 1
    assert all(a.scheme == "paragraph" for a in asks)
    lead_in = doc.blocks.index(asks[0]) - 1
    assert text_of(doc.blocks[lead_in]).startswith("In light of these concerns")
    assert doc.blocks[lead_in].role == "lead_in"


def test_oral_statement_ends_with_in_conclusion_and_the_conclusion():
    lines = composed(data_of(ORAL_EXAMPLE)).text().splitlines()
    assert lines[-2] == "In conclusion"
    assert lines[-1].startswith("Kazakhstan must urgently reform")


@pytest.mark.parametrize(("language", "phrase"), [("fr", "En conclusion"), ("es", "En conclusión")])
def test_in_conclusion_is_in_the_drafts_language(language, phrase):
    assert composed(in_language(data_of(ORAL_EXAMPLE), language)).text().splitlines()[-2] == phrase


# -- bold recommendations -----------------------------------------------------------------


def test_list_of_issues_recommendations_are_bold_and_questions_roman():
    doc = composed(loi_with_lettered_items())
    items = {text_of(b): b for b in blocks_of(doc, ListItem)}
    rec = items["Repeal article 21 (2) of the law on refugees."]
    assert rec.bold and all(i.bold for i in rec.content if isinstance(i, Text))
    question = next(b for t, b in items.items() if t.startswith("Will dispositions"))
    assert not question.bold and not any(i.bold for i in question.content if isinstance(i, Text))
    narrative = next(b for t, b in items.items() if t.startswith("In violation"))
    assert not narrative.bold


def test_oral_asks_are_bold_only_when_addressed_to_the_state():
    data = data_of(ORAL_EXAMPLE)
    assert data["asks"]["addressee"] == "committee"
    assert not any(b.bold for b in blocks_of(composed(data), ListItem))
    data["asks"]["addressee"] = "state"
    asks = blocks_of(composed(data), ListItem)
    assert asks and all(b.bold for b in asks)


# -- footnotes ----------------------------------------------------------------------------


def with_citation(language: str, sentence: str) -> Document:
    data = in_language(data_of(ORAL_EXAMPLE), language)
    data["body"][0] = sentence
    data["sources"] = [{"id": "report", "text": "GDP, Kazakhstan profile, 2024."}]
    return composed(data)


def cited_sentence(doc: Document) -> list:
    body = next(
        b for b in doc.blocks if any(isinstance(i, FootnoteRef) for i in getattr(b, "content", []))
    )
    return [("^" if isinstance(i, FootnoteRef) else i.text) for i in body.content]


def test_english_footnote_references_go_after_punctuation():
    doc = with_citation("en", "Over 1,200 migrants were deported[^report].")
    assert cited_sentence(doc) == ["Over 1,200 migrants were deported.", "^"]
    assert doc.footnotes["report"] == [Text("GDP, Kazakhstan profile, 2024.")]


@pytest.mark.parametrize("language", ["fr", "es"])
def test_french_and_spanish_footnote_references_go_before_punctuation(language):
    doc = with_citation(
        language, "Plus de 1 200 migrants ont été expulsés.[^report] Ensuite, rien."
    )
    assert cited_sentence(doc) == [
        "Plus de 1 200 migrants ont été expulsés",
        "^",
        ". Ensuite, rien.",
    ]


def test_footnote_placement_rules():
    assert place_footnote_refs("torture”[^a][^b].", "en") == "torture”.[^a][^b]"
    assert place_footnote_refs("refugees:[^a]", "en") == "refugees:[^a]"
    assert place_footnote_refs("torture;[^a] and", "fr") == "torture[^a]; and"
    assert place_footnote_refs("quoi :[^a]", "fr") == "quoi[^a] :"
    assert place_footnote_refs("no citation.", "es") == "no citation."


def test_footnotes_of_the_example_are_real_footnotes_in_order_of_citation():
    doc = composed(data_of(LOI_EXAMPLE))
    assert list(doc.footnotes) == ["fidh-mission", "cat-2008"]
    refs = [
        i.key for b in doc.blocks for i in getattr(b, "content", []) if isinstance(i, FootnoteRef)
    ]
    assert refs == ["fidh-mission", "cat-2008"]


# -- title block --------------------------------------------------------------------------


def title_block(doc: Document) -> list[str]:
    return [text_of(b) for b in doc.blocks if isinstance(b, Para) and b.role == "masthead"]


def test_title_block_is_not_a_un_masthead():
    for example in (ORAL_EXAMPLE, LOI_EXAMPLE):
        doc = composed(data_of(example))
        text = doc.text()
        assert "Distr." not in text
        assert "United Nations" not in text
        assert not re.search(r"\b(CCPR|E/C\.12|CAT|CEDAW)/C/", text)


def test_title_block_names_every_author_committee_session_state_stage_date_and_speaker():
    lines = title_block(composed(data_of(ORAL_EXAMPLE)))
    assert lines == [
        "Joint submission by Global Detention Project (GDP) and International Legal Initiative (ILI)",
        "Human Rights Committee",
        "144th session, 23 June–17 July 2025",
        "State party: Kazakhstan",
        "Review stage: constructive dialogue",
        "23 June 2025",
        "Delivered by Abdelaziz Muhamat, Global Detention Project (GDP)",
    ]


def test_title_block_in_french_and_spanish():
    fr = title_block(composed(in_language(data_of(ORAL_EXAMPLE), "fr")))
    # The committee's name comes from the reference data (straight apostrophe there) and takes
    # the typographic one, like the phrases: no document mixes l'homme and d’information.
    assert "Comité des droits de l’homme" in fr
    assert "144e session, du 23 juin au 17 juillet 2025" in fr
    assert "23 juin 2025" in fr
    es = title_block(composed(in_language(data_of(ORAL_EXAMPLE), "es")))
    assert "Comité de Derechos Humanos" in es and "Estado parte: Kazajstán" in es
    assert "23 de junio de 2025" in es


def test_state_party_spelling_setting_is_used():
    data = data_of(ORAL_EXAMPLE)
    data["metadata"]["state_party_spelling"] = "State Party"
    assert "State Party: Kazakhstan" in title_block(composed(data))


def test_endorsers_are_named_apart_from_the_authors():
    data = data_of(LOI_EXAMPLE)
    data["metadata"]["organisations"].append({"name": "Kazakhstan Bureau", "role": "endorser"})
    lines = title_block(composed(data))
    assert lines[0] == "International Federation for Human Rights (FIDH)"
    assert lines[1] == "Endorsed by Kazakhstan Bureau"


def test_title_follows_the_title_block_in_bold():
    doc = composed(data_of(LOI_EXAMPLE))
    title = next(b for b in doc.blocks if isinstance(b, Para) and b.role == "title")
    assert text_of(title) == "List of issues" and title.bold


def test_oral_statement_names_its_meeting():
    doc = composed(data_of(ORAL_EXAMPLE))
    assert "Informal briefing on Kazakhstan" in [text_of(h) for h in blocks_of(doc, Heading)]
    fr = composed(in_language(data_of(ORAL_EXAMPLE), "fr"))
    assert "Réunion d’information informelle sur le Kazakhstan" in [
        text_of(h) for h in blocks_of(fr, Heading)
    ]


# -- list of issues structure -------------------------------------------------------------


def loi_without_headings() -> dict[str, Any]:
    data = data_of(LOI_EXAMPLE)
    for issue in data["issues"]:
        issue.pop("heading", None)
    data["issues"][1]["articles"] = [7, 13]
    return data


def test_issues_are_grouped_under_headings_built_from_the_articles():
    doc = composed(loi_without_headings())
    headings = [text_of(h) for h in blocks_of(doc, Heading) if h.level == 1]
    assert headings == [
        "Prohibition of torture and ill-treatment (art.\u00a07)",
        "Prohibition of torture and ill-treatment and expulsion of aliens (arts.\u00a07 and 13)",
        "Prohibition of slavery, servitude and forced labour (art.\u00a08)",
        "Freedom of movement (art.\u00a012)",
        "Freedom of association and trade unions (art.\u00a022)",
    ]


def test_issues_out_of_treaty_order_are_printed_in_treaty_order():
    # The article 22 issue first in the draft: the document still opens with article 7 and
    # closes with article 22 (SK502 tells the writer the order differs).
    data = loi_without_headings()
    data["issues"].insert(0, data["issues"].pop())
    headings = [text_of(h) for h in blocks_of(composed(data), Heading) if h.level == 1]
    assert headings[0] == "Prohibition of torture and ill-treatment (art.\u00a07)"
    assert headings[-1] == "Freedom of association and trade unions (art.\u00a022)"


def test_built_headings_use_the_treaty_titles_of_the_language():
    doc = composed(in_language(loi_without_headings(), "fr"))
    level1 = [text_of(h) for h in blocks_of(doc, Heading) if h.level == 1]
    assert level1[0].endswith("(art.\u00a07)")
    assert level1[0] != "Prohibition of torture and ill-treatment (art.\u00a07)"
    # Treaty titles come from the reference data; French headings take the typographic apostrophe.
    assert level1[-1] == "Liberté d’association et droit syndical (art.\u00a022)"


def test_writer_headings_are_kept_and_issues_on_the_same_article_share_one():
    doc = composed(data_of(LOI_EXAMPLE))
    level1 = [text_of(h) for h in blocks_of(doc, Heading) if h.level == 1]
    assert level1 == [
        "Article 7 on the prohibition of torture",
        "Article 8 on the prohibition of forced labour",
        "Article 12 on the right to freedom of movement and residence",
        "Article 22 on freedom of association",
    ]
    level2 = [text_of(h) for h in blocks_of(doc, Heading) if h.level == 2]
    assert level2 == ["On refoulement", "On violence against women"]


def test_questions_and_recommendations_have_lead_ins():
    doc = composed(loi_with_lettered_items())
    level3 = [text_of(h) for h in blocks_of(doc, Heading) if h.level == 3]
    assert "Suggested questions" in level3
    assert "Suggested recommendations to the State party" in level3


# -- properties ---------------------------------------------------------------------------


def test_speaking_time_is_in_the_properties_not_in_the_text_read_aloud():
    doc = composed(data_of(ORAL_EXAMPLE))
    note = doc.properties.description
    assert "389 words at 120 words per minute" in note
    assert "Estimated speaking time 3 min 14 s" in note and "time allowed 3 min" in note
    assert "14 s too long" in note
    assert "speaking time" not in doc.text().lower()


def test_properties_name_the_title_authors_and_language():
    doc = composed(data_of(ORAL_EXAMPLE))
    assert doc.properties.author == "Global Detention Project and International Legal Initiative"
    assert doc.properties.title.startswith("Oral Submission by Abdelaziz Muhamat")
    assert doc.properties.language == "en-GB"
    assert composed(in_language(data_of(ORAL_EXAMPLE), "fr")).properties.language == "fr-FR"
    assert composed(in_language(data_of(ORAL_EXAMPLE), "es")).properties.language == "es-ES"


def test_created_is_the_drafts_date_or_source_date_epoch_never_now(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert composed(data_of(ORAL_EXAMPLE)).properties.created == dt.datetime(
        2025, 6, 23, tzinfo=dt.UTC
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert composed(data_of(ORAL_EXAMPLE)).properties.created == dt.datetime(
        2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC
    )


# -- catalogues and registry --------------------------------------------------------------


def keys(value: Any, prefix: str = "") -> set[str]:
    if isinstance(value, dict):
        return {k for key, v in value.items() for k in keys(v, f"{prefix}{key}.")} | {
            prefix.rstrip(".")
        }
    return {prefix.rstrip(".")}


@pytest.mark.parametrize("language", [lang for lang in languages() if lang != "en"])
def test_every_language_has_every_phrase(language):
    english = keys(phrases("en")._data) - {
        k for k in keys(phrases("en")._data) if k.startswith("number_words.")
    }
    other = keys(phrases(language)._data)
    assert english - other == set()


def test_every_kind_of_submission_has_a_composer():
    assert set(composers()) == set(kinds())


def test_french_documents_keep_punctuation_with_its_word_by_no_break_spaces():
    from submission_kit.compose.conventions import no_break_spacing, punctuation_spacing

    def french_spacing(text: str) -> str:
        return no_break_spacing(text, *punctuation_spacing("fr"))

    assert french_spacing("État partie : Ouzbékistan ?") == "État partie\u00a0: Ouzbékistan\u00a0?"
    assert french_spacing("« texte »") == "«\u00a0texte\u00a0»"
    # Only existing spaces change: addresses and times stay as typed.
    assert french_spacing("https://www.fidh.org 10:30") == "https://www.fidh.org 10:30"
    doc = composed(in_language(loi_without_headings(), "fr"))
    text = doc.text()
    assert " :" not in text and " ?" not in text
    assert "\u00a0:" in text or "\u00a0?" in text
    english = composed(loi_without_headings()).text()
    # English keeps no space before : ; ! ? (its no-break spaces are those of "art. 7").
    assert not re.search("\u00a0[:;!?]", english)
