"""One tracking run before its report: the outcome read, each draft validated with its
confirmations, the review checked, the matcher chosen, and the notes the report carries.

Problems the user can fix are `UserError`s (exit 2); a draft or confirmations file with errors
is returned as `Rejected`, with its findings, so that the command prints them (exit 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from submission_kit import files
from submission_kit.diagnostics import Diagnostic, UserError
from submission_kit.track import findings

if TYPE_CHECKING:
    from submission_kit.model.common import Submission
    from submission_kit.track.confirm import Confirmations
    from submission_kit.track.match import Matcher
    from submission_kit.track.parse import ConcludingObservations

#: (path, submission, confirmations) as `build_report` takes them.
Part = tuple[str, "Submission", "Confirmations | None"]


@dataclass
class Rejected:
    """A draft or its confirmations file has errors: nothing is tracked."""

    diagnostics: list[Diagnostic]
    sources: dict[str, list[str]]
    message: str


@dataclass
class Prepared:
    """What the report is built from."""

    parts: list[Part] = field(default_factory=list)
    #: (code, message) notes the report carries and the command prints.
    notes: list[tuple[str, str]] = field(default_factory=list)
    #: Mismatches of the review tracked anyway (--force), as (code, message).
    forced: list[tuple[str, str]] = field(default_factory=list)


def check_drafts_exist(paths: list[Path]) -> None:
    for p in paths:
        try:
            if not files.regular_file_or_none(p):
                raise UserError(f"no such draft: {p}", "check the path of the draft")
        except files.FileProblem as exc:
            raise UserError(exc.message, exc.hint) from exc


def read_against(against: str, force: bool = False) -> ConcludingObservations:
    """The outcome given to --against. One that names neither its symbol nor a State (an NGO's
    own document, a page of notes) is refused unless `force`: a report against it would claim
    an impact on a review it cannot be shown to be of."""
    from submission_kit.track.parse import read_outcome

    try:
        co = read_outcome(against)
    except OSError as exc:
        raise UserError(
            f"cannot read {against}: {exc.strerror or exc}", "check the path of --against"
        ) from exc
    if co.symbol is None and co.state is None and not force:
        raise UserError(
            f"{findings.NOT_AN_OUTCOME} cannot tell which review {against} is of: it names no "
            "document symbol (such as CCPR/C/KAZ/CO/3) and its title names no State",
            "give the UN's own document: concluding observations, a list of issues, a UPR "
            "report or matrix; or add --force to track against this one anyway",
        )
    return co


def prepare(
    paths: list[Path], co: ConcludingObservations, against: str, force: bool
) -> Prepared | Rejected:
    """Validate each draft and read its confirmations; check that draft and outcome are of the
    same review (a `UserError` unless `force`)."""
    from submission_kit.track.confirm import confirmations_path, read_confirmations
    from submission_kit.track.report import asks_of
    from submission_kit.validate import validate_file

    out = Prepared()
    for draft_path in paths:
        try:
            validated = validate_file(draft_path)
        except OSError as exc:
            raise UserError(f"cannot read {draft_path}: {exc.strerror or exc}") from exc
        if validated.submission is None or not validated.ok:
            return Rejected(
                validated.diagnostics,
                {validated.draft.file: validated.draft.lines},
                f"fix the errors in {draft_path} before tracking it",
            )
        submission = validated.submission
        for problem in review_problems(str(draft_path), submission, co, against):
            if not force:
                code, message = problem
                raise UserError(
                    f"{code} {message}",
                    "track against the outcome of the same review, or add --force",
                )
            out.forced.append(problem)
        confirmations = None
        conf_path = confirmations_path(draft_path)
        if conf_path.is_file():
            ids = [ask_id for ask_id, _, _ in asks_of(submission)]
            try:
                confirmations = read_confirmations(conf_path, ids, co)
            except OSError as exc:
                raise UserError(f"cannot read {conf_path}: {exc.strerror or exc}") from exc
            if confirmations.diagnostics:
                return Rejected(
                    confirmations.diagnostics,
                    {confirmations.file or str(conf_path): confirmations.lines},
                    f"fix the errors in {conf_path} before tracking",
                )
        language = submission.metadata.language
        if language != co.language and not any(c == findings.CROSS_LANGUAGE for c, _ in out.notes):
            out.notes.append(
                (
                    findings.CROSS_LANGUAGE,
                    f"the asks are in {language}, the outcome in {co.language}: they are matched "
                    f"through the {language}-{co.language} table of equivalents and the words "
                    "both languages share; check the links",
                )
            )
        out.parts.append((str(draft_path), submission, confirmations))
    return out


def review_problems(
    draft: str, submission: Submission, co: ConcludingObservations, against: str
) -> list[tuple[str, str]]:
    """Where draft and outcome are not of the same review (another State, committee or
    mechanism), as (code, message): an impact report against the wrong document would be
    published wrong."""
    meta = submission.metadata
    # Each addressee's metadata says what it is addressed to: a committee's review names the
    # committee and the State, a UPR submission the State under review, a Council statement
    # neither.
    committee = getattr(meta, "committee", None)
    state = getattr(meta, "state", None)
    addressee = getattr(meta, "addressee", "")
    addressed = committee or {"upr": "the UPR", "hrc": "the Human Rights Council"}.get(addressee)
    problems = []
    if co.mechanism == "UPR":
        if addressee != "upr" and addressed:
            problems.append(
                (
                    findings.MECHANISM_MISMATCH,
                    f"{draft} is a submission to {addressed}, but {against} is a UPR outcome",
                )
            )
    elif co.committee and co.committee != committee and addressed:
        problems.append(
            (
                findings.MECHANISM_MISMATCH if not committee else findings.COMMITTEE_MISMATCH,
                f"{draft} is a submission to {addressed}, but {against} is by {co.committee}",
            )
        )
    if co.state and state and co.state != state:
        problems.append(
            (
                findings.STATE_MISMATCH,
                f"{draft} is about {state}, but {against} is about {co.state}",
            )
        )
    return problems


def choose_matcher(co: ConcludingObservations, matcher: str) -> tuple[Matcher, str | None]:
    """The matcher `--matcher` asks for ("auto", "lexical" or "semantic"), and, when the
    semantic score is not used, why (the report says which matcher ran)."""
    from submission_kit.track.match import Matcher

    m = Matcher(co, semantic={"auto": None, "lexical": False, "semantic": True}[matcher])
    if m.semantic is None:
        return m, m.semantic_note or "the lexical matcher was chosen (--matcher lexical)"
    return m, None
