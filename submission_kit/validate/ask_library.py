"""The library of standard asks: reusable wording per language, with `{name}` variables.

A draft names a standard ask with `use:` instead of writing `text:`; validation
expands it. Filling is a deliberately tiny substitution (no attribute access, no
format specs, no expressions) because it runs on the validate path, where Jinja2
must not be imported, and because libraries may come from other organisations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    RootModel,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from submission_kit import reference
from submission_kit.diagnostics import Diagnostic, UserError
from submission_kit.load import LoadedDraft, load_file
from submission_kit.load.located import Wording, locate, value_error
from submission_kit.model.common import state_party_term
from submission_kit.reference.folders import templates_dir

#: Variables every standard ask may use without the draft giving them: they come from metadata.
AUTOMATIC = {
    "state": "the State's UN short name in the draft's language (Kazakhstan, Ouzbékistan, "
    "Iran (Islamic Republic of)), as lists and labels write it",
    "state_with_article": "the name as running text writes it, with its article "
    "(the Islamic Republic of Iran, le Kazakhstan, l’Ouzbékistan, "
    "el Brasil, Kazajstán)",
    "state_of": "the name after 'of' in the draft's language (of the Philippines, "
    "du Kazakhstan, del Brasil)",
    "state_to": "the name after 'to' in the draft's language (to the Philippines, "
    "au Kazakhstan, al Brasil)",
    "state_party": "'State party' or 'State Party' (metadata.state_party_spelling), or the "
    "language's fixed term where its phrase catalogue gives one (`state_party:`)",
    "committee": "the committee's name in the draft's language",
}

_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
# "{{" and "}}" are literal braces; "{name}" a variable; anything else in braces is an error.
_TOKEN_RE = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


class FillError(UserError, ValueError):
    """A placeholder cannot be filled: a missing value, or a malformed `{...}`."""

    def __init__(self, message: str, name: str = "") -> None:
        super().__init__(message)
        self.name = name


def placeholders(text: str) -> list[str]:
    """The variable names `text` uses, in order of first use. Raises FillError on bad braces."""
    names: list[str] = []
    for m in _TOKEN_RE.finditer(text):
        token = m.group()
        if token in ("{{", "}}"):
            continue
        name = m.group(1)
        if name is None or not _NAME_RE.match(name):
            raise FillError(
                f"'{token}' is not a variable: write {{name}} with lower-case letters, digits "
                "and _, or {{ and }} for literal braces"
            )
        if name not in names:
            names.append(name)
    return names


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with each `{name}` replaced by `values[name]`; the values are never re-read."""

    def replace(m: re.Match[str]) -> str:
        token = m.group()
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name = m.group(1)
        if name is None or not _NAME_RE.match(name):
            raise FillError(f"'{token}' is not a variable")
        if name not in values:
            raise FillError(f"no value for '{{{name}}}'", name)
        return str(values[name])

    return _TOKEN_RE.sub(replace, text)


@dataclass
class AskVariable:
    name: str
    description: str = ""
    default: str | None = None


@dataclass
class StandardAsk:
    """One entry of an ask library."""

    id: str
    text: str
    file: str
    line: int
    description: str = ""
    articles: list[int | str] = field(default_factory=list)
    variables: dict[str, AskVariable] = field(default_factory=dict)

    def needs(self) -> list[AskVariable]:
        """Variables the draft must give (no default and not automatic)."""
        return [v for v in self.variables.values() if v.default is None and v.name not in AUTOMATIC]


@dataclass
class AskLibrary:
    language: str
    asks: dict[str, StandardAsk] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


# --- the library file as pydantic models ---------------------------------------------------------


def _variable_name(name: str) -> str:
    if name in AUTOMATIC:
        raise value_error(
            f"'{name}' is filled automatically from the draft's metadata",
            "remove it from 'variables'",
        )
    if not _NAME_RE.match(name):
        raise value_error(
            f"'{name}' is not a valid variable name", "use lower-case letters, digits and _"
        )
    return name


def _described(spec: Any) -> Any:
    """`groups: who is at risk` is short for `groups: {description: who is at risk}`."""
    if isinstance(spec, str):
        return {"description": spec}
    if not isinstance(spec, dict):
        raise value_error(
            "a variable needs a description",
            "write 'NAME: what it stands for', or 'description:' and 'default:' under it",
        )
    return spec


class VariableEntry(BaseModel):
    """One variable of a standard ask: what it stands for, and its value when not given."""

    model_config = ConfigDict(extra="forbid")

    description: str = Field("", description="what the variable stands for")
    default: str | int | float | None = Field(
        None, description="the value when the draft gives none; without it the draft must"
    )


def _ask_id(ask_id: str) -> str:
    if not _ID_RE.match(ask_id):
        raise value_error(
            f"'{ask_id}' is not a valid ask id", "use letters, digits, '-', '_' and '.'"
        )
    return ask_id


