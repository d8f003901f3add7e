"""Checks that need the reference data or the whole draft: States, articles, footnotes, typed numbers.

They read the raw data rather than the model, so that they still run (and
report) when the schema finds other problems in the same draft.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from submission_kit import reference
from submission_kit.diagnostics import Diagnostic, Severity, SpanEdit
from submission_kit.load import LoadedDraft, PathKey
from submission_kit.model import kind_model
from submission_kit.model.common import Submission, ask_lists, parse_article
from submission_kit.model.inline import TYPED_NUMBER_RE, footnote_ids


def walk(data: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, Any]]:
    yield path, data
    if isinstance(data, dict):
        for k, v in data.items():
            yield from walk(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from walk(v, (*path, i))


def ask_texts(data: dict) -> Iterator[tuple[PathKey, str]]:
    """Path and text of every ask in raw draft data (plain-string or mapping form), where the
    model of the draft's kind has lists of asks."""
    model = kind_model(data["kind"]) if isinstance(data.get("kind"), str) else None
    if model is None:
        return
    patterns = ask_lists(model)
    for path, value in walk(data):
        if not isinstance(value, list) or not path:
            continue
        if tuple("*" if isinstance(p, int) else p for p in path) not in patterns:
            continue
        for i, item in enumerate(value):
            if isinstance(item, str):
                yield (*path, i), item
            elif isinstance(item, dict) and isinstance(item.get("text"), str):
                yield (*path, i, "text"), item["text"]


def check_state(draft: LoadedDraft, meta: dict) -> list[Diagnostic]:
    code = meta.get("state")
    if not isinstance(code, str) or not re.fullmatch(r"[A-Z]{3}", code):
        return []  # the schema reports the shape
    if reference.country(code) is not None:
        return []
    from submission_kit.reference import suggest  # only for an unknown State

    hint = suggest.state_hint(code)
    return [draft.diag(("metadata", "state"), "SK202", f"unknown State code '{code}'", hint)]


def check_articles(draft: LoadedDraft, meta: dict) -> list[Diagnostic]:
    code = meta.get("committee")
    if code not in reference.committee_codes():
        return []
    treaty = reference.committee(code).treaty
    out = []
    for path, value in walk(draft.data):
        if not path or path[-1] != "articles" or not isinstance(value, list):
            continue
        for i, item in enumerate(value):
            try:
                ref = parse_article(item)
            except ValueError:
                continue  # the schema reports it
            if not isinstance(ref, dict) or not isinstance(ref.get("article"), int):
                continue
            art, para = ref["article"], ref.get("paragraph")
            where = (*path, i)
            if not treaty.has_article(art):
                out.append(
                    draft.diag(
                        where,
                        "SK201",
                        f"article {art} is not among the substantive articles of the {treaty.name['en']}",
                        f"the {code} reviews articles 1 to {treaty.articles}; check the article number",
                    )
                )
            elif isinstance(para, int):
                count = treaty.paragraph_count(art)
                if count == 1:
                    out.append(
                        draft.diag(
                            where,
                            "SK201",
                            f"article {art} has no numbered paragraphs",
                            f"cite it as {art} without '({para})'",
                        )
                    )
                elif count and para > count:
                    out.append(
                        draft.diag(
                            where,
                            "SK201",
                            f"article {art} has no paragraph {para}",
                            f"article {art} has paragraphs 1 to {count}",
                        )
                    )
    return out


