"""An oral statement: meeting, title, opening and body (unnumbered, as statements are), the
lead-in and numbered asks, "In conclusion" and the conclusion; speaking time in the properties."""

from __future__ import annotations

from submission_kit.compose.common import Composer
from submission_kit.compose.conventions import format_duration
from submission_kit.compose.phrases import phrases
from submission_kit.doctree import Para
from submission_kit.model.kinds.oral_statement import OralStatement
from submission_kit.model.words import speaking_seconds, total_words

KIND = "oral_statement"


def in_conclusion(language: str) -> str:
    """The connective printed (and read aloud) before the conclusion, in `language`."""
    return str(phrases(language).raw("in_conclusion"))


def spoken_word_count(statement: OralStatement) -> int:
    """Words the speaker reads aloud, "In conclusion" included: the one count behind both the
    speaker note and the speaking-time rules (SK303, SK304)."""
    return total_words(statement.spoken_texts(in_conclusion(statement.metadata.language)))


def compose_body(c: Composer) -> str:
    statement = c.submission
    assert isinstance(statement, OralStatement)
    c.title_block(extra=[delivered_by(c, statement)])
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
    if statement.conclusion:
        c.add(Para(content=c.inlines(in_conclusion(c.language)), keep_with_next=True))
        c.paragraphs(statement.conclusion, numbered=False)
    return speaker_note(c, statement)


def delivered_by(c: Composer, statement: OralStatement) -> str:
    """ "Delivered by Abdelaziz Muhamat, Global Detention Project (GDP)": who speaks."""
    speaker = statement.speaker
    organisation = speaker.organisation
    return c.phrase(
        "delivered_by",
        speaker=speaker.name,
        position=speaker.position or "",
        organisation=c.organisation_label(organisation) if organisation else "",
    )


def speaker_note(c: Composer, statement: OralStatement) -> str:
    """The estimated speaking time against the limit, kept out of the text read aloud."""
    words = spoken_word_count(statement)
    wpm = c.words_per_minute
    seconds = round(speaking_seconds(words, wpm))
    over = seconds - statement.time_limit
    return c.phrase(
        "speaker_note",
        speaker=statement.speaker.name,
        organisation=statement.speaker.organisation or "",
        estimate=format_duration(seconds, c.language),
        words=words,
        wpm=wpm,
        limit=format_duration(statement.time_limit, c.language),
        over=format_duration(over, c.language) if over > 0 else "",
    )
