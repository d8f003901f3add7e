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
from typing import Any

from submission_kit import codes
from submission_kit.diagnostics import Severity, UserError
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
    per_path: tuple[tuple[str, dict[str, Any]], ...] = ()
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
                out = _apply(out, overrides, self.source, f"per-path.{pattern}")
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


_KNOWN_KEYS = {
    "select",
    "ignore",
    "severity",
    "words-per-minute",
    "max-words-per-minute",
    "near-limit",
    "word-limit",
    "upr-word-limit-individual",
    "upr-word-limit-joint",
    "state-party",
    "known-acronyms",
    "per-path",
    # The coalition's template (and ask) folders, for `subkit new`, `templates`, `asks`.
    "templates",
}

_HEADER = re.compile(r"^\s*\[\[?([^\[\]]+)\]\]?")


def _table_name(raw: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in raw.split("."))


def _locate(text: str, needle: str, section: str | None = None) -> tuple[int, int] | None:
    """Line and column of `needle` in the TOML text, outside comments.

    With `section` ("" for the top level, or e.g. "tool.subkit"), only lines in that table
    or the tables below it count, and a key assignment (`needle = ...`) wins over any other
    mention, so an error points at the setting rather than a word in another table.
    """
    current = ""
    loose: tuple[int, int] | None = None
    key = re.compile(rf"^(\s*)[\"']?{re.escape(needle)}[\"']?\s*=")
    for n, line in enumerate(text.split("\n"), start=1):
        header = _HEADER.match(line)
        if header:
            current = _table_name(header[1])
            continue
        if (
            section is not None
            and section
            and not (current == section or current.startswith(section + "."))
        ):
            continue
        code = line.split("#", 1)[0] if '"' not in line and "'" not in line else line
        if line.lstrip().startswith("#"):
            continue
        m = key.match(code)
        if m and (section is None or current == section):
            return n, len(m[1]) + 1
        col = code.find(needle)
        if col >= 0 and loose is None:
            loose = n, col + 1
    if loose is None and section is not None:
        return _locate(text, needle)
    return loose


class _Reader:
    def __init__(self, file: str, text: str, section: str | None = None) -> None:
        self.file, self.text, self.section = file, text, section

    def error(self, message: str, hint: str = "", near: str = "") -> ConfigError:
        pos = _locate(self.text, near, self.section) if near and self.text else None
        where = f"{self.file}:{pos[0]}:{pos[1]}" if pos else self.file
        return ConfigError(where, message, hint)


def _check_codes(reader: _Reader, key: str, values: Any) -> tuple[str, ...]:
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise reader.error(
            f"'{key}' must be a list of rule codes", 'write it as ["SK401", "SK402"]', key
        )
    known = codes.registry()
    for v in values:
        hit = any(code.startswith(v.upper()) for code in known) or any(
            c.name == v.lower() for c in known.values()
        )
        if not hit or not v.strip():
            raise reader.error(
                f"unknown rule code '{v}' in '{key}'",
                "`subkit rules` lists the codes and names",
                f'"{v}"',
            )
        fixed = codes.find(v)
        if fixed is not None and not fixed.adjustable and key == "ignore":
            raise reader.error(
                f"{fixed.code} cannot be switched off: it means the file could not be read",
                "fix the file instead; `subkit rules " + fixed.code + "` says how",
                f'"{v}"',
            )
    return tuple(values)


def _template_dirs(reader: _Reader, value: Any) -> tuple[Path, ...]:
    """The `templates` setting: folders relative to the settings file, each of which must exist."""
    values = [value] if isinstance(value, str) else value
    if (
        not isinstance(values, list)
        or not values
        or not all(isinstance(v, str) and v.strip() for v in values)
    ):
        raise reader.error(
            "'templates' must be a folder or a list of folders",
            'e.g. templates = "our-templates" or templates = ["ours", "shared"]',
            "templates",
        )
    base = Path(reader.file).parent
    folders: list[Path] = []
    for v in values:
        folder = (base / Path(v).expanduser()).resolve()
        if not folder.is_dir():
            what = "is not a folder" if folder.exists() else "does not exist"
            raise reader.error(
                f"templates folder '{v}' {what}",
                f"looked for {folder}: the path is relative to the settings file",
                f'"{v}"' if f'"{v}"' in reader.text else f"'{v}'",
            )
        if folder not in folders:
            folders.append(folder)
    return tuple(folders)


