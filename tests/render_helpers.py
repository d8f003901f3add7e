"""Reading rendered DOCX files back the way other programs do: python-docx, pandoc, LibreOffice."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from conftest import ORAL_EXAMPLE, run_subkit
from lxml import etree


def oral_draft_in(folder: Path) -> Path:
    """A copy of the bundled oral statement in `folder`, as statement.yaml."""
    path = folder / "statement.yaml"
    shutil.copy(ORAL_EXAMPLE, path)
    return path


def subkit_render(*args: str) -> subprocess.CompletedProcess[str]:
    """`subkit render ARGS` as a user runs it; never a traceback, whatever the outcome."""
    result = run_subkit("render", *args)
    assert "Traceback" not in result.stderr, result.stderr
    return result


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def collapse(text: str) -> str:
    return " ".join(text.split())


def unify_quotes(text: str) -> str:
    """pandoc may turn straight quotes into typographic ones (or the reverse); compare words."""
    return text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"}))


def docx_paragraphs(path: Path) -> list[str]:
    """Text of every body paragraph, as python-docx reads it (list numbers are not text)."""
    import docx

    return [collapse(p.text) for p in docx.Document(str(path)).paragraphs if p.text.strip()]


#: Style ids of the UN Geneva headings (HChG 14 pt, H1G 12 pt, H23G 10 pt bold, H4G italic).
HEADING_STYLES = ("HChG", "H1G", "H23G", "H4G")


def docx_headings(path: Path) -> list[str]:
    """Text of the paragraphs set in a UN heading style."""
    import docx

    return [
        collapse(p.text)
        for p in docx.Document(str(path)).paragraphs
        if p.style is not None and p.style.style_id in HEADING_STYLES
    ]


def docx_footnotes(path: Path) -> list[str]:
    """Text of every real footnote (separators left out), in footnotes.xml order."""
    with zipfile.ZipFile(path) as z:
        if "word/footnotes.xml" not in z.namelist():
            return []
        root = etree.fromstring(z.read("word/footnotes.xml"))
    out = []
    for note in root.iter(f"{W}footnote"):
        if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        out.append(collapse("".join(t.text or "" for t in note.iter(f"{W}t"))))
    return out


def pandoc_ast(path: Path) -> dict[str, Any]:
    out = subprocess.run(
        ["pandoc", "-f", "docx", "-t", "json", str(path)],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    return json.loads(out.stdout)


def inline_text(inlines: list[dict]) -> str:
    """Plain text of pandoc inlines; footnotes (Note) are left out of the running text."""
    parts: list[str] = []
    for node in inlines:
        t, c = node["t"], node.get("c")
        if t == "Str":
            parts.append(c)
        elif t in ("Space", "SoftBreak", "LineBreak"):
            parts.append(" ")
        elif t in (
            "Emph",
            "Strong",
            "Underline",
            "SmallCaps",
            "Strikeout",
            "Superscript",
            "Subscript",
        ):
            parts.append(inline_text(c))
        elif t == "Span" or t == "Link":
            parts.append(inline_text(c[1]))
        elif t == "Quoted":
            q = '"' if c[0]["t"] == "DoubleQuote" else "'"
            parts.append(q + inline_text(c[1]) + q)
        elif t == "Code":
            parts.append(c[1])
    return "".join(parts)


class PandocReading:
    """What pandoc finds in a DOCX: paragraphs (with their kind), ordered lists, footnotes."""

    def __init__(self, ast: dict[str, Any]) -> None:
        self.blocks: list[tuple[str, str]] = []  # (kind, text)
        self.ordered_lists: list[list[str]] = []
        self.bullet_lists: list[list[str]] = []
        self.notes: list[str] = []
        self._walk(ast["blocks"], "body")

    def _collect_notes(self, inlines: list[dict]) -> None:
        for node in inlines:
            if node["t"] == "Note":
                texts = []
                for b in node["c"]:
                    if b["t"] in ("Para", "Plain"):
                        texts.append(inline_text(b["c"]))
                self.notes.append(collapse(" ".join(texts)))
            elif node["t"] in ("Emph", "Strong", "Underline"):
                self._collect_notes(node["c"])
            elif node["t"] == "Span":
                self._collect_notes(node["c"][1])

    def _walk(self, blocks: list[dict], context: str) -> None:
        for b in blocks:
            t, c = b["t"], b.get("c")
            if t in ("Para", "Plain"):
                self.blocks.append((context, collapse(inline_text(c))))
                self._collect_notes(c)
            elif t == "Header":
                self.blocks.append(("heading", collapse(inline_text(c[2]))))
                self._collect_notes(c[2])
            elif t == "OrderedList":
                items = []
                for item in c[1]:
                    before = len(self.blocks)
                    self._walk(item, "ordered")
                    items.append(" ".join(text for _, text in self.blocks[before:]))
                self.ordered_lists.append(items)
            elif t == "BulletList":
                items = []
                for item in c:
                    before = len(self.blocks)
                    self._walk(item, "bullet")
                    items.append(" ".join(text for _, text in self.blocks[before:]))
                self.bullet_lists.append(items)
            elif t in ("BlockQuote", "Div"):
                self._walk(c if t == "BlockQuote" else c[1], context)

    @property
    def texts(self) -> list[str]:
        return [text for _, text in self.blocks if text]


def read_with_pandoc(path: Path) -> PandocReading:
    return PandocReading(pandoc_ast(path))


def convert_with_libreoffice(soffice: str, docx: Path, outdir: Path) -> Path:
    """DOCX -> PDF with LibreOffice headless and a private, throw-away profile."""
    with tempfile.TemporaryDirectory(prefix="subkit-test-lo-") as profile:
        result = subprocess.run(
            [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
             "--convert-to", "pdf", "--outdir", str(outdir), str(docx)],
            capture_output=True, text=True, timeout=240,
        )  # fmt: skip
    pdf = outdir / docx.with_suffix(".pdf").name
    assert result.returncode == 0 and pdf.exists(), result.stderr + result.stdout
    return pdf


def pdf_pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(
        next(line.split()[-1] for line in out.stdout.splitlines() if line.startswith("Pages:"))
    )


# -- HTML pages, read with lxml's HTML parser (what a browser's parser accepts) ----------------

#: Heading elements of the page; the Geneva style is their class (HChG, H1G, H23G, H4G).
HTML_HEADINGS = ("h1", "h2", "h3", "h4")


def _html_root(path: Path) -> Any:
    from lxml import html

    return html.fromstring(path.read_bytes())


def _words(node: Any, skip: str) -> str:
    """Text of `node` without the parts the page adds around the words (markers, numbers)."""
    for extra in node.xpath(skip):
        extra.drop_tree()
    return collapse(node.text_content())


def html_paragraphs(path: Path) -> list[str]:
    """Text of every block of the page's body (list markers and footnote numbers left out)."""
    root = _html_root(path)
    return [
        text
        for node in root.xpath("//article[@class='page']//*[@data-block]")
        if (text := _words(node, ".//span[@class='marker'] | .//sup[@class='fnref']"))
    ]


