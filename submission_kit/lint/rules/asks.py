"""Rules on asks (recommendations, asks to the Committee): actionable, firm, parallel, unique,
and citing earlier recommendations by a well-formed symbol."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import cache

from submission_kit import reference
from submission_kit.diagnostics import Severity
from submission_kit.lint import Context, Finding, rule
from submission_kit.lint.rules.prose import FORM_NAMES, AskForm, ask_form, suggest_imperative
from submission_kit.model.inline import plain_text

_ACTIONABLE = ("imperative", "imperative+modal")


def _recommendations(ctx: Context) -> Iterator[tuple[tuple, str]]:
    """Asks that tell someone to act: every ask except the suggested questions of a list of issues."""
    for path, text in ctx.ask_texts():
        if "questions" not in path:
            yield path, text


@rule(
    code="SK401",
    name="ask-imperative",
    severity=Severity.WARNING,
    rationale="An ask that opens with what to do is the one a committee member can take up.",
    bad="""
issues:
  - title: On refoulement
    articles: [7]
    recommendations:
      - Establishing a mechanism for referring asylum seekers at the border.
""",
    good="""
issues:
  - title: On refoulement
    articles: [7]
    recommendations:
      - Establish a mechanism for referring asylum seekers at the border.
""",
    languages=("en",),
)
def ask_imperative(ctx: Context) -> Iterator[Finding]:
    """Checks that each recommendation opens with a verb in the imperative ('Adopt', 'Ensure',
    'Immediately release'), using a curated list of advocacy verbs and -ize/-ify endings."""
    for path, text in _recommendations(ctx):
        form = ask_form(text)
        if form.form in _ACTIONABLE or form.form == "question":
            continue
        better = suggest_imperative(form.word)
        hint = (
            f"open with '{better}'"
            if better
            else "open with the action asked for, e.g. 'Adopt ...', 'Ensure ...', 'Release ...'"
        )
        yield Finding(
            path,
            f"the ask opens with {FORM_NAMES[form.form]} ('{form.word}'), not with what to do",
            hint,
            offset=form.word_offset,
        )


_HEDGES_RE = re.compile(
    r"\b(?:consider(?:ing)?|as appropriate|where appropriate|if possible|where possible|"
    r"whenever possible|as far as possible|to the extent possible|endeavou?r to|strive to|"
    r"explore the possibility|may wish to)\b",
    re.IGNORECASE,
)


@rule(
    code="SK402",
    name="hedged-ask",
    severity=Severity.WARNING,
    rationale="A hedged ask ('consider', 'as appropriate') invites a reply that commits to nothing.",
    bad="""
issues:
  - title: On refoulement
    articles: [7]
    recommendations:
      - Consider ratifying the Optional Protocol, as appropriate.
""",
    good="""
issues:
  - title: On refoulement
    articles: [7]
    recommendations:
      - Ratify the Optional Protocol by the end of 2026.
""",
    languages=("en",),
)
def hedged_ask(ctx: Context) -> Iterator[Finding]:
    """Looks in every recommendation for soft words that let the State off: 'consider',
    'as appropriate', 'where possible', 'endeavour to', 'strive to', 'may wish to'."""
    for path, text in _recommendations(ctx):
        for m in _HEDGES_RE.finditer(text):
            yield Finding(
                path,
                f"'{m.group()}' softens the ask",
                "ask for the action itself; if a condition matters, state it precisely",
                offset=m.start(),
            )


def _ask_lists(ctx: Context) -> dict[tuple, list[tuple[tuple, str]]]:
    lists: dict[tuple, list[tuple[tuple, str]]] = defaultdict(list)
    for path, text in ctx.ask_texts():
        item = path[:-1] if path[-1] == "text" else path
        lists[item[:-1]].append((path, text))
    return lists


@rule(
    code="SK403",
    name="ask-parallel-form",
    severity=Severity.WARNING,
    rationale="Asks of one list read as one list when they share one form; a mixed form reads as a draft.",
    bad="""
kind: oral_statement
asks:
  lead_in: "We urge the Committee to call on the State party to:"
  items:
    - Urge the State to disclose statistics on detained migrants.
    - Ensure all victims must receive fair compensation.
    - Establishing a referral mechanism at the border.
""",
    good="""
kind: oral_statement
asks:
  lead_in: "We urge the Committee to call on the State party to:"
  items:
    - Urge the State to disclose statistics on detained migrants.
    - Ensure that all victims receive fair compensation.
    - Establish a referral mechanism at the border.
