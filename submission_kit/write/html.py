"""Document tree → one self-contained HTML page that looks like the UN document (the preview).

Like the DOCX writer it knows blocks, never treaties or asks: an A4 page in Times New Roman
10 pt with the Geneva paragraph geometry, paragraph numbers and (a) / (i) markers worked out
here (HTML has no multi-level numbering to lean on), bold recommendations, the title block,
and the footnotes at the foot of the page, numbered 1, 2, 3 in order of first citation.

Each block type has one writer function, registered with `@block_writer(Type)`: a new block
in `doctree.py` is one function here. A block without one is a TypeError that names it, never
a silently missing paragraph. The page uses no lxml, so the preview and a cold
`subkit render -o OUT.html` do not pay for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from html import escape
from typing import Any, TypeVar

from submission_kit.doctree import (
    DEFAULT_MARKERS,
    Block,
    Box,
    Contents,
    Document,
    FootnoteRef,
    Heading,
    Inline,
    ListItem,
    PageBreak,
    Para,
    Text,
)

#: CSS class of each paragraph role, named after the DOCX writer's Geneva styles.
ROLE_CLASSES = {
    "body": "SingleTxtG",
    "lead_in": "SingleTxtG lead-in",
    "title": "SubmissionTitle",
    "masthead": "Masthead",
    "quote": "Quote",
    "note": "SpeakerNote",
    "closing": "Closing",
}
#: Where a list item stands, in twips as in the DOCX (write/numbering.py's GEOMETRY, which a
#: test holds this to): (left margin, first line relative to it, marker width to the text).
#: Wrapped lines return to the left margin, as in the Geneva template.
LIST_GEOMETRY = {
    "paragraph": (1134, 0, 567),
    "lettered": (1134, 567, 567),
    "roman": (1701, 0, 567),
    "bullet": (1701, -170, 170),
}
#: The level at which each scheme stands where LIST_GEOMETRY says; each level deeper is
#: 567 twips further in.
USUAL_LEVEL = {"paragraph": 0, "lettered": 1, "roman": 2, "bullet": 1}
STEP = 567

#: Heading level → (HTML element, Geneva style).
HEADINGS = (("h1", "HChG"), ("h2", "H1G"), ("h3", "H23G"), ("h4", "H4G"))
LIST_LEVELS = 9

# What XML 1.0 cannot hold cannot go into the DOCX either; refusing it here keeps both
# writers in step (the loader already reports such characters in a draft as SK010).
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

#: The page: A4 with the DOCX margins (3 cm top and bottom, 2 cm sides) and the body set
#: between 2 cm indents, exact 12 pt lines, 6 pt after. Sizes are in pt and cm, as in Word.
PAGE_CSS = """
:root { color-scheme: light; }
body.subkit { margin: 0; background: #e8e8e8; }
.page { box-sizing: border-box; width: 21cm; min-height: 29.7cm; margin: 1cm auto;
  padding: 3cm 2cm; background: #fff; color: #000; box-shadow: 0 0 0.3cm rgba(0,0,0,.25);
  font: 10pt/12pt "Times New Roman", "Liberation Serif", Times, serif;
  display: flex; flex-direction: column; }
.page .body { flex: 1 0 auto; }
p, h1, h2, h3, h4 { margin: 0; }
.contents { margin: 6pt 0 12pt; }
.contents .entry { margin-left: 2cm; text-indent: -1cm; }
.contents .entry.level-1 { margin-left: 3cm; }
.contents .num { display: inline-block; width: 1cm; text-indent: 0; }
.box { border: 0.5pt solid #000; padding: 4pt 6pt; margin: 6pt 0 6pt 2cm; }
.box .box-title { font-weight: bold; margin-bottom: 3pt; }
.SingleTxtG, .Quote, .SpeakerNote, .Closing, .item { margin: 0 2cm 6pt 2cm;
  text-align: justify; hyphens: auto; }
.Quote { margin-left: 3cm; margin-right: 3cm; }
.SpeakerNote { font-size: 9pt; line-height: 11pt; font-style: italic; }
.Closing { margin-top: 12pt; }
.title-block { margin: 0 2cm 0 2cm; padding-bottom: 6pt; border-bottom: 2pt solid #000; }
.Masthead { margin: 0; }
.SubmissionTitle { margin: 18pt 2cm 12pt 2cm; font-size: 14pt; line-height: 15pt;
  font-weight: bold; }
.HChG, .H1G, .H23G, .H4G { margin-left: 2cm; margin-right: 2cm;
  padding-left: 1cm; text-indent: -1cm; }
.HChG { font-size: 14pt; line-height: 15pt; font-weight: bold; margin-top: 18pt;
  margin-bottom: 12pt; }
.H1G { font-size: 12pt; line-height: 13.5pt; font-weight: bold; margin-top: 18pt;
  margin-bottom: 12pt; }
.H23G { font-size: 10pt; line-height: 12pt; font-weight: bold; margin-top: 12pt;
  margin-bottom: 6pt; }
.H4G { font-size: 10pt; line-height: 12pt; font-style: italic; font-weight: normal;
  margin-top: 12pt; margin-bottom: 6pt; }
.unnumbered { padding-left: 0; text-indent: 0; }
.hnum { display: inline-block; width: 1cm; text-indent: 0; }
.item .marker { display: inline-block; text-indent: 0; font-weight: normal; }
.bold { font-weight: bold; }
sup.fnref { font-size: 70%; line-height: 0; }
sup.fnref a { color: inherit; text-decoration: none; }
.page-break { margin: 24pt -2cm; border: 0; border-top: 1px dashed #999; }
.footnotes { margin: 24pt 2cm 0 2cm; padding-top: 3pt; font-size: 9pt; line-height: 11pt; }
.footnotes::before { content: ""; display: block; width: 5cm; border-top: 0.5pt solid #000;
  margin-bottom: 3pt; }
.footnote { margin: 0; padding-left: 5mm; text-indent: -5mm; text-align: left; }
.footnote .fnnum { display: inline-block; width: 5mm; text-indent: 0; vertical-align: super;
  font-size: 70%; line-height: 0; color: inherit; text-decoration: none; }
@media print {
  body.subkit { background: none; }
  .page { margin: 0; box-shadow: none; width: auto; min-height: 0; padding: 0; }
  .page-break { break-after: page; border: 0; margin: 0; }
  @page { size: A4; margin: 3cm 2cm; }
}
"""

B = TypeVar("B")
BlockWriter = Callable[["HtmlWriter", Any, int], str]
#: The writer function of every block type; `block_writer` fills it.
BLOCK_WRITERS: dict[type, BlockWriter] = {}


def block_writer(kind: type[B]) -> Callable[[Callable[[HtmlWriter, B, int], str]], BlockWriter]:
    """Register the function that writes blocks of type `kind`."""

    def register(fn: Callable[[HtmlWriter, B, int], str]) -> BlockWriter:
        BLOCK_WRITERS[kind] = fn
        return fn

    return register


def write_html(doc: Document) -> bytes:
    """The HTML page of `doc`, UTF-8. The same Document always gives the same bytes.

    Raises ValueError, naming the text, when the tree holds something the DOCX writer refuses
    too (a forbidden character, a footnote cited but not given, an unknown heading level);
    TypeError for a block type this writer does not know."""
    return html_page(doc).encode("utf-8")


def html_page(doc: Document, *, head: str = "", body_end: str = "") -> str:
    """The whole page as text. `head` and `body_end` are inserted verbatim (the preview adds
    its styles and its script there)."""
    props = doc.properties
    meta = [
        ("author", props.author),
        ("description", props.description),
        ("keywords", props.keywords),
        ("dcterms.subject", props.subject),
        ("dcterms.created", props.created.isoformat()),
        ("generator", "submission-kit"),
    ]
    metas = "".join(
        f'<meta name="{name}" content="{_attr(value, "the document properties")}">\n'
        for name, value in meta
        if value
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_attr(props.language, "the document language")}">\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_text(props.title, 'the document title')}</title>\n"
        f"{metas}<style>{PAGE_CSS}</style>\n{head}</head>\n"
        f'<body class="subkit">\n{html_fragment(doc)}\n{body_end}</body>\n</html>\n'
    )


def html_fragment(doc: Document) -> str:
    """The page element alone (`<article class="page">…</article>`), which the preview swaps
    in place when the draft changes."""
    return HtmlWriter(doc).page()


def _text(text: str, where: str) -> str:
    bad = _NOT_TEXT.search(text)
    if bad is not None:
        pos = bad.start()
        raise ValueError(
            f"{where} cannot go into the page: it holds the character U+{ord(bad.group()):04X} "
            f"at position {pos + 1} (near {text[max(0, pos - 30) : pos + 30]!r}). "
            "Remove it from the draft."
        )
    return escape(text, quote=False)


def _attr(text: str, where: str) -> str:
    return escape(_text(text, where), quote=True) if '"' in text else _text(text, where)


def _snippet(content: list[Inline]) -> str:
    words = "".join(i.text for i in content if isinstance(i, Text))
    return words if len(words) <= 40 else words[:39] + "…"


def _letters(n: int) -> str:
    # Word's lowerLetter: a … z, then aa, bb … (the letter repeated), not a spreadsheet's aa, ab.
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip


def _roman(n: int) -> str:
    out = []
    for value, digits in _ROMAN:
        count, n = divmod(n, value)
        out.append(digits * count)
    return "".join(out)


NUMBER_FORMATS: dict[str, Callable[[int], str]] = {
    "paragraph": str,
    "lettered": _letters,
    "roman": _roman,
}


def _citations(blocks: list[Block]) -> Iterator[str]:
    for block in blocks:
        for inline in getattr(block, "content", ()):
            if isinstance(inline, FootnoteRef):
                yield inline.key


class HtmlWriter:
    """Writes one document: footnote numbers and list counters are state of the page."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.note_ids: dict[str, int] = {}
        for key in _citations(doc.blocks):
            self.note_ids.setdefault(key, len(self.note_ids) + 1)
        for key in self.note_ids:
            if key not in doc.footnotes:
                raise ValueError(
                    f"footnote '{key}' is cited in the text but has no body in Document.footnotes"
                )
        self.seen: set[str] = set()
        #: Counters per list id and level; a higher-level item restarts the levels below it.
        self.counters: dict[str, list[int]] = {}
        self.schemes: dict[str, str] = {}

    # -- inlines -------------------------------------------------------------------------------

    def inlines(self, content: list[Inline], where: str) -> str:
        out: list[str] = []
        previous: Inline | None = None
        for inline in content:
            if isinstance(inline, Text):
                if inline.text:
                    html = _text(inline.text, where)
                    if inline.italic:
                        html = f"<em>{html}</em>"
                    if inline.bold:
                        html = f"<strong>{html}</strong>"
                    out.append(html)
            elif isinstance(inline, FootnoteRef):
                if isinstance(previous, FootnoteRef):
                    # UN style separates adjacent indicators with commas: "1, 2", never "12".
                    out.append('<sup class="fnref">,</sup>')
                out.append(self.citation(inline.key))
            else:
                raise TypeError(f"{where}: unknown inline {inline!r}")
            previous = inline
        return "".join(out)

    def citation(self, key: str) -> str:
        n = self.note_ids[key]
        # A repeated citation repeats the number and links to the same note, as the DOCX does.
        anchor = "" if key in self.seen else f' id="fnref-{n}"'
        self.seen.add(key)
        return f'<sup class="fnref"{anchor}><a href="#fn-{n}">{n}</a></sup>'

    # -- blocks --------------------------------------------------------------------------------

    def block(self, block: Block, index: int) -> str:
        writer = BLOCK_WRITERS.get(type(block))
        if writer is None:
            known = ", ".join(sorted(t.__name__ for t in BLOCK_WRITERS))
            raise TypeError(
                f"block {index + 1} is a {type(block).__name__}, which the HTML writer does not "
                f"know (it writes {known}); add a @block_writer function for it in "
                "submission_kit/write/html.py"
            )
        return writer(self, block, index)

    def where(self, block: Any, index: int) -> str:
        return f"block {index + 1} ({_snippet(getattr(block, 'content', []))!r})"

    def marker(self, item: ListItem, where: str) -> str:
        if not 0 <= item.level < LIST_LEVELS:
            raise ValueError(
                f"{where} is at list level {item.level}; lists have levels 0 to {LIST_LEVELS - 1}"
            )
        known = self.schemes.setdefault(item.list_id, item.scheme)
        if known != item.scheme:
            raise ValueError(
                f"list '{item.list_id}' mixes the schemes '{known}' and '{item.scheme}'; "
                "give each kind of list its own list_id"
            )
        fmt = self.doc.markers.get(item.scheme) or DEFAULT_MARKERS.get(item.scheme)
        if fmt is None:
            raise ValueError(
                f"list '{item.list_id}' has an unknown scheme '{item.scheme}'; "
                f"expected one of {', '.join(DEFAULT_MARKERS)}"
            )
        counters = self.counters.setdefault(item.list_id, [0] * LIST_LEVELS)
        counters[item.level] += 1
        for deeper in range(item.level + 1, LIST_LEVELS):
            counters[deeper] = 0
        if item.scheme == "bullet":
            return fmt
        return fmt.replace("%1", NUMBER_FORMATS[item.scheme](counters[item.level]))

    def page(self) -> str:
        parts: list[str] = []
        masthead: list[str] = []
        for i, block in enumerate(self.doc.blocks):
            html = self.block(block, i)
            # Consecutive masthead lines form the title block, ruled off as in UN documents.
            if isinstance(block, Para) and block.role == "masthead":
                masthead.append(html)
                continue
            if masthead:
                parts.append(f'<header class="title-block">{"".join(masthead)}</header>')
                masthead = []
            parts.append(html)
        if masthead:
            parts.append(f'<header class="title-block">{"".join(masthead)}</header>')
        body = "\n".join(parts)
        return (
            f'<article class="page" lang="{_attr(self.doc.properties.language, "language")}">\n'
            f'<div class="body">\n{body}\n</div>\n{self.footnotes()}</article>'
        )

    def footnotes(self) -> str:
        if not self.note_ids:
            return ""
        notes = []
        for key, n in self.note_ids.items():
            content = self.doc.footnotes[key]
            if any(isinstance(i, FootnoteRef) for i in content):
                raise ValueError(f"footnote '{key}' cites another footnote; notes cannot nest")
            text = self.inlines(content, f"footnote '{key}'")
            notes.append(
                f'<p class="footnote" id="fn-{n}"><a class="fnnum" href="#fnref-{n}">{n}</a>'
                f"{text}</p>"
            )
        return f'<footer class="footnotes">\n{"".join(notes)}\n</footer>\n'


@block_writer(Heading)
def _heading(w: HtmlWriter, block: Heading, index: int) -> str:
    where = w.where(block, index)
    if not 0 <= block.level < len(HEADINGS):
        raise ValueError(
            f"{where} is a heading of level {block.level}; levels are 0 (HChG) to 3 (H4G)"
        )
    tag, style = HEADINGS[block.level]
    text = w.inlines(block.content, where)
    if block.number:
        number = f'<span class="hnum">{_text(block.number, where)}</span>'
        return f'<{tag} class="{style}" data-block="{index}">{number}{text}</{tag}>'
    return f'<{tag} class="{style} unnumbered" data-block="{index}">{text}</{tag}>'


@block_writer(Para)
def _para(w: HtmlWriter, block: Para, index: int) -> str:
    where = w.where(block, index)
    try:
        classes = ROLE_CLASSES[block.role]
    except KeyError:
        raise ValueError(
            f"{where} has an unknown paragraph role '{block.role}'; "
            f"expected one of {', '.join(ROLE_CLASSES)}"
        ) from None
    if block.bold:
        classes += " bold"
    style = f' style="text-align: {block.align}"' if block.align else ""
    text = w.inlines(block.content, where)
    return f'<p class="{classes}" data-block="{index}"{style}>{text}</p>'


def _cm(twips: int) -> str:
    return f"{twips / STEP:.2f}".rstrip("0").rstrip(".") + "cm"


@block_writer(ListItem)
def _list_item(w: HtmlWriter, block: ListItem, index: int) -> str:
    where = w.where(block, index)
    marker = w.marker(block, where)
    classes = f"item {block.scheme}" + (" bold" if block.bold else "")
    left, first, width = LIST_GEOMETRY[block.scheme]
    left += STEP * max(0, block.level - USUAL_LEVEL[block.scheme])
    style = f"margin-left: {_cm(left)}; text-indent: {_cm(first)}"
    return (
        f'<p class="{classes}" data-block="{index}" data-list="{_attr(block.list_id, where)}" '
        f'style="{style}"><span class="marker" style="width: {_cm(width)}">'
        f"{_text(marker, where)}</span>{w.inlines(block.content, where)}</p>"
    )


@block_writer(PageBreak)
def _page_break(w: HtmlWriter, block: PageBreak, index: int) -> str:
    return f'<hr class="page-break" data-block="{index}">'


@block_writer(Contents)
def _contents(w: HtmlWriter, block: Contents, index: int) -> str:
    """The table of contents as composed: one line per heading, with its number."""
    where = f"block {index + 1} (contents)"
    lines = [
        f'<p class="contents-title bold" data-block="{index}">{w.inlines(block.title, where)}</p>'
    ]
    for entry in block.entries:
        if entry.level >= block.depth:
            continue
        number = f'<span class="num">{_text(entry.number, where)}</span>' if entry.number else ""
        lines.append(
            f'<p class="entry level-{entry.level}">{number}{w.inlines(entry.content, where)}</p>'
        )
    return '<nav class="contents">' + "".join(lines) + "</nav>"


@block_writer(Box)
def _box(w: HtmlWriter, block: Box, index: int) -> str:
    """A titled, bordered block: its title, then its own paragraphs and list items."""
    where = f"block {index + 1} (box)"
    inner = [f'<p class="box-title" data-block="{index}">{w.inlines(block.title, where)}</p>']
    inner.extend(w.block(b, index) for b in block.blocks)
    return '<div class="box">' + "".join(inner) + "</div>"
