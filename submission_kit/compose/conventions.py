"""UN editorial conventions applied while composing: article references, dates, sessions, footnote placement.

The rules live here as code; the words they produce (month names, "art."/"arts.",
"and"/"et"/"y", ordinal suffixes) come from the language's phrase catalogue.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

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
_FRENCH_SPACE_BEFORE = re.compile(r"[ \t]+(?=[:;!?»])")
_FRENCH_SPACE_AFTER = re.compile(r"(?<=«)[ \t]+")
NO_BREAK_SPACE = "\u00a0"


def french_spacing(text: str) -> str:
    text = _FRENCH_SPACE_BEFORE.sub(NO_BREAK_SPACE, text)
    return _FRENCH_SPACE_AFTER.sub(NO_BREAK_SPACE, text)


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
