"""`subkit check`: validate, lint and render every draft, in parallel across cores.

Each draft is checked by `check_draft` in a worker process; the parent only
collects the reports, so memory and output order do not depend on the workers.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from submission_kit.diagnostics import Diagnostic, Severity, cap_per_code, has_errors
from submission_kit.files import write_text_atomic
from submission_kit.model.common import Submission
from submission_kit.settings import Settings

#: Below this many drafts, starting worker processes costs more than it saves.
PARALLEL_FROM = 12
RENDER_FAILED = "SK600"


def write_atomically(path: Path, text: str) -> None:
    """Replace the file in one step: a reader sees the old draft or the new one, never half.

    The file keeps its mode; a link to the draft stays a link. Raises FileProblem (a full
    disk, a read-only folder) with the reason in plain words, leaving the draft as it was."""
    write_text_atomic(path, text)


@dataclass
class DraftReport:
    file: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    rendered: bool | None = None  # None: not attempted (errors first, or --no-render)
    fixed: int = 0
    lines: list[str] = field(default_factory=list)  # source, kept only when there are findings
    note: str = ""  # e.g. why --fix left the file alone
    #: Words of a written submission and its limit, shown for every draft (limit None: an
    #: oral statement, or a draft that does not validate); `limit_note` when the limit is
    #: not one a source confirms.
    words: int | None = None
    limit: int | None = None
    limit_note: str = ""
    #: An oral statement's speaking time at the settings' pace and its time limit, seconds.
    seconds: int | None = None
    time_limit: int | None = None

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity is Severity.WARNING for d in self.diagnostics)


def render_submission(submission: Submission, words_per_minute: int | None = None) -> bytes:
    """The DOCX of a submission, in memory. Imported here: python-docx stays off the lint path."""
    from submission_kit.pipeline.render import render_bytes

    return render_bytes(submission, words_per_minute)


def check_draft(
    path: str, settings: Settings, fix: bool = False, render: bool = True
) -> DraftReport:
    """Validate → lint (when the schema accepts the draft) → render (when nothing is at error level)."""
    from submission_kit.lint.engine import review
    from submission_kit.lint.fix import fix_text, typed_number_edits
    from submission_kit.validate import validate_file, validate_text

    settings = settings.for_file(path)
    report = DraftReport(file=path)
    try:
        result = validate_file(path)
    except OSError as exc:
        report.diagnostics.append(
            Diagnostic(
                path, 1, 1, "SK000", Severity.ERROR, f"cannot read the draft: {exc.strerror or exc}"
            )
        )
        return report
    if fix:
        typed_number_edits(result)
    findings = review(result, settings)
    if fix:
        new_text, applied, refused = fix_text(result, findings)
        report.note = refused
        if new_text is not None:
            raw = Path(path).read_bytes()
            bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
            try:
                write_atomically(Path(path), bom + new_text)
            except OSError as exc:
                report.note = f"the fixes were not written: {exc}"
                new_text = None
        if new_text is not None:
            report.fixed = applied
            result = validate_text(new_text, result.draft.file)
            findings = review(result, settings)
    report.diagnostics = cap_per_code(findings)
    spoken = result.submission is not None and result.submission.kind == "oral_statement"
    if spoken:
        # Imported for an oral statement only: a batch of other kinds never loads its model.
        from submission_kit.lint.rules.length import speaking_summary
        from submission_kit.model.kinds.oral_statement import OralStatement

        assert isinstance(result.submission, OralStatement)
        report.words, report.seconds, report.time_limit = speaking_summary(
            result.submission, settings
        )
    elif result.submission is not None:
        from submission_kit.lint.rules.length import word_count_summary

        report.words, report.limit, report.limit_note = word_count_summary(
            result.submission, settings
        )
    for d in report.diagnostics:
        d.extra.pop("edit", None)  # file offsets are of no use once the report leaves the worker
    if render and result.submission is not None and not has_errors(report.diagnostics):
        try:
            render_submission(result.submission, settings.words_per_minute)
            report.rendered = True
        except Exception as exc:  # any failure of the renderer is a finding about this draft
            report.rendered = False
            report.diagnostics.append(
                Diagnostic(
                    path,
                    1,
                    1,
                    RENDER_FAILED,
                    Severity.ERROR,
                    f"the draft could not be rendered: {type(exc).__name__}: {exc}",
                    "this is a bug in submission-kit if the draft validates; please report it",
                )
            )
    if report.diagnostics:
        report.lines = result.draft.lines
    return report


def _check_star(args: tuple[str, Settings, bool, bool]) -> DraftReport:
    return check_draft(*args)


def run(
    files: Sequence[str],
    settings: Settings | Mapping[str, Settings],
    fix: bool = False,
    render: bool = True,
    jobs: int | None = None,
    progress: bool = False,
) -> list[DraftReport]:
    """Check every draft; in worker processes when there are enough of them. Reports come back
    in the order of `files`."""
    jobs = jobs or os.cpu_count() or 1
    # One Settings for every draft, or each draft's own (found from its folder upward).
    tasks = [
        (f, settings[f] if isinstance(settings, Mapping) else settings, fix, render) for f in files
    ]
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(tasks), unit="draft", file=sys.stderr, leave=False, dynamic_ncols=True)
    reports: list[DraftReport] = []
    try:
        if jobs == 1 or len(tasks) < PARALLEL_FROM:
            for t in tasks:
                reports.append(_check_star(t))
                if bar:
                    bar.update()
        else:
            # Chunks amortise the pickling; several chunks per worker keep both cores busy.
            chunk = max(1, min(16, len(tasks) // (jobs * 4)))
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                for r in pool.map(_check_star, tasks, chunksize=chunk):
                    reports.append(r)
                    if bar:
                        bar.update()
    finally:
        if bar:
            bar.close()
    return reports
