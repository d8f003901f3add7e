"""Composing a follow-up submission: one section per recommendation selected for follow-up."""

from __future__ import annotations

import copy
from typing import Any

import yaml
from conftest import ORAL_EXAMPLE

from submission_kit.compose import compose
from submission_kit.doctree import Document, Heading, ListItem, Text
from submission_kit.validate import validate_text


def follow_up(language: str = "en") -> dict[str, Any]:
    meta = copy.deepcopy(yaml.safe_load(ORAL_EXAMPLE.read_text(encoding="utf-8"))["metadata"])
    meta.update(stage="follow_up", language=language, title="Follow-up on torture")
    return {
        "kind": "follow_up",
        "metadata": meta,
        "concluding_observations": "CCPR/C/KAZ/CO/3",
        "items": [
            {
                "recommendation": "CCPR/C/KAZ/CO/3, para. 22 (b)",
                "title": "Torture and ill-treatment",
                "articles": [10, 7],
                "summary": "The State party should investigate all allegations.",
                "paragraphs": ["No investigation was opened in 2025.[^gdp]"],
                "grade": "C",
                "recommendations": ["Investigate all allegations promptly."],
            }
        ],
        "sources": [{"id": "gdp", "text": "GDP monitoring, 2025."}],
    }


def composed(data: dict[str, Any]) -> Document:
    result = validate_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert result.ok, [d.message for d in result.diagnostics]
    return compose(result.submission)


def test_follow_up_names_the_recommendation_and_its_articles():
    doc = composed(follow_up())
    headings = [("".join(i.text for i in h.content)) for h in doc.blocks if isinstance(h, Heading)]
    # UN typography keeps "arts. 7" and "CCPR/C/KAZ/CO/3, para. 22" together (no-break spaces).
    assert "Torture and ill-treatment (arts.\u00a07 and 10)" in headings
    assert "Recommendation in CCPR/C/KAZ/CO/3,\u00a0para.\u00a022 (b)" in headings
    assert "Suggested assessment: C (not satisfactory)" in doc.text()


def test_follow_up_recommendations_are_bold_and_paragraphs_run_on():
    doc = composed(follow_up())
    items = [b for b in doc.blocks if isinstance(b, ListItem)]
    assert len({b.list_id for b in items}) == 1
    assert [b.bold for b in items] == [False, True]
    assert list(doc.footnotes) == ["gdp"]


def test_follow_up_in_french():
    doc = composed(follow_up("fr"))
    assert "Évaluation proposée\u00a0: C (non satisfaisante)" in doc.text()
    assert (
        "Recommandation figurant dans le document CCPR/C/KAZ/CO/3,\u00a0par.\u00a022 b)"
        in doc.text()
    )
    assert any(isinstance(i, Text) for b in doc.blocks for i in getattr(b, "content", []))


def _unnumbered_lines(doc: Document) -> list[str]:
    from submission_kit.doctree import Para

    return ["".join(i.text for i in b.content) for b in doc.blocks if isinstance(b, Para)]


def test_a_title_naming_the_concluding_observations_is_not_repeated_under_it():
    data = follow_up()
    data["metadata"]["title"] = "Follow-up to the concluding observations (CCPR/C/KAZ/CO/3)"
    lines = _unnumbered_lines(composed(data))
    assert not any(
        line.startswith("Follow-up to the concluding observations CCPR") for line in lines
    )


def test_a_title_without_the_symbol_gets_it_on_a_body_line_below():
    from submission_kit.doctree import Para

    doc = composed(follow_up())
    line = [
        b
        for b in doc.blocks
        if isinstance(b, Para)
        and "".join(i.text for i in b.content)
        == "Follow-up to the concluding observations CCPR/C/KAZ/CO/3"
    ]
    assert len(line) == 1 and line[0].role == "body"
