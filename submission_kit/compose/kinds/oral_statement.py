"""An oral statement: meeting, title, opening and body (unnumbered, as statements are), the
lead-in and numbered asks, "In conclusion" and the conclusion; speaking time in the properties."""

from __future__ import annotations

from submission_kit.compose.common import Composer
from submission_kit.compose.conventions import format_duration
from submission_kit.doctree import Para
from submission_kit.model.inline import plain_text
from submission_kit.model.kinds.oral_statement import OralStatement

KIND = "oral_statement"

#: Default speaking rate for interpreted statements (reference: 100–120 words per minute).
WORDS_PER_MINUTE = 120


def spoken_texts(statement: OralStatement, in_conclusion: str) -> list[str]:
    """Everything the speaker reads aloud, in order (the title and title block are not read)."""
    texts: list[str] = []
    for p in [*statement.opening, *statement.body]:
        texts += [p.text, *p.items]
    texts.append(statement.asks.lead_in)
    texts += [a.text for a in statement.asks.items]
    if statement.conclusion:
        texts.append(in_conclusion)
        for p in statement.conclusion:
            texts += [p.text, *p.items]
    return texts


def word_count(texts: list[str]) -> int:
    return sum(len(plain_text(t).split()) for t in texts)


def compose_body(c: Composer) -> str:
    statement = c.submission
    assert isinstance(statement, OralStatement)
    c.title_block()
    c.heading(1, c.phrase(f"meetings.{statement.meeting}"))
    c.title()
    c.paragraphs(statement.opening, numbered=False)
    c.paragraphs(statement.body, numbered=False)
    c.add(Para(content=c.inlines(statement.asks.lead_in), role="lead_in", keep_with_next=True))
    # Asks to the State are recommendations (bold, as in UN texts); asks to the Committee are not.
    c.numbered(
        [a.text for a in statement.asks.items],
        c.new_list("asks"),
        bold=statement.asks.addressee == "state",
    )
    in_conclusion = c.phrase("in_conclusion")
    if statement.conclusion:
        c.add(Para(content=c.inlines(in_conclusion), keep_with_next=True))
        c.paragraphs(statement.conclusion, numbered=False)
    return speaker_note(c, statement, in_conclusion)


def speaker_note(c: Composer, statement: OralStatement, in_conclusion: str) -> str:
    """The estimated speaking time against the limit, kept out of the text read aloud."""
    words = word_count(spoken_texts(statement, in_conclusion))
    seconds = round(words * 60 / WORDS_PER_MINUTE)
    over = seconds - statement.time_limit
    return c.phrase(
        "speaker_note",
        speaker=statement.speaker.name,
        organisation=statement.speaker.organisation or "",
        estimate=format_duration(seconds, c.language),
        words=words,
        wpm=WORDS_PER_MINUTE,
        limit=format_duration(statement.time_limit, c.language),
        over=format_duration(over, c.language) if over > 0 else "",
    )
