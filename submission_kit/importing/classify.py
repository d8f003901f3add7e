"""Turn the blocks of an imported document into a draft's plain data.

It recognises the title block (organisations, committee, session, State, review stage,
date, language), the kind of submission, headings that name articles, lists of suggested
questions and of recommendations, subparagraphs, and footnotes. The fixed wording it looks
for is the kit's own phrase catalogue (the same lines the renderer writes) and the lead
lines of the Markdown dialect, in every language the catalogues cover. What it cannot
classify is kept as narrative, with a note saying what to check.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from submission_kit import reference
from submission_kit.importing.blocks import ARTICLE_HEADING_RE, Block, Document
from submission_kit.load import dialect as dl
from submission_kit.model.common import Metadata


@dataclass
class Note:
    """Something the writer must check in the imported draft: where in the draft (`path`),
    what, and where it came from in the document (`where`)."""

    path: tuple
    message: str
    where: str = ""
    #: An edit the draft does not hold (made in a part the kit generates): `import --diff`
    #: lists it with the changes.
    edit: bool = False


@dataclass
class Imported:
    data: dict[str, Any]
    notes: list[Note] = field(default_factory=list)


# --- phrases as patterns --------------------------------------------------------------------


#: Phrase variables that print the organisations' names in another form: after the language's
#: "of" (du Bureau ...) or with their articles (par la Fédération ...); the importer reads the
#: names from them and the articles with `with_article`.
_NAME_VARIABLES = {"of_names": "names", "names_with_articles": "names", "name_with_article": "name"}


def _pattern(template: str) -> re.Pattern | None:
    """A phrase template ('{{ state_party }}: {{ country }}') as a regex with named groups;
    None for templates with logic in them."""
    # An optional part ({% if x %}...{% endif %}) is left out: the line without it is matched.
    template = re.sub(r"\{%-?\s*if\b.*?%\}.*?\{%-?\s*endif\s*-?%\}", "", template)
    if "{%" in template:
        return None
    parts = re.split(r"\{\{\s*(\w+)\s*\}\}", template.strip())
    out = ""
    seen: set[str] = set()
    for i, part in enumerate(parts):
        if i % 2:
            # The names after "de" or with their articles (after "par") are the names.
            group = _NAME_VARIABLES.get(part, part)
            out += f"(?P<{group}>.+?)" if group not in seen else ".+?"
            seen.add(group)
        else:
            out += re.escape(part).replace(r"\ ", r"\s+")
    return re.compile(rf"^\s*{out}\s*$", re.IGNORECASE)


@cache
def _phrases(language: str) -> dict:
    return dl._catalogue(language)


@cache
def _phrase_pattern(language: str, key: str, sub: str = "") -> re.Pattern | None:
    """The phrase `key` (or `key.sub`, in a mapping of phrases) of a catalogue as a pattern."""
    template = _phrases(language).get(key)
    if sub and isinstance(template, dict):
        template = template.get(sub)
    return _pattern(_norm(template)) if isinstance(template, str) else None


def _phrase_match(language: str, key: str, text: str) -> re.Match | None:
    pattern = _phrase_pattern(language, key)
    return pattern.match(_norm(text)) if pattern else None


@cache
def _lead_labels(language: str, name: str) -> frozenset[str]:
    return frozenset(dl.normal(_norm(x)) for x in dl.lead_lines(language, name))


def _plain(text: str) -> str:
    """Text without emphasis marks."""
    return re.sub(r"\*\*|(?<!\*)\*(?!\*)", "", text).strip()


def _norm(text: str) -> str:
    """Text as matched against a phrase: no-break spaces and curly apostrophes made plain."""
    return _plain(text).replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'")


def detect_language(doc: Document) -> str:
    """The language a DOCX's properties name, else the one whose 'Original: ...' line the
    document carries, else the one whose word for "and" (from its catalogue's list_and) is
    commonest in the text."""
    languages = dl.phrase_languages()
    # A DOCX says its language in its properties ("es-ES"); Word sets it from the text's.
    tag = doc.properties.get("language", "").split("-")[0].lower()
    if tag in languages:
        return tag
    for b in doc.blocks[:15]:
        for lang in languages:
            name = _phrases(lang).get("language_name")
            m = _phrase_match(lang, "original", _plain(b.text))
            if m and isinstance(name, str) and m.group("language_name").strip() == name:
                return lang
    text = " ".join(b.text for b in doc.blocks).lower()
    scores: Counter[str] = Counter()
    for lang in languages:
        for joiner in dl.article_words(lang)[1]:
            if joiner != "&" and (joiner != "and" or lang == "en"):
                scores[lang] += len(re.findall(rf"\b{re.escape(joiner)}\b", text))
    return scores.most_common(1)[0][0] if scores else "en"


def _months(language: str) -> list[str]:
    months = _phrases(language).get("months")
    return [m.lower() for m in months] if isinstance(months, list) else []


def parse_date(text: str, language: str) -> dt.date | None:
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", text)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    months = _months(language)
    if not months:
        return None
    names = "|".join(re.escape(x) for x in months)
    m = re.search(
        rf"\b(\d{{1,2}})(?:er|º)?\s+(?:de\s+)?({names})\s+(?:de\s+)?(\d{{4}})\b", text, re.I
    )
    if m:
        try:
            return dt.date(int(m[3]), months.index(m[2].lower()) + 1, int(m[1]))
        except ValueError:
            return None
    return None


def _session(text: str) -> int | None:
    """The session number of '101st session', '144e session', '144º período de sesiones': a
    number, a short ordinal ending, then the words each catalogue's session_numeral ends with."""
    for lang in dl.phrase_languages():
        template = _phrases(lang).get("session_numeral")
        if not isinstance(template, str):
            continue
        tail = re.split(r"\}\}|%\}", template)[-1].strip()
        words = tail.lstrip("ºªeᵉ.").strip()
        if not words:
            continue
        m = re.search(rf"\b(\d{{1,3}})\s*[^\s\d]{{0,3}}\s+{re.escape(words)}", text, re.I)
        if m:
            return int(m[1])
    return None


def parse_range(text: str, language: str) -> tuple[dt.date, dt.date] | None:
    """'14 March–1 April 2011', '23–27 June 2025', '15 December 2025–9 January 2026'."""
    months = _months(language)
    if not months:
        return None
    names = "|".join(re.escape(x) for x in months)
    de = r"(?:\s+de)?"
    m = re.search(
        rf"(\d{{1,2}})(?:{de}\s+({names}))?(?:{de}\s+(\d{{4}}))?\s*[–-]\s*"
        rf"(\d{{1,2}}){de}\s+({names}){de}\s+(\d{{4}})",
        text,
        re.IGNORECASE,
    )
    if not m:
        return None
    end_month = months.index(m[5].lower()) + 1
    start_month = months.index(m[2].lower()) + 1 if m[2] else end_month
    start_year = int(m[3]) if m[3] else int(m[6])
    try:
        return dt.date(start_year, start_month, int(m[1])), dt.date(int(m[6]), end_month, int(m[4]))
    except ValueError:
        return None


def _committee_in(text: str, language: str) -> str | None:
    for code in reference.committee_codes():
        names = reference.committee(code).name
        for lang in (language, "en"):
            name = names.get(lang)
            if name and name.lower() in text.lower():
                return code
    codes = Counter(re.findall(r"\b(" + "|".join(reference.committee_codes()) + r")\b", text))
    return codes.most_common(1)[0][0] if codes else None


def _state_in(text: str, language: str) -> str | None:
    counts: Counter[str] = Counter()
    for code in reference.country_codes():
        country = reference.country(code)
        if country is None:
            continue
        name = country.name(language)
        if len(name) < 4:
            continue
        n = len(re.findall(rf"\b{re.escape(name)}\b", text))
        if n:
            counts[code] = n
    return counts.most_common(1)[0][0] if counts else None


def _state_named(name: str, language: str) -> str | None:
    for code in reference.country_codes():
        country = reference.country(code)
        if country is not None and name.strip().lower() in (
            country.name(language).lower(),
            country.name("en").lower(),
        ):
            return code
    return None


# --- leads and asks ---------------------------------------------------------------------------


def lead_of(text: str, language: str) -> str | None:
    """'questions' or 'recommendations' when `text` is the line that opens such a list."""
    if len(text) > 160:
        return None  # a lead line is short; most paragraphs need no further look
    plain = dl.normal(_norm(text))
    for name in ("questions", "recommendations"):
        if plain in _lead_labels(language, name):
            return name
        m = _phrase_match(language, f"{name}_lead_in", _plain(text).rstrip(":"))
        if m:
            return name
    return None


_QUESTION_START = re.compile(
    r"^(?:¿|can|could|will|would|is|are|does|do|did|has|have|what|how|why|which|when|where|"
    r"who|please|kindly|provide|indicate|explain|describe|clarify|"
    r"veuillez|quel(?:le)?s?|comment|pourquoi|l[’']état|sírvanse|sírvase|qué|cómo|cuál(?:es)?)\b",
    re.IGNORECASE,
)


def is_question(text: str) -> bool:
    plain = _plain(text)
    return plain.rstrip().endswith("?") or bool(_QUESTION_START.match(plain))


def _ask_text(text: str) -> str:
    """An ask as written in a draft: the bold the UN layout gives recommendations removed."""
    t = text.strip()
    if t.startswith("**") and t.endswith("**") and t.count("**") == 2:
        return t[2:-2].strip()
    return t


def _articles(text: str) -> list[str]:
    """Article numbers a heading names: 'Article 7 on ...' -> ['7']; 'Articles 2 and 26' ->
    ['2', '26']; a trailing '(arts. 9 and 10)' -> ['9', '10']; ranges as the CRC's cluster
    headings write them, one reference each: '(arts. 5, 9–11 and 18 (1)–(2))' -> ['5', '9',
    '10', '11', '18 (1)', '18 (2)']."""
    m = ARTICLE_HEADING_RE.match(text)
    if m:
        rest = text[m.end() - 1 :]
        refs = re.match(r"\d+(?:\s*\(\d+\))?(?:\s*(?:,|and|et|y)\s*\d+(?:\s*\(\d+\))?)*", rest)
        if refs:
            return _expanded([r for r, _ in dl.split_articles(refs.group(), "en")])
    for lang in dl.phrase_languages():
        found = dl.trailing_articles(text, lang)
        if found:
            return _expanded([r for r, _ in dl.split_articles(found[1], lang)])
    return []


#: A range of articles ('13–17', '13-17') or of one article's paragraphs ('18 (1)–(2)').
_ARTICLE_RANGE = re.compile(r"^(\d+)\s*[–-]\s*(\d+)$")
_PARAGRAPH_RANGE = re.compile(r"^(\d+)\s*\((\d+)\)\s*[–-]\s*\((\d+)\)$")


def _expanded(refs: list[str]) -> list[str]:
    """Each range among `refs` as the references it stands for (a draft lists them one by
    one); other references as they are."""
    out: list[str] = []
    for ref in refs:
        articles, paragraphs = _ARTICLE_RANGE.match(ref), _PARAGRAPH_RANGE.match(ref)
        if articles and int(articles[1]) < int(articles[2]) <= int(articles[1]) + 100:
            out += [str(n) for n in range(int(articles[1]), int(articles[2]) + 1)]
        elif paragraphs and int(paragraphs[2]) < int(paragraphs[3]) <= int(paragraphs[2]) + 50:
            low, high = int(paragraphs[2]), int(paragraphs[3])
            out += [f"{paragraphs[1]} ({n})" for n in range(low, high + 1)]
        else:
            out.append(ref)
    return out


def crc_cluster(heading: str, language: str) -> str | None:
    """The CRC cluster whose title `heading` is ('General principles', 'B. General
    principles', 'Principes généraux'), from the reference data; None for any other text."""
    treaty = reference.treaty("CRC")
    plain = dl.normal(_norm(re.sub(r"^\s*(?:[IVX]{1,5}|[A-Z])\.\s+", "", heading)).rstrip(":"))
    for key in treaty.clusters:
        title = treaty.cluster_title(key, language) or ""
        if title and plain == dl.normal(_norm(title)):
            return key
    return None


# --- the classifier ---------------------------------------------------------------------------


class _Classifier:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.language = detect_language(doc)
        self.notes: list[Note] = []
        self.meta: dict[str, Any] = {}
        self.blocks = list(doc.blocks)
        self.footnote_ids: dict[str, str] = {}
        #: Footnote ids cited by the title (a Council statement's co-signers are one).
        self.title_block_notes: list[str] = []
        self.source_data: list[dict[str, Any]] = []
        #: Who delivers an oral statement, from a speaker line of the title block.
        self.speaker_line: dict[str, str] | None = None

    def note(self, path: tuple, message: str, where: str = "", edit: bool = False) -> None:
        self.notes.append(Note(path, message, where, edit))

    # --- title block ----------------------------------------------------------------------

    def _committee_named(self, text: str) -> tuple[str | None, str]:
        """The committee whose name `text` is, or opens ("Human Rights Committee, 144th
        session"), and what follows the name."""
        line = _norm(text).lower()
        # "Human Rights Committee (CCPR)": the name and its own code.
        coded = re.fullmatch(r"(.*?)\s*\(([a-z]{2,6})\)", line)
        if coded and coded[2].upper() in reference.committee_codes():
            line = coded[1]
        for c in reference.committee_codes():
            name = _norm(reference.committee(c).name.get(self.language, "")).lower()
            if name and line == name:
                return c, ""
            if name and line.startswith(name) and line[len(name) : len(name) + 1] in ",;–—-":
                return c, _norm(text)[len(name) + 1 :].strip(" ,;–—-")
        return None, ""

    def _meeting_of(self, text: str) -> str | None:
        for key in _phrases(self.language).get("meetings", {}):
            pattern = _phrase_pattern(self.language, "meetings", key)
            if pattern and pattern.match(_norm(text)):
                return key
        return None

    def _title_line(self, text: str) -> bool:
        """Whether `text` is a line of a title block the import recognises."""
        lang = self.language
        return bool(
            _phrase_prefix_match(lang, "contact_line", text) is not None
            or _phrase_prefix_match(lang, "delivered_by", text) is not None
            or _phrase_prefix_match(lang, "submitted_by", text) is not None
            or _phrase_match(lang, "state_line", text)
            or _phrase_match(lang, "stage_line", text)
            or _phrase_match(lang, "organisations_joint", text)
            or self._committee_named(text)[0]
            or _session(text)
            or self._meeting_of(text)
            or (parse_date(text, lang) and len(text) < 40)
        )

    def _speaker_line(self, text: str, following: Block | None) -> tuple[str, bool] | None:
        """A line naming who delivers the statement, as documents the kit did not make write
        it: one of the catalogue's `speaker_openings`, the speaker, a comma, the organisation,
        and maybe the submission it presents ("Oral Submission by Abdelaziz Muhamat, Global
        Detention Project, concerning the Joint Submission by the Global Detention Project and
        International Legal Initiative"). Sets `speaker_line` (name, organisation) and, from a
        "Joint submission by ..." part, the organisations; returns the whole line (with its
        second line when it runs on, unpunctuated, to a short one) and whether it ran on."""
        lang = self.language
        openings = _phrases(lang).get("speaker_openings") or []
        line = _norm(text)
        found = next(
            (
                o
                for o in sorted((str(o) for o in openings), key=len, reverse=True)
                if line.casefold().startswith(_norm(o).casefold())
            ),
            None,
        )
        if found is None:
            return None
        rest = line[len(_norm(found)) :].strip()
        name, comma, after = rest.partition(",")
        # A person's name, then the organisation: "Oral statement by Amnesty International on
        # Kazakhstan" (a title, no comma) is not a speaker line.
        if not comma or not name.strip() or len(name.split()) > 5 or not after.strip():
            return None
        shown, runs_on = _plain(text), False
        if following is not None and not line.rstrip().endswith(tuple(".;:!?")):
            more = _plain(following.text)
            if (
                len(more) < 120
                and not more.rstrip().endswith(tuple(".:!?"))
                and not self._title_line(more)
            ):
                shown, after, runs_on = f"{shown} {more}", f"{after} {_norm(more)}", True
        organisation = after.split(",", 1)[0].strip()
        self.speaker_line = {"name": name.strip(), "organisation": organisation}
        joint = _phrases(lang).get("organisations_joint")
        opening = _norm(joint.split("{", 1)[0]).strip() if isinstance(joint, str) else ""
        at = after.casefold().find(opening.casefold()) if opening else -1
        if at >= 0 and "organisations" not in self.meta:
            self.meta["organisations"] = _organisations(after[at + len(opening) :].strip(), lang)
        elif organisation and "organisations" not in self.meta:
            self.meta["organisations"] = [_name_and_acronym(organisation)]
        return shown, runs_on

    def title_block(self) -> None:
        lang = self.language
        meta = self.meta
        consumed = 0
        # A title typed as the first heading ("Suggested list of issues on Kazakhstan" in
        # Heading 1): a heading naming no article with title block lines under it.
        if len(self.blocks) > 2 and self.blocks[0].kind == "heading" and not self.doc.rejoined:
            first = _plain(self.blocks[0].text)
            under = [_plain(b.text) for b in self.blocks[1:3]]
            if not _articles(first) and (
                self._title_line(under[0]) or (len(under[0]) < 90 and self._title_line(under[1]))
            ):
                meta["title"] = first
                self.blocks = self.blocks[1:]
        # A document typed in Word's ordinary style has no title style: its first line, short
        # and without a full stop, followed by lines of a title block, is its title.
        plain_word = not self.doc.rejoined and all(
            b.kind != "heading" and b.style.lower() in ("", "normal", "body text")
            for b in self.blocks[:3]
        )
        continued = False
        for k, b in enumerate(self.blocks[:12]):
            if continued:
                # The second line of a speaker line, read with it.
                continued = False
                consumed += 1
                continue
            text = _plain(b.text)
            # A date alone on the first line of a text is a title block line, though short
            # enough to look like its title.
            dated = k == 0 and "date" not in meta and len(text) < 40 and parse_date(text, lang)
            if dated:
                meta["date"] = dated
                consumed += 1
                continue
            if b.kind == "heading" or "title" in b.style.lower():
                break
            following = self.blocks[k + 1] if k + 1 < len(self.blocks) else None
            short = len(text) < 90 and not text.rstrip().endswith(tuple(".;:!?,"))
            m_state = _phrase_match(lang, "state_line", text)
            m_stage = _phrase_match(lang, "stage_line", text)
            m_orig = _phrase_match(lang, "original", text)
            # Lines the kit prints since its title block drops "Original:": who delivers a
            # statement (the speaker comes from the properties) and the contact.
            delivered = _phrase_prefix_match(lang, "delivered_by", text)
            submitted = _phrase_prefix_match(lang, "submitted_by", text)
            contact = _phrase_prefix_match(lang, "contact_line", text)
            m_joint = _phrase_match(lang, "organisations_joint", text)
            committee, after_name = self._committee_named(text)
            meeting = self._meeting_of(text)
            if contact is not None:
                # First: "Contact: ..." has the shape of the State party line too.
                meta["contact"] = _contact(contact)
            elif delivered is not None:
                if plain_word and delivered:
                    self.delivered_by = delivered
            elif submitted is not None and plain_word and "organisations" not in meta:
                meta["organisations"] = _organisations(submitted, lang)
            elif m_state:
                code = _state_named(m_state.group("country"), lang)
                if code:
                    meta["state"] = code
            elif m_stage:
                stages = _phrases(lang).get("stages", {})
                found = [k for k, v in stages.items() if str(v).lower() == m_stage["stage"].lower()]
                if found:
                    meta["stage"] = found[0]
            elif m_orig:
                pass
            elif committee:
                meta["committee"] = committee
                if after_name and _session(after_name) and "session" not in meta:
                    meta["session"] = {"number": _session(after_name)}
            elif _session(text) and "session" not in meta:
                meta["session"] = {"number": _session(text)}
                dates = parse_range(text, lang)
                if dates:
                    meta["session"]["start"], meta["session"]["end"] = dates
            elif parse_date(text, lang) and "date" not in meta and len(text) < 40:
                meta["date"] = parse_date(text, lang)
            elif m_joint or (consumed == 0 and b.style.lower().startswith("masthead")):
                names = m_joint.group("names") if m_joint else text
                meta["organisations"] = _organisations(names, lang)
            elif b.style.lower().startswith("masthead"):
                pass
            elif (spoken := self._speaker_line(text, following)) is not None:
                line, continued = spoken
                if "title" not in meta:
                    meta["title"] = line
            elif meeting and (plain_word or self.doc.rejoined):
                # The meeting line ("Informal briefing on Kazakhstan") tells the kind; the
                # layout prints it again.
                self.meeting = meeting
            elif plain_word and short and consumed == 0 and "title" not in meta:
                meta["title"] = text
            elif (
                plain_word
                and short
                and "organisations" not in meta
                and following is not None
                and self._title_line(_plain(following.text))
            ):
                # An unrecognised short line inside the title block: the organisation.
                meta["organisations"] = [_name_and_acronym(text)]
            else:
                break
            consumed += 1
        self.blocks = self.blocks[consumed:]
        if "title" in meta:
            return
        for i, b in enumerate(self.blocks[:3]):
            if "title" in b.style.lower() or (b.kind == "heading" and b.level == 0):
                meta["title"] = _plain(b.text)
                del self.blocks[i]
                break

    def fill_metadata(self, kind: str) -> None:
        meta = self.meta
        # The title names the State as often as the text ("... on Kazakhstan").
        title = meta.get("title")
        text = " ".join([title if isinstance(title, str) else "", *(b.text for b in self.blocks)])
        props = self.doc.properties
        meta.setdefault("language", self.language)
        if "committee" not in meta:
            code = _committee_in(text, self.language)
            if code:
                meta["committee"] = code
                self.note(
                    ("metadata", "committee"),
                    f"the committee {code} was inferred from the text; check it",
                )
            else:
                self.note(("metadata",), "no committee was found: add 'committee:' (e.g. CCPR)")
        if "state" not in meta:
            code = _state_in(text, self.language)
            if code:
                meta["state"] = code
                self.note(
                    ("metadata", "state"),
                    f"the State {code} is the one the text names most; check it",
                )
            else:
                self.note(("metadata",), "no State was found: add 'state:' (e.g. KAZ)")
        if "session" not in meta:
            number = _session(text)
            if number:
                meta["session"] = {"number": number}
            else:
                self.note(("metadata",), "no session number was found: add 'session: {number: N}'")
        stages = {"list_of_issues": "list_of_issues", "follow_up": "follow_up"}
        if "stage" not in meta:
            if kind == "oral_statement":
                meta["stage"] = "constructive_dialogue"
            else:
                prior = "prior to reporting" in text.lower()
                meta["stage"] = "list_of_issues_prior_to_reporting" if prior else stages[kind]
            self.note(
                ("metadata", "stage"), f"the review stage '{meta['stage']}' is a guess; check it"
            )
        if "date" not in meta:
            # A date line below the title block ("7 July 2025"), else the file's creation date,
            # which is only when the file was made (a template's, a copy's): said so.
            line = next(
                (
                    (found, b)
                    for b in self.blocks[:15]
                    if len(_plain(b.text)) < 40
                    and (found := parse_date(_plain(b.text), self.language))
                ),
                None,
            )
            created = props.get("created", "")
            date = parse_date(created[:10], self.language) if created else None
            if line is not None:
                meta["date"] = line[0]
            elif date:
                meta["date"] = date
                self.note(
                    ("metadata", "date"),
                    f"no date was found in the text; {date.isoformat()} is the date the file "
                    "was created: write the date of the submission",
                )
            else:
                self.note(("metadata",), "the document carries no date: add 'date: YYYY-MM-DD'")
        if "title" not in meta:
            meta["title"] = props.get("title") or "TODO(title of the submission)"
            self.note(("metadata", "title"), "no title line was recognised; check the title")
        if "organisations" not in meta:
            org = _organisation_in(text)
            if org:
                meta["organisations"] = [org]
                self.note(
                    ("metadata", "organisations"),
                    f"the organisation '{org.get('acronym') or org['name']}' was taken from the "
                    "text; write its full name",
                )
            else:
                meta["organisations"] = [{"name": "TODO(name of your organisation)"}]
                self.note(("metadata", "organisations"), "no organisation was found")
        # The draft's metadata in the order of the model's fields, as `subkit new` writes it.
        self.meta = {k: meta[k] for k in Metadata.model_fields if k in meta}

    # --- kinds --------------------------------------------------------------------------

    def kind(self) -> str:
        if getattr(self, "meeting", None) or self.speaker_line:
            return "oral_statement"
        for b in self.blocks:
            if len(b.text) > 200:
                continue  # the lines that tell the kind are short
            text = _plain(b.text)
            for key in _phrases(self.language).get("meetings", {}):
                pattern = _phrase_pattern(self.language, "meetings", key)
                if pattern and pattern.match(_norm(text)):
                    self.meeting = key
                    return "oral_statement"
            if _phrase_match(self.language, "follow_up_recommendation", text) or (
                b.kind == "heading" and _follow_up_ref(text)
            ):
                return "follow_up"
        if self.doc.properties.get("description", "").startswith(_speaker_prefix(self.language)):
            return "oral_statement"
        return "list_of_issues"

    def sources(self, data: dict[str, Any]) -> None:
        """Footnotes in the order the text cites them, with ids the draft can use."""
        order: list[str] = []
        for b in self.doc.blocks:
            for fid in re.findall(r"\[\^([^\]]+)\]", b.text):
                if fid in self.doc.footnotes and fid not in order:
                    order.append(fid)
        for fid in self.doc.footnotes:
            if fid not in order:
                order.append(fid)
        sources = []
        for n, fid in enumerate(order, start=1):
            new = f"note-{n}"
            self.footnote_ids[fid] = new
            sources.append({"id": new, "text": self.doc.footnotes[fid]})
        if sources:
            data["sources"] = sources

    def cite_blocks(self) -> None:
        """Number the footnotes and cite them by their new ids in the blocks and the title."""
        data: dict[str, Any] = {}
        self.sources(data)
        self.source_data = data.get("sources", [])
        for b in self.blocks:
            b.text = self.cite(b.text)
        if isinstance(self.meta.get("title"), str):
            self.meta["title"] = self.cite(self.meta["title"])

    def cite(self, text: str) -> str:
        return re.sub(r"\[\^([^\]]+)\]", lambda m: f"[^{self.footnote_ids.get(m[1], m[1])}]", text)

    def run(self) -> Imported:
        from submission_kit.importing import reports

        special = reports.kind_of(self)
        if special is not None:
            body = getattr(reports, special)(self)
            out = {"kind": special, "metadata": self.meta, **body}
            if self.source_data:
                out["sources"] = self.source_data
            return Imported(out, self.notes)
        self.title_block()
        kind = self.kind()
        data: dict[str, Any] = {"kind": kind}
        self.sources(data)
        for b in self.blocks:
            b.text = self.cite(b.text)
        body = {
            "list_of_issues": self.list_of_issues,
            "oral_statement": self.oral_statement,
            "follow_up": self.follow_up,
        }[kind]()
        self.fill_metadata(kind)
        out = {"kind": kind, "metadata": self.meta, **body}
        if "sources" in data:
            out["sources"] = data["sources"]
        return Imported(out, self.notes)

    # --- list of issues ---------------------------------------------------------------------

    def _opening_heading(self, text: str) -> bool:
        """Whether `text` is a heading that opens a document before its issues: the language's
        "Executive summary" or "Introduction" (the phrases the report layouts print)."""
        plain = dl.normal(_norm(text).rstrip(":"))
        return any(
            isinstance(phrase, str) and plain == dl.normal(_norm(phrase))
            for phrase in (
                _phrases(self.language).get(k) for k in ("executive_summary", "upr_introduction")
            )
        )

    def list_of_issues(self) -> dict[str, Any]:
        intro: list[Any] = []
        issues: list[dict[str, Any]] = []
        heading_levels = sorted(
            {b.level for b in self.blocks if b.kind == "heading" and b.level > 0}
        )
        top = heading_levels[0] if heading_levels else 1
        group: str | None = None
        group_articles: list[str] = []
        pending_heading = False
        issue: dict[str, Any] | None = None
        mode: str | None = None
        last_para: tuple[list[Any], int] | None = None
        blocks = self.blocks

        def new_issue(title: str | None) -> dict[str, Any]:
            nonlocal pending_heading
            rec: dict[str, Any] = {}
            if pending_heading and group:
                rec["heading"] = group
            if title:
                rec["title"] = title
            own = _articles(title) if title else []
            if own and title:
                found = dl.trailing_articles(title, self.language)
                if found:
                    rec["title"] = found[0]
            if own or group_articles:
                rec["articles"] = own or list(group_articles)
            rec["paragraphs"] = []
            issues.append(rec)
            pending_heading = False
            return rec

        def path_of(rec: dict[str, Any] | None) -> tuple:
            return ("issues", issues.index(rec)) if rec is not None else ("introduction",)

        for i, b in enumerate(blocks):
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if b.kind == "heading":
                lead = lead_of(b.text, self.language)
                if lead:
                    mode = lead
                    last_para = None
                    continue
                mode, last_para = None, None
                text = _plain(b.text)
                if not issues and group is None and self._opening_heading(text):
                    # "Executive summary" before the first issue: a list of issues prints its
                    # opening paragraphs as the introduction, under no heading.
                    self.note(
                        ("introduction",),
                        f"the heading '{text}' was left out: the paragraphs under it are the "
                        "introduction, which a list of issues prints without a heading",
                        b.where,
                    )
                    continue
                if b.level <= top or ARTICLE_HEADING_RE.match(text):
                    group = text
                    group_articles = _articles(text)
                    pending_heading = True
                    issue = None
                    crc = self.meta.get("committee") == "CRC"
                    cluster = (
                        crc_cluster(text, self.language) if crc and not group_articles else None
                    )
                    if cluster:
                        # A CRC cluster heading names its articles by its title alone.
                        clusters = reference.treaty("CRC").clusters
                        group_articles = [str(a) for a in clusters[cluster]["articles"]]
                        self.note(
                            ("issues", len(issues), "articles"),
                            f"the heading '{text}' is the CRC cluster '{cluster}': its "
                            f"articles ({', '.join(group_articles)}) were taken from the "
                            "reference data; check them",
                            b.where,
                        )
                    elif not group_articles:
                        self.note(
                            ("issues", len(issues)),
                            f"the heading '{text}' names no article; add its articles",
                            b.where,
                        )
                else:
                    issue = new_issue(text.rstrip(":").strip())
                continue
            text = b.text
            lead = lead_of(text, self.language)
            if lead and len(text) < 80:
                mode, last_para = lead, None
                continue
            short_title = (
                b.kind == "item"
                and b.marker == "dash"
                and text.rstrip().endswith(":")
                and len(text.split()) <= 10
                and nxt is not None
                and nxt.kind == "para"
            )
            if short_title:
                issue = new_issue(text.rstrip().rstrip(":").strip())
                mode, last_para = None, None
                continue
            if b.kind == "item":
                # A numbered item at the top level is a paragraph of the UN layout, not a
                # subparagraph; bullets and letters under a paragraph ending with ':' are.
                belongs = last_para is not None and (
                    b.level > 0
                    or (b.marker != "number" and _ends_with_colon(last_para) and mode is None)
                )
                if belongs and last_para is not None:
                    holder, index = last_para
                    para = holder[index]
                    if isinstance(para, str):
                        para = {"text": para, "items": []}
                        if b.marker in ("bullet", "dash", "space"):
                            para["item_style"] = "bulleted"
                        holder[index] = para
                    para["items"].append(text)
                    continue
                field = mode
                if field is None and b.marker in ("space", "bullet", "dash") and is_question(text):
                    field = "questions"
                if (
                    field is None
                    and b.marker == "number"
                    and is_question(text)
                    and text.rstrip().endswith("?")
                ):
                    field = "questions"
                if field is not None:
                    if issue is None:
                        issue = new_issue(None)
                    issue.setdefault(field, []).append(_ask_text(text))
                    last_para = None
                    continue
                if b.marker != "number":
                    self.note(
                        (*path_of(issue), "paragraphs"),
                        "a list item that is neither a question nor a recommendation was kept "
                        f"as a paragraph: '{_plain(text)[:50]}'",
                        b.where,
                    )
            if (
                b.kind == "para"
                and issue is not None
                and _plain(text).endswith("?")
                and _QUESTION_START.match(_plain(text))
            ):
                # A question typed as a paragraph, its bullet lost on the way to this file.
                issue.setdefault("questions", []).append(_ask_text(text))
                last_para = None
                continue
            # Narrative.
            mode = None
            if issue is None and (group is not None or pending_heading):
                issue = new_issue(None)
            holder = issue["paragraphs"] if issue is not None else intro
            holder.append(text)
            last_para = (holder, len(holder) - 1)
        for rec in issues:
            if not rec["paragraphs"]:
                del rec["paragraphs"]
        out: dict[str, Any] = {}
        if intro:
            out["introduction"] = intro
        if not issues:
            self.note(("issues",), "no issue was recognised: the text is in the introduction")
            out["issues"] = [{"paragraphs": ["TODO(an issue)"]}]
        else:
            out["issues"] = issues
        return out

    # --- oral statement ---------------------------------------------------------------------

    def oral_statement(self) -> dict[str, Any]:
        meeting = getattr(self, "meeting", None)
        blocks = [b for b in self.blocks]
        paras_before: list[str] = []
        lead_in = ""
        items: list[Any] = []
        raw_items: list[str] = []
        conclusion: list[str] = []
        state = "body"
        in_conclusion = _phrases(self.language).get("in_conclusion", "")
        for b in blocks:
            text = b.text
            plain = _plain(text)
            if b.kind == "heading":
                if meeting:
                    continue  # the meeting line the layout prints
                self.note(
                    ("body",),
                    f"the heading '{plain}' was left out; an oral statement has none",
                    b.where,
                )
                continue
            if isinstance(in_conclusion, str) and plain.rstrip(":,. ") == in_conclusion:
                state = "conclusion"
                continue
            if state == "body" and b.kind == "item":
                if not lead_in and paras_before and paras_before[-1].rstrip().endswith(":"):
                    lead_in = paras_before.pop()
                items.append(_ask_text(text))
                raw_items.append(text)
                continue
            if state == "body" and items:
                state = "conclusion"
            (conclusion if state == "conclusion" else paras_before).append(text)
        out: dict[str, Any] = {}
        props = self.doc.properties
        speaker = _speaker(props.get("description", ""), self.language)
        delivered = getattr(self, "delivered_by", "")
        if not speaker and self.speaker_line:
            speaker = self.speaker_line
        if not speaker and delivered:
            name, _, org = delivered.partition(",")
            speaker = {"name": name.strip()}
            if org.strip():
                speaker["organisation"] = org.strip()
        out["speaker"] = speaker or {"name": "TODO(name of the speaker)"}
        if not speaker:
            self.note(("speaker",), "no speaker was found: write the speaker's name")
        if meeting:
            out["meeting"] = meeting
        limit = _time_allowed(props.get("description", ""), self.language)
        if limit:
            out["time_limit"] = limit
        else:
            self.note((), "no speaking time was found: add 'time_limit:' (e.g. 2 min)")
        opening = []
        if len(paras_before) > 1:
            opening = [paras_before.pop(0)]
            self.note(("opening",), "the first paragraph was taken as the opening; check it")
        if opening:
            out["opening"] = opening
        out["body"] = paras_before or ["TODO(the body of the statement)"]
        # The UN layout prints recommendations to the State in bold, asks to the Committee not.
        addressee = "state" if items and all(_is_bold(t) for t in raw_items) else "committee"
        out["asks"] = {
            "lead_in": lead_in or "TODO(the sentence that introduces the asks)",
            "addressee": addressee,
            "items": items or ["TODO(an ask)"],
        }
        if not items:
            self.note(("asks",), "no numbered asks were found")
        if conclusion:
            out["conclusion"] = conclusion
        return out

    # --- follow-up ----------------------------------------------------------------------------

    def follow_up(self) -> dict[str, Any]:
        intro: list[str] = []
        items: list[dict[str, Any]] = []
        cur: dict[str, Any] | None = None
        mode: str | None = None
        symbol = ""
        grades = _phrases(self.language).get("grades", {})
        for b in self.blocks:
            plain = _plain(b.text)
            m_rec = _phrase_match(self.language, "follow_up_recommendation", plain)
            m_grade = _phrase_match(self.language, "follow_up_grade", plain)
            if b.kind == "heading" and lead_of(b.text, self.language):
                mode = lead_of(b.text, self.language)
                continue
            if m_rec and cur is not None:
                symbol = m_rec["symbol"]
                cur["recommendation"] = f"{m_rec['symbol']}, para. {m_rec['paragraph']}"
                continue
            if m_grade and cur is not None and m_grade["grade"] in grades:
                cur["grade"] = m_grade["grade"]
                continue
            if b.kind == "heading":
                cur = {"recommendation": "", "title": plain, "paragraphs": []}
                items.append(cur)
                mode = None
                continue
            if cur is None:
                intro.append(b.text)
            elif b.style.lower() == "quote" and "summary" not in cur:
                cur["summary"] = b.text
            elif b.kind == "item" and mode:
                cur.setdefault(mode, []).append(_ask_text(b.text))
            else:
                cur["paragraphs"].append(b.text)
        for n, it in enumerate(items):
            if not it["recommendation"]:
                it["recommendation"] = "TODO(CCPR/C/XXX/CO/N), para. 1"
                self.note(
                    ("items", n, "recommendation"), "the recommendation followed up was not found"
                )
        out: dict[str, Any] = {}
        title_symbol = re.search(r"[A-Z]+/C/[A-Z]{3}/CO/\d+", self.meta.get("title", "")) or (
            re.match(r".+", symbol) if symbol else None
        )
        out["concluding_observations"] = title_symbol.group() if title_symbol else "TODO"
        if intro:
            out["introduction"] = intro
        out["items"] = items
        return out


def _is_bold(text: str) -> bool:
    t = text.strip()
    return t.startswith("**") and t.endswith("**") and t.count("**") == 2


def _ends_with_colon(last: tuple[list[Any], int]) -> bool:
    holder, index = last
    para = holder[index]
    text = para if isinstance(para, str) else para.get("text", "")
    return _plain(text).rstrip().endswith(":") or isinstance(para, dict)


def _follow_up_ref(text: str) -> bool:
    return bool(re.search(r"/CO/\d+,\s*para", text))


def _speaker_prefix(language: str) -> str:
    template = _phrases(language).get("speaker_note", "")
    return template.split("{{", 1)[0].strip() if isinstance(template, str) else "Speaker:"


def _speaker(description: str, language: str) -> dict[str, str] | None:
    prefix = _speaker_prefix(language)
    if not prefix or not description.startswith(prefix):
        return None
    rest = description[len(prefix) :].split(".", 1)[0].strip()
    name, _, org = rest.partition(",")
    out = {"name": name.strip()}
    if org.strip():
        out["organisation"] = org.strip()
    return out if out["name"] else None


def _time_allowed(description: str, language: str) -> str | None:
    """The time allowed, from the speaker note the kit writes into a DOCX's properties: the
    words before '{{ limit }}' in the catalogue's speaker_note, then the duration."""
    template = _phrases(language).get("speaker_note", "")
    if not isinstance(template, str) or "{{ limit }}" not in template:
        return None
    before = re.split(r"\}\}|%\}|;|\)", template.split("{{ limit }}")[0])[-1].strip()
    m = re.search(rf"{re.escape(before)}\s+((?:\d+\s*min)?(?:\s*\d+\s*s)?)", description)
    return m.group(1).strip() if m and m.group(1).strip() else None


def _phrase_prefix_match(language: str, key: str, text: str) -> str | None:
    """What follows the fixed words of phrase `key` ("Delivered by ", "Contact: ") in `text`,
    or None when `text` does not open with them."""
    template = _phrases(language).get(key)
    if not isinstance(template, str):
        return None
    prefix = _norm(template.split("{", 1)[0])
    line = _norm(text)
    return line[len(prefix) :].strip() if prefix.strip() and line.startswith(prefix) else None


_NAME_AND_ACRONYM = re.compile(r"^(?P<name>.*?\S)\s*\((?P<acronym>[^()]{1,20})\)$")


def _name_and_acronym(label: str) -> dict[str, str]:
    """ "Global Detention Project (GDP)" → name and acronym, as the title block prints them."""
    m = _NAME_AND_ACRONYM.match(label.strip())
    if m:
        return {"name": m["name"], "acronym": m["acronym"]}
    return {"name": label.strip()}


def _contact(rest: str) -> dict[str, str]:
    """The contact line's "name, organisation, e-mail" (organisation and e-mail optional)."""
    parts = [p.strip() for p in rest.split(",") if p.strip()]
    out: dict[str, str] = {"name": parts[0] if parts else "TODO(contact person)"}
    if len(parts) > 1 and "@" in parts[-1]:
        out["email"] = parts.pop()
    if len(parts) > 1:
        out["organisation"] = _name_and_acronym(", ".join(parts[1:]))["name"]
    return out


def split_names(names: str, language: str) -> list[str]:
    """'A, B and C' -> the names, as `join_list` printed them: commas, then the language's
    word for "and" (its catalogue's `list_and`). An "&" is part of a name."""
    template = _phrases(language).get("list_and", "")
    joiner = "and"
    m = re.search(r"\}\}\s*(.*?)\s*\{\{", template) if isinstance(template, str) else None
    if m and m.group(1):
        joiner = m.group(1)
    return [n.strip() for n in re.split(rf",\s*|\s+{re.escape(joiner)}\s+", names) if n.strip()]


_ENGLISH_ARTICLE = "the"


def with_article(org: dict[str, Any], language: str) -> dict[str, Any]:
    """An organisation as the title block printed it after a preposition or with its article
    ("du Bureau ...", "de la Fédération ...") -> its name and `article` (le, la): the article
    is data, so that a render prints it again."""
    article, name = reference.name_after_preposition(org["name"], language)
    if not article and name.startswith(f"{_ENGLISH_ARTICLE} ") and language == "en":
        # "Joint submission by the Global Detention Project": running text's article, in
        # lower case (a name that opens with one, "The Carter Center", keeps its capital).
        article, name = _ENGLISH_ARTICLE, name[len(_ENGLISH_ARTICLE) :].strip()
    out = {**org, "name": name}
    if article:
        out["article"] = article
    return out


def _organisations(names: str, language: str) -> list[dict[str, str]]:
    out = [with_article(_name_and_acronym(part), language) for part in split_names(names, language)]
    out = [org for org in out if org["name"].strip()]
    for n, org in enumerate(out):
        if n:
            org["role"] = "co-submitter"
    return out


def _organisation_in(text: str) -> dict[str, str] | None:
    m = re.search(
        r"\b([A-Z][A-Za-z&]{1,9})\s+(?:would like|wishes|submits|presents|welcomes)\b", text
    )
    if not m:
        return None
    acronym = m.group(1)
    full = re.search(rf"([A-Z][\w’' -]{{5,80}}?)\s*\({re.escape(acronym)}\)", text)
    if full:
        return {"name": full.group(1).strip(), "acronym": acronym}
    return {"name": acronym, "acronym": acronym}


def classify(doc: Document) -> Imported:
    imported = _Classifier(doc).run()
    for where, what, text in doc.changed:
        imported.notes.append(Note(_path_of_text(imported.data, text), what, where))
    return imported


def _path_of_text(data: Any, text: str, path: tuple = ()) -> tuple:
    """The path of the first piece of the draft's body that holds `text`; () when none does
    (the note then stands at the top of the draft)."""
    if not text:
        return ()
    if isinstance(data, str):
        return path if text in data else ()
    items = (
        [(k, v) for k, v in data.items() if k != "metadata"]
        if isinstance(data, dict)
        else list(enumerate(data))
        if isinstance(data, list)
        else []
    )
    for key, value in items:
        found = _path_of_text(value, text, (*path, key))
        if found:
            return found
    return ()
