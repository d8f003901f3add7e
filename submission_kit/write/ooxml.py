"""Thin WordprocessingML element builders: names, runs, fields, footnotes, serialisation.

Everything that makes XML for the DOCX writer goes through `el` here, so no XML strings are
scattered through the writer, and text that XML cannot hold is caught in one place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_NS = "http://www.w3.org/XML/1998/namespace"

#: Prefixes accepted by `qn`; parts choose which of them to declare on their root.
NAMESPACES = {
    "w": W_NS,
    "r": R_NS,
    "xml": XML_NS,
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "dcmitype": "http://purl.org/dc/dcmitype/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}

#: The namespaces of the word/*.xml parts.
WORD_NSMAP = {"w": W_NS, "r": R_NS}

# XML 1.0 allows tab, line feed, carriage return and everything from U+0020 except the
# surrogates and U+FFFE/U+FFFF; lxml raises an unhelpful error on anything else. Written as
# the characters it forbids: the negated set of what XML allows takes ~10 ms to compile.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

Attrs = Mapping[str, str | int]  # read only, so a dict of ints is one too


@cache
def qn(name: str) -> str:
    """Clark notation of a prefixed name: "w:p" → "{http://…/main}p"."""
    prefix, _, local = name.partition(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


def checked_text(text: str, where: str = "text") -> str:
    """`text` unchanged, or a ValueError that names the text and the offending character."""
    bad = _NOT_XML.search(text)
    if bad is None:
        return text
    pos = bad.start()
    excerpt = text[max(0, pos - 30) : pos + 30]
    raise ValueError(
        f"{where} cannot go into a Word document: it holds the character "
        f"U+{ord(bad.group()):04X} at position {pos + 1}, which XML cannot store "
        f"(near {excerpt!r}). Remove it from the draft."
    )


def el(
    name: str,
    attrs: Attrs | None = None,
    *children: etree._Element | None,
    nsmap: Mapping[Any, str] | None = None,  # a None key is the default namespace
    text: str | None = None,
) -> etree._Element:
    """An element with prefixed attribute names ("w:val") and children."""
    node = etree.Element(qn(name), nsmap=nsmap)
    if attrs:
        for key, value in attrs.items():
            # Numbers are always valid XML; only strings need the check.
            text_value = str(value) if isinstance(value, int) else checked_text(value, key)
            node.set(qn(key) if ":" in key else key, text_value)
    if text is not None:
        node.text = checked_text(text)
    if children:
        node.extend([c for c in children if c is not None])  # None: an empty property element
    return node


def val(name: str, value: str | int) -> etree._Element:
    """The common `<w:x w:val="…"/>` shape."""
    return el(name, {"w:val": value})


def run_properties(
    *, style: str | None = None, bold: bool = False, italic: bool = False
) -> etree._Element | None:
    """`w:rPr` in schema order (rStyle, b, i), or None when there is nothing to say."""
    children = []
    if style:
        children.append(val("w:rStyle", style))
    if bold:
        children.append(el("w:b"))
    if italic:
        children.append(el("w:i"))
    return el("w:rPr", None, *children) if children else None


def run(
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    style: str | None = None,
    where: str = "text",
) -> etree._Element:
    """A run of text; line feeds become line breaks and tabs become tab characters."""
    checked_text(text, where)
    r = el("w:r")
    rpr = run_properties(style=style, bold=bold, italic=italic)
    if rpr is not None:
        r.append(rpr)
    for i, line in enumerate(text.split("\n")):
        if i:
            r.append(el("w:br"))
        for j, piece in enumerate(line.split("\t")):
            if j:
                r.append(el("w:tab"))
            if piece:
                # xml:space="preserve" is added by `serialize` (see _PRESERVED).
                r.append(el("w:t", text=piece))
    return r


def paragraph_properties(
    *,
    style: str,
    keep_next: bool = False,
    num: tuple[int, int] | None = None,
    ind: Attrs | None = None,
    jc: str | None = None,
    mark_bold: bool = False,
) -> etree._Element:
    """`w:pPr` in schema order. `num` is (numId, ilvl); `mark_bold` bolds the paragraph mark,
    from which Word takes the format of the list number."""
    ppr = el("w:pPr", None, val("w:pStyle", style))
    if keep_next:
        ppr.append(el("w:keepNext"))
    if num is not None:
        num_id, ilvl = num
        ppr.append(el("w:numPr", None, val("w:ilvl", ilvl), val("w:numId", num_id)))
    if ind:
        ppr.append(el("w:ind", ind))
    if jc:
        ppr.append(val("w:jc", jc))
    if mark_bold:
        ppr.append(el("w:rPr", None, el("w:b")))
    return ppr


def paragraph(ppr: etree._Element, runs: list[etree._Element]) -> etree._Element:
    return el("w:p", None, ppr, *runs)


def page_break() -> etree._Element:
    return el("w:p", None, el("w:r", None, el("w:br", {"w:type": "page"})))


def field(instruction: str, result: str, *, style: str | None = None) -> list[etree._Element]:
    """A complex field (begin, instruction, separate, cached result, end) as runs.

    The cached result is what readers that do not update fields (pandoc, viewers) show."""

    def fld(kind: str) -> etree._Element:
        r = el("w:r")
        rpr = run_properties(style=style)
        if rpr is not None:
            r.append(rpr)
        r.append(el("w:fldChar", {"w:fldCharType": kind}))
        return r

    instr = el("w:r")
    rpr = run_properties(style=style)
    if rpr is not None:
        instr.append(rpr)
    instr_text = el("w:instrText", text=f" {instruction} ")  # preserved by `serialize`
    instr.append(instr_text)
    return [fld("begin"), instr, fld("separate"), run(result, style=style), fld("end")]


def field_begin(instruction: str) -> list[etree._Element]:
    """The runs that open a complex field whose result spans several paragraphs (a TOC):
    begin, the instruction, separate. `field_end` closes it after the cached result."""
    instr = el("w:r")
    instr_text = el("w:instrText", text=f" {instruction} ")
    instr_text.set(qn("xml:space"), "preserve")
    instr.append(instr_text)
    return [
        el("w:r", None, el("w:fldChar", {"w:fldCharType": "begin"})),
        instr,
        el("w:r", None, el("w:fldChar", {"w:fldCharType": "separate"})),
    ]


def field_end() -> etree._Element:
    return el("w:r", None, el("w:fldChar", {"w:fldCharType": "end"}))


#: Children of w:pPr that come before w:pBdr in the schema's order.
_BEFORE_BORDERS = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:numPr")


def add_borders(ppr: etree._Element, *, keep_next: bool = False) -> None:
    """A single 0.5 pt border on all four sides of the paragraph, in schema order (after
    numPr, before ind and jc). Paragraphs bordered alike are drawn as one box. `keep_next`
    keeps the paragraph on the page of the next one, so a short box is not split."""
    if keep_next and ppr.find(qn("w:keepNext")) is None:
        ppr.find(qn("w:pStyle")).addnext(el("w:keepNext"))  # type: ignore[union-attr]
    side = {"w:val": "single", "w:sz": 4, "w:space": 4, "w:color": "auto"}
    borders = el(
        "w:pBdr",
        None,
        el("w:top", side),  # type: ignore[arg-type]
        el("w:left", side),  # type: ignore[arg-type]
        el("w:bottom", side),  # type: ignore[arg-type]
        el("w:right", side),  # type: ignore[arg-type]
    )
    last = None
    for child in ppr:
        if etree.QName(child).localname in {n.split(":")[1] for n in _BEFORE_BORDERS}:
            last = child
    if last is None:
        ppr.insert(0, borders)
    else:
        last.addnext(borders)


# -- footnotes ------------------------------------------------------------------------------

FOOTNOTE_TEXT = "FootnoteText"
FOOTNOTE_REFERENCE = "FootnoteReference"
#: Word's ids for the two separator notes; real notes are numbered from 1.
SEPARATOR_ID = -1
CONTINUATION_SEPARATOR_ID = 0


def footnote_reference(note_id: int) -> etree._Element:
    """The superscript number in the text that cites footnote `note_id`."""
    return el(
        "w:r",
        None,
        run_properties(style=FOOTNOTE_REFERENCE),
        el("w:footnoteReference", {"w:id": note_id}),
    )


def footnote(note_id: int, runs: list[etree._Element]) -> etree._Element:
    """A footnote body as the Geneva template types it: a tab, its own number
    (`w:footnoteRef`, right-aligned at the style's tab stop), a tab, then the note's runs."""
    number = el("w:r", None, run_properties(style=FOOTNOTE_REFERENCE), el("w:footnoteRef"))
    para = el(
        "w:p",
        None,
        el("w:pPr", None, val("w:pStyle", FOOTNOTE_TEXT)),
        el("w:r", None, el("w:tab")),
        number,
        el("w:r", None, el("w:tab")),
        *runs,
    )
    return el("w:footnote", {"w:id": note_id}, para)


def footnotes_root(notes: list[etree._Element], indent: int = 0) -> etree._Element:
    """`w:footnotes` with the separator and continuation separator Word expects first; the
    separator line starts `indent` twips in, where the note text starts."""

    def separator(note_id: int, kind: str) -> etree._Element:
        para = el(
            "w:p",
            None,
            el(
                "w:pPr",
                None,
                el("w:spacing", {"w:after": 0, "w:line": 240, "w:lineRule": "auto"}),
                el("w:ind", {"w:left": indent}),
            ),
            el("w:r", None, el(f"w:{kind}")),
        )
        return el("w:footnote", {"w:type": kind, "w:id": note_id}, para)

    return el(
        "w:footnotes",
        None,
        separator(SEPARATOR_ID, "separator"),
        separator(CONTINUATION_SEPARATOR_ID, "continuationSeparator"),
        *notes,
        nsmap=WORD_NSMAP,
    )


def bookmark(bookmark_id: int, name: str, inner: list[etree._Element]) -> list[etree._Element]:
    return [
        el("w:bookmarkStart", {"w:id": bookmark_id, "w:name": name}),
        *inner,
        el("w:bookmarkEnd", {"w:id": bookmark_id}),
    ]


# -- serialisation --------------------------------------------------------------------------


#: Text elements whose leading and trailing spaces Word keeps only with xml:space="preserve".
_PRESERVED = ("w:t", "w:instrText")


def serialize(root: etree._Element) -> bytes:
    """UTF-8 XML with the standalone declaration Word writes; the same tree gives the same bytes.

    Every text element gets xml:space="preserve" here, once the tree is whole, and not when
    it is made: lxml moves an element carrying an attribute in the xml: namespace in time
    that grows with the square of such elements around it, so a paragraph of tens of
    thousands of runs (text dense with *italics* and **bold**) took minutes to assemble."""
    space = qn("xml:space")
    for node in root.iter(*(qn(name) for name in _PRESERVED)):
        node.set(space, "preserve")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
