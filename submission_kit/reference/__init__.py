"""Facts about treaties, committees and States, read once from the package's data files.

Code asks questions of these objects (`treaty.has_article(7)`); it never
hard-codes a treaty fact.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from submission_kit.reference.folders import languages, phrase_catalogue


@cache
def apostrophe(language: str) -> str:
    """The apostrophe documents in `language` print: `typography.apostrophe` of its phrase
    catalogue (’ in the kit's catalogues), else the straight one. The data files write it
    straight; compose curls the writer's own apostrophes the same way
    (compose.conventions.typeset), so a document never mixes both forms."""
    try:
        style = phrase_catalogue(language).get("typography") or {}
    except FileNotFoundError:
        return "'"
    mark = style.get("apostrophe") if isinstance(style, dict) else None
    return mark if isinstance(mark, str) and len(mark) == 1 else "'"


def __getattr__(name: str) -> Any:
    # LANGUAGES is read from the phrase catalogues found, when first asked for (no I/O at import).
    # COMMITTEES and SYMBOL_RE come from committees.json, likewise.
    if name == "LANGUAGES":
        return tuple(languages())
    if name == "COMMITTEES":
        return tuple(committee_codes())
    if name == "SYMBOL_RE":
        return symbol_re()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def typographic(text: str, language: str) -> str:
    """`text` with its straight apostrophes made typographic (l'homme → l’homme) where the
    language's catalogue gives a typographic one (all three UN languages of the kit);
    unchanged otherwise.

    The one place this is decided: compose applies it to every name taken from the reference
    data, and the ask library to its automatic values, so a document never mixes both forms.
    """
    mark = apostrophe(language)
    return text.replace("'", mark) if mark != "'" else text


#: The States: UN short names, running-text names and articles per language, contractions.
STATES_FILE = "states.json"


#: The package's data files (plain files next to this module, in a checkout and in a wheel).
DATA_DIR = Path(__file__).parent / "data"


@cache
def _file(name: str) -> dict:
    """A data file as JSON, parsed once per process (states.json serves two readers)."""
    with open(DATA_DIR / name, encoding="utf-8") as f:
        data: dict = json.load(f)
    return data


@cache
def _data(name: str) -> dict:
    return {k: v for k, v in _file(name).items() if not k.startswith("_")}


@dataclass(frozen=True)
class Treaty:
    """A treaty of the reference data: its committee, names, articles and their titles."""

    key: str
    committee: str
    name: dict[str, str]
    short: dict[str, str]
    total_articles: int
    articles: int
    paragraphs: dict[str, int] = field(default_factory=dict)
    titles: dict[str, dict[str, str]] = field(default_factory=dict)
    #: Where the article titles come from (the treaty texts, and whether the titles are the
    #: treaty's own headings or descriptive labels).
    sources: dict[str, object] = field(default_factory=dict)
    #: Groups of articles a committee reviews together (the CRC's clusters), by id.
    clusters: dict[str, dict] = field(default_factory=dict)

    def cluster_title(self, cluster: str, language: str = "en") -> str | None:
        found = self.clusters.get(cluster)
        if not found:
            return None
        return found["title"].get(language) or found["title"].get("en")

    def has_article(self, article: int) -> bool:
        return 1 <= article <= self.articles

    def paragraph_count(self, article: int) -> int | None:
        """How many numbered paragraphs the article has, or None when not recorded."""
        return self.paragraphs.get(str(article))

    def title(self, article: int, language: str = "en") -> str | None:
        titles = self.titles.get(language) or self.titles.get("en") or {}
        return titles.get(str(article))


@dataclass(frozen=True)
class Committee:
    """A treaty body of the reference data: its code, treaty, document symbols and limits."""

    code: str
    treaty_key: str
    symbol_prefix: str
    word_limit: int | None
    session_style: str
    name: dict[str, str]

    @property
    def treaty(self) -> Treaty:
        return treaty(self.treaty_key)

    def co_symbol(self, state: str, report: int | str) -> str:
        """Symbol of concluding observations, e.g. CCPR/C/KAZ/CO/3."""
        return f"{self.symbol_prefix}{state}/CO/{report}"


@dataclass(frozen=True)
class Country:
    """A State's UN names: the short name per language (for lists and labels, "Iran (Islamic
    Republic of)"), and the name as running text writes it (`text`: article and name in natural
    order, "the Islamic Republic of Iran", "el Brasil", "la République islamique d'Iran")."""

    code: str
    names: dict[str, str]
    fr_article: str = ""
    #: Article and running-text name per language: {"en": ("the", "Islamic Republic of Iran")}.
    text: dict[str, tuple[str, str]] = field(default_factory=dict)

    def name(self, language: str = "en") -> str:
        return self.names.get(language) or self.names["en"]

    def has_language(self, language: str) -> bool:
        """Whether the data names the State in `language` (otherwise English is used)."""
        return language in self.names and language in self.text

    def running(self, language: str = "en") -> tuple[str, str]:
        """(article, name) as running text writes the State; the short name without article
        when the data has no running form for `language`."""
        return self.text.get(language) or ("", self.name(language))

    def with_article(self, language: str = "en") -> str:
        """The name as a sentence uses it: "the Islamic Republic of Iran",
        "Kazakhstan"; French "le Kazakhstan", "l'Ouzbékistan" (elided before a vowel); Spanish
        "el Brasil", "la Argentina", "Kazajstán".

        Apostrophes are as the data writes them (straight); pass the result to `typographic`.
        """
        article, name = self.running(language)
        return _join_article(article, name)

    def after(self, preposition: str, language: str = "en") -> str:
        """The name after `preposition` as running text writes it, with the contractions of the
        language's data: French "du Kazakhstan", "de la Bolivie", "des Pays-Bas", "d'Israël";
        Spanish "del Brasil", "de la Argentina", "al Brasil"; English "of the Netherlands"."""
        article, name = self.running(language)
        return after_preposition(preposition, article, name, language)

    def of(self, language: str = "en") -> str:
        """ "of the Netherlands", "du Kazakhstan", "del Brasil"."""
        return self.after(_prepositions()["of"][language], language)

    def to(self, language: str = "en") -> str:
        """ "to the Netherlands", "au Kazakhstan", "al Brasil"."""
        return self.after(_prepositions()["to"][language], language)


def after_preposition(preposition: str, article: str, name: str, language: str) -> str:
    """`name` (with `article`, or none) after `preposition`, with the language's contractions
    and elisions (states.json `_contractions`, `_elisions`): French "du Bureau", "de la
    Fédération", "d'Amnesty International"; Spanish "del Centro". Apostrophes straight."""
    contracted = _contractions().get(language, {}).get(preposition, {}).get(article)
    if contracted:
        return f"{contracted} {name}"
    if article:
        return f"{preposition} {_join_article(article, name)}"
    elision = _elisions().get(language, {}).get(preposition)
    if elision and (
        name[:1] in elision.get("vowels", "") or name.startswith(tuple(elision.get("also", [])))
    ):
        return f"{elision['elided']}{name}"
    return f"{preposition} {name}"


