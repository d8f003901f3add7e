"""A stakeholder submission to the Universal Periodic Review: follow-up to the previous cycle's
recommendations, the national framework, the situation on the ground by theme, and
recommendations to the State under review, in numbered paragraphs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar, Literal

from pydantic import Field

from submission_kit.model.addressees import (
    UprMetadata,
    UprRecommendationInput,
    paragraph_text_paths,
)
from submission_kit.model.common import (
    AskInput,
    ParagraphInput,
    Strict,
    Submission,
    no_items,
)


class UprFollowUpItem(Strict):
    """What became of recommendations the State received in the previous cycle."""

    recommendations: list[UprRecommendationInput] = Field(
        min_length=1,
        description="Earlier recommendations, e.g. '139.12 (Norway), supported'.",
    )
    title: str | None = Field(None, description="Subject, e.g. 'Torture and ill-treatment'.")
    paragraphs: list[ParagraphInput] = Field(
        min_length=1, description="What has and has not been done since."
    )


class Theme(Strict):
    """One theme of the situation on the ground, with the recommendations it leads to."""

    title: str = Field(min_length=1, description="e.g. 'Freedom of peaceful assembly'.")
    paragraphs: list[ParagraphInput] = Field(min_length=1)
    recommendations: list[AskInput] = Field(
        default_factory=no_items,
        description="Recommendations to the State under review; printed together under "
        "'Recommendations', by theme.",
    )


class UprSubmission(Submission):
    kind: Literal["upr_submission"]
    label: ClassVar[str] = "stakeholder submission to the Universal Periodic Review"

    metadata: UprMetadata  # type: ignore[assignment]
    key_words: list[str] = Field(
        default_factory=no_items, description="Key words, e.g. 'torture', 'freedom of assembly'."
    )
    summary: list[ParagraphInput] = Field(
        default_factory=no_items, description="An opening summary, welcome to the secretariat."
    )
    introduction: list[ParagraphInput] = Field(default_factory=no_items)
    follow_up: list[UprFollowUpItem] = Field(
        default_factory=no_items, description="Follow-up to the previous review."
    )
    national_framework: list[ParagraphInput] = Field(
        default_factory=no_items, description="Constitution, laws, institutions and policies."
    )
    themes: list[Theme] = Field(
        min_length=1, description="The situation on the ground, one entry per theme."
    )
    recommendations: list[AskInput] = Field(
        default_factory=no_items, description="Recommendations that belong to no one theme."
    )

    def ask_paths(self) -> Iterator[tuple[tuple[str | int, ...], Any]]:
        for i, theme in enumerate(self.themes):
            for j, r in enumerate(theme.recommendations):
                yield ("themes", i, "recommendations", j), r
        for j, r in enumerate(self.recommendations):
            yield ("recommendations", j), r

    def text_paths(self) -> Iterator[tuple[tuple[str | int, ...], str]]:
        yield ("metadata", "title"), self.metadata.title
        for i, word in enumerate(self.key_words):
            yield ("key_words", i), word
        yield from paragraph_text_paths(("summary",), self.summary)
        yield from paragraph_text_paths(("introduction",), self.introduction)
        for i, item in enumerate(self.follow_up):
            if item.title:
                yield ("follow_up", i, "title"), item.title
            yield from paragraph_text_paths(("follow_up", i, "paragraphs"), item.paragraphs)
        yield from paragraph_text_paths(("national_framework",), self.national_framework)
        for i, theme in enumerate(self.themes):
            yield ("themes", i, "title"), theme.title
            yield from paragraph_text_paths(("themes", i, "paragraphs"), theme.paragraphs)
        for path, ask in self.ask_paths():
            yield (*path, "text"), ask.text or ""
        for i, s in enumerate(self.sources):
            yield ("sources", i, "text"), s.text
