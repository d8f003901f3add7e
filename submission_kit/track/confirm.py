"""The writer's confirmations of matches: `DRAFT.track.yaml` next to the draft.

The file names the outcome it was written against (`outcome: CCPR/C/KAZ/CO/3`, or the
outcome's fingerprint `sha256:…` when it has no symbol), then maps each ask id to the
paragraph that took the ask up (`paragraph: "34 (d)"`), or `none` when the Committee did not
reflect it; `verdict` (taken up / partly taken up) and `note` are optional. A plain string
stands for `paragraph`.

Each entry goes through a pydantic model (`ConfirmationEntry`); its validation errors, and
the checks that need the draft and the outcome (ask ids, labels, paragraphs), become located
diagnostics (SK601-SK606). A file that names no outcome or another outcome than the one
given to `--against` is refused (SK605, SK606): links confirmed against one document are
never applied to another, where "40" is another paragraph.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from submission_kit.diagnostics import Diagnostic
from submission_kit.load import LoadedDraft, load_file
from submission_kit.track.parse import ConcludingObservations, is_upr_label, parse_label

#: The key naming the outcome; every other top-level key is an ask id.
OUTCOME_KEY = "outcome"
#: Hex digits of the fingerprint written in a file (a prefix of at least FINGERPRINT_MIN).
FINGERPRINT_LENGTH = 16
FINGERPRINT_MIN = 8


class ConfirmationEntry(BaseModel):
    """One confirmed (or rejected) link, as written under an ask id."""

    model_config = ConfigDict(extra="forbid")

    paragraph: str | int | float | None
    verdict: Literal["taken up", "partly taken up"] | None = None
    note: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, value: Any) -> Any:
        # `non-refoulement: "40"` stands for `non-refoulement: {paragraph: "40"}`.
        return value if isinstance(value, dict) else {"paragraph": value}


@dataclass
class Confirmation:
    ask_id: str
    paragraph: str | None  # a label such as "34 (d)", or None: not reflected
    verdict: str | None = None
    note: str = ""


@dataclass
class Confirmations:
    file: str | None = None
    by_ask: dict[str, Confirmation] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    outcome: str | None = None  # as the file names it


def confirmations_path(draft: str | Path) -> Path:
    """statement.yaml -> statement.track.yaml, next to the draft."""
    draft = Path(draft)
    return draft.with_name(draft.stem + ".track.yaml")


def fingerprint(co: ConcludingObservations) -> str:
    """A name for an outcome's content: SHA-256 of its numbered paragraphs, `sha256:` and the
    first 16 hex digits. The same text read from .txt, .docx or .pdf gives the same one."""
    h = hashlib.sha256()
    for p in co.paragraphs:
        h.update(f"{p.label or p.number}\t{' '.join(p.full_text().split())}\n".encode())
    return "sha256:" + h.hexdigest()[:FINGERPRINT_LENGTH]


def outcome_name(co: ConcludingObservations) -> str:
    """What a confirmations file writes after `outcome:` for this outcome."""
    return co.symbol or fingerprint(co)


def _same_symbol(a: str, b: str) -> bool:
    return re.sub(r"\s+", "", a).upper() == re.sub(r"\s+", "", b).upper()


def names_outcome(value: str, co: ConcludingObservations) -> bool:
    """Whether `outcome: VALUE` names this outcome: its symbol, or its fingerprint (or a
    prefix of at least 8 hex digits of it)."""
    value = value.strip()
    if value.lower().startswith("sha256:"):
        digits = value[7:].strip().lower()
        return len(digits) >= FINGERPRINT_MIN and fingerprint(co)[7:].startswith(digits[:16])
    if co.symbol:
        return _same_symbol(value, co.symbol)
    implied = implied_symbol(co)
    return implied is not None and _same_symbol(value, implied)


def implied_symbol(co: ConcludingObservations) -> str | None:
    """The symbol concluding observations with no symbol of their own (a copy saved as
    co.txt) must have, from their committee, State and the report their title numbers:
    "... on the third periodic report of Kazakhstan" by CCPR is CCPR/C/KAZ/CO/3, "the combined
    fifth and sixth periodic reports" CO/5-6. None when the title does not tell."""
    from submission_kit import reference
    from submission_kit.track.text import _vocabulary

    if co.kind != "concluding observations" or not (co.committee and co.state and co.title):
        return None
    committee = reference.committee(co.committee)
    ordinals = _vocabulary(co.language).get("report_ordinals", {})
    if committee is None or not ordinals:
        return None
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", co.title.casefold())
    numbers = sorted({ordinals[w] for w in words if w in ordinals})
    if not numbers or numbers != list(range(numbers[0], numbers[-1] + 1)):
        return None
    number = str(numbers[0]) if len(numbers) == 1 else f"{numbers[0]}-{numbers[-1]}"
    return f"{committee.symbol_prefix}{co.state}/CO/{number}"


