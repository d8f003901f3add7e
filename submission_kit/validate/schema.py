"""A draft's pydantic validation errors as located, plain-language diagnostics (SK100-SK104).

The wording of unknown, missing and wrong fields is the one every input shares
(`load.located`); what is a draft's own is here: what its `kind` may be, a text that YAML
cut at ': ' (SK104), and the hints for States and committees.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from submission_kit.diagnostics import Diagnostic
from submission_kit.load import LoadedDraft
from submission_kit.model import kind_model, kind_names
from submission_kit.model.common import Submission

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
            from submission_kit.reference import suggest  # only for an unknown kind

            near = suggest.closest(typed, kind_names(), cutoff=0.85)
            hint = f"did you mean '{near}'? " if near else ""
            hint += f"the kinds: {kinds_listing()}"
        return None, [draft.diag(("kind",), "SK100", f"unknown kind of submission '{value}'", hint)]
    return model, []


def _colon_split(value: Any, fields: list[str]) -> tuple[str, Any] | None:
    """A mapping that is a text cut at ': ' (`- We are concerned: deportations ...`): YAML read
    the words before the colon as a field name. Its key is several words, not a field."""
    if isinstance(value, dict) and len(value) == 1:
        key, rest = next(iter(value.items()))
        # Field names are single lowercase words: several words, or a capital, is prose.
        prose = isinstance(key, str) and (len(key.split()) >= 2 or key[:1].isupper())
        import difflib  # only when a draft has an unknown field

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


def _adjust(err: ErrorDetails, msg: str, hint: str) -> tuple[str, str]:
    """A draft's own wording of a bad State or committee code."""
    from submission_kit.reference import suggest  # only when a draft has an error

    loc, value = tuple(err["loc"]), err.get("input")
    if err["type"] == "string_pattern_mismatch" and loc[-1:] == ("state",):
        msg = f"'{value}' is not a State code (three capital letters, ISO 3166 alpha-3)"
        hint = suggest.state_hint(str(value))
    if err["type"] == "literal_error" and loc[-1:] == ("committee",):
        hint = mechanism_hint(value) or suggest.committee_hint(str(value))
    return msg, hint


def schema_diagnostics(
    draft: LoadedDraft, model: type[Submission], error: ValidationError
) -> list[Diagnostic]:
    # The wording of every input's mistakes, imported when a draft has some.
    from submission_kit.load.located import DRAFTS, locate, model_at

    split: dict[tuple, tuple[str, Any]] = {}
    for err in error.errors(include_url=False):
        loc = tuple(err["loc"])
        at = loc[:-1] if err["type"] != "string_type" else loc
        parent = model_at(model, at)
        found = _colon_split(draft.values_data(at), list(parent.model_fields) if parent else [])
        if found and err["type"] in ("missing", "extra_forbidden"):
            split[loc[:-1]] = found
        elif found and err["type"] == "string_type":
            split[loc] = found
    out: list[Diagnostic] = [_colon_diagnostic(draft, loc, *kv) for loc, kv in split.items()]
    # A value the loader could not read (2026-02-30, !!int abc) is reported there, once.
    unreadable = {(d.line, d.column) for d in draft.diagnostics if d.code == "SK001"}

    def skip(err: ErrorDetails) -> bool:
        loc = tuple(err["loc"])
        if any(loc[: len(s)] == s for s in split):
            return True  # explained once by SK104
        if err["type"] in ("missing", "extra_forbidden"):
            return False
        pos = draft.position(loc)
        return (pos.line, pos.column) in unreadable

    reword = None
    if draft.file.lower().endswith((".md", ".markdown")):
        from submission_kit.load.markdown import schema_wording

        reword = schema_wording(draft, model)
    return out + locate(error, model, draft, DRAFTS, adjust=_adjust, skip=skip, reword=reword)
