"""A coalition's own template folders, named in the project's configuration.

`templates = "our-templates"` under `[tool.subkit]` in pyproject.toml, or in
subkit.toml (top level or `[tool.subkit]`), in the folder of the draft or any
folder above it. The path is relative to the configuration file. Light: stdlib
only, because validation reads it to find a coalition's ask library.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

CONFIG_FILES = ("subkit.toml", "pyproject.toml")


class ConfigError(ValueError):
    """The configuration file exists but cannot be used."""


def _settings(path: Path) -> dict[str, Any] | None:
    """The subkit settings in one file, or None when the file has none."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    section = data.get("tool", {}).get("subkit")
    if isinstance(section, dict):
        return section
    if path.name == "subkit.toml":
        return data
    return None


@cache
def _find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                settings = _settings(candidate)
                if settings is not None:
                    return candidate, settings
    return None


def project_settings(start: Path | None = None) -> tuple[Path | None, dict[str, Any]]:
    """The nearest configuration file with subkit settings at or above `start`, and its settings."""
    found = _find_config((start or Path.cwd()).resolve())
    return found if found else (None, {})


def project_template_dirs(start: Path | None = None) -> list[Path]:
    """The coalition template folders the project's configuration names (a string or a list).

    Folders that do not exist are left out here; `subkit templates` reports them.
    """
    path, settings = project_settings(start)
    return [p for p in configured_template_dirs(path, settings) if p.is_dir()]


def configured_template_dirs(path: Path | None, settings: dict[str, Any]) -> list[Path]:
    value = settings.get("templates")
    if path is None or value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: 'templates' must be a folder path or a list of folder paths")
    return [(path.parent / v).resolve() for v in value]
