"""Word edits back: what colleagues changed in a rendered DOCX, as changes to the draft.

Both sides are reduced to the same units, in document order: the paragraphs (with titles and
headings), the asks (questions, recommendations) and the footnotes. The draft's units come
from its model (`text_paths`, `ask_paths`), so every kind is covered; the DOCX is imported
and given the draft's metadata and settings, so that it validates as the same kind.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from submission_kit.load import LoadedDraft
from submission_kit.load import dialect as dl
from submission_kit.model.inline import plain_text


@dataclass
class Unit:
    kind: str  # "paragraph", "ask" or "footnote"
    text: str
    path: tuple = ()


@dataclass
class Change:
    kind: str
    op: str  # "changed", "added", "removed"
    old: Unit | None
    new: Unit | None
    anchor: tuple = ()  # path in the draft where the change applies


def units_of(submission: Any) -> list[Unit]:
    asks = {tuple(p) for p, _ in submission.ask_paths()}
    out: list[Unit] = []
    for path, text in submission.text_paths():
        if not text:
            continue
        if path and path[0] == "sources":
            kind = "footnote"
        elif tuple(path[:-1]) in asks:
            kind = "ask"
        else:
            kind = "paragraph"
        out.append(Unit(kind, text, tuple(path)))
    return out


def _key(text: str) -> str:
    """Text as compared: citations and markup aside, spaces normalised."""
    return re.sub(r"\s+", " ", plain_text(text)).strip()


def with_draft_settings(
    imported: dict[str, Any], draft: dict[str, Any], model: Any
) -> dict[str, Any]:
    """The imported body under the draft's metadata and every field that is not prose."""
    plan = dl.body_plan(model)
    body = set(plan.names) | {"sources"}
    merged = {k: v for k, v in draft.items() if k not in body}
    for k, v in imported.items():
        if k in body:
            merged[k] = v
    # An oral statement's lead-in and addressee are prose and settings of the asks section.
    for s in plan.sections:
        if s.shape == "ask_list" and isinstance(draft.get(s.name), dict):
            mine = merged.get(s.name)
            if isinstance(mine, dict):
                for k, v in draft[s.name].items():
                    if k != "items" and k != dl.lead_in_field(s):
                        mine[k] = v
    return merged


def as_printed(submission: Any, draft: dict[str, Any]) -> Any:
    """The draft as its DOCX reads when imported: rendered in memory and read back by the same
    importer as the edited DOCX, so that what the kit itself prints (typographic quotes,
    headings made from article titles, the contents, the summary of recommendations) is on
    both sides of the comparison and only the colleagues' edits differ. The draft itself when
    its rendering does not read back as the same kind."""
    import tempfile
    from pathlib import Path

    from pydantic import ValidationError

    from submission_kit.importing import ImportProblem, import_document
    from submission_kit.pipeline.render import render_bytes

    model = type(submission)
    with tempfile.TemporaryDirectory(prefix="subkit-diff-") as tmp:
        printed = Path(tmp) / "draft.docx"
        printed.write_bytes(render_bytes(submission))
        try:
            imported = import_document(printed)
        except ImportProblem:
            return submission
    try:
        return model.model_validate(with_draft_settings(imported.data, draft, model))
    except ValidationError:
        return submission


def at_draft_paths(printed: list[Unit], draft: list[Unit]) -> list[Unit]:
    """The printed units (the draft rendered and read back) with the paths they have in the
    draft. The printed document is in print order (a list of issues in treaty order, footnotes
    by first citation), so its own paths are not the draft's: each printed unit takes the path
    of the draft unit with the same text, and what the printing changed (typographic quotes)
    the path of the next draft unit of its kind not taken yet, in print order."""
    mapped: dict[int, Unit] = {}
    for kind in ("paragraph", "ask", "footnote"):
        mine = [u for u in printed if u.kind == kind]
        theirs = [u for u in draft if u.kind == kind]
        by_text: dict[str, list[int]] = {}
        for i, u in enumerate(theirs):
            by_text.setdefault(_key(u.text), []).append(i)
        found: list[int | None] = []
        for u in mine:
            queue = by_text.get(_key(u.text))
            found.append(queue.pop(0) if queue else None)
        taken = {i for i in found if i is not None}
        free = iter([i for i in range(len(theirs)) if i not in taken])
        last: tuple = theirs[0].path if theirs else ()
        for u, hit in zip(mine, found, strict=True):
            at = hit if hit is not None else next(free, None)
            last = theirs[at].path if at is not None else last
            mapped[id(u)] = Unit(kind, u.text, last)
    return [mapped[id(u)] for u in printed]


def compare(old: list[Unit], new: list[Unit]) -> list[Change]:
    changes: list[Change] = []
    for kind in ("paragraph", "ask", "footnote"):
        a = [u for u in old if u.kind == kind]
        b = [u for u in new if u.kind == kind]
        matcher = difflib.SequenceMatcher(
            None, [_key(u.text) for u in a], [_key(u.text) for u in b], autojunk=False
        )
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            olds, news = a[i1:i2], b[j1:j2]
            pairs = max(len(olds), len(news))
            for n in range(pairs):
                o = olds[n] if n < len(olds) else None
                w = news[n] if n < len(news) else None
                if o is not None and w is not None:
                    changes.append(Change(kind, "changed", o, w, o.path))
                elif o is not None:
                    changes.append(Change(kind, "removed", o, None, o.path))
                else:
                    before = a[i1 - 1].path if i1 > 0 else (a[0].path if a else ())
                    changes.append(Change(kind, "added", None, w, before))
    return changes


