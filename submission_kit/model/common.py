"""Parts shared by every kind of submission: metadata, organisations, article references, asks, sources."""

from __future__ import annotations

import datetime as dt
import re
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, ClassVar, Literal, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)
from pydantic_core import PydanticCustomError

from submission_kit import reference
from submission_kit.reference.folders import languages

ReviewStage = Literal[
    "list_of_issues_prior_to_reporting", "list_of_issues", "constructive_dialogue", "follow_up"
]
#: "lead" names the organisation that coordinates a joint submission (it signs as an author).
OrganisationRole = Literal["lead", "author", "co-submitter", "endorser"]

#: The two English spellings of "State party": UN documents wrote "State party" until 2024 and
#: "State Party" since. The draft's metadata, the settings and `subkit new` all accept these.
StatePartySpelling = Literal["State party", "State Party"]
STATE_PARTY_SPELLINGS: tuple[str, ...] = get_args(StatePartySpelling)


def state_party_term(language: str, spelling: str = STATE_PARTY_SPELLINGS[0]) -> str:
    """ "State party" as a document in `language` writes it: the language's fixed term when its
    phrase catalogue gives one (`state_party:`, e.g. "État partie"), else the `spelling` the
    draft chose (the English forms)."""
    from submission_kit.reference.folders import phrase_catalogue

    try:
        term = phrase_catalogue(language).get("state_party")
    except FileNotFoundError:  # not a language of the kit: the schema reports the language
        term = None
    return term if isinstance(term, str) and term else spelling


def _one_of(known: Callable[[], list[str]]) -> Callable[[str], str]:
    """A check that a text is one of the values `known()` gives when the draft is validated,
    failing as a Literal of them would (same error type and message): the values live in the
    data (phrase catalogues, reference data), not in this module."""

    def check(value: str) -> str:
        values = known()
        if value not in values:
            listed = ", ".join(repr(v) for v in values[:-1]) + f" or {values[-1]!r}"
            raise PydanticCustomError(
                "literal_error", "Input should be {expected}", {"expected": listed}
            )
        return value

    return check


def _enum_of(known: Callable[[], list[str]]) -> Callable[[dict[str, Any]], None]:
    """The JSON Schema `enum` of the same values, filled in when the schema is generated."""

    def enum(schema: dict[str, Any]) -> None:
        schema["enum"] = known()

    return enum


def _languages() -> list[str]:
    return languages()  # looked up when a draft is validated, not when this module loads


#: A language the kit writes documents in: one with a phrase catalogue (templates/phrases/).
Language = Annotated[
    str, AfterValidator(_one_of(_languages)), Field(json_schema_extra=_enum_of(_languages))
]
#: A treaty body, by the code of its treaty (CCPR): the committees of the reference data.
CommitteeCode = Annotated[
    str,
    AfterValidator(_one_of(reference.committee_codes)),
    Field(json_schema_extra=_enum_of(reference.committee_codes)),
]


class Prose:
    """Marks a text field as prose the document prints (`Annotated[str, Prose()]`): the word
    limit counts it and the prose rules read it. Where prose and asks sit in a draft is found
    by walking the fields of its model (`Submission.text_paths`), never listed by hand."""

    def __repr__(self) -> str:
        return "Prose()"


#: Text the document prints, read by the prose rules and counted by the word limit.
ProseText = Annotated[str, Prose()]


def no_items() -> list[Any]:
    """The default of a list field: a new empty list. A function of ours rather than `list`:
    pydantic reads the signature of a default factory, and reading a builtin's (its text
    signature) costs a tokenizer, compiled on first use, on every cold start."""
    return []


def no_entries() -> dict[str, Any]:
    """The default of a mapping field: a new empty mapping (see `no_items`)."""
    return {}


