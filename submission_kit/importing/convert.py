"""Write a draft's plain data as Markdown or as YAML: `subkit convert`, `subkit import` and
`subkit new --format md` share these writers.

Both take the plain data a reader produced (`LoadedDraft.data`), so a draft converted
from one format to the other and back validates to the same model. The Markdown form is
the dialect of `load.markdown` (docs/markdown.md).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from submission_kit.diagnostics import UserError
from submission_kit.load import dialect as dl

WIDTH = 92
_ARTICLE_TEXT = re.compile(r"\d+(?: \(\d+\))?(?: \([a-z]\))?")


class ConvertError(UserError):
    """The data cannot be written in the other format; `path` says where."""

    def __init__(self, message: str, path: tuple = ()) -> None:
        super().__init__(message)
        self.message, self.path = message, path


# Characters that would change the meaning of a line if a wrapped line started with them.
_UNSAFE_START = re.compile(r"^(?:[-+*#>=<|\[`~_:]|\d+[.)]|\{)")
# What makes the first line of a paragraph something else than a paragraph.
_BLOCK_START = re.compile(
    r"^(?:[-+*](?:\s|$)|#{1,6}(?:\s|$)|>|<|\[\^[^\]]*\]:|```|~~~|\d{1,9}[.)](?:\s|$))"
)
_NEEDS_ESCAPE = re.compile(r"\\(?=[!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")


def _escape(text: str) -> str:
    """Text as it must be written so that the Markdown reader gives it back unchanged."""
    text = _NEEDS_ESCAPE.sub(r"\\\\", text)
    text = re.sub(r"\s*\n\s*", " ", text)
    if _BLOCK_START.match(text):
        text = "\\" + text if not text[0].isdigit() else _escape_number(text)
    if text.rstrip().endswith("}"):
        text += " {}"  # a final {...} would be read as attributes
    return text


def _escape_number(text: str) -> str:
    m = re.match(r"^(\d+)([.)])", text)
    assert m
    return f"{m[1]}\\{m[2]}{text[m.end() :]}"


def _wrap(
    text: str, first: str = "", indent: str = "", width: int = WIDTH, attrs: str = ""
) -> list[str]:
    """Break `text` at spaces into lines of at most `width`, never so that a line starts with a
    character that Markdown reads as structure; `attrs` ends the last line, unbroken."""
    if not text:
        return [first + attrs]
    # A TODO(...) placeholder stays on one line, so that its finding points at it.
    text = re.sub(r"TODO\([^()]*\)", lambda m: m.group().replace(" ", "\x00"), text)
    words = [w.replace("\x00", " ") for w in text.split(" ")]
    lines: list[str] = []
    line = first
    for n, w in enumerate(words):
        if n == 0:
            line += w
            continue
        if len(line) + 1 + len(w) > width and w and not _UNSAFE_START.match(w):
            lines.append(line)
            line = indent + w
        else:
            line += " " + w
    if attrs and len(line) + 1 + len(attrs) > width and line.strip():
        lines.append(line)
        line = indent + attrs
    elif attrs:
        line += " " + attrs
    lines.append(line)
    return lines


def _quote(value: str) -> str:
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    raise ConvertError(f"the value {value!r} holds both kinds of quotes; attributes cannot")


def _article_label(value: Any) -> str:
    if isinstance(value, dict) and "number" in value:  # an earlier UPR recommendation
        out = f"{value['number']} ({value.get('recommending_state', '')})"
        return out + (f", {value['position']}" if value.get("position") else "")
    if isinstance(value, dict):
        out = str(value.get("article", ""))
        if value.get("paragraph"):
            out += f" ({value['paragraph']})"
        if value.get("subparagraph"):
            out += f" ({value['subparagraph']})"
        return out
    return str(value)


def _ref_label(value: Any) -> str:
    if isinstance(value, dict):
        sub = f" ({value['subparagraph']})" if value.get("subparagraph") else ""
        return f"{value.get('symbol')}, para. {value.get('paragraph')}{sub}"
    return str(value)


def _attr_value(key: str, value: Any, path: tuple) -> str:
    if isinstance(value, list):
        labels = [_article_label(v) for v in value]
        # Items that hold commas ("139.12 (Norway), supported") are separated by semicolons.
        return ("; " if any("," in x for x in labels) else ", ").join(labels)
    if key in ("follows_up", "recommendation"):
        return _ref_label(value)
    if isinstance(value, dict | list):
        raise ConvertError(f"'{key}' cannot be written as an attribute", path)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _attributes(pairs: list[tuple[str, Any]], path: tuple) -> str:
    parts: list[str] = []
    for key, value in pairs:
        if key == "with" and isinstance(value, dict):
            parts += [f"with-{k}={_quote(str(v))}" for k, v in value.items()]
        elif key == "id" and isinstance(value, str) and re.fullmatch(r"[A-Za-z][\w-]*", value):
            parts.insert(0, f"#{value}")
        else:
            parts.append(f"{key}={_quote(_attr_value(key, value, (*path, key)))}")
    return "{" + " ".join(parts) + "}" if parts else ""


class _MarkdownWriter:
    def __init__(self, data: dict[str, Any]) -> None:
        from submission_kit.model import kind_model

        self.data = data
        kind = data.get("kind")
        model = kind_model(kind) if isinstance(kind, str) else None
        if model is None:
            raise ConvertError(f"unknown kind of submission {kind!r}", ("kind",))
        self.plan = dl.body_plan(model)
        meta = data.get("metadata")
        lang = meta.get("language") if isinstance(meta, dict) else None
        self.language = lang if isinstance(lang, str) else "en"
        self.out: list[str] = []

    def block(self, lines: list[str]) -> None:
        if self.out and self.out[-1] != "":
            self.out.append("")
        self.out += lines

    def write(self) -> str:
        import yaml

        body_names = set(self.plan.names) | {"sources"}
        front = {k: v for k, v in self.data.items() if k not in body_names}
        sources = self.data.get("sources") or []
        if not isinstance(sources, list) or not all(
            isinstance(s, dict) and set(s) <= {"id", "text"} for s in sources
        ):
            front["sources"] = sources
            sources = []
        head = yaml.safe_dump(
            front, sort_keys=False, allow_unicode=True, width=WIDTH, default_flow_style=False
        )
        self.out = ["---", *head.rstrip("\n").split("\n"), "---"]
        for s in self.plan.sections:
            if s.name not in self.data:
                continue
            value = self.data[s.name]
            self.section(s, value)
        for src in sources:
            self.block(
                _wrap(
                    _escape(str(src.get("text", ""))), first=f"[^{src.get('id')}]: ", indent="    "
                )
            )
        return "\n".join(self.out) + "\n"

    def heading1(self, s: dl.Section, attrs: str = "") -> None:
        label = dl.section_labels(self.language, s.name)[0]
        self.block([f"# {label}" + (f" {attrs}" if attrs else "")])

    def section(self, s: dl.Section, value: Any) -> None:
        path = (s.name,)
        if s.shape == "prose":
            self.heading1(s)
            self.paragraphs(value, path)
        elif s.shape == "asks":
            self.heading1(s)
            self.ask_items(value, path)
        elif s.shape == "ask_list":
            if not isinstance(value, dict):
                raise ConvertError(f"'{s.name}' must be a mapping", path)
            lead = dl.lead_in_field(s)
            pairs = [(k, v) for k, v in value.items() if k not in ("items", lead)]
            self.heading1(s, _attributes(pairs, path))
            if lead and lead in value:
                self.block(_wrap(_escape(str(value[lead]))))
            self.ask_items(value.get("items", []), (*path, "items"))
        elif s.shape == "records":
            assert s.record is not None
            if not isinstance(value, list):
                raise ConvertError(f"'{s.name}' must be a list", path)
            if s.record.children is not None:
                # Chapters: each its own level-1 heading, no heading for the run of them.
                for i, rec in enumerate(value):
                    self.record(s.record, rec, (*path, i), 1)
                return
            self.heading1(s)
            for i, rec in enumerate(value):
                self.record(s.record, rec, (*path, i), 2)

    def paragraphs(self, value: Any, path: tuple) -> None:
        if not isinstance(value, list):
            raise ConvertError("a list of paragraphs is expected", path)
        for i, p in enumerate(value):
            if isinstance(p, str):
                p = {"text": p}
            if not isinstance(p, dict):
                raise ConvertError("a paragraph is expected", (*path, i))
            text = _escape(str(p.get("text", "")))
            if dl.normal(text) in self.all_leads:
                text += " {}"
            self.block(_wrap(text))
            items = p.get("items") or []
            bulleted = p.get("item_style") == "bulleted"
            lines: list[str] = []
            for n, item in enumerate(items, start=1):
                marker = "- " if bulleted else f"{n}. "
                indent = " " * len(marker)
                text = item.get("text", "") if isinstance(item, dict) else item
                lines += _wrap(_escape(str(text)), first=marker, indent=indent)
                subs = item.get("items", []) if isinstance(item, dict) else []
                for m, sub in enumerate(subs, start=1):
                    inner = "- " if bulleted else f"{m}. "
                    lines += _wrap(
                        _escape(str(sub)), first=indent + inner, indent=indent + " " * len(inner)
                    )
            if lines:
                self.block(lines)
            elif p.get("item_style") == "bulleted" and not items:
                pass  # an empty list of bullets says nothing

    @property
    def all_leads(self) -> set[str]:
        found: set[str] = set()
        for s in self.plan.sections:
            fields = s.record.asks if s.record else ((s.name,) if s.shape == "asks" else ())
            for f in fields:
                found |= {dl.normal(x) for x in dl.lead_lines(self.language, f)}
        return found

    def ask_items(self, value: Any, path: tuple) -> None:
        if not isinstance(value, list):
            raise ConvertError("a list of asks is expected", path)
        lines: list[str] = []
        for n, ask in enumerate(value, start=1):
            if isinstance(ask, str):
                ask = {"text": ask}
            if not isinstance(ask, dict):
                raise ConvertError("an ask is expected", (*path, n - 1))
            pairs = [(k, v) for k, v in ask.items() if k != "text"]
            attrs = _attributes(pairs, (*path, n - 1))
            text = _escape(str(ask["text"])) if ask.get("text") is not None else ""
            if attrs:
                text = text.removesuffix(" {}")  # the attributes now end the item
            if not text and not attrs:
                attrs = "{}"
            marker = f"{n}. "
            lines += _wrap(text, first=marker, indent=" " * len(marker), attrs=attrs)
        self.block(lines)

    def _section_names(self) -> set[str]:
        """Level-1 headings that open a section of the kind, as compared."""
        return {
            dl.normal(x)
            for s in self.plan.sections
            if s is not self.plan.chapters()
            for x in dl.section_labels(self.language, s.name)
        }

    def record(self, plan: dl.RecordPlan, rec: Any, path: tuple, base: int) -> None:
        if not isinstance(rec, dict):
            raise ConvertError("a mapping is expected", path)
        pairs = [(k, v) for k, v in rec.items() if k in plan.attributes]
        if "articles" in plan.attributes and "articles" not in rec:
            last = next((rec[h] for h in reversed(plan.headings) if rec.get(h)), "")
            if dl.trailing_articles(str(last), self.language):
                pairs.append(("articles", []))  # keeps a heading's own "(art. 7)" as its text
        attrs = _attributes(pairs, path)
        present = [h for h in plan.headings if rec.get(h) is not None]
        if not present:
            present = [plan.headings[0]]
        for n, h in enumerate(plan.headings):
            if h not in present:
                continue
            level = "#" * (n + base)
            text = _escape(str(rec.get(h) or ""))
            last = h == present[-1]
            if (
                base == 1
                and not attrs
                and not text.endswith("{}")
                and dl.normal(text) in self._section_names()
            ):
                attrs = "{}"  # a chapter titled like a section stays a chapter
            if last and attrs:
                text = text.removesuffix(" {}")
            elif not text.endswith("{}") and dl.trailing_articles(text, self.language):
                text += " {}"  # its "(art. 7)" is text: the articles go with the last heading
            line = f"{level} {text}".rstrip()
            if last and attrs:
                line += f" {attrs}"
            self.block([line])
        if plan.prose and plan.prose in rec:
            self.paragraphs(rec[plan.prose], (*path, plan.prose))
        if plan.boxes is not None and plan.boxes[0] in rec:
            name, box_plan = plan.boxes
            boxes = rec[name]
            if not isinstance(boxes, list):
                raise ConvertError(f"'{name}' must be a list", (*path, name))
            for k, box in enumerate(boxes):
                self.box(box_plan, box, (*path, name, k))
        if plan.children is not None and plan.children[0] in rec:
            name, child = plan.children
            children = rec[name]
            if not isinstance(children, list):
                raise ConvertError(f"'{name}' must be a list", (*path, name))
            for k, sub in enumerate(children):
                self.record(child, sub, (*path, name, k), base + len(plan.headings))
        for f in plan.asks:
            if f in rec:
                label = dl.lead_lines(self.language, f)[0]
                self.block([f"**{label}:**"])
                self.ask_items(rec[f], (*path, f))

    def box(self, plan: dl.RecordPlan, box: Any, path: tuple) -> None:
        """A case box as a block quote: its title in bold, then its paragraphs."""
        if not isinstance(box, dict) or set(box) - {plan.headings[0], plan.prose}:
            raise ConvertError("a case box holds a title and paragraphs", path)
        title = str(box.get(plan.headings[0]) or "")
        outer, self.out = self.out, []
        if "**" in title or "\n" in title or not title.strip():
            self.block([f"### {_escape(title)}".rstrip()])
        else:
            escaped = _escape(title).removesuffix(" {}")
            self.block([f"**{escaped}**"])
        assert plan.prose is not None
        if plan.prose in box:
            self.paragraphs(box[plan.prose], (*path, plan.prose))
        inner, self.out = self.out, outer
        self.block([f"> {ln}" if ln else ">" for ln in inner])


def to_markdown(data: dict[str, Any]) -> str:
    """A draft's plain data as a Markdown draft. Raises ConvertError."""
    if not isinstance(data, dict):
        raise ConvertError("a draft is a mapping of fields")
    return _MarkdownWriter(data).write()


