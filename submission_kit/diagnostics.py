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


@dataclass(frozen=True)
class SpanEdit:
    """A safe fix a finding carries: replace text[start:end] of the file with `replacement`
    (`subkit check --fix` applies it)."""

    start: int
    end: int
    replacement: str


@dataclass
class Diagnostic:
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


def _source_excerpt(d: Diagnostic, sources: dict[str, list[str]], color: bool) -> list[str]:
    lines = sources.get(d.file)
    if not lines or not (1 <= d.line <= len(lines)):
        return []
    text = lines[d.line - 1].rstrip("\r\n").replace("\t", " ")
    gutter = f"{d.line:>4} | "
    caret_col = max(d.column, 1)
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
