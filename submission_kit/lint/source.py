"""Where a character of a YAML string value stands in the file, for exact positions and safe fixes.

YAML folds lines, strips indentation and doubles quotes, so an offset inside a value
is not an offset inside the file. `value_spans` aligns the two, character by
character, and gives up (None) where it cannot be sure, e.g. at escape sequences.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cached_property

from submission_kit.load import LoadedDraft, PathKey


class SourceMap:
    """Offsets <-> line/column for one draft, and value-to-source alignment."""

    def __init__(self, draft: LoadedDraft) -> None:
        self.draft = draft
        self.text = draft.text

    @cached_property
    def line_starts(self) -> list[int]:
        # str.find runs in C; a loop over every character took ~5 ms on a list of issues.
        starts = [0]
        find = self.text.find
        i = find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = find("\n", i + 1)
        return starts

    def offset(self, line: int, column: int) -> int:
        return self.line_starts[line - 1] + column - 1

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def value_spans(self, path: PathKey) -> list[int] | None:
        """Source offset of every character of the string at `path`, or None when unsure."""
        value = self.draft.values_data(path)
        pos = self.draft.values.get(tuple(path))
        if not isinstance(value, str) or pos is None:
            return None
        src = self.text
        j = self.offset(pos.line, pos.column)
        quote = ""
        if j < len(src) and src[j] in "|>":
            # Block scalar: the text starts on the line after the header.
            nl = src.find("\n", j)
            if nl < 0:
                return None
            j = nl + 1
        elif j < len(src) and src[j] in "\"'":
            quote = src[j]
            j += 1
        out: list[int] = []
        i = 0
        while i < len(value):
            if j >= len(src):
                return None
            c, s = value[i], src[j]
            if quote == '"' and s == "\\":
                return None  # escapes: not worth guessing
            if quote == "'" and s == "'" and src[j : j + 2] == "''" and c == "'":
                out.append(j)
                i, j = i + 1, j + 2
            elif s == c:
                out.append(j)
                i, j = i + 1, j + 1
            elif c == " " and s == "\n":
                out.append(j)  # a folded line break reads as a space
                i, j = i + 1, j + 1
            elif s in " \t\n\r":
                j += 1  # indentation or a second line break of a fold
            else:
                return None
        return out

    def span(self, path: PathKey, start: int, end: int) -> tuple[int, int] | None:
        """File offsets [a, b) of value[start:end] when they are one contiguous run of the file."""
        spans = self.value_spans(path)
        if spans is None or not (0 <= start < end <= len(spans)):
            return None
        a, b = spans[start], spans[end - 1] + 1
        value = self.draft.values_data(path)
        if self.text[a:b] != value[start:end]:
            return None  # the span crosses a line fold or an escape: not safe to edit
        return a, b

    def position(self, path: PathKey, offset: int) -> tuple[int, int] | None:
        spans = self.value_spans(path)
        if spans is None or not 0 <= offset < len(spans):
            return None
        return self.line_col(spans[offset])
