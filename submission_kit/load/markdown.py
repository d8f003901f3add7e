"""Read a Markdown draft into the same plain data and positions as a YAML draft.

The front matter (between `---` lines) is YAML and holds the metadata and every field that
is not prose; the body is CommonMark, parsed by markdown-it-py with the front matter and
footnote plugins of mdit-py-plugins, and mapped onto the kind's fields by `dialect`:
level-1 headings open sections, `##`/`###` headings open records (issues, follow-up items)
with their fields as a trailing `{key="value"}` attribute, paragraphs are narrative, a list
under a lead line holds asks, a list under a paragraph its subparagraphs, and `[^id]: ...`
definitions are the sources. Text is kept as written (inline `*`, `**` and `[^id]`
included), so everything after this module is shared with YAML drafts.
See docs/markdown.md.
"""

from __future__ import annotations

import re
from functools import cache
from types import SimpleNamespace
from typing import Any

from submission_kit.diagnostics import Diagnostic, Position, Severity
from submission_kit.load import _CONTROL, LoadedDraft, PathKey, load_text
from submission_kit.load import dialect as dl

#: Finding codes of the Markdown reader (the YAML loader's are SK000-SK011).
FRONT_MATTER = "SK030"  # missing, unclosed or malformed front matter
ATTRIBUTE = "SK031"  # an attribute that is unknown or cannot be read
LEAD_LINE = "SK032"  # a list with no recognised lead line or paragraph above it
NO_PLACE = "SK033"  # Markdown that has no place in a draft (code block, quote, deep list ...)
SECTION = "SK034"  # a level-1 heading that names no section of the kind
HEADING_ARTICLES = "SK036"  # a heading names articles in a form that is not read as data
INLINE = "SK037"  # inline Markdown a draft does not hold (a link, `code`, _x_): printed as typed

MARKDOWN_SUFFIXES = (".md", ".markdown")

_ATTRS_RE = re.compile(r"\s*(\{[^{}\n]*\})\s*$")
#: Escapes that read as the character; `\*`, `\[` and `\]` are kept, for the draft's inline
#: markup reads them as a literal '*', '[' and ']' (model.inline), as in YAML drafts.
_ESCAPE_RE = re.compile(r"\\([!\"#$%&'()+,\-./:;<=>?@\\^_`{|}~])")
_BOLD_LEAD_RE = re.compile(r"^\s*(\*\*|__)(?P<label>[^*_]+?)\1\s*$")
#: The bold title line of a case box: '**The case of A.**' (no other bold run inside).
_BOLD_TITLE_RE = re.compile(r"^\*\*(?P<title>(?:(?!\*\*).)+)\*\*$", re.DOTALL)
#: Inline Markdown that a draft's text does not hold (it keeps *x*, **x** and [^id] only):
#: each is printed as typed, so the reader says how to write it.
_INLINE_MARKUP: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (
        re.compile(r"(?<!\\)\[(?!\^)[^\]\n]+\]\([^)\s]+\)"),
        "a link",
        "a draft holds no links: name the page in the text and cite it in a footnote, "
        "'our report[^r]' with '[^r]: Title of the report, https://...' at the end of the file",
    ),
    (
        re.compile(r"(?<!\\)<(?:https?://|mailto:|www\.)[^>\s]+>"),
        "an address in angle brackets",
        "write the address without '<' and '>', best in a footnote: '[^r]: Title, https://...'",
    ),
    (
        re.compile(r"(?<![\w\\])__(?=\S)[^_\n]+?(?<=\S)__(?!\w)"),
        "bold written with '__'",
        "write bold as **text**",
    ),
    (
        re.compile(r"(?<![\w\\_])_(?=[^\s_])[^_\n]+?(?<=[^\s_])_(?![\w_])"),
        "italic written with '_'",
        "write italic as *text*",
    ),
    (
        re.compile(r"(?<![\\`])`[^`\n]+`"),
        "code in backticks",
        "a draft holds no code: write the words without backticks, in “quotation marks” if "
        "they are a name",
    ),
)
#: A paragraph that opens like a footnote definition but has no colon: '[^dv] Law of 2020'.
_DEFINITION_NO_COLON_RE = re.compile(r"^\[\^(?P<id>[^\]\s]+)\](?!:)\s*(?P<text>\S.*)$", re.DOTALL)
#: A line that opens with a list marker CommonMark does not read as one: a bullet glyph
#: pasted from a word processor ('•'), a letter or roman numeral ('a.', 'b)', '(iv)').
_GLYPH = r"[\u2022\u00b7\u25aa\u25e6\u2023\u25cf\u25cb\u25a0\u25a1\u27a2\u25ba\u2013\u2014]"
_LIST_LIKE_RE = re.compile(
    rf"^(?P<marker>{_GLYPH}|\((?:[a-zA-Z]|[ivxlc]+|\d+)\)|[a-zA-Z][.)]|[ivxlc]+[.)])\s+\S"
)


@cache
def _parser() -> Any:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark").use(front_matter_plugin).use(footnote_plugin)
    # Definitions stay where they are written (footnote_tail would move them, losing their
    # lines and a second definition of the same id); inline text is kept as written.
    md.disable(["footnote_tail", "inline", "text_join"])
    return md


def unescape(text: str) -> str:
    """Backslash escapes of ASCII punctuation read as the character (CommonMark's rule), but
    for `\\*`, `\\[` and `\\]`, which the draft's own inline markup reads."""
    return _ESCAPE_RE.sub(r"\1", text)


def join_lines(content: str) -> str:
    """A paragraph's lines as one text: line breaks read as spaces, as in a folded YAML string."""
    lines = [ln.strip() for ln in content.split("\n")]
    text = " ".join(ln.removesuffix("\\").rstrip() if ln.endswith("\\") else ln for ln in lines)
    return unescape(text.strip())


def parse_attributes(text: str) -> tuple[dict[str, str], str] | None:
    """The attributes of `{#id key="value"}` (`#id` is `id`), or None when it cannot be read."""
    from mdit_py_plugins.attrs.parse import ParseError, parse

    try:
        _, attrs = parse(text)
    except ParseError:
        return None
    out = {str(k): str(v) for k, v in attrs.items()}
    if "class" in out:
        return None
    return out, text


