"""Rules on the document as a whole: dates, no UN masthead, one "State party" spelling, acronyms."""

from __future__ import annotations

import re
from collections.abc import Iterator

from submission_kit import reference
from submission_kit.diagnostics import Severity
from submission_kit.lint import Context, Edit, Finding, rule
from submission_kit.model.inline import FOOTNOTE_RE


def _long_date(d: object) -> str:
    return f"{d.day} {d:%B %Y}"  # type: ignore[attr-defined]


@rule(
    code="SK310",
    name="dates-in-order",
    severity=Severity.ERROR,
    rationale="A written submission dated after the session opens arrives too late to be used.",
    bad="""
kind: list_of_issues
metadata:
  session: {number: 101, start: 2011-03-14, end: 2011-04-01}
  date: 2011-03-20
""",
    good="""
kind: list_of_issues
metadata:
  session: {number: 101, start: 2011-03-14, end: 2011-04-01}
  date: 2011-01-10
""",
)
def dates_in_order(ctx: Context) -> Iterator[Finding]:
    """Checks that the session starts before it ends, that a written submission is dated before
    the session opens, and that an oral statement is dated no later than the session's last day."""
    meta = ctx.submission.metadata
    start, end = meta.session.start, meta.session.end
    if start and end and end < start:
        yield Finding(
            ("metadata", "session", "end"),
            f"the session ends ({_long_date(end)}) before it starts ({_long_date(start)})",
            "check the two dates against the committee's session page",
        )
    if ctx.submission.spoken:
        if end and meta.date > end:
            yield Finding(
                ("metadata", "date"),
                f"the statement is dated {_long_date(meta.date)}, after the session ended "
                f"({_long_date(end)})",
                "an oral statement is delivered during the session; check the date or the session",
            )
    elif start and meta.date >= start:
        yield Finding(
            ("metadata", "date"),
            f"the submission is dated {_long_date(meta.date)}, not before the session opens "
            f"({_long_date(start)})",
            "written submissions reach the committee before its session; "
            "check the date or the session number",
        )


_MASTHEAD_RE = re.compile(
    r"\bDistr\.?\s*:?\s*(?:General|GENERAL|Limited|LIMITED|Restricted|RESTRICTED)\b"
    r"|\bOriginal\s*:\s*(?:English|French|Spanish|Russian|Arabic|Chinese|ENGLISH|FRENCH|SPANISH)\b"
    r"|\bGE\.\d{2}-\d{5}\b"
)
_SYMBOL_TOKEN_RE = re.compile(r"[A-Z][A-Za-z0-9.]*(?:/[A-Za-z0-9.–-]+)+")
# What may stand before a symbol that opens a title: space, line breaks, quotes, brackets.
_LEADING = " \t\r\n\"'«»“”‘’([*"


@rule(
    code="SK320",
    name="no-un-masthead",
    severity=Severity.ERROR,
    rationale="The secretariat asks NGOs not to imitate the UN masthead; it misleads readers.",
    bad="""
metadata:
  title: "CCPR/C/KAZ/NGO/1 Distr.: General"
""",
    good="""
metadata:
  title: Joint submission on the rights of migrants in Kazakhstan
""",
)
def no_un_masthead(ctx: Context) -> Iterator[Finding]:
    """Looks for the masthead lines of UN documents ("Distr.: General", "Original: English", a
    GE. job number) anywhere in the text, and for a title or heading that is, or opens with, a UN
    document symbol, as the submission's own symbol would. Symbols cited in the text or inside a
    title ("Follow-up to the concluding observations CCPR/C/KAZ/CO/2") are fine."""
    for path, text in ctx.texts():
        for m in _MASTHEAD_RE.finditer(text):
            yield Finding(
                path,
                f"'{m.group()}' imitates the masthead of a UN document",
                "remove it: only the UN issues documents with a masthead; "
                "the rendered submission carries your organisation, committee and session instead",
                offset=m.start(),
            )
        is_heading = path[-1] in ("title", "heading") or path == ("metadata", "title")
        if not is_heading:
            continue
        # A symbol that opens the title (or its first line) stands where the UN prints its own;
        # one cited inside it ("Follow-up to ... (CCPR/C/KAZ/CO/3)") names an earlier document.
        # An NGO symbol is never the Committee's document, so it is the draft's own wherever it is.
        opening = len(text) - len(text.lstrip(_LEADING))
        for m in _SYMBOL_TOKEN_RE.finditer(text):
            symbol = m.group()
            own = "/NGO/" in symbol or (
                m.start() == opening
                and (reference.is_document_symbol(symbol) or symbol.startswith("A/HRC/"))
            )
            if own:
                yield Finding(
                    path,
                    f"the UN document symbol '{symbol}' is used as a title or heading",
                    "a submission has no UN symbol of its own; "
                    "cite symbols of UN documents in the text, or inside a title as a reference",
                    offset=m.start(),
                )


