"""Facts about treaties, committees and States, read once from the package's data files.

Code asks questions of these objects (`treaty.has_article(7)`); it never
hard-codes a treaty fact.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

LANGUAGES = ("en", "fr", "es")
#: Languages whose documents take the typographic apostrophe (l’homme, Côte d’Ivoire); the data
#: files write it straight, English documents keep it so.
TYPOGRAPHIC_APOSTROPHE = ("fr", "es")


def typographic(text: str, language: str) -> str:
    """`text` with its straight apostrophes made typographic (l'homme → l’homme) where the
    language's documents use them (French and Spanish); unchanged otherwise.

    The one place this is decided: compose applies it to every name taken from the reference
    data, and the ask library to its automatic values, so a document never mixes both forms.
    """
    return text.replace("'", "’") if language in TYPOGRAPHIC_APOSTROPHE else text


COMMITTEES = ("CCPR", "CESCR", "CAT", "CEDAW", "CERD", "CRC", "CMW", "CRPD", "CED")


@cache
def _data(name: str) -> dict:
    raw = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return {k: v for k, v in json.loads(raw).items() if not k.startswith("_")}


@dataclass(frozen=True)
class Treaty:
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
    code: str
    names: dict[str, str]
    fr_article: str = ""

    def name(self, language: str = "en") -> str:
        return self.names.get(language) or self.names["en"]

    def with_article(self, language: str = "en") -> str:
        """The name as a sentence uses it: with its definite article in French (le Kazakhstan,
        l'Ouzbékistan, les Pays-Bas; elided before a vowel), the bare name in English and Spanish.

        Apostrophes are as the data writes them (straight); pass the result to `typographic`.
        """
        name = self.name(language)
        if language != "fr" or not self.fr_article:
            return name
        article = self.fr_article
        return f"{article}{name}" if article.endswith(("'", "’")) else f"{article} {name}"


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
    return list(_data("countries.json"))


def country(code: str) -> Country | None:
    d = _data("countries.json").get(code)
    if d is None:
        return None
    names = {lang: d[lang] for lang in LANGUAGES if lang in d}
    return Country(code=code, names=names, fr_article=d.get("fr_article", ""))


# Document symbols such as CCPR/C/KAZ/CO/2, E/C.12/KAZ/CO/2, CERD/C/KAZ/CO/8-10,
# CEDAW/C/KAZ/CO/3-4/Add.1, CCPR/C/KAZ/QPR/3.
SYMBOL_RE = re.compile(
    r"^(?:CCPR/C|E/C\.12|CAT/C|CEDAW/C|CERD/C|CRC/C|CMW/C|CRPD/C|CED/C)"
    r"/[A-Z]{3}/(?:CO|Q|QPR|RQ)/\d+(?:[-–]\d+)?(?:/Add\.\d+)?$"
)


def is_document_symbol(text: str) -> bool:
    return bool(SYMBOL_RE.match(text))


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