def html_headings(path: Path) -> list[str]:
    root = _html_root(path)
    nodes = root.xpath(" | ".join(f"//article//{h}" for h in HTML_HEADINGS))
    return [_words(n, ".//span[@class='hnum'] | .//sup[@class='fnref']") for n in nodes]


def html_footnotes(path: Path) -> list[str]:
    """Text of every footnote at the foot of the page, in order, without its number."""
    root = _html_root(path)
    return [_words(n, ".//a[@class='fnnum']") for n in root.xpath("//footer[@class='footnotes']/p")]


def html_numbered(path: Path) -> list[tuple[str, str]]:
    """(marker, text) of every list item of the page, in order."""
    root = _html_root(path)
    out = []
    for node in root.xpath("//article//p[contains(concat(' ', @class, ' '), ' item ')]"):
        marker = collapse("".join(node.xpath("./span[@class='marker']//text()")))
        out.append((marker, _words(node, ".//span[@class='marker'] | .//sup[@class='fnref']")))
    return out


def generated_notes(submission: Any) -> list[str]:
    """Footnotes the kit writes itself (keys starting with '_'), cited before any source: the
    note to an HRC statement's title naming the co-signers who share its views."""
    from submission_kit.compose import compose

    doc = compose(submission)
    return [
        collapse("".join(getattr(i, "text", "") for i in body))
        for key, body in doc.footnotes.items()
        if key.startswith("_")
    ]