_STATE_PARTY_RE = re.compile(r"\b(States?)(\s+)(part(?:y|ies))\b", re.IGNORECASE)


def _expected_state_party(ctx: Context) -> tuple[str, str]:
    meta_raw = ctx.raw(("metadata",)) or {}
    explicit = meta_raw.get("state_party_spelling") if isinstance(meta_raw, dict) else None
    spelling = (
        (explicit if isinstance(explicit, str) else None)
        or ctx.settings.state_party
        or ctx.submission.metadata.state_party_spelling
    )
    where = (
        "the draft's state_party_spelling"
        if explicit
        else ("the state-party setting" if ctx.settings.state_party else "the default spelling")
    )
    return spelling, where


@rule(
    code="SK330",
    name="state-party-spelling",
    severity=Severity.WARNING,
    rationale="One spelling of 'State party' throughout; UN practice changed to 'State Party' in 2025.",
    bad="""
issues:
  - title: On refoulement
    articles: [7]
    paragraphs:
      - The State Party has not replied; the state party should reply.
""",
    good="""
issues:
  - title: On refoulement
    articles: [7]
    paragraphs:
      - The State party has not replied; the State party should reply.
""",
    fix="rewrites each occurrence in the chosen spelling (plural 'States parties' follows)",
    languages=("en",),
)
def state_party_spelling(ctx: Context) -> Iterator[Finding]:
    """Compares every 'State party' / 'States parties' with the spelling chosen by the draft's
    metadata.state_party_spelling, else the state-party setting, else 'State party'. Only
    treaty-body submissions speak of a State party (the UPR reviews a State under review)."""
    if not hasattr(ctx.submission.metadata, "state_party_spelling"):
        return
    spelling, where = _expected_state_party(ctx)
    party_cap = spelling.endswith("Party")
    for path, text in ctx.texts():
        for m in _STATE_PARTY_RE.finditer(text):
            plural = m.group(3).lower() == "parties"
            party = (
                "Parties"
                if plural and party_cap
                else "parties"
                if plural
                else ("Party" if party_cap else "party")
            )
            want = ("States" if plural else "State") + " " + party
            if m.group() == want:
                continue
            yield Finding(
                path,
                f"'{' '.join(m.group().split())}' is spelt '{want}' in this draft ({where})",
                "use one spelling throughout (`subkit check --fix` rewrites it)",
                offset=m.start(),
                edit=Edit(path, m.start(), m.end(), want),
            )


