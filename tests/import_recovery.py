"""How much of a hand-made draft an import recovers word for word: its paragraphs (and their
subparagraphs), its questions, its footnotes, and the articles of each issue. Shared by the
import tests and benchmarks/bench_import.py."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from submission_kit.model.inline import plain_text


def words(text: str) -> str:
    return re.sub(r"\s+", " ", plain_text(text)).strip()


@dataclass
class Recovery:
    paragraphs: tuple[int, int]
    questions: tuple[int, int]
    footnotes: tuple[int, int]
    articles: tuple[int, int]
    missing: list[str]

    @staticmethod
    def share(pair: tuple[int, int]) -> float:
        return pair[0] / pair[1] if pair[1] else 1.0


def _paragraph_texts(paragraphs: list[Any]) -> list[str]:
    out: list[str] = []
    for p in paragraphs:
        out.append(words(p.text))
        out += [words(t) for t in p.item_texts()]
    return out


def recovery(expected: Any, imported: Any) -> Recovery:
    """`expected` and `imported` are ListOfIssues models."""
    want_paras = _paragraph_texts(expected.introduction)
    got_paras = _paragraph_texts(imported.introduction)
    want_q: list[str] = []
    got_q: list[str] = []
    for issue in expected.issues:
        want_paras += _paragraph_texts(issue.paragraphs)
        want_q += [words(q.text or "") for q in issue.questions]
    for issue in imported.issues:
        got_paras += _paragraph_texts(issue.paragraphs)
        got_q += [words(q.text or "") for q in issue.questions]
    want_fn = [words(s.text) for s in expected.sources]
    got_fn = {words(s.text) for s in imported.sources}
    missing = [p for p in want_paras if p not in got_paras]
    missing += [q for q in want_q if q not in got_q]
    missing += [f for f in want_fn if f not in got_fn]
    right = 0
    for issue in expected.issues:
        first = words(issue.paragraphs[0].text) if issue.paragraphs else ""
        twin = next(
            (i for i in imported.issues if i.paragraphs and words(i.paragraphs[0].text) == first),
            None,
        )
        if twin is not None and [a.label() for a in twin.articles] == [
            a.label() for a in issue.articles
        ]:
            right += 1
    return Recovery(
        (sum(p in got_paras for p in want_paras), len(want_paras)),
        (sum(q in got_q for q in want_q), len(want_q)),
        (sum(f in got_fn for f in want_fn), len(want_fn)),
        (right, len(expected.issues)),
        missing,
    )
