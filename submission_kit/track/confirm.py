"""The writer's confirmations of matches: `DRAFT.track.yaml` next to the draft.

Each key is an ask id, each value the paragraph of the concluding observations that
took the ask up (`paragraph: "34 (d)"`), or `none` when the Committee did not reflect
it; `verdict` (taken up / partly taken up) and `note` are optional. A plain string
stands for `paragraph`. Problems become located diagnostics (SK601-SK604).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from submission_kit.diagnostics import Diagnostic
from submission_kit.load import LoadedDraft, load_file
from submission_kit.track.parse import ConcludingObservations, is_upr_label, parse_label

_KEYS = {"paragraph", "verdict", "note"}
_VERDICTS = ("taken up", "partly taken up")


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


def confirmations_path(draft: str | Path) -> Path:
    """statement.yaml -> statement.track.yaml, next to the draft."""
    draft = Path(draft)
    return draft.with_name(draft.stem + ".track.yaml")


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
                'write one line per ask, e.g.  compensation: "34 (c)"',
            )
        )
        return out
    for ask_id, value in data.items():
        c = _read_one(loaded, str(ask_id), value, ask_ids, co, out.diagnostics)
        if c:
            out.by_ask[c.ask_id] = c
    return out


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
    if not isinstance(value, dict):
        value = {"paragraph": value}
        path: tuple = (ask_id,)
    else:
        path = (ask_id, "paragraph")
        for key in value:
            if key not in _KEYS:
                diagnostics.append(
                    loaded.diag(
                        (ask_id, key),
                        "SK601",
                        f"unknown field '{key}'",
                        "a confirmation has 'paragraph', and optionally 'verdict' and 'note'",
                        prefer_key=True,
                    )
                )
        if "paragraph" not in value:
            diagnostics.append(
                loaded.diag(
                    (ask_id,),
                    "SK601",
                    f"the confirmation of '{ask_id}' has no paragraph",
                    'add  paragraph: "34 (d)"  (or  paragraph: none)',
                    prefer_key=True,
                )
            )
            return None
    raw = value["paragraph"]
    if raw is None or (isinstance(raw, str) and raw.strip().lower() in ("none", "")):
        return Confirmation(ask_id, None, None, str(value.get("note") or ""))
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
    verdict = value.get("verdict")
    if verdict is not None and verdict not in _VERDICTS:
        diagnostics.append(
            loaded.diag(
                (ask_id, "verdict"),
                "SK603",
                f"unknown verdict '{verdict}'",
                "write 'taken up' or 'partly taken up' (or leave it out)",
            )
        )
        verdict = None
    if is_upr_label(label):  # a UPR recommendation keeps its number: 144.253
        normal = label
    else:
        normal = f"{parsed[0]} ({parsed[1]})" if parsed[1] else str(parsed[0])
    return Confirmation(ask_id, normal, verdict, str(value.get("note") or ""))
