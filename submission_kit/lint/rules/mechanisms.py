"""Rules that come with the kinds for each mechanism: the parts a UPR submission, an HRC
statement and an alternative report cannot do without, the lead of a joint submission, CRC
clusters, headings whose typed article reference disagrees with `articles:`, and the Council's
title case."""

from __future__ import annotations

import re
from collections.abc import Iterator

from submission_kit.diagnostics import Severity
from submission_kit.lint import Context, Finding, rule
from submission_kit.model.headings import typed_article_reference

UPR = ("upr_submission",)
HRC = ("hrc_written_statement",)
REPORT = ("alternative_report",)


def _headings_with_articles(ctx: Context) -> Iterator[tuple[tuple, str, set[int]]]:
    """Each writer's heading with the article numbers of its part of the draft."""
    sub = ctx.submission
    if ctx.kind == "list_of_issues":
        for i, issue in enumerate(sub.issues):
            if issue.heading and issue.articles:
                yield ("issues", i, "heading"), issue.heading, {a.article for a in issue.articles}
    elif ctx.kind == "alternative_report":
        for i, j, section in sub.sections():
            if section.heading and section.articles:
                numbers = {a.article for a in section.articles}
                yield ("chapters", i, "sections", j, "heading"), section.heading, numbers


@rule(
    code="SK505",
    name="heading-articles-agree",
    severity=Severity.WARNING,
    rationale="A heading that names other articles than the issue cites misleads the Committee.",
    bad="""
issues:
  - heading: Torture (art. 7)
    articles: [9]
""",
    good="""
issues:
  - heading: Torture     # printed "Torture (art. 7)"
    articles: [7]
""",
    kinds=("list_of_issues", "alternative_report"),
)
def heading_articles_agree(ctx: Context) -> Iterator[Finding]:
    """A heading without an article reference gets one in UN form when it is rendered. A heading
    that types its own ("Article 7 on ...", "(arts. 2 and 16)") is printed as written, so its
    article numbers are compared with the part's `articles:`."""
    for path, _, numbers in _headings_with_articles(ctx):
        raw = ctx.raw(path)
        text = raw if isinstance(raw, str) else ""
        typed = typed_article_reference(text)
        if typed is None or typed[1] == numbers:
            continue
        offset, named = typed
        shown = ", ".join(map(str, sorted(named)))
        cited = ", ".join(map(str, sorted(numbers)))
        yield Finding(
            path,
            f"the heading names article(s) {shown}, but 'articles:' cites {cited}",
            "correct one of them, or take the reference out of the heading: it is added from "
            "'articles:' in UN form when the document is rendered",
            offset=offset,
        )


@rule(
    code="SK510",
    name="upr-recommendations",
    severity=Severity.ERROR,
    rationale="The UPR Working Group compiles stakeholders' recommendations; a submission without any is set aside.",
    bad="""
themes:
  - title: Freedom of peaceful assembly
    paragraphs:
      - Gatherings need the prior authorisation of the local executive body.
recommendations: []
""",
    good="""
themes:
  - title: Freedom of peaceful assembly
    paragraphs:
      - Gatherings need the prior authorisation of the local executive body.
    recommendations:
      - Repeal the requirement of prior authorisation for peaceful assemblies.
recommendations: []
""",
    kinds=UPR,
)
def upr_recommendations(ctx: Context) -> Iterator[Finding]:
    """A UPR submission needs at least one recommendation to the State under review, under a
    theme or in the general 'recommendations:' list."""
    if next(ctx.submission.ask_paths(), None) is None:
        yield Finding(
            ("themes",),
            "the UPR submission has no recommendations to the State under review",
            "add 'recommendations:' under a theme (or at the top level), each starting with a verb",
            prefer_key=True,
        )


def _signing(ctx: Context) -> list:
    meta = ctx.submission.metadata
    if ctx.kind == "hrc_written_statement":
        return list(meta.submitters())
    return [o for o in meta.organisations if o.role in ("lead", "author", "co-submitter")]


