"""Did you mean ...? One answer to a mistyped State, committee or kind, wherever it is typed.

`subkit validate` (a draft's `state:`, `committee:`, `kind:`) and `subkit new` (`--state`,
`--committee`) ask these functions, so the same typo always gets the same suggestion.
A State can be typed as a code (KZA), a UN name in English, French or Spanish, or a usual
name (Turkey, UK, "United Kingdom"; `data/state_aliases.json`); a committee as its code,
its initials (HRC) or its name.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from submission_kit import reference


@dataclass(frozen=True)
class Suggestion:
    """The value meant, and whether the writer typed a name or initials rather than a typo of
    the code (the hint then says "is written", not "did you mean")."""

    value: str
    by_name: bool = False
    by_alpha2: bool = False  # the two-letter ISO code was typed


def closest(typed: str, choices: list[str], cutoff: float = 0.6) -> str | None:
    """The choice that looks most like `typed`: same letters swapped first (KZA -> KAZ, not
    TZA or ZAF), then more letters in the same places, then difflib's similarity."""
    if not typed or not choices:
        return None
    folded = {c.casefold(): c for c in choices}
    if typed.casefold() in folded:
        return folded[typed.casefold()]
    close = difflib.get_close_matches(typed.casefold(), list(folded), n=10, cutoff=cutoff)
    if not close:
        return None
    t = typed.casefold()

    def likeness(candidate: str) -> tuple[bool, int, float]:
        swapped = sorted(candidate) == sorted(t)
        same_place = sum(a == b for a, b in zip(t, candidate, strict=False))
        return swapped, same_place, difflib.SequenceMatcher(None, t, candidate).ratio()

    return folded[max(close, key=likeness)]


def _fold(text: str) -> str:
    """A name reduced to what a writer may vary: case, accents, punctuation, a leading 'the'."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[^\w]+", " ", text).strip()
    return re.sub(r"^(?:the|la|le|les|el|los|las|l) ", "", text)


@cache
def _state_names() -> dict[str, str]:
    """Every known name of every State, folded, to its code: UN short names in en/fr/es, the
    same without their formal part in brackets, and the usual names of state_aliases.json."""
    names: dict[str, str] = {}
    raw = resources.files("submission_kit.reference").joinpath("data", "state_aliases.json")
    aliases = {k: v for k, v in json.loads(raw.read_text(encoding="utf-8")).items() if k[0] != "_"}
    for code in reference.country_codes():
        country = reference.country(code)
        assert country is not None
        for name in country.names.values():
            names.setdefault(_fold(name), code)
            names.setdefault(_fold(name.split(" (")[0]), code)
    for code, usual in aliases.items():
        for name in usual:
            names[_fold(name)] = code  # a usual name wins over a bracket-less UN name
    return names


@cache
def _alpha2() -> dict[str, str]:
    """ISO 3166-1 alpha-2 codes to the alpha-3 codes drafts use (iso_alpha2.json)."""
    raw = resources.files("submission_kit.reference").joinpath("data", "iso_alpha2.json")
    return {k: v for k, v in json.loads(raw.read_text(encoding="utf-8")).items() if k[0] != "_"}


def state(typed: str) -> Suggestion | None:
    """The State meant by `typed` (a code, a name in en/fr/es, a usual name), or None."""
    text = typed.strip()
    if not text:
        return None
    codes = reference.country_codes()
    if text.upper() in codes:
        return Suggestion(text.upper(), by_name=text != text.upper())
    names = _state_names()
    folded = _fold(text)
    if folded in names:
        return Suggestion(names[folded], by_name=True)
    if re.fullmatch(r"[A-Za-z]{2}", text):
        # The two-letter ISO code of a State (FR, GB): its three-letter code is what to write.
        code = _alpha2().get(text.upper())
        if code:
            return Suggestion(code, by_alpha2=True)
    if re.fullmatch(r"[A-Za-z]{3}", text):
        code = closest(text.upper(), codes)
        if code:
            return Suggestion(code)
    # A longer name: the UN name it begins ("United Kingdom" of Great Britain ...) or resembles.
    if len(folded) >= 4:
        starts = sorted({c for n, c in names.items() if n.startswith(folded + " ")})
        if len(starts) == 1:
            return Suggestion(starts[0], by_name=True)
        near = closest(folded, list(names), cutoff=0.8)
        if near:
            return Suggestion(names[near], by_name=True)
    return None


def state_hint(typed: str) -> str:
    """The hint for an unknown State: the code to write, with the State's name."""
    found = state(typed)
    if found is None:
        return "use the ISO 3166 alpha-3 code of a UN member or observer State, e.g. KAZ"
    name = reference.country(found.value).name()  # type: ignore[union-attr]
    if typed.strip().upper() == found.value:
        return f"write the code in capitals: {found.value} ({name})"
    if found.by_alpha2:
        return f"write the three-letter code: {found.value} ({name}), not {typed.strip()}"
    if found.by_name:
        return f"{name} is written {found.value}"
    return f"did you mean {found.value} ({name})?"


def committee(typed: str) -> Suggestion | None:
    """The committee meant by `typed`: its code in any case, its initials (HRC for the Human
    Rights Committee) or name in en/fr/es, else the closest code."""
    text = typed.strip()
    codes = reference.committee_codes()
    upper = text.upper().replace(".", "")
    if upper in codes:
        return Suggestion(upper, by_name=text != upper)
    folded = _fold(text)
    for code in codes:
        for name in reference.committee(code).name.values():
            initials = "".join(w[0] for w in name.split() if w[0].isupper())
            if upper == initials or folded == _fold(name):
                return Suggestion(code, by_name=True)
    near = closest(upper, codes)
    return Suggestion(near) if near else None


def committee_hint(typed: str) -> str:
    found = committee(typed)
    if found is None:
        return f"use one of {', '.join(reference.committee_codes())}"
    name = reference.committee(found.value).name["en"]
    if typed.strip().upper().replace(".", "") == found.value:
        return f"write the code in capitals: {found.value} ({name})"
    if found.by_name:
        return f"the {name} is written {found.value}"
    return f"did you mean {found.value} ({name})?"


def choice_hint(typed: str, choices: list[str]) -> str:
    """The hint for a value that must be one of `choices` (a kind, a meeting, a field)."""
    found = closest(typed, choices)
    return f"did you mean '{found}'?" if found else f"use one of: {', '.join(choices)}"
