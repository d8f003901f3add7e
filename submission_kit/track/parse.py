"""Read a treaty body's concluding observations (plain text or DOCX) into `ConcludingObservations`.

Plain text is usually extracted from the UN PDF: footnote markers (¹ ²), footnote lines
and page breaks fall in the middle of paragraphs, and bold recommendations come as
`**...**`. The reader undoes all of that so that every numbered paragraph is whole.
A DOCX is turned into the same line form first, so both formats share one parser.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

ParagraphKind = Literal["concern", "recommendation", "other"]

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_DIGIT = str.maketrans(SUPERSCRIPTS, "0123456789")


class COReadError(Exception):
    """The file cannot be read as concluding observations; `str()` is a one-line reason."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class Subparagraph(BaseModel):
    letter: str = Field(description="The subparagraph's letter: a, b, c ...")
    text: str


class COParagraph(BaseModel):
    """One numbered paragraph of the concluding observations."""

    number: int
    text: str = Field(
        description="The paragraph's own text (the lead-in when it has subparagraphs)."
    )
    kind: ParagraphKind
    section: str | None = Field(None, description="Section letter: A, B, C or D.")
    heading: str | None = Field(None, description="The thematic heading it stands under.")
    subparagraphs: list[Subparagraph] = Field(default_factory=list)
    articles: list[int] = Field(
        default_factory=list, description="Articles cited at its end, as in '(arts. 2, 7 and 26)'."
    )
    footnotes: list[int] = Field(
        default_factory=list, description="Footnote markers removed from its text."
    )
    line: int = Field(description="Line of the source where it starts (1-based).")

    def subparagraph(self, letter: str) -> Subparagraph | None:
        return next((s for s in self.subparagraphs if s.letter == letter), None)

    def full_text(self) -> str:
        return " ".join([self.text, *(f"({s.letter}) {s.text}" for s in self.subparagraphs)])


class Section(BaseModel):
    letter: str
    title: str


class Heading(BaseModel):
    title: str
    section: str | None
    first_paragraph: int


class FollowUp(BaseModel):
    """The paragraph that asks the State for follow-up information on selected recommendations."""

    paragraph: int = Field(description="Number of the follow-up paragraph itself.")
    selected: list[str] = Field(description="Selected paragraphs, as labels: '12', '34 (b)'.")
    deadline: dt.date | None = None


class ConcludingObservations(BaseModel):
    """A committee's concluding observations on one State's report, paragraph by paragraph."""

    source: str = Field(description="File the text was read from.")
    symbol: str | None = Field(None, description="Document symbol, e.g. CCPR/C/KAZ/CO/3.")
    title: str | None = None
    committee: str | None = Field(None, description="Committee code, e.g. CCPR.")
    state: str | None = Field(None, description="ISO 3166 alpha-3 code of the State, e.g. KAZ.")
    sections: list[Section] = Field(default_factory=list)
    headings: list[Heading] = Field(default_factory=list)
    paragraphs: list[COParagraph]
    follow_up: FollowUp | None = None

    def paragraph(self, number: int) -> COParagraph | None:
        return next((p for p in self.paragraphs if p.number == number), None)

    def lookup(self, label: str) -> tuple[COParagraph, Subparagraph | None] | None:
        """The paragraph (and subparagraph) a label such as '34 (d)' or '40' names."""
        parsed = parse_label(label)
        if parsed is None:
            return None
        para = self.paragraph(parsed[0])
        if para is None:
            return None
        if parsed[1] is None:
            return para, None
        sub = para.subparagraph(parsed[1])
        return (para, sub) if sub else None

    def quote(self, label: str) -> str:
        """The Committee's text for a label: the subparagraph, or the whole paragraph."""
        found = self.lookup(label)
        if found is None:
            return ""
        para, sub = found
        return sub.text if sub else para.full_text()

    def selected_for_follow_up(self, label: str) -> bool:
        """Whether the follow-up paragraph selects this paragraph (or this subparagraph)."""
        if self.follow_up is None:
            return False
        parsed = parse_label(label)
        if parsed is None:
            return False
        return any(
            (s[0] == parsed[0] and (s[1] is None or s[1] == parsed[1]))
            for s in map(parse_label, self.follow_up.selected)
            if s
        )

    def recommendations(self) -> Iterator[COParagraph]:
        return (p for p in self.paragraphs if p.kind == "recommendation")


