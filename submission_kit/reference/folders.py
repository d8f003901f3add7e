"""Where the kit's data folders live: bundled inside the wheel, or at the top of a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

import submission_kit


@cache
def templates_dir() -> Path:
    """The `templates/` folder: `_bundled/templates` in an installed wheel, else `<repo>/templates`.

    The wheel copies the top-level folder into the package (see pyproject's
    force-include), so both layouts hold the same files.
    """
    package = Path(submission_kit.__file__).resolve().parent
    for candidate in (package / "_bundled" / "templates", package.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"the templates folder is missing (looked in {package / '_bundled'} and {package.parent}); "
        "reinstall submission-kit"
    )


@cache
def phrase_catalogue(language: str) -> dict[str, Any]:
    """The phrase catalogue of `language` as plain data, read once per process (compose fills
    its templates; the speaking-time rules read the connective spoken before the conclusion).
    Raises FileNotFoundError when the language has no catalogue, ValueError when it is no mapping.
    """
    path = phrases_file(language)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a safe loader
    if not isinstance(data, dict):
        raise ValueError(f"{path} must be a mapping of phrase names to templates")
    return data


def languages() -> list[str]:
    """The languages the kit writes documents in: those with a phrase catalogue."""
    return sorted(p.stem for p in (templates_dir() / "phrases").glob("*.yaml"))


def phrases_file(language: str) -> Path:
    """The phrase catalogue of one document language, e.g. templates/phrases/en.yaml."""
    return templates_dir() / "phrases" / f"{language}.yaml"
