"""Drafts of every kind from the bundled templates, filled as a writer would fill them: shared
by the Markdown and import tests."""

from __future__ import annotations

import re

from submission_kit.model import kind_model
from submission_kit.scaffold.catalogue import find_templates
from submission_kit.scaffold.new import scaffold

#: A sentence per language, filling a new draft's TODO(...) placeholders as a writer would.
FILLER = {
    "en": "The coalition documented this in interviews with detained migrants in 2024",
    "fr": "La coalition l’a établi lors d’entretiens avec des migrants détenus en 2024",
    "es": "La coalición lo documentó en entrevistas con migrantes detenidos en 2024",
}
TEMPLATES = [(name, lang) for name, t in sorted(find_templates().items()) for lang in t.languages()]


def required_values(template) -> list[str]:
    """A value for each variable the template requires and gives no default for."""
    sample = {"integer": "3", "integers": "22,34", "list": "7,9", "date": "2025-06-23"}
    return [
        f"{v.name}={v.choices[0] if v.choices else sample.get(v.type, 'X')}"
        for v in template.variables
        if v.required and v.default is None
    ]


def filled_template(name: str, lang: str) -> str:
    """What `subkit new` writes from a bundled template, its placeholders filled."""
    template = find_templates()[name]
    meta = kind_model(template.kind).model_fields["metadata"].annotation
    draft = scaffold(
        name,
        state="KAZ",
        committee="CCPR" if "committee" in meta.model_fields else None,
        session=144,
        lang=lang,
        org="Global Detention Project",
        variables=[*required_values(template), "date=2025-06-23"],
    )
    return re.sub(r"TODO\([^)]*\)", FILLER.get(lang, FILLER["en"]), draft.text)
