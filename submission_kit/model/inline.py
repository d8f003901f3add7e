"""The small inline markup of draft text: *emphasis*, **strong** and [^id] footnote citations.

A backslash before `*`, `[` or `]` gives the character itself (`\\*not italic\\*`), in YAML and
Markdown drafts alike."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A number, letter or bullet typed at the start of an ask ("1.", "(a)", "iv)", "-"): asks are
#: numbered when the document is rendered. SK206 reports it, --fix removes it, and the rules
#: that read how an ask opens skip it.
TYPED_NUMBER_RE = re.compile(
    r"^\s*(?:\d{1,3}\s*[.)]|\(\s*\d{1,3}\s*\)|\(?[a-z]\)|\(?[ivx]{1,4}\)|[a-z]\.|[ivx]{1,4}\."
    r"|[-•*–])\s+"
)
FOOTNOTE_RE = re.compile(r"(?<!\\)\[\^([A-Za-z0-9][A-Za-z0-9_.-]*)\]")
_TOKEN_RE = re.compile(
    r"\\(?P<esc>[*\[\]])"
    r"|\*\*(?P<strong>(?:\\\*|.)+?)\*\*"
    r"|\*(?P<em>(?:\\\*|[^*\s])(?:(?:\\\*|[^*])*(?:\\\*|[^*\s]))?)\*"
    r"|\[\^(?P<fn>[A-Za-z0-9][A-Za-z0-9_.-]*)\]"
)
_ESCAPED_RE = re.compile(r"\\([*\[\]])")


@dataclass(frozen=True)
class Span:
    """A run of text with its inline style, or a footnote citation (`footnote` set, `text` empty)."""

    text: str
    bold: bool = False
    italic: bool = False
    footnote: str | None = None


_TRAILING_CITATIONS_RE = re.compile(r"(?:\s*(?<!\\)\[\^[A-Za-z0-9][A-Za-z0-9_.-]*\])+\s*$")


def without_trailing_citations(text: str) -> str:
    """`text` without the footnote citations that end it: 'Are they paid?[^x]' -> 'Are they
    paid?', so that how a sentence ends is read off its words."""
    return _TRAILING_CITATIONS_RE.sub("", text)


def parse_inline(text: str) -> list[Span]:
    spans: list[Span] = []
    pos = 0
    for m in _TOKEN_RE.finditer(text):
        if m.start() > pos:
            spans.append(Span(text[pos : m.start()]))
        if m.group("esc") is not None:
            spans.append(Span(m.group("esc")))
        elif m.group("strong") is not None:
            spans.append(Span(_ESCAPED_RE.sub(r"\1", m.group("strong")), bold=True))
        elif m.group("em") is not None:
            spans.append(Span(_ESCAPED_RE.sub(r"\1", m.group("em")), italic=True))
        else:
            spans.append(Span("", footnote=m.group("fn")))
        pos = m.end()
    if pos < len(text):
        spans.append(Span(text[pos:]))
    return spans


def plain_text(text: str) -> str:
    """The words a reader sees: markup and footnote citations removed."""
    return "".join(s.text for s in parse_inline(text))


def footnote_ids(text: str) -> list[tuple[str, int]]:
    """Every footnote cited in `text`, with the character offset of the citation."""
    return [(m.group(1), m.start()) for m in FOOTNOTE_RE.finditer(text)]
