"""UN editorial conventions applied while composing: article references, dates, sessions, footnote placement.

The rules live here as code; the words they produce (month names, "art."/"arts.",
"and"/"et"/"y", ordinal suffixes) come from the language's phrase catalogue.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import cache

from submission_kit.compose.phrases import Phrases, phrases
from submission_kit.model.common import ArticleRef
from submission_kit.model.headings import typed_article_reference
from submission_kit.model.inline import FOOTNOTE_RE


def join_list(items: Sequence[str], language: str) -> str:
    """ "a, b and c": commas, then the language's word before the last item, no Oxford comma."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return phrases(language).render("list_and", rest=", ".join(items[:-1]), last=items[-1])


def _unique(articles: Sequence[ArticleRef]) -> list[ArticleRef]:
    seen: set[tuple] = set()
    out = []
    for a in articles:
        key = (a.article, a.paragraph, a.subparagraph)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def article_reference(articles: Sequence[ArticleRef], language: str) -> str:
    """UN-style reference to treaty articles: "(art. 7)", "(arts. 2, 6 and 27)", "(art. 9 (4))".

    Articles are listed in treaty order without repeats; an empty list gives "".
    """
    refs = sorted(
        _unique(articles), key=lambda a: (a.article, a.paragraph or 0, a.subparagraph or "")
    )
    if not refs:
        return ""
    p = phrases(language)
    abbreviation = p.render("article_single" if len(refs) == 1 else "article_plural")
    return p.render(
        "article_reference",
        abbreviation=abbreviation,
        articles=join_list([a.label() for a in refs], language),
    )


def _date_parts(date: dt.date, p: Phrases) -> dict[str, object]:
    return {"day": date.day, "month": p.raw("months")[date.month - 1], "year": date.year}


def format_date(date: dt.date, language: str) -> str:
    """ "23 June 2025", "23 juin 2025", "23 de junio de 2025"."""
    p = phrases(language)
    return p.render("date", **_date_parts(date, p))


def format_date_range(start: dt.date, end: dt.date, language: str) -> str:
    """ "23 June–17 July 2025" with an en dash; the shared month and year are written once."""
    if end == start:
        return format_date(start, language)
    p = phrases(language)
    return p.render("date_range", s=_date_parts(start, p), e=_date_parts(end, p))


def ordinal_words(number: int, language: str) -> str | None:
    """The ordinal in words ("seventy-fourth", "one hundred and forty-fourth"), or None when the
    language's catalogue has no number words (the caller then writes a numeral)."""
    words = phrases(language).raw("number_words")
    if not words or not 1 <= number <= 999:
        return None
    units, tens = words["units"], words["tens"]

    def cardinal(n: int) -> list[str]:
        parts: list[str] = []
        hundreds, rest = divmod(n, 100)
        if hundreds:
            parts += [units[hundreds], words["hundred"]]
            if rest:
                parts.append(words["hundred_joiner"].strip())
        if rest >= 20:
            t, u = divmod(rest, 10)
            parts.append(tens[t] + (words["tens_joiner"] + units[u] if u else ""))
        elif rest:
            parts.append(units[rest])
        return parts

    parts = cardinal(number)
    # Only the last word takes the ordinal form: "seventy-fourth", "one hundred and first".
    last = parts[-1]
    head, sep, tail = last.rpartition(words["tens_joiner"])
    irregular = words["ordinal_irregular"]
    if tail in irregular:
        tail = irregular[tail]
    elif tail.endswith("y"):
        tail = tail[:-1] + words["ordinal_y_suffix"]
    else:
        tail += words["ordinal_suffix"]
    parts[-1] = head + sep + tail
    return " ".join(parts)


def session_name(number: int, style: str, language: str) -> str:
    """ "144th session" (numeral style, CCPR) or "seventy-fourth session" (words, CEDAW/CESCR)."""
    p = phrases(language)
    if style == "words":
        words = ordinal_words(number, language)
        if words:
            return p.render("session_words", words=words)
    return p.render("session_numeral", number=number)


def format_duration(seconds: int, language: str) -> str:
    """ "2 min 10 s", "3 min", "45 s"."""
    minutes, rest = divmod(max(0, round(seconds)), 60)
    return phrases(language).render("duration", minutes=minutes, seconds=rest)


