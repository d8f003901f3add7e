"""Expand `use:` asks from the ask library into their text (SK208 when that cannot be done).

Runs after the schema accepted the draft and gives a new model with the wording filled in
(the validated one is left as it was), so lint, render and tracking all see the expanded
wording. The library is read only when a draft uses it.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TypeVar

from submission_kit.diagnostics import Diagnostic
from submission_kit.load import LoadedDraft
from submission_kit.model.common import ArticleRef, Submission, parse_article
from submission_kit.settings import ConfigError, project_templates
from submission_kit.validate.ask_library import (
    AUTOMATIC,
    FillError,
    automatic_values,
    fill,
    library,
)

SubmissionT = TypeVar("SubmissionT", bound=Submission)

CODE = "SK208"


def _project_folders(draft: LoadedDraft) -> tuple[tuple[Path, ...], list[Diagnostic]]:
    """Coalition template folders configured for the draft's project (their `asks/` count too)."""
    start = Path(draft.file).parent if draft.file and not draft.file.startswith("<") else None
    try:
        return project_templates(start or Path.cwd()), []
    except ConfigError as exc:
        return (), [draft.diag((), CODE, f"cannot read the coalition's ask library: {exc}")]


def expand_asks(draft: LoadedDraft, validated: SubmissionT) -> tuple[SubmissionT, list[Diagnostic]]:
    """A copy of `validated` with the text (and articles, if the draft gives none) of every
    `use:` ask filled in, and the problems found doing so. `validated` is not changed."""
    if not any(ask.use is not None for _, ask in validated.ask_paths()):
        return validated, []
    submission = validated.model_copy(deep=True)
    uses = [(path, ask) for path, ask in submission.ask_paths() if ask.use is not None]
    meta = submission.metadata
    folders, out = _project_folders(draft)
    lib = library(meta.language, folders)
    out += lib.problems
    auto = automatic_values(meta.state, meta.committee, meta.language, meta.state_party_spelling)
    for path, ask in uses:
        standard = lib.asks.get(ask.use or "")
        if standard is None:
            close = difflib.get_close_matches(ask.use or "", list(lib.asks), n=1, cutoff=0.6)
            hint = (
                f"did you mean '{close[0]}'?"
                if close
                else "`subkit asks --lang " + meta.language + "` lists the standard asks"
            )
            out.append(
                draft.diag(
                    (*path, "use"),
                    CODE,
                    f"no standard ask '{ask.use}' in the {meta.language} ask library",
                    hint,
                )
            )
            ask.text = ""
            continue
        values = {v.name: v.default for v in standard.variables.values() if v.default is not None}
        for name, value in ask.with_.items():
            if name in AUTOMATIC:
                out.append(
                    draft.diag(
                        (*path, "with", name),
                        CODE,
                        f"'{name}' is filled from the draft's metadata and cannot be given here",
                        f"remove '{name}' from 'with:'",
                        prefer_key=True,
                    )
                )
            elif name not in standard.variables:
                close = difflib.get_close_matches(name, list(standard.variables), n=1)
                takes = ", ".join(standard.variables) or "none"
                out.append(
                    draft.diag(
                        (*path, "with", name),
                        CODE,
                        f"standard ask '{standard.id}' has no variable '{name}'",
                        f"did you mean '{close[0]}'?" if close else f"its variables: {takes}",
                        prefer_key=True,
                    )
                )
            else:
                values[name] = str(value)
        values.update(auto)
        try:
            ask.text = fill(standard.text, values)
        except FillError as exc:
            variable = standard.variables.get(exc.name)
            about = f" ({variable.description})" if variable and variable.description else ""
            out.append(
                draft.diag(
                    (*path, "with") if ask.with_ else (*path, "use"),
                    CODE,
                    f"standard ask '{standard.id}' needs a value for '{exc.name}'{about}",
                    f"add it under 'with:', e.g. with: {{{exc.name}: ...}}",
                    prefer_key=True,
                )
                if exc.name
                else draft.diag(
                    (*path, "use"), CODE, f"standard ask '{standard.id}' is malformed: {exc}"
                )
            )
            ask.text = ""
            continue
        if not ask.articles and standard.articles:
            try:
                ask.articles = [
                    ArticleRef.model_validate(parse_article(a)) for a in standard.articles
                ]
            except ValueError:
                out.append(
                    draft.diag(
                        (*path, "use"),
                        CODE,
                        f"standard ask '{standard.id}' has malformed 'articles' "
                        f"({standard.file}:{standard.line})",
                        "write them as 7, '9 (4)' or '9 (4) (a)'",
                    )
                )
    return submission, out
