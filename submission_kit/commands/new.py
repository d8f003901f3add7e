"""`subkit new TEMPLATE ...`: scaffold a draft for a State, committee, session and language."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from submission_kit.commands._common import fail
from submission_kit.reference.folders import languages

if TYPE_CHECKING:
    from submission_kit.scaffold.new import NewDraft


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
    type=click.Choice(languages()),
    default="en",
    show_default=True,
    help="Language of the draft.",
)
@click.option(
    "--org",
    "orgs",
    required=True,
    multiple=True,
    metavar="NAME[=ROLE]",
    help="A submitting organisation (repeatable, in the order they are listed). The first is "
    "the author, the others co-submitters; NAME=ROLE gives the role: author, co-submitter "
    "or endorser.",
)
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
@click.option(
    "--format",
    "draft_format",
    type=click.Choice(["yaml", "md"]),
    default=None,
    help="Write the draft as YAML or Markdown (default: from OUTPUT's suffix, else YAML).",
)
def new(
    template: str,
    state: str,
    committee: str | None,
    session: int,
    lang: str,
    orgs: tuple[str, ...],
    variables: tuple[str, ...],
    templates: tuple[str, ...],
    output: str,
    force: bool,
    draft_format: str | None,
) -> None:
    """Write a new draft from TEMPLATE, with the State's and committee's names filled in.

    The draft validates at once except for its TODO(...) placeholders, which
    `subkit validate` reports one by one until you have replaced them.
    """
    from submission_kit import files
    from submission_kit.scaffold.new import scaffold, write_new

    path = Path(output)
    try:
        if path.parent.is_dir() and not path.is_dir():
            files.check_target(path)  # never a device node or a FIFO, --force or not
    except OSError as exc:
        problem = files.explain(exc, path, writing=True)
        fail(problem.message, problem.hint)
    if draft_format is None:
        draft_format = "md" if path.suffix.lower() in (".md", ".markdown") else "yaml"
    markdown = draft_format == "md"
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
    # A ScaffoldError (a UserError) is reported by the command group, with its details.
    draft = scaffold(
        template,
        state=state,
        committee=committee,
        session=session,
        lang=lang,
        org=list(orgs),
        variables=list(variables),
        templates=list(templates),
        # Templates write YAML; a Markdown draft is converted from it below.
        output=str(path.with_suffix(".yaml")) if markdown else output,
    )
    if markdown:
        draft = _as_markdown(draft, output)
    try:
        write_new(path, draft.text, force=force)
    except FileExistsError:
        fail(f"{output} already exists; nothing was written", "choose another -o, or add --force")
    except OSError as exc:
        problem = files.explain(exc, path, writing=True)
        fail(f"cannot write {problem.message}", problem.hint)
    count = len(draft.placeholders)
    click.echo(f"Wrote {output} from template '{draft.template.name}' ({lang}).")
    if count:
        click.echo(f"Fill the {count} placeholder(s) below, then run `subkit validate {output}`:")
        for d in draft.placeholders:
            click.echo(
                f"  {output}:{d.line}:{d.column}: {d.message.removeprefix('placeholder to fill: ')}"
            )


def _as_markdown(draft: NewDraft, output: str) -> NewDraft:
    """The scaffolded draft as Markdown, its placeholders located in the Markdown text."""
    from submission_kit.commands.convert import convert_text
    from submission_kit.importing.convert import ConvertError
    from submission_kit.scaffold.new import NewDraft
    from submission_kit.validate import validate_text

    try:
        text, _ = convert_text(draft.text, "draft.yaml", "md")
    except ConvertError as exc:
        fail(f"the template's draft cannot be written as Markdown: {exc.message}")
    name = output if output.lower().endswith((".md", ".markdown")) else output + ".md"
    found = validate_text(text, name)
    placeholders = [d for d in found.diagnostics if d.code == "SK207"]
    return NewDraft(text, draft.template, placeholders)
