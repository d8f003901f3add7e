"""YAML syntax errors in plain words: what the writer most likely typed, and how to fix it.

The YAML parser (libyaml, or PyYAML's own parser where libyaml is missing) can say only a
closed set of things; `EXPLANATIONS` gives each its likely cause and fix. Where the
cause can be read off the lines around the error (a straight quote inside a quoted text,
a line indented one space too far, a ': ' inside unquoted text), the message names it and
the position points at the line where the writer has to act.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Explained:
    line: int
    column: int
    message: str
    hint: str


@dataclass(frozen=True)
class Where:
    """The error as the parser gives it, and the source lines around it."""

    problem: str
    lines: Sequence[str]
    line: int
    column: int
    context_line: int | None

    def text(self, line: int) -> str:
        return self.lines[line - 1] if 1 <= line <= len(self.lines) else ""

    def char(self) -> str:
        text = self.text(self.line)
        return text[self.column - 1] if 0 < self.column <= len(text) else ""


Handler = Callable[[Where], Explained | None]

_QUOTE_HINT = {
    '"': 'write the inner quotes as curly quotes “ ” (or as \\"), or put the whole text in '
    "single quotes ' '",
    "'": "write the apostrophe twice ('') or as a curly apostrophe ’, or put the whole text in "
    'double quotes " "',
}


def _value_start(line: str) -> int:
    """Index where the value of a `key: value` or `- value` line starts (0 when neither)."""
    m = re.match(r"^\s*(?:-\s+)*(?:[^\s#'\"][^:#]*?:\s+)?(?:-\s+)*", line)
    return m.end() if m else 0


def _closed_early(line: str) -> tuple[str, int] | None:
    """A quoted value that ends before the line does: the quote and where the text goes on."""
    start = _value_start(line)
    if start >= len(line) or line[start] not in "\"'":
        return None
    quote, i = line[start], start + 1
    while i < len(line):
        c = line[i]
        if quote == '"' and c == "\\":
            i += 2
            continue
        if c == quote:
            if quote == "'" and line[i + 1 : i + 2] == "'":
                i += 2
                continue
            rest = line[i + 1 :]
            if rest.strip() and not rest.lstrip().startswith(("#", ",", "]", "}")):
                return quote, i
            return None
        i += 1
    return None


def _inner_quote(w: Where) -> Explained | None:
    """`- "He said "no" to them"`: the second quote closes the text."""
    for n in (w.line, w.line - 1, w.context_line or 0):
        found = _closed_early(w.text(n))
        if found:
            quote, i = found
            what = 'a straight double quote (")' if quote == '"' else "an apostrophe (')"
            where = "double" if quote == '"' else "single"
            return Explained(
                n,
                i + 1,
                f"{what} inside a text in {where} quotes ends the text early; YAML cannot read "
                "the rest of the line",
                _QUOTE_HINT[quote],
            )
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _previous(w: Where, line: int) -> int:
    n = line - 1
    while n >= 1 and (not w.text(n).strip() or w.text(n).lstrip().startswith("#")):
        n -= 1
    return n


_KEY_LINE = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][\w-]*:(?:\s|$)")


def _colon(w: Where) -> Explained | None:
    """`mapping values are not allowed`: a line indented too far, or ': ' inside plain text."""
    line = w.text(w.line)
    prev_n = _previous(w, w.line)
    prev = w.text(prev_n)
    colon_at_key = _KEY_LINE.match(line) and w.column - 1 <= len(line.split(":", 1)[0]) + 1
    if colon_at_key and prev_n and _indent(line) > _indent(prev) and _KEY_LINE.match(prev):
        return Explained(
            w.line,
            _indent(line) + 1,
            f"line {w.line} is indented further than line {prev_n} above it, so YAML reads "
            "it as more text of the value above",
            f"start '{line.strip().split(':', 1)[0]}:' in the same column as the key on "
            f"line {prev_n} (column {_indent(prev) + 1})",
        )
    found = _unclosed_before(w) or _inner_quote(w)
    if found:
        return found
    return Explained(
        w.line,
        w.column,
        "a ': ' (colon and space) inside unquoted text reads as the start of a new field",
        "put the whole text in quotes, or write it as a folded block: the key, then '>-', "
        "and the text on the next lines, indented",
    )


def _unclosed_before(w: Where) -> Explained | None:
    """A quoted value whose line has no closing quote, followed by a line that is not indented
    as its continuation: the quote runs on over the next fields until a later quote."""
    for n in range(1, w.line + 1):
        line = w.text(n)
        start = _value_start(line)
        if start >= len(line) or line[start] not in "\"'":
            continue
        quote, body = line[start], line[start + 1 :]
        if quote == '"':
            body = re.sub(r"\\.", "", body)
        if quote in body.replace(quote * 2, "") if quote == "'" else quote in body:
            continue
        following = next((m for m in range(n + 1, w.line + 1) if w.text(m).strip()), None)
        if following is not None and _indent(w.text(following)) <= _indent(line):
            return Explained(
                n,
                start + 1,
                f"the quote opened on line {n} is not closed on its line, so the text runs on "
                "over the lines below",
                "add the closing quote at the end of the text",
            )
    return None


def _expected_key(w: Where) -> Explained | None:
    """`did not find expected key` / `'-' indicator` / `<block end>`: a quote that closed early,
    or a line out of step with its block."""
    found = _unclosed_before(w) or _inner_quote(w)
    if found:
        return found
    line = w.text(w.line)
    if line.strip():
        return Explained(
            w.line,
            _indent(line) + 1,
            f"line {w.line} is not lined up with the lines of its block",
            "indent it like its neighbours: the keys of one mapping, and the '- ' of one "
            "list, start in the same column",
        )
    return None


def _no_colon(w: Where) -> Explained | None:
    """`could not find expected ':'`: a line that is neither `key: value` nor more text."""
    found = _unclosed_before(w) or _inner_quote(w)
    if found:
        return found
    start = w.context_line or w.line
    return Explained(
        start,
        _indent(w.text(start)) + 1,
        f"line {start} is neither 'name: value' nor the continuation of a text",
        "if it continues the text above, indent it like that text; if it starts a field, "
        "add the ':' after the field's name",
    )


def _bad_start(w: Where) -> Explained | None:
    char = w.char()
    if char == "\t":
        return Explained(
            w.line, w.column, "a tab is used here", "YAML indents with spaces only; replace the tab"
        )
    if char in "@`":
        return Explained(
            w.line,
            w.column,
            f"a text cannot start with '{char}' unless it is in quotes",
            "put the whole text in quotes",
        )
    return Explained(
        w.line,
        w.column,
        f"YAML cannot start a value with {char!r}" if char else "YAML cannot read this character",
        "put the whole text in quotes",
    )


def _unclosed(w: Where) -> Explained | None:
    start = w.context_line or w.line
    return Explained(
        start,
        1 + max(0, _value_start(w.text(start))),
        f"the quote opened on line {start} is never closed",
        "add the closing quote at the end of the text",
    )


def _fixed(message: str, hint: str, at_context: bool = False) -> Handler:
    def handler(w: Where) -> Explained:
        line = (w.context_line or w.line) if at_context else w.line
        return Explained(line, w.column if line == w.line else 1, message, hint)

    return handler


_TAG_HINT = "drafts take no tags: remove the '!...' before the value"
_ANCHOR_HINT = "drafts take no anchors or aliases: write the text out in full"
_DIRECTIVE_HINT = "remove the line starting with '%': drafts need no directives"
_LAYOUT_HINT = "check the indentation and quoting around this place"
_ENCODING_HINT = "save the draft with the 'UTF-8' encoding in your editor"

#: Every problem the parser can report (libyaml's wording, then PyYAML's where it differs),
#: as a pattern, and how to explain it.
EXPLANATIONS: tuple[tuple[str, Handler], ...] = (
    (r"mapping values are not allowed", _colon),
    (r"did not find expected key|expected <block end>", _expected_key),
    (r"did not find expected '-' indicator", _expected_key),
    (r"could not find expected ':'|found unexpected ':'", _no_colon),
    (r"(?:found )?character .*that cannot start any token", _bad_start),
    (r"found unexpected end of stream", _unclosed),
    (r"found unexpected document (?:indicator|separator)", _unclosed),
    (
        r"found unknown escape character",
        _fixed(
            "a backslash inside a text in double quotes starts an escape YAML does not know",
            "write a backslash as '\\\\', or put the text in single quotes",
        ),
    ),
    (
        r"hexdecimal number|hexadecimal numbers|invalid Unicode character escape",
        _fixed(
            "a '\\x', '\\u' or '\\U' escape in a text in double quotes is incomplete",
            "write the character itself, or a backslash as '\\\\'",
        ),
    ),
    (
        r"low surrogate",
        _fixed(
            "a '\\u' escape names half of a character (a surrogate)",
            "write the character itself instead of the escape",
        ),
    ),
    (
        r"block sequence entries are not allowed|sequence entries are not allowed",
        _fixed(
            "a '- ' list item stands where a value of the line above is expected",
            "start the list on its own line after 'name:', indented, or put the text in quotes",
        ),
    ),
    (
        r"mapping keys are not allowed",
        _fixed(
            "a '? ' stands where YAML expects a value",
            "put the text in quotes if it starts with '?'",
        ),
    ),
    (
        r"tab character",
        _fixed("a tab is used here", "YAML indents with spaces only; replace the tab"),
    ),
    (
        r"did not find expected node content|expected the node content",
        _fixed(
            "a value is missing here, or it starts with a character YAML reserves "
            "(',', ']', '}', '|', '>')",
            "put the value in quotes",
        ),
    ),
    (
        r"did not find expected ',' or '\]'|expected ',' or '\]'",
        _fixed(
            "a list in brackets [ ] is not closed, or an item holds a ':' or a quote",
            "close the list with ']', or write each item on its own line starting with '- '",
            at_context=True,
        ),
    ),
    (
        r"did not find expected ',' or '\}'|expected ',' or '\}'",
        _fixed(
            "a mapping in braces { } is not closed, or a value holds a ':' or a quote",
            "close it with '}', or write each 'name: value' on its own line",
            at_context=True,
        ),
    ),
    (
        r"did not find expected comment or line break|expected a comment or a line break",
        _fixed(
            "something follows a '|' or '>' block marker on its line",
            "start the text on the next line, indented; only a comment may follow '>-'",
        ),
    ),
    (
        r"indentation indicator",
        _fixed(
            "a '|' or '>' block marker carries an indentation of 0",
            "write '|' or '>-' alone and indent the text on the next lines",
        ),
    ),
    (
        r"chomping or indentation indicators",
        _fixed(
            "a '|' or '>' block marker is followed by a character it does not take",
            "write '|', '|-', '>' or '>-', and the text on the next lines",
        ),
    ),
    (
        r"undefined tag handle|duplicate tag handle|expected '!'|expected tag URI|expected URI|URI escape|"
        r"URI escaped octet|expected '>'|the expected '>'|while parsing a tag|scanning a tag",
        _fixed("a '!' before a value is read as a YAML tag", _TAG_HINT),
    ),
    (
        r"expected alphabetic or numeric character",
        _fixed(
            "a '&', '*' or '%' before a text is read as YAML syntax",
            "put the whole text in quotes",
        ),
    ),
    (
        r"undefined alias|duplicate anchor|second occurrence",
        _fixed("a '*' or '&' before a text is read as a YAML alias or anchor", _ANCHOR_HINT),
    ),
    (
        r"directive|version number|expected a digit|expected digit|expected ' '|"
        r"expected whitespace|non-alphabetical character|incompatible YAML document",
        _fixed("a line starting with '%' is read as a YAML directive", _DIRECTIVE_HINT),
    ),
    (
        r"expected '<document start>'|expected <document start>",
        _fixed(
            "text follows the end of the draft ('...' or '---')",
            "remove the '---' or '...' line, or put the text above it",
        ),
    ),
    (
        r"single document in the stream|another document",
        _fixed(
            "the file holds more than one YAML document",
            "keep one draft per file and remove the '---' separators",
        ),
    ),
    (
        r"UTF-8 octet|special characters are not allowed|control characters are not allowed|"
        r"unacceptable character|invalid leading UTF-8|incomplete UTF-8",
        _fixed("the file holds a byte or character YAML cannot read", _ENCODING_HINT),
    ),
    (
        r"stream-start|<stream-start>",
        _fixed("the file is not a YAML text", "start from one of the drafts in examples/"),
    ),
)
_COMPILED = tuple((re.compile(p), h) for p, h in EXPLANATIONS)


def specific(problem: str) -> bool:
    """Whether `problem` has an explanation of its own (rather than the general one)."""
    return any(p.search(problem) for p, _ in _COMPILED)


def explain(
    problem: str, lines: Sequence[str], line: int, column: int, context_line: int | None = None
) -> Explained:
    """The parser's `problem` at `line`:`column`, as a writer would want to hear it."""
    where = Where(problem, lines, line, column, context_line)
    for pattern, handler in _COMPILED:
        if pattern.search(problem):
            found = handler(where)
            if found is not None:
                return found
            break
    return Explained(line, column, f"invalid YAML: {problem}", _LAYOUT_HINT)
