"""The paragraph and character styles of a rendered submission, named after the UN Geneva template.

Metrics are those of a real document built on the Geneva "_G" styles (twips; 1134 = 2 cm):
Times New Roman 10 pt, lines at least 12 pt, no automatic hyphenation; body (SingleTxtG)
justified between 2 cm indents with 6 pt after; headings bold at 14/12/10 pt (H4G italic) on
exact lines, kept with the next paragraph, their number (if any) right-aligned at 851 in the
1134 hanging indent; footnotes 9 pt on exact 11 pt lines, the number right-aligned at 1021 and
the text at 1134.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from submission_kit.write.ooxml import FOOTNOTE_REFERENCE, FOOTNOTE_TEXT, WORD_NSMAP, el, val

FONT = "Times New Roman"
#: 2 cm, the Geneva text indent on both sides; list numbers and headings hang from it.
INDENT = 1134
#: 1 cm, the step between a number and its text, and between list levels.
STEP = 567
#: A footnote's number is right-aligned at this tab stop, just left of its text at 1134.
FOOTNOTE_NUMBER_TAB = 1021
#: A heading number is right-aligned here, in the hanging indent left of the heading text.
HEADING_NUMBER_TAB = 851
#: The body's line: at least 12 pt (taller characters may push a line apart, never overlap).
BODY_LINE = 240

# Style ids the writer uses; the display names are what an editor sees in Word's style list.
BODY = "SingleTxtG"
HEADINGS = ("HChG", "H1G", "H23G", "H4G")
MASTHEAD = "Masthead"
TITLE = "SubmissionTitle"
QUOTE = "Quote"
NOTE = "SpeakerNote"
CLOSING = "Closing"
FOOTER = "Footer"


@dataclass(frozen=True)
class StyleSpec:
    """One style: identity, paragraph geometry (twips) and character format (points)."""

    style_id: str
    name: str
    kind: str = "paragraph"
    based_on: str | None = "Normal"
    next_style: str | None = None
    size_pt: float | None = None
    bold: bool = False
    italic: bool = False
    superscript: bool = False
    keep_next: bool = False
    before: int | None = None
    after: int | None = None
    #: Line height in twips; "exact" or "atLeast" per `line_rule`. None: inherited (at least 12 pt).
    line: int | None = None
    line_rule: str = "exact"
    left: int | None = None
    right: int | None = None
    hanging: int | None = None
    jc: str | None = None
    #: Tab stops as (alignment, position): ("right", 851).
    tabs: tuple[tuple[str, int], ...] = ()
    outline_level: int | None = None
    default: bool = False


def _heading(
    style_id: str,
    name: str,
    size: float,
    level: int,
    *,
    before: int,
    after: int,
    line: int,
    italic: bool = False,
) -> StyleSpec:
    # Bold except H4G (italic). As in the Geneva template the text stands at 1134 and a number,
    # typed "tab, number, tab", ends right-aligned at 851 in the hanging indent. Based on
    # Word's "heading N" so that pandoc, screen readers and Word's navigation pane see the
    # outline.
    return StyleSpec(
        style_id,
        name,
        based_on=f"Heading{level + 1}",
        next_style=BODY,
        size_pt=size,
        bold=not italic,
        italic=italic,
        keep_next=True,
        before=before,
        after=after,
        line=line,
        left=INDENT,
        right=INDENT,
        hanging=INDENT,
        tabs=(("right", HEADING_NUMBER_TAB),),
        outline_level=level,
    )


STYLES: tuple[StyleSpec, ...] = (
    StyleSpec("Normal", "Normal", based_on=None, default=True),
    StyleSpec(
        "DefaultParagraphFont",
        "Default Paragraph Font",
        kind="character",
        based_on=None,
        default=True,
    ),
    # The line (at least 12 pt) comes from the document defaults, as in the template.
    StyleSpec(BODY, "_ Single Txt_G", after=120, left=INDENT, right=INDENT, jc="both"),
    # Word's built-in outline styles, plain here: only the Geneva headings below use them.
    *(
        StyleSpec(
            f"Heading{n}", f"heading {n}", next_style=BODY, keep_next=True, outline_level=n - 1
        )
        for n in range(1, 5)
    ),
    _heading("HChG", "_ H _Ch_G", 14, 0, before=360, after=240, line=300),
    _heading("H1G", "_ H_1_G", 12, 1, before=360, after=240, line=270),
    _heading("H23G", "_ H_2/3_G", 10, 2, before=240, after=120, line=240),
    _heading("H4G", "_ H_4_G", 10, 3, before=240, after=120, line=240, italic=True),
    StyleSpec(MASTHEAD, "Masthead line", after=0, left=INDENT, right=INDENT),
    StyleSpec(
        TITLE,
        "Submission title",
        next_style=BODY,
        size_pt=14,
        bold=True,
        keep_next=True,
        before=360,
        after=240,
        line=300,
        left=INDENT,
        right=INDENT,
    ),
    StyleSpec(
        QUOTE, "Quote", based_on=BODY, next_style=BODY, left=INDENT + STEP, right=INDENT + STEP
    ),
    StyleSpec(NOTE, "Speaker note", based_on=BODY, size_pt=9, italic=True, line=220),
    StyleSpec(CLOSING, "Closing", based_on=BODY, before=240),
    # Ragged right: justified notes open wide gaps around long URLs. A note is typed "tab,
    # number, tab, text": the number ends at 1021, the text starts at 1134 and wraps there.
    StyleSpec(
        FOOTNOTE_TEXT,
        "footnote text",
        size_pt=9,
        after=0,
        line=220,
        left=INDENT,
        right=INDENT,
        hanging=INDENT,
        jc="left",
        # LibreOffice always sets a note's number first, before the leading tab, so there the
        # first line of a note starts one stop further (1701); Word shows the Geneva layout.
        tabs=(("right", FOOTNOTE_NUMBER_TAB),),
    ),
    StyleSpec(
        FOOTNOTE_REFERENCE,
        "footnote reference",
        kind="character",
        based_on="DefaultParagraphFont",
        size_pt=9,
        superscript=True,
    ),
    # The page number: bold 9 pt; each footer paragraph puts it at the page's outside corner.
    StyleSpec(FOOTER, "footer", size_pt=9, bold=True),
)


def style_element(spec: StyleSpec) -> etree._Element:
    """`w:style` with its children in schema order."""
    attrs: dict[str, str | int] = {"w:type": spec.kind, "w:styleId": spec.style_id}
    if spec.default:
        attrs["w:default"] = 1
    node = el("w:style", attrs, val("w:name", spec.name))
    if spec.based_on:
        node.append(val("w:basedOn", spec.based_on))
    if spec.next_style:
        node.append(val("w:next", spec.next_style))
    node.append(el("w:qFormat"))

    ppr = el("w:pPr")
    if spec.keep_next:
        ppr.extend([el("w:keepNext"), el("w:keepLines")])
    if spec.tabs:
        ppr.append(
            el("w:tabs", None, *(el("w:tab", {"w:val": a, "w:pos": p}) for a, p in spec.tabs))
        )
    spacing: dict[str, str | int] = {}
    if spec.before is not None:
        spacing["w:before"] = spec.before
    if spec.after is not None:
        spacing["w:after"] = spec.after
    if spec.line is not None:
        spacing.update({"w:line": spec.line, "w:lineRule": spec.line_rule})
    if spacing:
        ppr.append(el("w:spacing", spacing))
    ind: dict[str, str | int] = {}
    if spec.left is not None:
        ind["w:left"] = spec.left
    if spec.right is not None:
        ind["w:right"] = spec.right
    if spec.hanging is not None:
        ind["w:hanging"] = spec.hanging
    if ind:
        ppr.append(el("w:ind", ind))
    if spec.jc:
        ppr.append(val("w:jc", spec.jc))
    if spec.outline_level is not None:
        ppr.append(val("w:outlineLvl", spec.outline_level))
    if len(ppr) and spec.kind == "paragraph":
        node.append(ppr)

    rpr = el("w:rPr")
    if spec.bold:
        rpr.extend([el("w:b"), el("w:bCs")])
    if spec.italic:
        rpr.extend([el("w:i"), el("w:iCs")])
    if spec.size_pt is not None:
        half_points = round(spec.size_pt * 2)
        rpr.extend([val("w:sz", half_points), val("w:szCs", half_points)])
    if spec.superscript:
        rpr.append(val("w:vertAlign", "superscript"))
    if len(rpr):
        node.append(rpr)
    return node


def styles_root(language: str) -> etree._Element:
    """`w:styles`: Times New Roman 10 pt in `language` by default, then every style."""
    fonts = el("w:rFonts", {"w:ascii": FONT, "w:hAnsi": FONT, "w:cs": FONT, "w:eastAsia": FONT})
    # The language tag here is what Word and LibreOffice spell-check the whole text in.
    lang = el("w:lang", {"w:val": language, "w:eastAsia": language, "w:bidi": language})
    run_defaults = el("w:rPr", None, fonts, val("w:sz", 20), val("w:szCs", 20), lang)
    par_defaults = el(
        "w:pPr",
        None,
        el("w:spacing", {"w:after": 0, "w:line": BODY_LINE, "w:lineRule": "atLeast"}),
    )
    defaults = el(
        "w:docDefaults",
        None,
        el("w:rPrDefault", None, run_defaults),
        el("w:pPrDefault", None, par_defaults),
    )
    return el("w:styles", None, defaults, *(style_element(s) for s in STYLES), nsmap=WORD_NSMAP)