_ACRONYM_RE = re.compile(r"(?<![\w/.\-])([A-Z]{2,6})(s?)(?![\w/\-])")
# Well-formed Roman numerals only: "ILI" (International Legal Initiative) is not one.
_ROMAN_RE = re.compile(r"^(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_URL_RE = re.compile(r"\b(?:https?://|www\.)\S+")
#: So widely known that the UN editorial practice does not spell them out.
WELL_KNOWN = frozenset({"UN", "NGO", "EU", "USSR", "UK", "USA", "US", "HIV", "AIDS", "COVID"})


def _hint_for(ctx: Context, acronym: str) -> str:
    for org in ctx.submission.metadata.organisations:
        if org.acronym == acronym:
            return f"write '{org.name} ({acronym})' at its first use"
    if acronym in reference.committee_codes():
        name = reference.committee(acronym).name["en"]
        return f"write '{name} ({acronym})' at its first use, or the name alone"
    return f"spell it out at its first use, followed by ({acronym})"


@rule(
    code="SK340",
    name="acronym-defined",
    severity=Severity.WARNING,
    rationale="Committee members and translators need each acronym spelt out at its first use.",
    bad="""
introduction:
  - FIDH draws the attention of the CCPR to the following issues.
""",
    good="""
introduction:
  - The International Federation for Human Rights (FIDH) draws the attention of the
    Human Rights Committee to the following issues.
""",
)
def acronym_defined(ctx: Context) -> Iterator[Finding]:
    """Finds the first use of every acronym (two to six capitals) in document order, footnotes
    last, and reports it unless it is spelt out there: 'Full Name (ACR)' or 'ACR (Full Name)'.
    Roman numerals, document symbols, web addresses, well-known acronyms (UN, NGO, EU ...) and
    those in the known-acronyms setting are left alone."""
    known = (
        WELL_KNOWN
        | set(ctx.settings.known_acronyms)
        | {getattr(ctx.submission.metadata, "state", "")}
    )
    seen: set[str] = set()
    for path, text in ctx.texts():
        if path == ("metadata", "title"):
            continue  # the title block is set apart; acronyms are defined in the text
        masked = _URL_RE.sub(lambda m: " " * len(m.group()), text)
        masked = FOOTNOTE_RE.sub(lambda m: " " * len(m.group()), masked)
        for m in _ACRONYM_RE.finditer(masked):
            acr = m.group(1)
            if acr in seen or acr in known or _ROMAN_RE.match(acr):
                continue
            seen.add(acr)
            before = masked[: m.start()].rstrip()
            after = masked[m.end() :].lstrip()
            defined_here = (before.endswith("(") and after.startswith(")")) or after.startswith("(")
            if not defined_here:
                yield Finding(
                    path,
                    f"the acronym '{acr}' is used before it is spelt out",
                    _hint_for(ctx, acr),
                    offset=m.start(),
                )


def _after_preposition(ctx: Context) -> list[tuple[int, str]]:
    """The organisations (by index) the title block prints after a preposition, with that
    preposition: after the language's "of", every author of a joint submission, every endorser,
    the author of an individual UPR submission; after its "by", the authors and co-submitters
    of an alternative report and the submitters of a Council statement ("présenté par ...").
    The Council statement's other organisations open its footnote's sentence (preposition "")."""
    meta = ctx.submission.metadata
    of = reference.of_preposition(meta.language)
    by = reference.by_preposition(meta.language)
    endorsers = [(i, of) for i, o in enumerate(meta.organisations) if o.role == "endorser"]
    if ctx.kind == "hrc_written_statement":
        return [
            (i, by if getattr(o, "ecosoc_status", None) else "")
            for i, o in enumerate(meta.organisations)
        ]
    if ctx.kind == "alternative_report":
        signing = [(i, by) for i, o in enumerate(meta.organisations) if o.role != "endorser"]
        return sorted(signing + endorsers)
    authors = [i for i, o in enumerate(meta.organisations) if o.role != "endorser"]
    upr_individual = getattr(meta, "submission", None) == "individual"
    if getattr(meta, "submission", None) == "joint":
        authors = []  # a UPR joint submission prints its coalition's name, not its members'
    printed = authors if len(authors) > 1 or upr_individual else []
    return sorted([(i, of) for i in printed] + endorsers)


def _printed(preposition: str, article: str, name: str, language: str) -> str:
    """How the title block prints `name` (its first part, up to a comma) after `preposition`,
    or opening a sentence when there is none."""
    if preposition:
        text = reference.after_preposition(preposition, article, name, language)
    else:
        text = reference.name_with_article(article, name)
        text = text[:1].upper() + text[1:]
    return text.split(",")[0]


@rule(
    code="SK350",
    name="organisation-article",
    severity=Severity.WARNING,
    rationale='"Communication conjointe de Bureau ..." is not French: a name that takes an '
    "article needs it after a preposition.",
    bad="""
metadata:
  language: fr
  organisations:
    - name: Bureau international pour les droits humains
    - name: Fédération internationale pour les droits humains
""",
    good="""
metadata:
  language: fr
  organisations:
    - name: Bureau international pour les droits humains
      article: le
    - name: Fédération internationale pour les droits humains
      article: la
""",
    # The kinds whose title block prints these organisations after "de" or "par".
    kinds=(
        "list_of_issues",
        "oral_statement",
        "follow_up",
        "upr_submission",
        "alternative_report",
        "hrc_written_statement",
    ),
)
def organisation_article(ctx: Context) -> Iterator[Finding]:
    """In a French or Spanish draft, names an organisation the title block prints after "de"
    (the authors of a joint submission, endorsers) or "par" (the authors of an alternative
    report, the submitters of a Council statement) whose name opens with a common noun
    (Bureau, Fédération, Centro ...) and gives no `article:`: it would read "de Bureau ...",
    "par Fédération ...". The nouns and their articles are the `organisation_articles` of each
    phrase catalogue; a language without that table is not judged."""
    meta = ctx.submission.metadata
    language = meta.language
    for i, preposition in _after_preposition(ctx):
        organisation = meta.organisations[i]
        if organisation.article:
            continue
        article = reference.organisation_article(organisation.name, language)
        if article:
            first = organisation.name.split(maxsplit=1)[0]
            printed = _printed(preposition, "", organisation.name, language)
            wanted = _printed(preposition, article, organisation.name, language)
            where = "the title block" if preposition else "the note to the title"
            yield Finding(
                ("metadata", "organisations", i, "name"),
                f"{where} would print '{printed}'; "
                f"'{first}' takes the article '{article}' in running text",
                f"add  article: {article!s}  to this organisation, so it reads '{wanted}'",
            )
