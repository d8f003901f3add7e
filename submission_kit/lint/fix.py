"""`subkit check --fix`: apply only the safe fixes, byte for byte, and never break a draft.

A fix replaces one exact span of the file (comments, quoting and layout elsewhere stay
as written). The fixed text must validate without new load or schema errors before it
replaces the file, and it replaces it atomically (see `pipeline.write_atomically`).
"""

from __future__ import annotations

from collections.abc import Sequence

from submission_kit.diagnostics import Diagnostic, Severity, SpanEdit, codes
from submission_kit.lint.source import SourceMap
from submission_kit.model.inline import TYPED_NUMBER_RE
from submission_kit.validate import Validated, validate_text


def _path_of(d: Diagnostic) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in d.path.split(".")) if d.path else ()


def typed_number_edits(result: Validated) -> None:
    """Give each SK206 finding (a typed number at the start of an ask) its exact edit."""
    smap = SourceMap(result.draft)
    for d in result.diagnostics:
        if d.code != "SK206" or "edit" in d.extra:
            continue
        path = _path_of(d)
        value = result.draft.values_data(path)
        m = TYPED_NUMBER_RE.match(value) if isinstance(value, str) else None
        span = smap.span(path, 0, m.end()) if m else None
        if span is not None:
            d.extra["edit"] = SpanEdit(span[0], span[1], "")
        else:
            d.fixable = False  # the number is split by a fold or an escape: leave it to the writer


def apply_edits(text: str, diagnostics: Sequence[Diagnostic]) -> tuple[str, int]:
    """The text with every non-overlapping edit applied, and how many were applied."""
    edits = sorted(
        {d.extra["edit"] for d in diagnostics if isinstance(d.extra.get("edit"), SpanEdit)},
        key=lambda e: (e.start, e.end),
    )
    out: list[str] = []
    pos = applied = 0
    for e in edits:
        if e.start < pos:
            continue  # overlaps the previous edit: left for the next run
        out.append(text[pos : e.start])
        out.append(e.replacement)
        pos = e.end
        applied += 1
    out.append(text[pos:])
    return "".join(out), applied


def _stage(code: str) -> str:
    found = codes.registry().get(code)
    return found.stage if found else ""


def _breaks(before: Validated, after: Validated) -> list[Diagnostic]:
    """Load or schema errors the fixed text has and the original had not (there should be none)."""
    old = {(d.code, d.message) for d in before.diagnostics}
    return [
        d
        for d in after.diagnostics
        if d.severity is Severity.ERROR
        and _stage(d.code) in ("load", "schema")
        and (d.code, d.message) not in old
    ]


def fix_text(before: Validated, diagnostics: Sequence[Diagnostic]) -> tuple[str | None, int, str]:
    """The fixed text (None when nothing to fix or when fixing would break the draft), the
    number of fixes, and why the fixes were refused when they were."""
    new_text, applied = apply_edits(before.draft.text, diagnostics)
    if not applied or new_text == before.draft.text:
        return None, 0, ""
    after = validate_text(new_text, before.draft.file)
    broken = _breaks(before, after)
    if broken:
        b = broken[0]
        return (
            None,
            0,
            f"the fixes would make the draft invalid ({b.code}: {b.message}); file left as it was",
        )
    return new_text, applied, ""
