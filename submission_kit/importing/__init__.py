"""`subkit import`: bring an existing submission (Word, OpenDocument or plain text) in as a draft.

`read_document` picks the reader by the file's content and suffix, `classify` turns the
blocks into draft data; the draft is then written by the writers of `submission_kit.importing.convert`.
Nothing here writes files or changes the input.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from submission_kit.importing.blocks import Document, from_lines
from submission_kit.importing.classify import Imported, Note, classify
from submission_kit.importing.problems import ImportProblem

__all__ = ["Imported", "ImportProblem", "Note", "import_document", "read_document"]

MAX_TEXT_BYTES = 8 * 1024 * 1024
SOFFICE_TIMEOUT = 120


def _read_text(path: Path) -> Document:
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise ImportProblem(
            f"{path} is {size:,} bytes, more than a submission's text ({MAX_TEXT_BYTES:,})",
            "check that this is the right file",
        )
    raw = path.read_bytes()
    if raw.startswith(b"%PDF"):
        from submission_kit.importing.word import check_package

        check_package(path)
    for encoding in (
        ("utf-8-sig", "utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",)
    ):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise ImportProblem(
                f"{path} is not text in a known encoding",
                "save it as plain text with the UTF-8 encoding",
            ) from None
    if "\x00" in text:
        raise ImportProblem(f"{path} is not a text file", "import the .docx, or save it as .txt")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    doc = from_lines(lines)
    doc.source = str(path)
    if not doc.blocks:
        raise ImportProblem(f"{path} holds no text", "check that this is the right file")
    return doc


def _read_odt(path: Path) -> Document:
    """An OpenDocument text through LibreOffice: converted to DOCX in a temporary folder."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ImportProblem(
            f"{path} is an OpenDocument file, and reading it needs LibreOffice, which is not installed",
            "save it as .docx from LibreOffice or Word, then import that",
        )
    from submission_kit.importing.word import read_docx

    with tempfile.TemporaryDirectory(prefix="subkit-import-") as tmp:
        profile = Path(tmp) / "profile"
        try:
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation=file://{profile}",
                    "--headless",
                    "--convert-to",
                    "docx",
                    "--outdir",
                    tmp,
                    str(path.resolve()),
                ],
                capture_output=True,
                timeout=SOFFICE_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise ImportProblem(
                f"LibreOffice took more than {SOFFICE_TIMEOUT} s to convert {path}",
                "save it as .docx yourself, then import that",
            ) from None
        made = Path(tmp) / (path.stem + ".docx")
        if not made.exists():
            raise ImportProblem(
                f"LibreOffice could not convert {path}", "open it and save it as .docx"
            )
        doc = read_docx(made)
    doc.source = str(path)
    return doc


def read_document(path: Path) -> Document:
    """The blocks of a Word, OpenDocument or text file. Raises ImportProblem, OSError."""
    from submission_kit.importing.word import OLE_MAGIC, check_package, read_docx

    with path.open("rb") as f:
        head = f.read(8)
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF") or head.startswith(OLE_MAGIC):
        check_package(path)  # says what the file is and how to get a DOCX
    if suffix in (".odt", ".fodt"):
        return _read_odt(path)
    if suffix in (".docx", ".docm", ".dotx") or head.startswith(b"PK"):
        return read_docx(path)
    if suffix in (".pdf",):
        check_package(path)
    return _read_text(path)


def import_document(path: Path) -> Imported:
    return classify(read_document(path))
