"""Rules for a suggested list of issues: questions that are questions, issues in treaty order,
each citing an article, none empty."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from submission_kit.diagnostics import Severity
from submission_kit.lint import Context, Finding, rule
from submission_kit.model.inline import without_trailing_citations
from submission_kit.model.kinds.list_of_issues import ListOfIssues
from submission_kit.reference.folders import phrase_catalogue

LOI = ("list_of_issues",)


@cache
def _information_request(language: str) -> tuple[re.Pattern[str], str] | None:
    """The Committee's way of asking for information in `language`, from its phrase catalogue
    (`information_request`): a pattern for a request ("Please provide ...", "Veuillez fournir
    ...") and the example the hint gives; None when the catalogue has none."""
    data = phrase_catalogue(language).get("information_request")
    if not isinstance(data, dict) or not data.get("verbs"):
        return None

    def words(key: str) -> str:
        return "|".join(r"\s+".join(map(re.escape, str(w).split())) for w in data.get(key) or [])

    polite = words("polite")
    lead = rf"(?:(?:{polite})\s+)?" if polite else ""
    pattern = re.compile(rf"^\s*{lead}(?:{words('verbs')})\b", re.IGNORECASE)
    return pattern, str(data.get("example", ""))


# A French or Spanish question may be framed by inverted or guillemet marks; '?' still ends it.
_QUESTION_END_RE = re.compile(r"\?[\s»”\"')\]]*$")


@rule(
    code="SK501",
    name="question-form",
    severity=Severity.WARNING,
    rationale="The Committee adopts questions for the State to answer; a statement gives it nothing to ask.",
    bad="""
issues:
  - title: On freedom of movement
    articles: [12]
    questions:
      - The propiska system violates the freedom of movement.
""",
    good="""
issues:
  - title: On freedom of movement
    articles: [12]
    questions:
      - Will the propiska system be abolished?
      - Please provide information on the measures taken to abolish the propiska system.
""",
    kinds=LOI,
    # The Committee's style of asking is known in the languages whose catalogue describes it;
    # a draft in another language is not judged by another language's pattern.
    language_data="information_request",
)
def question_form(ctx: Context) -> Iterator[Finding]:
    """Checks that each suggested question ends with a question mark or is a request for
    information in the Committee's style, in the draft's language ('Please provide information
    on ...', 'Veuillez fournir des renseignements sur ...', 'Sírvanse proporcionar información
    sobre ...')."""
    known = _information_request(ctx.submission.metadata.language)
    if known is None:  # not reached: the engine runs the rule only where the data exists
        return
    request, style = known
    for path, text in ctx.ask_texts():
        if "questions" not in path:
            continue
        if _QUESTION_END_RE.search(without_trailing_citations(text)) or request.match(text):
            continue
        yield Finding(
            path,
            "the suggested question is not a question",
            f"end it with '?', or ask in the Committee's style: '{style}'",
        )


@rule(
    code="SK502",
    name="issue-article-order",
    severity=Severity.WARNING,
    rationale="The Committee's list follows the order of the treaty; a submission in that order is easy to use.",
    bad="""
issues:
  - {title: Freedom of association, articles: [22]}
  - {title: Refoulement, articles: [7]}
""",
    good="""
issues:
  - {title: Refoulement, articles: [7]}
  - {title: Freedom of association, articles: [22]}
""",
    kinds=LOI,
)
def issue_article_order(ctx: Context[ListOfIssues]) -> Iterator[Finding]:
    """Reports each issue that the document will print earlier than the draft has it: issues are
    printed in treaty order (by the lowest article they cite; general issues citing no article
    first), so a draft in another order reads differently once rendered."""
    # The same Issue.treaty_position() orders the rendered document.
    highest: tuple[int, int] | None = None  # (position, index of the issue)
    for i, issue in enumerate(ctx.submission.issues):
        position = issue.treaty_position()
        if highest and position < highest[0]:
            what = f"article {position}" if position else "no article: a general issue"
            yield Finding(
                ("issues", i),
                f"this issue ({what}) comes after an issue on article {highest[0]}; "
                "the document prints the issues in treaty order",
                "move it up so that the draft reads as the document will",
            )
        else:
            highest = (position, i)


@rule(
    code="SK503",
    name="issue-cites-article",
    severity=Severity.WARNING,
    rationale="The Committee groups its questions by article; an issue without one has no place in the list.",
    bad="""
issues:
  - title: On violence against women
    questions: [Can information be provided on the measures taken?]
""",
    good="""
issues:
  - title: On violence against women
    articles: [3, 7]
    questions: [Can information be provided on the measures taken?]
""",
    kinds=LOI,
)
def issue_cites_article(ctx: Context[ListOfIssues]) -> Iterator[Finding]:
    """Checks that each issue names at least one treaty article under `articles:`."""
    for i, issue in enumerate(ctx.submission.issues):
        if not issue.articles:
            label = issue.title or issue.heading or f"number {i + 1}"
            yield Finding(
                ("issues", i),
                f"the issue '{label}' cites no treaty article",
                "add 'articles: [7]' with the articles the issue is about",
            )


@rule(
    code="SK504",
    name="empty-issue",
    severity=Severity.ERROR,
    rationale="A heading with nothing under it shows an unfinished draft to the Committee.",
    bad="""
issues:
  - title: On freedom of expression
    articles: [19]
""",
    good="""
issues:
  - title: On freedom of expression
    articles: [19]
    paragraphs: [Journalists covering the protests were detained.]
    questions: [Will the charges against the journalists be dropped?]
""",
    kinds=LOI,
)
def empty_issue(ctx: Context[ListOfIssues]) -> Iterator[Finding]:
    """Reports an issue with no paragraph, no question and no recommendation."""
    for i, issue in enumerate(ctx.submission.issues):
        if not (issue.paragraphs or issue.questions or issue.recommendations):
            label = issue.title or issue.heading or f"number {i + 1}"
            yield Finding(
                ("issues", i),
                f"the issue '{label}' is empty",
                "add the concern (paragraphs:) and what to ask (questions:), or remove the issue",
            )
