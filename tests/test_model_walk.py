"""Where prose and asks sit in a draft is read from the model's fields: a kind that adds a
prose field or a list of asks anywhere is walked by the word limit, the prose rules and the
typed-number check without being listed anywhere."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from submission_kit.model import kinds
from submission_kit.model.common import (
    AskInput,
    ProseText,
    Strict,
    Submission,
    ask_lists,
    walk_model,
)
from submission_kit.validate import validate_text


class Chapter(Strict):
    heading: ProseText
    note: str = ""  # not prose: an editor's note, never printed
    demands: list[AskInput] = Field(default_factory=list)


class Pamphlet(Submission):
    kind: Literal["pamphlet"]
    label: ClassVar[str] = "pamphlet"
    chapters: list[Chapter]


META = {
    "committee": "CCPR",
    "state": "KAZ",
    "session": {"number": 144},
    "stage": "list_of_issues",
    "date": "2025-01-10",
    "title": "A pamphlet",
    "organisations": [{"name": "Example Network"}],
}


def pamphlet() -> Pamphlet:
    return Pamphlet.model_validate(
        {
            "kind": "pamphlet",
            "metadata": META,
            "chapters": [
                {"heading": "Detention", "note": "check", "demands": ["Release them."]},
                {"heading": "Returns", "demands": [{"text": "Stop them."}]},
            ],
            "sources": [{"id": "a", "text": "A source."}],
        }
    )


def test_a_new_kinds_prose_is_found_in_document_order_with_footnotes_last() -> None:
    assert list(pamphlet().text_paths()) == [
        (("metadata", "title"), "A pamphlet"),
        (("chapters", 0, "heading"), "Detention"),
        (("chapters", 0, "demands", 0, "text"), "Release them."),
        (("chapters", 1, "heading"), "Returns"),
        (("chapters", 1, "demands", 0, "text"), "Stop them."),
        (("sources", 0, "text"), "A source."),
    ]


def test_a_new_kinds_asks_are_found_wherever_it_puts_them() -> None:
    assert [p for p, _ in pamphlet().ask_paths()] == [
        ("chapters", 0, "demands", 0),
        ("chapters", 1, "demands", 0),
    ]
    assert ask_lists(Pamphlet) == {("chapters", "*", "demands")}


def test_every_kind_has_prose_and_asks_where_its_fields_say() -> None:
    for kind, model in kinds().items():
        assert ask_lists(model), f"{kind}: no list of asks found in its fields"


def test_a_list_of_issues_is_walked_in_the_order_it_prints() -> None:
    text = """\
kind: list_of_issues
metadata:
  committee: CCPR
  state: KAZ
  session: {number: 101}
  stage: list_of_issues
  date: 2011-01-10
  title: List of issues
  organisations: [{name: Example Network}]
issues:
  - {title: Association, articles: [22], questions: [Will unions be free?]}
  - {title: Refoulement, articles: [7], questions: [Will returns stop?]}
"""
    submission = validate_text(text).submission
    assert submission is not None
    titles = [t for p, t in submission.text_paths() if p[-1] == "title" and p[0] == "issues"]
    assert titles == ["Refoulement", "Association"]
    found = [p for p, node in walk_model(submission) if p[:1] == ("issues",) and len(p) == 2]
    assert found == [("issues", 1), ("issues", 0)]


def test_a_typed_number_is_found_in_every_kinds_asks() -> None:
    # SK206 reads the raw draft; where the asks are comes from the kind's fields.
    text = """\
kind: follow_up
metadata:
  committee: CCPR
  state: KAZ
  session: {number: 146}
  stage: follow_up
  date: 2026-01-15
  title: Follow-up
  organisations: [{name: Example Network}]
concluding_observations: CCPR/C/KAZ/CO/3
items:
  - recommendation: CCPR/C/KAZ/CO/3, para. 12
    title: Detention
    paragraphs: [Nothing was done.]
    recommendations: ["1. Adopt a law."]
"""
    found = [d.path for d in validate_text(text).diagnostics if d.code == "SK206"]
    assert found == ["items.0.recommendations.0"]
