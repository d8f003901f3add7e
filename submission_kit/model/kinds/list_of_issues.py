"""A suggested list of issues: concerns grouped by treaty article, each with suggested questions."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from submission_kit.model.common import (
    ArticleInput,
    ArticleRef,
    AskInput,
    ParagraphInput,
    ProseText,
    Strict,
    Submission,
    no_items,
)


class Issue(Strict):
    heading: ProseText | None = Field(
        None,
        description="Heading of the article group this issue opens. Left out, it is made "
        "from the articles, e.g. 'Prohibition of torture and ill-treatment (art. 7)'.",
    )
    title: ProseText | None = Field(
        None, description="Subheading of the issue, e.g. 'Refoulement'."
    )
    articles: list[ArticleInput] = Field(
        default_factory=no_items, description="Treaty articles at stake."
    )
    paragraphs: list[ParagraphInput] = Field(default_factory=no_items)
    questions: list[AskInput] = Field(
        default_factory=no_items, description="Suggested questions for the list of issues."
    )
    recommendations: list[AskInput] = Field(
        default_factory=no_items, description="Recommendations to the State."
    )

    def article_numbers(self) -> tuple[int, ...]:
        """The article numbers the issue cites, lowest first, without repeats: issues citing the
        same ones share a heading."""
        return tuple(sorted({a.article for a in self.articles}))

    def treaty_position(self) -> int:
        """Where the issue stands in treaty order: its lowest article. Issues citing no article
        are general ones and come first, as general information opens the Committee's lists."""
        numbers = self.article_numbers()
        return numbers[0] if numbers else 0


class ListOfIssues(Submission):
    kind: Literal["list_of_issues"]
    label: ClassVar[str] = "list of issues"

    introduction: list[ParagraphInput] = Field(default_factory=no_items)
    issues: list[Issue] = Field(min_length=1)

    def issues_in_print_order(self) -> list[tuple[int, Issue]]:
        """The issues (with their index in the draft) in the order the document prints them:
        treaty order, the draft's order among issues on the same article. The renderer, the
        rules (SK502 warns when the draft's order differs) and impact tracking all use this."""
        return sorted(enumerate(self.issues), key=lambda pair: pair[1].treaty_position())

    def print_order(self, field: str, count: int) -> list[int]:
        if field == "issues":
            return [i for i, _ in self.issues_in_print_order()]
        return super().print_order(field, count)

    def articles_at(self, path: tuple[str | int, ...]) -> list[ArticleRef]:
        # Questions and recommendations are about the articles of their issue.
        if len(path) > 1 and path[0] == "issues" and isinstance(path[1], int):
            return list(self.issues[path[1]].articles)
        return []
