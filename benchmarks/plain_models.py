"""The oral statement's models written with plain pydantic, no code of the kit: the floor of what
building and running this draft's schema costs pydantic itself.

Run as a whole process by `bench_preview.py` (`plain-models`):  python benchmarks/plain_models.py DRAFT

The models carry the same fields, types, defaults, constraints and validators as the kit's
(`submission_kit.model.common` and `model.kinds.oral_statement`): strict objects with stripped
strings, a free-text or an object form for paragraphs and asks, article and recommendation
references parsed from text, a duration with its unit, the ask's check of `text` or `use`,
and a language and a committee checked against a list. The lists are written out here (the
kit reads them from its data); the kit's methods for walking prose, the JSON Schema hints and
the located messages are left out, since they cost nothing until used. Each model is built
when first used (`defer_build`), as the kit's are. The draft is parsed with PyYAML's C loader,
without the positions the kit records.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from typing import Annotated, Any, Literal

os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # as `subkit` does

import click  # noqa: E402,F401 - in the floor of the issue, as `subkit` imports it
import yaml  # noqa: E402
from pydantic import (  # noqa: E402
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)
from pydantic_core import PydanticCustomError  # noqa: E402

LANGUAGES = ["en", "es", "fr"]
COMMITTEES = ["CAT", "CCPR", "CED", "CEDAW", "CERD", "CESCR", "CMW", "CRC", "CRPD"]


def one_of(values: list[str]) -> Any:
    def check(value: str) -> str:
        if value not in values:
            listed = ", ".join(repr(v) for v in values[:-1]) + f" or {values[-1]!r}"
            raise PydanticCustomError(
                "literal_error", "Input should be {expected}", {"expected": listed}
            )
        return value

    return check


def nothing() -> list[Any]:
    return []


def no_entries() -> dict[str, Any]:
    return {}


def text_shorthand(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)


class Session(Strict):
    number: int = Field(ge=1)
    start: dt.date | None = None
    end: dt.date | None = None


class Organisation(Strict):
    name: str = Field(min_length=1)
    acronym: str | None = None
    role: Literal["lead", "author", "co-submitter", "endorser"] = "author"
    website: str | None = None


class Contact(Strict):
    name: str = Field(min_length=1)
    email: str | None = Field(None, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    organisation: str | None = None


class Metadata(Strict):
    committee: Annotated[str, AfterValidator(one_of(COMMITTEES))]
    state: str = Field(pattern=r"^[A-Z]{3}$")
    session: Session
    stage: Literal[
        "list_of_issues_prior_to_reporting", "list_of_issues", "constructive_dialogue", "follow_up"
    ]
    language: Annotated[str, AfterValidator(one_of(LANGUAGES))] = "en"
    date: dt.date
    title: str = Field(min_length=1)
    organisations: list[Organisation] = Field(min_length=1)
    state_party_spelling: Literal["State party", "State Party"] = "State party"
    contact: Contact | None = None


_ARTICLE_RE = re.compile(
    r"^\s*(?:[Aa][Rr][Tt][Ss]?\.?|[Aa][Rr][Tt][Ii][Cc][Ll][Ee])?\s*([0-9]+)\s*"
    r"(?:\(\s*([0-9]+)\s*\))?\s*(?:\(\s*([A-Za-z])\s*\))?\s*$"
)
_FOLLOW_UP_RE = re.compile(
    r"^\s*([A-Z][A-Za-z0-9./–-]+?)\s*,\s*paras?\.\s*([0-9]+)\s*(?:\(\s*([a-z])\s*\))?\s*$"
)


def parse_article(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return {"article": value}
    if isinstance(value, str):
        m = _ARTICLE_RE.match(value)
        if not m:
            raise ValueError(f"'{value}' is not an article reference")
        out: dict[str, Any] = {"article": int(m[1])}
        if m[2]:
            out["paragraph"] = int(m[2])
        if m[3]:
            out["subparagraph"] = m[3].lower()
        return out
    return value


def parse_follow_up(value: Any) -> Any:
    if isinstance(value, str):
        m = _FOLLOW_UP_RE.match(value)
        if not m:
            raise ValueError(f"'{value}' is not a recommendation reference")
        out: dict[str, Any] = {"symbol": m[1], "paragraph": int(m[2])}
        if m[3]:
            out["subparagraph"] = m[3]
        return out
    return value


class ArticleRef(Strict):
    article: int = Field(ge=1)
    paragraph: int | None = Field(None, ge=1)
    subparagraph: str | None = Field(None, pattern=r"^[a-z]$")


class RecommendationRef(Strict):
    symbol: str
    paragraph: int = Field(ge=1)
    subparagraph: str | None = Field(None, pattern=r"^[a-z]$")


class Ask(Strict):
    text: str = Field("", min_length=1)
    use: str | None = Field(None, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    with_: dict[str, str | int] = Field(default_factory=no_entries, alias="with")
    id: str | None = Field(None, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    articles: list[Annotated[ArticleRef, BeforeValidator(parse_article)]] = Field(
        default_factory=nothing
    )
    follows_up: Annotated[RecommendationRef, BeforeValidator(parse_follow_up)] | None = None

    @model_validator(mode="after")
    def _text_or_use(self) -> Ask:
        written = "text" in self.model_fields_set
        if not written and self.use is None:
            raise ValueError("an ask needs its 'text', or 'use'")
        if written and self.use is not None:
            raise ValueError("an ask takes either 'text' or 'use', not both")
        if self.with_ and self.use is None:
            raise ValueError("'with' gives values to a standard ask")
        return self


class Item(Strict):
    text: str = Field(min_length=1)
    items: list[str] = Field(default_factory=nothing)


class Paragraph(Strict):
    text: str = Field(min_length=1)
    items: list[Annotated[Item, BeforeValidator(text_shorthand)]] = Field(default_factory=nothing)
    item_style: Literal["lettered", "bulleted"] = "lettered"


class Source(Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    text: str = Field(min_length=1)


_DURATION_RE = re.compile(
    r"^\s*(?:(?P<m>\d+)\s*(?:min|minutes?|m)\s*)?(?:(?P<s>\d+)\s*(?:s|sec|seconds?))?\s*$"
)
_CLOCK_RE = re.compile(r"^\s*(?P<m>\d+):(?P<s>[0-5]\d)\s*$")


def parse_duration(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(f"{value} has no unit")
    if isinstance(value, str):
        m = _CLOCK_RE.match(value) or _DURATION_RE.match(value)
        if not m or not (m["m"] or m["s"]):
            raise ValueError(f"'{value}' is not a duration")
        return int(m["m"] or 0) * 60 + int(m["s"] or 0)
    return value


class Speaker(Strict):
    name: str = Field(min_length=1)
    organisation: str | None = None
    position: str | None = None


ParagraphInput = Annotated[Paragraph, BeforeValidator(text_shorthand)]


class AskList(Strict):
    lead_in: str = Field(min_length=1)
    addressee: Literal["state", "committee"] = "state"
    items: list[Annotated[Ask, BeforeValidator(text_shorthand)]] = Field(min_length=1)


class OralStatement(Strict):
    kind: Literal["oral_statement"]
    metadata: Metadata
    sources: list[Source] = Field(default_factory=nothing)
    speaker: Speaker
    meeting: Literal["informal_briefing", "private_briefing", "public_meeting"] = (
        "informal_briefing"
    )
    time_limit: Annotated[int, BeforeValidator(parse_duration)]
    opening: list[ParagraphInput] = Field(default_factory=nothing)
    body: list[ParagraphInput] = Field(min_length=1)
    asks: AskList
    conclusion: list[ParagraphInput] = Field(default_factory=nothing)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        OralStatement.model_validate(yaml.load(f, Loader=yaml.CSafeLoader))
