"""Read a Word document (DOCX) into blocks: headings from their styles or outline levels, list
items from Word's numbering or from typed numbers and bullets, real footnotes, *italic* and
**bold** runs. A DOCX of one paragraph per line (what a converted text or PDF often is) is
handed to the line rebuilder of `blocks`, as plain text would be.

The package is read with zipfile and lxml, entity expansion off and every part's size capped,
so that a hostile file cannot exhaust memory.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any, TypeVar

from submission_kit.importing.blocks import (
    Block,
    Document,
    from_lines,
    typed_marker,
)
from submission_kit.importing.problems import ImportProblem

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": W}
MAX_PART = 64 * 1024 * 1024  # uncompressed bytes of one XML part
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

T = TypeVar("T")


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def check_package(path: Path) -> None:
    """Refuse what is not a readable DOCX, saying what it is and what to do."""
    with path.open("rb") as f:
        head = f.read(8)
    if head.startswith(b"%PDF"):
        raise ImportProblem(
            f"{path} is a PDF; PDF files are not read",
            "open it in Word (File > Open converts a PDF) or LibreOffice and save it as .docx, "
            "or copy its text into a .txt file, then import that",
        )
    if head.startswith(OLE_MAGIC):
        with path.open("rb") as f:
            # An encrypted DOCX is an OLE file holding a stream named EncryptedPackage.
            sample = f.read(4 * 1024 * 1024)
        if "EncryptedPackage".encode("utf-16-le") in sample:
            raise ImportProblem(
                f"{path} is password-protected",
                "open it in Word, remove the password (File > Info > Protect Document > Encrypt "
                "with Password, then clear it), save it, and import it again",
            )
        raise ImportProblem(
            f"{path} is a Word 97-2003 document (.doc), not a DOCX",
            "open it in Word or LibreOffice and save it as Word Document (.docx), then import it",
        )
    if not zipfile.is_zipfile(path):
        raise ImportProblem(
            f"{path} is not a Word document (a .docx is a zip archive, and this file is not one)",
            "open it in Word or LibreOffice and save it as Word Document (.docx)",
        )


def _part(z: zipfile.ZipFile, name: str) -> Any | None:
    from lxml import etree

    try:
        info = z.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART:
        raise ImportProblem(
            f"the part {name} of the document is {info.file_size:,} bytes once unpacked",
            f"a submission's text is far smaller than {MAX_PART:,} bytes; check the file",
        )
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(z.read(name), parser)
    except etree.XMLSyntaxError as exc:
        raise ImportProblem(
            f"the document's {name} is damaged: {exc}", "open and save it again in Word"
        ) from None


def _on(el: Any) -> bool:
    if el is None:
        return False
    val = el.get(_q("val"))
    return val not in ("0", "false", "none")


def _num_pr(ppr: Any) -> tuple[str, int] | None:
    """(numId, level) of a paragraph's (or a style's) numbering; None when it has none or
    switches it off (numId 0)."""
    npr = ppr.find("w:numPr", _NS) if ppr is not None else None
    if npr is None:
        return None
    nid = npr.find("w:numId", _NS)
    ilvl = npr.find("w:ilvl", _NS)
    if nid is None or nid.get(_q("val")) in (None, "0"):
        return None
    return (nid.get(_q("val")) or "", int(ilvl.get(_q("val"))) if ilvl is not None else 0)


def _inherited(own: dict[str, T], based: dict[str, str]) -> dict[str, T]:
    """Each style's own value, or else that of the nearest style it is based on that has one
    (a loop of styles based on each other is cut)."""
    out = dict(own)
    for sid in based:
        seen = {sid}
        parent = based.get(sid)
        while sid not in out and parent and parent not in seen:
            if parent in own:
                out[sid] = own[parent]
            seen.add(parent)
            parent = based.get(parent)
    return out


def _styles(
    root: Any | None,
) -> tuple[dict[str, tuple[str, int | None]], dict[str, tuple[str, int]]]:
    """From styles.xml: styleId -> (name, outline level or None), and styleId -> (numId,
    level) for the styles that number their paragraphs themselves (Word's "List Number" and
    "List Bullet" set the numbering in the style, not in each paragraph). A style based on a
    heading style is a heading of that level (LibreOffice writes the UN heading styles so),
    and one based on a numbered style numbers too, unless it says otherwise."""
    names: dict[str, str] = {}
    levels: dict[str, int] = {}
    numbers: dict[str, tuple[str, int]] = {}
    based: dict[str, str] = {}
    for s in root.iter(_q("style")) if root is not None else ():
        sid = s.get(_q("styleId")) or ""
        name_el = s.find("w:name", _NS)
        name = (name_el.get(_q("val")) if name_el is not None else sid) or sid
        names[sid] = name
        lvl = s.find("w:pPr/w:outlineLvl", _NS)
        m = re.fullmatch(r"heading\s*(\d)", name.strip().lower())
        if lvl is not None:
            levels[sid] = int(lvl.get(_q("val")))
        elif m:
            levels[sid] = int(m.group(1)) - 1
        found = _num_pr(s.find("w:pPr", _NS))
        if found is not None:
            numbers[sid] = found
        parent = s.find("w:basedOn", _NS)
        if parent is not None:
            based[sid] = parent.get(_q("val")) or ""
    inherited = _inherited(levels, based)
    return {sid: (name, inherited.get(sid)) for sid, name in names.items()}, _inherited(
        numbers, based
    )


def _numbering(z: zipfile.ZipFile) -> dict[tuple[str, int], str]:
    """(numId, level) -> number format (bullet, decimal, lowerLetter ...)."""
    root = _part(z, "word/numbering.xml")
    out: dict[tuple[str, int], str] = {}
    if root is None:
        return out
    abstract: dict[str, dict[int, str]] = {}
    for a in root.iter(_q("abstractNum")):
        levels: dict[int, str] = {}
        for lvl in a.iter(_q("lvl")):
            fmt = lvl.find("w:numFmt", _NS)
            levels[int(lvl.get(_q("ilvl"), "0"))] = (
                fmt.get(_q("val")) if fmt is not None else "decimal"
            )
        abstract[a.get(_q("abstractNumId")) or ""] = levels
    for num in root.iter(_q("num")):
        ref = num.find("w:abstractNumId", _NS)
        if ref is None:
            continue
        for level, fmt in abstract.get(ref.get(_q("val")) or "", {}).items():
            out[(num.get(_q("numId")) or "", level)] = fmt
    return out


def _runs_text(p: Any, notes: dict[str, str]) -> str:
    """The text of a paragraph with *italic*, **bold**, [^id] citations and line breaks."""
    pieces: list[tuple[str, bool, bool]] = []
    for r in p.iter(_q("r")):
        rpr = r.find("w:rPr", _NS)
        bold = _on(rpr.find("w:b", _NS)) if rpr is not None else False
        italic = _on(rpr.find("w:i", _NS)) if rpr is not None else False
        vertical = rpr.find("w:vertAlign", _NS) if rpr is not None else None
        for child in r:
            tag = child.tag
            if tag == _q("t"):
                text = child.text or ""
                if vertical is not None and text.strip().isdigit() and not notes:
                    text = text  # a superscript typed number: left for the text rebuilder
                pieces.append((text, bold, italic))
            elif tag == _q("tab"):
                pieces.append((" ", False, False))
            elif tag in (_q("br"), _q("cr")):
                pieces.append(("\n", False, False))
            elif tag == _q("footnoteReference"):
                fid = child.get(_q("id")) or ""
                pieces.append((f"[^{fid}]", False, False))
            elif tag == _q("noBreakHyphen"):
                pieces.append(("\u2011", bold, italic))
    out: list[str] = []
    merged: list[list[Any]] = []
    for text, bold, italic in pieces:
        if merged and merged[-1][1] == bold and merged[-1][2] == italic:
            merged[-1][0] += text
        else:
            merged.append([text, bold, italic])
    for text, bold, italic in merged:
        if (bold or italic) and text.strip() and "\n" not in text:
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()) :]
            mark = "**" if bold else "*"
            if bold and italic:
                mark = "**"  # one emphasis at a time: drafts have no bold italic
            out.append(f"{lead}{mark}{text.strip()}{mark}{trail}")
        else:
            out.append(text)
    return "".join(out)


def _footnotes(z: zipfile.ZipFile) -> dict[str, str]:
    root = _part(z, "word/footnotes.xml")
    out: dict[str, str] = {}
    if root is None:
        return out
    for fn in root.iter(_q("footnote")):
        if fn.get(_q("type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        paras = [_runs_text(p, {"x": ""}).strip() for p in fn.iter(_q("p"))]
        text = re.sub(r"\s+", " ", " ".join(t for t in paras if t)).strip()
        out[fn.get(_q("id")) or ""] = text
    return out


_BULLET_FORMATS = {"bullet", "none"}
_LETTER_FORMATS = {"lowerLetter", "upperLetter", "lowerRoman", "upperRoman"}


def read_docx(path: Path) -> Document:
    check_package(path)
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportProblem(f"{path} cannot be opened as a DOCX: {exc}") from None
    with z:
        names = set(z.namelist())
        if "EncryptedPackage" in names or "word/document.xml" not in names:
            raise ImportProblem(
                f"{path} is a zip archive but not a Word document (it has no word/document.xml)",
                "open it in Word or LibreOffice and save it as Word Document (.docx)",
            )
        root = _part(z, "word/document.xml")
        core = _part(z, "docProps/core.xml")
        styles, style_numbers = _styles(_part(z, "word/styles.xml"))
        numbering = _numbering(z)
        notes = _footnotes(z)
    body = root.find("w:body", _NS) if root is not None else None
    if body is None:
        raise ImportProblem(f"{path} has no document body", "open and save it again in Word")
    doc = Document(source=str(path))
    if core is not None:
        for el in core:
            if isinstance(el.tag, str) and el.text:
                doc.properties[el.tag.rsplit("}", 1)[-1]] = el.text.strip()
    structured = False
    broken = 0  # paragraphs holding line breaks
    lines: list[str] = []
    # Every paragraph, those in tables, text boxes and content controls included: no text is
    # left behind.
    paragraphs = list(body.iter(_q("p")))
    changed = _tables_and_images(body, paragraphs)
    for n, p in enumerate(paragraphs, start=1):
        text = _runs_text(p, notes)
        if "\n" in text.strip():
            broken += 1
            if lines and lines[-1]:
                lines.append("")  # a paragraph of broken lines stood between blank lines
        lines += text.split("\n") if text.strip() else [""]
        if not text.strip():
            continue
        ppr = p.find("w:pPr", _NS)
        sid = ""
        outline: int | None = None
        num: tuple[str, int] | None = None
        boxed = False
        if ppr is not None:
            border = ppr.find("w:pBdr", _NS)
            boxed = border is not None and all(
                border.find(f"w:{side}", _NS) is not None
                for side in ("top", "left", "bottom", "right")
            )
            st = ppr.find("w:pStyle", _NS)
            sid = st.get(_q("val")) if st is not None else ""
            ol = ppr.find("w:outlineLvl", _NS)
            outline = int(ol.get(_q("val"))) if ol is not None else None
            num = _num_pr(ppr)
            npr = ppr.find("w:numPr", _NS)
            if num is None and npr is None:
                num = style_numbers.get(sid)
        name, style_outline = styles.get(sid, (sid, None))
        lname = (name or "").lower()
        if outline is None:
            outline = style_outline
        where = f"paragraph {n}"
        text = re.sub(r"[ \t]*\n[ \t]*", " ", text).strip()
        if lname == "title":
            doc.blocks.append(Block("heading", text, where, level=0, style=name))
            structured = True
        elif lname.startswith("heading") or (outline is not None and outline < 9):
            m = re.search(r"(\d)", lname)
            level = int(m.group(1)) if m else (outline or 0) + 1
            doc.blocks.append(Block("heading", text, where, level=level, style=name))
            structured = True
        elif num is not None:
            fmt = numbering.get(num, "decimal")
            marker = (
                "bullet"
                if fmt in _BULLET_FORMATS
                else ("letter" if fmt in _LETTER_FORMATS else "number")
            )
            _, rest = typed_marker(text)  # a number typed as well as Word's
            doc.blocks.append(Block("item", rest, where, level=num[1], marker=marker, style=name))
            structured = True
        else:
            marker, rest = typed_marker(text)
            if marker:
                doc.blocks.append(Block("item", rest, where, marker=marker, style=name))
            else:
                doc.blocks.append(Block("para", text, where, style=name, boxed=boxed))
    if not doc.blocks:
        raise ImportProblem(
            f"{path} holds no paragraphs of text",
            "check that this is the right file; text inside images is not read",
        )
    cited = any(f"[^{fid}]" in b.text for b in doc.blocks for fid in notes)
    if not structured and not cited and (_looks_like_lines(doc) or broken > len(doc.blocks) * 0.3):
        rebuilt = from_lines(lines, unit="line")
        rebuilt.source = str(path)
        rebuilt.properties = doc.properties
        rebuilt.changed = changed
        return rebuilt
    doc.footnotes = {fid: text for fid, text in notes.items() if text}
    doc.changed = changed
    return doc


_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def _tables_and_images(body: Any, paragraphs: list[Any]) -> list[tuple[str, str, str]]:
    """What a draft cannot hold as the document has it, with the paragraph where it is: each
    table (its cells become paragraphs, one per cell) and each image (left out, its
    description named so that it can be written into the text)."""
    number = {id(p): n for n, p in enumerate(paragraphs, start=1)}
    out: list[tuple[str, str, str]] = []

    def text_of(el: Any) -> str:
        return "".join(t.text or "" for t in el.iter(_q("t"))).strip()

    for tbl in body.iter(_q("tbl")):
        if tbl.getparent() is not None and any(a.tag == _q("tbl") for a in tbl.iterancestors()):
            continue  # a table inside a table: part of the outer one
        rows = tbl.findall("w:tr", _NS)
        cols = max((len(r.findall("w:tc", _NS)) for r in rows), default=0)
        cells = [p for p in tbl.iter(_q("p")) if text_of(p)]
        first = cells[0] if cells else None
        where = f"paragraph {number[id(first)]}" if first is not None else "a table"
        out.append(
            (
                where,
                f"a table of {len(rows)} row(s) and {cols} column(s) was flattened: each cell "
                "is a paragraph of its own; write it as text or a list",
                text_of(first) if first is not None else "",
            )
        )
    before = ""  # the text last seen: an image's own paragraph often has none
    for p in paragraphs:
        before = text_of(p) or before
        for pic in p.iter(f"{{{_WP}}}docPr"):
            alt = (pic.get("descr") or pic.get("title") or "").strip()
            described = f" (its description: '{alt}')" if alt else ""
            out.append(
                (
                    f"paragraph {number[id(p)]}",
                    f"an image was left out{described}; a draft holds text only",
                    before,
                )
            )
    return out


def _looks_like_lines(doc: Document) -> bool:
    """A DOCX of one paragraph per line (a text or PDF converted to Word): most paragraphs end
    mid-sentence and the next one carries the sentence on in lower case. A Word paragraph that
    merely ends without a full stop (a title block line, "Distinguished members of the
    Committee,") stays a paragraph: only hard-wrapped lines are joined."""
    paras = [b for b in doc.blocks if b.kind == "para"]
    if len(paras) < 5:
        return False
    carried_on = sum(
        1
        for b, nxt in zip(paras, paras[1:], strict=False)
        if not b.text.rstrip().endswith(tuple('.?!:;”")')) and nxt.text.lstrip()[:1].islower()
    )
    return carried_on > len(paras) * 0.2
