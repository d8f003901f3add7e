"""Read a YAML draft into plain data, remembering where every key and value stands.

Only safe, plain YAML is accepted: no anchors or aliases (they invite expansion
bombs and hide text from the writer), no custom tags, no duplicate keys. Every
problem becomes a located Diagnostic; nothing here raises on bad input.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from submission_kit.diagnostics import Diagnostic, Position, Severity

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64

try:  # libyaml is much faster; fall back to the pure-Python parser.
    _Parser: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Parser = yaml.SafeLoader

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


class _CoreResolver(yaml.resolver.BaseResolver):
    """Plain scalars typed as in YAML 1.2's core schema, not YAML 1.1's.

    YAML 1.1 reads `NO` (Norway's code), `yes`, `on` and `off` as booleans and `1:30`
    as the number 90; in a draft those are text. Only true/false, null, decimal numbers
    and ISO dates get a type of their own.
    """


for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("int", r"^[-+]?[0-9]+$", "-+0123456789"),
    (
        "float",
        r"^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+)$",
        "-+0123456789.",
    ),
    (
        "timestamp",
        r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[Tt ][0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
        r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$",
        "0123456789",
    ),
):
    _CoreResolver.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first)
    )

_RESOLVER = _CoreResolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()

PathKey = tuple[str | int, ...]


@dataclass
class LoadedDraft:
    """A draft as plain data, with the position of every value and every mapping key."""

    file: str
    text: str
    data: Any = None
    values: dict[PathKey, Position] = field(default_factory=dict)
    keys: dict[PathKey, Position] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _lines: tuple[str, list[str]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    _prefixes: dict[tuple[PathKey, int], tuple[str, int]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    #: Plain scalars that a ` #` comment ends on their own line, by path: the file offsets of
    #: the scalar's start and of the end of the comment, and whether the comment is on the
    #: scalar's last line (True) or on a line of its own inside the text (False).
    comments: dict[PathKey, tuple[int, int, bool]] = field(default_factory=dict)
    #: Lists written in flow form `[a, b]`, by path.
    flow_lists: set[PathKey] = field(default_factory=set)
    #: Plain (unquoted) scalars, by path: the only ones a ` #`, ': ' or a curly quote can cut.
    plain: set[PathKey] = field(default_factory=set)

    @property
    def lines(self) -> list[str]:
        # Split once per text, not once per finding: thousands of findings on a long line
        # would otherwise copy the whole text thousands of times.
        if self._lines is None or self._lines[0] is not self.text:
            # split on "\n" only: str.splitlines() also breaks at \x0b, \x0c and \x1c-\x1e.
            self._lines = (self.text, self.text.split("\n"))
        return self._lines[1]

    def position(self, path: PathKey, prefer_key: bool = False) -> Position:
        """Where `path` stands; falls back to the nearest enclosing node that exists."""
        path = tuple(path)
        while True:
            table = (self.keys, self.values) if prefer_key else (self.values, self.keys)
            for t in table:
                if path in t:
                    return t[path]
            if not path:
                return Position(1, 1)
            path = path[:-1]

    def diag(
        self,
        path: PathKey,
        code: str,
        message: str,
        hint: str = "",
        severity: Severity = Severity.ERROR,
        prefer_key: bool = False,
        offset: int = 0,
    ) -> Diagnostic:
        pos = self.position(path, prefer_key)
        line, col = pos.line, pos.column
        if offset or self._is_block_scalar(pos):
            line, col = self.advance(pos, path, offset)
        return Diagnostic(
            file=self.file,
            line=line,
            column=col,
            code=code,
            severity=severity,
            message=message,
            hint=hint,
            path=".".join(str(p) for p in path),
        )

    def _is_block_scalar(self, pos: Position) -> bool:
        lines = self.lines
        if pos.line > len(lines):
            return False
        return lines[pos.line - 1][pos.column - 1 : pos.column] in ("|", ">")

    def advance(self, pos: Position, path: PathKey, offset: int) -> tuple[int, int]:
        """Best-effort position of character `offset` inside the string value at `path`.

        Exact for plain and quoted single-line scalars; for folded or block
        scalars it finds the first source line that holds the text near offset.
        """
        value = self.values_data(path)
        if not isinstance(value, str):
            return pos.line, pos.column
        lines = self.lines
        src = lines[pos.line - 1] if pos.line - 1 < len(lines) else ""
        start = pos.column - 1
        if start < len(src) and src[start] in "\"'":
            start += 1
        snippet = value[offset : offset + 12]
        same = self._same_prefix(path, src, start, value)
        # The end of a text that stands whole on its line (offset == same) is there too.
        if offset < same or (offset and offset == same):
            return pos.line, start + offset + 1
        for n in range(pos.line - 1, min(len(lines), pos.line + 200)):
            i = lines[n].find(snippet) if snippet else -1
            if i >= 0:
                return n + 1, i + 1
        return pos.line, pos.column

    def _same_prefix(self, path: PathKey, src: str, start: int, value: str) -> int:
        """How many characters the value at `path` and its source line share from `start`.

        Worked out once per value: a long line with thousands of findings would otherwise
        compare the line again for each of them."""
        key = (path, start)
        cached = self._prefixes.get(key)
        if cached is None or cached[0] is not value:
            n, step = 0, 4096
            limit = min(len(value), len(src) - start)
            while n < limit and src[start + n : start + n + step] == value[n : n + step]:
                n += step
            while n < limit and src[start + n] == value[n]:
                n += 1
            cached = self._prefixes[key] = (value, min(n, limit))
        return cached[1]

    def values_data(self, path: PathKey) -> Any:
        node = self.data
        for p in path:
            try:
                node = node[p]
            except (KeyError, IndexError, TypeError):
                return None
        return node


def _pos(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


class _Builder:
    """Turns libyaml's event stream into plain data with positions."""

    def __init__(self, draft: LoadedDraft) -> None:
        self.d = draft
        self.nodes = 0
        self.lines = draft.text.split("\n")
        self.starts = [0]
        for line in self.lines[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)

    def error(self, mark: Any, code: str, message: str, hint: str) -> None:
        p = _pos(mark)
        self.d.diagnostics.append(
            Diagnostic(self.d.file, p.line, p.column, code, Severity.ERROR, message, hint)
        )

    def build(self) -> None:
        # libyaml refuses control characters without a usable position; they are
        # reported by _check_text, so parse a copy with each replaced by a space.
        text = _SURROGATE.sub(" ", _CONTROL.sub(" ", self.d.text))
        events = iter(yaml.parse(text, Loader=_Parser))
        docs = []
        for ev in events:
            if isinstance(ev, yaml.DocumentStartEvent):
                value = self.node(next(events), events, (), 0)
                docs.append(value)
            elif isinstance(ev, yaml.StreamEndEvent):
                break
        if len(docs) > 1:
            self.d.diagnostics.append(
                Diagnostic(
                    self.d.file,
                    1,
                    1,
                    "SK001",
                    Severity.ERROR,
                    "the file holds more than one YAML document",
                    "keep one draft per file and remove the '---' separators",
                )
            )
        self.d.data = docs[0] if docs else None

    def node(self, ev: Any, events: Any, path: PathKey, depth: int) -> Any:
        self.nodes += 1
        if depth > MAX_DEPTH:
            self.error(
                ev.start_mark,
                "SK008",
                "the draft is nested too deeply",
                f"YAML nesting deeper than {MAX_DEPTH} levels is not a draft",
            )
            raise _Abort
        self.d.values[path] = _pos(ev.start_mark)
        if isinstance(ev, yaml.AliasEvent):
            self.error(
                ev.start_mark,
                "SK008",
                f"YAML alias '*{ev.anchor}' is not allowed in a draft",
                "write the text out in full; anchors and aliases are refused for safety",
            )
            return None
        if getattr(ev, "anchor", None):
            self.error(
                ev.start_mark,
                "SK008",
                f"YAML anchor '&{ev.anchor}' is not allowed in a draft",
                "remove the anchor; anchors and aliases are refused for safety",
            )
        tag = getattr(ev, "tag", None)
        if tag and tag not in _STANDARD_TAGS and tag != "!":
            self.error(
                ev.start_mark,
                "SK009",
                f"custom YAML tag '{tag}' is not allowed",
                "remove the tag; drafts hold plain text, numbers, lists and mappings",
            )
            tag = None
            self._skip(ev, events)
            return None
        if isinstance(ev, yaml.ScalarEvent):
            return self.scalar(ev, tag, path)
        if isinstance(ev, yaml.SequenceStartEvent):
            if ev.flow_style:
                self.d.flow_lists.add(path)
            items: list[Any] = []
            for child in events:
                if isinstance(child, yaml.SequenceEndEvent):
                    return items
                items.append(self.node(child, events, (*path, len(items)), depth + 1))
        if isinstance(ev, yaml.MappingStartEvent):
            mapping: dict[Any, Any] = {}
            for key_ev in events:
                if isinstance(key_ev, yaml.MappingEndEvent):
                    return mapping
                if isinstance(key_ev, yaml.ScalarEvent):
                    key = self.scalar(key_ev, None, None)
                    key = key if isinstance(key, str | int) else str(key)
                else:
                    self.error(
                        key_ev.start_mark,
                        "SK001",
                        "a mapping key must be plain text",
                        "use a simple name such as 'title:' as the key",
                    )
                    self._skip(key_ev, events)
                    key = f"<complex key {self.nodes}>"
                key_pos = _pos(key_ev.start_mark)
                value_ev = next(events)
                if key in mapping:
                    first = self.d.keys[(*path, key)]
                    self.error(
                        key_ev.start_mark,
                        "SK002",
                        f"duplicate key '{key}'",
                        f"'{key}' is already set at line {first.line}; keep one of the two",
                    )
                    self.node(value_ev, events, ("<dup>", *path, key), depth + 1)
                    continue
                self.d.keys[(*path, key)] = key_pos
                mapping[key] = self.node(value_ev, events, (*path, key), depth + 1)
        return None

    def _skip(self, ev: Any, events: Any) -> None:
        if isinstance(ev, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            level = 1
            for e in events:
                if isinstance(e, yaml.SequenceStartEvent | yaml.MappingStartEvent):
                    level += 1
                elif isinstance(e, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                    level -= 1
                    if level == 0:
                        return

    def _offset(self, mark: Any) -> int:
        return self.starts[mark.line] + mark.column if mark.line < len(self.starts) else 0

    def _note_comment(self, ev: Any, path: PathKey) -> None:
        """Remember a plain scalar that a comment ends: on its last line (`text #3 ...`), or on
        a line of its own indented as the text's continuation."""
        end = ev.end_mark
        if end.line >= len(self.lines):
            return
        rest = self.lines[end.line][end.column :]
        if rest.lstrip(" \t").startswith("#"):
            line_end = self.starts[end.line] + len(self.lines[end.line].rstrip(" \t\r"))
            self.d.comments[path] = (self._offset(ev.start_mark), line_end, True)
            return
        if rest.strip():
            return
        nxt = end.line + 1
        while nxt < len(self.lines) and not self.lines[nxt].strip():
            nxt += 1
        if nxt < len(self.lines):
            line = self.lines[nxt]
            indent = len(line) - len(line.lstrip(" "))
            if line.lstrip(" ").startswith("#") and indent >= ev.start_mark.column > 0:
                line_end = self.starts[nxt] + len(line.rstrip(" \t\r"))
                self.d.comments[path] = (self._offset(ev.start_mark), line_end, False)

    def _escaped_control(self, ev: Any, path: PathKey | None) -> None:
        """A control character written as an escape ("\\x01", "\\e") in a double-quoted text:
        reported where the escape stands, like one typed into the file."""
        a, b = self._offset(ev.start_mark), self._offset(ev.end_mark)
        src = self.d.text[a:b]
        for m in re.finditer(_ESCAPE, src, re.DOTALL):  # compiled on first use
            char = _unescape(m.group())
            if char is None or not (_CONTROL.match(char) or _SURROGATE.match(char)):
                continue
            where = a + m.start()
            line = bisect_right(self.starts, where)
            col = where - self.starts[line - 1] + 1
            self.d.diagnostics.append(
                Diagnostic(
                    self.d.file,
                    line,
                    col,
                    "SK010",
                    Severity.ERROR,
                    f"the escape '{m.group()}' makes the invisible character U+{ord(char):04X}, "
                    "which cannot be stored in a Word document",
                    "delete the escape; write visible characters only",
                    path=".".join(str(p) for p in path or ()),
                )
            )

    def scalar(self, ev: Any, tag: str | None, path: PathKey | None) -> Any:
        # libyaml reports a plain scalar's style as '' (the Python parser as None).
        explicit = ev.tag not in (None, "!")
        if not ev.style and not explicit:
            tag = _RESOLVER.resolve(yaml.ScalarNode, ev.value, ev.implicit)
            if path is not None:
                self.d.plain.add(path)
                self._note_comment(ev, path)
        elif tag is None:
            tag = "tag:yaml.org,2002:str"
        if ev.style == '"' and (_CONTROL.search(ev.value) or _SURROGATE.search(ev.value)):
            self._escaped_control(ev, path)
        if tag == "tag:yaml.org,2002:str":
            return ev.value
        try:
            if tag == "tag:yaml.org,2002:int" and not ev.style:
                return int(ev.value)  # decimal, as in YAML 1.2: 012 is twelve, not octal ten
            node = yaml.ScalarNode(tag, ev.value, ev.start_mark, ev.end_mark)
            return _CONSTRUCTOR.construct_object(node, deep=True)
        except Exception as exc:  # noqa: BLE001 - PyYAML's constructors raise any of a dozen types
            message, hint = _unreadable(ev.value, tag, explicit, exc)
            self.error(ev.start_mark, "SK001", message, hint)
            return ev.value


#: Escapes of a double-quoted YAML text, as the YAML 1.1 spec lists them.
_ESCAPE = r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)"
_SIMPLE_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85",
    "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_SURROGATE = re.compile(r"[\ud800-\udfff]")
#: What a text may not hold, typed into it: control characters, and half characters
#: (surrogates, which only a caller of load_text can pass).
_UNSTORABLE = re.compile(f"{_CONTROL.pattern[:-1]}\\ud800-\\udfff]")


def _unescape(escape: str) -> str | None:
    body = escape[1:]
    if body[:1] in "xuU" and len(body) > 1:
        try:
            return chr(int(body[1:], 16))
        except (ValueError, OverflowError):
            return None
    return _SIMPLE_ESCAPES.get(body)


_TAG_NAMES = {"int": "a whole number", "float": "a number", "bool": "true or false",
              "timestamp": "a date", "null": "empty", "map": "a mapping", "seq": "a list"}  # fmt: skip


def _unreadable(value: str, tag: str, explicit: bool, exc: Exception) -> tuple[str, str]:
    """Message and hint for a value that its (implicit or explicit) type cannot hold."""
    short = tag.rsplit(":", 1)[-1]
    shown = value if len(value) <= 40 else value[:37] + "..."
    if short == "int" and "digits" in str(exc):
        return (
            f"the number has {len(value.lstrip('+-')):,} digits, more than can be read",
            "a draft needs no such number; if it is meant as text, put it in quotes",
        )
    if short == "timestamp" and not explicit:
        problem = _impossible_date(value)
        if problem:
            return f"'{value}' is not a date: {problem}", "check the day and the month"
    if explicit:
        return (
            f"'{shown}' is not {_TAG_NAMES.get(short, short)}, as its tag '!!{short}' requires",
            f"remove the '!!{short}' tag: drafts need no tags, and a value without one is "
            "read as written",
        )
    return f"cannot read the value '{shown}'", "put the value in quotes if it is meant as text"


def _impossible_date(value: str) -> str:
    """Why a YYYY-MM-DD value is no date (February 30th), or '' when it is one."""
    import calendar

    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return ""
    year, month, day = (int(g) for g in m.groups())
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"{calendar.month_name[month]} {year} has {last} days"
    return ""


def _strip_controls(data: Any) -> Any:
    if isinstance(data, str):
        return _SURROGATE.sub(" ", _CONTROL.sub(" ", data))
    if isinstance(data, dict):
        return {k: _strip_controls(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_strip_controls(v) for v in data]
    return data


class _Abort(Exception):
    pass


#: Byte-order marks and the NUL patterns of the first character of an ASCII-started file,
#: longest first: UTF-32 little-endian starts like UTF-16 little-endian.
_WIDE_ENCODINGS = (
    (b"\xff\xfe\x00\x00", "UTF-32", True),
    (b"\x00\x00\xfe\xff", "UTF-32", True),
    (b"\xff\xfe", "UTF-16", True),
    (b"\xfe\xff", "UTF-16", True),
)


def _wide_encoding(raw: bytes) -> tuple[str, bool] | None:
    """The UTF-16 or UTF-32 encoding a file is saved in (and whether it has a BOM), or None."""
    for bom, name, has_bom in _WIDE_ENCODINGS:
        if raw.startswith(bom):
            return name, has_bom
    head = raw[:4]
    if len(head) == 4 and b"\x00" in head:
        # A draft starts with ASCII ('kind:', '#', '---'): its NUL bytes betray the width.
        if head[1:4] == b"\x00\x00\x00" or head[0:3] == b"\x00\x00\x00":
            return "UTF-32", False
        if head[1] == 0 and head[3] == 0 or head[0] == 0 and head[2] == 0:
            return "UTF-16", False
    return None


def _decode(draft: LoadedDraft, raw: bytes) -> str | None:
    wide = _wide_encoding(raw)
    if wide is not None:
        name, has_bom = wide
        draft.diagnostics.append(
            Diagnostic(
                draft.file,
                1,
                1,
                "SK005",
                Severity.ERROR,
                f"the file is saved as {name}"
                + ("" if has_bom else " (without a byte-order mark)")
                + ", not UTF-8",
                "save the draft with the 'UTF-8' encoding in your editor "
                "(Notepad: File > Save as > Encoding: UTF-8)",
            )
        )
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        draft.diagnostics.append(
            Diagnostic(
                draft.file,
                1,
                1,
                "SK004",
                Severity.WARNING,
                "the file starts with a UTF-8 byte-order mark",
                "save the file as 'UTF-8' without BOM; the mark is ignored",
            )
        )
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        draft.diagnostics.append(
            Diagnostic(
                draft.file,
                line,
                col,
                "SK005",
                Severity.ERROR,
                f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                "save the draft with the 'UTF-8' encoding in your editor",
            )
        )
        return None


#: Characters that look like a space but are none for YAML; in indentation they shift a line
#: out of its block without a visible sign.
_ODD_SPACES = {
    "\u00a0": "a no-break space (U+00A0)",
    "\u2007": "a figure space (U+2007)",
    "\u202f": "a narrow no-break space (U+202F)",
    "\u3000": "an ideographic space (U+3000)",
    "\u2002": "an en space (U+2002)",
    "\u2003": "an em space (U+2003)",
    "\u2009": "a thin space (U+2009)",
    "\ufeff": "a zero-width no-break space (U+FEFF)",
    "\u200b": "a zero-width space (U+200B)",
}
_INDENT_RE = re.compile("^[ \t" + "".join(_ODD_SPACES) + "]+")


def _check_text(draft: LoadedDraft) -> None:
    """Problems YAML itself would report badly: tab or no-break-space indentation, characters
    Word cannot store."""
    for n, line in enumerate(draft.text.split("\n"), start=1):
        indent = _INDENT_RE.match(line)
        lead = indent.group() if indent else ""
        odd = next((c for c in lead if c in _ODD_SPACES), None)
        if odd is not None and line[len(lead) :].strip():
            draft.diagnostics.append(
                Diagnostic(
                    draft.file,
                    n,
                    lead.index(odd) + 1,
                    "SK003",
                    Severity.ERROR,
                    f"{_ODD_SPACES[odd]} is used for indentation",
                    "YAML indents with ordinary spaces only; it often comes from copying out "
                    "of a word processor: delete the indentation and type it again with spaces",
                )
            )
        elif "\t" in lead:
            draft.diagnostics.append(
                Diagnostic(
                    draft.file,
                    n,
                    lead.index("\t") + 1,
                    "SK003",
                    Severity.ERROR,
                    "a tab is used for indentation",
                    "YAML indents with spaces only; replace the tab with spaces",
                )
            )
        for m in _UNSTORABLE.finditer(line):
            draft.diagnostics.append(
                Diagnostic(
                    draft.file,
                    n,
                    m.start() + 1,
                    "SK010",
                    Severity.ERROR,
                    f"control character U+{ord(m.group()):04X} cannot be stored in a Word document",
                    "delete the invisible character (it often comes from copying out of a PDF)",
                )
            )


def _yaml_error(draft: LoadedDraft, exc: yaml.YAMLError) -> None:
    from submission_kit.load.yaml_errors import explain

    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    context_mark = getattr(exc, "context_mark", None)
    context_line = context_mark.line + 1 if context_mark else None
    problem = getattr(exc, "problem", None) or str(exc)
    found = explain(problem, draft.lines, line, col, context_line)
    draft.diagnostics.append(
        Diagnostic(
            draft.file,
            found.line,
            found.column,
            "SK001",
            Severity.ERROR,
            f"invalid YAML: {found.message}",
            found.hint,
        )
    )


def load_text(text: str, file: str = "<string>") -> LoadedDraft:
    if file.lower().endswith((".md", ".markdown")):  # a Markdown draft: load/markdown.py
        from submission_kit.load.markdown import load_markdown_text

        return load_markdown_text(text, file)
    draft = LoadedDraft(file=file, text=text)
    _parse(draft)
    return draft


def load_file(path: str | Path, display: str | None = None) -> LoadedDraft:
    """Read and parse one draft, YAML or Markdown. Raises OSError only when the file cannot be
    read at all."""
    path = Path(path)
    if path.suffix.lower() in (".docx", ".docm", ".doc", ".odt", ".rtf", ".pdf"):
        from submission_kit.load.foreign import is_document, not_a_draft

        if is_document(path):  # a document, not a draft: `subkit import` it
            return LoadedDraft(
                file=display or str(path), text="", diagnostics=[not_a_draft(display or str(path))]
            )
    draft, text = read_draft(path, display)
    if text is None:
        return draft
    if path.suffix.lower() in (".md", ".markdown"):  # a Markdown draft: load/markdown.py
        from submission_kit.load.markdown import load_markdown_text

        loaded = load_markdown_text(text, draft.file)
        loaded.diagnostics = [*draft.diagnostics, *loaded.diagnostics]
        return loaded
    draft.text = text
    _parse(draft)
    return draft


def read_draft(path: Path, display: str | None = None) -> tuple[LoadedDraft, str | None]:
    """The text of a draft file, YAML or Markdown alike, or None with the finding that says
    why it cannot be read (too large, not UTF-8). Raises OSError only when the file cannot be
    read at all."""
    from submission_kit.files import FileTooLarge, read_bytes

    draft = LoadedDraft(file=display or str(path), text="")
    try:
        # Regular files only, the size checked before reading: a FIFO or a link to
        # /dev/zero is named as such (an OSError) instead of being read without end.
        raw = read_bytes(path, MAX_BYTES, "a draft")
    except FileTooLarge as exc:
        draft.diagnostics.append(
            Diagnostic(
                draft.file,
                1,
                1,
                "SK007",
                Severity.ERROR,
                f"the file is {exc.size:,} bytes, over the {MAX_BYTES:,}-byte limit for a draft",
                "split the submission or move long annexes out of the draft",
            )
        )
        return draft, None
    return draft, _decode(draft, raw)


def _empty(draft: LoadedDraft, message: str) -> None:
    draft.diagnostics.append(
        Diagnostic(
            draft.file,
            1,
            1,
            "SK006",
            Severity.ERROR,
            message,
            "start from an example: `subkit new oral-statement ...` or copy examples/",
        )
    )


def _parse(draft: LoadedDraft) -> None:
    if not draft.text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in draft.text.splitlines()
    ):
        _empty(draft, "the file is empty")
        return
    _check_text(draft)
    if any(d.code == "SK003" for d in draft.diagnostics):
        return
    try:
        _Builder(draft).build()
        if any(d.code == "SK010" for d in draft.diagnostics):
            # Reported with their place already; the value must not reach a document.
            draft.data = _strip_controls(draft.data)
    except _Abort:
        draft.data = None
    except yaml.YAMLError as exc:
        draft.data = None
        _yaml_error(draft, exc)
        return
    if draft.data is None and not draft.diagnostics:
        # `~`, `null` or a lone `---`: YAML reads "nothing", which is no draft.
        _empty(draft, "the file holds no draft: YAML reads it as empty (only '~', 'null' or '---')")
        return
    if draft.data is not None and not isinstance(draft.data, dict):
        draft.diagnostics.append(
            Diagnostic(
                draft.file,
                1,
                1,
                "SK011",
                Severity.ERROR,
                "a draft must be a YAML mapping of fields such as 'kind:' and 'metadata:'",
                "start from one of the drafts in examples/",
            )
        )
        draft.data = None
