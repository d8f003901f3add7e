"""A follow-up submission: how far the State has implemented the recommendations the Committee
selected for follow-up in its concluding observations, with information and a suggested grade."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from submission_kit.model.common import (
    ArticleInput,
    ArticleRef,
    AskInput,
    ParagraphInput,
    ProseText,
    RecommendationInput,
    Strict,
    Submission,
    no_items,
)

#: The Committee's grades of a follow-up reply, A (largely satisfactory) to E (contrary).
Grade = Literal["A", "B", "C", "D", "E"]


class FollowUpItem(Strict):
    """One recommendation selected for follow-up, and what the organisation reports on it."""

    recommendation: RecommendationInput = Field(
        description="The recommendation, e.g. 'CCPR/C/KAZ/CO/3, para. 22'."
    )
    title: ProseText = Field(
        min_length=1, description="Subject of the recommendation, e.g. 'Torture'."
    )
    articles: list[ArticleInput] = Field(
        default_factory=no_items, description="Treaty articles at stake."
    )
    summary: ProseText | None = Field(
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
        default_factory=no_items, description="Recommendations to the State."
    )


class FollowUp(Submission):
    kind: Literal["follow_up"]
    label: ClassVar[str] = "follow-up submission"

    concluding_observations: str = Field(
        pattern=r"^[A-Z][A-Za-z0-9./–-]+/CO/\d+(?:[-–]\d+)?(?:/Add\.\d+)?$",
        description="Symbol of the concluding observations followed up, e.g. CCPR/C/KAZ/CO/3.",
    )
    introduction: list[ParagraphInput] = Field(default_factory=no_items)
    items: list[FollowUpItem] = Field(
        min_length=1, description="One entry per recommendation selected for follow-up."
    )

    def articles_at(self, path: tuple[str | int, ...]) -> list[ArticleRef]:
        # A recommendation to the State is about the articles of the item it follows up.
        if len(path) > 1 and path[0] == "items" and isinstance(path[1], int):
            return list(self.items[path[1]].articles)
        return []