def read_confirmations(
    path: str | Path, ask_ids: list[str], co: ConcludingObservations
) -> Confirmations:
    """Read and check a confirmations file. Raises OSError only when it cannot be read."""
    loaded = load_file(path)
    out = Confirmations(file=loaded.file, diagnostics=list(loaded.diagnostics), lines=loaded.lines)
    data = loaded.data
    if data is None:
        return out
    if not isinstance(data, dict):
        out.diagnostics.append(
            loaded.diag(
                (),
                "SK601",
                "the confirmations file must map ask ids to paragraphs",
                f"start with  outcome: {outcome_name(co)}  then one line per ask, e.g.  "
                'compensation: "34 (c)"',
            )
        )
        return out
    if not _check_outcome(loaded, data, co, out):
        return out  # paragraph numbers of another document would only add noise
    for ask_id, value in data.items():
        if ask_id == OUTCOME_KEY:
            continue
        c = _read_one(loaded, str(ask_id), value, ask_ids, co, out.diagnostics)
        if c:
            out.by_ask[c.ask_id] = c
    return out


def _check_outcome(
    loaded: LoadedDraft, data: dict, co: ConcludingObservations, out: Confirmations
) -> bool:
    """SK606 when the file names no outcome, SK605 when it names another one; False when the
    links must not be read against `co`."""
    where = co.symbol or Path(co.source).name
    name = outcome_name(co)
    if OUTCOME_KEY not in data:
        out.diagnostics.append(
            loaded.diag(
                (),
                "SK606",
                "the confirmations file does not say which outcome its paragraphs are of",
                f"add a first line  {OUTCOME_KEY}: {name}  (the outcome given to --against, "
                f"{where})",
            )
        )
        return False
    value = data[OUTCOME_KEY]
    if not isinstance(value, str) or not value.strip():
        out.diagnostics.append(
            loaded.diag(
                (OUTCOME_KEY,),
                "SK606",
                f"'{OUTCOME_KEY}' must name the outcome: its symbol or its sha256: fingerprint",
                f"write  {OUTCOME_KEY}: {name}",
            )
        )
        return False
    out.outcome = value.strip()
    if not names_outcome(value, co):
        their = f"{where}, {fingerprint(co)}" if co.symbol else where
        out.diagnostics.append(
            loaded.diag(
                (OUTCOME_KEY,),
                "SK605",
                f"these confirmations are of {value.strip()}, not of the outcome given to "
                f"--against ({their})",
                f"track against {value.strip()}, or, if the links were checked against this "
                f"outcome, write  {OUTCOME_KEY}: {name}",
            )
        )
        return False
    return True


