"""`subkit schema`: print the JSON Schema of drafts."""

from __future__ import annotations

import json

import click


@click.command()
def schema() -> None:
    """Print the JSON Schema of drafts, for editor autocompletion."""
    from submission_kit.model import json_schema

    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))
