"""A follow-up submission: how far the State has implemented the recommendations the Committee
selected for follow-up in its concluding observations, with information and a suggested grade."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar, Literal

from pydantic import Field

from submission_kit.model.common import (
    ArticleInput,
    ArticleRef,
    AskInput,
    ParagraphInput,
    RecommendationInput,
    Strict,
    Submission,
    paragraph_text_paths,
)

#: The Committee's grades of a follow-up reply, A (largely satisfactory) to E (contrary).
Grade = Literal["A", "B", "C", "D", "E"]


class FollowUpItem(Strict):
    """One recommendation selected for follow-up, and what the organisation reports on it."""

    recommendation: RecommendationInput = Field(
        description="The recommendation, e.g. 'CCPR/C/KAZ/CO/3, para. 22'."
    )
    title: str = Field(min_length=1, description="Subject of the recommendation, e.g. 'Torture'.")
    articles: list[ArticleInput] = Field(
        default_factory=list, description="Treaty articles at stake."
    )
    summary: str | None = Field(
        None, description="What the Committee recommended, in a sentence or a short quotation."
    )
    paragraphs: list[ParagraphInput] = Field(
        min_length=1, description="Information on what has and has not been done since."
    )
    grade: Grade | None = Field(
        None,
        description="Suggested assessment: A largely satisfactory, B partially satisfactory, "
        "C not satisfactory, D no cooperation, E contrary to the recommendation.",
    )
    recommendations: list[AskInput] = Field(
        default_factory=list, description="Recommendations to the State."
    )


class FollowUp(Submission):
    kind: Literal["follow_up"]
    label: ClassVar[str] = "follow-up submission"

    concluding_observations: str = Field(
        pattern=r"^[A-Z][A-Za-z0-9./–-]+/CO/\d+(?:[-–]\d+)?(?:/Add\.\d+)?$",
        description="Symbol of the concluding observations followed up, e.g. CCPR/C/KAZ/CO/3.",
    )
    introduction: list[ParagraphInput] = Field(default_factory=list)
    items: list[FollowUpItem] = Field(
        min_length=1, description="One entry per recommendation selected for follow-up."
    )

    def ask_paths(self) -> Iterator[tuple[tuple[str | int, ...], Any]]:
        for i, item in enumerate(self.items):
            for j, r in enumerate(item.recommendations):
                yield ("items", i, "recommendations", j), r

    def articles_at(self, path: tuple[str | int, ...]) -> list[ArticleRef]:
        # A recommendation to the State is about the articles of the item it follows up.
        if len(path) > 1 and path[0] == "items" and isinstance(path[1], int):
            return list(self.items[path[1]].articles)
        return []

    def text_paths(self) -> Iterator[tuple[tuple[str | int, ...], str]]:
        yield ("metadata", "title"), self.metadata.title
        yield from paragraph_text_paths(("introduction",), self.introduction)
        for i, item in enumerate(self.items):
            yield ("items", i, "title"), item.title
            if item.summary:
                yield ("items", i, "summary"), item.summary
            yield from paragraph_text_paths(("items", i, "paragraphs"), item.paragraphs)
            for j, r in enumerate(item.recommendations):
                yield ("items", i, "recommendations", j, "text"), r.text
        for i, s in enumerate(self.sources):
            yield ("sources", i, "text"), s.text
