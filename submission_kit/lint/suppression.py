"""Inline suppressions: `# subkit: ignore[SK401] reason: ...` on the line of a finding or above it.

PyYAML drops comments, so the draft's lines are scanned here, skipping the insides
of quoted strings and block scalars, where a '#' is text and not a comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from submission_kit.diagnostics import Severity
from submission_kit.diagnostics.codes import declare
from submission_kit.lint import Rule

_DIRECTIVE_RE = re.compile(
    r"subkit\s*:\s*ignore\s*\[(?P<codes>[^\]]*)\](?P<rest>.*)$", re.IGNORECASE
)
_REASON_RE = re.compile(r"^\s*(?:reason\s*:|--|—|:)\s*(?P<reason>.*?)\s*$", re.IGNORECASE)
_BLOCK_HEADER_RE = re.compile(r"(?:^|[\s:\-])[|>][+-]?\d?[+-]?\s*(?:#.*)?$")


@dataclass
class Suppression:
    line: int  # 1-based line of the comment
    column: int  # column of the '#'
    codes: list[str]
    reason: str
    own_line: bool  # the comment is alone on its line (it then covers the next line too)
    used: set[str] = field(default_factory=set)


def _comment_start(line: str, state: dict) -> int:
    """Column (0-based) where a comment starts on this line, or -1. `state` carries open quotes."""
    quote = state.get("quote", "")
    # Most lines hold no '#' and no quote: nothing can start or change there.
    if quote and quote not in line:
        return -1
    if not quote and "#" not in line and '"' not in line and "'" not in line:
        return -1
    prev = ""
    i = 0
    while i < len(line):
        c = line[i]
        if quote:
            if quote == '"' and c == "\\":
                i += 2
                continue
            if c == quote:
                if quote == "'" and line[i + 1 : i + 2] == "'":
                    i += 2
                    continue
                quote = ""
        elif c == "#" and (i == 0 or line[i - 1] in " \t"):
            state["quote"] = ""
            return i
        elif c in "\"'" and prev in ("", ":", "-", "[", "{", ",", "?"):
            # A quote opens a scalar only where a scalar can start, not inside "don't".
            quote = c
        if not c.isspace():
            prev = c if not quote or c in "\"'" else prev
        i += 1
    state["quote"] = quote
    return -1


_HTML_COMMENT_RE = re.compile(r"<!--(?P<body>.*?)-->")


def find_html_suppressions(lines: list[str]) -> list[Suppression]:
    """Suppressions in a Markdown draft: `<!-- subkit: ignore[SK401] reason: ... -->`."""
    out: list[Suppression] = []
    for n, line in enumerate(lines, start=1):
        for c in _HTML_COMMENT_RE.finditer(line):
            m = _DIRECTIVE_RE.search(c["body"])
            if not m:
                continue
            codes = [x.strip().upper() for x in m["codes"].split(",") if x.strip()]
            reason_m = _REASON_RE.match(m["rest"])
            reason = reason_m["reason"] if reason_m else ""
            alone = not line[: c.start()].strip() and not line[c.end() :].strip()
            out.append(Suppression(n, c.start() + 1, codes, reason, own_line=alone))
    return out


def find_suppressions(lines: list[str], markdown: bool = False) -> list[Suppression]:
    if markdown:
        return find_html_suppressions(lines)
    out: list[Suppression] = []
    state: dict = {}
    block_indent: int | None = None  # inside a block scalar: indentation of its parent line
    for n, line in enumerate(lines, start=1):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if block_indent is not None:
            if not stripped.strip() or indent > block_indent:
                continue  # a line of the block scalar's text
            block_indent = None
        col = _comment_start(line, state)
        code_part = line if col < 0 else line[:col]
        if not state.get("quote") and _BLOCK_HEADER_RE.search(code_part.rstrip() or "x"):
            block_indent = indent
        if col < 0:
            continue
        m = _DIRECTIVE_RE.search(line[col + 1 :])
        if not m:
            continue
        codes = [c.strip().upper() for c in m["codes"].split(",") if c.strip()]
        reason_m = _REASON_RE.match(m["rest"])
        reason = reason_m["reason"] if reason_m else ""
        out.append(Suppression(n, col + 1, codes, reason, own_line=not line[:col].strip()))
    return out


declare(
    Rule(
        code="SK390",
        name="suppression-needs-reason",
        severity=Severity.ERROR,
        rationale="A finding silenced without a reason is a finding nobody can review later.",
        bad="""\
issues:
  - title: On refoulement
    articles: [7]
    questions:
      - Returns continue.  # subkit: ignore[SK501]
""",
        good="""\
issues:
  - title: On refoulement
    articles: [7]
    questions:
      - Returns continue.  # subkit: ignore[SK501] reason: quoted from the State's report
""",
        group="suppression",
    )
)
declare(
    Rule(
        code="SK391",
        name="unused-suppression",
        severity=Severity.WARNING,
        rationale="A suppression that silences nothing hides the next real finding on its line.",
        bad="""\
issues:
  - title: On refoulement
    articles: [7]
    questions:
      - Will returns stop?  # subkit: ignore[SK501] reason: quoted from the State's report
""",
        good="""\
issues:
  - title: On refoulement
    articles: [7]
    questions:
      - Will returns stop?
""",
        group="suppression",
    )
)
