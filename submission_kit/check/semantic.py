"""Checks that need the reference data or the whole draft: States, articles, footnotes, typed numbers.

They read the raw data rather than the model, so that they still run (and
report) when the schema finds other problems in the same draft.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any

from submission_kit import reference
from submission_kit.diagnostics import Diagnostic, Severity
from submission_kit.load import LoadedDraft, PathKey
from submission_kit.model.common import _parse_article
from submission_kit.model.inline import footnote_ids

#: Keys whose list items are asks. Shared by every kind of submission.
ASK_LIST_KEYS = ("questions", "recommendations")
TYPED_NUMBER_RE = re.compile(
    r"^\s*(?:\d{1,3}\s*[.)]|\(\s*\d{1,3}\s*\)|\(?[a-z]\)|[ivx]{1,4}\)|[-•*–])\s+"
)


def walk(data: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, Any]]:
    yield path, data
    if isinstance(data, dict):
        for k, v in data.items():
            yield from walk(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from walk(v, (*path, i))


def ask_texts(data: dict) -> Iterator[tuple[PathKey, str]]:
    """Path and text of every ask in raw draft data (plain-string or mapping form)."""
    for path, value in walk(data):
        if not isinstance(value, list) or not path:
            continue
        is_ask_list = path[-1] in ASK_LIST_KEYS or path[-2:] == ("asks", "items")
        if not is_ask_list:
            continue
        for i, item in enumerate(value):
            if isinstance(item, str):
                yield (*path, i), item
            elif isinstance(item, dict) and isinstance(item.get("text"), str):
                yield (*path, i, "text"), item["text"]


def closest_codes(code: str, known: list[str]) -> list[str]:
    """The known code that looks most like a mistyped `code` (a list of at most one).

    difflib alone ties KAX with LKA and KAZ. Codes with the same letters swapped come
    first, then those sharing more letters at the same positions.
    """
    close = difflib.get_close_matches(code, known, n=10, cutoff=0.6)

    def likeness(candidate: str) -> tuple[bool, int]:
        # Swapped letters (KZA for KAZ) are the commonest typo after a wrong letter.
        swapped = sorted(candidate) == sorted(code)
        return swapped, sum(a == b for a, b in zip(code, candidate, strict=False))

    return sorted(close, key=likeness, reverse=True)[:1]


def check_state(draft: LoadedDraft, meta: dict) -> list[Diagnostic]:
    code = meta.get("state")
    if not isinstance(code, str) or not re.fullmatch(r"[A-Z]{3}", code):
        return []  # the schema reports the shape
    if reference.country(code) is not None:
        return []
    close = closest_codes(code, reference.country_codes())
    hint = (
        f"did you mean {close[0]} ({reference.country(close[0]).name()})?"
        if close
        else ("use the ISO 3166 alpha-3 code of a UN member or observer State, e.g. KAZ")
    )
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
                ref = _parse_article(item)
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
        if not isinstance(value, str) or "[^" not in value:
            continue
        for fid, offset in footnote_ids(value):
            cited.add(fid)
            if fid not in defined:
                if fid not in suggestions:  # once per id: a draft may cite it thousands of times
                    suggestions[fid] = difflib.get_close_matches(fid, list(defined), n=1)
                close = suggestions[fid]
                hint = (
                    f"did you mean '[^{close[0]}]'?"
                    if close
                    else (f"add it under 'sources:' as '- id: {fid}' with its 'text:'")
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


def semantic_diagnostics(draft: LoadedDraft) -> list[Diagnostic]:
    meta = draft.data.get("metadata")
    meta = meta if isinstance(meta, dict) else {}
    return [
        *check_state(draft, meta),
        *check_articles(draft, meta),
        *check_footnotes(draft),
        *check_typed_numbers(draft),
        *check_placeholders(draft),
    ]
