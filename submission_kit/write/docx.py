"""Document tree → DOCX bytes: blocks become styled paragraphs with real Word numbering, real
footnotes, page-numbered footers and document properties, packed deterministically.

The page is the Geneva template's: A4, margins 2.5 cm at the top and 2 cm elsewhere, header
and footer 1.5 cm and 1 cm from the edge. The page number (bold 9 pt) stands at the outside
corner: even and odd pages have their own footer (`w:evenAndOddHeaders` in the settings), right
on odd pages, left on even ones.

Footnotes are numbered 1, 2, 3 in order of first citation. A footnote cited again later does
not get a second note: the later citation repeats its number as a NOTEREF field (Word's own
"cross-reference to a footnote number"), which Word keeps right if notes are renumbered.
Adjacent citations are separated by a superscript comma.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from lxml import etree

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
    PageBreak,
    Para,
    Text,
)
from submission_kit.write import ooxml, styles
from submission_kit.write.numbering import LEVELS, ListPlan
from submission_kit.write.ooxml import el, val
from submission_kit.write.package import CONTENT_TYPES, Part, Relationship, assemble

#: A4 in twips, and the Geneva margins; the 2 cm text indents leave a 13 cm line.
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838
MARGINS = {
    "w:top": 1417,
    "w:right": 1134,
    "w:bottom": 1134,
    "w:left": 1134,
    "w:header": 850,
    "w:footer": 567,
    "w:gutter": 0,
}
#: The footers: (part name, relationship id, sectPr footer type, where the page number stands).
#: "default" is the odd pages' footer once even and odd footers differ.
FOOTERS = (
    ("footer1.xml", "rIdFooter1", "default", "right"),
    ("footer2.xml", "rIdFooter2", "even", "left"),
)

ROLE_STYLES = {
    "body": styles.BODY,
    "lead_in": styles.BODY,
    "title": styles.TITLE,
    "masthead": styles.MASTHEAD,
    "quote": styles.QUOTE,
    "note": styles.NOTE,
    "closing": styles.CLOSING,
}
ALIGNMENTS = {"left": "left", "right": "right", "center": "center", "justify": "both"}


def write_docx(doc: Document, *, fingerprint: bool = False) -> bytes:
    """The DOCX file of `doc`. The same Document always gives the same bytes. With
    `fingerprint`, the kit's fingerprint is in it: the bytes of `stamp.stamp(write_docx(doc))`,
    each part deflated once.

    Raises ValueError, naming the text, when the tree holds something a Word file cannot
    (a character XML forbids, a footnote cited but not given, an unknown heading level)."""
    return _Writer(doc).package(fingerprint=fingerprint)


def _citations(blocks: list[Block]) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, Box):
            yield from _citations([Para(block.title), *block.blocks])
        elif isinstance(block, Heading | Para | ListItem):
            for inline in block.content:
                if isinstance(inline, FootnoteRef):
                    yield inline.key


def _snippet(content: list[Inline]) -> str:
    words = "".join(i.text for i in content if isinstance(i, Text))
    return words if len(words) <= 40 else words[:39] + "…"


class _Writer:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.lists = ListPlan()
        cited = list(_citations(doc.blocks))
        # Footnote numbers follow the first citation of each key in reading order.
        self.note_ids: dict[str, int] = {}
        for key in cited:
            self.note_ids.setdefault(key, len(self.note_ids) + 1)
        self.repeated = {key for key, n in Counter(cited).items() if n > 1}
        self.seen: set[str] = set()
        for key in self.note_ids:
            if key not in doc.footnotes:
                raise ValueError(
                    f"footnote '{key}' is cited in the text but has no body in Document.footnotes"
                )

    # -- inlines -------------------------------------------------------------------------------

    def runs(self, content: list[Inline], *, bold: bool, where: str) -> list[etree._Element]:
        out: list[etree._Element] = []
        previous: Inline | None = None
        for inline in content:
            if isinstance(inline, Text):
                if inline.text:
                    out.append(
                        ooxml.run(
                            inline.text, bold=bold or inline.bold, italic=inline.italic, where=where
                        )
                    )
            elif isinstance(inline, FootnoteRef):
                if isinstance(previous, FootnoteRef):
                    # UN style separates adjacent indicators with commas: "1, 2", never "12".
                    out.append(ooxml.run(",", style=ooxml.FOOTNOTE_REFERENCE))
                out.extend(self.citation(inline.key))
            else:  # pragma: no cover - the tree's types allow nothing else
                raise TypeError(f"unknown inline {inline!r}")
            previous = inline
        return out

    def citation(self, key: str) -> list[etree._Element]:
        note_id = self.note_ids[key]
        bookmark_name = f"_RefNote{note_id}"
        if key in self.seen:
            # \f formats the number as a footnote reference, \h makes it a link to the note.
            return ooxml.field(
                f"NOTEREF {bookmark_name} \\f \\h", str(note_id), style=ooxml.FOOTNOTE_REFERENCE
            )
        self.seen.add(key)
        reference = ooxml.footnote_reference(note_id)
        if key in self.repeated:
            return ooxml.bookmark(note_id, bookmark_name, [reference])
        return [reference]

    # -- blocks ----------------------------------------------------------------------------------

    def elements(self, block: Block, index: int) -> list[etree._Element]:
        """The paragraphs of one block: one for most, several for a box or a contents table."""
        if isinstance(block, Contents):
            return self.contents(block, index)
        if isinstance(block, Box):
            return self.box(block, index)
        return [self.block(block, index)]

    def contents(self, block: Contents, index: int) -> list[etree._Element]:
        """A heading-like title, then Word's TOC field over heading levels 1 to `depth`, its
        result pre-filled with the entries so that the table reads right before Word (or any
        program) updates the field; \\h makes Word's rebuilt entries links."""
        where = f"block {index + 1} (contents)"
        title_ppr = ooxml.paragraph_properties(style=styles.BODY, keep_next=True)
        out = [ooxml.paragraph(title_ppr, self.runs(block.title, bold=True, where=where))]
        entries = block.entries or [ContentsEntry(0, [Text("")])]
        begin = ooxml.field_begin(f'TOC \\o "1-{block.depth}" \\h \\z \\u')
        for i, entry in enumerate(entries):
            indent = styles.INDENT + entry.level * styles.STEP
            runs: list[etree._Element] = []
            if entry.number:
                runs.append(ooxml.run(f"{entry.number}\t", where=where))
            runs += self.runs(entry.content, bold=False, where=where)
            ppr = ooxml.paragraph_properties(
                style=styles.BODY,
                ind={
                    "w:left": indent + styles.STEP,
                    "w:right": styles.INDENT,
                    "w:hanging": styles.STEP,
                },
            )
            if i == 0:
                runs = [*begin, *runs]
            if i == len(entries) - 1:
                runs.append(ooxml.field_end())
            out.append(ooxml.paragraph(ppr, runs))
        return out

    def box(self, block: Box, index: int) -> list[etree._Element]:
        """The title and paragraphs with the same border: Word and LibreOffice draw one box
        around consecutive paragraphs bordered alike. Kept on one page where it fits."""
        where = f"block {index + 1} (box {_snippet(block.title)!r})"
        out = []
        title_ppr = ooxml.paragraph_properties(style=styles.BODY, keep_next=True)
        out.append(ooxml.paragraph(title_ppr, self.runs(block.title, bold=True, where=where)))
        for inner in block.blocks:
            out.append(self.block(inner, index))
        for i, p in enumerate(out):
            ooxml.add_borders(p.find(ooxml.qn("w:pPr")), keep_next=i < len(out) - 1)  # type: ignore[arg-type]
        return out

    def block(self, block: Block, index: int) -> etree._Element:
        if isinstance(block, PageBreak):
            return ooxml.page_break()
        where = f"block {index + 1} ({_snippet(block.content)!r})"  # type: ignore[union-attr]
        if isinstance(block, Heading):
            return self.heading(block, where)
        if isinstance(block, Para):
            try:
                style = ROLE_STYLES[block.role]
            except KeyError:
                raise ValueError(
                    f"{where} has an unknown paragraph role '{block.role}'; "
                    f"expected one of {', '.join(ROLE_STYLES)}"
                ) from None
            ppr = ooxml.paragraph_properties(
                style=style,
                keep_next=block.keep_with_next,
                jc=ALIGNMENTS[block.align] if block.align else None,
                mark_bold=block.bold,
            )
            return ooxml.paragraph(ppr, self.runs(block.content, bold=block.bold, where=where))
        if isinstance(block, ListItem):
            if not 0 <= block.level < LEVELS:
                raise ValueError(
                    f"{where} is at list level {block.level}; Word lists have "
                    f"levels 0 to {LEVELS - 1}"
                )
            num_id = self.lists.num_id(block.list_id, block.scheme)
            # The paragraph mark stays roman: Word and LibreOffice format the number like the
            # mark, and only the words of a recommendation are bold, never its number.
            ppr = ooxml.paragraph_properties(style=styles.BODY, num=(num_id, block.level))
            return ooxml.paragraph(ppr, self.runs(block.content, bold=block.bold, where=where))
        raise TypeError(f"unknown block {block!r}")  # pragma: no cover

    def heading(self, block: Heading, where: str) -> etree._Element:
        if not 0 <= block.level < len(styles.HEADINGS):
            raise ValueError(
                f"{where} is a heading of level {block.level}; levels are 0 (HChG) to 3 (H4G)"
            )
        runs = self.runs(block.content, bold=False, where=where)
        if block.number:
            # "<tab>A.<tab>Title": the number ends at the style's right tab (851), in the
            # hanging indent; the text stands at 1134, as in the Geneva template.
            runs.insert(0, ooxml.run(f"\t{block.number}\t", where=where))
            ind = None
        else:
            # No number: start the first line at the text indent instead of hanging.
            ind = {"w:left": styles.INDENT, "w:right": styles.INDENT, "w:firstLine": 0}
        ppr = ooxml.paragraph_properties(style=styles.HEADINGS[block.level], ind=ind)
        return ooxml.paragraph(ppr, runs)

    # -- parts -------------------------------------------------------------------------------------

    def document_root(self) -> etree._Element:
        body = el(
            "w:body", None, *(p for i, b in enumerate(self.doc.blocks) for p in self.elements(b, i))
        )
        body.append(
            el(
                "w:sectPr",
                None,
                *(
                    el("w:footerReference", {"w:type": kind, "r:id": rel_id})
                    for _, rel_id, kind, _ in sorted(FOOTERS, key=lambda f: f[2] != "even")
                ),
                el("w:pgSz", {"w:w": PAGE_WIDTH, "w:h": PAGE_HEIGHT}),
                el("w:pgMar", MARGINS),
                el("w:cols", {"w:space": 720}),
            )
        )
        return el("w:document", None, body, nsmap=ooxml.WORD_NSMAP)

    def footnotes_root(self) -> etree._Element:
        notes = []
        for key, note_id in self.note_ids.items():
            content = self.doc.footnotes[key]
            if any(isinstance(i, FootnoteRef) for i in content):
                raise ValueError(
                    f"footnote '{key}' cites another footnote; Word footnotes cannot hold footnotes"
                )
            runs = self.runs(content, bold=False, where=f"footnote '{key}'")
            notes.append(ooxml.footnote(note_id, runs))
        return ooxml.footnotes_root(notes, indent=styles.INDENT)

    def settings_root(self) -> etree._Element:
        # No rsids, no document variables, no dates: nothing that changes between renders.
        return el(
            "w:settings",
            None,
            el("w:zoom", {"w:percent": 100}),
            val("w:defaultTabStop", styles.STEP),
            val("w:autoHyphenation", 0),
            # Even pages get their own footer: the page number at the outside corner.
            el("w:evenAndOddHeaders"),
            val("w:characterSpacingControl", "doNotCompress"),
            el(
                "w:footnotePr",
                None,
                el("w:footnote", {"w:id": ooxml.SEPARATOR_ID}),
                el("w:footnote", {"w:id": ooxml.CONTINUATION_SEPARATOR_ID}),
            ),
            el(
                "w:compat",
                None,
                el(
                    "w:compatSetting",
                    {
                        "w:name": "compatibilityMode",
                        "w:uri": "http://schemas.microsoft.com/office/word",
                        "w:val": 15,
                    },
                ),
            ),
            el("w:themeFontLang", {"w:val": self.doc.properties.language}),
            nsmap=ooxml.WORD_NSMAP,
        )

    def styles_root(self) -> etree._Element:
        root = styles.styles_root(self.doc.properties.language)
        if self.doc.body_size_pt or self.doc.footnote_size_pt:
            _resize(root, self.doc.body_size_pt, self.doc.footnote_size_pt)
        return root

    def footer_root(self, side: str) -> etree._Element:
        """A footer whose PAGE field stands at `side` (right on odd pages, left on even)."""
        ppr = ooxml.paragraph_properties(style=styles.FOOTER, jc=side)
        return el(
            "w:ftr", None, ooxml.paragraph(ppr, ooxml.field("PAGE", "1")), nsmap=ooxml.WORD_NSMAP
        )

    def package(self, *, fingerprint: bool = False) -> bytes:
        props = self.doc.properties
        ooxml.checked_text(props.language, "the document language")
        # The body first: it decides the footnote order and which lists exist.
        document = ooxml.serialize(self.document_root())
        parts = [
            Part("word/document.xml", CONTENT_TYPES["document"], document),
            Part(
                "word/styles.xml",
                CONTENT_TYPES["styles"],
                ooxml.serialize(self.styles_root()),
            ),
            Part(
                "word/settings.xml",
                CONTENT_TYPES["settings"],
                ooxml.serialize(self.settings_root()),
            ),
            Part(
                "word/numbering.xml",
                CONTENT_TYPES["numbering"],
                ooxml.serialize(self.lists.numbering_root(self.doc.markers)),
            ),
            Part(
                "word/footnotes.xml",
                CONTENT_TYPES["footnotes"],
                ooxml.serialize(self.footnotes_root()),
            ),
            *(
                Part(
                    f"word/{name}", CONTENT_TYPES["footer"], ooxml.serialize(self.footer_root(side))
                )
                for name, _, _, side in FOOTERS
            ),
        ]
        rels = [
            Relationship("rIdStyles", "styles", "styles.xml"),
            Relationship("rIdSettings", "settings", "settings.xml"),
            Relationship("rIdNumbering", "numbering", "numbering.xml"),
            Relationship("rIdFootnotes", "footnotes", "footnotes.xml"),
            *(Relationship(rel_id, "footer", name) for name, rel_id, _, _ in FOOTERS),
        ]
        return assemble(parts, rels, props, fingerprint=fingerprint)


