"""The project settings, `[tool.subkit]` in pyproject.toml or subkit.toml: which rules run, at
which severity, the house style, and the coalition's template folders. The one place that finds,
parses and checks them, so every command gets the same answer. Light: no Jinja2 or python-docx.
"""

from __future__ import annotations

import contextlib
import fnmatch
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from submission_kit.diagnostics import Severity, UserError

if TYPE_CHECKING:
    from submission_kit.settings.schema import PathSettings

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
    from submission_kit.load import located  # only with settings, like their models
    from submission_kit.settings.schema import SETTINGS, FileSettings

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
    import tomllib  # when there is a file to read: a run with none never pays for the parser

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
        from submission_kit.load import located

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
