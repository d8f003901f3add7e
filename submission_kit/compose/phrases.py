"""Phrase catalogues: the fixed wording of documents, per language, as sandboxed Jinja2 templates.

Each catalogue is `templates/phrases/<language>.yaml`; a value is either plain
data (month names, list markers) or a template string rendered with the
variables compose passes. Undefined variables are errors (StrictUndefined), so
a catalogue typo fails loudly instead of printing a blank into a document.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from submission_kit.resources import phrase_catalogue, phrases_file


class PhraseError(LookupError):
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
            template = self._compiled[key] = _environment().from_string(source)
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
