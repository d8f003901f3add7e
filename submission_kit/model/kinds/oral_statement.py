"""An oral statement delivered at a briefing of the Committee."""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, Field

from submission_kit.model.common import (
    AskInput,
    ParagraphInput,
    ProseText,
    Strict,
    Submission,
    no_items,
)

_DURATION_RE = re.compile(
    r"^\s*(?:(?P<m>\d+)\s*(?:min|minutes?|m)\s*)?(?:(?P<s>\d+)\s*(?:s|sec|seconds?))?\s*$"
)
_CLOCK_RE = re.compile(r"^\s*(?P<m>\d+):(?P<s>[0-5]\d)\s*$")


def _parse_duration(value: Any) -> Any:
    """Accept '2 min', '90 s', '1 min 30 s' or '1:30'; give seconds. A bare number is refused:
    `time_limit: 3` meant three minutes far more often than three seconds."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(
            f"{value} has no unit; write '{value} min' for minutes or '{value} s' for seconds"
        )
    if isinstance(value, str):
        m = _CLOCK_RE.match(value) or _DURATION_RE.match(value)
        if not m or not (m["m"] or m["s"]):
            raise ValueError(f"'{value}' is not a duration; write it as '2 min', '90 s' or '1:30'")
        seconds = int(m["m"] or 0) * 60 + int(m["s"] or 0)
        if seconds < 1:
            raise ValueError(f"'{value}' leaves no time to speak; write it as '2 min' or '90 s'")
        return seconds
    return value


#: A duration as the JSON Schema offers it to an editor: the forms `_parse_duration` reads.
DURATION_PATTERN = (
    r"^\s*(?:[0-9]+\s*(?:min|minutes?|m)(?:\s*[0-9]+\s*(?:s|sec|seconds?))?"
    r"|[0-9]+\s*(?:s|sec|seconds?)|[0-9]+:[0-5][0-9])\s*$"
)
Duration = Annotated[
    int,
    BeforeValidator(
        _parse_duration,
        json_schema_input_type=Annotated[str, Field(pattern=DURATION_PATTERN)],
    ),
]


class Speaker(Strict):
    name: str = Field(min_length=1)
    organisation: str | None = Field(
        None, description="Name or acronym of the speaker's organisation."
    )
    position: str | None = Field(None, description="e.g. Legal adviser.")


class AskList(Strict):
    lead_in: ProseText = Field(
        min_length=1,
        description="Sentence that introduces the asks, e.g. 'we urge the Committee to call on Kazakhstan to:'.",
    )
    addressee: Literal["state", "committee"] = Field(
        "state",
        description="Whom the asks are for: recommendations to the State, or asks to the Committee.",
    )
    items: list[AskInput] = Field(min_length=1)


class OralStatement(Submission):
    kind: Literal["oral_statement"]
    label: ClassVar[str] = "oral statement"
    spoken: ClassVar[bool] = True

    speaker: Speaker
    meeting: Literal["informal_briefing", "private_briefing", "public_meeting"] = (
        "informal_briefing"
    )
    time_limit: Duration = Field(
        description="Speaking time allowed, with its unit: '2 min', '90 s' or '1:30'."
    )
    opening: list[ParagraphInput] = Field(
        default_factory=no_items, description="Salutation and opening."
    )
    body: list[ParagraphInput] = Field(min_length=1)
    asks: AskList
    conclusion: list[ParagraphInput] = Field(default_factory=no_items)

    def spoken_texts(self, in_conclusion: str) -> list[str]:
        """Everything the speaker reads aloud, in order: opening, body, the lead-in and the asks,
        then `in_conclusion` (the connective the document prints before the conclusion, in its
        language: compose's 'in_conclusion' phrase) and the conclusion. The title block, the
        title and the footnotes are not read. The speaker note and SK303/SK304 both count this."""
        texts: list[str] = []
        for p in [*self.opening, *self.body]:
            texts += [p.text, *p.item_texts()]
        texts.append(self.asks.lead_in)
        texts += [a.text for a in self.asks.items]
        if self.conclusion:
            texts.append(in_conclusion)
            for p in self.conclusion:
                texts += [p.text, *p.item_texts()]
        return texts
