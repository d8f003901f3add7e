"""A follow-up submission: for each recommendation the Committee selected for follow-up, a
heading naming it, what was asked, what has been done (numbered paragraphs), a suggested
grade, and recommendations to the State in bold."""

from __future__ import annotations

from submission_kit.compose.common import PARAGRAPHS, Composer
from submission_kit.compose.conventions import article_reference
from submission_kit.doctree import Para, Text
from submission_kit.model.inline import plain_text
from submission_kit.model.kinds.follow_up import FollowUp

KIND = "follow_up"


def compose_body(c: Composer) -> str:
    follow_up = c.submission
    assert isinstance(follow_up, FollowUp)
    c.title_block()
    c.title()
    # Name the concluding observations under the title, unless the title already does (as the
    # bundled templates' titles do): the line would only repeat it. It is a body paragraph, so
    # it has the body's spacing before the numbered paragraphs.
    symbol = follow_up.concluding_observations
    if symbol not in plain_text(follow_up.metadata.title):
        c.add(Para(content=[Text(c.phrase("follow_up_of", symbol=symbol))], role="body"))
    c.paragraphs(follow_up.introduction, numbered=True)
    for item in follow_up.items:
        reference = article_reference(item.articles, c.language)
        heading = c.phrase("article_heading", titles=item.title, reference=reference).strip()
        c.heading(1, heading)
        ref = item.recommendation
        c.heading(
            3,
            c.phrase(
                "follow_up_recommendation",
                symbol=ref.symbol,
                paragraph=ref.paragraph,
                subparagraph=ref.subparagraph or "",
            ),
        )
        if item.summary:
            c.add(Para(content=c.inlines(item.summary), role="quote"))
        c.paragraphs(item.paragraphs, numbered=True)
        if item.grade:
            grade = c.phrase(
                "follow_up_grade", grade=item.grade, meaning=c.phrases.raw(f"grades.{item.grade}")
            )
            c.add(Para(content=[Text(grade, italic=True)]))
        if item.recommendations:
            c.heading(3, c.phrase("recommendations_lead_in"))
            c.numbered([r.text for r in item.recommendations], PARAGRAPHS, bold=True)
    return ""
