"""Write: a document tree → a DOCX file in UN Geneva styles, with real Word numbering and
footnotes, packed deterministically. Knows blocks, never treaties or asks.

python-docx's lxml is imported only when this package is, so `subkit validate` never pays for it.
"""

from __future__ import annotations

from submission_kit.write.docx import write_docx

__all__ = ["write_docx"]
