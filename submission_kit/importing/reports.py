"""Import of the kinds with chapters or another addressee: alternative reports, UPR stakeholder
submissions and written statements to the Human Rights Council.

The fixed wording looked for is the kit's own, in every language of its catalogues: each
phrase is rendered with a marker in place of its variable and matched as a pattern, so that
what the renderer prints (if/else wording included) is what the import recognises. Headings
the kit generates (the contents, the summary of recommendations, the gathered UPR
recommendations) are read back into the parts they come from, never kept as text of their
own. Whatever cannot be placed is kept as narrative with a note saying what to check.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from submission_kit import reference
from submission_kit.importing.blocks import ARTICLE_HEADING_RE, CHAPTER_RE, Block
from submission_kit.importing.classify import (
    _articles,
    _ask_text,
    _is_bold,
    _norm,
    _phrases,
    _plain,
    _state_named,
    lead_of,
    parse_date,
    split_names,
    with_article,
)
from submission_kit.load import dialect as dl
from submission_kit.model.common import Metadata

if TYPE_CHECKING:
    from submission_kit.importing.classify import _Classifier

_MARK = "\ue000"
_ROMAN = re.compile(r"^(?:[IVXLC]+)\.\s+")
_LETTER = re.compile(r"^[A-Z]\.\s+")


# --- phrases as the renderer prints them ---------------------------------------------------


def _render(language: str, key: str, **values: Any) -> str | None:
    from submission_kit.compose.phrases import PhraseError, phrases

    try:
        return phrases(language).render(key, **values)
    except (PhraseError, KeyError, TypeError, ValueError):
        return None


@cache
def _printed(
    language: str, key: str, var: str = "", count: int = 0, fixed: tuple = ()
) -> re.Pattern | None:
    """The phrase `key` as printed, its variable `var` a named group `v`, the other variables
    as given in `fixed` ((name, value) pairs)."""
    values: dict[str, Any] = dict(fixed)
    if var:
        values[var] = _MARK
        # French and Spanish phrases print the names after "de", or with their articles.
        if var == "names":
            values["of_names"] = values["names_with_articles"] = _MARK
        if var == "name":
            values["name_with_article"] = _MARK
    if count:
        values["count"] = count
    text = _render(language, key, **values)
    if text is None:
        return None
    pattern = re.escape(_norm(text)).replace(r"\ ", r"\s+")
    pattern = pattern.replace(re.escape(_MARK), "(?P<v>.+?)", 1).replace(re.escape(_MARK), ".+?")
    return re.compile(rf"^\s*{pattern}\s*$", re.IGNORECASE)


def _match(
    language: str, key: str, text: str, var: str = "", count: int = 0, **fixed: Any
) -> str | None:
    """The value of `var` when `text` is the phrase `key` as printed ('' without a var)."""
    for n in (count,) if not count else (1, 2):
        pattern = _printed(language, key, var, n, tuple(sorted(fixed.items())))
        m = pattern.match(_norm(text)) if pattern else None
        if m:
            return m.groupdict().get("v", "") or ""
    return None


def _is(language: str, key: str, text: str) -> bool:
    printed = _render(language, key)
    return printed is not None and _key(printed) == _key(text)


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", _norm(text)).strip().rstrip(":").casefold()


@cache
def _numbers(language: str, style: str) -> dict[str, int]:
    """Session names as printed ('Sixtieth session', '83rd session') -> their number."""
    from submission_kit.compose.conventions import session_name

    out: dict[str, int] = {}
    for n in range(1, 201):
        for s in (style, "numeral", "words"):
            out.setdefault(_key(session_name(n, s, language)), n)
    return out


def _session_number(text: str, language: str, style: str) -> int | None:
    return _numbers(language, style).get(_key(text))


@cache
def _cycles(language: str) -> dict[str, int]:
    from submission_kit.compose.conventions import ordinal_words

    out: dict[str, int] = {}
    for n in range(1, 10):
        words = ordinal_words(n, language)
        for text in (
            _render(language, "upr_cycle_words", words=words) if words else None,
            _render(language, "upr_cycle_numeral", number=n),
        ):
            if text:
                out.setdefault(_key(text), n)
    return out


def _heading_text(text: str) -> str:
    """A heading without the number the layout prints before it ('II.', 'A.')."""
    plain = _plain(text)
    return _LETTER.sub("", _ROMAN.sub("", plain), count=1).strip()


def _rank(b: Block) -> int:
    """A heading's depth: the kit's UN styles (chapter, H_1 ... H_4) or Word's heading level."""
    style = b.style.lower().replace(" ", "")
    if "_ch_" in style:
        return 1
    m = re.search(r"_h_(\d)", style)
    if m:
        return int(m[1]) + 1
    return max(b.level, 1)


