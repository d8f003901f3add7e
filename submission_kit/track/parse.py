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
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from submission_kit.diagnostics import UserError

ParagraphKind = Literal["concern", "recommendation", "question", "other"]
#: What kind of UN outcome a document is; `mechanism` tells treaty bodies from the UPR.
OutcomeKind = Literal[
    "concluding observations", "list of issues", "list of issues prior to reporting", "UPR outcome"
]
#: Kinds of paragraph that are matching targets.
TARGET_KINDS = ("recommendation", "question")

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_DIGIT = str.maketrans(SUPERSCRIPTS, "0123456789")


class COReadError(UserError):
    """The file cannot be read as concluding observations; `str()` is a one-line reason."""


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
    label: str | None = Field(
        None, description="The number as the document writes it when not a plain one: '144.253'."
    )
    response: str | None = Field(
        None, description="UPR: the State's position on the recommendation (supported, noted)."
    )

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
    kind: OutcomeKind = "concluding observations"
    language: str = Field("en", description="Language of the document: en, fr or es.")

    @property
    def mechanism(self) -> str:
        return "UPR" if self.kind == "UPR outcome" else "treaty body"

    def paragraph(self, number: int) -> COParagraph | None:
        return next((p for p in self.paragraphs if p.number == number), None)

    def lookup(self, label: str) -> tuple[COParagraph, Subparagraph | None] | None:
        """The paragraph (and subparagraph) a label such as '34 (d)' or '40' names."""
        by_label = next((p for p in self.paragraphs if p.label and p.label == label.strip()), None)
        if by_label is not None:
            return by_label, None
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
        return (p for p in self.paragraphs if p.kind in TARGET_KINDS)


_LABEL_RE = re.compile(r"^\s*(?:paras?\.\s*)?(\d{1,3})\s*(?:\(\s*([a-z])\s*\))?\s*$")
_UPR_LABEL_RE = re.compile(r"^\s*(\d{2,3}\.\d{1,3}[a-z]?)\s*$")


def parse_label(label: str) -> tuple[int, str | None] | None:
    """'34 (d)' -> (34, 'd'); '40' -> (40, None); anything else -> None."""
    m = _LABEL_RE.match(str(label))
    if m:
        return int(m[1]), m[2]
    u = _UPR_LABEL_RE.match(str(label))
    return (int(u[1].split(".")[0]), None) if u else None


def is_upr_label(label: str) -> bool:
    return bool(_UPR_LABEL_RE.match(str(label)))


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


def _symbol_re() -> re.Pattern[str]:
    """Symbols of treaty-body outcomes (prefixes from the reference data) and of UPR reports."""
    from submission_kit import reference

    prefixes = "|".join(
        re.escape(reference.committee(c).symbol_prefix.rstrip("/"))
        for c in reference.committee_codes()
    )
    return re.compile(
        rf"\b((?:{prefixes})/[A-Z]{{3}}/(?:CO|Q|QPR)/\d+(?:[-–]\d+)?(?:/Add\.\d+)?)\b"
        r"|\b(A/HRC/\d+/\d+(?:/Add\.\d+)?)\b"
    )


_SYMBOL_RE = _symbol_re()
_FURNITURE_RE = re.compile(
    r"^(?:GE\.\d{2}-\d+\s*\([EFS]\).*|Page \d+|\d{1,3}|\d{1,3}/\d{1,3}|Please recycle.*|"
    r"Distr\.:?.*|Original:.*|Advance unedited version|United Nations|Nations Unies|"
    r"Naciones Unidas|Version non [ée]dit[ée]e|Versi[óo]n avanzada sin editar)$",
    re.IGNORECASE,
)
_MARKER_RE = re.compile(rf"(?<=\S)[{SUPERSCRIPTS}]+")
_STAR_MARK_RE = re.compile(r"(?<=\w)\*+(?=\s|$)")
_ARTS_RE = re.compile(r"\((arts?)\.\s*([\d\s,]+(?:\s*and\s*\d+)?)\)\s*\.?\s*$")
_TERMINAL = (".", ";", ":", "!", "?", "”", '"', ")")