class _Dumper:
    """PyYAML's safe dumper with long text folded (`>-`) and short lists of numbers inline."""

    @staticmethod
    def make() -> type:
        import yaml

        class Dumper(yaml.SafeDumper):
            def ignore_aliases(self, data: Any) -> bool:
                return True  # drafts refuse anchors and aliases: write shared values out

        def text(dumper: Any, value: str) -> Any:
            style = (
                ">" if len(value) > 60 and "\n" not in value and value == value.strip() else None
            )
            return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

        def seq(dumper: Any, value: list) -> Any:
            # Only article lists go in brackets ([7, 9 (4)]): a bracketed list of words is
            # what SK014 warns about.
            flow = bool(value) and all(
                isinstance(v, int) or (isinstance(v, str) and bool(_ARTICLE_TEXT.fullmatch(v)))
                for v in value
            )
            return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)

        Dumper.add_representer(str, text)
        Dumper.add_representer(list, seq)
        Dumper.add_representer(dt.date, yaml.SafeDumper.represent_date)
        return Dumper


def to_yaml(data: dict[str, Any], header: str = "") -> str:
    """A draft's plain data as a YAML draft, with the schema line editors read."""
    import yaml

    body = yaml.dump(
        data,
        Dumper=_Dumper.make(),
        sort_keys=False,
        allow_unicode=True,
        width=WIDTH,
        default_flow_style=False,
    )
    lines = [
        "# yaml-language-server: $schema=https://submission-kit.org/schemas/submission.schema.json"
    ]
    lines += [f"# {ln}" if ln else "#" for ln in header.split("\n")] if header else []
    return "\n".join(lines) + "\n" + body
