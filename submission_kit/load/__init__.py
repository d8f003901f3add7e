"""Read a YAML draft into plain data, remembering where every key and value stands.

Only safe, plain YAML is accepted: no anchors or aliases (they invite expansion
bombs and hide text from the writer), no custom tags, no duplicate keys. Every
problem becomes a located Diagnostic; nothing here raises on bad input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from submission_kit.diagnostics import Diagnostic, Position, Severity

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64

try:  # libyaml is much faster; fall back to the pure-Python parser.
    _Parser: type = yaml.CSafeLoader  # type: ignore[attr-defined]
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
        if offset < self._same_prefix(path, src, start, value):
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

    def error(self, mark: Any, code: str, message: str, hint: str) -> None:
        p = _pos(mark)
        self.d.diagnostics.append(
            Diagnostic(self.d.file, p.line, p.column, code, Severity.ERROR, message, hint)
        )

    def build(self) -> None:
        # libyaml refuses control characters without a usable position; they are
        # reported by _check_text, so parse a copy with each replaced by a space.
        text = _CONTROL.sub(" ", self.d.text)
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
            return self.scalar(ev, tag)
        if isinstance(ev, yaml.SequenceStartEvent):
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
                    key = self.scalar(key_ev, None)
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

    def scalar(self, ev: Any, tag: str | None) -> Any:
        # libyaml reports a plain scalar's style as '' (the Python parser as None).
        if not ev.style and (ev.tag is None or ev.tag == "!"):
            tag = _RESOLVER.resolve(yaml.ScalarNode, ev.value, ev.implicit)
        elif tag is None:
            tag = "tag:yaml.org,2002:str"
        if tag == "tag:yaml.org,2002:str":
            return ev.value
        if tag == "tag:yaml.org,2002:int" and not ev.style:
            return int(ev.value)  # decimal, as in YAML 1.2: 012 is twelve, not octal ten
        node = yaml.ScalarNode(tag, ev.value, ev.start_mark, ev.end_mark)
        try:
            return _CONSTRUCTOR.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError):
            self.error(
                ev.start_mark,
                "SK001",
                f"cannot read the value '{ev.value}'",
                "put the value in quotes if it is meant as text",
            )
            return ev.value


def _strip_controls(data: Any) -> Any:
    if isinstance(data, str):
        return _CONTROL.sub(" ", data)
    if isinstance(data, dict):
        return {k: _strip_controls(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_strip_controls(v) for v in data]
    return data


class _Abort(Exception):
    pass


def _decode(draft: LoadedDraft, raw: bytes) -> str | None:
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
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        draft.diagnostics.append(
            Diagnostic(
                draft.file,
                1,
                1,
                "SK005",
                Severity.ERROR,
                "the file is saved as UTF-16, not UTF-8",
                "save the draft with the 'UTF-8' encoding in your editor "
                "(Notepad: File > Save as > Encoding: UTF-8)",
            )
        )
        return None
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


def _check_text(draft: LoadedDraft) -> None:
    """Problems YAML itself would report badly: tab indentation, characters Word cannot store."""
    for n, line in enumerate(draft.text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            draft.diagnostics.append(
                Diagnostic(
                    draft.file,
                    n,
                    len(line) - len(stripped) + 1,
                    "SK003",
                    Severity.ERROR,
                    "a tab is used for indentation",
                    "YAML indents with spaces only; replace the tab with spaces",
                )
            )
        for m in _CONTROL.finditer(line):
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
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = getattr(exc, "problem", None) or str(exc)
    hint = "check the indentation and quoting around this place"
    if "mapping values are not allowed" in problem:
        hint = "a ':' inside text needs the whole text in quotes"
    elif "found character '\\t'" in problem:
        problem, hint = "a tab is used here", "YAML indents with spaces only; replace the tab"
    elif "could not find expected ':'" in problem or "expected <block end>" in problem:
        hint = "a line is indented differently from its neighbours, or a quote is not closed"
    draft.diagnostics.append(
        Diagnostic(draft.file, line, col, "SK001", Severity.ERROR, f"invalid YAML: {problem}", hint)
    )


def load_text(text: str, file: str = "<string>") -> LoadedDraft:
    draft = LoadedDraft(file=file, text=text)
    _parse(draft)
    return draft


def load_file(path: str | Path, display: str | None = None) -> LoadedDraft:
    """Read and parse one draft. Raises OSError only when the file cannot be read at all."""
    from submission_kit.files import FileTooLarge, read_bytes

    path = Path(path)
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
        return draft
    text = _decode(draft, raw)
    if text is None:
        return draft
    draft.text = text
    _parse(draft)
    return draft


def _parse(draft: LoadedDraft) -> None:
    if not draft.text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in draft.text.splitlines()
    ):
        draft.diagnostics.append(
            Diagnostic(
                draft.file,
                1,
                1,
                "SK006",
                Severity.ERROR,
                "the file is empty",
                "start from an example: `subkit new oral-statement ...` or copy examples/",
            )
        )
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
