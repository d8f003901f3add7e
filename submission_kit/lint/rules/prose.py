"""Small language helpers for the rules: word counts as a word processor counts them, and the
grammatical form an ask opens with (a curated verb list and suffix heuristics, no models).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The kit's one word counter lives with the model, where compose's speaker note uses it too;
# re-exported here for the rules that import it from this module.
from submission_kit.model.inline import TYPED_NUMBER_RE, without_trailing_citations
from submission_kit.model.words import word_count as word_count

_WORD_RE = re.compile(r"[A-Za-zÀ-ÿ’'-]+")


#: Verbs that open recommendations and asks in UN and NGO practice, in their base form.
_VERBS = """
    abolish abstain accede acknowledge adopt address adhere afford align allocate allow amend
    apologize apologise appoint apply ask assess assist audit authorize authorise avoid ban bring
    broaden build call cease clarify close codify collect combat commit compensate complete comply
    condemn conduct consult continue cooperate coordinate create criminalize criminalise decriminalize
    decriminalise define demand deploy designate desist develop disclose dismantle disseminate
    document draft educate eliminate empower enable enact encourage end enforce engage enhance ensure
    enshrine establish evaluate expand expedite explain extend facilitate finalize finalise fund
    give grant guarantee halt harmonize harmonise hold identify implement improve include increase
    incorporate indicate inform initiate institute integrate intensify introduce investigate invite
    issue launch legislate lift limit maintain make mandate monitor notify offer operationalize
    permit pass please prevent prioritize prioritise proceed prohibit promote prosecute protect
    provide publish punish pursue put raise ratify reaffirm recall recognize recognise recommend
    reconsider redouble redress reduce refer refrain reform register regulate reinforce reinstate
    release remedy remind remove renew repeal replace report request require resource respect
    respond restore review revise revoke safeguard secure seek set share stop strengthen submit
    support suspend take terminate train transmit treat undertake uphold urge use verify withdraw
"""
IMPERATIVE_VERBS = frozenset(_VERBS.split())
MODALS_RE = re.compile(r"\b(?:must|should|shall)\b", re.IGNORECASE)
_NOUN_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ity", "ness", "ship", "ism")
_STATEMENT_OPENERS = frozenset({"the", "a", "an", "we", "it", "this", "that", "they", "its", "all"})


@dataclass(frozen=True)
class AskForm:
    """How an ask is built: `form` names the construction, `word` is the word that shows it."""

    form: str  # imperative | imperative+modal | gerund | past | infinitive | statement | noun | question | other
    word: str
    word_offset: int  # offset of `word` in the ask's text as written
    detail: str = ""  # e.g. the modal verb of an imperative+modal ask


FORM_NAMES = {
    "imperative": "an imperative verb",
    "imperative+modal": "an imperative verb followed by 'must', 'should' or 'shall'",
    "gerund": "an -ing form",
    "past": "a past form",
    "infinitive": "'to' and a verb",
    "statement": "a statement about the State",
    "noun": "a noun phrase",
    "question": "a question",
    "other": "a construction other than a verb",
}


def _is_imperative(word: str) -> bool:
    w = word.lower()
    if w in IMPERATIVE_VERBS:
        return True
    # -ize/-ise/-ify verbs are almost always verbs in their base form.
    return len(w) > 5 and w.endswith(("ize", "ise", "ify"))


def _base_of_ing(w: str) -> bool:
    stem = w[:-3]
    return (
        stem in IMPERATIVE_VERBS
        or stem + "e" in IMPERATIVE_VERBS
        or (len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in IMPERATIVE_VERBS)
        or len(w) > 6
    )


def ask_form(text: str) -> AskForm:
    """The grammatical form an ask opens with; `imperative+modal` for 'Ensure X must receive'."""
    sentence = without_trailing_citations(text).rstrip().rstrip("»”\"')] ")
    if sentence.endswith("?"):
        return AskForm("question", "?", len(sentence) - 1)
    start = 0
    m = TYPED_NUMBER_RE.match(text)
    if m:
        start = m.end()
    words = [(w.group(), w.start()) for w in _WORD_RE.finditer(text, start)]
    if not words:
        return AskForm("other", "", 0)
    i = 0
    # "Immediately halt", "Fully implement": an adverb before the verb keeps the imperative.
    while (
        i < len(words) - 1
        and words[i][0].lower().endswith("ly")
        and not _is_imperative(words[i][0])
    ):
        i += 1
    word, offset = words[i]
    w = word.lower()
    if _is_imperative(word):
        clause = text[offset:].split(",", 1)[0].split(";", 1)[0]
        modal = MODALS_RE.search(clause)
        # "Ensure all victims must receive" states the obligation twice; "a law providing
        # that officers must ..." reports a rule's content, and keeps its 'that'.
        if modal and not re.search(r"\bthat\b", clause[: modal.start()], re.IGNORECASE):
            return AskForm("imperative+modal", word, offset, modal.group())
        return AskForm("imperative", word, offset)
    if w.endswith("ing") and _base_of_ing(w):
        return AskForm("gerund", word, offset)
    if w.endswith("ed") and len(w) > 4:
        return AskForm("past", word, offset)
    if w == "to":
        return AskForm("infinitive", word, offset)
    head = text[offset:].split(",", 1)[0]
    if w in _STATEMENT_OPENERS or (
        word[:1].isupper() and MODALS_RE.search(" ".join(head.split()[:6]))
    ):
        return AskForm("statement", word, offset)
    if w.endswith(_NOUN_SUFFIXES):
        return AskForm("noun", word, offset)
    return AskForm("other", word, offset)


def suggest_imperative(word: str) -> str:
    """'Establishing' -> 'Establish', 'Implemented' -> 'Implement', when the base is a known verb."""
    w = word.lower()
    candidates: list[str] = []
    if w.endswith("ing"):
        stem = w[:-3]
        candidates = [stem, stem + "e", stem[:-1]]
    elif w.endswith("ed"):
        candidates = [w[:-2], w[:-1], w[:-3] + "y" if w.endswith("ied") else ""]
    for c in candidates:
        if c and c in IMPERATIVE_VERBS:
            return c.capitalize() if word[:1].isupper() else c
    return ""
