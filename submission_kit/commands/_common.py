"""What every subcommand shares: printing findings in the chosen format and the exit codes."""

from __future__ import annotations

import dataclasses
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

import click

from submission_kit.diagnostics import (
    Diagnostic,
    UserError,
    format_github,
    format_human,
    format_json,
    has_errors,
)

if TYPE_CHECKING:
    from submission_kit.validate import Validated

EXIT_OK, EXIT_FINDINGS, EXIT_CANNOT_RUN = 0, 1, 2

format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["human", "json", "github", "sarif", "junit"]),
    default="human",
    show_default=True,
    help="How to print findings.",
)


def fail(message: str, hint: str = "") -> NoReturn:
    """The command cannot run: one line on stderr and exit 2."""
    click.echo(f"subkit: {message}" + (f" ({hint})" if hint else ""), err=True)
    sys.exit(EXIT_CANNOT_RUN)


def user_error(exc: UserError) -> NoReturn:
    """The one place a command reports a user error: the lines it explains itself with (a
    template's faults), then `subkit: file:line:col: message (hint)` on stderr, exit 2."""
    for line in getattr(exc, "details", ()):
        click.echo(f"  {line}", err=True)
    fail(exc.located, exc.hint)


def emit(
    diagnostics: Sequence[Diagnostic],
    fmt: str,
    sources: dict[str, list[str]] | None = None,
    summary: str = "",
    files: Sequence[str] = (),
    command: str = "subkit check",
) -> None:
    """Print findings in `fmt`. `files` lists every draft checked (JUnit lists clean ones too);
    `command` names the run in JUnit, and only `subkit check` lists its rules in SARIF."""
    if fmt == "sarif":
        from submission_kit.diagnostics.formats import format_sarif

        click.echo(format_sarif(diagnostics, with_rules=command == "subkit check"))
    elif fmt == "junit":
        from submission_kit.diagnostics.formats import format_junit

        click.echo(format_junit(diagnostics, files, suite_name=command))
    elif fmt == "json":
        click.echo(format_json(diagnostics))
    elif fmt == "github":
        if diagnostics:
            click.echo(format_github(diagnostics))
    else:
        if diagnostics:
            color = sys.stdout.isatty()
            click.echo(format_human(diagnostics, sources, color=color))
        if summary:
            click.echo(summary)


def may_hold_suppressions(text: str) -> bool:
    """Whether a draft's text can hold a suppression comment. Every form of one, in YAML or
    Markdown, is a directive that opens with `subkit` matched as `rules.suppression` matches
    it (case-insensitively, with `re`), so a text without the word holds none."""
    return re.search("subkit", text, re.IGNORECASE) is not None


class Findings:
    """Findings gathered over several drafts, with the source lines of the drafts that have
    any (for the excerpts of the human format)."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.sources: dict[str, list[str]] = {}

    def validate(self, path: object) -> Validated:
        """Validate one draft and keep its findings (after its suppression comments); a file
        that cannot be read stops the run."""
        from submission_kit.validate import validate_file

        try:
            result = validate_file(path)  # type: ignore[arg-type]
        except OSError as exc:
            fail(f"cannot read {path}: {exc.strerror or exc}", getattr(exc, "hint", ""))
        if may_hold_suppressions(result.draft.text):
            # Only a draft that can hold a suppression comment pays for the rules package
            # (the registry of every code, the settings); validation's findings come sorted.
            from submission_kit.lint.engine import settle

            result = dataclasses.replace(result, diagnostics=settle(result))
        found = result.diagnostics
        self.diagnostics += found
        if found:
            self.sources[result.draft.file] = result.draft.lines
        return result


def counts_line(diagnostics: Sequence[Diagnostic], files: int) -> str:
    errors = sum(d.severity.value == "error" for d in diagnostics)
    warnings = sum(d.severity.value == "warning" for d in diagnostics)
    noun = "draft" if files == 1 else "drafts"
    if not errors and not warnings:
        return f"All good: {files} {noun} checked, no problems."
    return f"Found {errors} error(s) and {warnings} warning(s) in {files} {noun}."


def exit_for(diagnostics: Sequence[Diagnostic]) -> None:
    sys.exit(EXIT_FINDINGS if has_errors(diagnostics) else EXIT_OK)