# --- narrative shared by the kinds ---------------------------------------------------------


class _Prose:
    """Paragraphs with their subparagraphs: an item under a paragraph that ends with ':' (or
    a nested one) belongs to it; a numbered item at the top is a numbered paragraph."""

    def __init__(self, c: _Classifier) -> None:
        self.c = c
        self.last: tuple[list[Any], int] | None = None

    def add(self, holder: list[Any], b: Block, path: tuple) -> None:
        text = b.text
        if b.kind == "item" and self.last is not None:
            items_holder, index = self.last
            para = items_holder[index]
            lead = para if isinstance(para, str) else para.get("text", "")
            if b.level > 0 or (
                b.marker != "number" and (_plain(lead).endswith(":") or isinstance(para, dict))
            ):
                if isinstance(para, str):
                    para = {"text": para, "items": []}
                    if b.marker in ("bullet", "dash", "space"):
                        para["item_style"] = "bulleted"
                    items_holder[index] = para
                if b.level > 1 and para["items"]:
                    last = para["items"][-1]
                    if isinstance(last, str):
                        last = {"text": last, "items": []}
                        para["items"][-1] = last
                    last["items"].append(text)
                else:
                    para["items"].append(text)
                return
        if b.kind == "item" and b.marker != "number":
            self.c.note(
                (*path, len(holder)),
                f"a list item was kept as a paragraph: '{_plain(text)[:50]}'",
                b.where,
            )
        holder.append(text)
        self.last = (holder, len(holder) - 1)

    def reset(self) -> None:
        self.last = None


def _strip_empty(record: dict[str, Any], *fields: str) -> dict[str, Any]:
    for f in fields:
        if f in record and not record[f]:
            del record[f]
    return record


# --- kind ----------------------------------------------------------------------------------


def kind_of(c: _Classifier) -> str | None:
    """The kind when the opening lines name it: an alternative report, a UPR submission or a
    written statement to the Council; None for the kinds `classify` tells apart itself."""
    lang = c.language
    upr = reference.mechanism("upr")
    hrc = reference.mechanism("hrc")
    for b in c.blocks[:16]:
        text = _plain(b.text)
        if len(text) > 300:
            continue
        if _is(lang, "report_line", text):
            return "alternative_report"
        if _match(lang, "state_under_review_line", text, "country") is not None or _key(
            text
        ) == _key(upr.name.get(lang) or upr.name["en"]):
            return "upr_submission"
        if (
            _match(lang, "hrc_agenda_line", text, "number") is not None
            or _match(lang, "hrc_submitted_single", text, "names") is not None
            or _match(lang, "hrc_submitted_joint", text, "names") is not None
        ):
            return "hrc_written_statement"
        if b.kind == "heading" and _is(lang, "executive_summary", _heading_text(text)):
            # A list of issues may open with an executive summary too: its suggested
            # questions, or a title that names a list of issues, tell it from a report.
            return None if _reads_as_list_of_issues(c) else "alternative_report"
    if _key(hrc.name.get(lang) or hrc.name["en"]) in {_key(_plain(b.text)) for b in c.blocks[:4]}:
        return "hrc_written_statement"
    return None


def _reads_as_list_of_issues(c: _Classifier) -> bool:
    """Whether a document with an executive summary is a suggested list of issues: it has the
    lines that open suggested questions ("Suggested questions:"), which an alternative report
    does not print, or one of its opening lines names a list of issues (the review stages "list
    of issues", "list of issues prior to reporting" of the language's catalogue) and none names
    an alternative report."""
    lang = c.language
    if any(lead_of(b.text, lang) == "questions" for b in c.blocks):
        return True
    stages = _phrases(lang).get("stages", {})
    names = [
        _key(str(stages[k]))
        for k in ("list_of_issues", "list_of_issues_prior_to_reporting")
        if stages.get(k)
    ]
    report = _key(_render(lang, "report_line") or "")
    opening = [_key(b.text) for b in c.blocks[:6]]
    return any(n in line for line in opening for n in names) and not any(
        report and report in line for line in opening
    )


# --- the title block -----------------------------------------------------------------------


_KNOWN_HEADINGS = (
    "executive_summary",
    "contents",
    "summary_of_recommendations",
    "upr_summary",
    "upr_introduction",
    "upr_follow_up",
    "upr_framework",
    "upr_situation",
    "upr_recommendations",
    "upr_general_recommendations",
)


def _known_heading(language: str, text: str) -> bool:
    """A heading the layouts print: 'Executive summary', 'II. Follow-up ...', 'Annex I'."""
    plain = _heading_text(text)
    return any(_is(language, k, plain) for k in _KNOWN_HEADINGS) or (
        _match(language, "annex", plain, "number") is not None
    )


