"""Submission rules: the checks a secretariat, a chair or a committee member would apply to a draft.

Each rule is one small function with a stable code, a kebab-case name, a default
severity, a one-line rationale and a bad and a good example, declared with
`@rule(...)` next to its code, into the one registry of finding codes (`submission_kit.diagnostics.codes`)
that `subkit rules` and docs/rules.md read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from submission_kit.diagnostics import Severity, codes
from submission_kit.diagnostics.codes import Code, declare
from submission_kit.model.common import Submission

if TYPE_CHECKING:
    from submission_kit.load import LoadedDraft, PathKey
    from submission_kit.settings import Settings


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


SubmissionT = TypeVar("SubmissionT", bound=Submission)


@dataclass
class Context(Generic[SubmissionT]):
    """Everything a rule may look at: the model, the source with positions, and the settings.

    A rule for one kind takes `Context[ThatKind]` (e.g. `Context[OralStatement]`) and reads the
    kind's fields with their types; the engine runs it only on drafts of its `kinds`."""

    submission: SubmissionT
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


Check = Callable[[Context[Any]], Iterable[Finding]]


@dataclass(frozen=True)
class Rule(Code):
    """A submission rule: a finding code with the function that checks for it (none for the
    findings the lint engine itself reports, SK390 and SK391)."""

    check: Check | None = field(default=None, compare=False)
    group: str = ""  # the module the rule lives in: asks, document, length ...
    #: A section of the phrase catalogues the rule reads (e.g. "information_request"): the rule
    #: runs on drafts in the languages whose catalogue has it, and no other.
    language_data: str = ""

    def understood_languages(self) -> tuple[str, ...]:
        """The languages of drafts the rule judges: its `languages`, or those whose phrase
        catalogue gives its `language_data`; empty for every language."""
        if not self.language_data:
            return self.languages
        from submission_kit.reference.folders import languages, phrase_catalogue

        return tuple(lang for lang in languages() if phrase_catalogue(lang).get(self.language_data))

    def applies_to(self, kind: str, language: str = "en") -> bool:
        understood = self.understood_languages()
        return (not self.kinds or kind in self.kinds) and (not understood or language in understood)


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
    example_settings: str = "",
    language_data: str = "",
) -> Callable[[Check], Check]:
    """Register the decorated function as the check of rule `code`; its docstring, which says
    what the rule looks at, is the rule's explanation."""

    def register(fn: Check) -> Check:
        declare(
            Rule(
                code,
                name,
                severity,
                rationale,
                bad.strip("\n") + "\n",
                good.strip("\n") + "\n",
                explanation=" ".join((fn.__doc__ or "").split()),
                fix=fix,
                kinds=kinds,
                languages=languages,
                example_settings=example_settings,
                check=fn,
                group=fn.__module__.rsplit(".", 1)[-1],
                language_data=language_data,
            )
        )
        return fn

    return register


def registry() -> dict[str, Rule]:
    """Every submission rule, by code, in code order (the rule modules are found by a scan of
    this package: a new module is picked up without being listed anywhere)."""
    return {code: r for code, r in codes.registry().items() if isinstance(r, Rule)}


def find_rule(code_or_name: str) -> Rule | None:
    """A rule by its code (SK401, case-insensitive) or its name (ask-imperative)."""
    found = codes.find(code_or_name)
    return found if isinstance(found, Rule) else None
