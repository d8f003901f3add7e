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

from submission_kit import reference
from submission_kit.diagnostics import Diagnostic, UserError
from submission_kit.load import LoadedDraft, load_file
from submission_kit.model.common import state_party_term
from submission_kit.resources import templates_dir

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
    "state_party": "'State party' or 'State Party' (metadata.state_party_spelling) in "
    "English; 'État partie' in French, 'Estado parte' in Spanish",
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
    def problem(path: tuple, message: str, hint: str = "") -> None:
        into.problems.append(draft.diag((ask_id, *path), "SK208", message, hint, prefer_key=True))

    if not _ID_RE.match(ask_id):
        problem((), f"'{ask_id}' is not a valid ask id", "use letters, digits, '-', '_' and '.'")
        return
    if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
        problem((), f"standard ask '{ask_id}' needs a 'text:'")
        return
    unknown = set(entry) - {"text", "description", "articles", "variables"}
    if unknown:
        problem(
            (sorted(unknown)[0],),
            f"unknown field '{sorted(unknown)[0]}' in standard ask '{ask_id}'",
            "allowed: text, description, articles, variables",
        )
    variables: dict[str, AskVariable] = {}
    raw_vars = entry.get("variables") or {}
    if not isinstance(raw_vars, dict):
        problem(("variables",), "'variables' must map each variable name to its description")
        raw_vars = {}
    for name, spec in raw_vars.items():
        name = str(name)
        if name in AUTOMATIC:
            problem(
                ("variables", name),
                f"'{name}' is filled automatically from the draft's metadata",
                "remove it from 'variables'",
            )
            continue
        if not _NAME_RE.match(name):
            problem(("variables", name), f"'{name}' is not a valid variable name")
            continue
        if isinstance(spec, str):
            variables[name] = AskVariable(name, description=spec)
        elif isinstance(spec, dict):
            default = spec.get("default")
            variables[name] = AskVariable(
                name,
                description=str(spec.get("description") or ""),
                default=None if default is None else str(default),
            )
        else:
            problem(("variables", name), f"variable '{name}' needs a description")
    text = " ".join(entry["text"].split())
    try:
        used = placeholders(text)
    except FillError as exc:
        problem(("text",), f"standard ask '{ask_id}': {exc}")
        return
    for name in used:
        if name not in variables and name not in AUTOMATIC:
            problem(
                ("text",),
                f"standard ask '{ask_id}' uses '{{{name}}}', which it does not declare",
                f"add '{name}:' with a description under 'variables:'",
            )
    articles = entry.get("articles") or []
    into.asks[ask_id] = StandardAsk(
        id=ask_id,
        text=text,
        file=draft.file,
        line=draft.position((ask_id,), prefer_key=True).line,
        description=str(entry.get("description") or ""),
        articles=list(articles) if isinstance(articles, list) else [],
        variables=variables,
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
