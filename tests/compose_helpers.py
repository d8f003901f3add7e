"""Small drafts composed into document trees, for the compose tests."""

from __future__ import annotations

import copy
from typing import Any

import yaml
from conftest import EXAMPLES

from submission_kit.compose import compose
from submission_kit.doctree import Document, Text
from submission_kit.validate import validate_text

LOI_EXAMPLE = EXAMPLES / "kaz-ccpr-list-of-issues.yaml"


def data_of(path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def composed(data: dict[str, Any]) -> Document:
    result = validate_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert result.ok, [d.message for d in result.diagnostics]
    return compose(result.submission)


def in_language(data: dict[str, Any], language: str) -> dict[str, Any]:
    out = copy.deepcopy(data)
    out["metadata"]["language"] = language
    return out


def text_of(block) -> str:
    return "".join(i.text for i in block.content if isinstance(i, Text))