def _typed_headings(c: _Classifier) -> None:
    """In text rebuilt from lines (a .txt, a PDF's text), short lines without final punctuation
    that open with a chapter's or a section's number ('II.', 'A.'), or that are headings the
    layouts print, are headings."""
    if not c.doc.rejoined:
        return
    for b in c.blocks:
        text = _plain(b.text)
        if b.kind != "para" or len(text) > 100 or text.endswith(tuple(".;,:?!")):
            continue
        if _ROMAN.match(text) or _known_heading(c.language, text):
            b.kind, b.level = "heading", 1
        elif _LETTER.match(text):
            b.kind, b.level = "heading", 2


def _title_block(c: _Classifier, line: Any) -> list[Block]:
    """Read the lines before the title with `line(text, block) -> bool` (True: recognised),
    then the title; returns the lines of the title block it did not recognise."""
    unknown: list[Block] = []
    n = 0
    for n, b in enumerate(c.blocks[:24]):  # noqa: B007
        text = _plain(b.text)
        styled = "title" in b.style.lower()
        if not styled and (b.kind != "heading" or b.level == 0) and line(text, b):
            continue
        typed_title = (
            c.doc.rejoined
            and b.kind in ("para", "heading")
            and b.level == 0
            and len(text) < 160
            and not text.endswith(tuple(".;,:"))
            and not _known_heading(c.language, text)
        )
        # A Word document typed in ordinary styles opens with its title in bold, or as its
        # first heading (one naming no article, not a heading of the layout).
        first_title = (
            n == 0
            and not c.doc.rejoined
            and len(text) < 160
            and not _known_heading(c.language, text)
            and not CHAPTER_RE.match(text)
            and (
                (b.kind == "para" and _is_bold(b.text))
                or (
                    b.kind == "heading"
                    and not ARTICLE_HEADING_RE.match(text)
                    and not _articles(text)
                )
            )
        )
        if styled or (b.kind == "heading" and b.level == 0) or typed_title or first_title:
            # The layout prints the title in bold; a footnote may follow it.
            m = re.match(r"^\*\*(?P<t>(?:(?!\*\*).)+)\*\*(?P<n>(?:\[\^[^\]]+\])*)$", b.text.strip())
            c.meta["title"] = (m["t"].strip() + m["n"]) if m else b.text.strip()
            c.title_block_notes = re.findall(r"\[\^([^\]]+)\]", b.text)
            n += 1
            if first_title:
                # The title block's lines under a title typed first; a short line among them
                # that is none of them is the organisation.
                while n < len(c.blocks) and c.blocks[n].kind == "para":
                    here = _plain(c.blocks[n].text)
                    if line(here, c.blocks[n]):
                        n += 1
                        continue
                    after = c.blocks[n + 1] if n + 1 < len(c.blocks) else None
                    if (
                        "organisations" not in c.meta
                        and len(here) < 90
                        and not here.endswith(tuple(".;:!?,"))
                        and after is not None
                        and c._title_line(_plain(after.text))
                    ):
                        c.meta["organisations"] = [{"name": here}]
                        n += 1
                        continue
                    break
            break
        if b.kind == "heading" or _known_heading(c.language, text):
            break
        if b.style.lower().startswith("masthead"):
            unknown.append(b)
            continue
        break
    else:
        n = min(len(c.blocks), 24)
    c.blocks = c.blocks[n:]
    _typed_headings(c)
    return unknown


def _date_line(c: _Classifier, text: str) -> bool:
    date = parse_date(text, c.language)
    if date and "date" not in c.meta and len(text) < 40:
        c.meta["date"] = date
        return True
    return False


def _finish(c: _Classifier, order: list[str]) -> None:
    meta = c.meta
    meta.setdefault("language", c.language)
    if "date" not in meta:
        created = c.doc.properties.get("created", "")
        date = parse_date(created[:10], c.language) if created else None
        if date:
            meta["date"] = date
            c.note(
                ("metadata", "date"),
                f"no date was found in the text; {date.isoformat()} is the date the file "
                "was created: write the date of the submission",
            )
        else:
            c.note(("metadata",), "the document carries no date: add 'date: YYYY-MM-DD'")
    if "title" not in meta:
        meta["title"] = c.doc.properties.get("title") or "TODO(title of the submission)"
        c.note(("metadata", "title"), "no title line was recognised; check the title")
    if not meta.get("organisations"):
        meta["organisations"] = [{"name": "TODO(name of your organisation)"}]
        c.note(("metadata", "organisations"), "no organisation was found")
    c.meta = {k: meta[k] for k in order if k in meta}