_LABEL_RE = re.compile(r"^\s*(?:paras?\.\s*)?(\d{1,3})\s*(?:\(\s*([a-z])\s*\))?\s*$")


def parse_label(label: str) -> tuple[int, str | None] | None:
    """'34 (d)' -> (34, 'd'); '40' -> (40, None); anything else -> None."""
    m = _LABEL_RE.match(str(label))
    return (int(m[1]), m[2]) if m else None


def label_of(number: int, letter: str | None = None) -> str:
    return f"{number} ({letter})" if letter else str(number)


# --- reading plain text ---------------------------------------------------------------

_PARA_RE = re.compile(r"^(\d{1,3})\.\s+(\S.*)$")
_SUB_RE = re.compile(r"^(?:[-•*]\s+)?\(([a-z])\)\s+(\S.*)$")
_ROMAN_RE = re.compile(r"^(?:[-•*]\s+)?\(((?:i{1,3}|iv|v|vi{1,3}|ix|x))\)\s+(\S.*)$")
_SECTION_RE = re.compile(r"^([A-H])\.\s+(\S.{0,150})$")
_FOOTNOTE_SUP_RE = re.compile(rf"^[{SUPERSCRIPTS}]+\s*\S")
_FOOTNOTE_PLAIN_RE = re.compile(r"^(\d{1,3})\s+\S")
_STAR_NOTE_RE = re.compile(r"^\*{1,3}\s+\S")
_SYMBOL_RE = re.compile(
    r"\b((?:CCPR/C|E/C\.12|CAT/C|CEDAW/C|CERD/C|CRC/C|CMW/C|CRPD/C|CED/C)"
    r"/[A-Z]{3}/CO/\d+(?:[-–]\d+)?(?:/Add\.\d+)?)\b"
)
_FURNITURE_RE = re.compile(
    r"^(?:GE\.\d{2}-\d+\s*\(E\).*|Page \d+|\d{1,3}|\d{1,3}/\d{1,3}|Please recycle.*|"
    r"Distr\.:?.*|Original:.*|Advance unedited version|United Nations)$",
    re.IGNORECASE,
)
_MARKER_RE = re.compile(rf"(?<=\S)[{SUPERSCRIPTS}]+")
_STAR_MARK_RE = re.compile(r"(?<=\w)\*+(?=\s|$)")
_ARTS_RE = re.compile(r"\((arts?)\.\s*([\d\s,]+(?:\s*and\s*\d+)?)\)\s*\.?\s*$")
_TERMINAL = (".", ";", ":", "!", "?", "”", '"', ")")

_RECOMMENDATION_RE = re.compile(
    r"\b(should|urges|recommends|calls (?:up)?on|encourages|invites)\b",
    re.IGNORECASE,
)
_CONCERN_RE = re.compile(
    r"\b(concern(?:ed|s)?|regrets?|deplores?|alarmed|troubled)\b", re.IGNORECASE
)
_FOLLOW_UP_RE = re.compile(
    r"(?:rule\s+\d+|follow-up|implementation of the recommendations).*?paragraphs?\s+(.+?)"
    r"(?:\s+above)?\s*\.?$",
    re.IGNORECASE | re.DOTALL,
)
_DATE_RE = re.compile(r"\bby\s+(\d{1,2}\s+[A-Z][a-z]+\s+\d{4})\b")
_COMMITTEE_NAMES = {
    "Human Rights Committee": "CCPR",
    "Committee on Economic, Social and Cultural Rights": "CESCR",
    "Committee against Torture": "CAT",
    "Committee on the Elimination of Discrimination against Women": "CEDAW",
    "Committee on the Elimination of Racial Discrimination": "CERD",
    "Committee on the Rights of the Child": "CRC",
    "Committee on Migrant Workers": "CMW",
    "Committee on the Rights of Persons with Disabilities": "CRPD",
    "Committee on Enforced Disappearances": "CED",
}


@dataclass
class _Para:
    number: int
    line: int
    section: str | None
    heading: str | None
    text: str
    subs: list[list[str]]  # [letter, text]
    bold: bool = False

    def append(self, text: str) -> None:
        """Join a piece cut off by a page break to the paragraph (or its last subparagraph)."""
        if self.subs:
            self.subs[-1][1] = _join(self.subs[-1][1], text)
        else:
            self.text = _join(self.text, text)

    @property
    def tail(self) -> str:
        return self.subs[-1][1] if self.subs else self.text


