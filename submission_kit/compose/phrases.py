"""Phrase catalogues: the fixed wording of documents, per language, as sandboxed Jinja2 templates.

Each catalogue is `templates/phrases/<language>.yaml`; a value is either plain
data (month names, list markers) or a template string rendered with the
variables compose passes. Undefined variables are errors (StrictUndefined), so
a catalogue typo fails loudly instead of printing a blank into a document.

Compiling a template costs a cold render more than anything else the kit does, so the
templates of the bundled catalogues are compiled ahead of time into `phrases_compiled/`, one
module per language (Jinja2's own generated code, loaded like any module, bytecode cached by
Python; a render imports only its document's language). `python -m submission_kit.compose`
regenerates them; a template whose text no longer matches its compiled digest is compiled
from the catalogue as before, so an edited catalogue is never rendered from stale code.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from submission_kit.diagnostics import KitFault
from submission_kit.reference.folders import phrase_catalogue, phrases_file


class PhraseError(KitFault, LookupError):
    """A catalogue lacks a phrase or a phrase cannot be rendered: a fault of the kit, not the draft."""


def _upper_first(value: str) -> str:
    return value[:1].upper() + value[1:]


@cache
def _environment() -> Any:
    # Imported here so that importing compose (and, above all, `subkit validate`) stays light.
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(
        undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False
    )
    env.filters["upper_first"] = _upper_first
    return env


class Phrases:
    """The catalogue of one language. `render("date", day=1, ...)` fills a phrase template."""

    def __init__(self, language: str, data: dict[str, Any]) -> None:
        self.language = language
        self._data = data
        self._compiled: dict[str, Any] = {}

    def raw(self, key: str) -> Any:
        """The value at a dotted key ("stages.follow_up"), uncompiled."""
        value: Any = self._data
        for part in key.split("."):
            if not isinstance(value, dict) or part not in value:
                raise PhraseError(f"phrase '{key}' is missing from {phrases_file(self.language)}")
            value = value[part]
        return value

    def render(self, key: str, **variables: Any) -> str:
        template = self._compiled.get(key)
        if template is None:
            source = self.raw(key)
            if not isinstance(source, str):
                raise PhraseError(f"phrase '{key}' in {phrases_file(self.language)} is not text")
            if "{" not in source:
                # Fixed text ("In conclusion"): Jinja would return it unchanged, so skip compiling it.
                self._compiled[key] = source
                return source
            template = self._compiled[key] = _template(self.language, key, source)
        if isinstance(template, str):
            return template
        try:
            return template.render(**variables)
        except Exception as exc:  # jinja2's UndefinedError and friends, reported with the key
            raise PhraseError(
                f"phrase '{key}' ({self.language}) cannot be rendered: {exc}"
            ) from exc

    @property
    def tag(self) -> str:
        return str(self.raw("language_tag"))


def digest(source: str) -> str:
    """What a compiled template records of its source, to tell when the catalogue changed."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


@cache
def _precompiled(language: str) -> dict[str, tuple[str, Any]]:
    """The ahead-of-time templates of one language's catalogue: only its module is imported."""
    import importlib

    if not language.isidentifier():
        return {}
    try:
        module = importlib.import_module(f"{COMPILED_PACKAGE}.{language}")
    except ImportError:  # not generated for this language: compiled on first use
        return {}
    return module.TEMPLATES


def _template(language: str, key: str, source: str) -> Any:
    """The compiled template of `key`: ahead-of-time code when it was made from this very
    source, else compiled now."""
    env = _environment()
    made = _precompiled(language).get(key)
    if made is not None and made[0] == digest(source):
        namespace = made[1](env)
        namespace["__file__"] = "<template>"
        return env.template_class.from_module_dict(env, namespace, env.make_globals(None))
    return env.from_string(source)


def templates_of(data: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(dotted key, source) of every template in a catalogue: text holding `{`."""
    if isinstance(data, dict):
        for name, value in data.items():
            yield from templates_of(value, f"{prefix}{name}.")
    elif isinstance(data, str) and "{" in data:
        yield prefix[:-1], data


def compiled_module(language: str) -> str:
    """The source of `phrases_compiled/<language>.py` for the bundled catalogue of `language`."""
    env = _environment()
    lines = [
        f'"""The phrase templates of the bundled {language} catalogue, compiled by Jinja2 ahead',
        "of time.",
        "",
        f"Generated by `python -m submission_kit.compose` from templates/phrases/{language}.yaml;",
        'do not edit. See `submission_kit.compose.phrases` for how it is used."""',
        "",
        "# ruff: noqa",
        "# mypy: ignore-errors",
        "# fmt: off",
        "",
    ]
    table: list[str] = []
    for n, (key, source) in enumerate(templates_of(phrases(language)._data)):
        function = f"_{language}_{n}"
        code = env.compile(source, raw=True)
        body = "\n".join(f"    {line}" if line else "" for line in code.splitlines())
        lines += [
            f"def {function}(environment):",
            f"    # {key}",
            body,
            '    return {"name": name, "root": root, "blocks": blocks, "debug_info": debug_info}',
            "",
            "",
        ]
        table.append(f"    {key!r}: ({digest(source)!r}, {function}),")
    lines += ["TEMPLATES = {", *table, "}", ""]
    return "\n".join(lines)


def bundled_languages() -> list[str]:
    """The languages of the bundled catalogues (templates/phrases/*.yaml)."""
    from submission_kit.reference.folders import templates_dir

    return sorted(path.stem for path in (templates_dir() / "phrases").glob("*.yaml"))


COMPILED_PACKAGE = "submission_kit.compose.phrases_compiled"
COMPILED_DIR = Path(__file__).with_name("phrases_compiled")


def compiled_path(language: str) -> Path:
    return COMPILED_DIR / f"{language}.py"


@cache
def phrases(language: str) -> Phrases:
    """The phrase catalogue of `language` (en, fr, es), read once per process."""
    path = phrases_file(language)
    try:
        data = phrase_catalogue(language)
    except FileNotFoundError:
        raise PhraseError(f"no phrase catalogue for language '{language}' ({path})") from None
    except ValueError as exc:
        raise PhraseError(str(exc)) from None
    return Phrases(language, data)


def write_compiled() -> Path:
    """Regenerate `phrases_compiled/`, one module per bundled language, and drop the module of
    a language whose catalogue is gone (what `python -m submission_kit.compose` does)."""
    COMPILED_DIR.mkdir(exist_ok=True)
    init = COMPILED_DIR / "__init__.py"
    init.write_text(COMPILED_INIT, encoding="utf-8")
    languages = bundled_languages()
    for language in languages:
        compiled_path(language).write_text(compiled_module(language), encoding="utf-8")
    for stale in COMPILED_DIR.glob("*.py"):
        if stale != init and stale.stem not in languages:
            stale.unlink()
    return COMPILED_DIR


COMPILED_INIT = (
    '"""The phrase templates of the bundled catalogues, compiled by Jinja2 ahead of time: one\n'
    "module per language, generated by `python -m submission_kit.compose`; do not edit.\n"
    'See `submission_kit.compose.phrases`."""\n'
)