@rule(
    code="SK511",
    name="joint-lead",
    severity=Severity.ERROR,
    rationale="The secretariat writes to one organisation about a joint submission: the lead.",
    bad="""
metadata:
  submission: joint
  organisations:
    - name: Org A
    - name: Org B
""",
    good="""
metadata:
  submission: joint
  organisations:
    - name: Org A
      role: lead
    - name: Org B
      role: co-submitter
""",
    kinds=(*UPR, *HRC, *REPORT),
)
def joint_lead(ctx: Context) -> Iterator[Finding]:
    """A joint submission (a UPR submission marked joint, or any report or statement that more
    than one organisation submits) names exactly one lead organisation (role: lead)."""
    meta = ctx.submission.metadata
    signing = _signing(ctx)
    joint = getattr(meta, "submission", None) == "joint" or len(signing) > 1
    if not joint:
        return
    leads = [i for i, o in enumerate(meta.organisations) if o.role == "lead"]
    if not leads:
        yield Finding(
            ("metadata", "organisations"),
            "a joint submission names no lead organisation",
            "give the coordinating organisation 'role: lead'",
            prefer_key=True,
        )
    for i in leads[1:]:
        yield Finding(
            ("metadata", "organisations", i, "role"),
            "a joint submission has one lead organisation; this is another",
            "make the others 'co-submitter'",
        )


@rule(
    code="SK512",
    name="crc-cluster",
    severity=Severity.ERROR,
    rationale="Only the Committee on the Rights of the Child groups its review by clusters.",
    bad="""
metadata:
  committee: CAT
chapters:
  - title: The rights of the child
    sections:
      - cluster: general_principles
        paragraphs:
          - Children in detention are not heard in the decisions that concern them.
""",
    good="""
metadata:
  committee: CRC
chapters:
  - title: The rights of the child
    sections:
      - cluster: general_principles   # printed "General principles (arts. 2, 3, 6 and 12)"
        paragraphs:
          - Children in detention are not heard in the decisions that concern them.
""",
    kinds=REPORT,
)
def crc_cluster(ctx: Context) -> Iterator[Finding]:
    """A section's 'cluster' names a group of articles of the Convention on the Rights of the
    Child, so it is for reports to the CRC only."""
    if ctx.submission.metadata.committee == "CRC":
        return
    for i, j, section in ctx.submission.sections():
        if section.cluster:
            yield Finding(
                ("chapters", i, "sections", j, "cluster"),
                f"CRC clusters are for reports to the CRC, not the "
                f"{ctx.submission.metadata.committee}",
                "give the section its 'articles:' or a 'heading:' instead",
            )


# Words English title case leaves in lower case unless they open the title.
_MINOR = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "but",
        "or",
        "nor",
        "for",
        "so",
        "yet",
        "as",
        "at",
        "by",
        "in",
        "of",
        "off",
        "on",
        "per",
        "to",
        "up",
        "via",
        "with",
        "from",
        "into",
        "onto",
        "over",
        "than",
        "upon",
        "vs",
    ]
)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@rule(
    code="SK513",
    name="hrc-title-case",
    severity=Severity.WARNING,
    rationale="The Council asks for the title of a written statement in bold title case.",
    bad="""
metadata:
  title: Migrant workers held without safeguards
""",
    good="""
metadata:
  title: Migrant Workers Held Without Safeguards
""",
    kinds=HRC,
    languages=("en",),
)
def hrc_title_case(ctx: Context) -> Iterator[Finding]:
    """Checks that every word of an English statement's title but articles, conjunctions and
    short prepositions starts with a capital. French and Spanish titles keep their own rules."""
    raw = ctx.raw(("metadata", "title"))
    title = raw if isinstance(raw, str) else ctx.submission.metadata.title
    if "TODO(" in title:
        return  # a template's placeholder: SK207 asks for the title first
    for n, m in enumerate(_WORD_RE.finditer(title)):
        word = m.group()
        if word[0].isupper() or (n and word.lower() in _MINOR):
            continue
        fixed = word[0].upper() + word[1:]
        yield Finding(
            ("metadata", "title"),
            f"the title is not in title case: '{word}'",
            f"write '{fixed}': the Council prints statement titles in title case",
            offset=m.start(),
        )
        return