def _unknown_lines(c: _Classifier, unknown: list[Block], holder: list[Any], path: tuple) -> None:
    for b in unknown:
        holder.append(b.text)
        c.note(
            path, f"a line of the title block was not recognised: '{_plain(b.text)[:60]}'", b.where
        )


# --- alternative report --------------------------------------------------------------------


def alternative_report(c: _Classifier) -> dict[str, Any]:
    lang = c.language
    meta = c.meta
    orgs: list[dict[str, Any]] = []

    def line(text: str, b: Block) -> bool:
        if _is(lang, "report_line", text):
            return True
        names = _match(lang, "submitted_by", text, "names")
        if names is not None:
            for name in split_names(names, lang):
                lead = _match(lang, "lead_organisation", name, "name")
                org = {"name": lead, "role": "lead"} if lead else {"name": name, "role": "author"}
                orgs.append(with_article(org, lang))
            return True
        for key, role in (("co_submitted_by", "co-submitter"), ("endorsed_by", "endorser")):
            names = _match(lang, key, text, "names")
            if names is not None:
                orgs.extend(
                    with_article({"name": n, "role": role}, lang) for n in split_names(names, lang)
                )
                return True
        committee = next(
            (
                code
                for code in reference.committee_codes()
                if _key(reference.committee(code).name.get(lang, "")) == _key(text)
            ),
            None,
        )
        if committee:
            meta["committee"] = committee
            return True
        named, after_name = c._committee_named(text)
        if named and after_name and "committee" not in meta:
            # "Committee against Torture, 82nd session"
            meta["committee"] = named
            style = reference.committee(named).session_style
            number = _session_number(after_name, lang, style)
            if number:
                meta["session"] = {"number": number}
            return True
        if "committee" in meta and "session" not in meta:
            style = reference.committee(meta["committee"]).session_style
            number = _session_number(text, lang, style)
            if number:
                meta["session"] = {"number": number}
                return True
        state = _match(lang, "state_line", text, "country")
        if state is None:
            m = re.match(r"^[^:]{3,40}:\s*(?P<v>.+)$", _norm(text))
            state = m["v"] if m and _state_named(m["v"], lang) else None
        if state is not None and _state_named(state, lang):
            meta["state"] = _state_named(state, lang)
            return True
        stage = _match(lang, "stage_line", text, "stage")
        if stage is not None:
            stages = _phrases(lang).get("stages", {})
            found = [k for k, v in stages.items() if _key(str(v)) == _key(stage)]
            if found:
                meta["stage"] = found[0]
                return True
        return _date_line(c, text)

    unknown = _title_block(c, line)
    c.cite_blocks()
    if orgs:
        meta["organisations"] = orgs
    summary: list[Any] = []
    chapters: list[dict[str, Any]] = []
    annexes: list[dict[str, Any]] = []
    contents = False
    prose = _Prose(c)
    # Where text goes: ("summary",), ("chapter",), ("section",), ("annex",), or a part the kit
    # generates ("contents", "summary_of_recommendations") that is read past.
    where = "summary"
    chapter: dict[str, Any] | None = None
    section: dict[str, Any] | None = None
    annex: dict[str, Any] | None = None
    box: dict[str, Any] | None = None
    asks = False
    annex_heading = False
    summarised: list[tuple[str, str]] = []  # the summary of recommendations, as printed
    _unknown_lines(c, unknown, summary, ("executive_summary",))

    def path() -> tuple:
        if where == "annex" and annex is not None:
            return ("annexes", len(annexes) - 1, "paragraphs")
        if chapter is None:
            return ("executive_summary",)
        at: tuple = ("chapters", len(chapters) - 1)
        if section is not None:
            at = (*at, "sections", len(chapter.get("sections", [])) - 1)
        return (*at, "paragraphs")

    for b in c.blocks:
        text = _plain(b.text)
        if b.kind == "heading":
            box = None
            asks = False
            prose.reset()
            rank = _rank(b)
            title = _heading_text(b.text)
            if (
                lead_of(title, lang) == "recommendations"
                or lead_of(text, lang) == "recommendations"
            ):
                asks = section is not None
                if not asks:
                    c.note(
                        path(),
                        f"the heading '{text}' was left out: recommendations go in a section",
                        b.where,
                    )
                continue
            if rank == 1:
                section = None
                annex_heading = False
                if _is(lang, "executive_summary", title) and not chapters:
                    where = "summary"
                    continue
                if _is(lang, "summary_of_recommendations", title):
                    where = "summary_of_recommendations"  # made from the sections' asks
                    continue
                if _match(lang, "annex", title, "number") is not None:
                    where, annex_heading = "annex", True
                    annex = None
                    continue
                if _is(lang, "contents", title):
                    where = "generated"
                    contents = True
                    continue
                where = "chapter"
                chapter = {"title": title}
                chapters.append(chapter)
                continue
            if where in ("generated", "summary_of_recommendations"):
                continue
            if where == "annex" or (annex_heading and annex is None):
                annex = {"title": title, "paragraphs": []}
                annexes.append(annex)
                where = "annex"
                continue
            if chapter is None:
                chapter = {"title": "TODO(title of the chapter)"}
                chapters.append(chapter)
                c.note(
                    ("chapters", len(chapters) - 1, "title"),
                    "a section before any chapter: its chapter was given a placeholder title",
                    b.where,
                )
            section = _section(c, title)
            chapter.setdefault("sections", []).append(section)
            where = "section"
            continue
        if where == "summary_of_recommendations":
            if b.kind == "item":
                summarised.append((_ask_text(b.text), b.where))
            continue
        if where == "generated":
            continue
        if where == "summary" and _is(lang, "contents", text):
            where, contents = "generated", True
            continue
        if b.kind == "para" and len(text) < 100 and lead_of(text, lang) == "recommendations":
            asks = section is not None
            if not asks:
                c.note(
                    path(),
                    f"the line '{text}' was left out: recommendations go in a section",
                    b.where,
                )
            continue
        if b.boxed and section is not None and not asks:
            if box is None or (_is_bold(b.text) and box.get("paragraphs")):
                if _is_bold(b.text):
                    box = {"title": _ask_text(b.text), "paragraphs": []}
                    section.setdefault("cases", []).append(box)
                    continue
                box = {"title": "TODO(title of the case)", "paragraphs": []}
                section.setdefault("cases", []).append(box)
                c.note(
                    (*path()[:-1], "cases"),
                    "a boxed paragraph without a bold title was taken as a case box",
                    b.where,
                )
            prose.add(box["paragraphs"], b, path())
            continue
        box = None
        if asks and section is not None and b.kind == "item":
            section.setdefault("recommendations", []).append(_ask_text(b.text))
            continue
        asks = False
        if where == "annex":
            if annex is None:
                annex = {"title": "TODO(title of the annex)", "paragraphs": []}
                annexes.append(annex)
                c.note(("annexes", len(annexes) - 1, "title"), "an annex without a title", b.where)
            prose.add(annex["paragraphs"], b, path())
        elif section is not None:
            prose.add(section.setdefault("paragraphs", []), b, path())
        elif chapter is not None:
            prose.add(chapter.setdefault("paragraphs", []), b, path())
        else:
            prose.add(summary, b, path())
    _check_summary(c, chapters, summarised)
    out: dict[str, Any] = {}
    if not summary:
        c.note(("executive_summary",), "no executive summary was found")
        summary = ["TODO(the executive summary)"]
    out["executive_summary"] = summary
    if not contents:
        out["contents"] = False
    if not chapters:
        c.note(("chapters",), "no chapter was recognised")
        chapters = [{"title": "TODO(title of the chapter)", "paragraphs": ["TODO(its text)"]}]
    for ch in chapters:
        for s in ch.get("sections", []):
            for box_ in s.get("cases", []):
                if not box_["paragraphs"]:
                    box_["paragraphs"] = ["TODO(the case)"]
    out["chapters"] = chapters
    for a in annexes:
        if not a["paragraphs"]:
            a["paragraphs"] = ["TODO(the annex)"]
    if annexes:
        out["annexes"] = annexes
    if "committee" not in meta:
        c.note(("metadata",), "no committee was found: add 'committee:' (e.g. CAT)")
    if "state" not in meta:
        c.note(("metadata",), "no State was found: add 'state:' (e.g. KAZ)")
    if "session" not in meta:
        c.note(("metadata",), "no session number was found: add 'session: {number: N}'")
    if "stage" not in meta:
        meta["stage"] = "constructive_dialogue"
        c.note(
            ("metadata", "stage"), "the review stage 'constructive_dialogue' is a guess; check it"
        )
    _finish(c, list(Metadata.model_fields))
    return out