""",
    languages=("en",),
)
def ask_parallel_form(ctx: Context) -> Iterator[Finding]:
    """Works out how each ask of a list opens (imperative, -ing form, past form, statement, noun
    phrase ...) and reports the asks that depart from the list's common form, and any ask that
    doubles an imperative with 'must', 'should' or 'shall' ('Ensure all victims must receive')."""
    for items in _ask_lists(ctx).values():
        if len(items) < 2:
            continue
        forms: list[AskForm] = [ask_form(text) for _, text in items]
        # 'imperative+modal' is an imperative gone wrong: it counts towards the imperative.
        base = [("imperative" if f.form == "imperative+modal" else f.form) for f in forms]
        counts = Counter(base)
        top = max(counts.values())
        common = next(b for b in base if counts[b] == top)  # ties: the earlier form wins
        example = next(f.word for f, b in zip(forms, base, strict=True) if b == common)
        for (path, text), form, b in zip(items, forms, base, strict=True):
            if form.form == "imperative+modal":
                modal_at = text.lower().find(form.detail.lower(), form.word_offset)
                yield Finding(
                    path,
                    f"the ask mixes an instruction ('{form.word}') with an obligation "
                    f"('{form.detail}'): '{form.word} ... {form.detail} ...' is not one form",
                    f"write '{form.word} that ...' without '{form.detail}', "
                    "as the other asks of the list",
                    offset=max(modal_at, 0),
                )
            elif b != common:
                better = suggest_imperative(form.word) if common == "imperative" else ""
                # A question is told by its '?', not by a word it opens with.
                this = (
                    "the ask is a question"
                    if form.form == "question"
                    else f"the ask opens with {FORM_NAMES[form.form]} ('{form.word}')"
                )
                others = (
                    "are questions"
                    if common == "question"
                    else f"open with {FORM_NAMES[common]} (e.g. '{example}')"
                )
                hint = "give every ask of the list one form"
                if better:
                    hint = f"open with '{better}'"
                elif common == "question":
                    hint = "write it as a question, as the others, or make them all one form"
                yield Finding(
                    path,
                    f"{this} while the other asks of this list {others}",
                    hint,
                    offset=0 if form.form == "question" else form.word_offset,
                )


def _normalised(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", plain_text(text).lower()).split())


#: An ask already seen by `duplicate-ask`: its path, its words, its standard ask if any.
_Seen = tuple[tuple, str, tuple[str, list] | None]


@rule(
    code="SK404",
    name="duplicate-ask",
    severity=Severity.WARNING,
    rationale="The same ask twice dilutes both; the committee takes up one.",
    bad="""
issues:
  - title: On detention
    articles: [9]
    recommendations:
      - Release all migrants detained without a court order.
      - Release all the migrants who are detained without a court order.
""",
    good="""
issues:
  - title: On detention
    articles: [9]
    recommendations:
      - Release all migrants detained without a court order.
      - Publish monthly statistics on detained migrants.
