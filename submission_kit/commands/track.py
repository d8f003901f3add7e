"""`subkit track DRAFT --against CO`: which asks of a draft the Committee took up, paragraph by paragraph.

An existing -o file is replaced only if it is the kit's own unchanged report (a fingerprint in
the DOCX, a digest line at the end of the Markdown) or with --force; JSON always needs --force.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from submission_kit.commands._common import EXIT_FINDINGS, fail

if TYPE_CHECKING:
    from submission_kit.track.report import ImpactReport


@click.command()
@click.argument("draft", type=click.Path(dir_okay=False))
@click.option(
    "--against",
    "against",
    required=True,
    type=click.Path(dir_okay=False),
    help="The concluding observations, as .txt (copied from the PDF) or .docx.",
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
    "--force",
    is_flag=True,
    help="Replace an existing -o file that is not subkit's own unchanged report.",
)
def track(draft: str, against: str, fmt: str, output: str | None, force: bool) -> None:
    """Match each ask of DRAFT to the recommendations of the concluding observations.

    Confirmed or corrected links are read from DRAFT.track.yaml next to the draft.
    An existing -o file is replaced only if it is subkit's own unchanged DOCX or Markdown
    report; anything else (your notes, an edited report, any JSON) needs --force.
    Exit status: 0 report written; 1 the draft or the confirmations have errors;
    2 the command could not run (unreadable files, no asks, bad options).
    """
    from submission_kit.check import validate_file
    from submission_kit.diagnostics import format_human
    from submission_kit.track.confirm import confirmations_path, read_confirmations
    from submission_kit.track.parse import COReadError, read_concluding_observations
    from submission_kit.track.report import NoAsksError, asks_of, build_report, to_json, to_markdown

    draft_path = Path(draft)
    if not draft_path.is_file():
        fail(f"no such draft: {draft}")
    if fmt == "docx" and not output:
        fail("a DOCX report needs an output file", "add -o REPORT.docx")
    if output:
        _check_output(Path(output), fmt, [draft_path, Path(against)], force)
    try:
        co = read_concluding_observations(against)
    except COReadError as exc:
        fail(exc.message, exc.hint)
    except OSError as exc:
        fail(f"cannot read {against}: {exc.strerror or exc}")

    try:
        validated = validate_file(draft_path)
    except OSError as exc:
        fail(f"cannot read {draft}: {exc.strerror or exc}")
    if validated.submission is None or not validated.ok:
        # On stderr with the reason, so that a report piped or written with -o never hides them.
        sources = {validated.draft.file: validated.draft.lines}
        click.echo(format_human(validated.diagnostics, sources), err=True)
        click.echo(f"subkit: fix the errors in {draft} before tracking it", err=True)
        sys.exit(EXIT_FINDINGS)
    submission = validated.submission

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

    if co.state and submission.metadata.state != co.state:
        click.echo(
            f"subkit: note: the draft is about {submission.metadata.state}, the concluding "
            f"observations about {co.state}",
            err=True,
        )
    try:
        report = build_report(draft, submission, co, confirmations)
    except NoAsksError as exc:
        fail(str(exc), "add asks (with ids) to the draft; a report with no asks says nothing")

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
            f"{counts['partly taken up']} partly, {counts['not reflected']} not reflected.",
            err=True,
        )
    else:
        click.echo(data.decode("utf-8"), nl=False)


def _docx(report: ImpactReport) -> bytes:
    from submission_kit.track.report import to_document

    try:
        from submission_kit.write import write_docx
    except ImportError:
        fail(
            "DOCX reports need the DOCX writer (submission_kit.write), which is not available",
            "use --format md or --format json",
        )
    from submission_kit.stamp import stamp

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
        from submission_kit.stamp import Origin, origin

        return origin(out) is Origin.KIT_UNCHANGED
    if fmt == "md":
        return _is_own_markdown(out)
    return False  # JSON has no room for a fingerprint: always ask for --force.


def _check_output(out: Path, fmt: str, inputs: list[Path], force: bool) -> None:
    """Never write over the draft, the concluding observations, a file of the wrong kind, or
    (without `force`) an existing file that is not the kit's own unchanged report."""
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
    """The file appears whole or not at all."""
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