_CITES = r"(?:\[\^[A-Za-z0-9][A-Za-z0-9_.-]*\])+"
_PUNCT = r"[.,;:!?]+"
_CITE_THEN_PUNCT = re.compile(rf"({_CITES})({_PUNCT})")
_PUNCT_THEN_CITE = re.compile(rf"({_PUNCT})({_CITES})")
# French typography puts a (narrow) no-break space before ; : ! ? — keep it before the citation.
_SPACED_PUNCT_THEN_CITE = re.compile(rf"([\u00a0\u202f ]?)({_PUNCT})({_CITES})")


def place_footnote_refs(text: str, language: str) -> str:
    """Move `[^id]` citations written next to punctuation to the side the language wants:
    after the punctuation in English ("torture.[^1]"), before it in French and Spanish
    ("torture[^1].")."""
    if "[^" not in text:
        return text
    if phrases(language).raw("footnote_after_punctuation"):
        return _CITE_THEN_PUNCT.sub(r"\2\1", text)
    return _SPACED_PUNCT_THEN_CITE.sub(r"\3\1\2", text)


def cited_ids(text: str) -> list[str]:
    return [m.group(1) for m in FOOTNOTE_RE.finditer(text)]


# French typography: a no-break space before : ; ! ? and », after «, so that the sign never
# starts a line (what Word's French proofing does). Only existing spaces are changed, so
# URLs and times ("http://", "10:30") are left alone.
NO_BREAK_SPACE = "\u00a0"


@cache
def _spacing_patterns(before: str, after: str) -> tuple[re.Pattern[str] | None, ...]:
    return (
        re.compile(rf"[ \t]+(?=[{re.escape(before)}])") if before else None,
        re.compile(rf"(?<=[{re.escape(after)}])[ \t]+") if after else None,
    )


def no_break_spacing(text: str, before: str, after: str) -> str:
    """`text` with the spaces typed before the marks in `before` and after those in `after`
    made no-break, as French typography wants (État partie : -> État partie\u00a0:); a
    space between two words or inside a time (10:30) is left alone."""
    space_before, space_after = _spacing_patterns(before, after)
    if space_before:
        text = space_before.sub(NO_BREAK_SPACE, text)
    if space_after:
        text = space_after.sub(NO_BREAK_SPACE, text)
    return text


def punctuation_spacing(language: str) -> tuple[str, str]:
    """The marks a typed space before (and after) becomes no-break in `language`: the
    catalogue's `typography.no_break_before` / `no_break_after` (French : ; ! ? » and «)."""
    style = phrases(language).raw("typography")
    return str(style.get("no_break_before", "")), str(style.get("no_break_after", ""))


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip


def roman(number: int) -> str:
    """I, II, III ... for chapter and annex numbers."""
    out = []
    for value, numeral in _ROMAN:
        count, number = divmod(number, value)
        out.append(numeral * count)
    return "".join(out)


