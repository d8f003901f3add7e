"""The Markdown dialect of drafts: which body fields a kind has, and the words that mark them.

A kind's body is read off its pydantic model, so a new kind needs no code here: lists of
paragraphs are prose sections, lists of asks are numbered lists under a lead line, a model
holding a list of asks (an oral statement's `asks`) is a section with a lead-in, and a list
of models with a `heading` or `title` is a run of headed records (issues, follow-up items).
The section headings and lead lines per language come from the phrase catalogues
(`markdown:` in templates/phrases/LANG.yaml); a field's own name is understood in every
language. Shared by the Markdown reader and writer; imports neither Jinja2 nor python-docx.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import BaseModel

# One walk into annotations for the reader and for the wording of validation errors.
from submission_kit.load.located import model_in as model_in

#: Fields of a record whose text is its heading, outermost first ('## heading', '### title').
HEADING_FIELDS = ("heading", "title")


def is_list(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return is_list(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return any(is_list(a) for a in typing.get_args(annotation))
    return origin is list


def _is_ask(model: type[BaseModel] | None) -> bool:
    from submission_kit.model.common import Ask

    return model is not None and issubclass(model, Ask)


def _is_paragraph(model: type[BaseModel] | None) -> bool:
    from submission_kit.model.common import Paragraph

    return model is not None and issubclass(model, Paragraph)


@dataclass(frozen=True)
class RecordPlan:
    """How one headed record (an issue, a follow-up item) is laid out in Markdown."""

    model: type[BaseModel]
    headings: tuple[str, ...]  # its heading fields, outermost first
    prose: str | None  # its list of paragraphs
    asks: tuple[str, ...]  # its lists of asks, each under a lead line
    attributes: tuple[str, ...]  # every other field: an attribute of its heading
    #: Its list of records one heading level down (a chapter's sections), as (field, plan).
    children: tuple[str, RecordPlan] | None = None
    #: Its list of boxes (a section's case boxes), each a block quote, as (field, plan).
    boxes: tuple[str, RecordPlan] | None = None

    @property
    def levels(self) -> int:
        """How many heading levels its records take, its children's included."""
        return len(self.headings) + (self.children[1].levels if self.children else 0)


@dataclass(frozen=True)
class Section:
    """One body field of a kind, marked in Markdown by a level-1 heading."""

    name: str
    shape: str  # "prose", "asks", "ask_list" or "records"
    model: type[BaseModel] | None = None
    record: RecordPlan | None = None
    attributes: tuple[str, ...] = ()  # of an ask list: every field but its lead-in and items
    required: bool = False
    #: Of a list of asks: the kind's field for the sentence before it (a Council statement's
    #: `lead_in`), written as a paragraph under the section's heading.
    lead_in: str | None = None


@dataclass(frozen=True)
class BodyPlan:
    sections: tuple[Section, ...] = field(default_factory=tuple)

    def section(self, name: str) -> Section | None:
        return next((s for s in self.sections if s.name == name), None)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.sections)

    def default_prose(self) -> Section | None:
        """Where paragraphs before any section heading go: the first required prose field,
        else the first prose field."""
        prose = [s for s in self.sections if s.shape == "prose"]
        return next((s for s in prose if s.required), prose[0] if prose else None)

    def records(self) -> Section | None:
        found = [s for s in self.sections if s.shape == "records"]
        return found[0] if len(found) == 1 else None

    def chapters(self) -> Section | None:
        """The run of records that hold records of their own (an alternative report's
        chapters): each opens with a level-1 heading, its records with level-2 ones."""
        return next((s for s in self.sections if s.record is not None and s.record.children), None)


def _is_box(plan: RecordPlan) -> bool:
    """A record of a heading and paragraphs only (a case box), when it sits inside a record."""
    return (
        len(plan.headings) == 1
        and plan.prose is not None
        and not plan.asks
        and not plan.attributes
        and plan.children is None
        and plan.boxes is None
    )


