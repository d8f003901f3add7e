"""`subkit check PATH...`: validate, lint and render every draft, for writers and for CI."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence

import click

from submission_kit.commands._common import counts_line, emit, exit_for, fail, format_option

#: Beyond this many drafts the summary table lists only the drafts that need attention.
FULL_TABLE_UP_TO = 50


def _rendered_cell(rendered: bool | None, errors: int, render: bool) -> str:
    if rendered is True:
        return "yes"
    if rendered is False:
        return "FAILED"
    if not render:
        return "off"
    return "no (errors)" if errors else "no"


def _clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def _words_cell(report: object) -> str:
    """ "611 / 10,700" (a star when the limit is not confirmed); for an oral statement its
    words and speaking time against its time limit, "230 w, 1:55 / 2:00"."""
    words, limit = getattr(report, "words", None), getattr(report, "limit", None)
    if words is None:
        return ""
    seconds, time_limit = getattr(report, "seconds", None), getattr(report, "time_limit", None)
    if seconds is not None and time_limit:
        return f"{words:,} w, {_clock(seconds)} / {_clock(time_limit)}"
    star = "*" if getattr(report, "limit_note", "") else ""
    return f"{words:,} / {limit:,}{star}" if limit else f"{words:,}"


def summary_table(reports: Sequence, render: bool) -> str:
    """Per draft: errors, warnings, rendered, and the words of a written submission against its
    limit. Long runs list only drafts with something to see."""
    rows = [
        (r.file, r.errors, r.warnings, _rendered_cell(r.rendered, r.errors, render), r.fixed)
        for r in reports
    ]
    words = {r.file: _words_cell(r) for r in reports}
    shown = rows
    if len(rows) > FULL_TABLE_UP_TO:
        # A long run lists the drafts that block (errors, failed renders) or were changed.
        shown = [row for row in rows if row[1] or row[3] not in ("yes", "off") or row[4]]
    width = max([len("draft"), *(len(row[0]) for row in shown)]) if shown else len("draft")
    with_fixes = any(row[4] for row in rows)
    head = f"{'draft':<{width}}  errors  warnings  rendered" + ("  fixed" if with_fixes else "")
    head += "     words / limit"
    lines = [head, "-" * len(head)]
    for file, errors, warnings, rendered, fixed in shown:
        line = f"{file:<{width}}  {errors:>6}  {warnings:>8}  {rendered:<11}"
        if with_fixes:
            line = f"{line}  {fixed:>5}"
        lines.append(f"{line}  {words[file]:>16}".rstrip())
    notes = sorted(
        {
            r.limit_note
            for r in reports
            if getattr(r, "limit_note", "") and r.file in {row[0] for row in shown}
        }
    )
    lines += [f"* {note}" for note in notes]
    hidden = [row for row in rows if row not in shown]
    if hidden:
        warned = sum(row[2] for row in hidden)
        done = "all rendered" if render else "rendering off"
        lines.append(
            f"... and {len(hidden)} more drafts with no errors ({warned} warning(s) in all), {done}"
        )
    return "\n".join(lines)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@format_option
@click.option("--fix", is_flag=True, help="Apply the safe fixes to the drafts, then check again.")
@click.option(
    "--no-render", is_flag=True, help="Validate and lint only; skip the in-memory render."
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    help="Settings file (default: the nearest subkit.toml or pyproject.toml with [tool.subkit]).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: one per core).",
)
def check(
    paths: tuple[str, ...],
    fmt: str,
    fix: bool,
    no_render: bool,
    config_file: str | None,
    jobs: int | None,
) -> None:
    """Validate, lint and render every draft (files, or folders of *.yaml and *.md).

    Rendering happens in memory, to prove each draft renders; nothing is written
    (use `subkit render` for the DOCX).

    Exit status: 0 nothing at error level, 1 findings at error level, 2 the command could not run.
    """
    from submission_kit.pipeline.check import run
    from submission_kit.settings import for_drafts
    from submission_kit.validate import collect_drafts

    try:
        files = [str(f) for f in collect_drafts(list(paths))]
    except FileNotFoundError as exc:
        fail(f"no such file or folder: {exc.args[0]}")
    except OSError as exc:  # a name too long for the file system, say
        fail(str(exc), getattr(exc, "hint", ""))
    if not files:
        fail(f"no drafts (*.yaml, *.md) found in {', '.join(paths)}")
    # Each draft's settings: --config's file, else the nearest from the draft's folder up
    # (a ConfigError is a UserError: the command group reports it, exit 2).
    settings = for_drafts(files, config_file)
    render = not no_render
    if (
        render and importlib.util.find_spec("submission_kit.pipeline.render") is None
    ):  # pragma: no cover
        click.echo(
            "subkit: the renderer is not installed; drafts are validated and linted only", err=True
        )
        render = False
    reports = run(files, settings, fix=fix, render=render, jobs=jobs, progress=sys.stderr.isatty())
    diagnostics = [d for r in reports for d in r.diagnostics]
    sources = {r.file: r.lines for r in reports if r.lines}
    for r in reports:
        if r.note:
            click.echo(f"subkit: {r.file}: {r.note}", err=True)
    human = fmt == "human"
    table = summary_table(reports, render)
    if human:
        emit(diagnostics, fmt, sources, files=files)
        if diagnostics:
            click.echo("")
        click.echo(table)
        fixed = sum(r.fixed for r in reports)
        tail = counts_line(diagnostics, len(files))
        click.echo(f"{tail} Fixed {fixed} finding(s)." if fix else tail)
    else:
        emit(diagnostics, fmt, sources, files=files)
        click.echo(table, err=True)  # stdout stays machine-readable
    exit_for(diagnostics)