_FOLLOW_UP_RE = re.compile(
    r"(?:rule\s+\d+|follow-up|implementation of the recommendations|article\s+\d+|suivi|"
    r"seguimiento|aplicaci[óo]n de las recomendaciones).*?"
    r"(?:paragraphs?|paragraphes?|p[áa]rrafos?)\s+(.+?)"
    r"(?:\s+above|\s+ci-dessus|\s+supra)?\s*\.?$",
    re.IGNORECASE | re.DOTALL,
)
_FOLLOW_UP_TRIGGER = re.compile(
    r"rule\s+\d+|follow-up procedure|within (?:24 months|two years)|"
    r"article\s+\d+ de son r[eè]glement|proc[ée]dure de suivi|"
    r"art[íi]culo\s+\d+ de su reglamento|procedimiento de seguimiento",
    re.IGNORECASE,
)
_DATE_RE = re.compile(
    r"\b(?:by|d[’']ici (?:au|le)|au plus tard le|a m[áa]s tardar el)\s+"
    r"(\d{1,2})(?:er)?\s+(?:de\s+)?([^\W\d_]+)\s+(?:de\s+)?(\d{4})\b",
    re.IGNORECASE,
)


@cache
def _month_numbers() -> dict[str, int]:
    """Month names of every language the report writes -> 1..12 (from its wording data)."""
    import json
    from importlib import resources

    raw = resources.files("submission_kit.reference").joinpath("data", "track_report.json")
    months = json.loads(raw.read_text(encoding="utf-8"))["months"]
    return {
        name.casefold(): n
        for names in months.values()
        for n, name in enumerate(names.split(), start=1)
    }


def _committee_names() -> dict[str, str]:
    """Every committee's name in every language -> its code, from the reference data."""
    from submission_kit import reference

    out: dict[str, str] = {}
    for code in reference.committee_codes():
        for name in reference.committee(code).name.values():
            out[name.replace("’", "'").casefold()] = code
    return out


def _committee_of_symbol(symbol: str) -> str | None:
    from submission_kit import reference

    for code in reference.committee_codes():
        if symbol.startswith(reference.committee(code).symbol_prefix):
            return code
    return None


@cache
def _outcome_words(language: str) -> dict[str, re.Pattern[str]]:
    from submission_kit.track.text import _vocabulary

    words = _vocabulary(language).get("outcome", {})
    return {k: re.compile(v, re.IGNORECASE) for k, v in words.items()}


def detect_language(text: str) -> str:
    """en, fr or es: the language whose stop words the text uses most."""
    from submission_kit.track.text import _vocabulary, fold, languages

    words = re.findall(r"[^\W\d_]+", fold(text[:20000]))
    best, best_n = "en", -1
    for lang in languages():
        stop = set(fold(_vocabulary(lang)["stop"]).split()[:60])
        n = sum(w in stop for w in words)
        if n > best_n:
            best, best_n = lang, n
    return best


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
            symbol = symbol or found_symbol.group(1) or found_symbol.group(2)
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
    return _build(source, header, symbol, sections, headings, paras, detect_language(text))


def _kind(text: str, bold: bool, has_subs: bool, language: str = "en") -> ParagraphKind:
    words = _outcome_words(language)
    rec = words["recommendation"].search(text)
    concern = words["concern"].search(text)
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
    if not _FOLLOW_UP_TRIGGER.search(text):
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
        month = _month_numbers().get(d[2].casefold())
        try:
            deadline = dt.date(int(d[3]), month, int(d[1])) if month else None
        except ValueError:
            deadline = None
    return FollowUp(paragraph=p.number, selected=selected, deadline=deadline)