class _Reader:
    def __init__(self, draft: LoadedDraft) -> None:
        self.d = draft
        self.lines = draft.text.split("\n")
        self.data: dict[str, Any] = {}
        self.language = "en"
        self.body_keys: dict[str, Position] = {}

    # --- positions and findings ---------------------------------------------------------

    def pos(self, line0: int, needle: str = "") -> Position:
        """1-based position of `needle` on 0-based source line `line0` (its first non-blank)."""
        src = self.lines[line0] if 0 <= line0 < len(self.lines) else ""
        col = src.find(needle) if needle else -1
        if col < 0:
            col = len(src) - len(src.lstrip())
        return Position(line0 + 1, col + 1)

    def error(
        self,
        where: Position,
        code: str,
        message: str,
        hint: str = "",
        severity: Severity = Severity.ERROR,
    ) -> None:
        self.d.diagnostics.append(
            Diagnostic(self.d.file, where.line, where.column, code, severity, message, hint)
        )

    def put(self, path: PathKey, where: Position, key: bool = False) -> None:
        self.d.values[path] = where
        if key:
            self.d.keys[path] = where

    # --- front matter -------------------------------------------------------------------

    def front_matter(self, tokens: list[Any]) -> int:
        """Read the front matter into self.data; returns the index of the first body token."""
        first = self.lines[0].rstrip() if self.lines else ""
        if not tokens or tokens[0].type != "front_matter":
            if first == "---":
                self.error(
                    Position(1, 1),
                    FRONT_MATTER,
                    "the front matter is not closed",
                    "end the metadata block with a line holding only '---'",
                )
            else:
                self.error(
                    Position(1, 1),
                    FRONT_MATTER,
                    "a Markdown draft starts with its front matter",
                    "begin the file with '---', then lines such as 'kind: list_of_issues' and "
                    "'metadata:', then '---'; `subkit convert DRAFT.yaml -o DRAFT.md` writes one",
                )
            return len(tokens)
        tok = tokens[0]
        start, end = tok.map
        closing = self.lines[end - 1].rstrip() if end - 1 < len(self.lines) else ""
        if end - 1 == start or closing not in ("---", "..."):
            self.error(
                Position(start + 1, 1),
                FRONT_MATTER,
                "the front matter is not closed",
                "end the metadata block with a line holding only '---'",
            )
            return len(tokens)
        # A name that is not *.md, so that load_text reads it as YAML.
        inner = load_text(tok.content, self.d.file + ":front-matter")
        shift = start + 1
        for d in inner.diagnostics:
            d.file = self.d.file
            if d.code == "SK006":
                d.message = "the front matter is empty"
                d.hint = "write 'kind:' and 'metadata:' between the '---' lines"
            d.line += shift
            self.d.diagnostics.append(d)
        for table_in, table_out in ((inner.values, self.d.values), (inner.keys, self.d.keys)):
            for path, p in table_in.items():
                table_out[path] = Position(p.line + shift, p.column)
        # The front matter is YAML: its unquoted values are checked as a YAML draft's are
        # (SK013, curly quotes that YAML does not read as quotes).
        self.d.plain |= inner.plain
        if isinstance(inner.data, dict):
            self.data = inner.data
            meta = inner.data.get("metadata")
            if isinstance(meta, dict) and isinstance(meta.get("language"), str):
                self.language = meta["language"]
        elif inner.data is None:
            return len(tokens)  # the YAML's own errors say what is wrong
        else:
            self.error(
                Position(shift + 1, 1),
                FRONT_MATTER,
                "the front matter must hold fields such as 'kind:' and 'metadata:'",
                "write one 'name: value' per line between the '---' lines",
            )
        return 1

    # --- body ---------------------------------------------------------------------------

    def body(self, tokens: list[Any], start: int) -> None:
        from submission_kit.model import kind_model

        kind = self.data.get("kind")
        model = kind_model(kind) if isinstance(kind, str) else None
        plan = dl.body_plan(model) if model is not None else None
        body: dict[str, Any] = {}
        sources: list[dict[str, Any]] = []
        _Body(self, plan, body, sources).run(tokens, start)
        if plan is None:
            # With no kind the body is not read, nor its citations: its footnotes are left
            # out too, or each would be reported as never cited (the kind's finding is enough).
            sources = []
        for name, value in body.items():
            if name in self.data:
                where = self.d.keys.get((name,), Position(1, 1))
                self.error(
                    self.body_keys.get(name, Position(1, 1)),
                    "SK002",
                    f"'{name}' is given both in the front matter and in the body",
                    f"keep one of the two; the front matter sets it at line {where.line}",
                )
                continue
            self.data[name] = value
        if sources:
            if "sources" in self.data:
                self.error(
                    self.d.values[("sources", 0)],
                    "SK002",
                    "footnotes are given both in the front matter ('sources:') and in the body",
                    "keep the '[^id]: text' definitions and remove 'sources:' from the front matter",
                )
            else:
                self.data["sources"] = sources