#: Styles set in the text size, and the one set in the footnote size, when a document asks for
#: sizes of its own (Document.body_size_pt, footnote_size_pt).
_TEXT_STYLES = (styles.BODY, styles.MASTHEAD, styles.TITLE, styles.QUOTE, styles.CLOSING)


def _resize(root: etree._Element, body: float | None, note: float | None) -> None:
    """Set the text and footnote sizes in `w:styles`, with exact line spacing to match."""
    w = ooxml.qn

    def set_size(rpr: etree._Element, size: float) -> None:
        for name in ("w:sz", "w:szCs"):
            node = rpr.find(w(name))
            if node is None:
                node = ooxml.val(name, 0)
                # sz and szCs follow b/i and come before vertAlign and lang.
                anchor = rpr.find(w("w:vertAlign"))
                if anchor is None:
                    anchor = rpr.find(w("w:lang"))
                if anchor is not None:
                    anchor.addprevious(node)
                else:
                    rpr.append(node)
            node.set(w("w:val"), str(round(size * 2)))

    def set_line(style: etree._Element, size: float) -> None:
        spacing = style.find(f"{w('w:pPr')}/{w('w:spacing')}")
        if spacing is not None and spacing.get(w("w:lineRule")) == "exact":
            # A line a fifth taller than the type, as the 10 pt / 12 pt UN styles have.
            spacing.set(w("w:line"), str(round(size * 24)))

    if body:
        defaults = root.find(f"{w('w:docDefaults')}/{w('w:rPrDefault')}/{w('w:rPr')}")
        if defaults is not None:
            set_size(defaults, body)
    for style in root.iter(w("w:style")):
        sid = style.get(w("w:styleId"))
        size = body if sid in _TEXT_STYLES else note if sid == ooxml.FOOTNOTE_TEXT else None
        if not size:
            continue
        rpr = style.find(w("w:rPr"))
        if rpr is None:
            rpr = ooxml.el("w:rPr")
            style.append(rpr)
        set_size(rpr, size)
        set_line(style, size)
