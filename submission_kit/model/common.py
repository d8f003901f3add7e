"""Parts shared by every kind of submission: metadata, organisations, article references, asks, sources."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Annotated, Any, ClassVar, Literal, Union, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

CommitteeCode = Literal["CCPR", "CESCR", "CAT", "CEDAW", "CERD", "CRC", "CMW", "CRPD", "CED"]
Language = Literal["en", "fr", "es"]
ReviewStage = Literal[
    "list_of_issues_prior_to_reporting", "list_of_issues", "constructive_dialogue", "follow_up"
]
#: "lead" names the organisation that coordinates a joint submission (it signs as an author).
OrganisationRole = Literal["lead", "author", "co-submitter", "endorser"]

#: The two English spellings of "State party": UN documents wrote "State party" until 2024 and
#: "State Party" since. The draft's metadata, the settings and `subkit new` all accept these.
StatePartySpelling = Literal["State party", "State Party"]
STATE_PARTY_SPELLINGS: tuple[str, ...] = get_args(StatePartySpelling)
#: "State party" in the languages that have one fixed form, whatever the English spelling.
STATE_PARTY_BY_LANGUAGE = {"fr": "État partie", "es": "Estado parte"}


def state_party_term(language: str, spelling: str = STATE_PARTY_SPELLINGS[0]) -> str:
    """ "State party" as a document in `language` writes it: the fixed French or Spanish term,
    else the English `spelling` the draft chose."""
    return STATE_PARTY_BY_LANGUAGE.get(language, spelling)


class Strict(BaseModel):
    """Base for draft models: unknown fields are errors, so typos never vanish silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _text_shorthand(value: Any) -> Any:
    """Let a plain string stand for an object whose only required field is `text`."""
    return {"text": value} if isinstance(value, str) else value


class Session(Strict):
    number: int = Field(ge=1, description="Session number, e.g. 144.")
    start: dt.date | None = Field(None, description="First day of the session (YYYY-MM-DD).")
    end: dt.date | None = Field(None, description="Last day of the session (YYYY-MM-DD).")


class Organisation(Strict):
    name: str = Field(min_length=1, description="Full name, e.g. Global Detention Project.")
    acronym: str | None = Field(None, description="Short form used in the text, e.g. GDP.")
    role: OrganisationRole = Field(
        "author", description="lead (of a joint submission), author, co-submitter or endorser."
    )
    website: str | None = None


class Contact(Strict):
    """Whom the secretariat or the Committee's members can reach about the submission."""

    name: str = Field(min_length=1, description="The contact person, e.g. Jane Doe.")
    email: str | None = Field(
        None,
        pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
        description="Their e-mail address, e.g. jane.doe@example.org.",
    )
    organisation: str | None = Field(
        None, description="Their organisation, by name or acronym, when the draft has several."
    )


class Metadata(Strict):
    """Metadata of a submission to a treaty body: committee, State party, session, stage.

    The other addressees (the Universal Periodic Review, the Human Rights Council) have their
    own metadata in `model.addressees`; every kind names the one it is written for."""

    #: Whom the submission is for; `model.addressees` describes each addressee.
    addressee: ClassVar[str] = "treaty_body"

    committee: CommitteeCode = Field(
        description="Treaty body: CCPR, CESCR, CAT, CEDAW, CERD, CRC, CMW, CRPD or CED."
    )
    state: str = Field(
        pattern=r"^[A-Z]{3}$",
        description="State party as an ISO 3166 alpha-3 code, e.g. KAZ for Kazakhstan.",
    )
    session: Session
    stage: ReviewStage = Field(description="Stage of the review the submission feeds.")
    language: Language = Field("en", description="Language of the document: en, fr or es.")
    date: dt.date = Field(description="Date of the submission (YYYY-MM-DD).")
    title: str = Field(min_length=1, description="Title of the submission, in sentence case.")
    organisations: list[Organisation] = Field(min_length=1)
    state_party_spelling: StatePartySpelling = Field(
        "State party",
        description="UN practice changed around 2025 from 'State party' to 'State Party'.",
    )
    contact: Contact | None = Field(
        None, description="Optional contact line under the title block: a person and an e-mail."
    )

    def authors(self) -> list[Organisation]:
        return [o for o in self.organisations if o.role != "endorser"]

    def state_party(self) -> str:
        """ "State party" in the document's language, with the spelling the draft chose."""
        return state_party_term(self.language, self.state_party_spelling)


