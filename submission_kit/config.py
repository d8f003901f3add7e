"""Rule settings from `[tool.subkit]` in pyproject.toml or from subkit.toml: which rules run,
at which severity, and the house style (State party spelling, speaking pace, known acronyms).
"""

from __future__ import annotations

import contextlib
import fnmatch
import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from submission_kit.diagnostics import Severity

CONFIG_FILES = ("subkit.toml", "pyproject.toml")
STATE_PARTY_SPELLINGS = ("State party", "State Party")


class ConfigError(Exception):
    """A setting cannot be used. `where` is 'file:line:col' or 'file'."""

    def __init__(self, where: str, message: str, hint: str = "") -> None:
        super().__init__(f"{where}: {message}")
        self.where, self.message, self.hint = where, message, hint


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
    state_party: str | None = None  # None: the draft's metadata decides
    known_acronyms: tuple[str, ...] = ()
    per_path: tuple[tuple[str, dict[str, Any]], ...] = ()
    source: str = ""  # the file the settings came from, for messages
    root: str = ""  # folder that per-path patterns are relative to

    def enabled(self, code: str, name: str) -> bool:
        def hit(patterns: tuple[str, ...]) -> bool:
            return any(code.startswith(p.upper()) or p.lower() == name for p in patterns)

        if self.select and not hit(self.select):
            return False
        return not hit(self.ignore)

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
    "state-party",
    "known-acronyms",
    "per-path",
    # Read by submission_kit.scaffold.project: the coalition's template (and ask) folders.
    "templates",
}


def _locate(text: str, needle: str) -> tuple[int, int] | None:
    """Line and column of the first occurrence of `needle` in the TOML text."""
    for n, line in enumerate(text.split("\n"), start=1):
        col = line.find(needle)
        if col >= 0:
            return n, col + 1
    return None


class _Reader:
    def __init__(self, file: str, text: str) -> None:
        self.file, self.text = file, text

    def error(self, message: str, hint: str = "", near: str = "") -> ConfigError:
        pos = _locate(self.text, near) if near else None
        where = f"{self.file}:{pos[0]}:{pos[1]}" if pos else self.file
        return ConfigError(where, message, hint)


def _check_codes(reader: _Reader, key: str, values: Any) -> tuple[str, ...]:
    from submission_kit.rules import registry

    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise reader.error(
            f"'{key}' must be a list of rule codes", 'write it as ["SK401", "SK402"]', key
        )
    rules = registry()
    for v in values:
        known = any(code.startswith(v.upper()) for code in rules) or any(
            r.name == v.lower() for r in rules.values()
        )
        if not known or not v.strip():
            raise reader.error(
                f"unknown rule code '{v}' in '{key}'",
                "`subkit rules` lists the codes and names",
                f'"{v}"',
            )
    return tuple(values)


def _apply(
    base: Settings, table: dict[str, Any], file: str, where: str, text: str = ""
) -> Settings:
    from submission_kit.rules import registry

    reader = _Reader(file, text)
    for key in table:
        if key not in _KNOWN_KEYS:
            raise reader.error(
                f"unknown setting '{key}' in {where}",
                "settings: " + ", ".join(sorted(_KNOWN_KEYS)),
                key,
            )
    changes: dict[str, Any] = {}
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
        rules = registry()
        for code, level in sev.items():
            if code.upper() not in rules:
                raise reader.error(
                    f"unknown rule code '{code}' in 'severity'",
                    "`subkit rules` lists the codes",
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
            _apply(base, sub, file, f"per-path.{pattern}", text)  # validate now, apply per file
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


def load_settings(path: str | Path) -> Settings:
    """Settings from one file: subkit.toml (top level) or pyproject.toml ([tool.subkit])."""
    path = Path(path)
    text, data = _parse_toml(path)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("subkit", {})
    else:
        table = data.get("tool", {}).get("subkit", data) if "tool" in data else data
    if not isinstance(table, dict):
        raise ConfigError(str(path), "[tool.subkit] must be a table")
    return _apply(
        Settings(source=str(path), root=str(path.parent)), table, str(path), "the settings", text
    )


def find_settings_file(start: str | Path) -> Path | None:
    """The nearest subkit.toml, or pyproject.toml with a [tool.subkit] table, from `start` up."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name == "subkit.toml":
                return candidate
            try:
                if "[tool.subkit" in candidate.read_text(encoding="utf-8"):
                    return candidate
            except (OSError, UnicodeDecodeError):
                continue
    return None


def discover(start: str | Path = ".", explicit: str | Path | None = None) -> Settings:
    """Settings for a run: the file given with --config, else the nearest one, else defaults."""
    path = Path(explicit) if explicit else find_settings_file(start)
    if path is None:
        return Settings()
    with contextlib.suppress(ValueError):
        path = path.relative_to(Path.cwd())  # shorter in messages
    if explicit and not path.is_file():
        raise ConfigError(str(path), "the settings file does not exist")
    return load_settings(path)