def letter(index: int) -> str:
    """A, B, ... Z, AA, AB ... for the sections of a chapter (index 0 is A)."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def heading_with_reference(heading: str, articles: Sequence[ArticleRef], language: str) -> str:
    """A writer's own heading with its article reference in UN form: "Violence against women"
    about articles 2 and 16 becomes "Violence against women (arts. 2 and 16)". A heading that
    already names its articles ("Article 7 on the prohibition of torture") is left as written
    (rule SK505 checks that it names the same ones)."""
    if not articles or typed_article_reference(heading) is not None:
        return heading
    return (
        phrases(language)
        .render("article_heading", titles=heading, reference=article_reference(articles, language))
        .strip()
    )


# -- typography of the writer's own text -----------------------------------------------------
#
# Applied when composing (the draft keeps what was typed). Quotation marks and apostrophes take
# the language's forms; outside quotations, number ranges take an en dash and UN style keeps
# some words together with no-break spaces. The words of a quotation are never changed: only
# the marks around (and nested inside) it.

_DOUBLE = {'"': None, "“": "open", "”": "close", "«": "open", "»": "close", "„": "open"}
_SINGLE = {"'": None, "‘": "open", "’": None}
_OPENS_AFTER = set(" \t\n\u00a0\u202f([{–—-/") | {"", "\0"}


def _is_word(ch: str) -> bool:
    return ch.isalnum()


_MARK = re.compile("[\"'“”«»„‘’]")
_PAD_SPACES = " \u00a0\u202f"


def _quote_marks(text: str, language: str) -> list[tuple[str, bool]]:
    """`text` with its quotation marks and apostrophes in the language's forms, cut into
    segments that stand inside a quotation (True; the marks excluded) or outside it."""
    style = phrases(language).raw("typography")
    outer_open, outer_close = style["quotes"]
    inner_open, inner_close = style["inner_quotes"]
    pad = style.get("quote_padding", "")
    apostrophe = style.get("apostrophe", "'")
    # [pieces, quoted]; neighbours always differ in `quoted`. Pieces are joined at the end, so
    # that text full of marks stays linear.
    segments: list[tuple[list[str], bool]] = []
    stack: list[str] = []  # "double" / "single", innermost last

    def emit(piece: str, quoted: bool) -> None:
        if not piece:
            return
        if segments and segments[-1][1] == quoted:
            segments[-1][0].append(piece)
        else:
            segments.append(([piece], quoted))

    def drop_trailing_spaces() -> None:
        while segments:
            pieces = segments[-1][0]
            while pieces:
                stripped = pieces[-1].rstrip(_PAD_SPACES)
                if stripped:
                    pieces[-1] = stripped
                    return
                pieces.pop()
            segments.pop()

    def marks() -> tuple[str, str]:
        # The outermost quotation takes the primary marks, a quotation inside it the others.
        return (outer_open, outer_close) if len(stack) % 2 == 0 else (inner_open, inner_close)

    n = len(text)
    i = 0
    after_open = False  # the previous character opened a quotation ("'ban'" nests)
    while i < n:
        # Plain text up to the next mark goes out in one piece: linear, and fast.
        m = _MARK.search(text, i)
        j = m.start() if m else n
        if j > i:
            emit(text[i:j], bool(stack))
            after_open = False
            i = j
            if i == n:
                break
        ch = text[i]
        before = text[i - 1] if i else ""
        opened, after_open = after_open, False
        after = text[i + 1] if i + 1 < n else ""
        if ch in _DOUBLE or (ch in _SINGLE and not (_is_word(before) and _is_word(after))):
            kind = "double" if ch in _DOUBLE else "single"
            typed = _DOUBLE.get(ch) if kind == "double" else _SINGLE.get(ch)
            if typed is None:
                # A straight mark opens after a space or bracket, closes after a word; an
                # apostrophe after a word (the States' reports) stays an apostrophe.
                typed = "open" if before in _OPENS_AFTER or opened else "close"
            if typed == "open" and (kind == "double" or not _is_word(before)):
                open_mark, _ = marks()
                stack.append(kind)
                emit(open_mark, len(stack) > 1)
                if (pad and len(stack) == 1) or ch == "«":
                    # The space typed after « is padding: the no-break one replaces it, or
                    # none for marks that take no space (“ ”).
                    while i + 1 < n and text[i + 1] in _PAD_SPACES:
                        i += 1
                    if pad and len(stack) == 1:
                        emit(pad, True)
                after_open = True
                i += 1
                continue
            if kind in stack:
                while stack and stack[-1] != kind:
                    stack.pop()
                stack.pop()
                _, close_mark = marks()
                if (pad and not stack) or ch == "»":
                    drop_trailing_spaces()
                    if pad and not stack:
                        emit(pad, True)
                emit(close_mark, bool(stack))
                i += 1
                continue
            if kind == "single":
                emit(apostrophe, bool(stack))  # an apostrophe (l'homme, the States' reports)
                i += 1
                continue
            emit(ch, bool(stack))  # a stray closing double mark: left as typed
            i += 1
            continue
        emit(apostrophe if ch == "'" else ch, bool(stack))  # an apostrophe inside a word
        i += 1
    return [("".join(pieces), quoted) for pieces, quoted in segments]


# A hyphen between two numbers is a range: 2019–2024, 10–20 May, arts. 2–5; not inside a
# symbol, URL or ISO date (CCPR/C/KAZ/CO/8-10, 2025-06-23), nor in COVID-19.
_RANGE = re.compile(r"(?<![\w/.\-–])(\d{1,4})-(\d{1,4})(?![\w/\-])")
_SPACES = re.compile(r"(\s+)")


@cache
def _keep_together(language: str) -> tuple[re.Pattern[str], ...]:
    """Spaces that UN style makes no-break in `language`, each pattern capturing the text before
    the space: after "art.", "para.", "No." before a number; inside a date ("23 June 2025",
    "23 de junio de 2025"); between a document symbol's comma and ", para. 36" (last)."""
    p = phrases(language)
    style = p.raw("typography")
    abbreviations = "|".join(re.escape(a) for a in style["keep_with_number"])
    months = "|".join(re.escape(m) for m in p.raw("months"))
    # Spanish dates join day, month and year with "de": 23 de junio de 2025.
    de = style.get("date_joiner", "")
    j = rf"(?:{re.escape(de)} )?" if de else ""
    nb = NO_BREAK_SPACE
    patterns = [
        rf"(?<![\w.])((?:{abbreviations})) (?=\d)",
        rf"(?<![\d.,])(\d{{1,2}}(?:er)?) (?={j}(?:{months})\b)",
        rf"\b((?:{months})) (?={j}\d{{4}}\b)",
    ]
    if de:
        patterns += [
            rf"(?<![\d.,])(\d{{1,2}}{nb}{re.escape(de)}) (?=(?:{months})\b)",
            rf"\b((?:{months}){nb}{re.escape(de)}) (?=\d{{4}}\b)",
        ]
    # Bounded repeats keep this linear on a long word with no slash.
    patterns.append(
        rf"((?<![\w./])(?:[A-Z][\w.]{{0,15}}/){{1,8}}[\w.\-–]{{1,15}},) (?=(?:{abbreviations}){nb}?\d)"
    )
    return tuple(re.compile(x) for x in patterns)