class _Body:
    """Walks the top-level blocks of the body and fills the kind's fields."""

    def __init__(
        self,
        reader: _Reader,
        plan: dl.BodyPlan | None,
        body: dict[str, Any],
        sources: list[dict[str, Any]],
    ) -> None:
        self.r = reader
        self.plan = plan
        self.body = body
        self.sources = sources
        self.section: dl.Section | None = None
        self.record: dict[str, Any] | None = None
        self.record_path: PathKey = ()
        self.record_has_content = False
        self.rplan: dl.RecordPlan | None = None  # the plan of self.record
        # An alternative report's chapter: a record whose records open with '##'.
        self.chapter: dict[str, Any] | None = None
        self.chapter_path: PathKey = ()
        self.box: tuple[dict[str, Any], PathKey] | None = None  # the case box being read
        self.lead: tuple[PathKey, str] | None = None  # the ask list the next list fills
        self.last_para: PathKey | None = None  # the paragraph a list may belong to
        #: A lead line read and not yet followed by its list, with its position.
        self.lead_line: tuple[str, Position] | None = None
        #: Places of the inline Markdown already warned of (a case box's first paragraph is
        #: read twice: for its title and for its text).
        self.inline_seen: set[tuple[int, int]] = set()
        #: Headings that name articles not read as data: (their record, where, what).
        self.unread_articles: list[tuple[dict[str, Any], Position, str]] = []

    # --- helpers ------------------------------------------------------------------------

    def _skip(self, tokens: list[Any], i: int) -> int:
        """Index after the block that opens at tokens[i]."""
        tok = tokens[i]
        if tok.nesting != 1:
            return i + 1
        level = 0
        for j in range(i, len(tokens)):
            level += tokens[j].nesting
            if level == 0:
                return j + 1
        return len(tokens)

    def _text_of(self, tok: Any) -> tuple[str, Position]:
        content = tok.content
        first = content.split("\n", 1)[0].strip()
        self.inline_markup(tok)
        return join_lines(content), self.r.pos(tok.map[0], first[:20])

    def inline_markup(self, tok: Any) -> None:
        """Warn, at its line and column, of inline Markdown a draft's text does not hold."""
        if not tok.map:
            return
        for n, line in enumerate(tok.content.split("\n")):
            line0 = tok.map[0] + n
            src = self.r.lines[line0] if line0 < len(self.r.lines) else ""
            for pattern, what, hint in _INLINE_MARKUP:
                for m in pattern.finditer(line):
                    col = src.find(m.group())
                    at = Position(line0 + 1, col + 1 if col >= 0 else 1)
                    if (at.line, at.column) in self.inline_seen:
                        continue
                    self.inline_seen.add((at.line, at.column))
                    shown = m.group() if len(m.group()) <= 40 else m.group()[:37] + "..."
                    self.r.error(
                        at,
                        INLINE,
                        f"{what} is printed as typed: '{shown}'",
                        hint,
                        Severity.WARNING,
                    )

    def _attributes(
        self, text: str, where: Position, allowed: tuple[str, ...], what: str
    ) -> tuple[str, dict[str, tuple[str, Position]] | None]:
        """Split a trailing `{...}` off `text`; check each key against `allowed`."""
        m = _ATTRS_RE.search(text)
        if not m:
            return text, None
        # The attributes may stand on a later line of the paragraph or item.
        head = m.group(1)[:12]
        line0 = where.line - 1
        for n in range(where.line - 1, min(len(self.r.lines), where.line + 40)):
            if head in self.r.lines[n]:
                line0 = n
                break
        src_line = self.r.lines[line0] if line0 < len(self.r.lines) else ""
        brace = src_line.rfind(head)
        at = Position(line0 + 1, brace + 1 if brace >= 0 else where.column)
        parsed = parse_attributes(m.group(1))
        if parsed is None:
            self.r.error(
                at,
                ATTRIBUTE,
                f"cannot read the attributes {m.group(1)}",
                'write them as {key="value" other="value"}, with straight double quotes',
            )
            return text[: m.start()].rstrip(), {}
        out: dict[str, tuple[str, Position]] = {}
        for key, value in parsed[0].items():
            k = src_line.find(key, max(brace, 0))
            kpos = Position(at.line, k + 1 if k >= 0 else at.column)
            name = key
            if key.startswith("with-") and "with" in allowed:
                name = key
            elif key not in allowed:
                import difflib  # only for a mistyped attribute: a good draft never pays for it

                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean '{close[0]}'?" if close else ""
                shown = [("with-NAME" if a == "with" else a) for a in allowed]
                self.r.error(
                    kpos,
                    ATTRIBUTE,
                    f"unknown attribute '{key}' on {what}",
                    hint or f"allowed here: {', '.join(shown) or 'none'}",
                )
                continue
            out[name] = (value, kpos)
        return text[: m.start()].rstrip(), out

    def _set_attributes(
        self,
        target: dict[str, Any],
        path: PathKey,
        attrs: dict[str, tuple[str, Position]],
        model: Any,
    ) -> None:
        for key, (value, where) in attrs.items():
            if key.startswith("with-"):
                var = key[len("with-") :]
                target.setdefault("with", {})[var] = value
                self.r.put((*path, "with"), where, key=True)
                self.r.put((*path, "with", var), where)
                continue
            info = model.model_fields.get(key) if model is not None else None
            if info is None and model is not None:
                info = next((i for i in model.model_fields.values() if i.alias == key), None)
            if info is not None and dl.is_list(info.annotation):
                items = dl.split_list(value, self.r.language)
                target[key] = [v for v, _ in items]
                self.r.put((*path, key), where, key=True)
                value_col = where.column + len(key) + 2
                for n, (_, off) in enumerate(items):
                    self.r.put((*path, key, n), Position(where.line, value_col + off))
            else:
                target[key] = value
                self.r.put((*path, key), Position(where.line, where.column + len(key) + 2))
                self.r.d.keys[(*path, key)] = where

    # --- the walk -----------------------------------------------------------------------

    def run(self, tokens: list[Any], i: int) -> None:
        self._tokens = tokens
        if self.plan is not None:
            self.section = self.plan.default_prose()
        while i < len(tokens):
            tok = tokens[i]
            t = tok.type
            if t not in ("bullet_list_open", "ordered_list_open"):
                self.lead_without_list()
            if t == "heading_open":
                self.heading(tokens[i + 1], int(tok.tag[1:]))
            elif t == "paragraph_open":
                self.paragraph(tokens[i + 1])
            elif t in ("bullet_list_open", "ordered_list_open"):
                self.list_(tokens, i)
            elif t == "footnote_reference_open":
                self.footnote(tokens, i)
            elif t == "html_block":
                if not tok.content.lstrip().startswith("<!--"):
                    self.no_place(tok, "HTML", "write the text as plain Markdown")
            elif t == "hr":
                pass  # a thematic break separates nothing in a draft; it holds no text
            elif t in ("fence", "code_block"):
                self.no_place(
                    tok, "a code block", "indent text by fewer than four spaces, or unfence it"
                )
            elif t == "blockquote_open":
                if self.rplan is not None and self.rplan.boxes is not None and self.box is None:
                    self.case_box(tokens, i)
                else:
                    self.no_place(
                        tok,
                        "a block quote",
                        "write quotations in “quotation marks”"
                        + (
                            "; a case box goes in a section, under its '##' heading"
                            if self.plan is not None and self.plan.chapters() is not None
                            else ""
                        ),
                    )
            else:
                self.no_place(tok, f"'{t}'", "write the text as paragraphs, headings and lists")
            i = self._skip(tokens, i)
        self.lead_without_list()
        for record, at, named in self.unread_articles:
            if "articles" not in record:
                self.r.error(
                    at,
                    HEADING_ARTICLES,
                    f"this heading names '{named}' but its articles are not read",
                    "end the heading with the reference, '## Children (art. 24)', or "
                    "give it as an attribute, '## Article 24: children {articles=\"24\"}'; "
                    "end the heading with {} if it concerns no article",
                    Severity.WARNING,
                )

    def lead_without_list(self) -> None:
        """A lead line with no list right under it: its asks would be lost, so say so."""
        if self.lead_line is None:
            return
        label, where = self.lead_line
        self.lead_line = None
        self.r.error(
            where,
            LEAD_LINE,
            f"the lead line '{label}' has no list of asks under it",
            "write the asks under it as a numbered list, one '1. ...' per line after a blank "
            "line (Markdown reads only '1.', '-', '*' or '+' as list markers)",
        )

    def no_place(self, tok: Any, what: str, hint: str) -> None:
        line = tok.map[0] if tok.map else 0
        self.r.error(self.r.pos(line), NO_PLACE, f"{what} has no place in a draft", hint)

    def heading(self, inline: Any, level: int) -> None:
        text, where = self._text_of(inline)
        self.last_para = None
        self.lead = None
        plan = self.plan
        if plan is None:
            return  # unknown kind: the schema reports it; the body cannot be mapped
        if level == 1:
            self.section_heading(text, where)
            return
        chapters = plan.chapters()
        if chapters is not None and self.section is chapters and self.chapter is not None:
            assert chapters.record is not None and chapters.record.children is not None
            name, sub = chapters.record.children
            items = self.chapter.setdefault(name, [])
            self.record_heading(sub, items, (*self.chapter_path, name), text, where, level, 2)
            return
        records = self.section if self.section and self.section.shape == "records" else None
        if records is None:
            implicit = plan.records()
            if implicit is not None and self.section is plan.default_prose():
                records = implicit
                self.section = implicit
        if records is None or records.record is None:
            names = ", ".join(f"'# {dl.section_labels(self.r.language, n)[0]}'" for n in plan.names)
            self.r.error(
                where,
                NO_PLACE,
                f"a level-{level} heading has no place here",
                f"sections of this kind of draft open with a level-1 heading: {names}",
            )
            return
        items = self.body.setdefault(records.name, [])
        self.record_heading(records.record, items, (records.name,), text, where, level, 2)

    def _leave_records(self) -> None:
        self.record = None
        self.rplan = None
        self.chapter = None

    def section_heading(self, text: str, where: Position) -> None:
        assert self.plan is not None
        label, attrs = _ATTRS_RE.sub("", text), None
        wanted = dl.normal(label)
        chapters = self.plan.chapters()
        # In a kind with chapters, a level-1 heading that names no section is a chapter; one
        # that ends with attributes (even `{}`) is a chapter whatever its text.
        if chapters is not None and _ATTRS_RE.search(text):
            self.open_chapter(chapters, text, where)
            return
        for s in self.plan.sections:
            if s is chapters:
                continue
            if wanted in {dl.normal(x) for x in dl.section_labels(self.r.language, s.name)}:
                self.section = s
                self._leave_records()
                self.r.body_keys[s.name] = where
                allowed = s.attributes if s.shape == "ask_list" else ()
                lead = dl.lead_in_field(s)
                allowed = tuple(a for a in allowed if a != lead)
                _, attrs = self._attributes(text, where, allowed, f"the section '{label}'")
                if s.shape == "ask_list":
                    self.lead = ((s.name, "items"), "items")
                    target = self.body.setdefault(s.name, {})
                    self.r.put((s.name,), where, key=True)
                    if attrs:
                        self._set_attributes(target, (s.name,), attrs, s.model)
                elif s.shape in ("prose", "asks", "records"):
                    self.body.setdefault(s.name, [])
                    self.r.put((s.name,), where, key=True)
                    if s.shape == "asks":
                        self.lead = ((s.name,), s.name)
                return
        labels = [
            dl.section_labels(self.r.language, s.name)[0]
            for s in self.plan.sections
            if s is not chapters
        ]
        import difflib  # only for a heading the dialect does not know

        close = difflib.get_close_matches(label, labels, n=1)
        if chapters is not None:
            near = difflib.get_close_matches(label, labels, n=1, cutoff=0.85)
            if near and dl.normal(near[0]) != wanted:
                self.r.error(
                    where,
                    SECTION,
                    f"'# {label}' is read as a chapter; did you mean '# {near[0]}'?",
                    "correct the heading, or end it with {} to keep it as a chapter title",
                    Severity.WARNING,
                )
            self.open_chapter(chapters, text, where)
            return
        self.r.error(
            where,
            SECTION,
            f"'# {label}' names no section of this kind of draft",
            (f"did you mean '# {close[0]}'? " if close else "")
            + f"sections: {', '.join(labels)}; headings inside a section start with '##'",
        )

    def open_chapter(self, chapters: dl.Section, text: str, where: Position) -> None:
        """A level-1 heading of a kind with chapters: a new chapter."""
        assert chapters.record is not None
        self.section = chapters
        self._leave_records()
        if chapters.name not in self.body:
            self.r.body_keys[chapters.name] = where
            self.r.put((chapters.name,), where, key=True)
        items = self.body.setdefault(chapters.name, [])
        self.record_heading(chapters.record, items, (chapters.name,), text, where, 1, 1)
        self.chapter, self.chapter_path = self.record, self.record_path

    def record_heading(
        self,
        plan: dl.RecordPlan,
        items: list[Any],
        items_path: PathKey,
        text: str,
        where: Position,
        level: int,
        base: int,
    ) -> None:
        """A heading of a record of `plan`, whose records are `items` at `items_path`; its
        outermost heading field has level `base`."""
        depth = level - base
        if depth >= len(plan.headings):
            self.r.error(
                where,
                NO_PLACE,
                f"a level-{level} heading is deeper than this kind of draft goes",
                "headings of "
                + str(items_path[-1])
                + " are "
                + " and ".join(f"'{'#' * (n + base)}' ({h})" for n, h in enumerate(plan.headings)),
            )
            return
        field = plan.headings[depth]
        same = (
            self.record is not None
            and self.rplan is plan
            and not self.record_has_content
            and all(h not in self.record for h in plan.headings[depth:])
            and depth > 0
        )
        if not same:
            self.record = {}
            self.rplan = plan
            items.append(self.record)
            self.record_path = (*items_path, len(items) - 1)
            self.record_has_content = False
            self.r.put(self.record_path, where, key=True)
        assert self.record is not None
        text, attrs = self._attributes(text, where, plan.attributes, "a heading")
        # Written attributes, even an empty `{}`, keep the heading's text as it stands.
        if attrs is None and "articles" in plan.attributes:
            found = dl.trailing_articles(text, self.r.language)
            if found:
                text, refs, off = found
                self.record["articles"] = []
                src = self.r.lines[where.line - 1]
                base = src.find(refs)
                self.r.put((*self.record_path, "articles"), Position(where.line, base + 1), True)
                for n, (ref, o) in enumerate(dl.split_articles(refs, self.r.language)):
                    self.record["articles"].append(ref)
                    self.r.put(
                        (*self.record_path, "articles", n), Position(where.line, base + o + 1)
                    )
            else:
                named = dl.names_articles(text, self.r.language)
                if named is not None:
                    src = self.r.lines[where.line - 1]
                    col = src.find(named.group())
                    at = Position(where.line, col + 1 if col >= 0 else where.column)
                    # Reported at the end, if the record (its '###' included) has no articles.
                    self.unread_articles.append((self.record, at, named.group()))
        if text:
            self.record[field] = text
            self.r.put((*self.record_path, field), where, key=True)
        if attrs:
            self._set_attributes(self.record, self.record_path, attrs, plan.model)

    def _prose_target(self) -> tuple[list[Any], PathKey] | None:
        if self.box is not None:
            box, box_path = self.box
            assert self.rplan is not None and self.rplan.boxes is not None
            prose = self.rplan.boxes[1].prose
            assert prose is not None
            return box.setdefault(prose, []), (*box_path, prose)
        if self.record is not None and self.rplan is not None:
            prose = self.rplan.prose
            if prose is None:
                return None
            self.record_has_content = True
            return self.record.setdefault(prose, []), (*self.record_path, prose)
        if self.section is not None and self.section.shape == "prose":
            return self.body.setdefault(self.section.name, []), (self.section.name,)
        return None

    def _lead_for(self, text: str) -> str | None:
        """The ask field a lead line opens here, if `text` is one."""
        wanted = dl.normal(text)
        fields: tuple[str, ...] = ()
        if self.box is not None:
            return None
        if self.record is not None and self.rplan is not None:
            fields = self.rplan.asks
        elif self.section is not None and self.section.shape == "asks":
            fields = (self.section.name,)
        for f in fields:
            if wanted in {dl.normal(x) for x in dl.lead_lines(self.r.language, f)}:
                return f
        return None

    def list_like_lines(self, inline: Any) -> None:
        """Report the lines of a paragraph that open with a list marker Markdown does not read
        ('a.', '•', '(iv)'): CommonMark joins them into one paragraph, so the list would be
        lost. A paragraph is reported when every line opens so (one line is enough for a
        bullet glyph, a lower-case letter or a bracketed one), or when its first line is a lead
        (ending with ':') and every line after it does."""
        lines = inline.content.split("\n")
        marks = [_LIST_LIKE_RE.match(ln.strip()) for ln in lines]
        found: list[tuple[int, str]] = []
        if all(marks):
            first = marks[0]["marker"] if marks[0] else ""
            clear = bool(re.match(rf"{_GLYPH}|\(|[a-z][.)]", first))
            if len(lines) > 1 or clear:
                found = [(n, m["marker"]) for n, m in enumerate(marks) if m]
        elif len(lines) > 1 and lines[0].rstrip(" *_").endswith(":") and all(marks[1:]):
            found = [(n, m["marker"]) for n, m in enumerate(marks) if m]
        if not found:
            return
        asks = self.lead is not None and bool(self.lead[1])
        for n, marker in found:
            where = self.r.pos(inline.map[0] + n, marker)
            self.r.error(
                where,
                LEAD_LINE,
                f"'{marker}' does not start a list item in Markdown: this line would be joined "
                "to the lines around it",
                (
                    "write each ask as '1. ...' (the kit numbers them), one per line"
                    if asks
                    else "start each item with '1.' (printed (a), (b) ...) or with '-', '*' or "
                    "'+' (bullets), then a space"
                )
                + ", and leave a blank line before the list",
            )

    def paragraph(self, inline: Any) -> None:
        text, where = self._text_of(inline)
        self.last_para = None
        if self.plan is None:
            return
        if self.definition_without_colon(inline):
            return
        self.list_like_lines(inline)
        if _ATTRS_RE.search(text) is None:
            lead = self._lead_for(text)
            if lead is not None:
                path = (*self.record_path, lead) if self.record is not None else (lead,)
                self.lead = (path, lead)
                self.lead_line = (text, where)
                if self.record is not None:
                    self.record_has_content = True
                    self.record.setdefault(lead, [])
                self.r.put(path, where, key=True)
                return
            m = _BOLD_LEAD_RE.match(inline.content.strip())
            expects_lead = (self.record is not None and self.box is None) or (
                self.section is not None and self.section.shape == "asks"
            )
            if m and expects_lead and m["label"].rstrip().endswith(":"):
                self.unknown_lead(m["label"], where)
                return
        else:
            # `{}` after a paragraph keeps text that only looks like a lead line a paragraph;
            # a paragraph takes no attributes.
            text, _ = self._attributes(text, where, (), "a paragraph")
        if self.section is not None and self.section.shape == "ask_list":
            lead_field = dl.lead_in_field(self.section)
            target = self.body.setdefault(self.section.name, {})
            if lead_field and lead_field not in target:
                target[lead_field] = text
                self.r.put((self.section.name, lead_field), where, key=True)
                return
            self.r.error(
                where,
                NO_PLACE,
                "only the lead-in sentence and the list of asks go in this section",
                "move the paragraph to another section, or make it an ask of the list",
            )
            return
        section = self.section
        if section is not None and section.shape == "asks" and self.record is None:
            lead_field = section.lead_in
            if lead_field and lead_field not in self.body and self.lead is not None:
                # The sentence before the list (a Council statement's `lead_in`).
                self.body[lead_field] = text
                self.r.body_keys[lead_field] = where
                self.r.put((lead_field,), where, key=True)
                return
            label = dl.section_labels(self.r.language, section.name)[0]
            self.r.error(
                where,
                NO_PLACE,
                f"the section '# {label}' holds its numbered list only"
                + (", after one lead-in sentence" if lead_field else ""),
                "move the paragraph to the section before it, or make it an item of the list",
            )
            return
        found = self._prose_target()
        if found is None:
            self.r.error(
                where,
                NO_PLACE,
                "this paragraph has no place here",
                "put narrative under a prose section or a heading of its own",
            )
            return
        items, path = found
        items.append(text)
        self.last_para = (*path, len(items) - 1)
        self.r.put(self.last_para, where)
        self.lead = None

    def unknown_lead(self, label: str, where: Position) -> None:
        fields: tuple[str, ...] = ()
        if self.record is not None and self.rplan is not None:
            fields = self.rplan.asks
        known = [dl.lead_lines(self.r.language, f)[0] for f in fields]
        self.r.error(
            where,
            LEAD_LINE,
            f"'{label.strip()}' is not a lead line this draft knows",
            f"lists of asks here open with {', '.join(repr(k + ':') for k in known)}"
            if known
            else "remove the bold to make it a paragraph",
        )
        self.lead = ((), "")  # the list under it is reported with its lead line, not again

    def _items(self, tokens: list[Any], i: int) -> list[tuple[Any, list[Any], Any]]:
        """Each item of the list at tokens[i]: (item token, its inline tokens, nested list)."""
        out: list[tuple[Any, list[Any], Any]] = []
        end = self._skip(tokens, i)
        j = i + 1
        while j < end - 1:
            tok = tokens[j]
            if tok.type == "list_item_open":
                close = self._skip(tokens, j)
                inlines: list[Any] = []
                nested = None
                k = j + 1
                while k < close - 1:
                    sub = tokens[k]
                    if sub.type == "paragraph_open":
                        inlines.append(tokens[k + 1])
                    elif sub.type in ("bullet_list_open", "ordered_list_open") and nested is None:
                        nested = sub
                    elif sub.nesting == 1 or sub.type in ("fence", "code_block", "html_block"):
                        nested = nested or sub
                    k = self._skip(tokens, k)
                out.append((tok, inlines, nested))
                j = close
            else:
                j += 1
        return out

    def list_(self, tokens: list[Any], i: int) -> None:
        tok = tokens[i]
        items = self._items(tokens, i)
        self.lead_line = None
        if self.plan is None:
            return
        if self.lead is not None:
            path, name = self.lead
            if name:
                self.asks(items, path, name)
            self.lead = None
            self.last_para = None
            return
        if self.last_para is not None:
            self.subparagraphs(tok, items)
            self.last_para = None
            return
        where = self.r.pos(tok.map[0])
        known: list[str] = []
        if self.record is not None and self.rplan is not None and self.box is None:
            known = [dl.lead_lines(self.r.language, f)[0] for f in self.rplan.asks]
        self.r.error(
            where,
            LEAD_LINE,
            "this list is not under a lead line or a paragraph",
            (
                f"put a lead line such as {', '.join(repr(k + ':') for k in known)} on the line "
                "before a list of asks, or the paragraph the list belongs to"
            )
            if known
            else "put the paragraph the list belongs to on the line before it",
        )

    def _item_text(self, inlines: list[Any]) -> tuple[str, Position | None]:
        if not inlines:
            return "", None
        for t in inlines:
            self.inline_markup(t)
        texts = [join_lines(t.content) for t in inlines]
        first = inlines[0].content.split("\n", 1)[0].strip()
        return " ".join(texts), self.r.pos(inlines[0].map[0], first[:20])

    def asks(self, items: list[tuple[Any, list[Any], Any]], path: PathKey, name: str) -> None:
        from submission_kit.model.common import Ask

        target = self._container(path)
        allowed = dl.ask_attributes()
        for item_tok, inlines, nested in items:
            if not inlines and nested is not None and nested.map[0] == item_tok.map[0]:
                inlines, nested = self._typed_number(nested, inlines)
            text, where = self._item_text(inlines)
            where = where or self.r.pos(item_tok.map[0])
            if nested is not None:
                self.no_place(nested, "a list inside an ask", "an ask is one paragraph")
            ask: dict[str, Any] = {}
            ask_path = (*path, len(target))
            target.append(ask)
            self.r.put(ask_path, where, key=True)
            text, attrs = self._attributes(text, where, allowed, "an ask")
            if text:
                ask["text"] = text
                self.r.put((*ask_path, "text"), where)
            if attrs:
                self._set_attributes(ask, ask_path, attrs, Ask)

    def _typed_number(self, nested: Any, inlines: list[Any]) -> tuple[list[Any], Any]:
        """'4. 3. How many ...': a number typed after the list's own reads, in Markdown, as a
        list inside the ask. When that list is one item on the same line, it is the ask, its
        typed number kept at the start of its text, so that SK206 reports it (and --fix
        removes it) as in a YAML draft."""
        tokens = self._tokens
        i = next(n for n, t in enumerate(tokens) if t is nested)
        inner = self._items(tokens, i)
        if len(inner) != 1 or inner[0][2] is not None or not inner[0][1]:
            return inlines, nested
        item_tok, sub_inlines, _ = inner[0]
        typed = f"{item_tok.info}{item_tok.markup}"
        first = sub_inlines[0]
        src = self.r.lines[first.map[0]]
        m = re.match(rf"\s*\d+[.)]\s+({re.escape(typed)})\s+", src)
        if m is None:
            return inlines, nested
        content = src[m.start(1) :].strip()
        rest = first.content.split("\n", 1)
        content = content if len(rest) == 1 else content + "\n" + rest[1]
        return [SimpleNamespace(content=content, map=first.map), *sub_inlines[1:]], None

    def _container(self, path: PathKey) -> list[Any]:
        node: Any = self.body
        for n, part in enumerate(path):
            if n == len(path) - 1:
                node = node.setdefault(part, []) if isinstance(node, dict) else node[part]
            elif isinstance(node, dict):
                node = node.setdefault(part, {})
            else:
                node = node[part]
        return node

    def subparagraphs(self, list_tok: Any, items: list[tuple[Any, list[Any], Any]]) -> None:
        assert self.last_para is not None
        holder = self._container(self.last_para[:-1])
        index = self.last_para[-1]
        assert isinstance(index, int)
        text = holder[index]
        para: dict[str, Any] = {"text": text, "items": []}
        if list_tok.type == "bullet_list_open":
            para["item_style"] = "bulleted"
        holder[index] = para
        self.r.put((*self.last_para, "text"), self.r.d.values[self.last_para])
        for n, (item_tok, inlines, nested) in enumerate(items):
            body, where = self._item_text(inlines)
            where = where or self.r.pos(item_tok.map[0])
            path = (*self.last_para, "items", n)
            if nested is None:
                para["items"].append(body)
                self.r.put(path, where)
                continue
            # A list inside a subparagraph: its sub-subparagraphs (i), (ii) ...
            item: dict[str, Any] = {"text": body, "items": []}
            para["items"].append(item)
            self.r.put(path, where, key=True)
            self.r.put((*path, "text"), where)
            self.sub_subparagraphs(nested, item, path)

    def sub_subparagraphs(self, list_tok: Any, item: dict[str, Any], path: PathKey) -> None:
        tokens = self._tokens
        i = next(n for n, t in enumerate(tokens) if t is list_tok)
        if list_tok.type not in ("bullet_list_open", "ordered_list_open"):
            self.no_place(list_tok, "this block inside a subparagraph", "write it as text")
            return
        for n, (item_tok, inlines, nested) in enumerate(self._items(tokens, i)):
            body, where = self._item_text(inlines)
            item["items"].append(body)
            self.r.put((*path, "items", n), where or self.r.pos(item_tok.map[0]))
            if nested is not None:
                self.no_place(
                    nested,
                    "a list inside a sub-subparagraph",
                    "lists go three levels deep: paragraph, (a) subparagraphs, (i) under them",
                )

    def case_box(self, tokens: list[Any], i: int) -> None:
        """A block quote in a record that holds boxes (a section's case boxes): its first line
        is the title, in bold or as a heading; its paragraphs and lists are the case."""
        assert self.rplan is not None and self.rplan.boxes is not None and self.record is not None
        name, plan = self.rplan.boxes
        quote = tokens[i]
        end = self._skip(tokens, i)
        where = self.r.pos(quote.map[0], ">")
        boxes = self.record.setdefault(name, [])
        self.record_has_content = True
        box: dict[str, Any] = {}
        path = (*self.record_path, name, len(boxes))
        boxes.append(box)
        self.r.put(path, where, key=True)
        self.last_para = None
        title_field = plan.headings[0]
        j = i + 1
        first = tokens[j] if j < end - 1 else None
        if first is not None and first.type == "heading_open":
            title, at = self._text_of(tokens[j + 1])
            box[title_field] = title
            self.r.put((*path, title_field), at, key=True)
            j = self._skip(tokens, j)
        elif first is not None and first.type == "paragraph_open":
            inline = tokens[j + 1]
            head, _, rest = inline.content.strip().partition("\n")
            m = _BOLD_TITLE_RE.match(head.strip())
            if m:
                _, at = self._text_of(inline)
                box[title_field] = join_lines(m["title"])
                self.r.put((*path, title_field), Position(at.line, at.column + 2), key=True)
                j = self._skip(tokens, j)
                if rest.strip():  # the case starts on the line after the title
                    self.box = (box, path)
                    start = inline.map[0] + 1
                    self.paragraph(SimpleNamespace(content=rest, map=[start, inline.map[1]]))
                    self.box = None
            else:
                self.r.error(
                    where,
                    NO_PLACE,
                    "a case box opens with its title",
                    "write the title in bold on the first line of the quote, e.g. "
                    "'> **The case of A.**', then a line holding only '>', then the case",
                )
        else:
            self.r.error(
                where,
                NO_PLACE,
                "this case box is empty",
                "write its title in bold ('> **The case of A.**'), then its paragraphs, each "
                "line starting with '>'",
            )
        self.box = (box, path)
        self.lead = None
        try:
            while j < end - 1:
                tok = tokens[j]
                if tok.type == "paragraph_open":
                    self.paragraph(tokens[j + 1])
                elif tok.type in ("bullet_list_open", "ordered_list_open"):
                    self.list_(tokens, j)
                elif tok.type == "heading_open":
                    self.no_place(
                        tok,
                        "a heading after the title of a case box",
                        "a case box has one title: write the rest as paragraphs",
                    )
                elif tok.type == "html_block" and tok.content.lstrip().startswith("<!--"):
                    pass
                else:
                    self.no_place(
                        tok,
                        f"'{tok.type.removesuffix('_open')}' in a case box",
                        "a case box holds paragraphs and lists",
                    )
                j = self._skip(tokens, j)
        finally:
            self.box = None
        if plan.prose is not None and not box.get(plan.prose) and title_field in box:
            self.r.error(
                where,
                NO_PLACE,
                "this case box has a title but no paragraphs",
                "leave a line holding only '>' after the title, then write the case, each line "
                "starting with '>'",
            )
        self.last_para = None
        self.lead = None

    def definition_without_colon(self, inline: Any) -> bool:
        """A paragraph '[^dv] Law of 2020 ...' is a footnote definition without its colon:
        reported at its line and read as the definition, so that its citations are not also
        reported as undefined."""
        m = _DEFINITION_NO_COLON_RE.match(inline.content.strip())
        if m is None or self.box is not None:
            return False
        label = m["id"]
        where = self.r.pos(inline.map[0], f"[^{label}]")
        self.r.error(
            where,
            "SK205",
            f"a footnote definition needs a colon: '[^{label}]: ...'",
            f"write '[^{label}]:' at the start of the line, then the text of the footnote",
        )
        n = len(self.sources)
        self.sources.append({"id": label, "text": join_lines(m["text"])})
        self.r.put(("sources", n), where, key=True)
        self.r.put(("sources", n, "id"), Position(where.line, where.column + 2))
        self.r.put(("sources", n, "text"), Position(where.line, where.column + len(label) + 4))
        self.lead = None
        return True

    def footnote(self, tokens: list[Any], i: int) -> None:
        tok = tokens[i]
        label = tok.meta.get("label", "")
        end = self._skip(tokens, i)
        texts = [join_lines(t.content) for t in tokens[i:end] if t.type == "inline"]
        for t in tokens[i:end]:
            if t.type == "inline":
                self.inline_markup(t)
        n = len(self.sources)
        where = self.r.pos(tok.map[0], f"[^{label}]")
        self.sources.append({"id": label, "text": " ".join(texts)})
        self.r.put(("sources", n), where, key=True)
        self.r.put(("sources", n, "id"), Position(where.line, where.column + 2))
        first = next((t for t in tokens[i:end] if t.type == "inline"), None)
        if first is not None:
            line = self.r.lines[first.map[0]]
            head = first.content.split("\n", 1)[0].strip()[:20]
            col = line.find(head, where.column + len(label) + 3) if head else -1
            self.r.put(
                ("sources", n, "text"), Position(first.map[0] + 1, col + 1 if col >= 0 else 1)
            )
        self.last_para = None
        self.lead = None