def _record_plan(model: type[BaseModel], nested: bool = False) -> RecordPlan | None:
    headings = tuple(h for h in HEADING_FIELDS if h in model.model_fields)
    if not headings:
        return None
    prose: str | None = None
    asks: list[str] = []
    attributes: list[str] = []
    children: tuple[str, RecordPlan] | None = None
    boxes: tuple[str, RecordPlan] | None = None
    for name, info in model.model_fields.items():
        if name in headings:
            continue
        inner = model_in(info.annotation)
        sub = _record_plan(inner, nested=True) if is_list(info.annotation) and inner else None
        if is_list(info.annotation) and _is_paragraph(inner) and prose is None:
            prose = name
        elif is_list(info.annotation) and _is_ask(inner):
            asks.append(name)
        elif sub is not None and nested and boxes is None and _is_box(sub):
            boxes = (name, sub)
        elif sub is not None and not nested and children is None:
            children = (name, sub)
        else:
            attributes.append(info.alias or name)
    return RecordPlan(model, headings, prose, tuple(asks), tuple(attributes), children, boxes)


def _is_text(annotation: Any) -> bool:
    """str, or str | None."""
    if annotation is str:
        return True
    args = typing.get_args(annotation)
    return typing.get_origin(annotation) in (typing.Union, types.UnionType) and str in args


@cache
def body_plan(model: type[BaseModel]) -> BodyPlan:
    """The body fields of a kind, in the order of its model; the rest go in the front matter."""
    sections: list[Section] = []
    for name, info in model.model_fields.items():
        if name in ("kind", "metadata", "sources"):
            continue
        inner = model_in(info.annotation)
        required = info.is_required()
        if is_list(info.annotation) and _is_paragraph(inner):
            sections.append(Section(name, "prose", inner, required=required))
        elif is_list(info.annotation) and _is_ask(inner):
            lead = model.model_fields.get("lead_in")
            lead_in = "lead_in" if lead is not None and _is_text(lead.annotation) else None
            sections.append(Section(name, "asks", inner, required=required, lead_in=lead_in))
        elif inner is not None and not is_list(info.annotation):
            items = inner.model_fields.get("items")
            if items is not None and _is_ask(model_in(items.annotation)):
                attrs = tuple(
                    (i.alias or n) for n, i in inner.model_fields.items() if n not in ("items",)
                )
                sections.append(
                    Section(name, "ask_list", inner, attributes=attrs, required=required)
                )
        elif is_list(info.annotation) and inner is not None:
            plan = _record_plan(inner)
            if plan is not None:
                sections.append(Section(name, "records", inner, record=plan, required=required))
    return BodyPlan(tuple(sections))


def ask_attributes() -> tuple[str, ...]:
    """Attributes an ask item may carry: every field of Ask but its text."""
    from submission_kit.model.common import Ask

    return tuple((i.alias or n) for n, i in Ask.model_fields.items() if n != "text")


def lead_in_field(section: Section) -> str | None:
    """The field of an ask list that holds the sentence before its items (`lead_in`)."""
    if section.model is None:
        return None
    for name, info in section.model.model_fields.items():
        if name != "items" and info.annotation is str:
            return name
    return None


# --- words per language -------------------------------------------------------------------


@cache
def phrase_languages() -> tuple[str, ...]:
    """The languages of the phrase catalogues (templates/phrases/*.yaml)."""
    from submission_kit.reference.folders import templates_dir

    return tuple(sorted(p.stem for p in (templates_dir() / "phrases").glob("*.yaml")))


@cache
def _catalogue(language: str) -> dict:
    import yaml

    from submission_kit.reference.folders import phrases_file

    path = phrases_file(language)
    if not path.is_file():
        return {}
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_loader())
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _loader() -> type:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def field_label(name: str) -> str:
    """A field's own name as a heading or lead line: `time_limit` -> 'Time limit'."""
    return name.replace("_", " ").capitalize()


def section_labels(language: str, name: str) -> list[str]:
    """Headings that open the body field `name` in `language`, preferred first; the field's own
    name last, understood in every language."""
    sections = _catalogue(language).get("markdown", {}).get("sections", {})
    labels = _as_list(sections.get(name)) if isinstance(sections, dict) else []
    return [*labels, field_label(name)]


