"""The document tree between compose and write: blocks and inlines, nothing about treaties.

`compose` builds it from a submission for one language, applying every UN
convention; a writer (DOCX today) turns it into a file and knows only blocks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Text:
    """A run of text with its inline style."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class FootnoteRef:
    """A citation of `Document.footnotes[key]`; the writer numbers footnotes 1, 2, 3 in order of first citation."""

    key: str


Inline = Text | FootnoteRef


@dataclass
class Heading:
    """A heading. Levels follow the UN Geneva styles: 0 = HChG (14 pt), 1 = H1G (12 pt), 2 = H23G (10 pt bold), 3 = H4G (10 pt italic)."""

    level: int
    content: list[Inline]
    #: Optional heading number ("I.", "A.", "1."), set hanging before the text as UN documents do.
    number: str | None = None


ParaRole = Literal["body", "title", "masthead", "lead_in", "quote", "note", "closing"]


@dataclass
class Para:
    """An unnumbered paragraph. `role` picks the style; `bold` sets the whole paragraph in bold."""

    content: list[Inline]
    role: ParaRole = "body"
    bold: bool = False
    align: Literal["left", "right", "center", "justify"] | None = None
    keep_with_next: bool = False


ListScheme = Literal["paragraph", "lettered", "roman", "bullet"]
#: Marker of each scheme when `Document.markers` gives none (English UN usage); "%1" stands for
#: the item's number at its level.
DEFAULT_MARKERS = {"paragraph": "%1.", "lettered": "(%1)", "roman": "(%1)", "bullet": "\u2022"}


@dataclass
class ListItem:
    """An item of a numbered (or bulleted) list.

    Items sharing `list_id` form one list whose numbers run on; a new `list_id`
    restarts numbering. `scheme` is the marker kind: paragraph numbers 1., 2. ...;
    lettered (a) / a); roman (i) / i); bullets. The marker text per language comes
    from `Document.markers`.
    """

    content: list[Inline]
    list_id: str
    scheme: ListScheme = "paragraph"
    level: int = 0
    bold: bool = False


@dataclass
class PageBreak:
    """A page break between blocks."""


@dataclass
class ContentsEntry:
    """One line of a table of contents: a heading's level, number and text."""

    level: int
    content: list[Inline]
    number: str | None = None


@dataclass
class Contents:
    """A table of contents over the document's headings of levels 0 to `depth - 1`.

    `entries` are filled when the document is composed, so that the table reads right in a
    program that does not update fields; a writer may also make it a field that the word
    processor rebuilds (Word's TOC field)."""

    title: list[Inline]
    entries: list[ContentsEntry] = field(default_factory=list)
    depth: int = 2


@dataclass
class Box:
    """A titled, bordered block set apart from the text (a case, an example)."""

    title: list[Inline]
    blocks: list[Para | ListItem] = field(default_factory=list)


Block = Heading | Para | ListItem | PageBreak | Contents | Box


@dataclass
class Properties:
    """Document properties: what Word shows under File > Info, and the text language."""

    title: str
    author: str
    language: str  # BCP 47 tag, e.g. en-GB, fr-FR, es-ES
    created: dt.datetime
    subject: str = ""
    keywords: str = ""
    description: str = ""  # e.g. the speaking-time note for an oral statement


@dataclass
class Document:
    """A whole document for the writers: its properties, blocks, footnotes and markers."""

    properties: Properties
    blocks: list[Block] = field(default_factory=list)
    #: Footnote bodies by key, cited with FootnoteRef(key).
    footnotes: dict[str, list[Inline]] = field(default_factory=dict)
    #: Marker format per scheme, as Word level text: {"lettered": "(%1)", "roman": "(%1)", ...}.
    markers: dict[str, str] = field(default_factory=dict)
    #: Text and footnote sizes when the addressee asks for others than the writer's defaults
    #: (the Human Rights Council: 12 pt text, 10 pt footnotes); None keeps the defaults.
    body_size_pt: float | None = None
    footnote_size_pt: float | None = None

    def text(self) -> str:
        """Plain text of the body, one block per line (for tests and previews)."""
        lines = []

        def words(content: list[Inline]) -> str:
            return "".join(i.text for i in content if isinstance(i, Text))

        for b in self.blocks:
            if isinstance(b, Heading | Para | ListItem):
                lines.append(words(b.content))
            elif isinstance(b, Contents):
                lines.append(words(b.title))
                lines += [" ".join(filter(None, [e.number, words(e.content)])) for e in b.entries]
            elif isinstance(b, Box):
                lines.append(words(b.title))
                lines += [words(inner.content) for inner in b.blocks]
        return "\n".join(lines)
