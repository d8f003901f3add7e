"""The templated examples: the oral-statement template for three States in three languages, and a
French list of issues, each what `subkit new` makes plus the writer's text, each valid, and each
composed into the document tree recorded in tests/snapshots/ (SUBKIT_UPDATE_SNAPSHOTS=1 rewrites
the snapshots after an intended change)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

from submission_kit.compose import compose
from submission_kit.diagnostics import Severity
from submission_kit.doctree import Document, FootnoteRef, Heading, Inline, ListItem, Para, Text
from submission_kit.reference.folders import languages as discovered
from submission_kit.validate import validate_file

TEMPLATED = EXAMPLES / "templated"
SNAPSHOTS = ROOT / "tests" / "snapshots"
DRAFTS = sorted(TEMPLATED.glob("*.yaml"))
ORAL = [p for p in DRAFTS if "oral-statement" in p.name]
UPDATE = os.environ.get("SUBKIT_UPDATE_SNAPSHOTS") == "1"


def _inlines(content: list[Inline]) -> str:
    out = []
    for i in content:
        if isinstance(i, FootnoteRef):
            out.append(f"[^{i.key}]")
        elif isinstance(i, Text):
            text = i.text
            if i.italic:
                text = f"_{text}_"
            if i.bold:
                text = f"**{text}**"
            out.append(text)
    return "".join(out)


def dump(doc: Document) -> str:
    """The document tree as text: properties, markers, every block with its shape, footnotes."""
    p = doc.properties
    lines = [
        f"title: {p.title}",
        f"author: {p.author}",
        f"language: {p.language}",
        f"subject: {p.subject}",
        f"keywords: {p.keywords}",
        f"description: {p.description}",
        "markers: " + ", ".join(f"{k}={v}" for k, v in sorted(doc.markers.items())),
        "",
    ]
    for b in doc.blocks:
        if isinstance(b, Heading):
            lines.append(f"Heading {b.level} | {_inlines(b.content)}")
        elif isinstance(b, Para):
            flags = [b.role] + (["bold"] if b.bold else []) + ([b.align] if b.align else [])
            lines.append(f"Para {' '.join(flags)} | {_inlines(b.content)}")
        elif isinstance(b, ListItem):
            flags = [b.list_id, b.scheme, f"level={b.level}"] + (["bold"] if b.bold else [])
            lines.append(f"ListItem {' '.join(flags)} | {_inlines(b.content)}")
        else:
            lines.append(type(b).__name__)
    if doc.footnotes:
        lines.append("")
        for key, body in doc.footnotes.items():
            lines.append(f"Footnote {key} | {_inlines(body)}")
    return "\n".join(lines) + "\n"


def composed(path: Path) -> Document:
    result = validate_file(path)
    assert result.submission is not None
    return compose(result.submission)


def test_there_are_nine_oral_statements_for_three_states_in_three_languages():
    states = {p.name[:3] for p in ORAL}
    languages = {p.stem.rsplit("-", 1)[1] for p in ORAL}
    assert len(ORAL) == 9 and states == {"kaz", "uzb", "kgz"} and languages == set(discovered())


def test_templated_examples_are_exactly_what_the_templates_make_plus_the_writers_text():
    done = subprocess.run(
        [sys.executable, str(TEMPLATED / "make.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda p: p.name)
def test_templated_example_validates_without_errors_or_placeholders(draft: Path):
    result = validate_file(draft)
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    assert result.submission is not None and not errors, [d.message for d in errors]
    assert "TODO(" not in draft.read_text(encoding="utf-8").split("kind:", 1)[1]


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda p: p.name)
def test_composed_document_tree_matches_its_snapshot(draft: Path):
    snapshot = SNAPSHOTS / f"{draft.stem}.txt"
    text = dump(composed(draft))
    if UPDATE or not snapshot.exists():
        if not UPDATE and os.environ.get("CI") == "true":
            pytest.fail(f"{snapshot.name} is missing; run SUBKIT_UPDATE_SNAPSHOTS=1 pytest")
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        snapshot.write_text(text, encoding="utf-8")
    assert snapshot.read_text(encoding="utf-8") == text, (
        f"the document tree of {draft.name} changed; if intended, rerun with "
        "SUBKIT_UPDATE_SNAPSHOTS=1 and review the diff of tests/snapshots/"
    )


EXPECTED = {
    "en": ("23 June 2025", "Human Rights Committee", "State party: ", "Delivered by "),
    "fr": ("23 juin 2025", "Comité des droits de l", "État partie\u00a0: ", "Prononcée par "),
    "es": (
        "23 de junio de 2025",
        "Comité de Derechos Humanos",
        "Estado parte: ",
        "Pronunciada por ",
    ),
}
STATE_NAMES = {
    "kaz": {"en": "Kazakhstan", "fr": "Kazakhstan", "es": "Kazajstán"},
    "uzb": {"en": "Uzbekistan", "fr": "Ouzbékistan", "es": "Uzbekistán"},
    "kgz": {"en": "Kyrgyzstan", "fr": "Kirghizistan", "es": "Kirguistán"},
}


@pytest.mark.parametrize("draft", ORAL, ids=lambda p: p.name)
def test_oral_statement_uses_its_languages_dates_names_and_fixed_wording(draft: Path):
    lang = draft.stem.rsplit("-", 1)[1]
    text = composed(draft).text()
    date, committee, state_line, delivered = EXPECTED[lang]
    assert date in text and committee in text and delivered in text
    # No masthead line: the language is in the document properties only.
    assert "Original" not in text
    assert state_line + STATE_NAMES[draft.name[:3]][lang] in text
    # The standard non-refoulement ask names the State in the draft's language.
    ask = next(line for line in text.split("\n") if "refoulement" in line or "devolución" in line)
    assert STATE_NAMES[draft.name[:3]][lang] in ask


def test_french_list_of_issues_groups_by_article_in_french_un_form():
    doc = composed(TEMPLATED / "uzb-ccpr-list-of-issues-fr.yaml")
    headings = [_inlines(b.content) for b in doc.blocks if isinstance(b, Heading)]
    assert any(h.endswith("(art.\u00a07 et 13)") for h in headings), headings
    assert "Recommandations proposées à l’État partie" in headings
    text = doc.text()
    assert "Liste de points proposée concernant l’Ouzbékistan" in text
    assert "Veiller à ce que l’Ouzbékistan respecte pleinement" in text
    # French places the footnote reference before the full stop.
    paragraph = next(
        b
        for b in doc.blocks
        if isinstance(b, ListItem) and any(isinstance(i, FootnoteRef) for i in b.content)
    )
    assert isinstance(paragraph.content[-1], Text) and paragraph.content[-1].text.endswith(".")
