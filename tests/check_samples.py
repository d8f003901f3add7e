"""Drafts for the rule and `subkit check` tests, made from the shipped examples."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLES, ORAL_EXAMPLE

from submission_kit.diagnostics import Diagnostic
from submission_kit.lint.engine import lint
from submission_kit.settings import Settings
from submission_kit.validate import validate_text

LOI_EXAMPLE = EXAMPLES / "kaz-ccpr-list-of-issues.yaml"

#: A small, valid list of issues; tests change one thing in it.
MINIMAL_LOI = """\
kind: list_of_issues
metadata:
  committee: CCPR
  state: KAZ
  session: {number: 101, start: 2011-03-14, end: 2011-04-01}
  stage: list_of_issues
  date: 2011-01-10
  title: List of issues
  organisations:
    - name: International Federation for Human Rights
      acronym: FIDH
issues:
  - title: On refoulement
    articles: [7]
    paragraphs:
      - Asylum seekers have been returned to countries where they face torture.
    questions:
      - Will the principle of non-refoulement be respected in every case?
  - title: On freedom of association
    articles: [22]
    paragraphs:
      - Only nationals may found a trade union.
    questions:
      - Will migrant workers be allowed to found trade unions?
"""


def oral_text() -> str:
    return ORAL_EXAMPLE.read_text(encoding="utf-8")


def lint_text(
    text: str, settings: Settings | None = None, file: str = "draft.yaml"
) -> list[Diagnostic]:
    """Validator findings and rule findings of a draft given as text."""
    result = validate_text(text, file)
    assert result.submission is not None, [d.message for d in result.diagnostics]
    return [*result.diagnostics, *lint(result, settings or Settings())]


def codes(diagnostics: list[Diagnostic], code: str) -> list[Diagnostic]:
    return [d for d in diagnostics if d.code == code]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
