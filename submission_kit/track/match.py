"""Match each ask of a draft to the Committee's recommendations with a lexical model one can explain.

Every recommendation paragraph, or each lettered subparagraph of one, is a *unit*.
Words are normalised (lower case, British spelling, plural dropped, first 7 letters
kept), folded into concepts of the human-rights vocabulary (ill-treatment =
mistreatment = "cruel, inhuman or degrading treatment"; compensation = reparation =
redress; refoulement = expulsion = extradition = deportation ...) and weighted by how
rare they are in the concluding observations (inverse document frequency). The score
of a unit for an ask is the weighted share of the ask's terms that the unit contains:
full credit in the unit's own words, partial credit in its lead-in or heading. A small
bonus is added when the ask's articles are among those the Committee cited for the
topic. Thresholds turning a score into a verdict are in `THRESHOLDS` (docs/tracking.md).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from submission_kit.track.parse import ConcludingObservations, label_of

Verdict = Literal["taken up", "partly taken up", "not reflected"]

#: score >= "taken up" -> taken up; >= "partly" -> partly taken up; else not reflected.
#: Chosen on the six pairs of seed 001 and checked on the held-out asks (docs/tracking.md).
THRESHOLDS: dict[str, float] = {"taken up": 0.40, "partly": 0.25}

#: Credit for a term found only in a unit's lead-in or heading, not in its own words.
CONTEXT_CREDIT = 0.5
#: Share of the score given to focus (how much of the unit's own words the ask covers).
FOCUS = 0.25
#: Credit for a term found only in the concern paragraph the recommendation answers.
CONCERN_CREDIT = 0.3
#: Added to the score when the ask cites an article the Committee cited for the topic.
ARTICLE_BONUS = 0.05
#: Tokens whose similarity (rapidfuzz ratio) to a term of the document reaches this are
#: read as that term: catches spelling variants and typing slips the prefix rule misses.
FUZZY_CUTOFF = 90

# Phrases first (before splitting into words), then single words, each to one concept.
_PHRASES: list[tuple[str, str]] = [
    (
        r"ill[- ]treat\w*|mistreat\w*|maltreat\w*|cruel,? inhuman(?:e)? (?:or|and) degrading treatment(?: or punishment)?|inhuman(?:e)? (?:or|and) degrading treatment",
        " c_illtreat ",
    ),
    (r"non[- ]refoulement|refoulement|push(?:ed|ing|es)? ?backs?", " c_return "),
    (
        r"asylum[- ]seekers?|asylum[- ]seeking|seek\w* asylum|refugee status determination|international protection",
        " c_asylum ",
    ),
    (
        r"law[- ]enforcement (?:officers?|officials?|agencies|personnel|bodies)|law[- ]enforcement|police (?:officers?|forces?)|police",
        " c_police ",
    ),
    (r"human rights defenders?", " c_hrd "),
    (r"pre[- ]?trial", " c_pretrial "),
    (
        r"non[- ](?:citizens?|nationals?)|foreign(?:ers?| nationals?)|aliens?|migrants?|immigrants?",
        " c_migrant ",
    ),
    (
        r"deprived of (?:their|his|her) liberty|deprivation of liberty|in custody|detain\w*|detention|detainees?|imprison\w*|incarcerat\w*",
        " c_detention ",
    ),
    (r"civil society organi[sz]ations?|non-governmental organi[sz]ations?|\bngos?\b", " c_ngo "),
    (
        r"bring\w* to justice|held accountable|hold\w* \w+ accountable|accountab\w*|prosecut\w*|punish\w*",
        " c_prosecute ",
    ),
    (r"death penalty|capital punishment", " c_deathpenalty "),
    (r"nationality|citizenship|statelessness|stateless", " c_nationality "),
    (r"women|woman|girls?|gender", " c_women "),
    (r"children|child|minors?|juveniles?", " c_child "),
    (r"internet|online|websites?", " c_online "),
]
_WORD_CONCEPTS: dict[str, str] = {
    # prevent / stop
    "halt": "c_prevent",
    "stop": "c_prevent",
    "end": "c_prevent",
    "eradica": "c_prevent",
    "prevent": "c_prevent",
    "combat": "c_prevent",
    "elimina": "c_prevent",
    "cease": "c_prevent",
    # compensation and reparation
    "compens": "c_reparation",
    "reparat": "c_reparation",
    "redress": "c_reparation",
    "restitu": "c_reparation",
    "indemni": "c_reparation",
    # removal to another country
    "expel": "c_return",
    "expelle": "c_return",
    "expulsi": "c_return",
    "extradi": "c_return",
    "deport": "c_return",
    "deporta": "c_return",
    "deporte": "c_return",
    "returne": "c_return",
    "repatri": "c_return",
    "refugee": "c_asylum",
    "asylum": "c_asylum",
    # investigation
    "investi": "c_investigate",
    "inquiry": "c_investigate",
    "inquiri": "c_investigate",
    "probe": "c_investigate",
    "examina": "c_investigate",
    "perpetr": "c_prosecute",
    "convict": "c_prosecute",
    "sanctio": "c_prosecute",
    # data
    "statist": "c_data",
    "data": "c_data",
    "disaggr": "c_data",
    "borders": "border",
    "frontie": "border",
    "checkpo": "border",
    "prison": "c_detention",
    "custodi": "c_detention",
    "jail": "c_detention",
    "abuse": "c_illtreat",
    "abuses": "c_illtreat",
    "steril": "sterili",
}
_CONCEPT_NAMES = {
    "c_illtreat": "ill-treatment",
    "c_return": "refoulement/expulsion",
    "c_asylum": "asylum",
    "c_police": "law enforcement",
    "c_hrd": "human rights defenders",
    "c_pretrial": "pretrial",
    "c_migrant": "migrants/non-nationals",
    "c_detention": "detention",
    "c_ngo": "NGOs",
    "c_prosecute": "accountability/prosecution",
    "c_deathpenalty": "death penalty",
    "c_women": "women",
    "c_nationality": "nationality",
    "c_child": "children",
    "c_online": "Internet",
    "c_prevent": "prevention",
    "c_reparation": "compensation/reparation",
    "c_investigate": "investigation",
    "c_data": "statistics/data",
}


def _wordset(words: str) -> set[str]:
    return set(words.split())


_STOP = _wordset(
    """a about above after again against all also am an and any are as at be because been
    being both but by can could did do does doing down during each either few for from further
    had has have having here how i if in into is it its itself just more most no nor not of off
    on once only or other our out over own same shall she so some such than that the their them
    then there these they this those through to too under until up upon very was we were what
    when where which while who whom why will with would you your via inter alia regardless
    state states party parties committee should must urge urges urged demand call calls
    encourage encourages remind request requests recommend recommends ensure ensuring take
    taking measure measures necessary including include includes particular effort efforts
    authorities authority action government immediately fully full make made well ensur line light
    view reports report concern concerned regrets within"""
)
# Words of UN and NGO boilerplate that every recommendation could carry: they say how
# something should be done, not what, so they must not decide a match on their own.
_BOILERPLATE = _wordset(
    """individual individuals person persons people everyone receive provide providing
    guarantee guaranteeing adopt establish establishing conduct conducting relevant
    compliance comply obligation obligations standard standards international
    effective effectively adequate adequately appropriate appropriately fair form forms
    serious reported steps step consider continue strengthen increase"""
)
_STOP |= _BOILERPLATE
_WORD_RE = re.compile(r"c_[a-z]+|[a-z][a-z'-]*[a-z]|[a-z]|\d+")


def normalise(word: str) -> str:
    """The matching form of a word: British -ise spelling, no plural s, first 7 letters."""
    w = word.lower().strip("'-").replace("iz", "is")
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    return w[:7]


_STOP_KEYS = {normalise(w) for w in _STOP}


def terms(text: str, extra_stop: Iterable[str] = ()) -> dict[str, str]:
    """The matching terms of a text, each with the first surface word it came from."""
    t = text.lower().replace("’", "'")
    for pattern, concept in _PHRASES:
        t = re.sub(pattern, concept, t)
    stop = _STOP | set(extra_stop)
    out: dict[str, str] = {}
    for word in _WORD_RE.findall(t):
        if word.startswith("c_"):
            out.setdefault(word, _CONCEPT_NAMES.get(word, word))
            continue
        if word in stop or word.isdigit() or len(word) < 3:
            continue
        key = normalise(word)
        if key in _STOP_KEYS or key in stop:
            continue
        key = _WORD_CONCEPTS.get(key, key)
        out.setdefault(key, _CONCEPT_NAMES.get(key, word))
    return out


@dataclass
class Unit:
    """A recommendation paragraph, or one lettered subparagraph of it, as a matching target."""

    label: str
    number: int
    letter: str | None
    own: set[str]
    context: set[str]
    concern: set[str]
    articles: set[int]


@dataclass
class Candidate:
    label: str
    score: float
    shared_terms: list[str] = field(default_factory=list)
    shared_articles: list[int] = field(default_factory=list)

    @property
    def reason(self) -> str:
        parts = []
        if self.shared_terms:
            parts.append("shared terms: " + ", ".join(self.shared_terms))
        if self.shared_articles:
            arts = ", ".join(map(str, self.shared_articles))
            parts.append(f"shared article{'s' if len(self.shared_articles) > 1 else ''}: {arts}")
        return "; ".join(parts) or "no shared terms"


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


def verdict_for(score: float) -> Verdict:
    if score >= THRESHOLDS["taken up"]:
        return "taken up"
    if score >= THRESHOLDS["partly"]:
        return "partly taken up"
    return "not reflected"


class Matcher:
    """Index of one document's recommendations; `match` ranks them for an ask."""

    def __init__(self, co: ConcludingObservations) -> None:
        self.co = co
        stop: set[str] = set()
        if co.state:
            from submission_kit import reference

            country = reference.country(co.state)
            if country:
                stop = {normalise(w) for w in _WORD_RE.findall(country.name("en").lower())}
                stop |= {w for w in _WORD_RE.findall(country.name("en").lower())}
        self.extra_stop = stop
        self.units: list[Unit] = []
        concern_terms: set[str] = set()
        concern_articles: set[int] = set()
        for p in co.paragraphs:
            if p.kind == "concern":
                # The concern(s) just before a recommendation describe what it answers.
                concern_terms |= set(terms(p.full_text(), stop))
                concern_articles |= set(p.articles)
                continue
            if p.kind != "recommendation":
                continue
            heading = set(terms(p.heading or "", stop))
            arts = set(p.articles) | concern_articles
            lead = set(terms(p.text, stop)) if p.subparagraphs else set()
            parts: list[tuple[str | None, str]] = [(s.letter, s.text) for s in p.subparagraphs]
            parts = parts or [(None, p.text)]
            for letter, text in parts:
                own = set(terms(text, stop))
                context = (lead | heading) - own
                self.units.append(
                    Unit(
                        label_of(p.number, letter),
                        p.number,
                        letter,
                        own,
                        context,
                        concern_terms - own - context,
                        arts,
                    )
                )
            concern_terms, concern_articles = set(), set()
        # Document frequency over every paragraph, concerns included: a word the Committee
        # uses everywhere ("Covenant", "State Party") says little about a match.
        docs = [set(terms(p.full_text() + " " + (p.heading or ""), stop)) for p in co.paragraphs]
        self.n_docs = len(docs)
        self.df: dict[str, int] = {}
        for d in docs:
            for t in d:
                self.df[t] = self.df.get(t, 0) + 1
        self.vocabulary = sorted(self.df)
        self.own_weight = [sum(self.weight(t) for t in u.own) or 1.0 for u in self.units]

    def weight(self, term: str) -> float:
        df = max(self.df.get(term, 0), 1)  # unseen terms weigh as much as the rarest seen ones
        return math.log((self.n_docs + 1) / (df + 0.5))

    def _ask_terms(self, text: str) -> dict[str, str]:
        found = terms(text, self.extra_stop)
        unseen = [t for t in found if t not in self.df and not t.startswith("c_")]
        if unseen and self.vocabulary:
            from rapidfuzz import fuzz, process

            for t in unseen:
                hit = process.extractOne(
                    t, self.vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
                )
                if hit and hit[0] not in found:
                    found[hit[0]] = found.pop(t)
        return found

    def rank(self, text: str, articles: Sequence[int] = (), top: int = 5) -> list[Candidate]:
        ask = self._ask_terms(text)
        if not ask:
            return []
        weights = {t: self.weight(t) for t in ask}
        total = sum(weights.values())
        ask_articles = set(articles)
        out: list[Candidate] = []
        for u, own_total in zip(self.units, self.own_weight, strict=True):
            got = 0.0
            own_got = 0.0
            shared: list[tuple[float, str]] = []
            for t, w in weights.items():
                if t in u.own:
                    got += w
                    own_got += w
                    shared.append((w, ask[t]))
                elif t in u.context:
                    got += w * CONTEXT_CREDIT
                    shared.append((w * CONTEXT_CREDIT, ask[t]))
                elif t in u.concern:
                    got += w * CONCERN_CREDIT
            if not got:
                continue
            # Mostly how much of the ask the unit covers, partly how much of the unit is
            # about the ask: among units that cover an ask equally, the focused one wins.
            score = (1 - FOCUS) * got / total + FOCUS * own_got / own_total
            common = sorted(ask_articles & u.articles)
            if common:
                score += ARTICLE_BONUS
            shared.sort(key=lambda x: -x[0])
            out.append(
                Candidate(u.label, round(min(score, 1.0), 3), [s for _, s in shared[:6]], common)
            )
        out.sort(key=lambda c: (-c.score, _order(c.label)))
        return out[:top]

    def score_of(self, text: str, articles: Sequence[int], label: str) -> Candidate | None:
        """The candidate for one given unit (used for links the writer confirmed)."""
        return next(
            (c for c in self.rank(text, articles, top=len(self.units)) if c.label == label), None
        )

    def match(self, ask_id: str, text: str, articles: Sequence[int] = (), top: int = 5) -> AskMatch:
        ranked = self.rank(text, articles, top)
        verdict = verdict_for(ranked[0].score) if ranked else "not reflected"
        return AskMatch(ask_id, text, ranked, verdict)


def _order(label: str) -> tuple[int, str]:
    number, _, rest = label.partition(" ")
    return int(number), rest