def _join(a: str, b: str) -> str:
    if a.endswith("-") and not a.endswith(" -"):  # a word hyphenated across the break
        return a + b
    return f"{a} {b}"


def _clean(text: str) -> tuple[str, list[int], bool]:
    """Strip footnote markers and bold marks; give the text, the markers and whether it had bold."""
    markers = [int(m.group().translate(_SUP_TO_DIGIT)) for m in _MARKER_RE.finditer(text)]
    text = _MARKER_RE.sub("", text)
    bold = "**" in text
    text = text.replace("**", "")
    text = re.sub(r"(?<![\w*])\*(?=\w)([^*]+?)(?<=\w)\*(?![\w*])", r"\1", text)  # *uyat*
    return re.sub(r"\s+", " ", text).strip(), markers, bold


def _is_open(text: str) -> bool:
    """The text stops mid-sentence, so the next block carries on with it."""
    t = text.rstrip().rstrip("*").rstrip()
    return bool(t) and not t.endswith(_TERMINAL)


def _looks_like_heading(line: str) -> bool:
    t = line.strip().replace("**", "")
    return (
        bool(t)
        and len(t) <= 160
        and t[0].isupper()
        and not t.endswith((".", ";", ",", ":"))
        and not _PARA_RE.match(t)
    )


def read_text(text: str, source: str = "<text>") -> ConcludingObservations:
    """Parse concluding observations from plain text. Raises COReadError when there are none."""
    if not text.strip():
        raise COReadError(f"{source} is empty", "give the concluding observations as .txt or .docx")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")

    header: list[str] = []
    symbol: str | None = None
    sections: list[Section] = []
    headings: list[Heading] = []
    paras: list[_Para] = []
    footnotes_seen = 0
    section: str | None = None
    heading: str | None = None
    pending_heading: str | None = None

    for n, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        found_symbol = _SYMBOL_RE.fullmatch(line.replace("**", ""))
        if found_symbol:  # the symbol alone on a line: title block or running header
            symbol = symbol or found_symbol.group(1)
            continue
        if _FURNITURE_RE.match(line):
            continue
        if _FOOTNOTE_SUP_RE.match(line) or (paras and _STAR_NOTE_RE.match(line)):
            footnotes_seen += 1
            continue
        plain = _FOOTNOTE_PLAIN_RE.match(line)
        if plain and paras and int(plain[1]) == footnotes_seen + 1 and not _PARA_RE.match(line):
            # Footnotes without superscripts are told from text by their running number.
            footnotes_seen += 1
            continue

        m = _PARA_RE.match(line)
        if m and (not paras or int(m[1]) > paras[-1].number):
            cleaned, _, bold = _clean(m[2])
            paras.append(_Para(int(m[1]), n, section, pending_heading or heading, m[2], [], bold))
            if pending_heading:
                heading = pending_heading
                headings.append(Heading(title=heading, section=section, first_paragraph=int(m[1])))
                pending_heading = None
            continue
        sec = _SECTION_RE.match(line.replace("**", ""))
        if sec and not sec[2].rstrip().endswith(".") and not (paras and _is_open(paras[-1].tail)):
            section = sec[1]
            sections.append(Section(letter=sec[1], title=sec[2].strip()))
            heading = pending_heading = None
            continue
        if not paras:
            header.append(line)
            continue
        last = paras[-1]
        sub = _SUB_RE.match(line)
        if sub and not _is_open(last.tail):
            last.subs.append([sub[1], sub[2]])
            continue
        roman = _ROMAN_RE.match(line)
        if roman and last.subs and not _is_open(last.tail):
            last.subs[-1][1] += f" ({roman[1]}) {roman[2]}"
            continue
        if _is_open(last.tail) or line[0].islower():
            last.append(line)
            continue
        if _looks_like_heading(line):
            pending_heading = line.replace("**", "").strip()
            continue
        last.append(line)  # an unnumbered block after a page break: part of the paragraph

    if not paras:
        raise COReadError(
            f"{source} has no numbered paragraphs, so it is not concluding observations",
            "concluding observations number their paragraphs '1.', '2.' ...",
        )
    return _build(source, header, symbol, sections, headings, paras)


