"""`subkit track DRAFT... --against OUTCOME`: which asks of one or more drafts a UN outcome took up.

An existing -o file is replaced only if it is the kit's own unchanged report (a fingerprint in
the DOCX, a digest line at the end of the Markdown) or with --force; JSON always needs --force.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from submission_kit.commands._common import EXIT_FINDINGS, fail

if TYPE_CHECKING:
    from submission_kit.model.common import Submission
    from submission_kit.track.parse import ConcludingObservations
    from submission_kit.track.report import ImpactReport


@click.command()
@click.argument("drafts", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--against",
    "against",
    required=True,
    type=click.Path(dir_okay=False),
    help="The UN outcome: concluding observations, a list of issues (prior to reporting) or "
    "a UPR Working Group report or matrix, as .txt, .md, .docx or .pdf.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "json", "docx"]),
    default="md",
    show_default=True,
    help="Report format.",
)
@click.option(
    "-o", "--output", "output", type=click.Path(dir_okay=False), help="Write the report here."
)
@click.option(
    "--matcher",
    type=click.Choice(["auto", "lexical", "semantic"]),
    default="auto",
    show_default=True,
    help="auto: blend in the semantic extra when it is installed and the outcome is in English "
    "(the report says which matcher ran); lexical: never; semantic: require it.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Track against an outcome of another State, committee or mechanism, and replace an "
    "existing -o file that is not subkit's own unchanged report.",
)
def track(
    drafts: tuple[str, ...], against: str, fmt: str, output: str | None, matcher: str, force: bool
) -> None:
    """Match each ask of DRAFTS to the recommendations of a UN outcome.

    Several drafts (a coalition's submissions on one review) give one report.
    Confirmed or corrected links are read from DRAFT.track.yaml next to each draft.
    An existing -o file is replaced only if it is subkit's own unchanged DOCX or Markdown
    report; anything else (your notes, an edited report, any JSON) needs --force.
    Exit status: 0 report written; 1 a draft or its confirmations have errors;
    2 the command could not run (unreadable files, no asks, an outcome of another State,
    committee or mechanism without --force, bad options).
    """
    from submission_kit import files
    from submission_kit.diagnostics import format_human
    from submission_kit.track import findings
    from submission_kit.track.confirm import confirmations_path, read_confirmations
    from submission_kit.track.match import Matcher
    from submission_kit.track.parse import COReadError, read_outcome
    from submission_kit.track.report import NoAsksError, asks_of, build_report, to_json, to_markdown
    from submission_kit.validate import validate_file

    paths = [Path(d) for d in drafts]
    for p in paths:
        try:
            if not files.regular_file_or_none(p):
                fail(f"no such draft: {p}")
        except files.FileProblem as exc:
            fail(exc.message, exc.hint)
    if fmt == "docx" and not output:
        fail("a DOCX report needs an output file", "add -o REPORT.docx")
    if output:
        _check_output(Path(output), fmt, [*paths, Path(against)], force)
    try:
        co = read_outcome(against)
    except COReadError as exc:
        fail(exc.message, exc.hint)
    except OSError as exc:
        fail(f"cannot read {against}: {exc.strerror or exc}")

    parts = []
    notes: list[tuple[str, str]] = []
    for draft_path in paths:
        try:
            validated = validate_file(draft_path)
        except OSError as exc:
            fail(f"cannot read {draft_path}: {exc.strerror or exc}")
        if validated.submission is None or not validated.ok:
            # On stderr with the reason, so that a report piped or written with -o never hides them.
            sources = {validated.draft.file: validated.draft.lines}
            click.echo(format_human(validated.diagnostics, sources), err=True)
            click.echo(f"subkit: fix the errors in {draft_path} before tracking it", err=True)
            sys.exit(EXIT_FINDINGS)
        submission = validated.submission
        _check_same_review(str(draft_path), submission, co, against, force)
        confirmations = None
        conf_path = confirmations_path(draft_path)
        if conf_path.is_file():
            ids = [ask_id for ask_id, _, _ in asks_of(submission)]
            try:
                confirmations = read_confirmations(conf_path, ids, co)
            except OSError as exc:
                fail(f"cannot read {conf_path}: {exc.strerror or exc}")
            if confirmations.diagnostics:
                sources = {confirmations.file or str(conf_path): confirmations.lines}
                click.echo(format_human(confirmations.diagnostics, sources), err=True)
                click.echo(f"subkit: fix the errors in {conf_path} before tracking", err=True)
                sys.exit(EXIT_FINDINGS)
        language = submission.metadata.language
        if language != co.language and not any(c == findings.CROSS_LANGUAGE for c, _ in notes):
            notes.append(
                (
                    findings.CROSS_LANGUAGE,
                    f"the asks are in {language}, the outcome in {co.language}: they are matched "
                    f"through the {language}-{co.language} table of equivalents and the words "
                    "both languages share; check the links",
                )
            )
        parts.append((str(draft_path), submission, confirmations))

    from submission_kit.track.semantic import SemanticUnavailable

    try:
        m = Matcher(co, semantic={"auto": None, "lexical": False, "semantic": True}[matcher])
    except SemanticUnavailable as exc:
        fail(str(exc), exc.hint)
    if m.semantic is None:
        why = m.semantic_note or "the lexical matcher was chosen (--matcher lexical)"
        notes.insert(0, (findings.SEMANTIC_UNAVAILABLE, why))
    try:
        report = build_report(parts, co=co, matcher=m)
    except NoAsksError as exc:
        fail(str(exc), "add asks (with ids) to the draft; a report with no asks says nothing")
    report.notes = notes
    for code, message in notes:
        click.echo(f"subkit: note: {code} {message}", err=True)

    if fmt == "docx":
        data = _docx(report)
    else:
        data = (to_json(report) if fmt == "json" else to_markdown(report)).encode("utf-8")
    if output:
        if fmt == "md":
            data = _sign_markdown(data)
        _write_atomically(data, Path(output))
        counts = report.counts()
        click.echo(
            f"Wrote {output}: {len(report.items)} asks, {counts['taken up']} taken up, "
            f"{counts['partly taken up']} partly, {counts['unclear, check']} to check, "
            f"{counts['not reflected']} not reflected.",
            err=True,
        )
    else:
        click.echo(data.decode("utf-8"), nl=False)


def _check_same_review(
    draft: str, submission: Submission, co: ConcludingObservations, against: str, force: bool
) -> None:
    """An outcome of another State, committee or mechanism than the draft's is an error (exit
    2) unless --force: an impact report against the wrong document would be published wrong."""
    from submission_kit.track import findings

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
    for code, message in problems:
        if force:
            click.echo(f"subkit: warning: {code} {message} (tracked anyway: --force)", err=True)
        else:
            fail(
                f"{code} {message}", "track against the outcome of the same review, or add --force"
            )


def _docx(report: ImpactReport) -> bytes:
    from submission_kit.track.report import to_document

    try:
        from submission_kit.write import write_docx
    except ImportError:
        fail(
            "DOCX reports need the DOCX writer (submission_kit.write), which is not available",
            "use --format md or --format json",
        )
    from submission_kit.write.stamp import stamp

    # Fingerprinted like rendered drafts, so a re-run can tell its own report from an edited one.
    return stamp(write_docx(to_document(report)))


# The last line of a Markdown report written with -o: a digest of everything above it. An HTML
# comment, so Markdown viewers do not show it; any edit to the report breaks the match.
_MD_SIGNATURE = re.compile(rb"\n<!-- subkit track report sha256:([0-9a-f]{64}) -->\n\Z")


def _sign_markdown(data: bytes) -> bytes:
    body = data if data.endswith(b"\n") else data + b"\n"
    digest = hashlib.sha256(body).hexdigest()
    return body + f"\n<!-- subkit track report sha256:{digest} -->\n".encode()


def _is_own_markdown(path: Path) -> bool:
    try:
        data = path.read_bytes()
    except OSError:
        return False
    found = _MD_SIGNATURE.search(data)
    if found is None:
        return False
    body = data[: found.start()]
    return hashlib.sha256(body).hexdigest() == found.group(1).decode()


def _is_own_report(out: Path, fmt: str) -> bool:
    """Whether `out` is a report this command wrote and nobody changed since."""
    if fmt == "docx":
        from submission_kit.write.stamp import Origin, origin

        return origin(out) is Origin.KIT_UNCHANGED
    if fmt == "md":
        return _is_own_markdown(out)
    return False  # JSON has no room for a fingerprint: always ask for --force.


def _check_output(out: Path, fmt: str, inputs: list[Path], force: bool) -> None:
    """Never write over the draft, the concluding observations, a file of the wrong kind, or
    (without `force`) an existing file that is not the kit's own unchanged report."""
    from submission_kit import files

    try:
        if out.parent.is_dir():
            files.check_target(out)  # never a device node or a FIFO, --force or not
    except (files.FileProblem, OSError) as exc:
        problem = files.explain(exc, out, writing=True)
        fail(problem.message, problem.hint)
    for p in inputs:
        if out.exists() and p.exists() and out.resolve() == p.resolve():
            fail(f"refusing to write the report over {p}", "choose another -o file")
    expected = {"md": (".md", ".markdown", ".txt"), "json": (".json",), "docx": (".docx",)}[fmt]
    if out.suffix.lower() not in expected:
        fail(
            f"the output {out} does not end in {' or '.join(expected)} for --format {fmt}",
            f"name it e.g. report{expected[0]}",
        )
    if out.name.endswith((".yaml", ".yml")):
        fail(f"refusing to write the report over a YAML file: {out}")
    if not out.parent.is_dir():
        fail(f"no such folder: {out.parent}")
    if out.exists() and not force and fmt == "json":
        fail(
            f"{out} exists; a JSON report is never replaced without --force",
            "choose another -o file, or add --force to replace it",
        )
    if out.exists() and not force and not _is_own_report(out, fmt):
        fail(
            f"{out} exists and is not subkit's own unchanged report; it will not be replaced",
            "choose another -o file, or add --force to replace it",
        )


def _write_atomically(data: bytes, out: Path) -> None:
    """The file appears whole or not at all; a full disk or a read-only folder is said so."""
    from submission_kit import files

    try:
        files.write_atomic(out, data)
    except OSError as exc:
        problem = files.explain(exc, out, writing=True)
        fail(problem.message, problem.hint)
