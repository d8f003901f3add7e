"""Parts every kind of document shares: the title block, inline markup, footnotes, paragraphs, properties."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from submission_kit import reference
from submission_kit.compose.conventions import (
    format_date,
    format_date_range,
    join_list,
    no_break_spacing,
    place_footnote_refs,
    punctuation_spacing,
    session_name,
    typeset,
)
from submission_kit.compose.phrases import Phrases, phrases
from submission_kit.diagnostics import UserError
from submission_kit.doctree import (
    Block,
    Box,
    Contents,
    ContentsEntry,
    Document,
    FootnoteRef,
    Heading,
    Inline,
    ListItem,
    ListScheme,
    Para,
    Properties,
    Text,
)
from submission_kit.model.common import Organisation, Paragraph, Submission
from submission_kit.model.inline import parse_inline, plain_text
from submission_kit.model.words import DEFAULT_WORDS_PER_MINUTE

#: The one numbered-paragraph list of a document: UN paragraphs run 1, 2, 3 ... to the end.
PARAGRAPHS = "paragraphs"


class ComposeError(UserError, ValueError):
    """The draft cannot be composed for a reason the writer can fix (e.g. a bad SOURCE_DATE_EPOCH)."""


def created_time(submission: Submission) -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else midnight UTC of the draft's date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise ComposeError(
                f"SOURCE_DATE_EPOCH must be a number of seconds since 1970 (got '{epoch}')"
            ) from None
    d = submission.metadata.date
    return dt.datetime(d.year, d.month, d.day, tzinfo=dt.UTC)


@dataclass
class Composer:
    """Builds one Document for one submission in one language; kind modules call its helpers."""

    submission: Submission
    language: str
    phrases: Phrases
    #: Pace of the speaker note of an oral statement (the words-per-minute setting).
    words_per_minute: int = DEFAULT_WORDS_PER_MINUTE
    blocks: list[Block] = field(default_factory=list)
    footnotes: dict[str, list[Inline]] = field(default_factory=dict)
    _lists: int = 0
    #: Set by a kind whose addressee is not a treaty body: the properties' subject and
    #: keywords (the defaults name a committee and a review stage), and the text sizes.
    subject: str | None = None
    keywords: str | None = None
    body_size_pt: float | None = None
    footnote_size_pt: float | None = None

    # -- wording -------------------------------------------------------------------------

    def phrase(self, key: str, **variables: Any) -> str:
        return self.phrases.render(key, **{**self.common_variables, **variables})

    def typographic(self, text: str) -> str:
        """A name from the reference data with the apostrophe the document's language uses, so
        that "Comité des droits de l’homme" matches the phrases' "Réunion d’information"."""
        return reference.typographic(text, self.language)

    @property
    def common_variables(self) -> dict[str, Any]:
        """Variables every phrase may use: the State, committee and spelling chosen by the draft."""
        meta = self.submission.metadata
        # A statement to the Human Rights Council names no State, and only a treaty-body
        # submission names a committee and spells "State party": the others leave them blank.
        state = getattr(meta, "state", "")
        country = reference.country(state) if state else None
        code = getattr(meta, "committee", None)
        committee = reference.committee(code) if code else None
        return {
            "country": self.typographic(country.name(self.language) if country else state),
            # The name in running text, with the article it takes there (the Islamic Republic
            # of Iran, el Brasil, le Kazakhstan); `country` is the short name of labels.
            "country_with_article": self.typographic(
                country.with_article(self.language) if country else state
            ),
            "committee": self.typographic(committee.name.get(self.language) or committee.name["en"])
            if committee
            else "",
            "state_party": meta.state_party() if hasattr(meta, "state_party") else "",
            "language_name": self.phrases.raw("language_name"),
        }

    # -- inline text and footnotes ---------------------------------------------------------

    def inlines(self, text: str, *, bold: bool = False) -> list[Inline]:
        """Draft text with its markup as inlines, in the language's typography (quotation marks,
        ranges, no-break spaces: `typeset`); footnote citations placed per the language."""
        out: list[Inline] = []
        typeset_text = typeset(text, self.language)
        for span in parse_inline(place_footnote_refs(typeset_text, self.language)):
            if span.footnote is not None:
                self._cite(span.footnote)
                out.append(FootnoteRef(span.footnote))
            elif span.text:
                out.append(Text(span.text, bold=bold or span.bold, italic=span.italic))
        return out

    def _cite(self, key: str) -> None:
        if key in self.footnotes:
            return
        source = next((s for s in self.submission.sources if s.id == key), None)
        if source is None:
            # The validator reports unknown citations as errors; a render never gets here.
            raise ComposeError(f"footnote [^{key}] is cited but not defined under sources:")
        body: list[Inline] = []
        for span in parse_inline(typeset(source.text, self.language)):
            # A footnote cannot carry another footnote: keep only its words.
            if span.footnote is None and span.text:
                body.append(Text(span.text, bold=span.bold, italic=span.italic))
        self.footnotes[key] = body

    # -- blocks ----------------------------------------------------------------------------

    def add(self, block: Block) -> None:
        self.blocks.append(block)

    def heading(self, level: int, text: str) -> None:
        self.add(Heading(level=level, content=self.inlines(text)))

    def new_list(self, name: str) -> str:
        """A fresh list id: its numbering starts again at 1 / (a)."""
        self._lists += 1
        return f"{name}-{self._lists}"

    def paragraphs(self, paragraphs: Sequence[Paragraph], *, numbered: bool) -> None:
        """Narrative paragraphs, numbered in the running paragraph list or not, each followed by
        its subparagraphs (a), (b) ... (a new list each time) or bullets, and those by their own
        sub-subparagraphs (i), (ii) ... (bullets under a bullet point)."""
        for p in paragraphs:
            if numbered:
                self.add(ListItem(content=self.inlines(p.text), list_id=PARAGRAPHS))
            else:
                self.add(Para(content=self.inlines(p.text), keep_with_next=bool(p.items)))
            if not p.items:
                continue
            scheme: ListScheme = "lettered" if p.item_style == "lettered" else "bullet"
            sub_scheme: ListScheme = "roman" if scheme == "lettered" else "bullet"
            level = 1 if numbered else 0
            list_id = self.new_list(scheme)
            for item in p.items:
                self.add(
                    ListItem(
                        content=self.inlines(item.text),
                        list_id=list_id,
                        scheme=scheme,
                        level=level,
                    )
                )
                if item.items:
                    sub_list = self.new_list(sub_scheme)
                    for sub in item.items:
                        self.add(
                            ListItem(
                                content=self.inlines(sub),
                                list_id=sub_list,
                                scheme=sub_scheme,
                                level=level + 1,
                            )
                        )

    def numbered(self, texts: Sequence[str], list_id: str, *, bold: bool = False) -> None:
        for text in texts:
            self.add(ListItem(content=self.inlines(text, bold=bold), list_id=list_id, bold=bold))

    # -- the title block -------------------------------------------------------------------

    def session_text(self) -> str:
        meta = self.submission.metadata
        committee = reference.committee(meta.committee)
        session = session_name(meta.session.number, committee.session_style, self.language)
        if meta.session.start and meta.session.end:
            dates = format_date_range(meta.session.start, meta.session.end, self.language)
            return self.phrase("session_with_dates", session=session, dates=dates)
        if meta.session.start:
            dates = format_date(meta.session.start, self.language)
            return self.phrase("session_with_dates", session=session, dates=dates)
        return session

    def organisation_names(self) -> str:
        return join_list([o.name for o in self.submission.metadata.authors()], self.language)

    def of_names(self, organisations: Sequence[Organisation], labelled: bool = True) -> str:
        """The organisations after the language's "of", each with its article where the draft
        gives one: French "du Bureau ..., de la Fédération ... et d’Amnesty International",
        Spanish "del Centro ..."; the phrase catalogues of French and Spanish use it where a
        preposition comes before the names (English phrases use `names`)."""
        of = reference.of_preposition(self.language)
        return join_list(
            [
                self.typographic(
                    reference.after_preposition(
                        of,
                        o.article or "",
                        self.organisation_label(o.name) if labelled else o.name,
                        self.language,
                    )
                )
                for o in organisations
            ],
            self.language,
        )

    def with_articles(self, organisations: Sequence[Organisation], labelled: bool = True) -> str:
        """The organisations each with the article the draft gives its name, as a phrase prints
        them after a preposition that joins no article: French "par la Fédération ..., le
        Bureau ... et Amnesty International", Spanish "por el Centro ..." (`names_with_articles`
        of the phrase catalogues; English phrases use `names`)."""
        return join_list(
            [
                self.with_article(o, self.organisation_label(o.name) if labelled else o.name)
                for o in organisations
            ],
            self.language,
        )

    def with_article(self, organisation: Organisation, name: str | None = None) -> str:
        """One organisation's name (or `name`, e.g. its label) with its article: 'la Fédération
        ...' (`name_with_article` of the phrase catalogues)."""
        return self.typographic(
            reference.name_with_article(organisation.article or "", name or organisation.name)
        )

    def organisation_label(self, name_or_acronym: str) -> str:
        """ "Global Detention Project (GDP)" for an organisation of the draft named by its name
        or acronym; other text unchanged."""
        for o in self.submission.metadata.organisations:
            if name_or_acronym in (o.name, o.acronym):
                return f"{o.name} ({o.acronym})" if o.acronym and o.acronym != o.name else o.name
        return name_or_acronym

    def title_block(self, extra: Sequence[str] = ()) -> None:
        """Who submits, to which committee, at which session, on which State, at which stage,
        when; then `extra` (a kind's own lines, such as who delivers a statement) and the
        contact, if the draft gives one. Not a UN masthead: no emblem, symbol, distribution or
        "Original:" line (NGO texts must not imitate one; the language is in the properties)."""
        meta = self.submission.metadata
        authors = meta.authors()
        key = "organisations_joint" if len(authors) > 1 else "organisations_single"
        labels = [self.typographic(self.organisation_label(o.name)) for o in authors]
        lines = [
            self.phrase(
                key, names=join_list(labels, self.language), of_names=self.of_names(authors)
            )
        ]
        endorsing = [o for o in meta.organisations if o.role == "endorser"]
        endorsers = [self.typographic(self.organisation_label(o.name)) for o in endorsing]
        if endorsers:
            lines.append(
                self.phrase(
                    "endorsed_by",
                    names=join_list(endorsers, self.language),
                    of_names=self.of_names(endorsing),
                )
            )
        lines += [
            self.common_variables["committee"],
            _upper_first(self.session_text()),
            self.phrase("state_line"),
            self.phrase("stage_line", stage=self.phrases.raw(f"stages.{meta.stage}")),
            format_date(meta.date, self.language),
            *extra,
        ]
        if meta.contact:
            organisation = meta.contact.organisation
            lines.append(
                self.phrase(
                    "contact_line",
                    name=meta.contact.name,
                    organisation=self.organisation_label(organisation) if organisation else "",
                    email=meta.contact.email or "",
                )
            )
        for line in lines:
            self.add(Para(content=[Text(line)], role="masthead"))

    def masthead(self, lines: Sequence[str]) -> None:
        """The title block of a kind whose addressee is not a treaty body: the kind gives its
        own lines (a UPR submission its cycle and session, an HRC statement its agenda item)."""
        for line in lines:
            self.add(Para(content=[Text(line)], role="masthead"))

    def contents(self, depth: int = 2) -> None:
        """A table of contents here, over the headings of levels 0 to `depth - 1` that follow
        it; `document()` fills in its entries once every heading is composed."""
        self.add(Contents(title=[Text(self.phrase("contents"))], depth=depth))

    def title(self) -> None:
        self.add(
            Para(
                content=self.inlines(self.submission.metadata.title, bold=True),
                role="title",
                bold=True,
                keep_with_next=True,
            )
        )

    # -- the result ------------------------------------------------------------------------

    def document(self, created: dt.datetime | None, description: str = "") -> Document:
        meta = self.submission.metadata
        subject = self.subject
        if subject is None:
            subject = self.phrase("subject", session=self.session_text())
        keywords = self.keywords
        if keywords is None:
            keywords = ", ".join(
                [meta.committee, meta.state, self.phrases.raw(f"stages.{meta.stage}")]
            )
        properties = Properties(
            title=plain_text(meta.title),
            author=self.organisation_names(),
            language=self.phrases.tag,
            created=created or created_time(self.submission),
            subject=subject,
            keywords=keywords,
            description=description,
        )
        markers = {k: str(v) for k, v in self.phrases.raw("markers").items()}
        _fill_contents(self.blocks)
        before, after = punctuation_spacing(self.language)
        if before or after:
            _respace(self.blocks, self.footnotes, before, after)
        return Document(
            properties=properties,
            blocks=self.blocks,
            footnotes=self.footnotes,
            markers=markers,
            body_size_pt=self.body_size_pt,
            footnote_size_pt=self.footnote_size_pt,
        )


