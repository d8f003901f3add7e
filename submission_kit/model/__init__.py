"""Pydantic models of drafts. Each kind of submission lives in its own module under `kinds/`,
named after the value of its `kind:` field, so one draft imports only its own kind."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from typing import Annotated, Any, Union, get_args

from pydantic import Field

from submission_kit.model import kinds as _kinds_pkg
from submission_kit.model.common import Submission


def _models_in(module_name: str) -> dict[str, type[Submission]]:
    module = importlib.import_module(f"{_kinds_pkg.__name__}.{module_name}")
    found = {}
    for obj in vars(module).values():
        if (
            isinstance(obj, type)
            and issubclass(obj, Submission)
            and obj is not Submission
            and obj.__module__ == module.__name__
        ):
            found[get_args(obj.model_fields["kind"].annotation)[0]] = obj
    return found


def kind_names() -> list[str]:
    """Names of every kind, from the module names alone (nothing is imported)."""
    return sorted(info.name for info in pkgutil.iter_modules(_kinds_pkg.__path__))


@cache
def kind_model(name: str) -> type[Submission] | None:
    """The model of one kind, importing only its module (a kind lives in `kinds/<kind>.py`)."""
    if name not in kind_names():
        return None
    return _models_in(name).get(name)


@cache
def kinds() -> dict[str, type[Submission]]:
    """Every kind of submission, by the value of its `kind:` field."""
    found: dict[str, type[Submission]] = {}
    for name in kind_names():
        found.update(_models_in(name))
    return dict(sorted(found.items()))


def json_schema() -> dict:
    """The JSON Schema of a draft, for editors. Generated, never written by hand."""
    from pydantic import TypeAdapter  # only here: validating a draft never needs it

    union: Any = Union[tuple(kinds().values())]  # noqa: UP007
    adapter: TypeAdapter[Any] = TypeAdapter(Annotated[union, Field(discriminator="kind")])
    schema = adapter.json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://submission-kit.org/schemas/submission.schema.json"
    schema["title"] = "submission-kit draft"
    return schema
