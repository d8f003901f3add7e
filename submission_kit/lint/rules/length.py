"""Length rules: the committee's word limit for written submissions, and speaking time."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from submission_kit import reference
from submission_kit.diagnostics import Severity
from submission_kit.lint import Context, Finding, rule
from submission_kit.model.addressees import HrcMetadata, UprMetadata
from submission_kit.model.kinds.oral_statement import OralStatement
from submission_kit.model.words import speaking_seconds, total_words, word_count
from submission_kit.reference.folders import phrase_catalogue

if TYPE_CHECKING:
    from submission_kit.model.common import Submission
    from submission_kit.settings import Settings

ORAL = ("oral_statement",)


def _limit(ctx: Context) -> tuple[int | None, str]:
    limit, what, _ = written_limit(ctx.submission, ctx.settings)
    return limit, what


def written_limit(submission: Submission, settings: Settings) -> tuple[int | None, str, str]:
    """The word limit of a written submission as its addressee sets it, what the limit is, and
    a note on how sure the figure is ("" when a source states it)."""
    if settings.word_limit:
        return settings.word_limit, "the word-limit setting", ""
    meta = submission.metadata
    if isinstance(meta, HrcMetadata):
        # A joint statement may be as long as its best-placed submitter's status allows.
        statuses = [o.ecosoc_status for o in meta.submitters() if o.ecosoc_status]
        limits = reference.mechanism("hrc").word_limits
        status = max(statuses, key=lambda s: limits[s]) if statuses else "special"
        return limits[status], f"the Council's limit for a statement in {status} status", ""
    if isinstance(meta, UprMetadata):
        kind = meta.submission
        setting = getattr(settings, f"upr_word_limit_{kind}")
        if setting:
            return setting, f"the upr-word-limit-{kind} setting", ""
        limit = reference.mechanism("upr").word_limits[kind]
        return (
            limit,
            f"the UPR limit for {'an' if kind == 'individual' else 'a'} {kind} submission",
            "a figure reported for the third cycle but not confirmed; check the current OHCHR "
            f"guidelines, or set upr-word-limit-{kind}",
        )
    code = meta.committee
    committee_limit = reference.committee(code).word_limit
    if committee_limit:
        return committee_limit, f"the {code}'s limit for written submissions", ""
    return (
        reference.un_document_word_limit(),
        "the UN's limit for documents",
        f"the {code} states no limit of its own; the secretariat may set one",
    )


def written_words(submission: Submission) -> int:
    """Words of a written submission as the UN counts them: every piece of prose, footnotes and
    headings included, and what the document prints twice (the summary of recommendations of an
    alternative report repeats the sections' asks)."""
    texts = [text for _, text in submission.text_paths()] + submission.repeated_texts()
    return sum(word_count(text or "") for text in texts)


def word_count_summary(submission: Submission, settings: Settings) -> tuple[int, int | None, str]:
    """What `subkit check` shows for every written submission: its words, its limit (None for
    an oral statement, timed rather than counted) and the note on the limit."""
    if submission.kind in ORAL:
        return written_words(submission), None, ""
    limit, _, note = written_limit(submission, settings)
    return written_words(submission), limit, note


def _written_words(ctx: Context) -> int:
    # The UN counts footnotes and headings too: every piece of prose in the draft, and what
    # the document prints twice (an alternative report's summary of recommendations).
    repeated = ctx.submission.repeated_texts()
    return sum(word_count(text) for _, text in ctx.texts()) + sum(map(word_count, repeated))


@rule(
    code="SK301",
    name="word-limit",
    severity=Severity.ERROR,
    rationale="The secretariat does not accept written submissions over the committee's word limit.",
    bad="""
issues:
  - title: On refoulement
    articles: [7]
    paragraphs:
      - Asylum seekers from Uzbekistan and Tajikistan have been returned to countries where
        they face torture, without a hearing and without access to a lawyer or an interpreter.
      - Families learn of a return only after the person has left the country, and no
        official record of the decision is kept.
    questions:
      - Will the principle of non-refoulement be respected in every case?
""",
    good="""
issues:
  - title: On refoulement
    articles: [7]
    paragraphs:
      - Asylum seekers have been returned to countries where they face torture.
    questions:
      - Will the principle of non-refoulement be respected in every case?
""",
    example_settings="word-limit = 60  # far below the committee's own limit, to keep it short",
)
def word_limit(ctx: Context) -> Iterator[Finding]:
    """Counts every word of a written submission (any kind but an oral statement), footnotes and
    headings included, as the UN counts, and compares the total with the committee's limit
    (CCPR: 10,000 words) or the word-limit setting."""
    limit, what = _limit(ctx)
    if not limit or ctx.submission.spoken:
        return
    words = _written_words(ctx)
    if words > limit:
        note = written_limit(ctx.submission, ctx.settings)[2]
        yield Finding(
            ("kind",),
            f"the submission has {words:,} words, {words - limit:,} over {what} ({limit:,})"
            + (f"; {note}" if note else ""),
            "shorten it, or move background material to an annex the committee does not count; "
            "footnotes and headings count too",
        )


@rule(
    code="SK302",
    name="near-word-limit",
    severity=Severity.WARNING,
    rationale="A submission close to the word limit overruns with the last edits; cut early.",
    bad="""
issues:
  - title: On refoulement
    articles: [7]
    paragraphs:
      - Asylum seekers have been returned in 2010 to countries where they face torture,
        without a hearing, without a lawyer and without an interpreter.
    questions:
      - Will the principle of non-refoulement be respected in every case?
""",
    good="""
issues:
  - title: On refoulement
    articles: [7]
    paragraphs:
      - Asylum seekers have been returned to countries where they face torture.
    questions:
      - Will the principle of non-refoulement be respected in every case?
""",
    example_settings="word-limit = 40  # 36 words and more are within 90% of it",
)
def near_word_limit(ctx: Context) -> Iterator[Finding]:
    """Warns when the word count of a written submission reaches the near-limit fraction
    (default 90%) of the limit."""
    limit, what = _limit(ctx)
    if not limit or ctx.submission.spoken:
        return
    words = _written_words(ctx)
    if ctx.settings.near_limit * limit <= words <= limit:
        yield Finding(
            ("kind",),
            f"the submission has {words:,} words, {words / limit:.0%} of {what} ({limit:,})",
            "leave room for the final edits; footnotes and headings count too",
        )


def _spoken_words(statement: OralStatement) -> int:
    # The same count as the speaker note in the rendered DOCX: what the speaker reads, "In
    # conclusion" (the catalogue's connective, in the draft's language) included, not the title
    # block or the footnotes.
    connective = str(phrase_catalogue(statement.metadata.language)["in_conclusion"])
    return total_words(statement.spoken_texts(connective))


def speaking_summary(statement: OralStatement, settings: Settings) -> tuple[int, int, int]:
    """What `subkit check` shows for an oral statement: the words the speaker reads, the
    seconds they take at the words-per-minute setting, and the time limit in seconds."""
    words = _spoken_words(statement)
    seconds = round(speaking_seconds(words, settings.words_per_minute))
    return words, seconds, round(statement.time_limit)


def _clock(seconds: float) -> str:
    s = round(seconds)
    return f"{s // 60} min {s % 60:02d} s" if s >= 60 else f"{s} s"


@rule(
    code="SK303",
    name="speaking-time",
    severity=Severity.WARNING,
    rationale="The chair cuts off a speaker who overruns, usually before the asks are read.",
    bad="""
time_limit: 10 s  # the statement has 32 words: 16 s at 120 words a minute
""",
    good="""
time_limit: 1 min
""",
    kinds=ORAL,
)
def speaking_time(ctx: Context[OralStatement]) -> Iterator[Finding]:
    """Estimates the speaking time of the spoken parts (opening, body, asks, conclusion) at the
    words-per-minute setting (default 120, a pace interpreters can follow) against time_limit."""
    words = _spoken_words(ctx.submission)
    limit = ctx.submission.time_limit
    wpm = ctx.settings.words_per_minute
    seconds = speaking_seconds(words, wpm)
    if seconds > limit:
        fits = int(limit / 60 * wpm)
        yield Finding(
            ("time_limit",),
            f"at {wpm} words a minute the statement takes {_clock(seconds)}, over the "
            f"{_clock(limit)} allowed ({words} words; {words * 60 / limit:.0f} a minute needed)",
            f"cut it to about {fits} words; the chair stops a speaker who overruns",
        )


@rule(
    code="SK304",
    name="speaking-rate",
    severity=Severity.ERROR,
    rationale="Read faster than interpreters can follow, a statement is lost in every other language.",
    bad="""
time_limit: 10 s  # 32 words in 10 s: 192 words a minute
""",
    good="""
time_limit: 1 min  # 32 words a minute
""",
    kinds=ORAL,
)
def speaking_rate(ctx: Context[OralStatement]) -> Iterator[Finding]:
    """Reports a statement that only fits its time limit when read faster than the
    max-words-per-minute setting (default 140, where speech counts as fast for interpreters)."""
    words = _spoken_words(ctx.submission)
    limit = ctx.submission.time_limit
    needed = words * 60 / limit
    top = ctx.settings.max_words_per_minute
    if needed > top:
        yield Finding(
            ("time_limit",),
            f"the statement has {words} words for {_clock(limit)}: it needs {needed:.0f} words "
            f"a minute, faster than interpreters can follow ({top})",
            f"cut it to at most {int(limit / 60 * top)} words",
        )
