"""A written statement to the Human Rights Council: submitted under an agenda item by
organisations in ECOSOC consultative status, with co-signers without status named in a
footnote to the title; plain paragraphs and, if any, recommendations."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar, Literal

from pydantic import Field

from submission_kit.model.addressees import HrcMetadata, paragraph_text_paths
from submission_kit.model.common import (
    AskInput,
    ParagraphInput,
    Submission,
    no_items,
)


class HrcWrittenStatement(Submission):
    kind: Literal["hrc_written_statement"]
    label: ClassVar[str] = "written statement to the Human Rights Council"

    metadata: HrcMetadata  # type: ignore[assignment]
    body: list[ParagraphInput] = Field(min_length=1, description="The statement's paragraphs.")
    lead_in: str | None = Field(
        None,
        min_length=1,
        description="Sentence before the recommendations, e.g. 'We call on the Council to:'. "
        "Left out, a standard one is printed.",
    )
    recommendations: list[AskInput] = Field(
        default_factory=no_items, description="Recommendations, numbered when rendered."
    )

    def ask_paths(self) -> Iterator[tuple[tuple[str | int, ...], Any]]:
        for i, r in enumerate(self.recommendations):
            yield ("recommendations", i), r

    def text_paths(self) -> Iterator[tuple[tuple[str | int, ...], str]]:
        yield ("metadata", "title"), self.metadata.title
        yield from paragraph_text_paths(("body",), self.body)
        if self.lead_in:
            yield ("lead_in",), self.lead_in
        for path, ask in self.ask_paths():
            yield (*path, "text"), ask.text or ""
        for i, s in enumerate(self.sources):
            yield ("sources", i, "text"), s.text
