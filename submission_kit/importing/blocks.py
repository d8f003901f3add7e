"""What an imported document is made of before it is classified: headings, paragraphs, list
items and footnotes, each with where it came from. Readers (Word, plain text) produce
these; `classify` turns them into a draft.

Plain text, as it comes out of a PDF, has lost its structure: lines are hard-wrapped, list
bullets are often dropped to a leading space, and footnotes sit at the foot of each page
with their number typed before them and after the word that cites them ("refugees:1").
`from_lines` rebuilds paragraphs and notes from such lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Block:
    """One unit of the document. `kind` is "heading", "para" or "item"."""

    kind: str
    text: str
    where: str  # e.g. "line 12" or "paragraph 7", for findings
    level: int = 0  # heading level (1 = outermost), or list nesting (0 = top)
    marker: str = ""  # of an item: "bullet", "number", "letter", "space" (a lost bullet), "dash"
    style: str = ""  # a Word paragraph style, when there is one
    boxed: bool = False  # a paragraph with a border all round (a case box of the UN layout)


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)
    footnotes: dict[str, str] = field(default_factory=dict)  # id -> text, in order
    source: str = ""
    #: Whether lines were rebuilt into paragraphs (text, or a DOCX of one line per paragraph).
    rejoined: bool = False
    #: Document properties (a DOCX's title, subject, description ...), by name.
    properties: dict[str, str] = field(default_factory=dict)
    #: What the reader could not keep as it was (a table flattened, an image left out):
    #: (where, what, a text of the place, to find it in the draft), reported as points to check.
    changed: list[tuple[str, str, str]] = field(default_factory=list)


_BULLETS = "•◦▪‣●○■□➢►✓\uf0b7\uf0a7\uf076\uf0d8"
BULLET_RE = re.compile(rf"^\s*[{_BULLETS}]\s*")
DASH_RE = re.compile(r"^\s*[-–—*]\s+")
NUMBER_RE = re.compile(r"^\s*(\d{1,3})[.)]\s+")
LETTER_RE = re.compile(r"^\s*\(?([a-z]|[ivx]{1,4})\)\s+")
ARTICLE_HEADING_RE = re.compile(
    r"^\s*(?:Articles?|Arts?\.|Artículos?|Artículo)\s+\d", re.IGNORECASE
)
#: A chapter heading of the UN layout, its number typed: "II. Implementation of the Convention".
CHAPTER_RE = re.compile(r"^\s*[IVX]{1,5}\.\s+[A-Z]")
# Page furniture: page numbers alone, "Page 3 of 12", "- 3 -", form feeds.
FURNITURE_RE = re.compile(
    r"^\s*(?:\f|(?:page|página)\s+\d+(?:\s+(?:of|de|sur)\s+\d+)?|-\s*\d+\s*-|\d{1,3}|\d+\s*/\s*\d+)\s*$",
    re.IGNORECASE,
)


_FINAL = '.?!:;”"»)'
#: A line this long (against the usual width) may end a sentence without ending a paragraph.
FULL_LINE = 0.97
#: Longer than a line of any printed page: a whole paragraph on one line.
UNWRAPPED = 200


def typed_marker(text: str) -> tuple[str, str]:
    """("number"|"letter"|"bullet"|"dash"|"", text without the typed marker)."""
    for kind, pattern in (
        ("bullet", BULLET_RE),
        ("number", NUMBER_RE),
        ("letter", LETTER_RE),
        ("dash", DASH_RE),
    ):
        m = pattern.match(text)
        if m:
            return kind, text[m.end() :].strip()
    return "", text.strip()


def _first_word(line: str) -> str:
    parts = line.split()
    return parts[0] if parts else ""


def _width(lines: list[str]) -> int:
    lengths = sorted(len(ln.rstrip()) for ln in lines if len(ln.strip()) > 20)
    if not lengths:
        return 80
    return lengths[int(len(lengths) * 0.9)] if len(lengths) > 10 else lengths[-1]


def _starts_block(line: str) -> bool:
    """Whether a line opens a new block whatever came before: a bullet, a typed number, a
    lost bullet (a leading space before a capital), a heading naming an article."""
    if BULLET_RE.match(line) or DASH_RE.match(line) or NUMBER_RE.match(line):
        return True
    if LETTER_RE.match(line) or CHAPTER_RE.match(line):
        return True
    if re.match(r"^\s+[A-Z“\"(]", line):
        return True
    return bool(ARTICLE_HEADING_RE.match(line))


def _footnote_blocks(
    lines: list[str],
) -> tuple[list[tuple[int, str]], dict[str, tuple[str, int]]]:
    """Split the footnotes off the body: notes are numbered lines after a blank line (or after
    the previous note), numbered 1, 2, 3 ... in order, each running to the next blank line
    or note. Returns the body lines (with their line numbers) and the notes."""
    body: list[tuple[int, str]] = []
    notes: dict[str, tuple[str, int]] = {}
    expected = 1
    i = 0
    after_blank = True
    while i < len(lines):
        line = lines[i]
        m = re.match(r"^\s*(\d{1,3})\s+(\S.*)$", line)
        if m and after_blank and int(m[1]) == expected:
            number = m[1]
            text = [m[2].strip()]
            start = i + 1
            i += 1
            while i < len(lines) and lines[i].strip():
                nxt = re.match(r"^\s*(\d{1,3})\s+(\S.*)$", lines[i])
                if nxt and int(nxt[1]) == expected + 1:
                    break
                text.append(lines[i].strip())
                i += 1
            notes[number] = (" ".join(text), start)
            expected += 1
            after_blank = True  # a note may follow another directly
            continue
        after_blank = not line.strip()
        body.append((i + 1, line))
        i += 1
    return body, notes


def _cite_footnotes(text: str, numbers: list[str], cited: set[str]) -> str:
    """Replace typed note numbers glued to a word or quote ("refugees:1", "torture”2.") with
    [^N] citations, for notes not cited yet."""

    def repl(m: re.Match) -> str:
        n = m.group(2)
        if n in numbers and n not in cited:
            cited.add(n)
            return f"{m.group(1)}[^{n}]"
        return m.group(0)

    return re.sub(r"([A-Za-z:;,.”\"’)])(\d{1,3})(?=[\s.,;:]|$)", repl, text)


def from_lines(lines: list[str], unit: str = "line") -> Document:
    """Rebuild blocks and footnotes from hard-wrapped lines (text extracted from a PDF, or a
    Word document of one paragraph per line). `unit` names a line in findings."""
    lines = [ln.replace("\t", " ").rstrip() for ln in lines]
    lines = [("" if FURNITURE_RE.match(ln) else ln) for ln in lines]
    body, notes = _footnote_blocks(lines)
    width = _width([ln for _, ln in body])
    doc = Document(rejoined=True)
    current: list[str] = []
    start = 0
    kind, marker = "para", ""

    def flush() -> None:
        nonlocal current
        if current:
            text = re.sub(r"\s+", " ", " ".join(current)).strip()
            doc.blocks.append(Block(kind, text, f"{unit} {start}", marker=marker))
        current = []

    # A title block typed line by line (organisation, committee, session, State, date) ends
    # at the first blank line and no line of it ends a sentence: each line is a block.
    head: set[int] = set()
    first_blank = next((k for k, (_, ln) in enumerate(body) if not ln.strip()), None)
    if first_blank is not None and 2 <= first_blank <= 15:
        run = body[:first_blank]
        if not any(ln.rstrip().endswith(tuple(".;:!?,")) for _, ln in run):
            head = {n for n, _ in run}
            after = next((n for n, ln in body[first_blank:] if ln.strip()), None)
            if after is not None:
                head.add(after)  # the block after it (the title) starts afresh
    prev = ""
    for k, (n, line) in enumerate(body):
        following = next((ln for _, ln in body[k + 1 :] if ln.strip()), "")
        if not line.strip():
            continue  # blank lines are page breaks as often as paragraph breaks
        room = len(prev) + 1 + len(_first_word(line)) <= width * 0.9
        final = prev.rstrip().endswith(tuple(_FINAL)) or re.search(r"[.:”]\d{1,3}$", prev)
        lowercase = line.lstrip()[:1].islower()
        new = (
            not current
            or n in head
            or _starts_block(line)
            or (room and not lowercase)
            or (final and not lowercase and len(prev) < width * FULL_LINE)
            # A line longer than any printed line is a paragraph typed on one line: when it
            # ends a sentence, it ends the paragraph, however long the other lines are.
            or (final and not lowercase and len(prev) > UNWRAPPED)
            # A sentence that ends with ':' right before a list leads the list in.
            or (
                final and not lowercase and line.rstrip().endswith(":") and _starts_block(following)
            )
        )
        if new:
            flush()
            start = n
            m_kind, rest = typed_marker(line)
            if m_kind:
                kind, marker = "item", m_kind
            elif re.match(r"^\s+\S", line) and re.match(r"^\s+[A-Z“\"(]", line):
                kind, marker = "item", "space"
            else:
                kind, marker = "para", ""
            current = [rest]
        else:
            current.append(line.strip())
        prev = line.rstrip()
    flush()
    numbers = list(notes)
    cited: set[str] = set()
    for b in doc.blocks:
        b.text = _cite_footnotes(b.text, numbers, cited)
    for number, (text, _line) in notes.items():
        doc.footnotes[number] = text
    _mark_headings(doc, width)
    return doc


def _mark_headings(doc: Document, width: int) -> None:
    """Short lines without final punctuation are headings: those naming an article, and the
    first line of the document (its title)."""
    for i, b in enumerate(doc.blocks):
        short = len(b.text) < width * 0.7 and not b.text.rstrip().endswith(tuple(".?!;,"))
        if b.kind == "para" and short and ARTICLE_HEADING_RE.match(b.text):
            b.kind, b.level = "heading", 1
        elif b.kind in ("para", "item") and short and i == 0 and not b.text.endswith(":"):
            b.kind, b.level, b.marker = "heading", 0, ""