#: The YAML form of an article reference in the schema's message, and its Markdown form.
_YAML_ARTICLES = "write it as 7, '9 (4)' or '9 (4) (a)'"
_MARKDOWN_ARTICLES = "write it as 7, 9 (4) or 9 (4) (a), several joined by ',' or 'and'"


def schema_wording(draft: LoadedDraft, model: Any) -> Any:
    """A rewording of the schema's findings for a Markdown draft: a hint names the heading,
    list or attribute to write, not a YAML field; a finding the reader already made at the
    same place (a case box without its title) is not made twice. Fields of the front matter
    keep their YAML wording, said to be in the front matter."""
    plan = dl.body_plan(model)
    meta = draft.data.get("metadata") if isinstance(draft.data, dict) else None
    language = meta.get("language") if isinstance(meta, dict) else None
    language = language if isinstance(language, str) else "en"
    reader = {NO_PLACE, LEAD_LINE, ATTRIBUTE, SECTION}
    spots = {(d.line, d.column) for d in draft.diagnostics if d.code in reader}

    def reword(err: Any, found: Diagnostic) -> Diagnostic | None:
        loc = tuple(p for p in err["loc"] if p != "[key]")
        found.message = found.message.replace(_YAML_ARTICLES, _MARKDOWN_ARTICLES)
        section = plan.section(loc[0]) if loc and isinstance(loc[0], str) else None
        if section is None:
            if err["type"] == "missing" and re.match(r"add '[^']+:'", found.hint):
                owner = next((p for p in reversed(loc[:-1]) if isinstance(p, str)), None)
                where = f"under '{owner}:' in" if owner else "to"
                found.hint = re.sub(
                    r"^add ('[^']+:')", rf"add \1 {where} the front matter", found.hint
                )
            return found
        if "an ask needs its 'text'" in found.message and not found.hint:
            found.hint = (
                "write the text of the ask after its '1.', or a standard ask from the library "
                "as '1. {use=\"ID\"}' (`subkit asks` lists them)"
            )
        if err["type"] != "missing":
            return found
        if (found.line, found.column) in spots:
            return None  # the reader said what is wrong here, and how to write it
        desc = re.search(r" \((.*)\)$", found.hint)
        hint = _missing_hint(section, loc, language)
        if hint:
            found.hint = hint + (f" ({desc[1]})" if desc else "")
        return found

    return reword


