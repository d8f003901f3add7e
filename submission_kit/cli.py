"""The `subkit` command. Subcommands live in `commands/` and are imported only when run,
so that `subkit validate` never pays for python-docx or Jinja2."""

from __future__ import annotations

import importlib
import os
import sys
import types
from collections.abc import Iterable
from typing import Any

import click

from submission_kit import __version__

#: Subcommand name -> "module:function". Adding a command is one line here and one module.
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": (
        "submission_kit.commands.validate:validate",
        "Check drafts against the schema and the treaties.",
    ),
    "render": (
        "submission_kit.commands.render:render",
        "Render drafts to DOCX in UN formatting (optionally PDF).",
    ),
    "preview": (
        "submission_kit.commands.preview:preview",
        "Show a draft in the browser, updated on every save.",
    ),
    "track": (
        "submission_kit.commands.track:track",
        "Match a draft's asks to the Committee's concluding observations.",
    ),
    "new": (
        "submission_kit.commands.new:new",
        "Start a draft from a template for a State, committee, session and language.",
    ),
    "templates": (
        "submission_kit.commands.templates:templates",
        "List draft templates; `templates show NAME` shows their variables.",
    ),
    "asks": (
        "submission_kit.commands.asks:asks",
        "List the standard asks a draft can include with `use:`.",
    ),
    "check": (
        "submission_kit.commands.check:check",
        "Validate, lint and render drafts, for writers and CI.",
    ),
    "rules": (
        "submission_kit.commands.rules:rules",
        "List the submission rules, or explain one.",
    ),
    "convert": (
        "submission_kit.commands.convert:convert",
        "Write a YAML draft as Markdown, or a Markdown draft as YAML.",
    ),
    "import": (
        "submission_kit.commands.import_:import_",
        "Bring a Word, OpenDocument or text submission in as a draft; --diff shows Word edits.",
    ),
    "schema": (
        "submission_kit.commands.schema:schema",
        "Print the JSON Schema of drafts (for editors).",
    ),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, _, attr = COMMANDS[name][0].partition(":")
        return getattr(importlib.import_module(module), attr)

    def invoke(self, ctx: click.Context) -> object:
        # Every user error of every subcommand is reported here, once, located and with its
        # hint (commands._common.user_error): never a traceback.
        from submission_kit.diagnostics import UserError

        try:
            return super().invoke(ctx)
        except UserError as exc:
            from submission_kit.commands._common import user_error

            user_error(exc)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="subkit")
def cli() -> None:
    """Author, check and render NGO submissions to the UN treaty bodies."""


#: The kit uses no pydantic plugins. Left unset, pydantic looks for them when it builds the
#: first model: a scan of every installed distribution's entry points. An explicit value
#: (say PYDANTIC_DISABLE_PLUGINS= to load any installed plugin) is kept.
PYDANTIC_PLUGINS_OFF = ("PYDANTIC_DISABLE_PLUGINS", "__all__")
#: The values with which pydantic loads no plugin at all (`pydantic/plugin/_loader.py`).
_ALL_PLUGINS_OFF = ("__all__", "1", "true")
#: pydantic's plugin loader. It imports `importlib.metadata` (and with it the email package and
#: `socket`) at its top, when the first model is built, even when plugins are off.
PLUGIN_LOADER = "pydantic.plugin._loader"


def plugin_loader_stand_in() -> types.ModuleType:
    """A stand-in for pydantic's plugin loader, for a run with every plugin off.

    `get_plugins()` returns no plugin while PYDANTIC_DISABLE_PLUGINS turns them all off, as
    pydantic's own function does; once the variable says otherwise it is pydantic's function.
    Any other name is looked up in pydantic's own module, which is then imported in place of
    the stand-in: a pydantic that needs more of its loader gets all of it.
    """
    stand_in = types.ModuleType(PLUGIN_LOADER, plugin_loader_stand_in.__doc__)

    def real() -> types.ModuleType:
        if sys.modules.get(PLUGIN_LOADER) is stand_in:
            del sys.modules[PLUGIN_LOADER]
        return importlib.import_module(PLUGIN_LOADER)

    def get_plugins() -> Iterable[Any]:
        if os.environ.get(PYDANTIC_PLUGINS_OFF[0]) in _ALL_PLUGINS_OFF:
            return ()
        plugins: Iterable[Any] = real().get_plugins()
        return plugins

    def __getattr__(name: str) -> Any:  # noqa: N807 (a module's own lookup, PEP 562)
        if name.startswith("__"):  # what the import system asks of any module (`__path__`)
            raise AttributeError(name)
        return getattr(real(), name)

    stand_in.get_plugins = get_plugins  # type: ignore[attr-defined]
    stand_in.__getattr__ = __getattr__  # type: ignore[method-assign]
    return stand_in


def skip_plugin_scan() -> bool:
    """Put `plugin_loader_stand_in()` in place of pydantic's loader when every plugin is off
    and the loader has not been imported yet; whether it did."""
    if os.environ.get(PYDANTIC_PLUGINS_OFF[0]) not in _ALL_PLUGINS_OFF:
        return False
    if PLUGIN_LOADER in sys.modules:
        return False
    sys.modules[PLUGIN_LOADER] = plugin_loader_stand_in()
    return True


def main() -> None:
    os.environ.setdefault(*PYDANTIC_PLUGINS_OFF)
    skip_plugin_scan()
    try:
        cli.main(prog_name="subkit", standalone_mode=True)
    except KeyboardInterrupt:  # pragma: no cover
        click.echo("subkit: interrupted", err=True)
        sys.exit(2)
