"""The impact report: what a UN outcome took up from one submission, or from a coalition's.

Built once (`build_report`) and written as Markdown, JSON (stable keys) or a document tree
for the DOCX writer, in the language of the (first) draft, with wording from
`submission_kit/reference/data/track_report.json`. Asks are titled by their own words;
each quoted paragraph appears once, with the asks it answers; confidence is given in words
(the scores stay in the JSON); the report groups the impact by theme, as an NGO's impact
article does (seed `001_383ea9badf0fb118.txt`), and lists what the outcome recommended
that no ask had asked for. The writer's confirmations override the matcher's links.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from submission_kit.diagnostics import UserError
from submission_kit.model.common import Submission
from submission_kit.track.confirm import Confirmations, confirmations_path
from submission_kit.track.match import Matcher
from submission_kit.track.parse import ConcludingObservations, label_of

#: Recommendations listed under "what the Committee recommended that the submission did not
#: ask"; the rest are counted ("and 12 more").
UNASKED_SHOWN = 8
#: Words of an ask kept in its title.
TITLE_WORDS = 12


class NoAsksError(UserError, ValueError):
    """The draft has nothing to track."""


@dataclass
class Link:
    paragraph: str
    score: float
    reason: str


@dataclass
class ReportItem:
    number: int
    ask_id: str
    ask_text: str
    verdict: str
    paragraph: str | None
    score: float | None
    reason: str
    quote: str
    confirmed: bool
    note: str
    follow_up: bool
    candidates: list[Link] = field(default_factory=list)
    draft: str = ""
    theme: str = ""

    @property
    def title(self) -> str:
        return ask_title(self.ask_text)


@dataclass
class DraftInfo:
    path: str
    title: str
    organisations: list[str]
    language: str
    confirmations_file: str | None


@dataclass
class ImpactReport:
    draft: str
    draft_title: str
    state: str
    concluding_observations: ConcludingObservations
    confirmations_file: str | None
    items: list[ReportItem]
    drafts: list[DraftInfo] = field(default_factory=list)
    language: str = "en"
    method: str = ""
    thresholds: dict[str, float] = field(default_factory=dict)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (code, message)
    unasked: list[str] = field(default_factory=list)  # labels no ask was matched to

    @property
    def not_reflected(self) -> list[ReportItem]:
        return [i for i in self.items if i.verdict == "not reflected"]

    @property
    def to_check(self) -> list[ReportItem]:
        return [i for i in self.items if i.verdict == "unclear, check"]

    def counts(self) -> dict[str, int]:
        out = {"taken up": 0, "partly taken up": 0, "unclear, check": 0, "not reflected": 0}
        for i in self.items:
            out[i.verdict] += 1
        return out


def ask_title(text: str) -> str:
    """An ask named by its own first words: 'Halt the suppression of human rights defenders …'."""
    words = text.split()
    head = " ".join(words[:TITLE_WORDS]).rstrip(",;:.")
    return head + (" …" if len(words) > TITLE_WORDS else "")


def asks_of(submission: Submission) -> list[tuple[str, str, list[int]]]:
    """(id, text, articles) of every ask in document order; asks without an id get 'ask-N'.

    An ask without articles of its own takes those of its issue or follow-up item (the model's
    `asks_with_articles` decides, for every kind alike).
    """
    return [
        (ask.id or f"ask-{n}", ask.text or "", [a.article for a in articles])
        for n, (_, ask, articles) in enumerate(submission.asks_with_articles(), start=1)
    ]


@cache
def _labels() -> dict[str, Any]:
    raw = resources.files("submission_kit.reference").joinpath("data", "track_report.json")
    return {k: v for k, v in json.loads(raw.read_text(encoding="utf-8")).items() if k[0] != "_"}


def word(key: str, language: str, **values: object) -> str:
    """A phrase of the report in `language` (English where a language lacks it: never, as
    the data file is checked by the tests for every language the kit writes)."""
    entry = _labels()[key]
    text = entry.get(language) or entry["en"]
    return text.format(**values) if values else text


def _colon(language: str) -> str:
    """What follows a label ("Outcome: "): French sets a no-break space before the colon."""
    return word("colon", language)


def note_text(code: str, message: str, language: str) -> str:
    """A note of the run as the report prints it: the kit's own English message, or in
    another language that language's sentence for the code (`note_SKxxx` in the data)."""
    entry = _labels().get(f"note_{code}")
    if language == "en" or not entry:
        return message
    return str(entry.get(language) or entry["en"])