def _check_summary(
    c: _Classifier, chapters: list[dict[str, Any]], summarised: list[tuple[str, str]]
) -> None:
    """The summary of recommendations repeats the sections' asks: one edited in the summary
    only would be lost with it, so say where they differ."""
    if not summarised:
        return
    asks = [
        ((i, j, k), ask)
        for i, ch in enumerate(chapters)
        for j, sec in enumerate(ch.get("sections", []))
        for k, ask in enumerate(sec.get("recommendations", []))
    ]
    for n, (text, where) in enumerate(summarised):
        # Each is printed with the paragraph of the section that makes it: "(para. 9)".
        text = re.sub(r"\s*\([^()]*\d+\)$", "", text).strip()
        if n < len(asks) and _key(asks[n][1]) == _key(text):
            continue
        at = asks[n][0] if n < len(asks) else None
        path = (
            ("chapters", at[0], "sections", at[1], "recommendations", at[2])
            if at
            else ("chapters",)
        )
        c.note(
            path,
            f"the summary of recommendations reads '{_plain(text)[:60]}', which no section "
            "says in these words: the sections' wording was kept; take the edit into the "
            "section if it is wanted",
            where,
            edit=True,
        )


def _section(c: _Classifier, title: str) -> dict[str, Any]:
    """A section from its heading: its trailing article reference, and the CRC cluster whose
    title it is."""
    section: dict[str, Any] = {}
    found = None
    for lang in (c.language, *dl.phrase_languages()):
        found = dl.trailing_articles(title, lang)
        if found:
            break
    heading = found[0] if found else title
    articles = [r for r, _ in dl.split_articles(found[1], lang)] if found else []
    committee = c.meta.get("committee")
    if committee == "CRC":
        treaty = reference.treaty("CRC")
        for key in treaty.clusters:
            name = treaty.cluster_title(key, c.language) or ""
            if _key(name) == _key(heading):
                return {"cluster": key}
    if heading:
        section["heading"] = heading
    if articles:
        section["articles"] = articles
    if not heading and not articles:
        section["heading"] = title or "TODO(heading of the section)"
    return section