class Strict(BaseModel):
    """Base for draft models: unknown fields are errors, so typos never vanish silently.

    Models are built when first used (`defer_build`): validating a draft builds its kind's
    model, with the shared parts (metadata, asks, paragraphs) inside it, instead of a
    validator and a serializer for every part and every kind when the module loads."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)


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
    article: str | None = Field(
        None,
        description="The article the name takes in running text, in the draft's language: "
        "le, la, l', les (French); el, la, los, las (Spanish); e.g. la for Fédération "
        "internationale pour les droits humains, so the title block reads 'de la Fédération'.",
    )
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
        description="Treaty body, by its code, e.g. CCPR for the Human Rights Committee."
    )
    state: str = Field(
        pattern=r"^[A-Z]{3}$",
        description="State party as an ISO 3166 alpha-3 code, e.g. KAZ for Kazakhstan.",
    )
    session: Session
    stage: ReviewStage = Field(description="Stage of the review the submission feeds.")
    language: Language = Field(
        "en", description="Language of the document, e.g. en; `subkit new --help` lists them."
    )
    date: dt.date = Field(description="Date of the submission (YYYY-MM-DD).")
    title: ProseText = Field(min_length=1, description="Title of the submission, in sentence case.")
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


def parse_article(value: Any) -> Any:
    """An article reference as written (7, '9 (4)', '9 (4) (a)') as the fields of ArticleRef."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return {"article": value}
    if isinstance(value, str):
        m = re.match(ARTICLE_PATTERN, value)  # compiled (and cached) on first use
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
    ArticleRef, BeforeValidator(parse_article, json_schema_input_type=_ARTICLE_FORMS)
]

#: A recommendation written as text: 'CCPR/C/KAZ/CO/2, para. 36' or '..., para. 36 (b)'.
FOLLOW_UP_PATTERN = (
    r"^\s*([A-Z][A-Za-z0-9./–-]+?)\s*,\s*paras?\.\s*([0-9]+)"
    r"\s*(?:\(\s*([a-z])\s*\))?\s*$"
)


def parse_follow_up(value: Any) -> Any:
    """A recommendation reference as written ('CCPR/C/KAZ/CO/2, para. 36 (b)') as fields."""
    if isinstance(value, str):
        m = re.match(FOLLOW_UP_PATTERN, value)  # compiled (and cached) on first use
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
        parse_follow_up,
        json_schema_input_type=Union[  # noqa: UP007
            RecommendationRef, Annotated[str, Field(pattern=FOLLOW_UP_PATTERN)]
        ],
    ),
]

#: A text standing for an object whose only required field is `text` (JSON Schema side).
_Text = Annotated[str, Field(min_length=1)]


def _no_default(schema: dict[str, Any]) -> None:
    """Drop the placeholder default from the JSON Schema: editors must not offer an empty text."""
    schema.pop("default", None)


class Ask(Strict):
    """One numbered ask: a recommendation, an ask to the Committee, or a suggested question.

    Numbers are generated when the document is rendered; never type them.
    """

    # Never None: an ask written with `use:` has no text until validation fills it in from the
    # ask library, in a new model (see check.asks), so every later stage reads a string.
    text: ProseText = Field(
        "",
        min_length=1,
        description="The ask itself, without any number. Leave it out when 'use' names a "
        "standard ask from the ask library.",
        json_schema_extra=_no_default,
    )
    use: str | None = Field(
        None,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
        description="Id of a standard ask from the ask library (e.g. non-refoulement), "
        "expanded into 'text' when the draft is validated; `subkit asks` lists them.",
    )
    with_: dict[str, str | int] = Field(
        default_factory=no_entries,
        alias="with",
        description="Values for the variables of the standard ask named by 'use'.",
    )
    id: str | None = Field(
        None,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
        description="Optional stable name, used by impact tracking.",
    )
    articles: list[ArticleInput] = Field(default_factory=no_items)
    follows_up: RecommendationInput | None = Field(
        None, description="Earlier recommendation this ask follows up."
    )

    @model_validator(mode="after")
    def _text_or_use(self) -> Ask:
        # Exactly one source of wording, so that an ask never silently drops one of them.
        written = "text" in self.model_fields_set
        if not written and self.use is None:
            raise ValueError(
                "an ask needs its 'text', or 'use' with the id of a standard ask from the library"
            )
        if written and self.use is not None:
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

    text: ProseText = Field(min_length=1)
    items: list[ProseText] = Field(
        default_factory=no_items,
        description="Sub-subparagraphs (i), (ii) ... (bullets under a bullet point).",
    )


ItemInput = Annotated[
    Item,
    BeforeValidator(_text_shorthand, json_schema_input_type=Union[Item, _Text]),  # noqa: UP007
]


