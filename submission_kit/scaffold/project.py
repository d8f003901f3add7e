"""A coalition's own template folders and house settings, as the scaffolder needs them.

`submission_kit.settings` finds, parses and checks the settings file (`templates = ...`
under `[tool.subkit]` in pyproject.toml, or in subkit.toml), so `subkit new`,
`templates`, `asks`, `validate` and `check` all read the same file the same way.
This module only caches that answer per folder, because validation asks for it once
per draft that uses the ask library. Light: no Jinja2 or python-docx.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from submission_kit.settings import ConfigError, Settings, load, locate

__all__ = ["ConfigError", "configured_template_dirs", "project_settings", "project_template_dirs"]


@cache
def _project(start: Path) -> tuple[Path | None, Settings, dict[str, Any]]:
    path = locate(start)
    if path is None:
        return None, Settings(), {}
    settings, table = load(path)
    return path, settings, table


def project_settings(start: Path | None = None) -> tuple[Path | None, dict[str, Any]]:
    """The settings file at or above `start` (None: no file) and its checked settings table.

    Raises ConfigError, with the place of the mistake, when the settings cannot be used.
    """
    path, _, table = _project((start or Path.cwd()).resolve())
    return path, table


def configured_template_dirs(start: Path | None = None) -> list[Path]:
    """The coalition template folders the settings name, in order; each one exists.

    A folder that does not exist is a ConfigError, not a folder quietly left out.
    """
    _, settings, _ = _project((start or Path.cwd()).resolve())
    return list(settings.templates)


# The name the scaffolder and the ask library already import.
project_template_dirs = configured_template_dirs