#: The definite articles of each language that the data gives names (states.json).
_ARTICLES = {"fr": ("les", "le", "la", "l'"), "es": ("los", "las", "el", "la")}


def name_after_preposition(text: str, language: str) -> tuple[str, str]:
    """The reverse of `after_preposition` for the language's "of": 'du Bureau ...' ->
    ('le', 'Bureau ...'), "de l'Association ..." -> ("l'", 'Association ...'), "d'Amnesty"
    -> ('', 'Amnesty'), 'de Human Rights Watch' -> ('', 'Human Rights Watch'); a bare article
    ('la Fédération ...') is read too. Text that opens with neither is returned whole."""
    text = text.strip().replace("’", "'")
    of = of_preposition(language)

    # Each printed opening with the article it stands for: "du " (le), "de la " (la),
    # "de l'" (l'), "d'" (none), "la " (la), "de " (none).
    def spelt(article: str) -> str:
        return article if article.endswith("'") else f"{article} "

    articles = _ARTICLES.get(language, ())
    contracted = _contractions().get(language, {}).get(of, {})
    elision = _elisions().get(language, {}).get(of)
    forms = [(f"{c} ", a) for a, c in contracted.items()]
    forms += [(f"{of} {spelt(a)}", a) for a in articles]
    forms += [(elision["elided"], "")] if elision else []
    forms += [(spelt(a), a) for a in articles] + [(f"{of} ", "")]
    for opening, article in sorted(forms, key=lambda f: -len(f[0])):
        if text[: len(opening)].casefold() == opening.casefold() and len(text) > len(opening):
            return article, text[len(opening) :].strip()
    return "", text


def organisation_article(name: str, language: str) -> str | None:
    """The article running text gives an organisation's name, read from the first word of the
    name in the `organisation_articles` table of the language's phrase catalogue: French
    'Fédération ...' -> 'la', 'Association ...' -> "l'", 'Amnesty International' -> '';
    Spanish 'Centro ...' -> 'el'. None when the language's catalogue has no such table (English
    names take none), so a caller can tell "no article" from "not known"."""
    try:
        table = phrase_catalogue(language).get("organisation_articles")
    except FileNotFoundError:
        return None
    if not isinstance(table, dict):
        return None
    words = name.split(maxsplit=1)
    article = table.get(words[0]) if words else None
    return str(article) if article else ""


