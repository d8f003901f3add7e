"""Finding draft templates and reading the variables they declare (no Jinja2 here).

A template NAME is a folder entry `drafts/NAME.vars.yaml` (its description, the
kind of draft it makes and its variables) with one Jinja2 file per language,
`drafts/NAME.en.yaml.j2`, `drafts/NAME.fr.yaml.j2`, ..., or a single
`drafts/NAME.yaml.j2` that serves every language. Bundled templates come first;
a coalition folder given with --templates or in the configuration adds its own
and may replace a bundled one by using the same name.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)

from submission_kit.diagnostics import Diagnostic, Severity, UserError
from submission_kit.load.located import Wording, validate, value_error
from submission_kit.reference import LANGUAGES
from submission_kit.reference.folders import templates_dir

VarType = Literal["string", "integer", "date", "boolean", "list", "integers"]
VAR_TYPES: tuple[str, ...] = get_args(VarType)
#: Names filled from the command line and the reference data; a template cannot declare them.
BUILT_IN = {
    "state": "the State: state.code (KAZ), state.name (the short name in the draft's language), "
    "state.name_en, state.with_article (the name in running text: the Islamic Republic of Iran, "
    "le Kazakhstan, el Brasil), state.of (du Kazakhstan, del Brasil), state.to (al Brasil)",
    "committee": "the committee: committee.code (CCPR), committee.name, committee.treaty",
    "session": "the session number (--session)",
    "lang": "the draft's language: en, fr or es (--lang)",
    "org": "the organisation's name (--org)",
    "org_of": "the organisation's name after the language's 'of', with its article: "
    "de la Fédération ..., de l’Association ..., d’Amnesty International, del Centro ...",
    "state_party": "'State party' or 'State Party' (from state_party_spelling), or the "
    "language's fixed term where its phrase catalogue gives one (`state_party:`)",
    "previous_co": "symbol of the earlier concluding observations, e.g. CCPR/C/KAZ/CO/3, "
    "when the template declares 'previous_report' and it has a value",
}
_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class CatalogueError(UserError, ValueError):
    """A template's declaration cannot be used; `where` is its file (and line and column)."""


@dataclass
class Variable:
    name: str
    type: str = "string"
    description: str = ""
    default: Any = None
    required: bool = False
    choices: list[str] = field(default_factory=list)

    def convert(self, raw: str) -> Any:
        """The value of `--var name=raw` in this variable's type; ValueError says why not."""
        if self.type == "integer":
            try:
                return int(raw)
            except ValueError:
                raise ValueError(f"'{self.name}' takes a whole number, not '{raw}'") from None
        if self.type == "date":
            if raw == "today":
                return dt.date.today()
            try:
                return dt.date.fromisoformat(raw)
            except ValueError:
                raise ValueError(f"'{self.name}' takes a date as YYYY-MM-DD, not '{raw}'") from None
        if self.type == "boolean":
            lowered = raw.strip().lower()
            if lowered in ("yes", "true", "1", "on"):
                return True
            if lowered in ("no", "false", "0", "off"):
                return False
            raise ValueError(f"'{self.name}' takes yes or no, not '{raw}'")
        if self.type == "list":
            # "7,13" are article numbers: whole numbers stay numbers in the draft.
            items = [item.strip() for item in raw.split(",") if item.strip()]
            return [int(item) if item.isdigit() else item for item in items]
        if self.type == "integers":
            items = [item.strip() for item in raw.split(",") if item.strip()]
            if not items or not all(item.isdigit() for item in items):
                raise ValueError(
                    f"'{self.name}' takes whole numbers separated by commas, e.g. 22,34, not '{raw}'"
                )
            return [int(item) for item in items]
        if self.choices and raw not in self.choices:
            close = difflib.get_close_matches(raw, self.choices, n=1)
            hint = f"did you mean '{close[0]}'?" if close else ""
            raise ValueError(
                f"'{self.name}' takes one of {', '.join(self.choices)}, not '{raw}'"
                + (f"; {hint}" if hint else "")
            )
        return raw

    def default_value(self) -> Any:
        if self.default is None:
            return None
        if isinstance(self.default, list):
            return self.convert(",".join(str(d) for d in self.default))
        return self.convert(str(self.default))

    def shown_default(self) -> str:
        if self.default is None:
            return "(required)" if self.required else "(none)"
        if isinstance(self.default, list):
            return ", ".join(str(d) for d in self.default)
        return str(self.default)


@dataclass
class Template:
    name: str
    description: str
    kind: str
    folder: Path
    declaration: Path
    variables: list[Variable]
    files: dict[str, Path]  # language -> template file; "*" for a file that serves all
    replaces_bundled: bool = False

    @property
    def bundled(self) -> bool:
        return self.folder == templates_dir() / "drafts"

    def languages(self) -> list[str]:
        return (
            list(LANGUAGES) if "*" in self.files else [lg for lg in LANGUAGES if lg in self.files]
        )

    def file_for(self, language: str) -> Path | None:
        return self.files.get(language) or self.files.get("*")

    def variable(self, name: str) -> Variable | None:
        return next((v for v in self.variables if v.name == name), None)


#: A template's .vars.yaml declares a few variables; anything larger is not one.
MAX_DECLARATION_BYTES = 64 * 1024


# --- the declaration as pydantic models ----------------------------------------------------------