def _nested(key: str, sub: str, language: str) -> str:
    entry = _labels()[key][sub]
    return entry.get(language) or entry["en"]


def _date(d: dt.date, language: str) -> str:
    month = word("months", language).split()[d.month - 1]
    if language == "es":
        return f"{d.day} de {month} de {d.year}"
    return f"{d.day} {month} {d.year}"


def build_report(
    draft: str | list[tuple[str, Submission, Confirmations | None]],
    submission: Submission | None = None,
    co: ConcludingObservations | None = None,
    confirmations: Confirmations | None = None,
    matcher: Matcher | None = None,
) -> ImpactReport:
    """One report for one draft (`build_report(path, submission, co, confirmations)`) or for
    several drafts of a coalition (`build_report([(path, submission, confirmations), ...],
    co=co)`)."""
    if isinstance(draft, str):
        assert submission is not None
        parts = [(draft, submission, confirmations)]
    else:
        parts = draft
    assert co is not None
    matcher = matcher or Matcher(co)
    items: list[ReportItem] = []
    drafts: list[DraftInfo] = []
    n = 0
    for path, sub, conf in parts:
        asks = asks_of(sub)
        if not asks:
            raise NoAsksError(
                f"{path} has no asks, so there is nothing to compare with the outcome"
            )
        language = sub.metadata.language
        drafts.append(
            DraftInfo(
                path,
                sub.metadata.title,
                [o.name for o in sub.metadata.authors()],
                language,
                conf.file if conf else None,
            )
        )
        confirmed = conf.by_ask if conf else {}
        matcher.prepare([text for _, text, _ in asks], language)
        for ask_id, text, articles in asks:
            n += 1
            items.append(_item(n, path, ask_id, text, articles, language, co, matcher, confirmed))
    heading_of = {p.number: p.heading for p in co.paragraphs}
    for i in items:
        if i.paragraph:
            found = co.lookup(i.paragraph)
            i.theme = (found[0].heading if found else None) or heading_of.get(0) or ""
    answered = {i.paragraph for i in items if i.paragraph}
    looked_up = [co.lookup(p) for p in answered]
    answered_numbers = {found[0].number for found in looked_up if found}
    unasked = [
        p.label or str(p.number) for p in co.recommendations() if p.number not in answered_numbers
    ]
    first = parts[0]
    return ImpactReport(
        draft=first[0],
        draft_title=first[1].metadata.title,
        state=getattr(first[1].metadata, "state", ""),
        concluding_observations=co,
        confirmations_file=first[2].file if first[2] else None,
        items=items,
        drafts=drafts,
        language=first[1].metadata.language,
        method=matcher.method,
        thresholds=dict(matcher.thresholds),
        unasked=unasked,
    )


def _item(
    n: int,
    path: str,
    ask_id: str,
    text: str,
    articles: list[int],
    language: str,
    co: ConcludingObservations,
    matcher: Matcher,
    confirmed: dict,
) -> ReportItem:
    m = matcher.match(ask_id, text, articles, top=3, language=language)
    links = [Link(c.label, c.score, c.reason) for c in m.candidates]
    c = confirmed.get(ask_id)
    if c is not None:
        if c.paragraph is None:
            paragraph, score, reason, verdict = (
                None,
                None,
                "confirmed as not reflected",
                "not reflected",
            )
        else:
            found = matcher.score_of(text, articles, c.paragraph)
            paragraph, verdict = c.paragraph, c.verdict or "taken up"
            score = found.score if found else None
            reason = found.reason if found else "confirmed by the writer"
    elif m.best is not None and m.verdict != "not reflected":
        paragraph, score, reason, verdict = m.best.label, m.best.score, m.best.reason, m.verdict
        if verdict == "unclear, check":
            subject = matcher.last_subject
            if subject and subject.lower() not in m.best.reason.lower():
                reason += f"; the ask's subject ({subject}) is not in it"
    else:
        paragraph, verdict = None, "not reflected"
        score = m.best.score if m.best else None
        reason = f"best candidate {m.best.label} is a weak match" if m.best else "no shared terms"
    quote = co.quote(paragraph) if paragraph else ""
    return ReportItem(
        number=n,
        ask_id=ask_id,
        ask_text=text,
        verdict=verdict,
        paragraph=paragraph,
        score=score,
        reason=reason,
        quote=quote,
        confirmed=c is not None,
        note=c.note if c else "",
        follow_up=bool(
            paragraph and verdict != "unclear, check" and co.selected_for_follow_up(paragraph)
        ),
        candidates=links,
        draft=path,
    )