def _missing_hint(section: dl.Section, loc: tuple[Any, ...], language: str) -> str:
    """How to write, in Markdown, the body field missing at `loc` (in `section`)."""
    label = dl.section_labels(language, section.name)[0]
    if len(loc) == 1:
        return {
            "prose": f"add a section: a line '# {label}', then its paragraphs",
            "records": f"add a section: a line '# {label}', then each item under a '##' heading",
            "asks": f"add a section: a line '# {label}', then the asks as a numbered list",
            "ask_list": f"add a section: a line '# {label}', then its lead-in sentence and "
            "the asks as a numbered list",
        }.get(section.shape, "")
    field = str(loc[-1])
    if section.shape in ("asks", "ask_list"):
        return "write the text of the ask after its '1.'" if field == "text" else ""
    rplan, box, level = section.record, False, 2
    if rplan is not None and rplan.children is not None:
        level = 1
    for part in (p for p in loc[1:-1] if isinstance(p, str)):
        if rplan is None:
            return ""
        if rplan.children is not None and part == rplan.children[0]:
            level += len(rplan.headings)
            rplan = rplan.children[1]
        elif rplan.boxes is not None and part == rplan.boxes[0]:
            rplan, box = rplan.boxes[1], True
        elif part in rplan.asks:
            return "write the text of the ask after its '1.'" if field == "text" else ""
        else:
            return ""
    if rplan is None:
        return ""
    if field in rplan.headings:
        if box:
            return "write the title in bold on the first line of the quote: '> **The case of A.**'"
        marks = "#" * (level + rplan.headings.index(field))
        return f"write it as the text of a heading: '{marks} ...'"
    if field == rplan.prose:
        return "write its paragraphs under its heading"
    if field in rplan.attributes:
        return f'add it to its heading as an attribute: {{{field}="..."}}'
    return ""