class AskEntry(BaseModel):
    """One entry of an ask library file (templates/asks/LANG.yaml): a standard ask."""

    model_config = ConfigDict(extra="forbid")
    value_hints: ClassVar[dict[str, str]] = {
        "variables": "map each variable name to its description, e.g. 'groups: who is at risk'",
        "articles": "a list of article numbers, e.g. [7, 13]",
    }

    description: str = Field("", description="one line for `subkit asks`")
    articles: list[int | str] = Field(
        default_factory=list, description="the articles it concerns, e.g. [7, 13]"
    )
    variables: dict[
        Annotated[str, AfterValidator(_variable_name)],
        Annotated[VariableEntry, BeforeValidator(_described)],
    ] = Field(default_factory=dict, description="each {name} the text uses")
    text: str = Field(description="the ask's wording, with {name} for each variable")

    @field_validator("text")
    @classmethod
    def _declared(cls, text: str, info: ValidationInfo) -> str:
        text = " ".join(text.split())
        try:
            used = placeholders(text)
        except FillError as exc:
            raise value_error(f"standard ask '{{place}}': {exc.message}") from None
        declared = info.data.get("variables") or {}
        for name in used:
            if name not in declared and name not in AUTOMATIC:
                raise value_error(
                    f"standard ask '{{place}}' uses '{{{name}}}', which it does not declare",
                    f"add '{name}:' with a description under 'variables:'",
                )
        return text


class AskLibraryFile(RootModel[dict[Annotated[str, AfterValidator(_ask_id)], AskEntry]]):
    """An ask library file: a mapping of ask ids to standard asks."""


_ONE_ENTRY = TypeAdapter(dict[Annotated[str, AfterValidator(_ask_id)], AskEntry])
#: The library's own codes: every mistake in it is SK208, where the draft's use of it is too.
LIBRARY = Wording(missing="SK208", wrong="SK208", unknown="SK208")


def _read_library(path: Path, language: str, into: AskLibrary) -> None:
    draft = load_file(path)
    into.files.append(path)
    into.problems += draft.diagnostics
    data = draft.data
    if data is None:
        return
    if not isinstance(data, dict):
        into.problems.append(
            draft.diag((), "SK208", "an ask library must be a mapping of ids to asks")
        )
        return
    for ask_id, entry in data.items():
        _read_entry(draft, str(ask_id), entry, into)


def _read_entry(draft: LoadedDraft, ask_id: str, entry: object, into: AskLibrary) -> None:
    """One entry, validated on its own: a broken entry does not hide the others. An entry
    whose only fault is an unknown field is reported and still used without the field."""
    try:
        checked = _ONE_ENTRY.validate_python({ask_id: entry})[ask_id]
    except ValidationError as exc:
        into.problems += locate(exc, AskLibraryFile, draft, LIBRARY)
        if not isinstance(entry, dict) or any(e["type"] != "extra_forbidden" for e in exc.errors()):
            return
        known = {k: v for k, v in entry.items() if k in AskEntry.model_fields}
        checked = _ONE_ENTRY.validate_python({ask_id: known})[ask_id]
    into.asks[ask_id] = StandardAsk(
        id=ask_id,
        text=checked.text,
        file=draft.file,
        line=draft.position((ask_id,), prefer_key=True).line,
        description=checked.description,
        articles=list(checked.articles),
        variables={
            name: AskVariable(
                name, spec.description, None if spec.default is None else str(spec.default)
            )
            for name, spec in checked.variables.items()
        },
    )


@cache
def _library(language: str, extra_dirs: tuple[Path, ...]) -> AskLibrary:
    library = AskLibrary(language)
    # Bundled first, so that a coalition's library can replace a standard ask by its id.
    for folder in (templates_dir(), *extra_dirs):
        path = folder / "asks" / f"{language}.yaml"
        if path.is_file():
            _read_library(path, language, library)
    return library


def library(language: str, extra_dirs: tuple[Path, ...] = ()) -> AskLibrary:
    """The standard asks of `language`: bundled ones, then each coalition folder's `asks/`."""
    return _library(language, tuple(p.resolve() for p in extra_dirs))


#: The one typographic-apostrophe rule (French and Spanish), shared with compose; kept importable
#: from here for the scaffold and the examples' generator.
typographic = reference.typographic


def automatic_values(
    state: str, committee: str, language: str, state_party_spelling: str
) -> dict[str, str]:
    """Values of the AUTOMATIC variables for a draft's metadata, written as compose writes the
    same names in the document (article, apostrophe, "State party" term)."""
    country = reference.country(state)
    name = country.name(language) if country else state
    with_article = country.with_article(language) if country else state
    of = country.of(language) if country else state
    to = country.to(language) if country else state
    code = committee if committee in reference.committee_codes() else None
    committee_name = reference.committee(code).name.get(language, "") if code else committee
    return {
        "state": typographic(name, language),
        "state_with_article": typographic(with_article, language),
        "state_of": typographic(of, language),
        "state_to": typographic(to, language),
        "state_party": state_party_term(language, state_party_spelling),
        "committee": typographic(committee_name, language),
    }