def _apply(
    base: Settings,
    table: dict[str, Any],
    file: str,
    where: str,
    text: str = "",
    section: str | None = None,
) -> Settings:
    reader = _Reader(file, text, section)
    for key in table:
        if key not in _KNOWN_KEYS:
            raise reader.error(
                f"unknown setting '{key}' in {where}",
                "settings: " + ", ".join(sorted(_KNOWN_KEYS)),
                key,
            )
    changes: dict[str, Any] = {}
    if "templates" in table:
        if where != "the settings":
            raise reader.error(
                f"'templates' cannot be set in {where}",
                "set it once, at the top of the settings",
                "templates",
            )
        changes["templates"] = _template_dirs(reader, table["templates"])
    if "select" in table:
        changes["select"] = _check_codes(reader, "select", table["select"])
    if "ignore" in table:
        changes["ignore"] = base.ignore + _check_codes(reader, "ignore", table["ignore"])
    if "severity" in table:
        sev = table["severity"]
        if not isinstance(sev, dict):
            raise reader.error(
                "'severity' must be a table of code = level",
                'write it as severity = { SK401 = "error" }',
                "severity",
            )
        levels = dict(base.severity)
        known = codes.registry()
        for code, level in sev.items():
            if code.upper() not in known:
                raise reader.error(
                    f"unknown rule code '{code}' in 'severity'",
                    "`subkit rules` lists the codes",
                    code,
                )
            if not known[code.upper()].adjustable:
                raise reader.error(
                    f"{code.upper()} cannot be re-levelled: it means the file could not be read",
                    "it stays an error; fix the file instead",
                    code,
                )
            if level not in ("error", "warning", "info"):
                raise reader.error(
                    f"'{level}' is not a severity",
                    'use "error", "warning" or "info"',
                    f"{code}",
                )
            levels[code.upper()] = Severity(level)
        changes["severity"] = tuple(sorted(levels.items()))
    for key, attr, low, high in (
        ("words-per-minute", "words_per_minute", 60, 250),
        ("max-words-per-minute", "max_words_per_minute", 60, 300),
        ("word-limit", "word_limit", 1, 1_000_000),
        ("upr-word-limit-individual", "upr_word_limit_individual", 1, 1_000_000),
        ("upr-word-limit-joint", "upr_word_limit_joint", 1, 1_000_000),
    ):
        if key in table:
            value = table[key]
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                raise reader.error(f"'{key}' must be a whole number from {low} to {high}", "", key)
            changes[attr] = value
    if "near-limit" in table:
        value = table["near-limit"]
        if not isinstance(value, int | float) or not 0 < value <= 1:
            raise reader.error(
                "'near-limit' must be a fraction of the limit, e.g. 0.9", "", "near-limit"
            )
        changes["near_limit"] = float(value)
    if "state-party" in table:
        value = table["state-party"]
        if value not in STATE_PARTY_SPELLINGS:
            raise reader.error(
                f"'state-party' must be one of {', '.join(map(repr, STATE_PARTY_SPELLINGS))}",
                "UN documents wrote 'State party' until 2024 and 'State Party' since",
                "state-party",
            )
        changes["state_party"] = value
    if "known-acronyms" in table:
        value = table["known-acronyms"]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise reader.error(
                "'known-acronyms' must be a list of acronyms", 'e.g. ["OSCE", "ODIHR"]', key
            )
        changes["known_acronyms"] = base.known_acronyms + tuple(value)
    if "per-path" in table:
        pp = table["per-path"]
        if not isinstance(pp, dict) or not all(isinstance(v, dict) for v in pp.values()):
            raise reader.error(
                "'per-path' must map a path pattern to settings",
                '\'per-path = { "drafts/old/*" = { ignore = ["SK401"] } }\'',
                "per-path",
            )
        for pattern, sub in pp.items():
            if "per-path" in sub:
                raise reader.error("'per-path' cannot be nested", "", pattern)
            # Validate now, apply per file.
            _apply(base, sub, file, f"per-path.{pattern}", text, section)
        changes["per_path"] = tuple(pp.items())
    return replace(base, **changes)


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
        raise _Reader(str(path), text).error(
            "[tool.subkit] must be a table",
            "write the settings under a [tool.subkit] line",
            "subkit",
        )
    settings = _apply(
        Settings(source=str(path), root=str(path.parent)),
        table,
        str(path),
        "the settings",
        text,
        section,
    )
    return settings, table


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