def _variable_name(name: str) -> str:
    if not _NAME_RE.match(name):
        raise value_error(
            f"'{name}' must be lower case letters, digits and _", "e.g. name: previous_report"
        )
    if name in BUILT_IN:
        raise value_error(
            f"'{name}' is built in ({BUILT_IN[name]}); templates use it undeclared",
            "remove its declaration, or give the variable another name",
        )
    return name


class VariableDeclaration(BaseModel):
    """One variable a template takes (`--var NAME=VALUE`)."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, AfterValidator(_variable_name)] = Field(
        description="the variable's name, e.g. previous_report"
    )
    type: VarType = "string"
    description: str = ""
    choices: list[str | int] = Field(default_factory=list)
    default: Any = None
    required: bool | None = None

    @field_validator("default")
    @classmethod
    def _typed(cls, default: Any, info: ValidationInfo) -> Any:
        """The default must be a value of the variable's type (and one of its choices)."""
        if isinstance(default, dt.date):
            default = default.isoformat()
        if default is None or "name" not in info.data or "type" not in info.data:
            return default
        variable = Variable(
            info.data["name"], info.data["type"], choices=[str(c) for c in info.data["choices"]]
        )
        variable.default = default
        try:
            variable.default_value()
        except ValueError as exc:
            raise value_error(
                f"bad default: {exc}", "give a value of the variable's type"
            ) from None
        return default


class TemplateDeclaration(BaseModel):
    """A template's `NAME.vars.yaml`: what it makes and the variables it takes."""

    model_config = ConfigDict(extra="forbid")

    description: str = Field("", description="one line for `subkit templates`")
    kind: str = Field(description="the kind of draft it makes, e.g. oral_statement")
    variables: list[VariableDeclaration] = Field(default_factory=list)

    @field_validator("variables", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return [] if value is None else value


DECLARATION = Wording(missing="", wrong="", unknown="")


def _declaration(path: Path) -> tuple[str, str, list[Variable]]:
    """The declaration at `path`, validated; its first mistake is a CatalogueError at its
    line and column."""
    from submission_kit import files
    from submission_kit.load import load_text

    try:
        # A regular file of a sensible size only: a link to /dev/zero is named, not read.
        text = files.read_bytes(path, MAX_DECLARATION_BYTES, "a template declaration").decode(
            "utf-8"
        )
    except files.FileProblem as exc:
        raise CatalogueError(exc.message, exc.hint) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogueError("cannot be read", str(exc), str(path)) from None
    loaded = load_text(text, str(path))  # the kit's YAML reader: every key and value placed
    # An empty file is not a draft to start from an example: it is said below, as a declaration.
    errors = [d for d in loaded.diagnostics if d.severity is Severity.ERROR and d.code != "SK006"]
    if errors:
        raise _located(errors[0])
    if not isinstance(loaded.data, dict):
        raise CatalogueError(
            "must be a mapping with description, kind and variables",
            "e.g. 'kind: oral_statement' and 'variables:' with a '- name:' for each",
            f"{path}:1:1",
        )
    declared, found = validate(TemplateDeclaration, loaded, loaded.data, DECLARATION)
    if declared is None:
        raise _located(min(found, key=lambda d: (d.line, d.column)))
    variables = [
        Variable(
            name=v.name,
            type=v.type,
            description=v.description,
            default=v.default,
            required=v.default is None if v.required is None else v.required,
            choices=[str(c) for c in v.choices],
        )
        for v in declared.variables
    ]
    return declared.description, declared.kind, variables


def _located(d: Diagnostic) -> CatalogueError:
    return CatalogueError(d.message, d.hint, f"{d.file}:{d.line}:{d.column}")


def _scan(folder: Path) -> dict[str, Template]:
    found: dict[str, Template] = {}
    for declaration in sorted(folder.glob("*.vars.yaml")):
        name = declaration.name[: -len(".vars.yaml")]
        description, kind, variables = _declaration(declaration)
        files: dict[str, Path] = {}
        for lang in LANGUAGES:
            candidate = folder / f"{name}.{lang}.yaml.j2"
            if candidate.is_file():
                files[lang] = candidate
        shared = folder / f"{name}.yaml.j2"
        if shared.is_file():
            files["*"] = shared
        if not files:
            raise CatalogueError(
                "no template file next to it",
                f"expected {name}.en.yaml.j2 ... or {name}.yaml.j2",
                str(declaration),
            )
        found[name] = Template(name, description, kind, folder, declaration, variables, files)
    return found


def template_folders(extra: list[Path]) -> list[Path]:
    """Folders searched for templates: the bundled `drafts/`, then each coalition folder.

    A coalition folder may hold its templates directly or in a `drafts/` subfolder
    (the same layout as the bundled one, next to its `asks/`).
    """
    folders = [templates_dir() / "drafts"]
    for folder in extra:
        folders.append(folder / "drafts" if (folder / "drafts").is_dir() else folder)
    return folders


def find_templates(extra: list[Path] | None = None) -> dict[str, Template]:
    """Every template by name; later folders replace earlier ones of the same name."""
    out: dict[str, Template] = {}
    for folder in template_folders(list(extra or [])):
        for name, template in _scan(folder).items():
            template.replaces_bundled = name in out
            out[name] = template
    return dict(sorted(out.items()))


def closest(name: str, names: list[str]) -> str | None:
    found = difflib.get_close_matches(name, names, n=1, cutoff=0.5)
    return found[0] if found else None
