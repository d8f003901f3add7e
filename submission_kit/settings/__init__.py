"""The project settings, `[tool.subkit]` in pyproject.toml or subkit.toml: which rules run, at
which severity, the house style, and the coalition's template folders. The one place that finds,
parses and checks them, so every command gets the same answer. Light: no Jinja2 or python-docx.
"""

from __future__ import annotations

import contextlib
import fnmatch
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
)

from submission_kit.diagnostics import Severity, UserError, codes
from submission_kit.load import located
from submission_kit.load.located import Wording, value_error
from submission_kit.model.common import STATE_PARTY_SPELLINGS  # the schema owns the spellings

CONFIG_FILES = ("subkit.toml", "pyproject.toml")


class ConfigError(UserError):
    """A setting cannot be used. `where` is 'file:line:col' or 'file'.

    `str()` is the whole one-line report (place, message, hint), so a command that only
    passes the text on prints exactly what `subkit check` prints.
    """

    def __init__(self, where: str, message: str, hint: str = "") -> None:
        super().__init__(message, hint, where)

    def __str__(self) -> str:
        return self.report()


@dataclass(frozen=True)
class Settings:
    """Settings for one run; `for_file` applies the per-path overrides."""

    select: tuple[str, ...] = ()  # codes, code prefixes or names; empty = every rule
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    words_per_minute: int = 120
    max_words_per_minute: int = 140
    near_limit: float = 0.9
    word_limit: int | None = None  # overrides the committee's limit when set
    # UPR stakeholder submissions: the limits by submission type (None: the kit's defaults,
    # 2,815 and 5,630 words, reported for the third cycle but not confirmed by a source).
    upr_word_limit_individual: int | None = None
    upr_word_limit_joint: int | None = None
    state_party: str | None = None  # None: the draft's metadata decides
    known_acronyms: tuple[str, ...] = ()
    per_path: tuple[tuple[str, PathSettings], ...] = ()
    # Coalition template folders (absolute, each checked to exist), in the order given.
    templates: tuple[Path, ...] = ()
    source: str = ""  # the file the settings came from, for messages
    root: str = ""  # folder that per-path patterns are relative to

    def enabled(self, code: str, name: str) -> bool:
        """Whether rule `code` runs: selected (when `select` is set) and not ignored."""
        if self.select and not _hit(self.select, code, name):
            return False
        return not self.ignored(code, name)

    def ignored(self, code: str, name: str) -> bool:
        """Whether findings of `code` (of any stage) are switched off."""
        return _hit(self.ignore, code, name)

    def severity_of(self, code: str, default: Severity) -> Severity:
        return dict(self.severity).get(code, default)

    def for_file(self, path: str | Path) -> Settings:
        if not self.per_path:
            return self
        rel = _relative(Path(path), Path(self.root or "."))
        out = self
        for pattern, overrides in self.per_path:
            if _matches(rel, pattern):
                out = _merged(out, overrides)
        return out


def _hit(patterns: tuple[str, ...], code: str, name: str) -> bool:
    return any(code.startswith(p.upper()) or p.lower() == name for p in patterns)


def _relative(path: Path, root: Path) -> str:
    try:
        return PurePosixPath(path.resolve().relative_to(root.resolve())).as_posix()
    except ValueError:
        return PurePosixPath(path).as_posix()


def _matches(rel: str, pattern: str) -> bool:
    pattern = pattern.rstrip("/")
    # "drafts/old" means the folder and everything below it; globs match as in .gitignore.
    return (
        fnmatch.fnmatch(rel, pattern)
        or rel.startswith(pattern + "/")
        or fnmatch.fnmatch(rel, pattern + "/*")
    )


# --- the settings as pydantic models ----------------------------------------------------------
#
# One model per place settings can stand: `PathSettings` for a `per-path` table, and
# `FileSettings` (the same keys, `templates` and `per-path`) for the top of the file. Each
# validator words its refusal as the finding says it (`located.value_error`); unknown keys,
# wrong types and the place of every mistake come from the bridge (`load.located`).

