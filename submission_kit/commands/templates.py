"""`subkit templates` lists draft templates; `subkit templates show NAME` shows their variables."""

from __future__ import annotations

import click


def _folders(templates: tuple[str, ...]) -> list:
    from submission_kit.scaffold.new import coalition_folders

    return coalition_folders(list(templates))


templates_option = click.option(
    "--templates",
    "templates",
    multiple=True,
    metavar="DIR",
    help="A coalition's own templates folder, listed next to the bundled ones (repeatable).",
)


@click.group(invoke_without_command=True)
@templates_option
@click.pass_context
def templates(ctx: click.Context, templates: tuple[str, ...]) -> None:
    """List the draft templates `subkit new` can use."""
    ctx.obj = templates
    if ctx.invoked_subcommand is not None:
        return
    from submission_kit.scaffold.catalogue import find_templates

    found = find_templates(_folders(templates))  # a CatalogueError is reported by the group
    width = max(len(n) for n in found) if found else 0
    for name, t in found.items():
        origin = "" if t.bundled else f"  [{t.folder}]"
        if t.replaces_bundled:
            origin += " (replaces the bundled one)"
        click.echo(f"{name:<{width}}  {t.description} ({', '.join(t.languages())}){origin}")
    click.echo("\n`subkit templates show NAME` lists a template's variables.")


@templates.command()
@click.argument("name")
@templates_option
@click.pass_obj
def show(parent_templates: tuple[str, ...], name: str, templates: tuple[str, ...]) -> None:
    """Show a template's variables: name, type, default and description."""
    from submission_kit.scaffold.catalogue import BUILT_IN
    from submission_kit.scaffold.new import pick_template

    t = pick_template(name, _folders((*(parent_templates or ()), *templates)))
    click.echo(f"{t.name}: {t.description}")
    click.echo(f"  kind: {t.kind}; languages: {', '.join(t.languages())}")
    click.echo(f"  declared in {t.declaration}")
    click.echo("\nVariables (--var NAME=VALUE):")
    rows = [(v.name, v.type, v.shown_default(), v.description) for v in t.variables]
    if not rows:
        click.echo("  (none)")
    widths = [max((len(r[i]) for r in rows), default=0) for i in range(3)]
    for vname, vtype, default, description in rows:
        click.echo(
            f"  {vname:<{widths[0]}}  {vtype:<{widths[1]}}  {default:<{widths[2]}}  {description}"
        )
        choices = t.variable(vname).choices  # type: ignore[union-attr]
        if choices:
            click.echo(f"  {'':<{widths[0]}}  one of: {', '.join(choices)}")
    click.echo("\nFilled in by the kit (from the command line and the reference data):")
    for key, about in BUILT_IN.items():
        click.echo(f"  {key}: {about}")