def word_diff(old: str, new: str) -> str:
    """The two texts as one, deletions in [-...-] and insertions in {+...+}."""
    a, b = _key(old).split(" "), _key(new).split(" ")
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            words = a[i1:i2]
            out.append(" ".join(words if len(words) <= 8 else [*words[:3], "…", *words[-3:]]))
        if op in ("delete", "replace"):
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if op in ("insert", "replace"):
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def describe(changes: list[Change], draft: LoadedDraft, *, in_word: bool = True) -> list[str]:
    """The changes, one located line each and the text changed under it. `in_word` False: the
    DOCX is the kit's untouched output, so the changes were made in the draft after rendering,
    and they read from the DOCX (before) to the draft (now)."""
    lines: list[str] = []
    for c in changes:
        pos = draft.position(c.anchor)
        where = f"{draft.file}:{pos.line}:{pos.column}"
        if not in_word:
            before, now = c.new, c.old
            if before and now:
                lines.append(f"{where}: {c.kind} changed in the draft since rendering")
                lines.append(f"  {word_diff(before.text, now.text)}")
            elif now:
                lines.append(f"{where}: {c.kind} added to the draft since rendering")
                lines.append(f"  + {_key(now.text)}")
            elif before:
                lines.append(f"{where}: {c.kind} removed from the draft since rendering")
                lines.append(f"  - {_key(before.text)}")
        elif c.op == "changed" and c.old and c.new:
            lines.append(f"{where}: {c.kind} changed in Word")
            lines.append(f"  {word_diff(c.old.text, c.new.text)}")
        elif c.op == "removed" and c.old:
            lines.append(f"{where}: {c.kind} removed in Word")
            lines.append(f"  - {_key(c.old.text)}")
        elif c.new:
            lines.append(f"{where}: {c.kind} added in Word after this one")
            lines.append(f"  + {_key(c.new.text)}")
    return lines


@dataclass
class EditedDocx:
    """What `subkit import --diff EDITED --against DRAFT` found: the changes between the
    draft as printed and the DOCX, whether they were made in Word (else the DOCX is the kit's
    untouched output and the draft changed since), warnings, and edits in generated text."""

    changes: list[Change]
    in_word: bool
    warnings: list[str]
    elsewhere: list[Any]  # importing.classify.Note, edits in text the kit generates


def diff_against(edited: Any, against: Any, draft: Any) -> EditedDocx:
    """Compare the DOCX `edited` with the validated draft `draft` (read from `against`).
    Raises UserError (ImportProblem) when the DOCX cannot be read or is not of this draft's
    kind."""
    from pydantic import ValidationError

    from submission_kit.diagnostics import UserError
    from submission_kit.importing import import_document
    from submission_kit.model import kind_model, kinds
    from submission_kit.write.stamp import Origin, origin

    imported = import_document(edited)
    model = type(draft.submission)
    found_kind = imported.data.get("kind")
    found_model = kind_model(found_kind) if found_kind in kinds() else None
    if found_model is not None and found_model is not model:
        raise UserError(
            f"{edited} reads as {_a(found_model.label)}, "
            f"{against} is {_a(model.label)}: it was not rendered from this draft",
            "compare the DOCX with the draft it was rendered from",
        )
    data = with_draft_settings(imported.data, draft.draft.data, model)
    try:
        theirs = model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        what = (
            f"it has no {where}"
            if first["type"] == "missing"
            else f"its {where} does not fit a {model.label}"
        )
        raise UserError(
            f"{edited} does not read as the same kind of draft as {against} ({what})",
            "was it rendered from this draft?",
        ) from exc
    printed = at_draft_paths(
        units_of(as_printed(draft.submission, draft.draft.data)), units_of(draft.submission)
    )
    changes = compare(printed, units_of(theirs))
    # The kit's own output, untouched: nothing was edited in Word, so any difference is the
    # draft's own edit since rendering, never to be shown (reversed) as a Word edit.
    found_origin = origin(edited)
    in_word = found_origin is not Origin.KIT_UNCHANGED
    warnings: list[str] = []
    title = imported.data.get("metadata", {}).get("title")
    ours = draft.submission.metadata.title
    if found_origin is Origin.FOREIGN and title and _same_words(title) != _same_words(ours):
        warnings.append(
            f"{edited} was not rendered from this draft: it carries no fingerprint of "
            f"`subkit render` and its title ({title!r}) is not the draft's ({ours!r}); the "
            "differences below are between two documents, not edits made in Word"
        )
    # Edits in text the kit generates (the summary of recommendations) have no place in the
    # draft: the import says where they are.
    elsewhere = [n for n in imported.notes if n.edit]
    return EditedDocx(changes, in_word, warnings, elsewhere)


def _a(label: str) -> str:
    return ("an " if label[:1] in "aeiou" else "a ") + label


def _same_words(text: str) -> str:
    return " ".join(text.casefold().split())