def load_markdown_text(text: str, file: str = "<string>") -> LoadedDraft:
    draft = LoadedDraft(file=file, text=text)
    if not text.strip():
        draft.diagnostics.append(
            Diagnostic(
                file,
                1,
                1,
                "SK006",
                Severity.ERROR,
                "the file is empty",
                "start from an example: `subkit convert examples/... -o draft.md`",
            )
        )
        return draft
    for n, line in enumerate(text.split("\n"), start=1):
        for m in _CONTROL.finditer(line):
            draft.diagnostics.append(
                Diagnostic(
                    file,
                    n,
                    m.start() + 1,
                    "SK010",
                    Severity.ERROR,
                    f"control character U+{ord(m.group()):04X} cannot be stored in a Word document",
                    "delete the invisible character (it often comes from copying out of a PDF)",
                )
            )
    clean = _CONTROL.sub(" ", text)
    reader = _Reader(draft)
    tokens = _parser().parse(clean, {})
    start = reader.front_matter(tokens)
    if start >= len(tokens) and not reader.data:
        draft.data = None
        return draft
    reader.body(tokens, start)
    draft.data = reader.data
    draft.diagnostics.sort(key=Diagnostic.sort_key)
    return draft


def is_markdown(path: Any) -> bool:
    return str(path).lower().endswith(MARKDOWN_SUFFIXES)
