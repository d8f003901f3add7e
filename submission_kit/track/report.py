"""The impact report: each ask, the paragraph that took it up, the Committee's words, the verdict.

Built once (`build_report`) and written as Markdown, JSON (stable keys) or a document
tree for the DOCX writer. The writer's confirmations override the matcher's links.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from submission_kit.model.common import Submission
from submission_kit.track.confirm import Confirmations
from submission_kit.track.match import THRESHOLDS, Matcher
from submission_kit.track.parse import ConcludingObservations


class NoAsksError(ValueError):
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


@dataclass
class ImpactReport:
    draft: str
    draft_title: str
    state: str
    concluding_observations: ConcludingObservations
    confirmations_file: str | None
    items: list[ReportItem]

    @property
    def not_reflected(self) -> list[ReportItem]:
        return [i for i in self.items if i.verdict == "not reflected"]

    def counts(self) -> dict[str, int]:
        out = {"taken up": 0, "partly taken up": 0, "not reflected": 0}
        for i in self.items:
            out[i.verdict] += 1
        return out


def asks_of(submission: Submission) -> list[tuple[str, str, list[int]]]:
    """(id, text, articles) of every ask in document order; asks without an id get 'ask-N'.

    An ask without articles of its own takes those of its issue or follow-up item (the model's
    `asks_with_articles` decides, for every kind alike).
    """
    return [
        (ask.id or f"ask-{n}", ask.text or "", [a.article for a in articles])
        for n, (_, ask, articles) in enumerate(submission.asks_with_articles(), start=1)
    ]


def build_report(
    draft: str,
    submission: Submission,
    co: ConcludingObservations,
    confirmations: Confirmations | None = None,
    matcher: Matcher | None = None,
) -> ImpactReport:
    asks = asks_of(submission)
    if not asks:
        raise NoAsksError(
            f"{draft} has no asks, so there is nothing to compare with the concluding observations"
        )
    matcher = matcher or Matcher(co)
    confirmed = confirmations.by_ask if confirmations else {}
    items = []
    for n, (ask_id, text, articles) in enumerate(asks, start=1):
        m = matcher.match(ask_id, text, articles, top=3)
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
        else:
            paragraph, verdict = None, "not reflected"
            score = m.best.score if m.best else None
            reason = (
                f"best candidate {m.best.label} scores {m.best.score:.2f}, below "
                f"{THRESHOLDS['partly']:.2f}"
                if m.best
                else "no shared terms with any recommendation"
            )
        items.append(
            ReportItem(
                number=n,
                ask_id=ask_id,
                ask_text=text,
                verdict=verdict,
                paragraph=paragraph,
                score=score,
                reason=reason,
                quote=co.quote(paragraph) if paragraph else "",
                confirmed=c is not None,
                note=c.note if c else "",
                follow_up=bool(paragraph and co.selected_for_follow_up(paragraph)),
                candidates=links,
            )
        )
    return ImpactReport(
        draft=draft,
        draft_title=submission.metadata.title,
        state=getattr(submission.metadata, "state", ""),
        concluding_observations=co,
        confirmations_file=confirmations.file if confirmations else None,
        items=items,
    )


def _co_name(co: ConcludingObservations) -> str:
    parts = [p for p in (co.symbol, co.title) if p]
    return ", ".join(parts) or co.source


def _follow_up_line(co: ConcludingObservations) -> str:
    fu = co.follow_up
    if fu is None:
        return ""
    when = f" by {fu.deadline.day} {fu.deadline:%B %Y}" if fu.deadline else ""
    return (
        f"Paragraph {fu.paragraph} asks the State to report{when} on the recommendations of "
        f"paragraphs {', '.join(fu.selected)}."
    )


def to_markdown(report: ImpactReport) -> str:
    co = report.concluding_observations
    counts = report.counts()
    out = [
        f"# Impact report: {report.draft_title}",
        "",
        f"- Draft: `{report.draft}`",
        f"- Concluding observations: {_co_name(co)}",
        f"- Asks: {len(report.items)}; taken up {counts['taken up']}, partly taken up "
        f"{counts['partly taken up']}, not reflected {counts['not reflected']}",
        f"- Verdicts: taken up when the score is at least {THRESHOLDS['taken up']:.2f}, partly "
        f"taken up at least {THRESHOLDS['partly']:.2f}, otherwise not reflected. "
        "Scores are a first pass; confirm or correct the links in "
        f"`{report.confirmations_file or 'DRAFT.track.yaml'}`.",
        "",
        "| # | Ask | Paragraph | Score | Verdict | Confirmed | Follow-up |",
        "|---|---|---|---|---|---|---|",
    ]
    for i in report.items:
        out.append(
            f"| {i.number} | {i.ask_id} | {i.paragraph or '—'} | "
            f"{'' if i.score is None else f'{i.score:.2f}'} | {i.verdict} | "
            f"{'yes' if i.confirmed else ''} | {'selected' if i.follow_up else ''} |"
        )
    out += ["", "## Asks and the Committee's text", ""]
    for i in report.items:
        out += [f"### {i.number}. {i.ask_id}", "", f"**Ask:** {i.ask_text}", ""]
        if i.paragraph:
            how = "confirmed" if i.confirmed else f"score {i.score:.2f}"
            out += [
                f"**Paragraph {i.paragraph}** — {i.verdict} ({how}; {i.reason})",
                "",
                f"> {i.quote}",
                "",
            ]
            if i.follow_up:
                out += [f"Selected for follow-up: {_follow_up_line(co)}", ""]
        else:
            out += [f"**Not reflected** ({'confirmed' if i.confirmed else i.reason})", ""]
        if i.note:
            out += [f"Note: {i.note}", ""]
        others = [c for c in i.candidates if c.paragraph != i.paragraph]
        if others and not i.confirmed:
            listed = "; ".join(f"{c.paragraph} ({c.score:.2f})" for c in others)
            out += [f"Other candidates: {listed}", ""]
    out += ["## Not reflected", ""]
    if report.not_reflected:
        out += [f"- {i.ask_id}: {i.ask_text}" for i in report.not_reflected]
    else:
        out.append("Every ask was matched to a recommendation.")
    out += ["", "## Follow-up", ""]
    if co.follow_up:
        out.append(_follow_up_line(co))
        taken = [i for i in report.items if i.follow_up]
        out.append("")
        if taken:
            out += [f"- {i.ask_id} → paragraph {i.paragraph}" for i in taken]
        else:
            out.append("None of the matched recommendations is among them.")
    else:
        out.append("The concluding observations select no recommendations for follow-up.")
    return "\n".join(out) + "\n"


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
        "thresholds": {"taken_up": THRESHOLDS["taken up"], "partly": THRESHOLDS["partly"]},
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
            }
            for i in report.items
        ],
        "not_reflected": [i.ask_id for i in report.not_reflected],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def to_document(report: ImpactReport, created: dt.datetime | None = None) -> Any:
    """The report as a document tree for the DOCX writer (no treaty knowledge needed there)."""
    from submission_kit.doctree import Document, Heading, ListItem, Para, Properties, Text

    co = report.concluding_observations
    created = created or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    doc = Document(
        properties=Properties(
            title=f"Impact report: {report.draft_title}",
            author="submission-kit",
            language="en-GB",
            created=created,
            subject=_co_name(co),
        )
    )
    b = doc.blocks
    b.append(Heading(0, [Text(f"Impact report: {report.draft_title}")]))
    b.append(Para([Text(f"Concluding observations: {_co_name(co)}")]))
    counts = report.counts()
    b.append(
        Para(
            [
                Text(
                    f"{len(report.items)} asks: taken up {counts['taken up']}, partly taken up "
                    f"{counts['partly taken up']}, not reflected {counts['not reflected']}. Verdicts: taken "
                    f"up from a score of {THRESHOLDS['taken up']:.2f}, partly from {THRESHOLDS['partly']:.2f}."
                )
            ],
            role="note",
        )
    )
    for i in report.items:
        b.append(Heading(1, [Text(f"{i.number}. {i.ask_id}")]))
        b.append(Para([Text("Ask: ", bold=True), Text(i.ask_text)]))
        if i.paragraph:
            how = "confirmed" if i.confirmed else f"score {i.score:.2f}"
            b.append(
                Para(
                    [
                        Text(f"Paragraph {i.paragraph}: ", bold=True),
                        Text(f"{i.verdict} ({how}; {i.reason})"),
                    ]
                )
            )
            b.append(Para([Text(i.quote)], role="quote"))
            if i.follow_up:
                b.append(
                    Para([Text("Selected for follow-up. " + _follow_up_line(co))], role="note")
                )
        else:
            b.append(
                Para(
                    [
                        Text("Not reflected ", bold=True),
                        Text(f"({'confirmed' if i.confirmed else i.reason})"),
                    ]
                )
            )
        if i.note:
            b.append(Para([Text(f"Note: {i.note}")], role="note"))
    b.append(Heading(1, [Text("Not reflected")]))
    for i in report.not_reflected:
        b.append(
            ListItem([Text(f"{i.ask_id}: {i.ask_text}")], list_id="not-reflected", scheme="bullet")
        )
    if not report.not_reflected:
        b.append(Para([Text("Every ask was matched to a recommendation.")]))
    if co.follow_up:
        b.append(Heading(1, [Text("Follow-up")]))
        b.append(Para([Text(_follow_up_line(co))]))
    return doc
