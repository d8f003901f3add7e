"""A suggested list of issues: numbered paragraphs running through the document, issues under
headings that name the treaty articles, suggested questions, and recommendations to the State in
bold.

Issues are printed in treaty order (`ListOfIssues.issues_in_print_order`, the draft's order among
issues on the same article). Rule SK502 warns the writer whose draft is in another order, and
impact tracking numbers the asks in the printed order, so all three agree.
"""

from __future__ import annotations

from submission_kit import reference
from submission_kit.compose.common import PARAGRAPHS, Composer
from submission_kit.compose.conventions import (
    article_reference,
    heading_with_reference,
    join_list,
)
from submission_kit.model.common import ArticleRef
from submission_kit.model.kinds.list_of_issues import ListOfIssues

KIND = "list_of_issues"


def built_heading(c: Composer, articles: list[ArticleRef]) -> str:
    """ "Prohibition of torture and ill-treatment (art. 7)", from the treaty's article titles."""
    if not articles:
        return c.phrase("general_heading")
    treaty = reference.committee(c.submission.metadata.committee).treaty
    titles: list[str] = []
    for number in sorted({a.article for a in articles}):
        title = treaty.title(number, c.language)
        title = c.typographic(title) if title else title
        if title and title not in titles:
            titles.append(title)
    # Sentence case: only the first title keeps its capital.
    titles = [t if i == 0 else t[:1].lower() + t[1:] for i, t in enumerate(titles)]
    return c.phrase(
        "article_heading",
        titles=join_list(titles, c.language),
        reference=article_reference(articles, c.language),
    ).strip()


def compose_body(c: Composer) -> str:
    loi = c.submission
    assert isinstance(loi, ListOfIssues)
    c.title_block()
    c.title()
    c.paragraphs(loi.introduction, numbered=True)
    current_key: tuple[int, ...] | None = None
    current_heading: str | None = None
    for _, issue in loi.issues_in_print_order():
        key = issue.article_numbers()
        # A new group opens when the articles change, or when the writer names a new heading.
        if key != current_key or (issue.heading and issue.heading != current_heading):
            current_key = key
            current_heading = issue.heading or built_heading(c, issue.articles)
            # A writer's own heading carries the article reference too, in UN form.
            shown = (
                heading_with_reference(issue.heading, issue.articles, c.language)
                if issue.heading
                else current_heading
            )
            c.heading(1, shown)
        if issue.title:
            c.heading(2, issue.title)
        c.paragraphs(issue.paragraphs, numbered=True)
        if issue.questions:
            c.heading(3, c.phrase("questions_lead_in"))
            c.numbered([q.text for q in issue.questions], PARAGRAPHS)
        if issue.recommendations:
            c.heading(3, c.phrase("recommendations_lead_in"))
            c.numbered([r.text for r in issue.recommendations], PARAGRAPHS, bold=True)
    return ""