SETTINGS = Wording(missing="", wrong="", unknown="", noun="setting", notation="TOML")


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _code_list(key: str) -> Any:
    """`select` / `ignore`: a code, a code prefix or a rule name, or a list of them."""

    def shape(value: Any) -> Any:
        value = _as_list(value)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise value_error(
                f"'{key}' must be a list of rule codes", 'write it as ["SK401", "SK402"]'
            )
        return value

    def known(value: str) -> str:
        registry = codes.registry()
        hit = any(code.startswith(value.upper()) for code in registry) or any(
            c.name == value.lower() for c in registry.values()
        )
        if not hit or not value.strip():
            raise value_error(
                f"unknown rule code '{value}' in '{key}'",
                "`subkit rules` lists the codes and names",
            )
        fixed = codes.find(value)
        if fixed is not None and not fixed.adjustable and key == "ignore":
            raise value_error(
                f"{fixed.code} cannot be switched off: it means the file could not be read",
                "fix the file instead; `subkit rules " + fixed.code + "` says how",
            )
        return value

    return Annotated[list[Annotated[str, AfterValidator(known)]], BeforeValidator(shape)]


def _severity_table(value: Any) -> Any:
    if not isinstance(value, dict):
        raise value_error(
            "'severity' must be a table of code = level",
            'write it as severity = { SK401 = "error" }',
        )
    return value


def _levelled_code(code: str) -> str:
    known = codes.registry()
    if code.upper() not in known:
        raise value_error(
            f"unknown rule code '{code}' in 'severity'", "`subkit rules` lists the codes"
        )
    if not known[code.upper()].adjustable:
        raise value_error(
            f"{code.upper()} cannot be re-levelled: it means the file could not be read",
            "it stays an error; fix the file instead",
        )
    return code.upper()


def _level(level: Any) -> Severity:
    if level not in ("error", "warning", "info"):
        raise value_error(f"'{level}' is not a severity", 'use "error", "warning" or "info"')
    return Severity(level)


def _whole(key: str, low: int, high: int) -> Any:
    def check(value: Any) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise value_error(f"'{key}' must be a whole number from {low} to {high}")
        return value

    return Annotated[int | None, BeforeValidator(check), Field(None, alias=key)]


def _fraction(value: Any) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool) or not 0 < value <= 1:
        raise value_error("'near-limit' must be a fraction of the limit, e.g. 0.9")
    return float(value)


def _spelling(value: Any) -> str:
    if value not in STATE_PARTY_SPELLINGS:
        raise value_error(
            f"'state-party' must be one of {', '.join(map(repr, STATE_PARTY_SPELLINGS))}",
            "UN documents wrote 'State party' until 2024 and 'State Party' since",
        )
    return str(value)


