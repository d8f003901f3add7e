"""Rendering a draft template in a Jinja2 sandbox, with every value safely quoted for YAML.

Templates may come from other organisations, so they run in an immutable
sandbox: no access to Python internals, no undefined variable silently printed
as a blank. Every `{{ value }}` is escaped for the inside of a double-quoted
YAML string, and the kit checks after rendering that each one really stands in
such a string, so that a name like `Rights: "Now"` can never break the draft.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from submission_kit.diagnostics import UserError
from submission_kit.load import MAX_BYTES

# Private-use characters mark where a value was inserted, until the check below removes them.
_OPEN, _CLOSE = "\ue000", "\ue001"
_MARKED_RE = re.compile(f"{_OPEN}(.*?){_CLOSE}", re.S)
_ESCAPE_RE = re.compile(r'[\\"\x00-\x1f\x7f\x85\u2028\u2029\ue000\ue001]')
_SHORT_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


class TemplateProblem(UserError):
    """A template cannot be rendered. `where` (file:line) points into the template, when known."""

    def __init__(self, file: str, line: int | None, message: str, hint: str = "") -> None:
        super().__init__(message, hint, f"{file}:{line}" if line else file)
        self.file, self.line = file, line

    def __str__(self) -> str:
        return self.report()


class YamlScalar(str):
    """Text that is already a complete YAML scalar (made by the `yaml` filter): inserted as is."""


def escape_double_quoted(text: str) -> str:
    """`text` for the inside of a double-quoted YAML string: quotes, backslashes, controls escaped."""

    def esc(m: re.Match[str]) -> str:
        ch = m.group()
        return _SHORT_ESCAPES.get(ch) or f"\\u{ord(ch):04x}"

    return _ESCAPE_RE.sub(esc, text)


def yaml_scalar(value: Any) -> YamlScalar:
    """The `yaml` filter: a value as one complete YAML scalar (a quoted string, a number, ...)."""
    if value is None:
        return YamlScalar("null")
    if isinstance(value, bool):
        return YamlScalar("true" if value else "false")
    if isinstance(value, int | float | dt.date):
        return YamlScalar(str(value))
    if isinstance(value, list | tuple):
        return YamlScalar("[" + ", ".join(yaml_scalar(v) for v in value) + "]")
    return YamlScalar('"' + escape_double_quoted(str(value)) + '"')


def _finalize(value: Any) -> str:
    """Applied to every `{{ ... }}`: strings are escaped and marked for the quoting check."""
    if isinstance(value, YamlScalar):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | dt.date):
        return str(value)
    if value is None:
        raise ValueError("a value is empty (None) and would print as a blank")
    if isinstance(value, list | tuple | dict):
        raise ValueError("a list or mapping cannot be printed as text; loop over it with {% for %}")
    return _OPEN + escape_double_quoted(str(value)) + _CLOSE


#: A template's own files (and the files it includes) are read up to this size.
MAX_TEMPLATE_BYTES = 256 * 1024
#: Rendering a template stops after this many seconds, whatever it is doing.
RENDER_SECONDS = 10.0
#: The largest number a template may compute, in bits (some 3,000 decimal digits).
MAX_NUMBER_BITS = 10_000
#: The most paragraphs `lipsum()` may make.
MAX_LIPSUM = 100


class TemplateLimit(UserError):
    """A template went past one of the bounds on rendering; the message says which (while
    rendering; `render_template` reports it as a TemplateProblem at the template's line)."""


class TemplateEscape(UserError):
    """A template file resolves to a place outside its templates folder (a symbolic link)."""

    def __init__(self, name: str, target: str) -> None:
        super().__init__(
            f"the template file '{name}' is a link to {target}, outside the templates folder; "
            "it is not read",
            "copy the file into the templates folder instead of linking to it",
        )
        self.name, self.target = name, target


def _inside(path: str, folder: str) -> bool:
    return os.path.commonpath([path, folder]) == folder


def _loader(search_path: list[Path]) -> Any:
    from jinja2 import BaseLoader, TemplateNotFound
    from jinja2.loaders import split_template_path

    from submission_kit import files

    roots = [(p, os.path.realpath(p)) for p in search_path]

    class FolderLoader(BaseLoader):
        """Files of the template folders only: a name that resolves (through a symbolic link,
        say) to a place outside the folder it was found in is refused, and each file is read
        only if it is a regular file under MAX_TEMPLATE_BYTES."""

        def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
            pieces = split_template_path(template)  # refuses '..' and absolute names
            for folder, real_folder in roots:
                candidate = os.path.join(folder, *pieces)
                if not os.path.lexists(candidate):
                    continue
                real = os.path.realpath(candidate)
                if not _inside(real, real_folder):
                    raise TemplateEscape(template, real)
                try:
                    raw = files.read_bytes(candidate, MAX_TEMPLATE_BYTES, "a template")
                    source = raw.decode("utf-8")
                except files.FileProblem as exc:
                    raise TemplateLimit(exc.message) from None
                except UnicodeDecodeError:
                    raise TemplateLimit(f"{candidate}: the template is not UTF-8 text") from None
                # A new environment is made for every render: nothing to keep up to date.
                return source, candidate, lambda: False
            raise TemplateNotFound(template)

    return FolderLoader()


def _environment(search_path: list[Path]) -> Any:
    # Imported here: Jinja2 is never loaded on the validate path.
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment
    from jinja2.utils import generate_lorem_ipsum

    class BoundedSandbox(ImmutableSandboxedEnvironment):
        """The sandbox, with numbers and repeated text kept to a size a draft can use."""

        intercepted_binops = frozenset(["**", "*"])

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if (
                operator == "**"
                and isinstance(left, int)
                and isinstance(right, int)
                and abs(left) > 1
                and right * abs(left).bit_length() > MAX_NUMBER_BITS
            ):
                raise TemplateLimit(
                    f"the template computes {left} ** {right}, a number too large to use "
                    f"(more than {MAX_NUMBER_BITS:,} bits)"
                )
            if operator == "*":
                for text, times in ((left, right), (right, left)):
                    if (
                        isinstance(text, str | list | tuple)
                        and isinstance(times, int)
                        and len(text) * times > MAX_BYTES
                    ):
                        raise TemplateLimit(
                            f"the template repeats a text or list {times:,} times, more than "
                            f"a draft can hold ({MAX_BYTES // 1024} KB)"
                        )
                if (
                    isinstance(left, int)
                    and isinstance(right, int)
                    and left.bit_length() + right.bit_length() > MAX_NUMBER_BITS
                ):
                    raise TemplateLimit("the template computes a number too large to use")
            return super().call_binop(context, operator, left, right)

    def lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
        if not isinstance(n, int) or n > MAX_LIPSUM or (isinstance(max, int) and max > 1000):
            raise TemplateLimit(f"lipsum() may make at most {MAX_LIPSUM} paragraphs")
        return str(generate_lorem_ipsum(n, html, min, max))

    env = BoundedSandbox(
        loader=_loader(search_path),
        undefined=StrictUndefined,
        finalize=_finalize,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["yaml"] = yaml_scalar
    env.globals["lipsum"] = lipsum
    return env


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise TemplateLimit in the rendering when it runs for more than `seconds`.

    Uses the interval timer, so it works in the main thread of a process (where the
    commands run); elsewhere the other bounds still hold."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise TemplateLimit(
            f"the template takes more than {seconds:.0f} s to render (a loop that makes "
            "no text, or one that makes too much)"
        )

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _template_line(exc: BaseException, files: set[str]) -> tuple[str | None, int | None]:
    """The innermost traceback frame that is a line of a template file (Jinja2 rewrites them so)."""
    found: tuple[str | None, int | None] = (None, None)
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name in files or name.endswith(".j2"):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _undefined_message(message: str) -> tuple[str, str]:
    m = re.match(r"'([^']+)' is undefined", message)
    if m:
        name = m.group(1)
        return (
            f"variable '{name}' is not defined",
            f"declare '{name}' in the template's .vars.yaml, or check the spelling; "
            "built-in names: state, committee, session, lang, org, state_party, previous_co",
        )
    m = re.match(r"'[^']+' has no attribute '([^']+)'", message)
    if m:
        return (
            f"'{m.group(1)}' is not defined on this value",
            "state has code, name, name_en, with_article, of and to; committee has code, name and treaty",
        )
    return message, ""


@dataclass
class Rendered:
    text: str


def render_template(
    template_file: Path, search_path: list[Path], context: dict[str, Any]
) -> Rendered:
    """Render one template file to draft text; raises TemplateProblem with file:line."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.sandbox import SecurityError

    env = _environment([template_file.parent, *search_path])
    shown = str(template_file)
    files_of_template = {shown, str(template_file.resolve())}
    from submission_kit import files

    try:
        source = files.read_bytes(template_file, MAX_TEMPLATE_BYTES, "a template").decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateProblem(shown, None, f"cannot read the template ({exc})") from None
    parts: list[str] = []
    try:
        with _time_limit(RENDER_SECONDS):
            # Loaded through the loader so that tracebacks carry the template's own file name.
            compiled = env.get_template(template_file.name)
            # Rendered piece by piece so that a runaway loop stops at the draft size limit.
            size = 0
            for piece in compiled.generate(**context):
                parts.append(piece)
                size += len(piece)
                if size > MAX_BYTES:
                    raise TemplateProblem(
                        shown,
                        None,
                        f"the template produces more than {MAX_BYTES // 1024} KB of text",
                        "check its loops",
                    )
    except TemplateProblem:
        raise
    except TemplateLimit as exc:
        file, line = _template_line(exc, files_of_template)
        raise TemplateProblem(
            file or shown, line, str(exc), "a template makes a draft: keep loops and numbers small"
        ) from None
    except TemplateEscape as exc:
        file, line = _template_line(exc, files_of_template)
        raise TemplateProblem(file or shown, line, exc.message, exc.hint) from None
    except TemplateSyntaxError as exc:
        named = exc.filename or shown
        raise TemplateProblem(
            named if named != "<template>" else shown, exc.lineno, f"template syntax: {exc.message}"
        ) from None
    except SecurityError as exc:
        file, line = _template_line(exc, files_of_template)
        raise TemplateProblem(
            file or shown,
            line,
            f"the template tries to reach Python internals, which is not allowed ({exc})",
            "a template may only use its variables, filters and tests",
        ) from None
    except UndefinedError as exc:
        file, line = _template_line(exc, files_of_template)
        message, hint = _undefined_message(str(exc.message or exc))
        raise TemplateProblem(file or shown, line, message, hint) from None
    except TemplateNotFound as exc:
        file, line = _template_line(exc, files_of_template)
        raise TemplateProblem(
            file or shown, line, f"included template '{exc.name}' not found"
        ) from None
    except RecursionError:
        raise TemplateProblem(shown, None, "the template recurses without end") from None
    except MemoryError:
        parts.clear()
        raise TemplateProblem(
            shown, None, "the template needs more memory than there is", "check its loops"
        ) from None
    except Exception as exc:  # a filter used on the wrong value, a bad default, ...
        file, line = _template_line(exc, files_of_template)
        raise TemplateProblem(file or shown, line, f"the template failed: {exc}") from None
    text = "".join(parts)
    check_quoting(text, source, shown)
    return Rendered(_MARKED_RE.sub(lambda m: m.group(1), text))


def _rendered_line(text: str, index: int) -> tuple[int, str]:
    line = text.count("\n", 0, index) + 1
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    return line, text[start : end if end >= 0 else len(text)]


def _clean(text: str) -> str:
    return text.replace(_OPEN, "").replace(_CLOSE, "")


def _source_line_for(source: str, rendered: str) -> int | None:
    """The template line that most likely produced `rendered` (same literal text before `{{`)."""
    prefix = _clean(rendered).split(_OPEN)[0]
    best = None
    for n, line in enumerate(source.split("\n"), start=1):
        if "{{" not in line:
            continue
        literal = line.split("{{")[0].strip()
        if literal and prefix.strip().startswith(literal):
            best = best or n
    return best


def check_quoting(text: str, source: str, file: str) -> None:
    """Every inserted string must sit inside a double-quoted YAML scalar; else TemplateProblem."""
    marks = [m.span() for m in _MARKED_RE.finditer(text)]
    try:
        tokens = [
            t for t in yaml.scan(text, Loader=yaml.SafeLoader) if isinstance(t, yaml.ScalarToken)
        ]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        index = mark.index if mark else 0
        line, content = _rendered_line(text, index)
        raise TemplateProblem(
            file,
            _source_line_for(source, content),
            f"the template makes invalid YAML at line {line} of the draft "
            f"({exc.problem}): {_clean(content).strip()}",
            'put each {{ value }} inside a double-quoted string ("... {{ value }} ..."), '
            "or write {{ value | yaml }} for a whole value",
        ) from None
    quoted = [(t.start_mark.index, t.end_mark.index) for t in tokens if t.style == '"']
    for start, end in marks:
        if not any(q0 <= start and end <= q1 for q0, q1 in quoted):
            line, content = _rendered_line(text, start)
            raise TemplateProblem(
                file,
                _source_line_for(source, content),
                f"a value is inserted outside a double-quoted string at line {line} of the "
                f"draft: {_clean(content).strip()}",
                'write "... {{ value }} ..." in double quotes, or {{ value | yaml }} for a '
                "whole value, so that quotes or colons in it cannot break the draft",
            )
