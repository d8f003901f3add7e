"""Turn an ask or a recommendation into matching terms, per language, from vocabulary data.

The vocabulary of each language (stop words, generic words, synonyms, concept phrases
and, for French and Spanish, a table of English equivalents) is data:
`submission_kit/reference/data/track/{en,fr,es}.json`. Words are stemmed with the
Snowball stemmer of the language (`snowballstemmer`, the library Sphinx and NLTK use).
Concept phrases are matched as whole words only, so "minorities" is never read as
"minors" (children) and "alienation" never as "aliens" (migrants); stemming keeps
"investing" (invest) apart from "investigation" (investig).

A term is a concept id (`c_hrd`) or a stem (`en:discrimin`). Concepts are shared by all
languages; stems carry no language prefix, because Latin cognates stem alike in the
three languages (discrimination, discriminación and discrimination → discrimin), which
is what lets a Spanish ask meet an English recommendation without a dictionary for
every word.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

#: Languages with a vocabulary file: discovered from the data, never listed twice.
VOCABULARY_PACKAGE = "submission_kit.reference"

_WORD_RE = re.compile(r"c_[a-z]+|[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


def fold(text: str) -> str:
    """Lower case without accents: 'Discriminación' -> 'discriminacion'."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def languages() -> tuple[str, ...]:
    """The languages that have a matching vocabulary (en, fr, es ...)."""
    folder = resources.files(VOCABULARY_PACKAGE).joinpath("data", "track")
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".json")))


@dataclass(frozen=True)
class Term:
    key: str  # concept id or stem
    surface: str  # the first word of the text it came from
    generic: bool


class Analyzer:
    """Terms of texts in one language; `to` names the language of the documents matched."""

    def __init__(self, language: str, to: str | None = None) -> None:
        if language not in languages():
            raise KeyError(language)
        self.language = language
        self.to = to or language
        data = _vocabulary(language)
        import snowballstemmer  # type: ignore[import-untyped, import-not-found, unused-ignore]

        self._stemmer = snowballstemmer.stemmer(data["stemmer"])
        self.generic_weight = float(data.get("generic_weight", 0.35))
        self.stop = {fold(w) for w in data["stop"].split()}
        self.generic_words = {fold(w) for w in data["generic"].split()}
        self.synonyms = {fold(k): fold(v) for k, v in data.get("synonyms", {}).items()}
        self.concept_names = {cid: c["name"] for cid, c in data["concepts"].items()}
        patterns = [(cid, phrase) for cid, c in data["concepts"].items() for phrase in c["phrases"]]
        # Longest phrases first, so "human rights defenders" wins over "human rights".
        patterns.sort(key=lambda p: -len(p[1]))
        self._concepts = _concept_regex(patterns)
        self._group_concept = {f"{cid}_{i}": cid for i, (cid, _) in enumerate(patterns)}
        self.translation: dict[str, str] = {}
        self.cognates: list[tuple[re.Pattern[str], str]] = []
        self._target: Analyzer | None = None
        if self.to != language:
            self.translation = {fold(k): fold(v) for k, v in data.get(f"to_{self.to}", {}).items()}
            self.cognates = [(re.compile(a), b) for a, b in data.get("cognates", [])]
            self._target = Analyzer(self.to)
        self._stems: dict[str, str] = {}
        self._generic: frozenset[str] | None = None

    @property
    def translated(self) -> bool:
        """Whether texts are read in one language and matched against another."""
        return self._target is not None

    def stem(self, word: str) -> str:
        got = self._stems.get(word)
        if got is None:
            got = fold(self._stemmer.stemWord(word))
            self._stems[word] = got
        return got

    def terms(self, text: str, extra_stop: frozenset[str] = frozenset()) -> list[Term]:
        """The matching terms of a text in order, repeated as often as they occur."""
        t = text.replace("’", "'")

        def concept(m: re.Match[str]) -> str:
            return f" {self._group_concept[m.lastgroup or '']} "

        t = self._concepts.sub(concept, t)
        out: list[Term] = []
        for raw in _WORD_RE.findall(t):
            if raw.startswith("c_"):
                out.append(Term(raw, self.concept_names.get(raw, raw), False))
                continue
            word = fold(raw).strip("'-")
            if len(word) < 3 or word in self.stop or word in extra_stop:
                continue
            word = self.synonyms.get(word, word)
            if self._target is not None:
                english = self.translation.get(word) or self.cognate(word)
                if english is not None:
                    out += [
                        Term(x.key, raw, x.generic) for x in self._target.terms(english, extra_stop)
                    ]
                    continue
            key = self.stem(word)
            if key in self.stop or len(key) < 3:
                continue
            out.append(Term(key, raw, word in self.generic_words or self.is_generic(key)))
        return out

    def cognate(self, word: str) -> str | None:
        """The word's cognate in the target language by its ending (creacion -> creation,
        sociedad -> society), from the vocabulary's `cognates`; None when no rule applies."""
        for pattern, replacement in self.cognates:
            changed, n = pattern.subn(replacement, word)
            if n:
                # A prefix rule (es- -> s-) may leave the ending to a later rule.
                for later, repl in self.cognates[self.cognates.index((pattern, replacement)) + 1 :]:
                    changed, m = later.subn(repl, changed)
                    if m:
                        break
                return changed
        return None

    def is_generic(self, key: str) -> bool:
        """Whether a term (a stem of this language) is a generic word."""
        if self._generic is None:
            self._generic = frozenset(self.stem(w) for w in self.generic_words)
        return key in self._generic


def _concept_regex(patterns: list[tuple[str, str]]) -> re.Pattern[str]:
    """One regular expression for every concept phrase, matched as whole words.

    Phrases are grouped by their first letter behind a lookahead, so that at each word the
    engine tries the phrases of that letter only, not all of them: texts of a few hundred
    paragraphs are read in a fraction of the time a flat alternation takes.
    """
    groups: dict[str, list[str]] = {}
    for i, (cid, phrase) in enumerate(patterns):
        first = phrase[0].lower()
        key = first if first.isalpha() and phrase[1:2] not in ("?", "*", "{") else ""
        groups.setdefault(key, []).append(f"(?P<{cid}_{i}>{phrase})")
    branches = [
        (f"(?={re.escape(k)})(?:{'|'.join(alts)})" if k else f"(?:{'|'.join(alts)})")
        for k, alts in groups.items()
    ]
    return re.compile(r"(?<![\w-])(?:" + "|".join(branches) + r")(?![\w-])", re.IGNORECASE)


@cache
def _vocabulary(language: str) -> dict:
    raw = (
        resources.files(VOCABULARY_PACKAGE)
        .joinpath("data", "track", f"{language}.json")
        .read_text(encoding="utf-8")
    )
    return {k: v for k, v in json.loads(raw).items() if not k.startswith("_")}


@cache
def analyzer(language: str, to: str | None = None) -> Analyzer:
    return Analyzer(language, to)