def check_footnotes(draft: LoadedDraft) -> list[Diagnostic]:
    data = draft.data
    sources = data.get("sources")
    defined: dict[str, PathKey] = {}
    out: list[Diagnostic] = []
    if isinstance(sources, list):
        for i, s in enumerate(sources):
            if isinstance(s, dict) and isinstance(s.get("id"), str):
                if s["id"] in defined:
                    out.append(
                        draft.diag(
                            ("sources", i, "id"),
                            "SK205",
                            f"footnote '{s['id']}' is defined twice",
                            "give each footnote its own id",
                        )
                    )
                defined.setdefault(s["id"], ("sources", i, "id"))
    cited: set[str] = set()
    suggestions: dict[str, list[str]] = {}
    for path, value in walk(data):
        if isinstance(value, str) and "[" in value and defined:
            for fid, offset, written in mistyped_citations(value, defined):
                cited.add(fid)
                out.append(
                    draft.diag(
                        path,
                        "SK204",
                        f"the citation '{written}' is mistyped: it would be printed as written",
                        f"write it as '[^{fid}]' (no space, a '^' after the '[')",
                        offset=offset,
                    )
                )
        if not isinstance(value, str) or "[^" not in value:
            continue
        for fid, offset in footnote_ids(value):
            cited.add(fid)
            if fid not in defined:
                if fid not in suggestions:  # once per id: a draft may cite it thousands of times
                    import difflib

                    suggestions[fid] = difflib.get_close_matches(fid, list(defined), n=1)
                close = suggestions[fid]
                hint = (
                    f"did you mean '[^{close[0]}]'?"
                    if close
                    else (
                        f"define it on a line of its own at the end of the file: '[^{fid}]: "
                        "text of the footnote'"
                        if draft.file.lower().endswith((".md", ".markdown"))
                        else f"add it under 'sources:' as '- id: {fid}' with its 'text:'"
                    )
                )
                out.append(
                    draft.diag(
                        path,
                        "SK204",
                        f"footnote '[^{fid}]' is cited but not defined",
                        hint,
                        offset=offset,
                    )
                )
    for fid, path in defined.items():
        if fid not in cited:
            out.append(
                draft.diag(
                    path,
                    "SK205",
                    f"footnote '{fid}' is defined but never cited",
                    f"cite it in the text as [^{fid}] or remove it",
                    severity=Severity.WARNING,
                )
            )
    return out


#: `[scjn]`, `[^ scjn]`, `[ ^scjn ]`, `^[scjn]`: a footnote citation typed wrongly.
_LOOSE_CITATION_RE = re.compile(r"\^?\[\s*(\^?)\s*([A-Za-z0-9][A-Za-z0-9_.-]*)\s*\]")


def mistyped_citations(text: str, defined: dict[str, PathKey]) -> list[tuple[str, int, str]]:
    """Citations of a defined footnote written in a form the renderer prints as text: the id,
    the offset and the text as written. Bracketed words that are no footnote id ([sic]) pass."""
    out = []
    for m in _LOOSE_CITATION_RE.finditer(text):
        written, fid = m.group(), m.group(2)
        if fid in defined and written != f"[^{fid}]":
            out.append((fid, m.start(), written))
    return out


def check_typed_numbers(draft: LoadedDraft) -> list[Diagnostic]:
    out = []
    for path, text in ask_texts(draft.data):
        m = TYPED_NUMBER_RE.match(text)
        if m:
            marker = m.group().strip()
            d = draft.diag(
                path,
                "SK206",
                f"the ask starts with a typed number '{marker}'",
                "remove it: asks are numbered when the document is rendered "
                "(`subkit check --fix` does this)",
            )
            d.fixable = True
            out.append(d)
    return out


#: What a template leaves for the writer to fill: TODO(what to write here).
PLACEHOLDER = "TODO("


def _placeholder_spans(text: str) -> Iterator[tuple[int, str]]:
    """Offset and text of every TODO(...) marker; parentheses inside it may nest."""
    start = text.find(PLACEHOLDER)
    while start >= 0:
        depth, end = 0, len(text)
        for i in range(start + len(PLACEHOLDER) - 1, len(text)):
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            if depth == 0:
                end = i + 1
                break
        yield start, text[start:end]
        start = text.find(PLACEHOLDER, end)


def check_placeholders(draft: LoadedDraft) -> list[Diagnostic]:
    """SK207: a TODO(...) placeholder left by `subkit new` is still in the draft."""
    out = []
    for path, value in walk(draft.data):
        if not isinstance(value, str) or PLACEHOLDER not in value:
            continue
        for offset, marker in _placeholder_spans(value):
            shown = marker if len(marker) <= 90 else marker[:87] + "..."
            out.append(
                draft.diag(
                    path,
                    "SK207",
                    f"placeholder to fill: {shown}",
                    "replace the whole TODO(...) marker with your own text",
                    offset=offset,
                )
            )
    return out