#: An article written as text: 7, '9 (4)', '9 (4) (a)', 'art. 7', 'article 7'. Written so that
#: it means the same in Python and in an editor's JSON Schema (ECMA-262): numbered groups, no flags.
ARTICLE_PATTERN = (
    r"^\s*(?:[Aa][Rr][Tt][Ss]?\.?|[Aa][Rr][Tt][Ii][Cc][Ll][Ee])?\s*([0-9]+)\s*"
    r"(?:\(\s*([0-9]+)\s*\))?\s*(?:\(\s*([A-Za-z])\s*\))?\s*$"
)
_ARTICLE_RE = re.compile(ARTICLE_PATTERN)


def _parse_article(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return {"article": value}
    if isinstance(value, str):
        m = _ARTICLE_RE.match(value)
        if not m:
            raise ValueError(
                f"'{value}' is not an article reference; write it as 7, '9 (4)' or '9 (4) (a)'"
            )
        out: dict[str, Any] = {"article": int(m[1])}
        if m[2]:
            out["paragraph"] = int(m[2])
        if m[3]:
            out["subparagraph"] = m[3].lower()
        return out
    return value


class ArticleRef(Strict):
    """A treaty article, optionally narrowed to a paragraph and subparagraph: art. 9 (4) (a)."""

    article: int = Field(ge=1)
    paragraph: int | None = Field(None, ge=1)
    subparagraph: str | None = Field(None, pattern=r"^[a-z]$")

    def label(self) -> str:
        out = str(self.article)
        if self.paragraph:
            out += f" ({self.paragraph})"
        if self.subparagraph:
            out += f" ({self.subparagraph})"
        return out


#: What the JSON Schema offers an editor for an article: the object, a number or the text form.
_ARTICLE_FORMS = Union[  # noqa: UP007 - a runtime union of types for json_schema_input_type
    ArticleRef,
    Annotated[int, Field(ge=1)],
    Annotated[str, Field(pattern=ARTICLE_PATTERN)],
]
ArticleInput = Annotated[
    ArticleRef, BeforeValidator(_parse_article, json_schema_input_type=_ARTICLE_FORMS)
]

#: A recommendation written as text: 'CCPR/C/KAZ/CO/2, para. 36' or '..., para. 36 (b)'.
FOLLOW_UP_PATTERN = (
    r"^\s*([A-Z][A-Za-z0-9./–-]+?)\s*,\s*paras?\.\s*([0-9]+)"
    r"\s*(?:\(\s*([a-z])\s*\))?\s*$"
)
_FOLLOW_UP_RE = re.compile(FOLLOW_UP_PATTERN)


def _parse_follow_up(value: Any) -> Any:
    if isinstance(value, str):
        m = _FOLLOW_UP_RE.match(value)
        if not m:
            raise ValueError(
                f"'{value}' is not a recommendation reference; write it as "
                "'CCPR/C/KAZ/CO/2, para. 36' or 'CCPR/C/KAZ/CO/2, para. 36 (b)'"
            )
        out: dict[str, Any] = {"symbol": m[1], "paragraph": int(m[2])}
        if m[3]:
            out["subparagraph"] = m[3]
        return out
    return value


class RecommendationRef(Strict):
    """An earlier UN recommendation that an ask follows up: CCPR/C/KAZ/CO/2, para. 36 (b)."""

    symbol: str = Field(description="Document symbol, e.g. CCPR/C/KAZ/CO/2.")
    paragraph: int = Field(ge=1)
    subparagraph: str | None = Field(None, pattern=r"^[a-z]$")

    def label(self) -> str:
        sub = f" ({self.subparagraph})" if self.subparagraph else ""
        return f"{self.symbol}, para. {self.paragraph}{sub}"


RecommendationInput = Annotated[
    RecommendationRef,
    BeforeValidator(
        _parse_follow_up,
        json_schema_input_type=Union[  # noqa: UP007
            RecommendationRef, Annotated[str, Field(pattern=FOLLOW_UP_PATTERN)]
        ],
    ),
]

#: A text standing for an object whose only required field is `text` (JSON Schema side).
_Text = Annotated[str, Field(min_length=1)]


class Ask(Strict):
    """One numbered ask: a recommendation, an ask to the Committee, or a suggested question.

    Numbers are generated when the document is rendered; never type them.
    """

    text: str | None = Field(
        None,
        min_length=1,
        description="The ask itself, without any number. Leave it out when 'use' names a "
        "standard ask from the ask library.",
    )
    use: str | None = Field(
        None,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
        description="Id of a standard ask from the ask library (e.g. non-refoulement), "
        "expanded into 'text' when the draft is validated; `subkit asks` lists them.",
    )
    with_: dict[str, str | int] = Field(
        default_factory=dict,
        alias="with",
        description="Values for the variables of the standard ask named by 'use'.",
    )
    id: str | None = Field(
        None,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
        description="Optional stable name, used by impact tracking.",
    )
    articles: list[ArticleInput] = Field(default_factory=list)
    follows_up: RecommendationInput | None = Field(
        None, description="Earlier recommendation this ask follows up."
    )

    @model_validator(mode="after")
    def _text_or_use(self) -> Ask:
        # Exactly one source of wording, so that an ask never silently drops one of them.
        if self.text is None and self.use is None:
            raise ValueError(
                "an ask needs its 'text', or 'use' with the id of a standard ask from the library"
            )
        if self.text is not None and self.use is not None:
            raise ValueError("an ask takes either 'text' or 'use', not both")
        if self.with_ and self.use is None:
            raise ValueError("'with' gives values to a standard ask; add 'use' or remove 'with'")
        return self


AskInput = Annotated[
    Ask,
    BeforeValidator(_text_shorthand, json_schema_input_type=Union[Ask, _Text]),  # noqa: UP007
]


class Item(Strict):
    """A subparagraph (a) or bullet point that has sub-subparagraphs (i), (ii) ... of its own."""

    text: str = Field(min_length=1)
    items: list[str] = Field(
        default_factory=list,
        description="Sub-subparagraphs (i), (ii) ... (bullets under a bullet point).",
    )


ItemInput = Annotated[
    Item,
    BeforeValidator(_text_shorthand, json_schema_input_type=Union[Item, _Text]),  # noqa: UP007
]


class Paragraph(Strict):
    """A narrative paragraph, optionally followed by subparagraphs (a), (b) ... or bullets."""

    text: str = Field(min_length=1)
    items: list[ItemInput] = Field(
        default_factory=list,
        description="Subparagraphs or bullet points: text, or {text, items} for a subparagraph "
        "with sub-subparagraphs (i), (ii) ...",
    )
    item_style: Literal["lettered", "bulleted"] = "lettered"

    def item_texts(self) -> list[str]:
        """The words of every subparagraph and sub-subparagraph, in reading order."""
        return [t for item in self.items for t in (item.text, *item.items)]


ParagraphInput = Annotated[
    Paragraph,
    BeforeValidator(_text_shorthand, json_schema_input_type=Union[Paragraph, _Text]),  # noqa: UP007
]


class Source(Strict):
    """A footnote, defined once and cited in the text as [^id]."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    text: str = Field(min_length=1)


class Submission(Strict):
    """Fields every kind of submission has. Each kind adds its own body."""

    kind: str
    metadata: Metadata
    sources: list[Source] = Field(default_factory=list)

    #: Human name of the kind, used in messages and listings.
    label: ClassVar[str] = "submission"

    def ask_paths(self) -> Iterator[tuple[tuple[str | int, ...], Ask]]:
        """Every ask with its path in the draft, in document order."""
        return iter(())

    def asks_with_articles(
        self,
    ) -> Iterator[tuple[tuple[str | int, ...], Ask, list[ArticleRef]]]:
        """Every ask (as `ask_paths` gives them, in document order) with the treaty articles it
        is about: its own `articles`, else those of the issue or item it belongs to."""
        for path, ask in self.ask_paths():
            yield path, ask, list(ask.articles) or self.articles_at(path)

    def articles_at(self, path: tuple[str | int, ...]) -> list[ArticleRef]:
        """The articles of the part of the draft that holds `path` (an issue, a follow-up item);
        none for kinds whose asks have no such part."""
        return []

    def text_paths(self) -> Iterator[tuple[tuple[str | int, ...], str]]:
        """Every piece of prose with its path, in document order (footnotes last)."""
        yield ("metadata", "title"), self.metadata.title
        for i, s in enumerate(self.sources):
            yield ("sources", i, "text"), s.text


def paragraph_text_paths(
    prefix: tuple[str | int, ...], paragraphs: list[Paragraph]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    for i, p in enumerate(paragraphs):
        yield (*prefix, i, "text"), p.text
        for j, item in enumerate(p.items):
            # A plain-string item has no "text" key; positions fall back to the item itself.
            yield (*prefix, i, "items", j, "text"), item.text
            for k, sub in enumerate(item.items):
                yield (*prefix, i, "items", j, "items", k), sub
