"""Pydantic validation errors as located, plain-language findings: one wording for every input.

Drafts, settings, ask libraries, template declarations and confirmation files are each read
into plain data with the position of every key and value (the YAML and Markdown loaders
record them; `TomlSource` finds them in a TOML text by key path), then validated by a
pydantic model. `locate` turns the model's `ValidationError` into findings at
file:line:column, worded the same way for every input:

- an unknown field, with "did you mean" for a close name (or the fields allowed there);
  a typo of a required field is one finding, not an unknown and a missing one;
- a required field that is missing, with the field's description as the hint;
- a value of the wrong type ("found a list"), or a value the model refuses, with the
  model's own hint for the field (`value_hints`) or the validator's (`value_error`).

The input decides only the codes and the noun ("field", "setting") through `Wording`, and
may add hints of its own (`hint=`) or leave errors out (`skip=`). A reader that needs a
place for its data and has no loader of its own implements `Source`: `file`, `diag` and
`values_data`. Light: pydantic and the standard library only.
"""

from __future__ import annotations

import re
import types
import typing
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails, PydanticCustomError

from submission_kit.diagnostics import Diagnostic, Position, Severity

PathKey = tuple[str | int, ...]
#: An input's own wording of a wrong value: (error, message, hint) -> (message, hint).
Adjust = Callable[[ErrorDetails, str, str], tuple[str, str]]

#: The error type of `value_error`: its message is the finding's, word for word.
USER_ERROR_TYPE = "subkit_value"


class Source(Protocol):
    """Parsed data and where each part of it stands (a `LoadedDraft` is one)."""

    file: str

    def diag(
        self,
        path: PathKey,
        code: str,
        message: str,
        hint: str = "",
        severity: Severity = Severity.ERROR,
        prefer_key: bool = False,
        offset: int = 0,
    ) -> Diagnostic: ...

    def values_data(self, path: PathKey) -> Any: ...


@dataclass(frozen=True)
class Wording:
    """What an input calls its parts, and the codes of its three kinds of mistake."""

    missing: str = "SK101"
    wrong: str = "SK102"
    unknown: str = "SK103"
    noun: str = "field"  # "unknown field 'x'", "required field 'x' is missing"
    #: The notation the values are written in: its hints name its quoting and lists.
    notation: str = "YAML"
    #: Fields of the root model a writer is not offered (a draft's `kind`, said first).
    hidden: tuple[str, ...] = ()


#: Drafts: SK101 missing, SK102 wrong value, SK103 unknown field.
DRAFTS = Wording(hidden=("kind",))


def _close(word: str, candidates: Sequence[str]) -> list[str]:
    """The one candidate closest to a mistyped `word`, if any is close enough. difflib is
    imported here, when an input has a mistake, so that a good input never pays for it."""
    import difflib

    return difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)


def value_error(message: str, hint: str = "") -> PydanticCustomError:
    """An error for a validator to raise: `message` is the finding's, word for word (it names
    the field itself; `{place}` in it becomes the dotted place of the field's parent, e.g.
    per-path.drafts/*), and `hint` its hint."""
    return PydanticCustomError(USER_ERROR_TYPE, "{message}", {"message": message, "hint": hint})


# --- the model a location points into ---------------------------------------------------------


def model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside an annotation such as list[Annotated[Ask, ...]] | None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return model_in(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType, tuple):
        for arg in typing.get_args(annotation):
            found = model_in(arg)
            if found:
                return found
    return None


