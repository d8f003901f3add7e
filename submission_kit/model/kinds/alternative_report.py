"""An alternative (shadow, parallel) report to a treaty body, for the list of issues or the
review: an executive summary, a table of contents, chapters with sections by article, CRC
cluster or theme, case boxes, recommendations per section, a consolidated summary of the
recommendations generated from the sections, and annexes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator

from submission_kit.model.addressees import paragraph_text_paths
from submission_kit.model.common import (
    ArticleInput,
    ArticleRef,
    AskInput,
    Metadata,
    ParagraphInput,
    Strict,
    Submission,
    no_items,
    parse_article,
)

#: The clusters of the Convention on the Rights of the Child under which the Committee on the
#: Rights of the Child groups its reviews (their titles and articles are in treaties.json).
CrcCluster = Literal[
    "general_measures",
    "definition_of_the_child",
    "general_principles",
    "civil_rights_and_freedoms",
    "violence_against_children",
    "family_environment",
    "disability_health_welfare",
    "education_leisure_culture",
    "special_protection",
]


class CaseBox(Strict):
    """One case told in a titled, bordered box beside the narrative."""

    title: str = Field(min_length=1, description="e.g. 'The case of A.'")
    paragraphs: list[ParagraphInput] = Field(min_length=1)


class Section(Strict):
    """A section of a chapter, about treaty articles, a CRC cluster or a theme."""

    heading: str | None = Field(
        None,
        description="Heading of the section (a theme). The article reference is added in UN "
        "form, e.g. 'Violence against women (arts. 2 and 16)'. Left out, the heading is made "
        "from the articles' titles or the CRC cluster.",
    )
    articles: list[ArticleInput] = Field(
        default_factory=no_items, description="Treaty articles at stake."
    )
    cluster: CrcCluster | None = Field(
        None, description="CRC cluster of the section (reports to the CRC only)."
    )
    paragraphs: list[ParagraphInput] = Field(default_factory=no_items)
    cases: list[CaseBox] = Field(default_factory=no_items, description="Cases, each in a box.")
    recommendations: list[AskInput] = Field(
        default_factory=no_items,
        description="Recommendations to the State; the summary of recommendations repeats them.",
    )

    @model_validator(mode="after")
    def _named(self) -> Section:
        if not (self.heading or self.articles or self.cluster):
            raise ValueError(
                "a section needs a 'heading', its 'articles' or a CRC 'cluster' to be named by"
            )
        return self


class Chapter(Strict):
    """A chapter (I., II. ...): a title, its own paragraphs, then its sections (A., B. ...)."""

    title: str = Field(min_length=1, description="e.g. 'Implementation of the Convention'.")
    paragraphs: list[ParagraphInput] = Field(default_factory=no_items)
    sections: list[Section] = Field(default_factory=no_items)


class Annex(Strict):
    title: str = Field(min_length=1, description="e.g. 'Organisations that contributed'.")
    paragraphs: list[ParagraphInput] = Field(min_length=1)


class AlternativeReport(Submission):
    kind: Literal["alternative_report"]
    label: ClassVar[str] = "alternative report"

    metadata: Metadata
    executive_summary: list[ParagraphInput] = Field(
        min_length=1,
        description="The main findings and asks in a few paragraphs, read first by committee "
        "members.",
    )
    contents: bool = Field(True, description="Print a table of contents (a Word TOC field).")
    chapters: list[Chapter] = Field(min_length=1)
    annexes: list[Annex] = Field(default_factory=no_items)

    def sections(self) -> Iterator[tuple[int, int, Section]]:
        for i, chapter in enumerate(self.chapters):
            for j, section in enumerate(chapter.sections):
                yield i, j, section

    def ask_paths(self) -> Iterator[tuple[tuple[str | int, ...], Any]]:
        for i, j, section in self.sections():
            for k, r in enumerate(section.recommendations):
                yield ("chapters", i, "sections", j, "recommendations", k), r

    def articles_at(self, path: tuple[str | int, ...]) -> list[ArticleRef]:
        # A recommendation is about the articles of its section (or of its CRC cluster).
        if len(path) > 3 and path[0] == "chapters" and path[2] == "sections":
            section = self.chapters[int(path[1])].sections[int(path[3])]
            return list(section.articles) or cluster_articles(section.cluster)
        return []

    def repeated_texts(self) -> list[str]:
        """Text the document prints twice: the summary of recommendations repeats every
        recommendation, and the word limit counts the document as printed."""
        return [ask.text for _, ask in self.ask_paths()]

    def text_paths(self) -> Iterator[tuple[tuple[str | int, ...], str]]:
        yield ("metadata", "title"), self.metadata.title
        yield from paragraph_text_paths(("executive_summary",), self.executive_summary)
        for i, chapter in enumerate(self.chapters):
            yield ("chapters", i, "title"), chapter.title
            yield from paragraph_text_paths(("chapters", i, "paragraphs"), chapter.paragraphs)
            for j, section in enumerate(chapter.sections):
                at = ("chapters", i, "sections", j)
                if section.heading:
                    yield (*at, "heading"), section.heading
                yield from paragraph_text_paths((*at, "paragraphs"), section.paragraphs)
                for k, case in enumerate(section.cases):
                    yield (*at, "cases", k, "title"), case.title
                    yield from paragraph_text_paths(
                        (*at, "cases", k, "paragraphs"), case.paragraphs
                    )
                for k, r in enumerate(section.recommendations):
                    yield (*at, "recommendations", k, "text"), r.text or ""
        for i, annex in enumerate(self.annexes):
            yield ("annexes", i, "title"), annex.title
            yield from paragraph_text_paths(("annexes", i, "paragraphs"), annex.paragraphs)
        for i, s in enumerate(self.sources):
            yield ("sources", i, "text"), s.text


def cluster_articles(cluster: str | None) -> list[ArticleRef]:
    """The articles of a CRC cluster, from the reference data (none for no cluster)."""
    if not cluster:
        return []
    from submission_kit import reference

    found = reference.treaty("CRC").clusters.get(cluster)
    return [ArticleRef(**parse_article(a)) for a in found["articles"]] if found else []
