"""Turn pydantic validation errors into located, plain-language diagnostics.

A valid draft only asks `kind_of`; difflib and the did-you-mean module are imported by the
functions that explain an error, so that validating a good draft does not pay for them."""

from __future__ import annotations

import types
import typing
from collections import defaultdict
from typing import Any

from pydantic import BaseModel, ValidationError

from submission_kit.diagnostics import Diagnostic
from submission_kit.load import LoadedDraft
from submission_kit.model import kind_model, kind_names
from submission_kit.model.common import Submission


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside an annotation such as list[Annotated[Ask, ...]] | None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_in(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType, tuple):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found:
                return found
    return None


def _model_at(root: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    model: type[BaseModel] | None = root
    for part in loc:
        if isinstance(part, int):
            continue
        if model is None or part not in model.model_fields:
            return None
        model = _model_in(model.model_fields[part].annotation)
    return model


def _where(loc: tuple) -> str:
    named = [str(p) for p in loc if isinstance(p, str)]
    return f" in '{'.'.join(named)}'" if named else ""


def _describe_value(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "...'"


#: What writers type for the addressees that are not treaty bodies, and what to write instead.
MECHANISM_HINTS = {
    "HRC": "HRC is the Human Rights Council, not a treaty body: for a written statement to the "
    "Council use 'kind: hrc_written_statement' (it has no committee); the Human Rights "
    "Committee is written CCPR",
    "UPR": "the Universal Periodic Review is not a treaty body: for a stakeholder submission use "
    "'kind: upr_submission' (it names the State under review and the cycle, not a committee)",
}


def mechanism_hint(value: Any) -> str | None:
    """The hint for a code that names the Council or the UPR (HRC, UPR, CDH, EPU ...)."""
    typed = str(value).upper().replace(".", "").replace(" ", "")
    aliases = {"HRC": "HRC", "CDH": "HRC", "HUMANRIGHTSCOUNCIL": "HRC", "UNHRC": "HRC"}
    aliases |= {"UPR": "UPR", "EPU": "UPR", "UNIVERSALPERIODICREVIEW": "UPR"}
    key = aliases.get(typed)
    return MECHANISM_HINTS[key] if key else None


#: What a writer may call a kind the kit names otherwise, e.g. 'shadow_report'.
KIND_ALIASES = {
    "shadow_report": "alternative_report",
    "parallel_report": "alternative_report",
    "alternative": "alternative_report",
    "report": "alternative_report",
    "upr": "upr_submission",
    "stakeholder_submission": "upr_submission",
    "upr_stakeholder_submission": "upr_submission",
    "written_statement": "hrc_written_statement",
    "hrc_statement": "hrc_written_statement",
    "statement": "oral_statement",
    "hrc": "hrc_written_statement",
    "loi": "list_of_issues",
}


def kinds_listing() -> str:
    """Every kind with whom it is for, from the models' labels."""
    from submission_kit.model import kinds

    return "; ".join(f"{name} ({model.label})" for name, model in kinds().items())


def kind_of(draft: LoadedDraft) -> tuple[type[Submission] | None, list[Diagnostic]]:
    data = draft.data
    available = ", ".join(kind_names())
    value = data.get("kind")
    if value is None:
        return None, [
            draft.diag(
                (),
                "SK100",
                "the draft does not say what kind of submission it is",
                f"add a first line such as 'kind: oral_statement' (kinds: {available})",
            )
        ]
    model = kind_model(value) if isinstance(value, str) else None
    if model is None:
        typed = str(value).strip().lower().replace("-", "_").replace(" ", "_")
        alias = KIND_ALIASES.get(typed)
        if alias:
            hint = f"the kit calls it '{alias}'; the kinds: {kinds_listing()}"
        else:
            # A typo of a kind's name (oral_statment) gets its did-you-mean; a look-alike of
            # another kind (written_statement, oral_statement) is not offered: the list is.
            from submission_kit.reference import suggest

            near = suggest.closest(typed, kind_names(), cutoff=0.85)
            hint = f"did you mean '{near}'? " if near else ""
            hint += f"the kinds: {kinds_listing()}"
        return None, [draft.diag(("kind",), "SK100", f"unknown kind of submission '{value}'", hint)]
    return model, []


def _colon_split(value: Any, fields: list[str]) -> tuple[str, Any] | None:
    """A mapping that is a text cut at ': ' (`- We are concerned: deportations ...`): YAML read
    the words before the colon as a field name. Its key is several words, not a field."""
    import difflib

    if isinstance(value, dict) and len(value) == 1:
        key, rest = next(iter(value.items()))
        # Field names are single lowercase words: several words, or a capital, is prose.
        prose = isinstance(key, str) and (len(key.split()) >= 2 or key[:1].isupper())
        if prose and difflib.get_close_matches(str(key).casefold(), fields, n=1, cutoff=0.8):
            return None  # `Name: Ana`: a field typed with a capital, not a text
        if prose and not isinstance(rest, dict | list):
            return key, rest
    return None


def _colon_diagnostic(draft: LoadedDraft, loc: tuple, key: str, rest: Any) -> Diagnostic:
    shown = f"{key}: {rest}"
    shown = shown if len(shown) <= 70 else shown[:67] + "..."
    return draft.diag(
        (*loc, key),
        "SK104",
        f"the text '{shown}' holds ': ' (a colon and a space), so YAML read it as a field "
        f"named '{key}'",
        "put the whole text in quotes, or write it as a folded block: '>-' after the '- ' or "
        "the key, and the text on the next lines, indented",
        prefer_key=True,
    )


def _missing(draft: LoadedDraft, model: type[Submission], loc: tuple) -> Diagnostic:
    field = loc[-1]
    parent = _model_at(model, loc[:-1])
    info = parent.model_fields.get(str(field)) if parent else None
    desc = f" ({info.description})" if info and info.description else ""
    return draft.diag(
        loc[:-1],
        "SK101",
        f"required field '{field}' is missing{_where(loc[:-1])}",
        f"add '{field}:'{desc}",
        prefer_key=True,
    )


def _unknown(
    draft: LoadedDraft, model: type[Submission], loc: tuple, missing: list[str]
) -> Diagnostic:
    import difflib

    field = str(loc[-1])
    parent = _model_at(model, loc[:-1])
    names = list(parent.model_fields) if parent else []
    if parent is model:
        names = [n for n in names if n != "kind"]
    typo = difflib.get_close_matches(field, missing, n=1, cutoff=0.6)
    if typo:
        # One finding for one typo: the required field it was meant to be is not "missing".
        return draft.diag(
            loc,
            "SK103",
            f"unknown field '{field}'{_where(loc[:-1])}: did you mean the required field "
            f"'{typo[0]}'?",
            f"rename '{field}:' to '{typo[0]}:'",
            prefer_key=True,
        )
    close = difflib.get_close_matches(field, names, n=1, cutoff=0.6)
    hint = (
        f"did you mean '{close[0]}'?"
        if close
        else (f"allowed here: {', '.join(names)}" if names else "remove this field")
    )
    return draft.diag(
        loc, "SK103", f"unknown field '{field}'{_where(loc[:-1])}", hint, prefer_key=True
    )


def schema_diagnostics(
    draft: LoadedDraft, model: type[Submission], error: ValidationError
) -> list[Diagnostic]:
    import difflib

    from submission_kit.reference import suggest

    errors = error.errors(include_url=False)
    missing: dict[tuple, list[str]] = defaultdict(list)
    extra: dict[tuple, list[str]] = defaultdict(list)
    split: dict[tuple, tuple[str, Any]] = {}
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "missing":
            missing[loc[:-1]].append(str(loc[-1]))
        elif err["type"] == "extra_forbidden":
            extra[loc[:-1]].append(str(loc[-1]))
        at = loc[:-1] if err["type"] != "string_type" else loc
        parent = _model_at(model, at)
        found = _colon_split(draft.values_data(at), list(parent.model_fields) if parent else [])
        if found and err["type"] in ("missing", "extra_forbidden"):
            split[loc[:-1]] = found
        elif found and err["type"] == "string_type":
            split[loc] = found
    typos = {
        (parent, m)
        for parent, fields in extra.items()
        for f in fields
        for m in difflib.get_close_matches(f, missing.get(parent, []), n=1, cutoff=0.6)
    }
    out: list[Diagnostic] = [_colon_diagnostic(draft, loc, *kv) for loc, kv in split.items()]
    # A value the loader could not read (2026-02-30, !!int abc) is reported there, once.
    unreadable = {(d.line, d.column) for d in draft.diagnostics if d.code == "SK001"}
    for err in errors:
        loc = tuple(err["loc"])
        etype = err["type"]
        if any(loc[: len(s)] == s for s in split):
            continue  # explained once by SK104
        pos = draft.position(loc)
        if etype not in ("missing", "extra_forbidden") and (pos.line, pos.column) in unreadable:
            continue
        if etype == "missing":
            if (loc[:-1], str(loc[-1])) not in typos:
                out.append(_missing(draft, model, loc))
        elif etype == "extra_forbidden":
            unknown = _unknown(draft, model, loc, missing.get(loc[:-1], []))
            # A field of another addressee (a committee in a UPR submission): say whose it is.
            parent = _model_at(model, loc[:-1])
            misplaced = getattr(parent, "misplaced", {}) if parent else {}
            if str(loc[-1]) in misplaced:
                unknown.hint = misplaced[str(loc[-1])]
            out.append(unknown)
        else:
            msg = err["msg"]
            for prefix in ("Value error, ", "Assertion failed, "):
                if msg.startswith(prefix):
                    msg = msg[len(prefix) :]
            msg = msg[0].lower() + msg[1:] if msg else msg
            hint = ""
            ctx_value = err.get("input")
            if etype.endswith("_type") or etype.endswith("_parsing"):
                hint = f"found {_describe_value(ctx_value)}"
            if etype == "string_pattern_mismatch" and loc[-1:] == ("state",):
                msg = f"'{ctx_value}' is not a State code (three capital letters, ISO 3166 alpha-3)"
                hint = suggest.state_hint(str(ctx_value))
            if etype == "literal_error" and loc[-1:] == ("committee",):
                hint = mechanism_hint(ctx_value) or suggest.committee_hint(str(ctx_value))
            if etype in ("date_from_datetime_parsing", "date_parsing", "date_type"):
                hint = "write dates as YYYY-MM-DD, e.g. 2025-06-23"
            if etype == "too_short" and isinstance(ctx_value, list):
                msg = "this list must not be empty"
            # Hints a model gives for its fields (an agenda item, an ECOSOC status).
            owner = _model_at(model, tuple(p for p in loc[:-1] if isinstance(p, str)))
            named = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
            for candidate in (owner, _model_at(model, tuple(loc[:-2]))):
                extra = getattr(candidate, "value_hints", {}) if candidate else {}
                if named in extra:
                    hint = extra[named]  # type: ignore[assignment, index]
                    break
            field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "value")
            if etype == "string_type" and not isinstance(ctx_value, dict | list):
                hint = (
                    f"YAML read {_describe_value(ctx_value)} as a value, not text: put it in quotes"
                )
            if etype == "list_type" and not isinstance(ctx_value, dict):
                hint = (
                    f"write a list: '{field}: [{ctx_value}]', or each item on its own line "
                    "starting with '- '"
                )
                if isinstance(ctx_value, str) and " " in ctx_value.strip():
                    # Never the flow form [..] for prose: brackets split a text at its commas.
                    hint = (
                        f"write a list: '{field}:' on a line of its own, then the text on the "
                        "next line after '- ', indented"
                    )
            out.append(draft.diag(loc, "SK102", f"'{field}': {msg}", hint))
    return out