def _kind(text: str, bold: bool, has_subs: bool) -> ParagraphKind:
    rec = _RECOMMENDATION_RE.search(text)
    concern = _CONCERN_RE.search(text)
    if rec and (bold or not concern or rec.start() < concern.start()):
        return "recommendation"
    if concern:
        return "concern"
    if bold or (rec and has_subs):
        return "recommendation"
    return "other"


def _articles(text: str) -> tuple[str, list[int]]:
    m = _ARTS_RE.search(text)
    if not m:
        return text, []
    numbers = [int(x) for x in re.findall(r"\d+", m[2])]
    return text, numbers


def _follow_up(p: COParagraph) -> FollowUp | None:
    text = p.text
    if not re.search(r"rule\s+\d+|follow-up procedure|within (?:24 months|two years)", text):
        return None
    m = _FOLLOW_UP_RE.search(text)
    if not m:
        return None
    listed = re.sub(r"\([^)]{2,}\)", "", m[1])  # drop the topic names in brackets
    selected = [
        label_of(int(n), letter or None)
        for n, letter in re.findall(r"\b(\d{1,3})\b(?:\s*\(([a-z])\))?", listed)
    ]
    if not selected:
        return None
    deadline = None
    d = _DATE_RE.search(text)
    if d:
        try:
            deadline = dt.datetime.strptime(d[1], "%d %B %Y").date()
        except ValueError:
            deadline = None
    return FollowUp(paragraph=p.number, selected=selected, deadline=deadline)


def _state_of(title: str | None) -> str | None:
    if not title:
        return None
    from submission_kit import reference

    for code in reference.country_codes():
        country = reference.country(code)
        if country and re.search(rf"\b{re.escape(country.name('en'))}\b", title):
            return code
    return None


def _build(
    source: str,
    header: list[str],
    symbol: str | None,
    sections: list[Section],
    headings: list[Heading],
    raw: list[_Para],
) -> ConcludingObservations:
    paragraphs: list[COParagraph] = []
    for p in raw:
        text, markers, bold = _clean(p.text)
        subs = []
        for letter, sub_text in p.subs:
            cleaned, sub_markers, sub_bold = _clean(sub_text)
            markers += sub_markers
            bold = bold or sub_bold
            subs.append(Subparagraph(letter=letter, text=cleaned))
        last_text = subs[-1].text if subs else text
        _, articles = _articles(last_text)
        paragraphs.append(
            COParagraph(
                number=p.number,
                text=text,
                kind=_kind(text, bold, bool(subs)),
                section=p.section,
                heading=p.heading,
                subparagraphs=subs,
                articles=articles,
                footnotes=markers,
                line=p.line,
            )
        )
    title = next(
        (
            _STAR_MARK_RE.sub("", h).strip()
            for h in header
            if h.lower().startswith("concluding observations")
        ),
        None,
    )
    committee = next(
        (code for name, code in _COMMITTEE_NAMES.items() for h in header if h.strip() == name), None
    )
    if symbol is None:
        m = _SYMBOL_RE.search(Path(source).stem.replace("_", "/"))
        symbol = m.group(1) if m else None
    if committee is None and symbol:
        committee = next((c for c in _COMMITTEE_NAMES.values() if symbol.startswith(c + "/")), None)
    state = _state_of(title) or (
        symbol.split("/")[2] if symbol and symbol.count("/") >= 3 else None
    )
    follow_up = None
    for para in reversed(paragraphs):
        if para.section in (None, sections[-1].letter if sections else None):
            follow_up = _follow_up(para)
            if follow_up:
                para.kind = "other"
                break
    return ConcludingObservations(
        source=source,
        symbol=symbol,
        title=title,
        committee=committee,
        state=state,
        sections=sections,
        headings=headings,
        paragraphs=paragraphs,
        follow_up=follow_up,
    )


# --- reading DOCX ---------------------------------------------------------------------