def _fill_contents(blocks: list[Block]) -> None:
    """Each table of contents lists the headings after it, down to its depth (footnote
    citations left out: a contents line carries none)."""
    for i, block in enumerate(blocks):
        if not isinstance(block, Contents):
            continue
        block.entries = [
            ContentsEntry(
                level=b.level,
                content=[x for x in b.content if isinstance(x, Text)],
                number=b.number,
            )
            for b in blocks[i + 1 :]
            if isinstance(b, Heading) and b.level < block.depth
        ]


def _inline_runs(blocks: list[Block]) -> list[list[Inline]]:
    """Every list of inlines in the blocks, inside boxes and tables of contents too."""
    out: list[list[Inline]] = []
    for b in blocks:
        if isinstance(b, Box):
            out.append(b.title)
            out += _inline_runs(list(b.blocks))
        elif isinstance(b, Contents):
            out.append(b.title)
            out += [e.content for e in b.entries]
        elif hasattr(b, "content"):
            out.append(b.content)
    return out


def _respace(
    blocks: list[Block], footnotes: dict[str, list[Inline]], before: str, after: str
) -> None:
    """No-break spaces around the language's punctuation (French : ; ! ? « ») in every run of
    the body and the footnotes, in place."""
    runs = _inline_runs(blocks) + list(footnotes.values())
    for content in runs:
        for i, inline in enumerate(content):
            if isinstance(inline, Text) and (" " in inline.text or "\t" in inline.text):
                content[i] = dataclasses.replace(
                    inline, text=no_break_spacing(inline.text, before, after)
                )


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def new_composer(submission: Submission, *, words_per_minute: int | None = None) -> Composer:
    language = submission.metadata.language
    return Composer(
        submission=submission,
        language=language,
        phrases=phrases(language),
        words_per_minute=words_per_minute or DEFAULT_WORDS_PER_MINUTE,
    )
