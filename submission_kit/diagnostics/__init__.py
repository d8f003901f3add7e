"""Findings about a draft, in one shape for every stage (load, schema, rules, render)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True)
class Position:
    """1-based line and column in a source file."""

    line: int
    column: int


class UserError(Exception):
    """A mistake the user can fix (a setting, a file, an argument, a template), never a fault
    of the kit: a plain-language `message`, `where` it is (`file`, `file:line` or
    `file:line:column`; empty when no file is involved) and a `hint` saying what to do.

    Every look-alike error of the kit is one of these, so a command catches it once
    (`commands._common.user_error`) and prints the located message with its hint, exit 2,
    never a traceback. `str()` is the located message; `report()` adds the hint.
    """

    def __init__(self, message: str, hint: str = "", where: str = "") -> None:
        super().__init__(message)
        self.message, self.hint, self.where = message, hint, where

    @property
    def located(self) -> str:
        """The message after its place: 'file:line:col: message'."""
        return f"{self.where}: {self.message}" if self.where else self.message

    def report(self) -> str:
        """The whole one-line report: place, message and hint."""
        return self.located + (f" ({self.hint})" if self.hint else "")

    def __str__(self) -> str:
        return self.located


class KitFault(Exception):
    """A fault of the kit itself (a bundled catalogue that is broken), not of anything the
    user wrote: the remedy is to reinstall or report it, so it is not a UserError."""


@dataclass(frozen=True)
class SpanEdit:
    """A safe fix a finding carries: replace text[start:end] of the file with `replacement`
    (`subkit check --fix` applies it)."""

    start: int
    end: int
    replacement: str


@dataclass
class Diagnostic:
    """One finding: where it is (file, line, column, optional end), its code and severity,
    the message and the hint. A docstring also spares `dataclass` the signature it would
    otherwise read for one on every start."""

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    hint: str = ""
    path: str = ""  # dotted path in the draft, e.g. "issues.2.asks.0.text"
    end_line: int | None = None
    end_column: int | None = None
    fixable: bool = False
    extra: dict = field(default_factory=dict)

    def sort_key(self) -> tuple:
        return (self.file, self.line, self.column, self.code)

    def to_json(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        data.pop("extra")
        return {k: v for k, v in data.items() if v not in (None, "")}


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


#: At most this many findings of one code are reported per file; the last one says how many
#: more were left out. A draft with thousands of the same mistake needs the first ones fixed.
MAX_PER_CODE = 100
#: An excerpt shows at most this many characters of its line, around the caret.
EXCERPT_WIDTH = 120


def cap_per_code(diagnostics: Sequence[Diagnostic], limit: int = MAX_PER_CODE) -> list[Diagnostic]:
    """The first `limit` findings of each code in each file, in order; the last one kept
    says how many more of that code the file has."""
    seen: dict[tuple[str, str], int] = {}
    for d in diagnostics:
        key = (d.file, d.code)
        seen[key] = seen.get(key, 0) + 1
    if all(n <= limit for n in seen.values()):
        return list(diagnostics)
    kept: list[Diagnostic] = []
    count: dict[tuple[str, str], int] = {}
    for d in diagnostics:
        key = (d.file, d.code)
        count[key] = count.get(key, 0) + 1
        if count[key] > limit:
            continue
        if count[key] == limit and seen[key] > limit:
            more = seen[key] - limit
            d.message += f" (and {more:,} more {d.code} finding(s) in this file, not shown)"
        kept.append(d)
    return kept


def _clip(text: str, column: int) -> tuple[str, int]:
    """At most EXCERPT_WIDTH characters of `text` around `column`, and the caret's column."""
    if len(text) <= EXCERPT_WIDTH:
        return text, column
    start = max(0, min(column - 1 - EXCERPT_WIDTH // 2, len(text) - EXCERPT_WIDTH))
    piece = text[start : start + EXCERPT_WIDTH]
    column -= start
    if start > 0:
        piece, column = "…" + piece, column + 1
    if start + EXCERPT_WIDTH < len(text):
        piece += "…"
    return piece, column


def _source_excerpt(d: Diagnostic, sources: dict[str, list[str]], color: bool) -> list[str]:
    lines = sources.get(d.file)
    if not lines or not (1 <= d.line <= len(lines)):
        return []
    text, caret_col = _clip(lines[d.line - 1].rstrip("\r\n").replace("\t", " "), max(d.column, 1))
    gutter = f"{d.line:>4} | "
    caret = " " * (len(gutter) - 2) + "| " + " " * (caret_col - 1) + "^"
    if color:
        caret = caret[:-1] + "\x1b[1;31m^\x1b[0m"
    return [gutter + text, caret]


def format_human(
    diagnostics: Sequence[Diagnostic],
    sources: dict[str, list[str]] | None = None,
    color: bool = False,
) -> str:
    """ruff/yamllint style: `file:line:col: CODE severity: message`, an excerpt, and a hint."""
    out: list[str] = []
    sources = sources or {}
    for d in diagnostics:
        sev = d.severity.value
        if color:
            tint = {"error": "31", "warning": "33", "info": "36"}[sev]
            sev = f"\x1b[{tint}m{sev}\x1b[0m"
        out.append(f"{d.file}:{d.line}:{d.column}: {d.code} {sev}: {d.message}")
        out.extend(_source_excerpt(d, sources, color))
        if d.hint:
            out.append(f"  hint: {d.hint}")
    return "\n".join(out)


def format_json(diagnostics: Sequence[Diagnostic]) -> str:
    return json.dumps([d.to_json() for d in diagnostics], indent=2, ensure_ascii=False)


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub workflow commands: one `::error file=...` line per finding."""
    level = {"error": "error", "warning": "warning", "info": "notice"}
    out = []
    for d in diagnostics:
        msg = d.message + (f" (hint: {d.hint})" if d.hint else "")
        out.append(
            f"::{level[d.severity.value]} file={_gh_escape(d.file, True)},line={d.line},"
            f"col={d.column},title={_gh_escape(d.code, True)}::{_gh_escape(msg)}"
        )
    return "\n".join(out)


FORMATTERS = ("human", "json", "github")
