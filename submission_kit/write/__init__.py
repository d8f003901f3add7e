"""Write: a document tree → a file. `write_docx` gives a DOCX in UN Geneva styles, with real
Word numbering and footnotes, packed deterministically; `write_html` the same document as one
self-contained web page (the preview). Writers know blocks, never treaties or asks.

Each writer is imported on first use, so the HTML page never pays for lxml and
`subkit validate` pays for neither.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from submission_kit.write.docx import write_docx
    from submission_kit.write.html import write_html

__all__ = ["write_docx", "write_html"]


def __getattr__(name: str) -> Any:
    if name == "write_docx":
        from submission_kit.write.docx import write_docx

        return write_docx
    if name == "write_html":
        from submission_kit.write.html import write_html

        return write_html
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