def _acronyms(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise value_error("'known-acronyms' must be a list of acronyms", 'e.g. ["OSCE", "ODIHR"]')
    return value


def _folders_shape(value: Any) -> Any:
    values = _as_list(value)
    if (
        not isinstance(values, list)
        or not values
        or not all(isinstance(v, str) and v.strip() for v in values)
    ):
        raise value_error(
            "'templates' must be a folder or a list of folders",
            'e.g. templates = "our-templates" or templates = ["ours", "shared"]',
        )
    return values


def _folder(value: str, info: ValidationInfo) -> Path:
    """A templates folder, relative to the settings file (`base` in the context); it must exist."""
    base = Path((info.context or {}).get("base", "."))
    folder = (base / Path(value).expanduser()).resolve()
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise value_error(
            f"templates folder '{value}' {what}",
            f"looked for {folder}: the path is relative to the settings file",
        )
    return folder


def _not_here(key: str) -> Any:
    """A key that only the top of the settings may hold: refused in a `per-path` table."""

    def refuse(value: Any) -> Any:
        if key == "per-path":
            raise value_error("'per-path' cannot be nested")
        raise value_error(
            f"'{key}' cannot be set in {{place}}", "set it once, at the top of the settings"
        )

    return Annotated[Any, BeforeValidator(refuse), Field(None, alias=key)]


class PathSettings(BaseModel):
    """The settings a `per-path` table may change for the drafts its pattern matches."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    select: _code_list("select") | None = None  # type: ignore[valid-type]
    ignore: _code_list("ignore") | None = None  # type: ignore[valid-type]
    severity: (
        Annotated[
            dict[
                Annotated[str, AfterValidator(_levelled_code)],
                Annotated[Any, AfterValidator(_level)],
            ],
            BeforeValidator(_severity_table),
        ]
        | None
    ) = None
    words_per_minute: _whole("words-per-minute", 60, 250)  # type: ignore[valid-type]
    max_words_per_minute: _whole("max-words-per-minute", 60, 300)  # type: ignore[valid-type]
    word_limit: _whole("word-limit", 1, 1_000_000)  # type: ignore[valid-type]
    upr_word_limit_individual: _whole("upr-word-limit-individual", 1, 1_000_000)  # type: ignore[valid-type]
    upr_word_limit_joint: _whole("upr-word-limit-joint", 1, 1_000_000)  # type: ignore[valid-type]
    near_limit: Annotated[float | None, BeforeValidator(_fraction), Field(None, alias="near-limit")]
    state_party: Annotated[str | None, BeforeValidator(_spelling), Field(None, alias="state-party")]
    known_acronyms: Annotated[
        list[str] | None, BeforeValidator(_acronyms), Field(None, alias="known-acronyms")
    ]
    templates: _not_here("templates")  # type: ignore[valid-type]
    per_path: _not_here("per-path")  # type: ignore[valid-type]


def _per_path_shape(value: Any) -> Any:
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise value_error(
            "'per-path' must map a path pattern to settings",
            '\'per-path = { "drafts/old/*" = { ignore = ["SK401"] } }\'',
        )
    return value


class FileSettings(PathSettings):
    """The settings at the top of a settings file: every key, the coalition's `templates`
    folders (relative to the file: `base` in the validation context) and `per-path` tables."""

    templates: Annotated[
        list[Annotated[str, AfterValidator(_folder)]] | None,
        BeforeValidator(_folders_shape),
        Field(None, alias="templates"),
    ]
    per_path: Annotated[
        dict[str, PathSettings] | None,
        BeforeValidator(_per_path_shape),
        Field(None, alias="per-path"),
    ]


def _merged(base: Settings, given: PathSettings) -> Settings:
    """`base` with the settings `given` sets: `ignore` and `known-acronyms` add to the base,
    `severity` re-levels on top of it, every other key replaces."""
    changes: dict[str, Any] = {}
    for name in given.model_fields_set:
        value = getattr(given, name)
        if name == "ignore":
            value = base.ignore + tuple(value)
        elif name == "known_acronyms":
            value = base.known_acronyms + tuple(value)
        elif name == "severity":
            value = tuple(sorted((dict(base.severity) | value).items()))
        elif name == "select":
            value = tuple(value)
        elif name == "templates":
            value = tuple(dict.fromkeys(value))
        elif name == "per_path":
            value = tuple(value.items())
        changes[name] = value
    return replace(base, **changes)


def from_table(
    table: dict[str, Any],
    file: str = "<settings>",
    text: str = "",
    section: str = "",
    base: Settings | None = None,
) -> Settings:
    """The settings `table` (parsed from `text`, the file `file`, its settings under the TOML
    table `section`) validated by `FileSettings` and laid over `base`; the first mistake, in
    the order of the file, is a ConfigError at its line and column."""
    base = base or Settings()
    source = located.TomlSource(file, text, table, section)
    given, found = located.validate(
        FileSettings, source, table, SETTINGS, context={"base": Path(file).parent}
    )
    if given is None:
        first = min(found, key=lambda d: (d.line == 0, d.line, d.column))
        where = f"{file}:{first.line}:{first.column}" if first.line else file
        raise ConfigError(where, first.message, first.hint)
    return _merged(base, given)


def _parse_toml(path: Path) -> tuple[str, dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"cannot read the settings: {exc}") from None
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        if m:
            where = f"{path}:{m[1]}:{m[2]}"
        elif "(at end of document)" in msg:
            last = text.split("\n")
            where = f"{path}:{len(last)}:{len(last[-1]) + 1}"
        else:
            where = str(path)
        msg = re.sub(r"\s*\(at (?:line \d+, column \d+|end of document)\)", "", msg)
        raise ConfigError(
            where, f"invalid TOML: {msg}", "check quotes, brackets and '=' on this line"
        ) from None


def _subkit_table(path: Path, data: dict[str, Any]) -> tuple[Any, str] | None:
    """The subkit settings in a parsed file and the TOML table they sit in, or None if none.

    pyproject.toml holds them only in a real `[tool.subkit]` table (not a comment or a string
    that mentions it); subkit.toml holds them at the top level or under `[tool.subkit]`.
    """
    tool = data.get("tool")
    if isinstance(tool, dict) and "subkit" in tool:
        return tool["subkit"], "tool.subkit"
    if path.name == "pyproject.toml":
        return None
    return data, ""


def load(path: str | Path) -> tuple[Settings, dict[str, Any]]:
    """Settings from one file, checked, and the settings table as written (for the scaffolder)."""
    path = Path(path)
    text, data = _parse_toml(path)
    found = _subkit_table(path, data)
    if found is None:
        raise ConfigError(
            str(path),
            "this pyproject.toml has no [tool.subkit] table",
            "add the table, or name a file that has one",
        )
    table, section = found
    if not isinstance(table, dict):
        pos = located.TomlSource(str(path), text, data).place(("tool", "subkit"))
        raise ConfigError(
            f"{path}:{pos.line}:{pos.column}" if pos else str(path),
            "[tool.subkit] must be a table",
            "write the settings under a [tool.subkit] line",
        )
    base = Settings(source=str(path), root=str(path.parent))
    return from_table(table, str(path), text, section, base), table


def load_settings(path: str | Path) -> Settings:
    """Settings from one file: subkit.toml (top level) or pyproject.toml ([tool.subkit])."""
    return load(path)[0]


def find_settings_file(start: str | Path) -> Path | None:
    """The nearest subkit.toml, or pyproject.toml with a [tool.subkit] table, from `start` up.

    In one folder subkit.toml wins. A folder named subkit.toml, or a pyproject.toml that
    cannot be read or parsed (so nobody can tell whether it holds the settings), is an
    error rather than being passed over for a file further up.
    """
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "subkit.toml"
        if candidate.is_dir():
            raise ConfigError(
                _shown(candidate),
                "subkit.toml is a folder, not a settings file",
                "rename the folder, or put the settings in a file of that name",
            )
        if candidate.exists():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            # A broken pyproject.toml is reported under the name the user knows it by.
            _, data = _parse_toml(Path(_shown(candidate)))
            if _subkit_table(candidate, data) is not None:
                return candidate
    return None


def _shown(path: Path) -> str:
    """`path` relative to the current folder when it is below it: shorter in messages."""
    with contextlib.suppress(ValueError):
        return str(path.relative_to(Path.cwd()))
    return str(path)


def locate(start: str | Path = ".", explicit: str | Path | None = None) -> Path | None:
    """The settings file for a run, as shown in messages: --config's file, else the nearest."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            what = "is a folder" if path.is_dir() else "does not exist"
            raise ConfigError(str(path), f"the settings file {what}")
        return path
    found = find_settings_file(start)
    return Path(_shown(found)) if found else None


@cache
def _project_templates(start: Path) -> tuple[Path, ...]:
    path = locate(start)
    return load_settings(path).templates if path else ()


def project_templates(start: Path) -> tuple[Path, ...]:
    """The coalition template folders of the project `start` is in (each one exists), read
    once per folder: validation asks for them once per draft that uses the ask library.
    Raises ConfigError, with the place of the mistake, when the settings cannot be used."""
    return _project_templates(start.resolve())


def discover(start: str | Path = ".", explicit: str | Path | None = None) -> Settings:
    """Settings for a run: the file given with --config, else the nearest one, else defaults."""
    path = locate(start, explicit)
    return load_settings(path) if path else Settings()


def draft_folder(draft: str | Path) -> Path:
    """Where the settings search for `draft` starts: its folder (the current folder for a
    draft given as text, or one whose folder cannot be looked at)."""
    if not str(draft) or str(draft).startswith("<"):
        return Path(".")
    folder = Path(draft).parent
    try:
        return folder if folder.is_dir() else Path(".")
    except OSError:
        return Path(".")


def for_drafts(
    drafts: Sequence[str | Path], explicit: str | Path | None = None
) -> dict[str, Settings]:
    """The settings for each draft, by the one rule every command follows: the file given
    with --config, else the nearest settings file from the draft's own folder upward, else
    the defaults. (`Settings.for_file` then applies the file's per-path overrides.)
    Raises ConfigError."""
    by_folder: dict[Path, Settings] = {}
    out: dict[str, Settings] = {}
    for draft in drafts:
        folder = Path(".") if explicit else draft_folder(draft).resolve()
        if folder not in by_folder:
            by_folder[folder] = discover(folder, explicit)
        out[str(draft)] = by_folder[folder]
    return out