def _mapping_of(annotation: Any) -> Any:
    """The value type of a mapping annotation (dict[str, X] | None -> X), else None."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _mapping_of(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        found = [_mapping_of(a) for a in typing.get_args(annotation)]
        return next((f for f in found if f is not None), None)
    return typing.get_args(annotation)[-1] if origin is dict else None


def model_at(root: type[BaseModel], loc: Sequence[Any]) -> type[BaseModel] | None:
    """The model that holds the field at `loc` (list indexes and the keys of a mapping
    field, names the writer chose, are skipped; fields are named by alias or name)."""
    from pydantic import RootModel  # building pydantic's RootModel costs, only for a mistake

    model: type[BaseModel] | None = root
    key_next = False
    for part in loc:
        if isinstance(part, int):
            continue
        if key_next:
            key_next = False
            continue
        if model is None:
            return None
        if issubclass(model, RootModel):  # a file that is one mapping: its keys are names
            values = _mapping_of(model.model_fields["root"].annotation)
            model = model_in(values) if values is not None else None
            continue
        name = _fields_by_alias(model).get(str(part), str(part))
        if name not in model.model_fields:
            return None
        annotation = model.model_fields[name].annotation
        values = _mapping_of(annotation)
        model, key_next = model_in(annotation if values is None else values), values is not None
    return model


def _fields_by_alias(model: type[BaseModel]) -> dict[str, str]:
    return {(info.alias or name): name for name, info in model.model_fields.items()}


def where_in(loc: Sequence[Any]) -> str:
    """ " in 'issues.asks'": the named parts of a location, for a message."""
    named = [str(p) for p in loc if isinstance(p, str)]
    return f" in '{'.'.join(named)}'" if named else ""


def describe_value(value: Any) -> str:
    """A value as a message shows it: 'a mapping', 'a list' or its short repr."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "...'"


def _field_names(model: type[BaseModel] | None) -> list[str]:
    """The names a writer types for a model's fields (aliases where there are any)."""
    return list(_fields_by_alias(model)) if model else []


def _loc(err: ErrorDetails) -> PathKey:
    """The error's location in the data: a mapping key's `[key]` marker dropped."""
    return tuple(p for p in err["loc"] if p != "[key]")


# --- the three kinds of mistake ---------------------------------------------------------------


def _missing(source: Source, model: type[BaseModel], loc: PathKey, wording: Wording) -> Diagnostic:
    field = loc[-1]
    parent = model_at(model, loc[:-1])
    name = _fields_by_alias(parent).get(str(field), str(field)) if parent else str(field)
    info = parent.model_fields.get(name) if parent else None
    desc = f" ({info.description})" if info and info.description else ""
    return source.diag(
        loc[:-1],
        wording.missing,
        f"required {wording.noun} '{field}' is missing{where_in(loc[:-1])}",
        f"add '{field}:'{desc}" if wording.notation == "YAML" else f"add '{field} = ...'{desc}",
        prefer_key=True,
    )


def _unknown(
    source: Source, model: type[BaseModel], loc: PathKey, missing: list[str], wording: Wording
) -> Diagnostic:
    field = str(loc[-1])
    parent = model_at(model, loc[:-1])
    names = _field_names(parent)
    if parent is model:
        names = [n for n in names if n not in wording.hidden]
    typo = _close(field, missing)
    if typo:
        # One finding for one typo: the required field it was meant to be is not "missing".
        return source.diag(
            loc,
            wording.unknown,
            f"unknown {wording.noun} '{field}'{where_in(loc[:-1])}: did you mean the required "
            f"{wording.noun} '{typo[0]}'?",
            f"rename '{field}' to '{typo[0]}'"
            if wording.notation != "YAML"
            else f"rename '{field}:' to '{typo[0]}:'",
            prefer_key=True,
        )
    close = _close(field, names)
    hint = (
        f"did you mean '{close[0]}'?"
        if close
        else (f"allowed here: {', '.join(names)}" if names else f"remove this {wording.noun}")
    )
    # A field of another addressee (a committee in a UPR submission): say whose it is.
    misplaced = getattr(parent, "misplaced", {}) if parent else {}
    if field in misplaced:
        hint = misplaced[field]
    return source.diag(
        loc, wording.unknown, f"unknown {wording.noun} '{field}'{where_in(loc[:-1])}", hint,
        prefer_key=True,
    )  # fmt: skip


