"""Files that are documents, not drafts (Word, OpenDocument, PDF): named to a command that
reads drafts, they get one plain finding pointing to `subkit import` instead of a message
about YAML encodings."""

from __future__ import annotations

from submission_kit.diagnostics import Diagnostic, Severity

#: Finding code: the file is a document to import, not a draft.
NOT_A_DRAFT = "SK035"
DOCUMENT_SUFFIXES = (".docx", ".docm", ".doc", ".odt", ".rtf", ".pdf")


_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF", b"{\\rtf")


def is_document(path: object) -> bool:
    """Whether `path` is a Word, OpenDocument, RTF or PDF file, by its first bytes: a draft
    given a .docx name by mistake is still a draft."""
    import os
    import stat

    try:
        # Only a regular file is opened: opening a FIFO would wait for a writer, and the
        # reader that comes next names a FIFO or a device plainly.
        if not stat.S_ISREG(os.stat(str(path)).st_mode):
            return False
        with open(str(path), "rb") as f:
            head = f.read(8)
    except (OSError, ValueError):
        return False
    return head.startswith(_MAGIC)


def not_a_draft(file: str) -> Diagnostic:
    kind = "a PDF" if file.lower().endswith(".pdf") else "a word-processor document"
    hint = (
        f"bring it in as a draft with `subkit import {file} -o draft.md`, then work on draft.md"
        if not file.lower().endswith(".pdf")
        else "save it as .docx from Word or LibreOffice, then `subkit import FILE.docx -o draft.md`"
    )
    return Diagnostic(
        file, 1, 1, NOT_A_DRAFT, Severity.ERROR, f"{file} is {kind}, not a draft", hint
    )
