"""`subkit new TEMPLATE ...`: scaffold a draft for a State, committee, session and language."""

from __future__ import annotations

from pathlib import Path

import click

from submission_kit.commands._common import fail


@click.command()
@click.argument("template")
@click.option("--state", required=True, help="State party, ISO 3166 alpha-3 code, e.g. KAZ.")
@click.option(
    "--committee",
    default=None,
    help="Treaty body, e.g. CCPR (leave it out for the UPR and Council templates).",
)
@click.option("--session", required=True, type=int, help="Session number, e.g. 144.")
@click.option(
    "--lang",
    type=click.Choice(["en", "fr", "es"]),
    default="en",
    show_default=True,
    help="Language of the draft.",
)
@click.option("--org", required=True, help="Name of the submitting organisation.")
@click.option(
    "--var",
    "variables",
    multiple=True,
    metavar="NAME=VALUE",
    help="A template variable (repeatable); `subkit templates show TEMPLATE` lists them.",
)
@click.option(
    "--templates",
    "templates",
    multiple=True,
    metavar="DIR",
    help="A coalition's own templates folder, used next to the bundled ones (repeatable).",
)
@click.option("-o", "--output", required=True, type=click.Path(), help="The draft to write.")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
def new(
    template: str,
    state: str,
    committee: str | None,
    session: int,
    lang: str,
    org: str,
    variables: tuple[str, ...],
    templates: tuple[str, ...],
    output: str,
    force: bool,
) -> None:
    """Write a new draft from TEMPLATE, with the State's and committee's names filled in.

    The draft validates at once except for its TODO(...) placeholders, which
    `subkit validate` reports one by one until you have replaced them.
    """
    from submission_kit.scaffold.new import ScaffoldError, scaffold, write_new

    path = Path(output)
    # A folder first: --force cannot replace a folder, so suggesting it would mislead.
    if path.is_dir():
        fail(
            f"{output} is a folder; nothing was written",
            f"give the file name of the new draft, e.g. {path / 'draft.yaml'}",
        )
    if path.exists() and not force:
        fail(f"{output} already exists; nothing was written", "choose another -o, or add --force")
    if not path.parent.is_dir():
        fail(f"no such folder: {path.parent}", "create it first")
    try:
        draft = scaffold(
            template,
            state=state,
            committee=committee,
            session=session,
            lang=lang,
            org=org,
            variables=list(variables),
            templates=list(templates),
            output=output,
        )
    except ScaffoldError as exc:
        for line in exc.details:
            click.echo(f"  {line}", err=True)
        fail(exc.message, exc.hint)
    try:
        write_new(path, draft.text, force=force)
    except FileExistsError:
        fail(f"{output} already exists; nothing was written", "choose another -o, or add --force")
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    count = len(draft.placeholders)
    click.echo(f"Wrote {output} from template '{draft.template.name}' ({lang}).")
    if count:
        click.echo(f"Fill the {count} placeholder(s) below, then run `subkit validate {output}`:")
        for d in draft.placeholders:
            click.echo(
                f"  {output}:{d.line}:{d.column}: {d.message.removeprefix('placeholder to fill: ')}"
            )
