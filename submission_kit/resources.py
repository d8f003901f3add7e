"""Where the kit's data folders live: bundled inside the wheel, or at the top of a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

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


def phrases_file(language: str) -> Path:
    """The phrase catalogue of one document language, e.g. templates/phrases/en.yaml."""
    return templates_dir() / "phrases" / f"{language}.yaml"
