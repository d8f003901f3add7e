"""Pieces of logic the kit uses in more than one place give the same answer everywhere: the order
of issues (DOCX, SK502, `subkit track`), the words read aloud (speaker note, SK303), the French
and Spanish names of States and committees (DOCX, ask library), the "State party" term."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
import yaml
from check_samples import LOI_EXAMPLE, codes, lint_text
from conftest import ORAL_EXAMPLE

from submission_kit import reference
from submission_kit.compose import compose
from submission_kit.doctree import Document, Heading, ListItem, Para, Text
from submission_kit.model import json_schema
from submission_kit.model.common import STATE_PARTY_SPELLINGS
from submission_kit.reference.folders import languages, phrase_catalogue
from submission_kit.settings import Settings
from submission_kit.track.report import asks_of
from submission_kit.validate import validate_text
from submission_kit.validate.ask_library import automatic_values


def data_of(path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def as_text(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def submission_of(data: dict[str, Any]):
    result = validate_text(as_text(data))
    assert result.ok, [d.message for d in result.diagnostics]
    return result.submission


def text_of(block) -> str:
    return "".join(i.text for i in block.content if isinstance(i, Text))


def words(text: str) -> str:
    return " ".join(text.split())


# -- 1. issue order: the DOCX prints what SK502 judged, and `subkit track` numbers the same --


def loi(order: list[int]) -> dict[str, Any]:
    """The list-of-issues example with its issues rearranged (indices into the example's)."""
    data = data_of(LOI_EXAMPLE)
    data["issues"] = [copy.deepcopy(data["issues"][i]) for i in order]
    for issue in data["issues"]:
        # Built headings, so that every issue opens a group the reader can see.
        issue.pop("heading", None)
    return data


def issue_order_in_docx(doc: Document, data: dict[str, Any]) -> list[int]:
    """Which draft issue each printed issue is, found by its first paragraph."""
    printed = [words(text_of(b)) for b in doc.blocks if isinstance(b, ListItem)]
    firsts = []
    for issue in data["issues"]:
        first = issue["paragraphs"][0]
        firsts.append(words(first if isinstance(first, str) else first["text"]))
    positions = [next(n for n, t in enumerate(printed) if t.startswith(f[:60])) for f in firsts]
    return sorted(range(len(firsts)), key=lambda i: positions[i])


ORDERS = {
    "treaty order": [0, 1, 2, 3, 4],
    "article 22 first": [4, 0, 1, 2, 3],
    "article 12 before article 8": [0, 1, 3, 2, 4],
}


@pytest.mark.parametrize("order", ORDERS.values(), ids=ORDERS.keys())
def test_docx_issue_order_matches_what_sk502_accepts(order: list[int]) -> None:
    data = loi(order)
    submission = submission_of(data)
    doc = compose(submission)
    printed = issue_order_in_docx(doc, data)
    # The document prints the issues in treaty order (stable among equal articles) ...
    lowest = [issue.article_numbers()[0] for issue in submission.issues]
    assert printed == sorted(range(len(order)), key=lambda i: lowest[i])
    # ... and SK502 warns on exactly the issues the document moves up, so a writer whose draft
    # is silent under SK502 reads the document in the draft's own order.
    warned = [d.path for d in codes(lint_text(as_text(data)), "SK502")]
    expected = [f"issues.{i}" for i in range(1, len(lowest)) if lowest[i] < max(lowest[:i])]
    assert warned == expected
    assert (warned == []) == (printed == list(range(len(order))))


@pytest.mark.parametrize("order", ORDERS.values(), ids=ORDERS.keys())
def test_track_numbers_asks_in_the_order_the_docx_prints_them(order: list[int]) -> None:
    submission = submission_of(loi(order))
    doc = compose(submission)
    asks = {words(text) for _, text, _ in asks_of(submission)}
    printed = [words(text_of(b)) for b in doc.blocks if isinstance(b, ListItem)]
    printed_asks = [t for t in printed if t in asks]
    assert printed_asks == [words(text) for _, text, _ in asks_of(submission)]


# -- 2. words read aloud: the speaker note and SK303 count the same words ------------------


def note_words(doc: Document) -> int:
    m = re.search(r"\((\d+) (?:words|mots|palabras)", doc.properties.description)
    assert m, doc.properties.description
    return int(m.group(1))


def sk303_words(text: str, settings: Settings | None = None) -> int:
    found = codes(lint_text(text, settings), "SK303")
    assert len(found) == 1
    return int(re.search(r"\((\d+) words", found[0].message).group(1))


@pytest.mark.parametrize("language", languages())
def test_speaker_note_counts_the_words_sk303_counts(language: str) -> None:
    data = data_of(ORAL_EXAMPLE)
    data["metadata"]["language"] = language
    text = as_text(data)
    doc = compose(submission_of(data))
    assert note_words(doc) == sk303_words(text) == 389


def test_speaker_note_and_sk303_agree_without_a_conclusion() -> None:
    data = data_of(ORAL_EXAMPLE)
    data.pop("conclusion", None)
    data["time_limit"] = "1 min"
    doc = compose(submission_of(data))
    assert note_words(doc) == sk303_words(as_text(data)) < 389


def test_speaker_note_takes_the_pace_it_is_given_and_times_it_as_sk303_does() -> None:
    data = data_of(ORAL_EXAMPLE)
    doc = compose(submission_of(data), words_per_minute=100)
    note = doc.properties.description
    assert "at 100 words per minute" in note
    # 389 words at 100 a minute: 233 s.
    assert "Estimated speaking time 3 min 53 s" in note
    message = codes(lint_text(as_text(data), Settings(words_per_minute=100)), "SK303")[0].message
    assert "takes 3 min 53 s" in message
    assert "at 120 words per minute" in compose(submission_of(data)).properties.description


# -- 3. names from the reference data: one article rule, one apostrophe rule ---------------


@pytest.mark.parametrize(
    ("code", "language", "expected"),
    [
        ("KAZ", "fr", "le Kazakhstan"),
        ("UZB", "fr", "l'Ouzbékistan"),
        ("NLD", "fr", "le Royaume des Pays-Bas"),
        ("CUB", "fr", "Cuba"),
        ("CIV", "fr", "la Côte d'Ivoire"),
        ("KAZ", "en", "Kazakhstan"),
        ("IRN", "en", "the Islamic Republic of Iran"),
        ("KAZ", "es", "Kazajstán"),
        ("BRA", "es", "el Brasil"),
    ],
)
def test_country_with_article_is_the_running_text_form_with_its_article_in_every_language(
    code: str, language: str, expected: str
) -> None:
    assert reference.country(code).with_article(language) == expected


def test_typographic_apostrophes_in_every_language() -> None:
    # English too: compose curls the writer's apostrophes, so names from the data match them.
    assert reference.typographic("Comité des droits de l'homme", "fr") == (
        "Comité des droits de l’homme"
    )
    assert reference.typographic("Côte d'Ivoire", "es") == "Côte d’Ivoire"
    assert reference.typographic("Lao People's Democratic Republic", "en") == (
        "Lao People’s Democratic Republic"
    )


def statement_on(state: str, committee: str, language: str) -> dict[str, Any]:
    data = data_of(ORAL_EXAMPLE)
    data["metadata"].update(state=state, committee=committee, language=language)
    for ask in data["asks"]["items"]:
        ask.pop("articles", None)  # CCPR article numbers; other treaties number differently
    return data


def reference_derived_lines(doc: Document) -> list[str]:
    """Lines made from the reference data and the phrases only: the title block (minus the
    organisations, which the writer names), the meeting heading, the properties' subject."""
    masthead = [text_of(b) for b in doc.blocks if isinstance(b, Para) and b.role == "masthead"]
    meeting = next(text_of(b) for b in doc.blocks if isinstance(b, Heading) and b.level == 1)
    return [*masthead[1:], meeting, doc.properties.subject]


@pytest.mark.parametrize(
    ("state", "committee", "language"),
    [("CIV", "CEDAW", "fr"), ("UZB", "CCPR", "fr"), ("CIV", "CRC", "es")],
)
def test_french_and_spanish_documents_do_not_mix_straight_and_typographic_apostrophes(
    state: str, committee: str, language: str
) -> None:
    doc = compose(submission_of(statement_on(state, committee, language)))
    lines = reference_derived_lines(doc)
    assert not [line for line in lines if "'" in line]
    assert any("’" in line for line in lines)


def test_english_documents_keep_the_names_as_the_un_writes_them() -> None:
    doc = compose(submission_of(statement_on("CIV", "CCPR", "en")))
    # The typographic apostrophe, like the one compose gives the writer's own text.
    assert "State party: Côte d’Ivoire" in reference_derived_lines(doc)


@pytest.mark.parametrize(
    ("state", "language"), [("CIV", "fr"), ("UZB", "fr"), ("KAZ", "fr"), ("CIV", "es")]
)
def test_ask_library_values_are_the_names_the_document_prints(state: str, language: str) -> None:
    doc = compose(submission_of(statement_on(state, "CEDAW", language)))
    auto = automatic_values(state, "CEDAW", language, "State party")
    lines = reference_derived_lines(doc)
    assert auto["committee"] in lines
    # The meeting heading ends with the State: with its article in French.
    assert lines[-2].endswith(auto["state_with_article"])
    assert any(
        line.endswith(f": {auto['state']}") or line.endswith(f" : {auto['state']}")
        for line in lines
    )


# -- 4. "State party": one list of spellings, one term per language ------------------------


def test_state_party_spellings_are_the_ones_the_schema_and_settings_accept() -> None:
    from submission_kit.scaffold import new
    from submission_kit.settings import schema as config  # the settings file's models

    schema = json_schema()
    metadata = schema["$defs"]["Metadata"]["properties"]["state_party_spelling"]
    assert tuple(metadata["enum"]) == STATE_PARTY_SPELLINGS
    assert tuple(config.STATE_PARTY_SPELLINGS) == STATE_PARTY_SPELLINGS
    assert tuple(new.STATE_PARTY_SPELLINGS) == STATE_PARTY_SPELLINGS


@pytest.mark.parametrize(
    ("language", "spelling"),
    [("en", "State party"), ("en", "State Party"), ("fr", "State Party"), ("es", "State party")],
)
def test_state_party_term_is_the_one_documents_and_asks_use(language: str, spelling: str) -> None:
    data = statement_on("KAZ", "CCPR", language)
    data["metadata"]["state_party_spelling"] = spelling
    submission = submission_of(data)
    term = phrase_catalogue(language).get("state_party", spelling)
    assert submission.metadata.state_party() == term
    assert automatic_values("KAZ", "CCPR", language, spelling)["state_party"] == term
    masthead = [text_of(b) for b in compose(submission).blocks if isinstance(b, Para)]
    assert any(line.startswith(term) for line in masthead)


def test_list_of_issues_lead_in_names_the_state_party_of_the_language() -> None:
    for language in languages():
        data = loi([0, 1, 2, 3, 4])
        data["metadata"]["language"] = language
        data["issues"][0]["recommendations"] = ["Respect the principle of non-refoulement."]
        submission = submission_of(data)
        level3 = [text_of(h) for h in compose(submission).blocks if isinstance(h, Heading)]
        assert any(submission.metadata.state_party() in h for h in level3), (language, level3)


# -- 5. asks and the articles they are about ---------------------------------------------


def test_questions_without_articles_inherit_those_of_their_issue() -> None:
    submission = submission_of(loi([0, 1, 2, 3, 4]))
    walked = list(submission.asks_with_articles())
    assert [path for path, _, _ in walked] == [path for path, _ in submission.ask_paths()]
    for path, ask, articles in walked:
        issue = submission.issues[path[1]]
        assert articles == (ask.articles or issue.articles)
    assert [a for _, _, a in asks_of(submission)] == [
        [r.article for r in articles] for _, _, articles in walked
    ]


def test_follow_up_recommendations_inherit_the_articles_of_their_item() -> None:
    meta = data_of(ORAL_EXAMPLE)["metadata"]
    meta.update(stage="follow_up", title="Follow-up on torture")
    data = {
        "kind": "follow_up",
        "metadata": meta,
        "concluding_observations": "CCPR/C/KAZ/CO/3",
        "items": [
            {
                "recommendation": "CCPR/C/KAZ/CO/3, para. 22 (b)",
                "title": "Torture and ill-treatment",
                "articles": [10, 7],
                "paragraphs": ["No investigation was opened in 2025."],
                "recommendations": [
                    "Investigate all allegations promptly.",
                    {"text": "Publish the statistics.", "articles": [19]},
                ],
            }
        ],
    }
    assert [a for _, _, a in asks_of(submission_of(data))] == [[10, 7], [19]]


def test_oral_statement_asks_keep_their_own_articles() -> None:
    submission = submission_of(data_of(ORAL_EXAMPLE))
    assert [a for _, _, a in asks_of(submission)] == [
        [a.article for a in ask.articles] for _, ask in submission.ask_paths()
    ]
