"""A UPR stakeholder submission, in the order of the OHCHR technical guidelines: the title
block (State under review, cycle, Working Group session, submitters), the joint submitters at
the start of the text, key words and summary, then numbered chapters: introduction, follow-up
to the previous review (citing its recommendations by number, recommending State and
position), national framework, the situation on the ground by theme, and the recommendations
to the State under review gathered from the themes. Paragraphs are numbered throughout."""

from __future__ import annotations

from submission_kit import reference
from submission_kit.compose.common import PARAGRAPHS, Composer, _upper_first
from submission_kit.compose.conventions import (
    format_date,
    format_date_range,
    join_list,
    letter,
    ordinal_words,
    roman,
    session_name,
)
from submission_kit.doctree import Heading, ListItem, Para, Text
from submission_kit.model.addressees import UprMetadata, UprRecommendationRef
from submission_kit.model.kinds.upr_submission import UprSubmission

KIND = "upr_submission"


def cycle_text(c: Composer, cycle: int) -> str:
    words = ordinal_words(cycle, c.language)
    if words:
        return c.phrase("upr_cycle_words", words=words)
    return c.phrase("upr_cycle_numeral", number=cycle)


def session_text(c: Composer) -> str:
    meta = c.submission.metadata
    upr = reference.mechanism("upr")
    session = session_name(meta.session.number, upr.session_style, c.language)
    line = c.phrase(
        "upr_session_line",
        session=session,
        working_group=c.typographic(upr.working_group.get(c.language) or upr.working_group["en"]),
    )
    if meta.session.start and meta.session.end:
        dates = format_date_range(meta.session.start, meta.session.end, c.language)
        line = c.phrase("session_with_dates", session=line, dates=dates)
    return _upper_first(line)


def _names(c: Composer, organisations: list) -> list[str]:
    return [
        c.phrase("lead_organisation", name=o.name) if o.role == "lead" else o.name
        for o in organisations
    ]


def title_lines(c: Composer) -> list[str]:
    meta = c.submission.metadata
    if not isinstance(meta, UprMetadata):  # the UPR composer is only given UPR submissions
        raise TypeError(f"a UPR submission has UprMetadata, not {type(meta).__name__}")
    upr = reference.mechanism("upr")
    lines = [
        c.typographic(upr.name.get(c.language) or upr.name["en"]),
        _upper_first(cycle_text(c, meta.cycle)),
        session_text(c),
        c.phrase("state_under_review_line"),
    ]
    if meta.submission == "joint":
        lines.append(c.phrase("upr_joint", coalition=meta.coalition))
    else:
        names = join_list(_names(c, meta.authors()), c.language)
        of_names = c.of_names(meta.authors(), labelled=False)
        lines.append(c.phrase("upr_individual", names=names, of_names=of_names))
    endorsing = [o for o in meta.organisations if o.role == "endorser"]
    endorsers = [o.name for o in endorsing]
    if endorsers:
        of_names = c.of_names(endorsing, labelled=False)
        lines.append(
            c.phrase("endorsed_by", names=join_list(endorsers, c.language), of_names=of_names)
        )
    lines.append(format_date(meta.date, c.language))
    return lines


def recommendation_ref(c: Composer, ref: UprRecommendationRef) -> str:
    """ "139.12 (Norway), supported": a State given by its code is named in the document's
    language; a name is printed as written."""
    state = ref.recommending_state
    country = reference.country(state) if len(state) == 3 and state.isupper() else None
    position = c.phrases.raw(f"upr_positions.{ref.position}") if ref.position else ""
    return c.phrase(
        "upr_recommendation_ref",
        number=ref.number,
        state=c.typographic(country.name(c.language)) if country else state,
        position=position,
    )


def compose_body(c: Composer) -> str:
    upr = c.submission
    assert isinstance(upr, UprSubmission)
    meta = upr.metadata
    mechanism = reference.mechanism("upr")
    c.subject = c.phrase(
        "upr_subject",
        mechanism=c.typographic(mechanism.name.get(c.language) or mechanism.name["en"]),
        cycle=cycle_text(c, meta.cycle),
    )
    c.keywords = ", ".join(["UPR", meta.state, *upr.key_words])
    c.masthead(title_lines(c))
    c.title()
    if meta.submission == "joint":
        # The OHCHR guidelines ask for the joint submitters at the start of the text.
        c.add(
            Para(
                content=[Text(c.phrase("upr_joint_intro", coalition=meta.coalition))],
                keep_with_next=True,
            )
        )
        members = c.new_list("bullet")
        for name in _names(c, meta.authors()):
            c.add(ListItem(content=[Text(name)], list_id=members, scheme="bullet"))
    if upr.key_words:
        c.add(Para(content=c.inlines(c.phrase("key_words", words=", ".join(upr.key_words)))))
    if upr.summary:
        c.add(Heading(level=1, content=[Text(c.phrase("upr_summary"))]))
        c.paragraphs(upr.summary, numbered=True)
    chapter = 0

    def chapter_heading(key: str) -> None:
        nonlocal chapter
        chapter += 1
        c.add(Heading(level=0, content=[Text(c.phrase(key))], number=f"{roman(chapter)}."))

    if upr.introduction:
        chapter_heading("upr_introduction")
        c.paragraphs(upr.introduction, numbered=True)
    if upr.follow_up:
        chapter_heading("upr_follow_up")
        for item in upr.follow_up:
            if item.title:
                c.heading(2, item.title)
            refs = [recommendation_ref(c, r) for r in item.recommendations]
            line = c.phrase("upr_follow_up_refs", count=len(refs), refs=join_list(refs, c.language))
            c.add(Para(content=[Text(line, italic=True)], keep_with_next=True))
            c.paragraphs(item.paragraphs, numbered=True)
    if upr.national_framework:
        chapter_heading("upr_framework")
        c.paragraphs(upr.national_framework, numbered=True)
    chapter_heading("upr_situation")
    for i, theme in enumerate(upr.themes):
        c.add(Heading(level=1, content=c.inlines(theme.title), number=f"{letter(i)}."))
        c.paragraphs(theme.paragraphs, numbered=True)
    if any(t.recommendations for t in upr.themes) or upr.recommendations:
        chapter_heading("upr_recommendations")
        for theme in upr.themes:
            if theme.recommendations:
                c.heading(2, theme.title)
                c.numbered([r.text or "" for r in theme.recommendations], PARAGRAPHS, bold=True)
        if upr.recommendations:
            if any(t.recommendations for t in upr.themes):
                c.heading(2, c.phrase("upr_general_recommendations"))
            c.numbered([r.text or "" for r in upr.recommendations], PARAGRAPHS, bold=True)
    return ""
