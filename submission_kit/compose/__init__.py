"""Compose: a validated submission → a document tree in the draft's language, UN conventions applied.

One module per kind of submission under `compose/kinds/` (a new kind is a new
module with `KIND` and `compose_body`); the shared parts are in `common.py`, the
conventions in `conventions.py`, the wording in `templates/phrases/`.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from collections.abc import Callable
from functools import cache

from submission_kit.compose import kinds as _kinds_pkg
from submission_kit.compose.common import ComposeError, Composer, new_composer
from submission_kit.compose.phrases import PhraseError
from submission_kit.doctree import Document
from submission_kit.model.common import Submission

__all__ = ["ComposeError", "PhraseError", "compose", "composer_of", "composers"]

#: compose_body(composer) adds the kind's blocks and returns the properties' description.
ComposeBody = Callable[[Composer], str]


@cache
def composer_of(kind: str) -> ComposeBody | None:
    """The composer of one kind, importing only its module (`kinds/<kind>.py`), so a render
    does not pay for every kind's model and composer."""
    names = {info.name for info in pkgutil.iter_modules(_kinds_pkg.__path__)}
    if kind not in names:
        return None
    module = importlib.import_module(f"{_kinds_pkg.__name__}.{kind}")
    if getattr(module, "KIND", None) != kind:
        return None
    return module.compose_body


@cache
def composers() -> dict[str, ComposeBody]:
    """The composer of every kind of submission, by the value of its `kind:` field."""
    found: dict[str, ComposeBody] = {}
    for info in pkgutil.iter_modules(_kinds_pkg.__path__):
        module = importlib.import_module(f"{_kinds_pkg.__name__}.{info.name}")
        found[module.KIND] = module.compose_body
    return found


def compose(
    submission: Submission,
    *,
    created: dt.datetime | None = None,
    words_per_minute: int | None = None,
) -> Document:
    """The document tree of `submission` in its `metadata.language`.

    `created` overrides the creation time in the properties (default: SOURCE_DATE_EPOCH,
    else midnight UTC of the draft's date; never the current time, so output is reproducible).
    `words_per_minute` is the pace of an oral statement's speaker note (the words-per-minute
    setting; default 120, as SK303 assumes).
    """
    body = composer_of(submission.kind)
    if body is None:
        raise ComposeError(f"no composer for submissions of kind '{submission.kind}'")
    composer = new_composer(submission, words_per_minute=words_per_minute)
    description = body(composer)
    return composer.document(created, description=description)
