"""`subkit asks`: the standard asks a draft can include with `use:`, with their variables."""

from __future__ import annotations

import click

from submission_kit.reference.folders import languages


@click.command()
@click.option(
    "--lang",
    type=click.Choice(languages()),
    default="en",
    show_default=True,
    help="Language of the library.",
)
@click.option(
    "--templates",
    "templates",
    multiple=True,
    metavar="DIR",
    help="A coalition's templates folder whose asks/ adds to the library (repeatable).",
)
@click.option("--full", is_flag=True, help="Print each ask's text too.")
def asks(lang: str, templates: tuple[str, ...], full: bool) -> None:
    """List the standard asks (use them in a draft as `- use: ID` with `with:` values)."""
    from submission_kit.diagnostics import format_human
    from submission_kit.scaffold.new import coalition_folders
    from submission_kit.validate.ask_library import AUTOMATIC, library

    folders = coalition_folders(list(templates))  # a UserError is reported by the group
    lib = library(lang, tuple(folders))
    if lib.problems:
        click.echo(format_human(lib.problems), err=True)
    for ask in lib.asks.values():
        click.echo(f"{ask.id}: {ask.description}")
        for v in ask.variables.values():
            default = f" (default: {v.default})" if v.default is not None else " (required)"
            click.echo(f"    with {v.name}: {v.description}{default}")
        if full:
            click.echo(f"    text: {ask.text}")
    click.echo("\nFilled from the draft's metadata: " + ", ".join("{" + k + "}" for k in AUTOMATIC))
