"""Turn pydantic validation errors into located, plain-language diagnostics."""

from __future__ import annotations

import difflib
import types
import typing
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
    "Committee is 'CCPR'",
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
    "loi": "list_of_issues",
}


def kinds_listing() -> str:
    """Every kind with whom it is for, from the models' labels."""
    from submission_kit.model import kinds

    return "; ".join(f"{name} ({model.label})" for name, model in kinds().items())


def _committee_hint(value: Any) -> str:
    """Writers often use a committee's initials (HRC for the Human Rights Committee); the
    treaty bodies' codes are those of their treaties, so point from one to the other."""
    from submission_kit import reference

    named = mechanism_hint(value)
    if named:
        return named
    typed = str(value).upper().replace(".", "")
    if typed in reference.committee_codes():
        return f"write the code in capitals: '{typed}' ({reference.committee(typed).name['en']})"
    for code in reference.committee_codes():
        name = reference.committee(code).name["en"]
        initials = "".join(w[0] for w in name.split() if w[0].isupper())
        if typed == initials or typed == name.upper():
            return f"the {name} is '{code}'"
    return "the codes are those of the treaty bodies, e.g. CCPR for the Human Rights Committee"


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
        # A typo of a kind's name (oral_statment), not a look-alike of another kind.
        close = difflib.get_close_matches(typed, kind_names(), n=1, cutoff=0.85)
        if alias:
            hint = f"the kit calls it '{alias}'; the kinds: {kinds_listing()}"
        elif close:
            hint = f"did you mean '{close[0]}'? The kinds: {kinds_listing()}"
        else:
            hint = f"the kinds: {kinds_listing()}"
        return None, [draft.diag(("kind",), "SK100", f"unknown kind of submission '{value}'", hint)]
    return model, []


def schema_diagnostics(
    draft: LoadedDraft, model: type[Submission], error: ValidationError
) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for err in error.errors(include_url=False):
        loc = tuple(err["loc"])
        etype = err["type"]
        if etype == "missing":
            field = loc[-1]
            parent = _model_at(model, loc[:-1])
            info = parent.model_fields.get(str(field)) if parent else None
            desc = f" ({info.description})" if info and info.description else ""
            out.append(
                draft.diag(
                    loc[:-1],
                    "SK101",
                    f"required field '{field}' is missing{_where(loc[:-1])}",
                    f"add '{field}:'{desc}",
                    prefer_key=True,
                )
            )
        elif etype == "extra_forbidden":
            field = str(loc[-1])
            parent = _model_at(model, loc[:-1])
            names = list(parent.model_fields) if parent else []
            if parent is model:
                names = [n for n in names if n != "kind"]
            close = difflib.get_close_matches(field, names, n=1, cutoff=0.6)
            hint = (
                f"did you mean '{close[0]}'?"
                if close
                else (f"allowed here: {', '.join(names)}" if names else "remove this field")
            )
            # A field of another addressee (a committee in a UPR submission): say whose it is.
            misplaced = getattr(parent, "misplaced", {}) if parent else {}
            if field in misplaced:
                hint = misplaced[field]
            out.append(
                draft.diag(
                    loc,
                    "SK103",
                    f"unknown field '{field}'{_where(loc[:-1])}",
                    hint,
                    prefer_key=True,
                )
            )
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
                hint = "use the ISO 3166 alpha-3 code in capitals, e.g. KAZ"
            if etype == "literal_error" and loc[-1:] == ("committee",):
                hint = _committee_hint(ctx_value)
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
                    hint = extra[named]
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
            out.append(draft.diag(loc, "SK102", f"'{field}': {msg}", hint))
    return out
