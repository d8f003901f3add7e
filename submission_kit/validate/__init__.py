"""Validation of drafts: load with positions, schema, then reference checks; all as Diagnostics."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from submission_kit.diagnostics import Diagnostic, cap_per_code, has_errors
from submission_kit.load import LoadedDraft, load_file, load_text
from submission_kit.model.common import Submission

DRAFT_SUFFIXES = (".yaml", ".yml")
MARKDOWN_SUFFIXES = (".md", ".markdown")


def is_markdown_draft(path: Path) -> bool:
    """A Markdown file in a folder is a draft when its front matter says its kind; a README
    beside the drafts is not one. (A Markdown file named on the command line always is.)"""
    try:
        with path.open("rb") as f:
            head = f.read(4096).decode("utf-8", "replace")
    except OSError:
        return False
    lines = head.lstrip("\ufeff").split("\n")
    if not lines or lines[0].rstrip() != "---":
        return False
    for line in lines[1:]:
        if line.rstrip() in ("---", "..."):
            return False
        if line.startswith("kind:"):
            return True
    return False


@dataclass
class Validated:
    """A draft after validation: its source, the model when the schema accepted it, and findings."""

    draft: LoadedDraft
    submission: Submission | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.submission is not None and not has_errors(self.diagnostics)


def validate_loaded(draft: LoadedDraft) -> Validated:
    from submission_kit.validate.reference_checks import semantic_diagnostics
    from submission_kit.validate.schema import kind_of, schema_diagnostics

    result = Validated(draft=draft, diagnostics=list(draft.diagnostics))
    if draft.data is None:
        return result
    model, problems = kind_of(draft)
    result.diagnostics += problems
    if model is not None:
        try:
            result.submission = model.model_validate(draft.data)
        except ValidationError as exc:
            result.diagnostics += schema_diagnostics(draft, model, exc)
    if result.submission is not None and any(
        ask.use is not None for _, ask in result.submission.ask_paths()
    ):
        # Only drafts that include standard asks pay for reading the ask library.
        from submission_kit.validate.expand import expand_asks

        result.submission, problems = expand_asks(draft, result.submission)
        result.diagnostics += problems
    if result.submission is not None:
        from submission_kit.validate.language import language_diagnostics

        result.diagnostics += language_diagnostics(draft, result.submission)
    result.diagnostics += semantic_diagnostics(draft, result.submission)
    result.diagnostics.sort(key=Diagnostic.sort_key)
    result.diagnostics = cap_per_code(result.diagnostics)
    return result


def validate_file(path: str | Path, display: str | None = None) -> Validated:
    """Validate one draft file. Raises OSError only when the file cannot be read."""
    return validate_loaded(load_file(path, display))


def validate_text(text: str, file: str = "<string>") -> Validated:
    return validate_loaded(load_text(text, file))


def is_confirmations_file(path: Path) -> bool:
    """`DRAFT.track.yaml` holds `subkit track` confirmations next to a draft; it is no draft."""
    return path.name.endswith((".track.yaml", ".track.yml"))


def collect_drafts(paths: list[str]) -> list[Path]:
    """Files named on the command line, and every *.yaml / *.yml (and every Markdown file whose
    front matter names its kind) below named folders, sorted.

    A draft named twice (directly and through its folder) is listed once; `*.track.yaml`
    confirmation files are skipped even when named, so `subkit render drafts/*.yaml` works.
    Raises FileNotFoundError for a path that does not exist, FileProblem (an OSError) for one
    that cannot be looked at (a name longer than the file system allows, say).
    """
    from submission_kit.files import explain

    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        try:
            is_dir, exists = p.is_dir(), p.exists()
        except OSError as exc:
            raise explain(exc, p, writing=False) from None
        if is_dir:
            found += sorted(
                f
                for f in p.rglob("*")
                if (
                    f.suffix in DRAFT_SUFFIXES
                    or (f.suffix.lower() in MARKDOWN_SUFFIXES and is_markdown_draft(f))
                )
                and f.is_file()
                and not f.name.startswith(".")
                and not is_confirmations_file(f)
            )
        elif is_confirmations_file(p):
            continue  # a `subkit track` file named directly, e.g. by a shell glob *.yaml
        elif exists:
            found.append(p)
        else:
            raise FileNotFoundError(raw)
    seen: set[Path] = set()
    unique = []
    for f in found:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique
