"""A written statement to the Human Rights Council, in the form the Council asks of NGOs: no
UN header; the Council, session and agenda item with its title; "Written statement submitted
by ..., a non-governmental organization in special consultative status" (submitters ordered
general, special, roster); the title in bold with a footnote naming the co-signers without
status ("... also share(s) the views expressed in this statement"); the text in Times New
Roman 12 pt, footnotes 10 pt."""

from __future__ import annotations

from submission_kit import reference
from submission_kit.compose.common import Composer, _upper_first
from submission_kit.compose.conventions import join_list, session_name
from submission_kit.doctree import FootnoteRef, Para, Text
from submission_kit.model.kinds.hrc_written_statement import HrcWrittenStatement

KIND = "hrc_written_statement"

#: The Council's text and footnote sizes for written statements.
TEXT_SIZE_PT, FOOTNOTE_SIZE_PT = 12, 10
#: Order of the submitters in the heading (the Council groups them general, special, roster).
STATUS_ORDER = ("general", "special", "roster")
#: Key of the footnote that names the co-signers; `sources` ids never start with "_".
SHARING_NOTE = "_also-share"


def council_session(c: Composer) -> str:
    council = reference.mechanism("hrc")
    meta = c.submission.metadata
    return _upper_first(session_name(meta.session.number, council.session_style, c.language))


def submitted_line(c: Composer, statement: HrcWrittenStatement) -> str:
    submitters = sorted(
        statement.metadata.submitters(), key=lambda o: STATUS_ORDER.index(o.ecosoc_status or "")
    )
    described = [
        c.phrase(f"hrc_status.{o.ecosoc_status}", name=o.name, name_with_article=c.with_article(o))
        for o in submitters
    ]
    key = "hrc_submitted_joint" if len(submitters) > 1 else "hrc_submitted_single"
    # The descriptions hold commas: separate them with semicolons, as the Council does.
    names = (
        described[0]
        if len(described) == 1
        else c.phrases.render("list_and", rest="; ".join(described[:-1]), last=described[-1])
    )
    # Each description already holds its name with its article (`name_with_article`).
    return c.phrase(key, names=names, names_with_articles=names)


def compose_body(c: Composer) -> str:
    statement = c.submission
    assert isinstance(statement, HrcWrittenStatement)
    meta = statement.metadata
    council = reference.mechanism("hrc")
    council_name = c.typographic(council.name.get(c.language) or council.name["en"])
    item = meta.agenda_item
    c.body_size_pt, c.footnote_size_pt = TEXT_SIZE_PT, FOOTNOTE_SIZE_PT
    c.subject = c.phrase("hrc_subject", council=council_name, session=council_session(c), item=item)
    c.keywords = ", ".join(["HRC", str(meta.session.number), str(item)])
    c.masthead(
        [
            council_name,
            council_session(c),
            c.phrase("hrc_agenda_line", number=item),
            c.typographic(council.agenda_title(item, c.language) or ""),
        ]
    )
    c.add(Para(content=[Text(submitted_line(c, statement))], role="masthead"))
    c.title()
    sharing = meta.sharing()
    if sharing:
        names = join_list([o.name for o in sharing], c.language)
        # The note opens with the names: "La Fédération ... partage également ...".
        with_articles = _upper_first(c.with_articles(sharing, labelled=False))
        note = c.phrase(
            "hrc_sharing", names=names, names_with_articles=with_articles, count=len(sharing)
        )
        c.footnotes[SHARING_NOTE] = [Text(note)]
        title = c.blocks[-1]
        assert isinstance(title, Para)
        title.content.append(FootnoteRef(SHARING_NOTE))
    c.paragraphs(statement.body, numbered=False)
    if statement.recommendations:
        lead_in = statement.lead_in or c.phrase("hrc_lead_in")
        c.add(Para(content=c.inlines(lead_in), role="lead_in", keep_with_next=True))
        c.numbered([r.text or "" for r in statement.recommendations], c.new_list("asks"))
    return ""