@cache
def _country_names() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every State's name in every language (longest first), and name -> code."""
    from submission_kit import reference

    codes: dict[str, str] = {}
    for code in reference.country_codes():
        country = reference.country(code)
        if country is None:
            continue
        for name in country.names.values():
            codes.setdefault(name, code)
    names = sorted(codes, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b"), codes


def _state_of(title: str | None) -> str | None:
    if not title:
        return None
    pattern, codes = _country_names()
    m = pattern.search(title.replace("’", "'"))
    return codes[m[1]] if m else None


def _build(
    source: str,
    header: list[str],
    symbol: str | None,
    sections: list[Section],
    headings: list[Heading],
    raw: list[_Para],
    language: str = "en",
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
                kind=_kind(text, bold, bool(subs), language),
                section=p.section,
                heading=p.heading,
                subparagraphs=subs,
                articles=articles,
                footnotes=markers,
                line=p.line,
            )
        )
    title = next(
        (_STAR_MARK_RE.sub("", h).strip() for h in header if _TITLE_RE.match(h.replace("**", ""))),
        None,
    )
    names = _committee_names()
    committee = next(
        (
            names[h.strip().replace("’", "'").casefold()]
            for h in header
            if h.strip().replace("’", "'").casefold() in names
        ),
        None,
    )
    if symbol is None:
        m = _SYMBOL_RE.search(Path(source).stem.replace("_", "/"))
        symbol = (m.group(1) or m.group(2)) if m else None
    if committee is None and symbol:
        committee = _committee_of_symbol(symbol)
    state = _state_of(title) or (
        symbol.split("/")[2] if symbol and symbol.count("/") >= 3 and committee else None
    )
    kind: OutcomeKind = "concluding observations"
    if symbol and "/QPR/" in symbol or title and _LOIPR_RE.search(title):
        kind = "list of issues prior to reporting"
    elif symbol and "/Q/" in symbol or title and _LOI_RE.search(title):
        kind = "list of issues"
    if kind != "concluding observations":
        # Every numbered paragraph of a list of issues is a question to the State.
        for para in paragraphs:
            if para.kind != "other" or _outcome_words(language)["question"].search(
                para.full_text()
            ):
                para.kind = "question"
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
        kind=kind,
        language=language,
    )


_TITLE_RE = re.compile(
    r"^(?:concluding observations|observations finales|observaciones finales|list of issues|"
    r"liste de points|lista de cuestiones)",
    re.IGNORECASE,
)
_LOI_RE = re.compile(r"list of issues|liste de points|lista de cuestiones", re.IGNORECASE)
_LOIPR_RE = re.compile(
    r"prior to (?:the )?(?:submission|reporting)|avant la soumission|previa a la presentaci",
    re.IGNORECASE,
)


# --- reading DOCX ---------------------------------------------------------------------


def _docx_lines(path: Path, raw: bytes) -> list[str]:
    """The document as the line form `read_text` understands, numbering made explicit."""
    try:
        return _docx_lines_of(path, raw)
    except COReadError:
        raise
    except Exception as exc:  # python-docx raises many unrelated types for odd packages
        reason = str(exc) or type(exc).__name__
        if "External" in reason or "external" in reason:
            reason = "a part it needs (styles, numbering ...) is linked from outside the file"
        raise COReadError(
            f"{path} cannot be read as a Word document: {reason}",
            "save it again from Word as .docx, or give the text as .txt",
        ) from None


def _docx_lines_of(path: Path, raw: bytes) -> list[str]:
    import io
    import zipfile

    not_docx = COReadError(
        f"{path} is not a Word document (a .docx is a zip file, and this one is not)",
        "save it again from Word as .docx, or give the text as .txt",
    )
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            inflated = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise not_docx from None
    if inflated > MAX_DOCX_INFLATED:
        # Checked before anything is inflated: a zip bomb costs nothing.
        raise COReadError(
            f"{path} would unpack to {inflated:,} bytes, over the {MAX_DOCX_INFLATED:,}-byte "
            "limit for concluding observations",
            "give the concluding observations alone, as .docx or .txt",
        )
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(io.BytesIO(raw))
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
    seen: set[int] = set()
    # A style may be based on itself, or on a chain that comes back to it: stop at a repeat.
    while style is not None and id(style.element) not in seen:
        seen.add(id(style.element))
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


SUPPORTED_SUFFIXES = (".txt", ".text", ".md", ".docx", ".pdf")

# --- reading UPR outcomes --------------------------------------------------------------

