"""Submission rules: the checks a secretariat, a chair or a committee member would apply to a draft.

Each rule is one small function with a stable code, a kebab-case name, a default
severity, a one-line rationale and a bad and a good example, declared with
`@rule(...)` next to its code. `subkit rules` and docs/rules.md read this registry.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from submission_kit.diagnostics import Severity

if TYPE_CHECKING:
    from submission_kit.config import Settings
    from submission_kit.load import LoadedDraft, PathKey
    from submission_kit.model.common import Submission

#: Modules holding rules, imported once when the registry is first needed.
RULE_MODULES = ("length", "document", "asks", "list_of_issues", "mechanisms", "suppression")


@dataclass(frozen=True)
class Edit:
    """Replace `value[start:end]` of the string at `path` with `replacement` (a safe fix)."""

    path: tuple
    start: int
    end: int
    replacement: str


@dataclass
class Finding:
    """What a rule reports: where (path and offset inside the string), what, and how to fix it."""

    path: tuple
    message: str
    hint: str = ""
    offset: int = 0
    edit: Edit | None = None
    prefer_key: bool = False


@dataclass
class Context:
    """Everything a rule may look at: the model, the source with positions, and the settings."""

    submission: Submission
    draft: LoadedDraft
    settings: Settings

    @property
    def kind(self) -> str:
        return self.submission.kind

    def raw(self, path: PathKey) -> Any:
        """The value at `path` exactly as the YAML holds it (offsets are into this string)."""
        return self.draft.values_data(path)

    def texts(self) -> Iterator[tuple[tuple, str]]:
        """Every piece of prose as written in the draft, with its path, in document order."""
        for path, text in self.submission.text_paths():
            raw = self.raw(path)
            if not isinstance(raw, str) and path[-1] == "text":
                # A paragraph written in its plain-string shorthand: the string is the item.
                shorthand = self.raw(path[:-1])
                if isinstance(shorthand, str):
                    path, raw = path[:-1], shorthand
            yield path, raw if isinstance(raw, str) else text

    def ask_texts(self) -> Iterator[tuple[tuple, str]]:
        """Path of the `text` of every ask and the text as written."""
        for path, ask in self.submission.ask_paths():
            text_path = (*path, "text")
            raw = self.raw(text_path)
            if not isinstance(raw, str):  # the plain-string shorthand of an ask
                text_path = path
                raw = self.raw(path)
            yield text_path, raw if isinstance(raw, str) else ask.text


Check = Callable[[Context], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    rationale: str
    bad: str
    good: str
    check: Check | None = field(default=None, compare=False)
    kinds: tuple[str, ...] = ()  # kinds of submission it applies to; empty for all
    fix: str = ""  # what `subkit check --fix` does, when the rule has a safe fix
    group: str = ""
    languages: tuple[str, ...] = ()  # languages of drafts it understands; empty for all

    def applies_to(self, kind: str, language: str = "en") -> bool:
        return (not self.kinds or kind in self.kinds) and (
            not self.languages or language in self.languages
        )

    @property
    def explanation(self) -> str:
        """Longer text: the check function's docstring, which says what the rule looks at."""
        doc = (self.check.__doc__ if self.check else "") or ""
        return " ".join(doc.split())


_REGISTRY: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    severity: Severity,
    rationale: str,
    bad: str,
    good: str,
    kinds: tuple[str, ...] = (),
    fix: str = "",
    languages: tuple[str, ...] = (),
) -> Callable[[Check], Check]:
    """Register the decorated function as the check of rule `code`."""

    def register(fn: Check) -> Check:
        if code in _REGISTRY:
            raise ValueError(f"rule code {code} is registered twice")
        group = fn.__module__.rsplit(".", 1)[-1]
        _REGISTRY[code] = Rule(
            code,
            name,
            severity,
            rationale,
            bad.strip("\n"),
            good.strip("\n"),
            fn,
            kinds,
            fix,
            group,
            languages,
        )
        return fn

    return register


def declare(rule_: Rule) -> None:
    """Register a rule the lint engine itself enforces (it has no check function)."""
    _REGISTRY[rule_.code] = rule_


@cache
def registry() -> dict[str, Rule]:
    """Every rule, by code, in code order."""
    for name in RULE_MODULES:
        importlib.import_module(f"{__name__}.{name}")
    return dict(sorted(_REGISTRY.items()))


def find_rule(code_or_name: str) -> Rule | None:
    """A rule by its code (SK401, case-insensitive) or its name (ask-imperative)."""
    rules = registry()
    key = code_or_name.strip()
    if key.upper() in rules:
        return rules[key.upper()]
    return next((r for r in rules.values() if r.name == key.lower()), None)
