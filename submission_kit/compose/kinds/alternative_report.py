"""An alternative report: the title block with the organisations and their roles, the title,
an executive summary, a table of contents, chapters (I., II. ...) with sections (A., B. ...)
by article, CRC cluster or theme, numbered paragraphs, case boxes, recommendations per section
in bold, a summary of recommendations generated from the sections (each pointing back to the
paragraph where the section makes it), and annexes."""

from __future__ import annotations

from dataclasses import dataclass

from submission_kit import reference
from submission_kit.compose.common import PARAGRAPHS, Composer, _upper_first
from submission_kit.compose.conventions import (
    article_reference,
    format_date,
    heading_with_reference,
    join_list,
    letter,
    roman,
)
from submission_kit.compose.kinds.list_of_issues import built_heading
from submission_kit.doctree import Box, Heading, ListItem, Text
from submission_kit.model.common import Organisation
from submission_kit.model.kinds.alternative_report import (
    AlternativeReport,
    Section,
    cluster_articles,
)

KIND = "alternative_report"


def organisation_lines(c: Composer) -> list[str]:
    """Who submits, by role: the lead and authors, the co-submitters, the endorsers."""
    meta = c.submission.metadata
    lines = []
    signing = [o for o in meta.organisations if o.role in ("lead", "author")]

    def signed(o: Organisation, name: str) -> str:
        if o.role != "lead":
            return name
        return c.phrase("lead_organisation", name=name)

    if signing:
        # French and Spanish print the names after "par"/"por" with their articles.
        names = join_list([signed(o, o.name) for o in signing], c.language)
        with_articles = join_list([signed(o, c.with_article(o)) for o in signing], c.language)
        lines.append(c.phrase("submitted_by", names=names, names_with_articles=with_articles))
    for role, key in (("co-submitter", "co_submitted_by"), ("endorser", "endorsed_by")):
        named = [o for o in meta.organisations if o.role == role]
        if named:
            names = join_list([o.name for o in named], c.language)
            lines.append(
                c.phrase(
                    key,
                    names=names,
                    of_names=c.of_names(named, labelled=False),
                    names_with_articles=c.with_articles(named, labelled=False),
                )
            )
    return lines


def title_lines(c: Composer) -> list[str]:
    meta = c.submission.metadata
    return [
        c.phrase("report_line"),
        *organisation_lines(c),
        c.common_variables["committee"],
        _upper_first(c.session_text()),
        c.phrase("state_line"),
        c.phrase("stage_line", stage=c.phrases.raw(f"stages.{meta.stage}")),
        format_date(meta.date, c.language),
    ]


def section_heading(c: Composer, section: Section) -> str:
    """The writer's heading, the CRC cluster's title or the articles' titles, always with the
    article reference in UN form."""
    articles = list(section.articles) or cluster_articles(section.cluster)
    if section.heading:
        return heading_with_reference(section.heading, articles, c.language)
    if section.cluster and not section.articles:
        treaty = reference.treaty("CRC")
        title = c.typographic(treaty.cluster_title(section.cluster, c.language) or "")
        return c.phrase(
            "article_heading", titles=title, reference=article_reference(articles, c.language)
        ).strip()
    return built_heading(c, articles)


@dataclass
class _Asks:
    chapter: str
    section: str
    heading: str
    texts: list[str]
    first_paragraph: int


def _paragraph_count(c: Composer) -> int:
    return sum(1 for b in c.blocks if isinstance(b, ListItem) and b.list_id == PARAGRAPHS)


def compose_body(c: Composer) -> str:
    report = c.submission
    assert isinstance(report, AlternativeReport)
    c.masthead(title_lines(c))
    c.title()
    c.add(Heading(level=0, content=[Text(c.phrase("executive_summary"))]))
    c.paragraphs(report.executive_summary, numbered=False)
    if report.contents:
        c.contents(depth=2)
    asked: list[_Asks] = []
    for i, chapter in enumerate(report.chapters):
        chapter_number = roman(i + 1)
        c.add(Heading(level=0, content=c.inlines(chapter.title), number=f"{chapter_number}."))
        c.paragraphs(chapter.paragraphs, numbered=True)
        for j, section in enumerate(chapter.sections):
            heading = section_heading(c, section)
            c.add(Heading(level=1, content=c.inlines(heading), number=f"{letter(j)}."))
            c.paragraphs(section.paragraphs, numbered=True)
            for case in section.cases:
                start = len(c.blocks)
                c.paragraphs(case.paragraphs, numbered=False)
                inner = c.blocks[start:]
                del c.blocks[start:]
                # Inside a box, bullets and letters sit at the box's own indent.
                for block in inner:
                    if isinstance(block, ListItem):
                        block.level = 0
                c.add(Box(title=c.inlines(case.title), blocks=inner))  # type: ignore[arg-type]
            if section.recommendations:
                c.heading(3, c.phrase("recommendations_lead_in"))
                texts = [r.text or "" for r in section.recommendations]
                asked.append(
                    _Asks(chapter_number, letter(j), heading, texts, _paragraph_count(c) + 1)
                )
                c.numbered(texts, PARAGRAPHS, bold=True)
    if asked:
        c.add(
            Heading(
                level=0,
                content=[Text(c.phrase("summary_of_recommendations"))],
                number=f"{roman(len(report.chapters) + 1)}.",
            )
        )
        summary = c.new_list("summary")
        for group in asked:
            c.heading(
                2,
                c.phrase(
                    "summary_section",
                    chapter=group.chapter,
                    section=group.section,
                    heading=group.heading,
                ),
            )
            for k, text in enumerate(group.texts):
                see = c.phrase("see_paragraph", number=group.first_paragraph + k)
                content = c.inlines(text, bold=True) + [Text(f" {see}")]
                c.add(ListItem(content=content, list_id=summary, bold=True))
    for i, annex in enumerate(report.annexes):
        c.add(Heading(level=0, content=[Text(c.phrase("annex", number=roman(i + 1)))]))
        c.add(Heading(level=1, content=c.inlines(annex.title)))
        c.paragraphs(annex.paragraphs, numbered=False)
    return ""
