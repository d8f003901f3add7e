"""`subkit track DRAFT... --against OUTCOME`: which asks of one or more drafts a UN outcome took up.

An existing -o file is replaced only if it is the kit's own unchanged report (a fingerprint in
the DOCX, a digest line at the end of the Markdown) or with --force; JSON always needs --force.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from submission_kit.commands._common import EXIT_FINDINGS, fail


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
    from submission_kit.diagnostics import format_human
    from submission_kit.track import findings, publish, run
    from submission_kit.track.report import NoAsksError, build_report

    paths = [Path(d) for d in drafts]
    run.check_drafts_exist(paths)
    if fmt == "docx" and not output:
        fail("a DOCX report needs an output file", "add -o REPORT.docx")
    if output:
        publish.check_output(Path(output), fmt, [*paths, Path(against)], force)
    co = run.read_against(against, force)
    prepared = run.prepare(paths, co, against, force)
    if isinstance(prepared, run.Rejected):
        # On stderr with the reason, so that a report piped or written with -o never hides them.
        click.echo(format_human(prepared.diagnostics, prepared.sources), err=True)
        click.echo(f"subkit: {prepared.message}", err=True)
        sys.exit(EXIT_FINDINGS)
    for code, message in prepared.forced:
        click.echo(f"subkit: warning: {code} {message} (tracked anyway: --force)", err=True)

    m, why_lexical = run.choose_matcher(co, matcher)
    notes = prepared.notes
    if why_lexical:
        notes.insert(0, (findings.SEMANTIC_UNAVAILABLE, why_lexical))
    try:
        report = build_report(prepared.parts, co=co, matcher=m)
    except NoAsksError as exc:
        fail(str(exc), "add asks (with ids) to the draft; a report with no asks says nothing")
    report.notes = notes
    for code, message in notes:
        click.echo(f"subkit: note: {code} {message}", err=True)

    data = publish.report_bytes(report, fmt, signed=output is not None)
    if not output:
        click.echo(data.decode("utf-8"), nl=False)
        return
    publish.write_report(data, Path(output))
    counts = report.counts()
    click.echo(
        f"Wrote {output}: {len(report.items)} asks, {counts['taken up']} taken up, "
        f"{counts['partly taken up']} partly, {counts['unclear, check']} to check, "
        f"{counts['not reflected']} not reflected.",
        err=True,
    )