""",
)
def duplicate_ask(ctx: Context) -> Iterator[Finding]:
    """Compares every ask with the asks before it (rapidfuzz token-set similarity of the visible
    words, 90 or more out of 100) and reports the later one of each near-duplicate pair. Two
    asks made from the same standard ask (`use:`) with different values (`with:`) are different
    asks by design, however alike their words."""
    from rapidfuzz import fuzz

    # ask_texts() walks the asks in the order of ask_paths(): pair each text with its ask.
    standard = [
        (ask.use, sorted(ask.with_.items())) if ask.use else None
        for _, ask in ctx.submission.ask_paths()
    ]
    seen: list[_Seen] = []
    texts = list(ctx.ask_texts())
    # Every pair is compared in a draft of ordinary size. Past ALL_PAIRS_UP_TO asks that
    # would grow with the square of their number, so only asks sharing a word that is not
    # in most of them are compared (a near-repeat shares its distinctive words).
    index: dict[str, list[int]] | None = {} if len(texts) > ALL_PAIRS_UP_TO else None
    for (path, text), origin in zip(texts, standard, strict=True):
        norm = _normalised(text)
        if len(norm.split()) < 4:
            _remember(seen, index, (path, norm, origin))
            continue
        for earlier_path, earlier, earlier_origin in _candidates(seen, norm, index):
            # One standard ask filled in with different values: not a repeat.
            if (
                origin
                and earlier_origin
                and origin[0] == earlier_origin[0]
                and origin[1] != earlier_origin[1]
            ):
                continue
            score = fuzz.token_set_ratio(norm, earlier) if earlier else 0
            if score >= 90 and abs(len(norm) - len(earlier)) <= 0.5 * max(len(norm), len(earlier)):
                line = ctx.draft.position(earlier_path).line
                same = "repeats" if norm == earlier else "nearly repeats"
                yield Finding(
                    path,
                    f"the ask {same} the ask at line {line} ({score:.0f}% similar)",
                    "merge the two asks, or say what makes each one different",
                )
                break
        _remember(seen, index, (path, norm, origin))


def _remember(
    seen: list[_Seen],
    index: dict[str, list[int]] | None,
    ask: _Seen,
) -> None:
    if index is not None:
        for word in set(ask[1].split()):
            index.setdefault(word, []).append(len(seen))
    seen.append(ask)


#: Up to this many asks, `duplicate-ask` compares every pair; beyond, see `_candidates`.
ALL_PAIRS_UP_TO = 300
#: A word found in more asks than this says nothing about which asks repeat each other.
_COMMON_WORD = 100
#: Past ALL_PAIRS_UP_TO asks, each ask is compared with this many earlier asks at most:
#: those that share the most of its less common words.
_MOST_ALIKE = 20


def _candidates(seen: list[_Seen], norm: str, index: dict[str, list[int]] | None) -> list[_Seen]:
    """The earlier asks to compare `norm` with, in their order: all of them, or (with an index
    of words to asks) the _MOST_ALIKE that share the most words with it that few asks use.
    A near-repeat shares most of its words, so it is among them; and each ask costs a bounded
    number of steps, so a draft of any size is checked in linear time."""
    if index is None:
        return seen
    shared: Counter[int] = Counter()
    for word in set(norm.split()):
        hits = index.get(word, ())
        if len(hits) <= _COMMON_WORD:
            shared.update(hits)
    return [seen[i] for i in sorted(i for i, _ in shared.most_common(_MOST_ALIKE))]


@cache
def _inline_symbol_re() -> re.Pattern[str]:
    """A symbol-like token cited in an ask, for any committee of the reference data."""
    bodies = "|".join(re.escape(b) for b in reference.symbol_bodies())
    return re.compile(rf"\b(?:{bodies})/[A-Za-z0-9.]+(?:/[A-Za-z0-9.–-]+)*")


@rule(
    code="SK405",
    name="follow-up-reference",
    severity=Severity.ERROR,
    rationale="A follow-up ask is checked against the recommendation it cites; a bad symbol breaks that.",
    bad="""
issues:
  - title: On refugees
    articles: [13]
    recommendations:
      - text: Adopt the draft law on refugees.
        follows_up: CCPR/KAZ/CO2, para. 36
""",
    good="""
issues:
  - title: On refugees
    articles: [13]
    recommendations:
      - text: Adopt the draft law on refugees.
        follows_up: CCPR/C/KAZ/CO/2, para. 36
""",
)
def follow_up_reference(ctx: Context) -> Iterator[Finding]:
    """Checks the follows_up of each ask: a well-formed symbol of concluding observations or of a
    list of issues (CCPR/C/KAZ/CO/2), of this committee and this State, and a paragraph. Symbols
    cited inside the text of an ask must be well-formed too."""
    meta = ctx.submission.metadata
    # A UPR submission or a Council statement has no committee of its own: its follow-up asks
    # may cite any committee's symbols, so only their form is checked.
    code = getattr(meta, "committee", None)
    state = getattr(meta, "state", None) or "KAZ"
    prefix = reference.committee(code).symbol_prefix if code else "CCPR/C/"
    for path, ask in ctx.submission.ask_paths():
        ref = getattr(ask, "follows_up", None)
        if ref is None:
            continue
        where = (*path, "follows_up")
        if not reference.is_document_symbol(ref.symbol):
            yield Finding(
                where,
                f"'{ref.symbol}' is not a well-formed UN document symbol",
                f"write it as {prefix}{state}/CO/2 (concluding observations), "
                "with the number of the review",
            )
        elif code and (not ref.symbol.startswith(prefix) or f"/{state}/" not in ref.symbol):
            yield Finding(
                where,
                f"'{ref.symbol}' is not a document of the {meta.committee} on {meta.state}",
                f"an ask follows up this committee's recommendations to this State ({prefix}{meta.state}/...)",
            )
    for path, text in ctx.ask_texts():
        for m in _inline_symbol_re().finditer(text):
            symbol = m.group().rstrip(".")
            if "/SR." in symbol or re.search(r"/\d+/\d+$", symbol) or symbol.startswith("A/"):
                # Summary records, session documents and General Assembly and Council
                # documents (A/HRC/...) have other shapes.
                continue
            if not reference.is_document_symbol(symbol):
                yield Finding(
                    path,
                    f"'{symbol}' is not a well-formed UN document symbol",
                    f"symbols read like {prefix}{state}/CO/2; check the slashes and the number",
                    offset=m.start(),
                )