# --- wording shared by the formats -------------------------------------------------------


def _co_name(co: ConcludingObservations) -> str:
    parts = [p for p in (co.symbol, co.title) if p]
    return ", ".join(parts) or co.source


def _unit_name(co: ConcludingObservations, label: str, language: str) -> str:
    key = {"UPR outcome": "recommendation"}.get(co.kind, "paragraph")
    if co.kind.startswith("list of issues"):
        key = "question"
    return word(key, language, label=label)


def confidence(item: ReportItem, language: str) -> str:
    if item.confirmed:
        return _nested("confidence", "confirmed", language)
    return _nested("confidence", item.verdict, language)


def verdict_word(verdict: str, language: str) -> str:
    return _nested("verdict", verdict, language)


def follow_up_line(co: ConcludingObservations, language: str = "en") -> str:
    fu = co.follow_up
    if fu is None:
        return ""
    when = word("by_date", language, date=_date(fu.deadline, language)) if fu.deadline else ""
    return word("follow_up_line", language, p=fu.paragraph, when=when, list=", ".join(fu.selected))


def _title(report: ImpactReport) -> str:
    lang = report.language
    if len(report.drafts) > 1:
        outcome = report.concluding_observations.symbol or _co_name(report.concluding_observations)
        return word("title_many", lang, n=len(report.drafts), outcome=outcome)
    return word("title", lang, title=report.draft_title)


def _summary(report: ImpactReport) -> str:
    c = report.counts()
    return word(
        "summary",
        report.language,
        n=len(report.items),
        taken=c["taken up"],
        partly=c["partly taken up"],
        unclear=c["unclear, check"],
        none=c["not reflected"],
    )


def _first_words(text: str, n: int = 16) -> str:
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


def _unasked_lines(report: ImpactReport) -> list[str]:
    co = report.concluding_observations
    lines = []
    for label in report.unasked[:UNASKED_SHOWN]:
        found = co.lookup(label)
        if not found:
            continue
        para = found[0]
        theme = f" ({para.heading})" if para.heading else ""
        lines.append(
            f"{_unit_name(co, label, report.language)}{theme}: {_first_words(para.full_text())}"
        )
    rest = len(report.unasked) - UNASKED_SHOWN
    if rest > 0:
        lines.append(word("and_more", report.language, n=rest))
    return lines


def _themes(report: ImpactReport) -> dict[str, list[tuple[str, list[ReportItem]]]]:
    """Matched paragraphs grouped by the outcome's thematic heading, in the outcome's order,
    each once with the asks it answers."""
    out: dict[str, list[tuple[str, list[ReportItem]]]] = {}
    other = word("other_theme", report.language)
    for label, items in _paragraphs(report):
        out.setdefault(items[0].theme or other, []).append((label, items))
    return out


def _paragraphs(report: ImpactReport) -> list[tuple[str, list[ReportItem]]]:
    """Each matched paragraph once, in the outcome's order, with the asks it answers."""
    by: dict[str, list[ReportItem]] = {}
    for i in report.items:
        if i.paragraph and i.verdict in ("taken up", "partly taken up"):
            by.setdefault(i.paragraph, []).append(i)
    order: dict[str, int] = {}
    for p in report.concluding_observations.paragraphs:
        order[p.label or label_of(p.number)] = len(order)
        for s in p.subparagraphs:
            order[label_of(p.number, s.letter)] = len(order)
    return sorted(by.items(), key=lambda kv: order.get(kv[0], 10**6))


def _response(co: ConcludingObservations, label: str, language: str) -> str:
    found = co.lookup(label)
    if found and found[0].response:
        return f" ({_nested('response', found[0].response, language)})"
    return ""


# --- Markdown ------------------------------------------------------------------------------