def _read_one(
    loaded: LoadedDraft,
    ask_id: str,
    value: object,
    ask_ids: list[str],
    co: ConcludingObservations,
    diagnostics: list[Diagnostic],
) -> Confirmation | None:
    if ask_id not in ask_ids:
        known = ", ".join(ask_ids) or "none"
        diagnostics.append(
            loaded.diag(
                (ask_id,),
                "SK602",
                f"the draft has no ask with id '{ask_id}'",
                f"use one of the draft's ask ids: {known}",
                prefer_key=True,
            )
        )
        return None
    short = not isinstance(value, dict)
    try:
        entry = ConfirmationEntry.model_validate(value)
    except ValidationError as exc:
        diagnostics += [_located(loaded, ask_id, e, short) for e in exc.errors()]
        return None
    path: tuple = (ask_id,) if short else (ask_id, "paragraph")
    raw = entry.paragraph
    note = entry.note or ""
    if raw is None or (isinstance(raw, str) and raw.strip().lower() in ("none", "")):
        if entry.verdict:
            # "Not reflected" and "taken up" at once: which one the writer meant is not ours
            # to guess, and a published report must not pick one.
            diagnostics.append(
                loaded.diag(
                    (ask_id, "verdict"),
                    "SK603",
                    f"'{ask_id}' is confirmed as not reflected (paragraph: none) and as "
                    f"'{entry.verdict}' at once",
                    "give the paragraph that took it up, or remove the verdict",
                )
            )
            return None
        return Confirmation(ask_id, None, None, note)
    label = str(raw).strip()
    parsed = parse_label(label)
    if parsed is None:
        diagnostics.append(
            loaded.diag(
                path,
                "SK603",
                f"'{label}' is not a paragraph label",
                'write it as "40", "34 (d)" or a UPR number such as "144.253", or none',
            )
        )
        return None
    if co.lookup(label) is None:
        para = co.paragraph(parsed[0])
        where = co.symbol or Path(co.source).name
        hint = (
            f"paragraph {parsed[0]} has subparagraphs "
            f"{', '.join(s.letter for s in para.subparagraphs) or 'none'}"
            if para
            else f"the paragraphs run from {co.paragraphs[0].number} to {co.paragraphs[-1].number}"
        )
        diagnostics.append(loaded.diag(path, "SK604", f"{where} has no paragraph {label}", hint))
        return None
    if is_upr_label(label):  # a UPR recommendation keeps its number: 144.253
        normal = label
    else:
        normal = f"{parsed[0]} ({parsed[1]})" if parsed[1] else str(parsed[0])
    return Confirmation(ask_id, normal, entry.verdict, note)


def _located(loaded: LoadedDraft, ask_id: str, error: Any, short: bool) -> Diagnostic:
    """A pydantic validation error of one entry as a diagnostic at its line and column."""
    loc = tuple(str(x) for x in error.get("loc", ()))
    kind = error.get("type", "")
    key = loc[0] if loc else ""
    if kind == "extra_forbidden":
        return loaded.diag(
            (ask_id, key),
            "SK601",
            f"unknown field '{key}'",
            "a confirmation has 'paragraph', and optionally 'verdict' and 'note'",
            prefer_key=True,
        )
    if kind == "missing" and key == "paragraph":
        return loaded.diag(
            (ask_id,),
            "SK601",
            f"the confirmation of '{ask_id}' has no paragraph",
            'add  paragraph: "34 (d)"  (or  paragraph: none)',
            prefer_key=True,
        )
    if key == "verdict":
        return loaded.diag(
            (ask_id, "verdict"),
            "SK603",
            f"unknown verdict '{error.get('input')}'",
            "write 'taken up' or 'partly taken up' (or leave it out)",
        )
    if key == "paragraph":
        return loaded.diag(
            (ask_id,) if short else (ask_id, "paragraph"),
            "SK603",
            'a paragraph is a label such as "34 (d)", not a list or a mapping',
            'write it as "40", "34 (d)" or a UPR number such as "144.253", or none',
        )
    return loaded.diag(
        (ask_id, *loc) if loc else (ask_id,),
        "SK601",
        f"'{key or ask_id}' {error.get('msg', 'is not valid').lower()}",
        "a note is text; a confirmation has 'paragraph', and optionally 'verdict' and 'note'",
    )
