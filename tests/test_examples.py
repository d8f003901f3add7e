"""The shipped examples validate cleanly and carry their seed documents word for word.

The seeds are PDF extractions: lines are broken mid-sentence, footnotes interrupt the
text at page breaks, and numbers and markers are typed by hand. The helpers below undo
exactly those artefacts, so what is compared is the seed's own wording.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import EXAMPLES, ORAL_EXAMPLE, SEEDS

from submission_kit.model.common import Submission
from submission_kit.model.inline import plain_text
from submission_kit.validate import validate_file

LIST_OF_ISSUES_EXAMPLE = EXAMPLES / "kaz-ccpr-list-of-issues.yaml"
ORAL_SEED = "000_dc6f62c1ab866850.txt"
LIST_OF_ISSUES_SEED = "003_4ec4ad4861dcfd1d.txt"

#: Separates the draft's fields when they are joined, so that a seed sentence can only
#: match inside one field, never across two.
FIELD_BREAK = " ¶ "

# A sentence ends at . ? ! or : (optionally inside a closing quote or bracket) followed
# by a capital letter; "e.g., family", "No. 3-I" and "etc.)" do not end sentences.
SENTENCE_END_RE = re.compile(r"(?:(?<=[.?!:])|(?<=[.?!:][”\")]))\s+(?=[A-Z“\"(])")
TYPED_ASK_NUMBER_RE = re.compile(r"^(\d{1,2})\.\s+")


def collapse(text: str) -> str:
    """Whitespace runs (including no-break spaces from the PDF) become one space."""
    return " ".join(text.split())


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END_RE.split(collapse(text)) if s]


def seed_text(name: str) -> str:
    path = SEEDS / name
    if not path.exists():
        message = f"seed {name} is not at {SEEDS}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}; CI must check the examples against their seeds")
        pytest.skip(message)
    return path.read_text(encoding="utf-8")


@dataclass
class Unit:
    """One structural piece of a seed: a heading, a title, prose, a bullet, a question."""

    kind: str
    text: str

    def checked_pieces(self) -> list[str]:
        # Prose is compared sentence by sentence, because the seed does not mark where
        # one paragraph ends and the next begins; everything else is compared whole.
        return sentences(self.text) if self.kind == "prose" else [collapse(self.text)]


def oral_statement_seed_units() -> list[Unit]:
    """Seed 000 from 'Thank you' on, with the asks' typed numbers taken off.

    'In conclusion' is left out: it is a section heading the oral statement kind has no
    field for, so the draft cannot carry it.
    """
    lines = seed_text(ORAL_SEED).splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Thank you"))
    units = []
    for line in lines[start:]:
        if not line.strip() or line.strip() == "In conclusion":
            continue
        m = TYPED_ASK_NUMBER_RE.match(line)
        if m:
            units.append(Unit("ask", line[m.end() :]))
        else:
            units.append(Unit("prose", line))
    return units


def oral_statement_seed_header() -> str:
    """The title of seed 000, broken over two lines by the extraction."""
    lines = [line.strip() for line in seed_text(ORAL_SEED).splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("Oral Submission"))
    end = next(i for i, line in enumerate(lines) if line.startswith("Thank you"))
    return collapse(" ".join(lines[start:end]))


def list_of_issues_seed_units() -> list[Unit]:
    """Seed 003 cut into headings, titles, prose, bullets, questions and footnotes.

    Blank lines are page breaks. A block after one that opens with a number is the
    footnote area of the page; any other block continues the text before it. Question
    lines open with a space (the extraction's trace of a bullet glyph) and end at '?'.
    """
    text = seed_text(LIST_OF_ISSUES_SEED)
    body: list[str] = []
    footnotes: dict[str, str] = {}
    for block in re.split(r"\n\s*\n", text):
        block_lines = block.split("\n")
        if re.match(r"^\s*\d+ \S", block_lines[0]):
            number = None
            for line in block_lines:
                m = re.match(r"^\s*(\d+) (.*)$", line)
                if m:
                    number = m[1]
                    footnotes[number] = m[2]
                elif number is not None:
                    footnotes[number] += " " + line
        else:
            body += block_lines
    marker_re = re.compile(rf"(?<=[:”])(?:{'|'.join(footnotes)})(?=[.\s]|$)")

    units: list[Unit] = [Unit("title", body[0])]
    current: Unit | None = None
    for line in body[1:]:
        if not line.strip():
            continue
        if current is not None and current.kind == "question" and not current.text.endswith("?"):
            current.text += " " + line
            continue
        if current is not None and current.kind == "bullet" and line[:1].islower():
            current.text += " " + line
            continue
        if line.startswith(" "):
            current = Unit("question", line.strip())
        elif m := re.match(r"^- (.*):$", line):
            current = Unit("title", m[1])
        elif line.startswith("- "):
            current = Unit("bullet", line[2:])
        elif re.match(r"^Article \d+ on ", line):
            current = Unit("heading", line)
        elif current is not None and current.kind == "prose":
            current.text += " " + line
            continue
        else:
            current = Unit("prose", line)
        units.append(current)
    for unit in units:
        if unit.kind == "prose":
            unit.text = marker_re.sub("", unit.text)
    assert len(footnotes) == 2, footnotes
    units += [Unit("footnote", footnotes[n]) for n in sorted(footnotes)]
    return units


def draft_fields(path: Path) -> list[str]:
    """The plain text of every prose field of a validated example, whitespace collapsed."""
    validated = validate_file(path)
    assert validated.submission is not None, validated.diagnostics
    submission: Submission = validated.submission
    return [collapse(plain_text(text)) for _, text in submission.text_paths()]


def missing_from(fields: list[str], units: list[Unit]) -> list[str]:
    joined = FIELD_BREAK.join(fields)
    return [piece for unit in units for piece in unit.checked_pieces() if piece not in joined]


@pytest.mark.parametrize("example", [ORAL_EXAMPLE, LIST_OF_ISSUES_EXAMPLE], ids=lambda p: p.name)
def test_example_validates_with_no_findings(example: Path):
    validated = validate_file(example)
    assert validated.submission is not None
    assert [d.code + " " + d.message for d in validated.diagnostics] == []


def test_oral_statement_example_carries_every_sentence_of_its_seed():
    units = oral_statement_seed_units()
    assert sum(u.kind == "ask" for u in units) == 7
    assert missing_from(draft_fields(ORAL_EXAMPLE), units) == []


def test_oral_statement_example_has_no_typed_numbers_in_its_asks():
    validated = validate_file(ORAL_EXAMPLE)
    assert validated.submission is not None
    asks = [ask.text for _, ask in validated.submission.ask_paths()]
    assert len(asks) == 7
    for number, text in enumerate(asks, start=1):
        assert not re.match(r"^\s*\(?\d", text), text
        assert f"{number}. " not in text


def test_oral_statement_example_adds_no_text_its_seed_lacks():
    seed = FIELD_BREAK.join(
        [oral_statement_seed_header()]
        + [piece for u in oral_statement_seed_units() for piece in u.checked_pieces()]
    )
    seed_flat = collapse(seed.replace(FIELD_BREAK, " "))
    extra = [s for f in draft_fields(ORAL_EXAMPLE) for s in sentences(f) if s not in seed_flat]
    assert extra == []


def test_list_of_issues_example_carries_every_paragraph_bullet_question_and_footnote():
    units = list_of_issues_seed_units()
    counts = {kind: sum(u.kind == kind for u in units) for kind in {u.kind for u in units}}
    # The seed's shape: 4 article headings, 2 subtitles under article 7 plus the
    # document title, 7 forced-labour practices, 8 questions, 2 footnotes.
    assert counts["heading"] == 4
    assert counts["title"] == 3
    assert counts["bullet"] == 7
    assert counts["question"] == 8
    assert counts["footnote"] == 2
    assert missing_from(draft_fields(LIST_OF_ISSUES_EXAMPLE), units) == []


def test_list_of_issues_example_adds_no_text_its_seed_lacks():
    seed_flat = " ".join(collapse(u.text) for u in list_of_issues_seed_units())
    fields = draft_fields(LIST_OF_ISSUES_EXAMPLE)
    extra = [s for f in fields for s in sentences(f) if s not in seed_flat]
    assert extra == []


def test_list_of_issues_example_cites_the_footnotes_where_the_seed_has_them():
    validated = validate_file(LIST_OF_ISSUES_EXAMPLE)
    submission = validated.submission
    assert submission is not None
    texts = dict(submission.text_paths())
    intro = texts[("introduction", 0, "text")]
    assert intro.endswith("asylum seekers and refugees:[^fidh-mission]")
    cat = texts[("issues", 0, "paragraphs", 2, "text")]
    assert cat.endswith("may expose individuals to the risk of torture”[^cat-2008].")


def test_faithfulness_check_notices_a_changed_word(tmp_path: Path):
    # Guards the guard: a draft that rewords one question must be caught.
    original = LIST_OF_ISSUES_EXAMPLE.read_text(encoding="utf-8")
    altered = original.replace("even the death penalty?", "even capital punishment?")
    assert altered != original
    draft = tmp_path / "altered.yaml"
    draft.write_text(altered, encoding="utf-8")
    missing = missing_from(draft_fields(draft), list_of_issues_seed_units())
    assert len(missing) == 1
    assert missing[0].endswith("or even the death penalty?")