def to_markdown(report: ImpactReport) -> str:
    co = report.concluding_observations
    lang = report.language
    many = len(report.drafts) > 1
    out = [f"# {_title(report)}", ""]
    out.append(f"- {word('outcome', lang)}{_colon(lang)}{_co_name(co)}")
    if many:
        out.append(f"- {word('submissions', lang)}{_colon(lang).rstrip()}")
        out += [f"  - {d.title} (`{d.path}`)" for d in report.drafts]
    else:
        out.append(
            f"- {word('submission', lang)}{_colon(lang)}{report.draft_title} (`{report.draft}`)"
        )
    out.append(f"- {word('matcher', lang)}{_colon(lang)}{report.method}")
    out.append(f"- {_summary(report)}")
    conf_file = report.confirmations_file or confirmations_path(Path(report.draft)).name
    out += [f"- {word('confirm_hint', lang, file=f'`{conf_file}`')}", ""]
    for code, message in report.notes:
        out += [f"> {code}{_colon(lang)}{note_text(code, message, lang)}", ""]

    out += [f"## {word('by_theme', lang)}", ""]
    themes = _themes(report)
    for theme, paragraphs in themes.items():
        out += [f"### {theme}", ""]
        for label, items in paragraphs:
            for i in items:
                who = f" ({_draft_title(report, i)})" if many else ""
                out += [
                    f"**{word('our_ask', lang)}{who}{_colon(lang).rstrip()}** “{i.ask_text}”",
                    "",
                ]
            selected = f" — {word('selected', lang)}" if co.selected_for_follow_up(label) else ""
            out += [
                f"**{_unit_name(co, label, lang)}**{_response(co, label, lang)}{selected}:",
                "",
                f"> {co.quote(label)}",
                "",
            ]
            for i in items:
                note = f" {i.note}" if i.note else ""
                out.append(
                    f"- {word('answers', lang)}{_colon(lang)}{i.title} — {verdict_word(i.verdict, lang)}, "
                    f"{confidence(i, lang)} ({i.reason}){note}"
                )
            out.append("")
    if not themes:
        out += ["—", ""]

    out += [f"## {word('to_check', lang)}", ""]
    if report.to_check:
        for i in report.to_check:
            line = word("to_check_line", lang, label=_unit_name(co, i.paragraph or "", lang))
            out.append(f"- {i.title} — {line} ({i.reason})")
    else:
        out.append("—")
    out += ["", f"## {word('not_reflected', lang)}", ""]
    if report.not_reflected:
        out += [f"- {i.title}" + (f" — {i.note}" if i.note else "") for i in report.not_reflected]
    else:
        out.append(word("all_matched", lang))
    key = "unasked_upr" if co.kind == "UPR outcome" else "unasked"
    out += ["", f"## {word(key, lang)}", ""]
    out += [f"- {line}" for line in _unasked_lines(report)] or ["—"]
    out += ["", f"## {word('follow_up', lang)}", ""]
    if co.follow_up:
        out.append(follow_up_line(co, lang))
        taken = [i for i in report.items if i.follow_up]
        out.append("")
        if taken:
            out.append(word("follow_up_taken", lang))
            out.append("")
            out += [f"- {i.paragraph}: {i.title}" for i in taken]
        else:
            out.append(word("follow_up_none", lang))
    else:
        out.append(word("no_follow_up", lang))
    return "\n".join(out) + "\n"


def _draft_title(report: ImpactReport, item: ReportItem) -> str:
    return next((d.title for d in report.drafts if d.path == item.draft), item.draft)


# --- JSON --------------------------------------------------------------------------------