def of_preposition(language: str) -> str:
    """The language's "of" ("of", "de", "de")."""
    return _prepositions()["of"][language]


def by_preposition(language: str) -> str:
    """The language's "by" ("by", "par", "por"), which takes no contraction: "par le Bureau"."""
    return _prepositions()["by"][language]


def name_with_article(article: str, name: str) -> str:
    """`name` with `article` before it, as running text writes it after a preposition that
    joins no article ("par", "por"): 'la Fédération ...', "l'Association ...", 'el Centro
    ...'; the name alone without an article. Apostrophes straight."""
    return _join_article(article, name)


def _join_article(article: str, name: str) -> str:
    if not article:
        return name
    return f"{article}{name}" if article.endswith(("'", "’")) else f"{article} {name}"


@cache
def _states_table(key: str) -> dict:
    """A table of the States file that is not a State ("_contractions", "_prepositions")."""
    table = _file(STATES_FILE).get(key, {})
    return {k: v for k, v in table.items() if not k.startswith("_")}


def _contractions() -> dict[str, dict[str, dict[str, str]]]:
    return _states_table("_contractions")


def _prepositions() -> dict[str, dict[str, str]]:
    return _states_table("_prepositions")


def _elisions() -> dict[str, dict[str, dict[str, Any]]]:
    """By language and preposition, the elided form and the openings that take it."""
    return _states_table("_elisions")


@cache
def treaty(key: str) -> Treaty:
    d = _data("treaties.json")[key]
    return Treaty(key=key, **d)


@cache
def committee(code: str) -> Committee:
    d = _data("committees.json")[code]
    return Committee(
        code=code,
        treaty_key=d["treaty"],
        symbol_prefix=d["symbol_prefix"],
        word_limit=d["word_limit"],
        session_style=d["session_style"],
        name=d["name"],
    )


def committee_codes() -> list[str]:
    return list(_data("committees.json"))


def country_codes() -> list[str]:
    return list(_data(STATES_FILE))


def country(code: str) -> Country | None:
    d = _data(STATES_FILE).get(code)
    if d is None:
        return None
    names = {lang: d[lang] for lang in languages() if lang in d}
    text = {
        lang: (str(form.get("article", "")), str(form["name"]))
        for lang, form in d.get("text", {}).items()
    }
    return Country(code=code, names=names, fr_article=d.get("fr_article", ""), text=text)


def symbol_bodies() -> list[str]:
    """What opens the document symbols of each committee, without the document-series part:
    CCPR, E/C.12, CAT ... (from each committee's symbol_prefix)."""
    bodies = []
    for code in committee_codes():
        prefix = committee(code).symbol_prefix.rstrip("/")
        bodies.append(prefix[: -len("/C")] if prefix.endswith("/C") else prefix)
    return bodies


@cache
def symbol_re() -> re.Pattern[str]:
    """Document symbols such as CCPR/C/KAZ/CO/2, E/C.12/KAZ/CO/2, CERD/C/KAZ/CO/8-10,
    CEDAW/C/KAZ/CO/3-4/Add.1, CCPR/C/KAZ/QPR/3, for the committees of the data."""
    prefixes = "|".join(
        re.escape(committee(c).symbol_prefix.rstrip("/")) for c in committee_codes()
    )
    return re.compile(rf"^(?:{prefixes})/[A-Z]{{3}}/(?:CO|Q|QPR|RQ)/\d+(?:[-–]\d+)?(?:/Add\.\d+)?$")


def is_document_symbol(text: str) -> bool:
    return bool(symbol_re().match(text))


# -- the addressees other than the treaty bodies: the Council and the UPR ------------------------


@dataclass(frozen=True)
class Mechanism:
    """The Human Rights Council or the Universal Periodic Review, as the data file describes it."""

    key: str
    name: dict[str, str]
    session_style: str
    word_limits: dict[str, int]
    agenda: dict[str, dict[str, str]] = field(default_factory=dict)
    working_group: dict[str, str] = field(default_factory=dict)
    page_limits: dict[str, int] = field(default_factory=dict)

    def agenda_title(self, item: int, language: str = "en") -> str | None:
        titles = self.agenda.get(str(item))
        return titles.get(language) or titles.get("en") if titles else None


@cache
def mechanism(key: str) -> Mechanism:
    """'hrc' or 'upr'."""
    return Mechanism(key=key, **_data("mechanisms.json")[key])


def un_document_word_limit() -> int:
    """The UN's limit for documents other than the Secretariat's (footnotes and headings count):
    the limit of a treaty-body submission whose committee states none."""
    return int(_data("mechanisms.json")["un_document_word_limit"])