_UPR_LINE_RE = re.compile(r"^(?:[-•*]\s*)?(\d{2,3}\.\d{1,3})\.?\s+(\S.*)$")
_UPR_RESPONSE_RE = re.compile(
    r"[\s;.,|\t]+\(?(supported|noted|accepted|acepta(?:da)?|apoyada|se toma nota|"
    r"soutenue|not[ée]e|prend note)\)?\s*$",
    re.IGNORECASE,
)
_UPR_BLOCK_RESPONSE = (
    (
        re.compile(
            r"enjoy the support|have been supported|cuentan con el apoyo|ont recueilli l", re.I
        ),
        "supported",
    ),
    (
        re.compile(
            r"have been noted|will be noted|se ha tomado nota|ont été notées|a pris note", re.I
        ),
        "noted",
    ),
)
_RESPONSE_WORDS = {
    "supported": "supported",
    "accepted": "supported",
    "acepta": "supported",
    "aceptada": "supported",
    "apoyada": "supported",
    "soutenue": "supported",
    "noted": "noted",
    "notee": "noted",
    "notée": "noted",
    "se toma nota": "noted",
    "prend note": "noted",
}
#: A text is read as a UPR outcome when it has at least this many recommendation lines.
UPR_MIN_LINES = 3


def looks_like_upr(text: str) -> bool:
    n = 0
    for line in text.splitlines():
        if _UPR_LINE_RE.match(line.strip()):
            n += 1
            if n >= UPR_MIN_LINES:
                return True
    return False


def read_upr(text: str, source: str = "<text>") -> ConcludingObservations:
    """The recommendations of a UPR Working Group report or matrix: one target per
    "144.253 Ratify ... (Norway);" line (lines that follow it, up to the next one, are joined
    on), with the State's position where the document gives it (a trailing "Supported" or
    "Noted", or the paragraph that introduces a block of recommendations)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
    header: list[str] = []
    symbol: str | None = None
    paras: list[COParagraph] = []
    block_response: str | None = None
    current: list | None = None  # [label, line, text]

    def close() -> None:
        nonlocal current
        if current is None:
            return
        label, line_no, body = current
        body, _, _ = _clean(body)
        response = block_response
        m = _UPR_RESPONSE_RE.search(body)
        if m:
            response = _RESPONSE_WORDS.get(m[1].lower(), m[1].lower())
            body = body[: m.start()].rstrip() + (
                ";" if body[: m.start()].rstrip().endswith(")") else ""
            )
        paras.append(
            COParagraph(
                number=len(paras) + 1,
                label=label,
                text=body.strip(),
                kind="recommendation",
                line=line_no,
                response=response,
            )
        )
        current = None

    for n, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or _FURNITURE_RE.match(line):
            continue
        found_symbol = _SYMBOL_RE.search(line)
        if found_symbol and not paras and current is None:
            symbol = symbol or found_symbol.group(1) or found_symbol.group(2)
        m = _UPR_LINE_RE.match(line)
        if m:
            close()
            current = [m[1], n, m[2]]
            continue
        lead = _PARA_RE.match(line)
        if lead:
            close()
            for pattern, response in _UPR_BLOCK_RESPONSE:
                if pattern.search(line):
                    block_response = response
            continue
        if current is not None:
            current[2] = _join(current[2], line)
        else:
            header.append(line)
    close()
    if not paras:
        raise COReadError(
            f"{source} has no UPR recommendations",
            'a UPR outcome numbers its recommendations "144.253 Ratify ... (Norway);"',
        )
    title = next(
        (
            h
            for h in header
            if re.search(
                r"universal periodic review|examen p[ée]riodique universel|examen peri[óo]dico universal",
                h,
                re.I,
            )
        ),
        None,
    )
    state = None
    for h in header[:40]:
        state = _state_of(h)
        if state:
            break
    return ConcludingObservations(
        source=source,
        symbol=symbol,
        title=title,
        committee=None,
        state=state,
        paragraphs=paras,
        kind="UPR outcome",
        language=detect_language(text),
    )


# --- reading PDF ----------------------------------------------------------------------

#: A line that opens or closes this share of the pages is page furniture (running header,
#: symbol, page number, GE. number), not text.
FURNITURE_SHARE = 0.5
#: Pages read from a PDF at most, so that any file is read in bounded time.
MAX_PDF_PAGES = 400


def _pdf_text(path: Path) -> str:
    """The text of a PDF (pypdf), with running headers, footers and page numbers removed."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:
        raise COReadError(
            "reading PDF needs pypdf, which is not installed",
            "pip install pypdf, or give the text as .txt",
        ) from None
    import logging

    # pypdf logs what it repairs; the user gets one line from us, not its log.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise COReadError(f"{path} is encrypted", "save an unprotected copy, or give the text")
        pages = [(p.extract_text() or "") for p in reader.pages[:MAX_PDF_PAGES]]
    except COReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise COReadError(
            f"{path} cannot be read as a PDF: {exc}", "give the text as .txt, or the .docx"
        ) from None
    if not any(p.strip() for p in pages):
        raise COReadError(
            f"{path} has no text layer (a scanned PDF?)",
            "run OCR on it first, or give the text as .txt",
        )

    def norm(line: str) -> str:
        return re.sub(r"\d+", "#", line.strip())

    edges: dict[str, int] = {}
    split = [[ln for ln in p.splitlines() if ln.strip()] for p in pages]
    for lines in split:
        for ln in {norm(x) for x in lines[:3] + lines[-3:]}:
            edges[ln] = edges.get(ln, 0) + 1
    limit = max(2, int(len(pages) * FURNITURE_SHARE))
    furniture = {k for k, v in edges.items() if v >= limit}
    out = []
    for lines in split:
        keep = []
        for i, ln in enumerate(lines):
            at_edge = i < 3 or i >= len(lines) - 3
            if at_edge and norm(ln) in furniture:
                continue
            keep.append(ln)
        out.append("\n".join(keep))
    # A paragraph cut by a page break carries on: the text reader joins it back.
    return "\n".join(out)