# --- UPR submission ------------------------------------------------------------------------


_UPR_CHAPTERS = {
    "upr_introduction": "introduction",
    "upr_follow_up": "follow_up",
    "upr_framework": "national_framework",
    "upr_situation": "themes",
    "upr_recommendations": "recommendations",
}


def upr_submission(c: _Classifier) -> dict[str, Any]:
    lang = c.language
    meta = c.meta
    upr = reference.mechanism("upr")

    def line(text: str, b: Block) -> bool:
        if _key(text) == _key(upr.name.get(lang) or upr.name["en"]):
            return True
        cycle = _cycles(lang).get(_key(text))
        if cycle:
            meta["cycle"] = cycle
            return True
        group = upr.working_group.get(lang) or upr.working_group["en"]
        session = _match(
            lang,
            "upr_session_line",
            re.split(r",\s*\d", text)[0],
            "session",
            working_group=group,
        )
        if session is not None:
            number = _session_number(session, lang, upr.session_style)
            if number:
                meta["session"] = {"number": number}
                return True
        state = _match(lang, "state_under_review_line", text, "country")
        if state is not None and _state_named(state, lang):
            meta["state"] = _state_named(state, lang)
            return True
        coalition = _match(lang, "upr_joint", text, "coalition")
        if coalition:
            meta["submission"], meta["coalition"] = "joint", coalition
            return True
        names = _match(lang, "upr_individual", text, "names")
        if names:
            meta["submission"] = "individual"
            meta["organisations"] = _named(split_names(names, lang), lang)
            return True
        names = _match(lang, "endorsed_by", text, "names")
        if names:
            meta.setdefault("endorsers", []).extend(split_names(names, lang))
            return True
        return _date_line(c, text)

    unknown = _title_block(c, line)
    c.cite_blocks()
    out: dict[str, Any] = {}
    parts: dict[str, list[Any]] = {
        "summary": [],
        "introduction": [],
        "follow_up": [],
        "national_framework": [],
        "themes": [],
        "recommendations": [],
    }
    key_words: list[str] = []
    prose = _Prose(c)
    part = "summary"
    record: dict[str, Any] | None = None
    members: list[str] | None = None
    gathered: dict[str, Any] | None = None  # the theme whose recommendations follow
    _unknown_lines(c, unknown, parts["introduction"], ("introduction",))
    positions = {_key(str(v)): k for k, v in (_phrases(lang).get("upr_positions") or {}).items()}
    for b in c.blocks:
        text = _plain(b.text)
        if b.kind == "heading":
            prose.reset()
            members = None
            title = _heading_text(b.text)
            chapter = next((f for k, f in _UPR_CHAPTERS.items() if _is(lang, k, title)), None)
            if chapter is None:
                chapter = next(
                    (
                        f
                        for f in parts
                        if _key(title) in {_key(x) for x in dl.section_labels(lang, f)}
                    ),
                    None,
                )
            if _is(lang, "upr_summary", title):
                chapter = "summary"
            if chapter is not None:
                part, record, gathered = chapter, None, None
                continue
            if part == "recommendations":
                gathered = next(
                    (t for t in parts["themes"] if _key(t["title"]) == _key(title)), None
                )
                if gathered is None and not _is(lang, "upr_general_recommendations", title):
                    c.note(
                        ("recommendations",),
                        f"the recommendations under '{title}' name no theme: they were kept as general recommendations",
                        b.where,
                    )
                continue
            if part in ("follow_up", "themes"):
                record = {"title": title, "paragraphs": []}
                if part == "follow_up":
                    record = {"recommendations": [], "title": title, "paragraphs": []}
                parts[part].append(record)
                continue
            c.note((part,), f"the heading '{text}' was kept as a paragraph", b.where)
            parts[part].append(text)
            continue
        coalition = _match(lang, "upr_joint_intro", text, "coalition")
        if coalition:
            meta.setdefault("coalition", coalition)
            members = []
            continue
        if members is not None and b.kind == "item" and b.marker != "number":
            members.append(text)
            meta["organisations"] = _named(members, lang, joint=True)
            continue
        members = None
        words = _match(lang, "key_words", text, "words")
        if words is not None and not key_words:
            key_words = [w.strip() for w in words.split(",") if w.strip()]
            continue
        if part == "follow_up" and record is not None and not record["paragraphs"]:
            refs = _upr_refs(text, positions)
            if refs:
                record["recommendations"] = refs
                continue
        if part == "recommendations":
            holder = (
                gathered.setdefault("recommendations", []) if gathered else parts["recommendations"]
            )
            holder.append(_ask_text(b.text))
            continue
        if part == "themes" and record is None:
            record = {"title": "TODO(title of the theme)", "paragraphs": []}
            parts["themes"].append(record)
            c.note(
                ("themes", len(parts["themes"]) - 1, "title"),
                "text before the first theme was given a theme of its own",
                b.where,
            )
        if part in ("follow_up", "themes") and record is not None:
            prose.add(record["paragraphs"], b, (part, len(parts[part]) - 1, "paragraphs"))
        elif part == "follow_up":
            prose.add(parts["introduction"], b, ("introduction",))
            c.note(
                ("introduction",),
                "text before the first follow-up item was kept in the introduction",
                b.where,
            )
        else:
            prose.add(parts[part], b, (part,))
    if key_words:
        out["key_words"] = key_words
    for name in (
        "summary",
        "introduction",
        "follow_up",
        "national_framework",
        "themes",
        "recommendations",
    ):
        if parts[name]:
            out[name] = parts[name]
    for n, item in enumerate(out.get("follow_up", [])):
        if not item["recommendations"]:
            item["recommendations"] = ["TODO(139.1 (State), supported)"]
            c.note(
                ("follow_up", n, "recommendations"), "the earlier recommendations were not found"
            )
        _strip_empty(item, "title")
        if not item["paragraphs"]:
            item["paragraphs"] = ["TODO(what has been done since)"]
    for theme in out.get("themes", []):
        if not theme["paragraphs"]:
            theme["paragraphs"] = ["TODO(the situation)"]
    if "themes" not in out:
        c.note(("themes",), "no theme was recognised")
        out["themes"] = [{"title": "TODO(theme)", "paragraphs": ["TODO(the situation)"]}]
    if "cycle" not in meta:
        c.note(("metadata",), "no UPR cycle was found: add 'cycle: N'")
    if "state" not in meta:
        c.note(("metadata",), "no State under review was found: add 'state:' (e.g. KAZ)")
    if "session" not in meta:
        c.note(("metadata",), "no Working Group session was found: add 'session: {number: N}'")
    endorsers = meta.pop("endorsers", [])
    if endorsers:
        meta.setdefault("organisations", []).extend(
            with_article({"name": n, "role": "endorser"}, lang) for n in endorsers
        )
    _finish(
        c,
        [
            "state",
            "cycle",
            "session",
            "submission",
            "coalition",
            "language",
            "date",
            "title",
            "organisations",
        ],
    )
    return out