def lead_lines(language: str, name: str) -> list[str]:
    """Lead lines that open the list of asks `name` in `language`, preferred first; the field's
    own name last."""
    leads = _catalogue(language).get("markdown", {}).get("lead_lines", {})
    labels = _as_list(leads.get(name)) if isinstance(leads, dict) else []
    return [*labels, field_label(name)]


def normal(label: str) -> str:
    """A heading or lead line as compared: markup, a final colon and case set aside."""
    text = re.sub(r"[*_]", "", label).strip()
    text = text.rstrip(" :\u00a0\u202f").strip()
    return re.sub(r"\s+", " ", text).casefold()


@cache
def article_words(language: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Abbreviations of "article(s)" and the words that join the last two items of a list, in
    `language`, from its phrase catalogue (`article_single`, `article_plural`, `list_and`)."""
    cat = _catalogue(language)
    abbreviations = {"art.", "arts.", "art", "arts", "article", "articles"}
    for key in ("article_single", "article_plural"):
        if isinstance(cat.get(key), str):
            abbreviations.add(cat[key].strip())
    joiners = {"and", "&"}
    list_and = cat.get("list_and")
    if isinstance(list_and, str):
        m = re.search(r"\}\}\s*(.*?)\s*\{\{", list_and)
        if m and m.group(1):
            joiners.add(m.group(1).strip())
    return tuple(sorted(abbreviations, key=len, reverse=True)), tuple(sorted(joiners))


def split_articles(value: str, language: str, ampersand: bool = True) -> list[tuple[str, int]]:
    """'7, 9 (4) and 10' -> [('7', 0), ('9 (4)', 3), ('10', 13)]: each reference with its offset.
    `ampersand`: '&' joins the last two as 'and' does (article numbers: '7 & 10')."""
    _, joiners = article_words(language)
    if not ampersand:
        joiners = tuple(j for j in joiners if j != "&")
    pattern = r",|;|" + "|".join(rf"\s{re.escape(j)}\s" for j in joiners)
    out: list[tuple[str, int]] = []
    pos = 0
    for m in [*re.finditer(pattern, value), None]:
        end = m.start() if m else len(value)
        piece = value[pos:end]
        stripped = piece.strip()
        if stripped:
            out.append((stripped, pos + piece.index(stripped)))
        if m:
            pos = m.end()
    return out


def split_list(value: str, language: str) -> list[tuple[str, int]]:
    """The items of a list attribute with their offsets: separated by semicolons when it has
    any ('139.12 (Norway), supported; 139.15 (Brazil), noted'), else as articles are."""
    if ";" not in value:
        # '&' stays inside an item ("Women & girls"): only article numbers take it as 'and'.
        return split_articles(value, language, ampersand=False)
    out: list[tuple[str, int]] = []
    pos = 0
    for piece in value.split(";"):
        stripped = piece.strip()
        if stripped:
            out.append((stripped, pos + piece.index(stripped)))
        pos += len(piece) + 1
    return out


def trailing_articles(text: str, language: str) -> tuple[str, str, int] | None:
    """A heading's trailing article reference: 'On refoulement (arts. 7 and 9 (4))' ->
    ('On refoulement', '7 and 9 (4)', offset of '7'). None when there is none."""
    abbreviations, _ = article_words(language)
    abbr = "|".join(re.escape(a) for a in abbreviations)
    # A colon or full stop typed after the reference ('(art. 24):') is set aside with it.
    m = re.search(
        rf"\s*\((?:{abbr})\s*(?P<refs>\d[^()]*(?:\([^()]*\)[^()]*)*)\)\s*[:.]?\s*$",
        text,
        re.IGNORECASE,
    )
    if not m:
        return None
    return text[: m.start()].rstrip(), m["refs"].strip(), m.start("refs")


def names_articles(text: str, language: str) -> re.Match[str] | None:
    """Where a heading names an article in a form that is not a trailing reference
    ('Article 24: children', 'Torture, art. 7'), so that the reader can say it did not read it."""
    abbreviations, _ = article_words(language)
    abbr = "|".join(re.escape(a) for a in abbreviations)
    return re.search(rf"(?<!\w)(?:{abbr})(?!\w)\s*\d+", text, re.IGNORECASE)