def read_outcome(path: str | Path) -> ConcludingObservations:
    """Any UN outcome the kit reads: concluding observations, a list of issues (prior to
    reporting), or a UPR Working Group report or matrix, as .txt, .md, .docx or .pdf."""
    return read_concluding_observations(path)


#: Concluding observations run to some 100 kB of text; these limits are ten times that or
#: more, and keep a run bounded whatever file is given.
MAX_TEXT_BYTES = 1024 * 1024
MAX_DOCX_BYTES = 20 * 1024 * 1024
MAX_DOCX_INFLATED = 100 * 1024 * 1024


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
            "give a .txt, .md, .docx or .pdf",
        )
    from submission_kit import files

    limit = MAX_DOCX_BYTES if suffix in (".docx", ".pdf") else MAX_TEXT_BYTES
    try:
        # Regular files only, the size checked before reading (a FIFO or /dev/zero is named).
        raw = files.read_bytes(
            path, limit, "concluding observations", "give the concluding observations alone"
        )
    except files.FileProblem as exc:
        raise COReadError(exc.message, exc.hint) from None
    if not raw:
        raise COReadError(f"{path} is empty", "give the concluding observations as .txt or .docx")
    if suffix == ".docx":
        text = "\n".join(_docx_lines(path, raw))
        if len(text) > MAX_TEXT_BYTES:
            raise COReadError(
                f"{path} holds {len(text):,} characters of text, over the {MAX_TEXT_BYTES:,} "
                "limit for concluding observations",
                "give the concluding observations alone",
            )
    elif suffix == ".pdf":
        text = _pdf_text(path)
    else:
        text = _decode_text(path, raw)
    if looks_like_upr(text):
        return read_upr(text, str(path))
    return read_text(text, str(path))


def _decode_text(path: Path, raw: bytes) -> str:
    """Text in UTF-8 (with or without a BOM), UTF-16 or UTF-32 (told by the BOM, or by the
    zero bytes a text of Latin letters has in one of every two or four), else Windows-1252."""
    encoding = None
    for bom, name in (
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if raw.startswith(bom):
            encoding = name
            break
    if encoding is None and raw.count(0) > len(raw) // 4:
        sample = raw[:4096]
        if len(raw) % 4 == 0 and sample[1::4].count(0) + sample[2::4].count(0) > len(sample) // 3:
            encoding = "utf-32-le" if sample[3::4].count(0) > len(sample) // 5 else "utf-32-be"
        elif len(raw) % 2 == 0:
            encoding = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
    if encoding is not None:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            raise COReadError(
                f"{path} looks like {encoding.upper()} text but cannot be decoded as such",
                "save it again as UTF-8 text",
            ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")