def _named(names: list[str], language: str, joint: bool = False) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for name in names:
        lead = _match(language, "lead_organisation", name, "name")
        if lead:
            out.append(with_article({"name": lead, "role": "lead"}, language))
        else:
            org = {"name": name, "role": "co-submitter"} if joint else {"name": name}
            out.append(with_article(org, language))
    return out


_UPR_REF = re.compile(
    r"(?P<number>\d{1,3}\.\d{1,3})\s*\((?P<state>[^()]+)\)(?:,?\s*(?P<position>[^\s,;]+))?"
)


def _upr_refs(text: str, positions: dict[str, str]) -> list[str]:
    """'Recommendations 139.12 (Norway), supported and 139.15 (Brazil), noted' -> the refs in
    the draft's form ('139.12 (Norway), supported'); [] when the line is no such list."""
    plain = _plain(text)
    found = list(_UPR_REF.finditer(plain))
    if not found or not re.match(r"^\D{3,40}\d", plain):
        return []
    out = []
    for m in found:
        position = positions.get(_key(m["position"] or ""))
        out.append(f"{m['number']} ({m['state'].strip()})" + (f" {position}" if position else ""))
    return out


# --- written statement to the Council ------------------------------------------------------


def hrc_written_statement(c: _Classifier) -> dict[str, Any]:
    lang = c.language
    meta = c.meta
    hrc = reference.mechanism("hrc")
    orgs: list[dict[str, Any]] = []

    def line(text: str, b: Block) -> bool:
        if _key(text) == _key(hrc.name.get(lang) or hrc.name["en"]):
            return True
        number = _session_number(text, lang, hrc.session_style)
        if number and "session" not in meta:
            meta["session"] = {"number": number}
            return True
        item = _match(lang, "hrc_agenda_line", text, "number")
        if item is not None and item.strip().isdigit():
            meta["agenda_item"] = int(item)
            return True
        if "agenda_item" in meta and _key(
            hrc.agenda_title(meta["agenda_item"], lang) or ""
        ) == _key(text):
            return True
        for key in ("hrc_submitted_single", "hrc_submitted_joint"):
            names = _match(lang, key, text, "names")
            if names is not None:
                orgs.extend(_statuses(names, lang))
                return True
        return _date_line(c, text)

    unknown = _title_block(c, line)
    # The footnote to the title names the co-signers without status.
    for fid in getattr(c, "title_block_notes", []):
        note = c.doc.footnotes.get(fid, "")
        names = _match(lang, "hrc_sharing", note, "names", count=1)
        if names is not None:
            orgs.extend(with_article({"name": n}, lang) for n in split_names(names, lang))
            del c.doc.footnotes[fid]
            c.meta["title"] = c.meta["title"].replace(f"[^{fid}]", "")
    c.cite_blocks()
    if orgs:
        orgs[0]["role"] = "lead"
        meta["organisations"] = orgs
    body: list[Any] = []
    prose = _Prose(c)
    _unknown_lines(c, unknown, body, ("body",))
    blocks = list(c.blocks)
    # The recommendations: the numbered list that ends the statement, after its lead-in.
    end = len(blocks)
    start = end
    while (
        start > 0
        and blocks[start - 1].kind == "item"
        and blocks[start - 1].marker == "number"
        and blocks[start - 1].level == 0
    ):
        start -= 1
    recommendations = [_ask_text(b.text) for b in blocks[start:end]]
    lead_in = None
    if (
        recommendations
        and start > 0
        and blocks[start - 1].kind == "para"
        and _plain(blocks[start - 1].text).endswith(":")
    ):
        lead_in = blocks[start - 1].text
        start -= 1
    for b in blocks[:start] if recommendations else blocks:
        if b.kind == "heading":
            c.note(("body",), f"the heading '{_plain(b.text)}' was kept as a paragraph", b.where)
            body.append(b.text)
            prose.reset()
            continue
        prose.add(body, b, ("body",))
    out: dict[str, Any] = {"body": body or ["TODO(the statement)"]}
    if not body:
        c.note(("body",), "no paragraph of the statement was found")
    if lead_in and not _is(lang, "hrc_lead_in", lead_in):
        out["lead_in"] = lead_in
    if recommendations:
        out["recommendations"] = recommendations
    if "session" not in meta:
        c.note(("metadata",), "no Council session was found: add 'session: {number: N}'")
    if "agenda_item" not in meta:
        meta["agenda_item"] = "TODO(agenda item, 1 to 10)"
        c.note(("metadata", "agenda_item"), "no agenda item was found")
    if orgs and not any(o.get("ecosoc_status") for o in orgs):
        c.note(
            ("metadata", "organisations"),
            "no organisation's ECOSOC status was found: add 'ecosoc_status:'",
        )
    _finish(c, ["session", "agenda_item", "language", "date", "title", "organisations"])
    return out


def _statuses(names: str, language: str) -> list[dict[str, Any]]:
    """'A, a non-governmental organization in special consultative status; B, ...' -> each
    organisation with its ECOSOC status."""
    joiner = next(iter(dl.article_words(language)[1][-1:]), "and")
    out: list[dict[str, Any]] = []
    pieces = [
        p
        for part in re.split(r";\s*", names)
        for p in re.split(rf"\s+{re.escape(joiner)}\s+(?=[^,]+,)", part)
    ]
    for piece in pieces:
        for status in ("general", "special", "roster"):
            name = _match(language, f"hrc_status.{status}", piece.strip(), "name")
            if name:
                out.append(with_article({"name": name, "ecosoc_status": status}, language))
                break
        else:
            if piece.strip():
                out.append(with_article({"name": piece.strip()}, language))
    return out