def _docx_lines(path: Path) -> list[str]:
    """The document as the line form `read_text` understands, numbering made explicit."""
    import zipfile

    if not zipfile.is_zipfile(path):
        raise COReadError(
            f"{path} is not a Word document (a .docx is a zip file, and this one is not)",
            "save it again from Word as .docx, or give the text as .txt",
        )
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several unrelated types for broken packages
        raise COReadError(
            f"{path} cannot be opened as a Word document: {exc}", "save it again from Word as .docx"
        ) from None

    formats = _numbering_formats(document)
    lines: list[str] = []
    for section in document.sections:
        for p in section.header.paragraphs:
            if p.text.strip():
                lines += [p.text.strip(), ""]
    number = 0
    letter = 0
    for p in document.paragraphs:
        text = _docx_paragraph_text(p, qn)
        if not text.strip():
            continue
        fmt = _numbering_of(p, formats, qn)
        if fmt == "decimal":
            number += 1
            letter = 0
            text = f"{number}. {text}"
        elif fmt in ("lowerLetter", "upperLetter"):
            letter += 1
            text = f"({chr(ord('a') + letter - 1)}) {text}"
        else:
            typed = _PARA_RE.match(text.strip())
            if typed:
                number = int(typed[1])
        lines += [text.strip(), ""]
    return lines


def _docx_paragraph_text(p: object, qn: object) -> str:
    """Runs joined, bold kept as **...**, superscript footnote markers dropped."""
    out = []
    for run in p.runs:  # type: ignore[attr-defined]
        text = run.text
        if not text:
            continue
        if run.font.superscript and text.strip().isdigit():
            continue
        out.append(f"**{text}**" if run.bold and text.strip() else text)
    return "".join(out).replace("****", "")


def _numbering_formats(document: object) -> dict[tuple[str, str], str]:
    """(numId, ilvl) -> number format ('decimal', 'lowerLetter' ...) from numbering.xml."""
    from docx.oxml.ns import qn

    try:
        numbering = document.part.numbering_part.element  # type: ignore[attr-defined]
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract: dict[str, dict[str, str]] = {}
    for a in numbering.findall(qn("w:abstractNum")):
        levels = {}
        for lvl in a.findall(qn("w:lvl")):
            fmt = lvl.find(qn("w:numFmt"))
            levels[lvl.get(qn("w:ilvl"))] = fmt.get(qn("w:val")) if fmt is not None else "decimal"
        abstract[a.get(qn("w:abstractNumId"))] = levels
    out: dict[tuple[str, str], str] = {}
    for num in numbering.findall(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        if ref is None:
            continue
        for ilvl, fmt in abstract.get(ref.get(qn("w:val")), {}).items():
            out[(num.get(qn("w:numId")), ilvl)] = fmt
    return out


def _numbering_of(p: object, formats: dict[tuple[str, str], str], qn: object) -> str | None:
    """The number format of a paragraph's Word auto-numbering, directly or through its style."""
    candidates = [p._p.pPr]  # type: ignore[attr-defined]
    style = p.style  # type: ignore[attr-defined]
    while style is not None:
        candidates.append(style.element.pPr)
        style = style.base_style
    for pPr in candidates:
        if pPr is None:
            continue
        numPr = pPr.find(qn("w:numPr"))  # type: ignore[operator]
        if numPr is None:
            continue
        num_id = numPr.find(qn("w:numId"))  # type: ignore[operator]
        ilvl = numPr.find(qn("w:ilvl"))  # type: ignore[operator]
        if num_id is None or num_id.get(qn("w:val")) == "0":  # type: ignore[operator]
            return None
        key = (num_id.get(qn("w:val")), ilvl.get(qn("w:val")) if ilvl is not None else "0")  # type: ignore[operator]
        return formats.get(key)
    return None


SUPPORTED_SUFFIXES = (".txt", ".text", ".md", ".docx")


def read_concluding_observations(path: str | Path) -> ConcludingObservations:
    """Read concluding observations from a .txt (or .md) or .docx file.

    Raises COReadError with a one-line reason for anything that is not readable
    concluding observations: missing, empty, not a zip, unsupported, no numbered paragraphs.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise COReadError(
            f"{path}: cannot read '{suffix or 'files without an extension'}' as concluding observations",
            "give a .txt (text copied from the PDF) or a .docx",
        )
    if not path.is_file():
        raise COReadError(f"no such file: {path}")
    if path.stat().st_size == 0:
        raise COReadError(f"{path} is empty", "give the concluding observations as .txt or .docx")
    if suffix == ".docx":
        return read_text("\n".join(_docx_lines(path)), str(path))
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return read_text(text, str(path))