class Paragraph(Strict):
    """A narrative paragraph, optionally followed by subparagraphs (a), (b) ... or bullets."""

    text: ProseText = Field(min_length=1)
    items: list[ItemInput] = Field(
        default_factory=no_items,
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
    text: ProseText = Field(min_length=1)


class Submission(Strict):
    """Fields every kind of submission has. Each kind adds its own body."""

    kind: str
    metadata: Metadata
    sources: list[Source] = Field(default_factory=no_items)

    #: Human name of the kind, used in messages and listings.
    label: ClassVar[str] = "submission"
    #: Delivered aloud at the session (timed, no word limit, dated during the session) rather
    #: than sent in writing before it.
    spoken: ClassVar[bool] = False

    def ask_paths(self) -> Iterator[tuple[tuple[str | int, ...], Ask]]:
        """Every ask with its path in the draft, in document order (found by walking the
        model's fields: every value of type Ask, wherever a kind puts it)."""
        for path, value in walk_model(self):
            if isinstance(value, Ask):
                yield path, value

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
        """Every piece of prose (the fields marked `Prose`) with its path, in document order,
        footnotes last."""
        for path, value in walk_model(self):
            if isinstance(value, ProseValue):
                yield path, value.text

    def repeated_texts(self) -> list[str]:
        """Text the document prints a second time (counted again by the UN's word count): none,
        unless a kind repeats part of its body (an alternative report's summary of
        recommendations)."""
        return []

    def print_order(self, field: str, count: int) -> list[int]:
        """The order the document prints the items of list `field` in: the draft's order,
        unless a kind prints a list otherwise (a list of issues prints its issues in treaty
        order). The walks of prose and asks follow it."""
        return list(range(count))


@dataclass(frozen=True)
class ProseValue:
    """A piece of prose found by `walk_model`."""

    text: str


#: Fields walked after all the others: footnotes come last in the document.
_WALKED_LAST = ("sources",)


def _is_prose(annotation: Any) -> bool:
    if get_origin(annotation) is Annotated:
        _, *extras = get_args(annotation)
        if any(isinstance(x, Prose) for x in extras):
            return True
        return _is_prose(get_args(annotation)[0])
    if get_origin(annotation) in (list, Union, types.UnionType):
        return any(_is_prose(a) for a in get_args(annotation))
    return False


@cache
def _prose_fields(model: type[BaseModel]) -> frozenset[str]:
    fields = model.model_fields
    return frozenset(
        name
        for name, f in fields.items()
        if _is_prose(f.annotation) or any(isinstance(m, Prose) for m in f.metadata)
    )


def walk_model(
    node: Any, path: tuple[str | int, ...] = (), root: Submission | None = None
) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """Every model (Ask, Paragraph ...) and every piece of prose (`ProseValue`) under `node`,
    with its path in the draft, in document order."""
    if isinstance(node, BaseModel):
        yield path, node
        root = root or (node if isinstance(node, Submission) else None)
        prose = _prose_fields(type(node))
        names = list(type(node).model_fields)
        if isinstance(node, Submission):
            # The title block first, then the body, the footnotes last.
            names = sorted(names, key=lambda n: (n != "metadata", n in _WALKED_LAST))
        for name in names:
            value = getattr(node, name)
            if name in prose:
                yield from _prose_values(value, (*path, name))
            elif isinstance(value, BaseModel | list):
                yield from walk_model(value, (*path, name), root)
    elif isinstance(node, list):
        order = range(len(node))
        if root is not None and len(path) == 1 and isinstance(path[0], str):
            order = root.print_order(path[0], len(node))  # type: ignore[assignment]
        for i in order:
            if isinstance(node[i], BaseModel | list):
                yield from walk_model(node[i], (*path, i), root)


def _prose_values(
    value: Any, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], ProseValue]]:
    if isinstance(value, str):
        yield path, ProseValue(value)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _prose_values(item, (*path, i))


def _models_in(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The model an annotation holds (list[Annotated[Ask, ...]] | None -> Ask), and whether it
    holds a list of them."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    origin = get_origin(annotation)
    if origin is Annotated:
        return _models_in(get_args(annotation)[0])
    if origin in (list, Union, types.UnionType):
        for arg in get_args(annotation):
            found, many = _models_in(arg)
            if found is not None:
                return found, many or origin is list
    return None, False


@cache
def ask_lists(model: type[BaseModel]) -> frozenset[tuple[str, ...]]:
    """Where lists of asks sit in drafts of `model`, as paths with "*" for list positions:
    {("issues", "*", "questions"), ...}. Read from the fields, so checks that look at the raw
    data (typed numbers, SK206) find every kind's asks without a list of keys."""
    found: set[tuple[str, ...]] = set()

    def visit(m: type[BaseModel], prefix: tuple[str, ...], depth: int) -> None:
        for name, info in m.model_fields.items():
            inner, many = _models_in(info.annotation)
            key = info.alias or name
            if inner is Ask and many:
                found.add((*prefix, key))
            elif inner is not None and depth < 8:
                visit(inner, (*prefix, key, "*") if many else (*prefix, key), depth + 1)

    visit(model, (), 0)
    return frozenset(found)