def _join(m: re.Match[str]) -> str:
    return m.group(1) + NO_BREAK_SPACE


def _outside_quotes(text: str, language: str) -> str:
    """Ranges and no-break spaces, on text that holds no quotation."""
    text = _RANGE.sub(_range_dash, text)
    for pattern in _keep_together(language)[:-1]:
        text = pattern.sub(_join, text)
    return text


def _range_dash(m: re.Match[str]) -> str:
    return f"{m.group(1)}–{m.group(2)}"


def typeset(text: str, language: str) -> str:
    """The writer's `text` with UN typography for `language`: quotation marks and apostrophes
    in the language's forms (“ ” and ‘ ’ inside in English and Spanish, as UN Spanish documents
    write them; « » with no-break spaces and “ ” inside in French), en dashes in number ranges and no-break spaces in "art. 7", "para. 12",
    "23 June 2025", "CCPR/C/KAZ/CO/3, para. 36". Inside a quotation only the marks change.
    Footnote citations ([^id]) are left as they are."""
    pieces = FOOTNOTE_RE.split(text)
    # split() interleaves text and the ids captured; rebuild the citations around the text.
    cites = [f"[^{k}]" for k in pieces[1::2]]
    marked = "\0".join(pieces[0::2])
    # Outside quotations: ranges and no-break spaces; inside, the words stay as typed.
    result = "".join(
        segment if quoted else _outside_unprotected(segment, language)
        for segment, quoted in _quote_marks(marked, language)
    )
    parts = result.split("\0")
    return "".join(p + (cites[j] if j < len(cites) else "") for j, p in enumerate(parts))


def _outside_unprotected(segment: str, language: str) -> str:
    # Split at whitespace (linear time, whatever the text) and leave tokens holding "/" or "@"
    # (symbols, addresses, URLs) as typed; the rest is set in runs between them.
    pieces: list[str] = []
    run: list[str] = []
    for token in _SPACES.split(segment):
        if "/" in token or "@" in token:
            pieces.append(_outside_quotes("".join(run), language))
            pieces.append(token)
            run = []
        else:
            run.append(token)
    pieces.append(_outside_quotes("".join(run), language))
    out = "".join(pieces)
    # A symbol followed by ", para. 36" is joined to it: the symbol token itself is protected.
    return _keep_together(language)[-1].sub(_join, out)