def prose_paths(draft: LoadedDraft, submission: Submission | None) -> set[PathKey]:
    """Paths of the draft's prose as written: the model's text paths (a paragraph or ask written
    as a plain string is the string itself); without a model, every text of three words or more."""
    if submission is None:
        return {
            path
            for path, value in walk(draft.data)
            if isinstance(value, str) and len(value.split()) >= 3
        }
    out = set()
    for path, _ in submission.text_paths():
        if path[-1] == "text" and isinstance(draft.values_data(path[:-1]), str):
            path = path[:-1]
        out.add(tuple(path))
    return out


def check_comments(draft: LoadedDraft, prose: set[PathKey]) -> list[Diagnostic]:
    """SK012: a ' #' that ends an unquoted text: YAML drops the rest as a comment."""
    out = []
    for path, (start, end, same_line) in draft.comments.items():
        if path not in prose:
            continue
        value = draft.values_data(path)
        shown = value if len(value) <= 50 else "..." + value[-47:]
        d = draft.diag(
            path,
            "SK012",
            f"the text stops at '{shown}': YAML reads ' #' and everything after it as a "
            "comment, which would be lost",
            "put the whole text in quotes, or write it as a folded block ('>-' and the text "
            "on the next lines, indented); if the rest is a note to yourself, move it to a "
            "line of its own"
            + (" (`subkit check --fix` puts the text in quotes)" if same_line else ""),
            offset=len(value),
        )
        if same_line:
            body = draft.text[start:end].replace("\\", "\\\\").replace('"', '\\"')
            d.extra["edit"] = SpanEdit(start, end, f'"{body}"')
            d.fixable = True
        out.append(d)
    return out


_CURLY_PAIRS = {"“": "”", "‘": "’", "„": "“", "«": "»"}


def check_curly_quotes(draft: LoadedDraft) -> list[Diagnostic]:
    """SK013: `title: “...”`: curly quotes around a whole unquoted value are no YAML quotes."""
    out = []
    for path in draft.plain:
        value = draft.values_data(path)
        if not isinstance(value, str) or len(value) < 2:
            continue
        close = _CURLY_PAIRS.get(value[0])
        if close is None or value[-1] != close or value[0] == "«":
            continue
        inner = value[1:-1]
        if any(q in inner for q in "“”‘’„"):
            continue  # a quotation inside prose: “We were beaten,” he said. “Nobody came.”
        out.append(
            draft.diag(
                path,
                "SK013",
                f"the value is wrapped in curly quotes {value[0]}…{close}, which YAML does not "
                "read as quotes: they would be printed in the document",
                f'write straight quotes "..." around it, or remove the {value[0]}{close} if '
                "the text is not a quotation",
                severity=Severity.WARNING,
            )
        )
    return out


def _one_sentence(items: list[str]) -> bool:
    """Whether the items of a flow list read as one sentence cut at its commas."""
    if len(items) < 2:
        return False
    later_lowercase = any(i[:1].islower() for i in items[1:])
    ends_open = any(not i.rstrip().endswith((".", "?", "!", ":", ";")) for i in items[:-1])
    return later_lowercase or (ends_open and items[-1].rstrip().endswith((".", "?")))


def check_flow_lists(draft: LoadedDraft, prose: set[PathKey]) -> list[Diagnostic]:
    """SK014: `questions: [Please provide, by region, ...]`: brackets split a text at commas."""
    out = []
    for path in sorted(draft.flow_lists, key=str):
        items = draft.values_data(path)
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            continue
        if not any((*path, i) in prose for i in range(len(items))):
            continue
        if _one_sentence(items):
            whole = ", ".join(items)
            shown = whole if len(whole) <= 60 else whole[:57] + "..."
            out.append(
                draft.diag(
                    path,
                    "SK014",
                    f"the brackets [ ] split '{shown}' at its commas into {len(items)} items",
                    "for one text, remove the brackets and put the text in quotes; for "
                    "several items, put each on its own line starting with '- '",
                )
            )
    return out


def semantic_diagnostics(
    draft: LoadedDraft, submission: Submission | None = None
) -> list[Diagnostic]:
    meta = draft.data.get("metadata")
    meta = meta if isinstance(meta, dict) else {}
    prose = prose_paths(draft, submission)
    return [
        *check_state(draft, meta),
        *check_articles(draft, meta),
        *check_footnotes(draft),
        *check_typed_numbers(draft),
        *check_placeholders(draft),
        *check_comments(draft, prose),
        *check_curly_quotes(draft),
        *check_flow_lists(draft, prose),
    ]