def _wrong(
    source: Source,
    model: type[BaseModel],
    err: ErrorDetails,
    wording: Wording,
    adjust: Adjust | None,
) -> Diagnostic:
    loc = _loc(err)
    etype = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if etype == USER_ERROR_TYPE:
        at_key = tuple(err["loc"][-1:]) == ("[key]",)
        place = ".".join(str(p) for p in loc[:-1]) or "the top level"
        message = str(ctx.get("message", err["msg"])).replace("{place}", place)
        return source.diag(loc, wording.wrong, message, str(ctx.get("hint", "")), prefer_key=at_key)
    msg = err["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        msg = msg.removeprefix(prefix)
    msg = msg[0].lower() + msg[1:] if msg else msg
    hint = ""
    if etype.endswith("_type") or etype.endswith("_parsing"):
        hint = f"found {describe_value(value)}"
    if etype in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        hint = "write dates as YYYY-MM-DD, e.g. 2025-06-23"
    if etype == "model_type":
        msg = "this must be a mapping" if wording.notation == "YAML" else "this must be a table"
    if etype == "too_short" and isinstance(value, list):
        msg = "this list must not be empty"
    # Hints a model gives for its fields (an agenda item, an ECOSOC status).
    owner = model_at(model, tuple(p for p in loc[:-1] if isinstance(p, str)))
    named = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    for candidate in (owner, model_at(model, tuple(loc[:-2]))):
        extra = getattr(candidate, "value_hints", {}) if candidate else {}
        if named in extra:
            hint = extra[named]
            break
    field = named or "value"
    quoted = "put it in quotes"
    if etype == "string_type" and not isinstance(value, dict | list):
        hint = f"{wording.notation} read {describe_value(value)} as a value, not text: {quoted}"
    if etype == "list_type" and not isinstance(value, dict):
        sep = ":" if wording.notation == "YAML" else " ="
        hint = (
            f"write a list: '{field}{sep} [{value}]', or each item on its own line starting "
            "with '- '"
            if wording.notation == "YAML"
            else f"write a list: '{field}{sep} [{value!r}]'"
        )
        if wording.notation == "YAML" and isinstance(value, str) and " " in value.strip():
            # Never the flow form [..] for prose: brackets split a text at its commas.
            hint = (
                f"write a list: '{field}:' on a line of its own, then the text on the next "
                "line after '- ', indented"
            )
    if adjust is not None:
        msg, hint = adjust(err, msg, hint)
    return source.diag(loc, wording.wrong, f"'{field}': {msg}", hint)


def locate(
    error: ValidationError,
    model: type[BaseModel],
    source: Source,
    wording: Wording = DRAFTS,
    *,
    adjust: Adjust | None = None,
    skip: Callable[[ErrorDetails], bool] | None = None,
    reword: Callable[[ErrorDetails, Diagnostic], Diagnostic | None] | None = None,
) -> list[Diagnostic]:
    """Every error of `error` (from validating `source`'s data with `model`) as a finding at
    its place in `source`, in the order pydantic reports them. `adjust(err, message, hint)`
    may return an input's own message and hint for a wrong value; `skip(err)` leaves an
    error out (one that another finding already explains); `reword(err, finding)` may give
    any finding the words of the input's own notation (a Markdown draft's), or drop it."""
    errors = error.errors(include_url=False)
    missing: dict[PathKey, list[str]] = defaultdict(list)
    extra: dict[PathKey, list[str]] = defaultdict(list)
    for err in errors:
        loc = _loc(err)
        if err["type"] == "missing":
            missing[loc[:-1]].append(str(loc[-1]))
        elif err["type"] == "extra_forbidden":
            extra[loc[:-1]].append(str(loc[-1]))
    typos = {
        (parent, m)
        for parent, fields in extra.items()
        for f in fields
        for m in _close(f, missing.get(parent, []))
    }
    out: list[Diagnostic] = []
    for err in errors:
        if skip is not None and skip(err):
            continue
        loc = _loc(err)
        found: Diagnostic | None
        if err["type"] == "missing":
            if (loc[:-1], str(loc[-1])) in typos:
                continue
            found = _missing(source, model, loc, wording)
        elif err["type"] == "extra_forbidden":
            found = _unknown(source, model, loc, missing.get(loc[:-1], []), wording)
        else:
            found = _wrong(source, model, err, wording, adjust)
        if reword is not None:
            found = reword(err, found)
        if found is not None:
            out.append(found)
    return out


ModelT = TypeVar("ModelT", bound=BaseModel)


def validate(
    model: type[ModelT],
    source: Source,
    data: Any,
    wording: Wording = DRAFTS,
    *,
    context: dict[str, Any] | None = None,
    adjust: Adjust | None = None,
    skip: Callable[[ErrorDetails], bool] | None = None,
) -> tuple[ModelT | None, list[Diagnostic]]:
    """`data` (read from `source`) validated by `model`: the model and no findings, or None
    and every mistake located. The hook for any input with a model and positions."""
    try:
        return model.model_validate(data, context=context), []
    except ValidationError as exc:
        return None, locate(exc, model, source, wording, adjust=adjust, skip=skip)


# --- TOML: places found by key path -----------------------------------------------------------

_HEADER = re.compile(r"^\s*\[\[?([^\[\]]+)\]\]?")


def _table_name(raw: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in raw.split("."))


class TomlSource:
    """A parsed TOML table and its text: `tomllib` gives no positions, so a path's place is
    found in the text, key after key, from the table's header on (a key assignment, a
    dotted or quoted key, a table header, an inline table's key, or a list item's value).
    A place that cannot be found is line 0: the message then names the file alone."""

    def __init__(self, file: str, text: str, data: Any, section: str = "") -> None:
        self.file, self.text, self.data, self.section = file, text, data, section
        self.lines = text.split("\n")

    def values_data(self, path: PathKey) -> Any:
        node = self.data
        for p in path:
            try:
                node = node[p]
            except (KeyError, IndexError, TypeError):
                return None
        return node

    def _start(self) -> int:
        """The index of the first line of the table the settings sit in."""
        if not self.section:
            return 0
        for n, line in enumerate(self.lines):
            header = _HEADER.match(line)
            if header and _table_name(header[1]) == self.section:
                return n + 1
        return 0

    def _code(self, n: int) -> str:
        line = self.lines[n]
        if line.lstrip().startswith("#"):
            return ""
        return line.split("#", 1)[0] if '"' not in line and "'" not in line else line

    def _find(self, pattern: re.Pattern[str], n: int, col: int) -> tuple[int, int] | None:
        for i in range(n, len(self.lines)):
            code = self._code(i)
            m = pattern.search(code, col if i == n else 0)
            if m:
                return i, m.start(1)
        return None

    def place(self, path: PathKey) -> Position | None:
        """Line and column of the key or value at `path`, or None when it is not found."""
        n, col = self._start(), 0
        found: tuple[int, int] | None = None
        for depth, part in enumerate(path):
            if isinstance(part, int):
                # A single value where a list may stand (templates = "ours") is item 0.
                whole = self.values_data(path[:depth])
                value = whole if isinstance(whole, str) else self.values_data(path[: depth + 1])
                shown = (
                    rf"[\"']{re.escape(value)}[\"']"
                    if isinstance(value, str)
                    else re.escape(str(value).lower() if isinstance(value, bool) else str(value))
                )
                pattern = re.compile(rf"({shown})")
            else:
                key = re.escape(str(part))
                pattern = re.compile(
                    rf"(?:^|[\s{{,.\[])((?:\"{key}\"|'{key}'|(?<![\w-]){key}(?![\w-])))\s*[=.\]]"
                )
            hit = self._find(pattern, n, col)
            if hit is None:
                break
            found = hit
            n, col = hit[0], hit[1] + 1
        if found is None:
            return None
        return Position(found[0] + 1, found[1] + 1)

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
        pos = self.place(path)
        return Diagnostic(
            file=self.file,
            line=pos.line if pos else 0,
            column=pos.column if pos else 0,
            code=code,
            severity=severity,
            message=message,
            hint=hint,
            path=".".join(str(p) for p in path),
        )
