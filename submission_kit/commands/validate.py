"""`subkit validate PATH...`: every problem in every draft, located, in one run."""

from __future__ import annotations

import click

from submission_kit.commands._common import (
    Findings,
    counts_line,
    emit,
    exit_for,
    fail,
    format_option,
)
from submission_kit.validate import collect_drafts


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@format_option
def validate(paths: tuple[str, ...], fmt: str) -> None:
    """Check drafts (files, or folders of *.yaml and *.md) against the schema and the treaties.

    Exit status: 0 no errors, 1 errors found, 2 the command could not run.
    """
    try:
        files = collect_drafts(list(paths))
    except FileNotFoundError as exc:
        fail(f"no such file or folder: {exc.args[0]}")
    except OSError as exc:  # a name too long for the file system, say
        fail(str(exc), getattr(exc, "hint", ""))
    if not files:
        fail(f"no drafts (*.yaml, *.md) found in {', '.join(paths)}")
    found = Findings()
    for f in files:
        found.validate(f)
    diagnostics, sources = found.diagnostics, found.sources
    emit(
        diagnostics,
        fmt,
        sources,
        summary=counts_line(diagnostics, len(files)),
        files=[str(f) for f in files],
        command="subkit validate",
    )
    exit_for(diagnostics)
