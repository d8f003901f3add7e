"""Article references that writers type into headings ("Article 7 on ...", "(arts. 2 and 16)"):
compose leaves such a heading as written, and rule SK505 compares it with `articles:`."""

from __future__ import annotations

import re

# A typed article reference in a heading: "(art. 7)", "(ARTS. 2, 6 & 7)", "Article 7 on ...",
# "(artículos 2 y 16)", "arts. 13–17". Parenthesised paragraphs and letters may follow numbers.
# A range may run over one article's paragraphs: "18 (1)–(2)" (the CRC's cluster headings).
_NUMBER = r"\d+(?:\s*\(\s*(?:\d+|[a-z])\s*\))*"
_PARAGRAPH = r"\(\s*\d+\s*\)"
_TYPED_REFERENCE_RE = re.compile(
    rf"\b(?:arts?\.?|articles?|artículos?)\s*(?P<list>{_NUMBER}"
    rf"(?:\s*(?:,|&|\band\b|\bet\b|\by\b|–|-)\s*(?:{_NUMBER}|{_PARAGRAPH}))*)",
    re.IGNORECASE,
)


def typed_article_reference(text: str) -> tuple[int, set[int]] | None:
    """Where a heading names treaty articles itself, and which: (offset, article numbers), or
    None when it names none. Ranges ("13–17") stand for every article in them."""
    m = _TYPED_REFERENCE_RE.search(text)
    if not m:
        return None
    listed = re.sub(r"\(\s*(?:\d+|[a-z])\s*\)", " ", m["list"])
    numbers: set[int] = set()
    for part in re.finditer(r"(\d+)(?:\s*[–-]\s*(\d+))?", listed):
        low = int(part[1])
        high = int(part[2]) if part[2] else low
        numbers.update(range(low, min(high, low + 200) + 1))
    return m.start(), numbers