def to_json(report: ImpactReport) -> str:
    co = report.concluding_observations
    data: dict[str, Any] = {
        "draft": report.draft,
        "concluding_observations": {
            "source": co.source,
            "symbol": co.symbol,
            "title": co.title,
            "state": co.state,
            "follow_up": (
                {
                    "paragraph": co.follow_up.paragraph,
                    "selected": co.follow_up.selected,
                    "deadline": co.follow_up.deadline.isoformat()
                    if co.follow_up.deadline
                    else None,
                }
                if co.follow_up
                else None
            ),
        },
        "thresholds": {
            "taken_up": report.thresholds.get("taken up"),
            "partly": report.thresholds.get("partly"),
            "unclear": report.thresholds.get("unclear"),
        },
        "confirmations_file": report.confirmations_file,
        "asks": [
            {
                "number": i.number,
                "id": i.ask_id,
                "text": i.ask_text,
                "verdict": i.verdict,
                "paragraph": i.paragraph,
                "score": i.score,
                "reason": i.reason,
                "quote": i.quote,
                "confirmed": i.confirmed,
                "note": i.note,
                "selected_for_follow_up": i.follow_up,
                "candidates": [
                    {"paragraph": c.paragraph, "score": c.score, "reason": c.reason}
                    for c in i.candidates
                ],
                "title": i.title,
                "confidence": confidence(i, "en"),
                "draft": i.draft,
            }
            for i in report.items
        ],
        "not_reflected": [i.ask_id for i in report.not_reflected],
        "outcome": {
            "kind": co.kind,
            "mechanism": co.mechanism,
            "language": co.language,
            "committee": co.committee,
        },
        "drafts": [
            {
                "path": d.path,
                "title": d.title,
                "language": d.language,
                "confirmations_file": d.confirmations_file,
            }
            for d in report.drafts
        ],
        "matcher": report.method,
        "notes": [{"code": c, "message": m} for c, m in report.notes],
        "to_check": [i.ask_id for i in report.to_check],
        "unasked": report.unasked,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# --- DOCX --------------------------------------------------------------------------------

_BCP47 = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES"}


def to_document(report: ImpactReport, created: dt.datetime | None = None) -> Any:
    """The report as a document tree for the DOCX writer (no treaty knowledge needed there)."""
    from submission_kit.doctree import Document, Heading, ListItem, Para, Properties, Text

    co = report.concluding_observations
    lang = report.language
    many = len(report.drafts) > 1
    created = created or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    doc = Document(
        properties=Properties(
            title=_title(report),
            author="submission-kit",
            language=_BCP47.get(lang, "en-GB"),
            created=created,
            subject=_co_name(co),
        )
    )
    b = doc.blocks
    b.append(Heading(0, [Text(_title(report))]))
    b.append(Para([Text(f"{word('outcome', lang)}{_colon(lang)}", bold=True), Text(_co_name(co))]))
    for d in report.drafts:
        b.append(
            Para([Text(f"{word('submission', lang)}{_colon(lang)}", bold=True), Text(d.title)])
        )
    b.append(Para([Text(f"{word('matcher', lang)}{_colon(lang)}", bold=True), Text(report.method)]))
    b.append(Para([Text(_summary(report))], role="note"))
    for code, message in report.notes:
        b.append(Para([Text(f"{code}{_colon(lang)}{note_text(code, message, lang)}")], role="note"))

    b.append(Heading(1, [Text(word("by_theme", lang))]))
    for n, (theme, paragraphs) in enumerate(_themes(report).items()):
        b.append(Heading(2, [Text(theme)]))
        for k, (label, items) in enumerate(paragraphs):
            for i in items:
                who = f" ({_draft_title(report, i)})" if many else ""
                b.append(
                    Para(
                        [
                            Text(f"{word('our_ask', lang)}{who}{_colon(lang)}", bold=True),
                            Text(f"“{i.ask_text}”"),
                        ]
                    )
                )
            selected = f" — {word('selected', lang)}" if co.selected_for_follow_up(label) else ""
            b.append(
                Para(
                    [Text(f"{_unit_name(co, label, lang)}{_response(co, label, lang)}{selected}:")],
                    bold=True,
                    keep_with_next=True,
                )
            )
            b.append(Para([Text(co.quote(label))], role="quote"))
            for i in items:
                b.append(
                    ListItem(
                        [
                            Text(
                                f"{word('answers', lang)}{_colon(lang)}{i.title} — "
                                f"{verdict_word(i.verdict, lang)}, {confidence(i, lang)}"
                            )
                        ],
                        list_id=f"answers-{n}-{k}",
                        scheme="bullet",
                    )
                )

    b.append(Heading(1, [Text(word("to_check", lang))]))
    for i in report.to_check:
        line = word("to_check_line", lang, label=_unit_name(co, i.paragraph or "", lang))
        b.append(ListItem([Text(f"{i.title} — {line}")], list_id="to-check", scheme="bullet"))
    if not report.to_check:
        b.append(Para([Text("—")]))
    b.append(Heading(1, [Text(word("not_reflected", lang))]))
    for i in report.not_reflected:
        b.append(ListItem([Text(i.title)], list_id="not-reflected", scheme="bullet"))
    if not report.not_reflected:
        b.append(Para([Text(word("all_matched", lang))]))
    key = "unasked_upr" if co.kind == "UPR outcome" else "unasked"
    b.append(Heading(1, [Text(word(key, lang))]))
    for line in _unasked_lines(report):
        b.append(ListItem([Text(line)], list_id="unasked", scheme="bullet"))
    b.append(Heading(1, [Text(word("follow_up", lang))]))
    if co.follow_up:
        b.append(Para([Text(follow_up_line(co, lang))]))
        for i in report.items:
            if i.follow_up:
                b.append(
                    ListItem([Text(f"{i.paragraph}: {i.title}")], list_id="fu", scheme="bullet")
                )
    else:
        b.append(Para([Text(word("no_follow_up", lang))]))
    return doc
