"""`subkit render DRAFT -o OUT.docx`: a checked draft to a Word document in UN formatting
(or, with `-o OUT.html`, to the same document as a web page).

Several drafts render in one process with `--out-dir DIR`. A draft with errors is
reported like `subkit validate` and nothing is written for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from submission_kit.commands._common import (
    EXIT_CANNOT_RUN,
    EXIT_FINDINGS,
    EXIT_OK,
    Findings,
    emit,
    fail,
    format_option,
)

if TYPE_CHECKING:
    from submission_kit.check import Validated


@click.command()
@click.argument("drafts", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="The DOCX (or .html page) to write (one draft). Default: the draft's name with .docx, "
    "next to it.",
)
@click.option(
    "--out-dir",
    type=click.Path(path_type=Path),
    help="Folder for the DOCX files of several drafts (created when something is written).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Overwrite a DOCX changed after subkit wrote it (kept as NAME.backup.docx), or a PDF "
    "subkit did not make.",
)
@click.option("--pdf", is_flag=True, help="Also make a PDF next to each DOCX (needs LibreOffice).")
@click.option(
    "--draft",
    "working_copy",
    is_flag=True,
    help="Render a working copy to share: TODO(...) placeholders stay visible and the title "
    "is marked as a draft. Without it a draft with placeholders is refused.",
)
@format_option
def render(
    drafts: tuple[Path, ...],
    output: Path | None,
    out_dir: Path | None,
    force: bool,
    pdf: bool,
    working_copy: bool,
    fmt: str,
) -> None:
    """Render drafts (files, or folders of *.yaml and *.md) to DOCX in UN formatting.

    \b
    subkit render statement.yaml -o statement.docx
    subkit render statement.yaml -o statement.html   # the same document as a web page
    subkit render drafts/                # each DOCX next to its draft
    subkit render drafts/*.yaml --out-dir build/

    A DOCX is only replaced if it is subkit's own, unchanged output. With --pdf, an
    existing PDF is only replaced if subkit made it: the DOCX beside it is subkit's
    unchanged output and carries the same modification time, which subkit gives each
    PDF it makes. A PDF exported or saved by another program is newer and is kept.
    --force replaces either anyway.

    Exit status: 0 written, 1 a draft has errors (nothing written for it), 2 the command
    could not run (bad output path, a DOCX edited or a PDF made outside subkit, no
    LibreOffice for --pdf).
    """
    from submission_kit.check import collect_drafts
    from submission_kit.compose import ComposeError, PhraseError
    from submission_kit.config import ConfigError, for_drafts
    from submission_kit.render import (
        RenderError,
        check_pdf_target,
        check_target,
        convert_to_pdf,
        default_output,
        output_format,
        pdf_of,
        render_to_file,
    )

    if output is not None and out_dir is not None:
        fail("give either -o OUT.docx or --out-dir DIR, not both")
    if pdf and output is not None and output_format(output) == "html":
        fail("--pdf makes a PDF of a DOCX, not of a web page", "use -o OUT.docx with --pdf")
    try:
        files = collect_drafts([str(d) for d in drafts])
    except FileNotFoundError as exc:
        fail(f"no such draft: {exc.args[0]}")
    except OSError as exc:  # a name too long for the file system, say
        fail(str(exc), getattr(exc, "hint", ""))
    if not files:
        fail(f"no drafts (*.yaml, *.md) found in {', '.join(map(str, drafts))}")
    try:
        # The speaker note times an oral statement at the pace `subkit check` uses, with the
        # settings found the same way: from each draft's folder upward.
        settings = for_drafts(files)
    except ConfigError as exc:
        fail(f"{exc.where}: {exc.message}", exc.hint)
    if output is not None and len(files) > 1:
        folders = [str(d) for d in drafts if Path(d).is_dir()]
        given = f"the folder {', '.join(folders)} holds" if folders else "you gave"
        fail(
            f"-o names one file but {given} {len(files)} drafts",
            "use --out-dir DIR for several drafts",
        )
    make_out_dir = False
    if out_dir is not None:
        if out_dir.exists() and not out_dir.is_dir():
            fail(f"{out_dir} is not a folder")
        make_out_dir = not out_dir.exists()
        if make_out_dir and not _creatable(out_dir):
            fail(f"cannot create the folder {out_dir}: a part of its path is a file")

    from submission_kit.load.foreign import is_document

    for d in files:
        if is_document(d):
            fail(
                f"{d} is a document, not a draft",
                f"bring it in with `subkit import {d} -o draft.md`",
            )
    targets = [
        output or (out_dir / f"{d.stem}.docx" if out_dir else default_output(d)) for d in files
    ]
    seen: dict[Path, Path] = {}
    for d, t in zip(files, targets, strict=True):
        other = seen.setdefault(t.resolve(), d)
        if other != d:
            fail(f"{other} and {d} would both be written to {t}", "rename one of the drafts")

    # Refuse every bad target before writing anything, so a batch never stops halfway.
    # The PDF check looks at the DOCX as it is now, so it too must come first.
    for d, t in zip(files, targets, strict=True):
        try:
            check_target(t, draft=d, force=force, parent_made_later=make_out_dir)
            if pdf:
                check_pdf_target(pdf_of(t), t, force=force)
        except RenderError as exc:
            fail(exc.message, exc.hint)

    found = Findings()
    diagnostics, sources = found.diagnostics, found.sources
    written: list[Path] = []
    for d, t in zip(files, targets, strict=True):
        result = found.validate(d)
        if working_copy:
            _as_working_copy(result)
        if not result.ok or result.submission is None:
            continue
        if make_out_dir and out_dir is not None:
            # Made only now, when a file will go into it: a refused run leaves no empty folder.
            try:
                out_dir.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                fail(f"cannot create the folder {out_dir}: {exc.strerror or exc}")
            make_out_dir = False
        try:
            backup = render_to_file(
                result.submission,
                t,
                draft=d,
                force=force,
                words_per_minute=settings[str(d)].for_file(d).words_per_minute,
            )
        except (RenderError, ComposeError) as exc:
            fail(getattr(exc, "message", str(exc)), getattr(exc, "hint", ""))
        except PhraseError as exc:
            fail(f"the phrase catalogue is broken: {exc}", "reinstall submission-kit")
        except OSError as exc:
            fail(f"cannot write {t}: {exc.strerror or exc}")
        written.append(t)
        if backup is not None and fmt == "human":
            click.echo(f"Kept the replaced {t.name} as {backup}")

    failed = len(files) - len(written)
    summary = _summary(written, failed, out_dir)
    emit(
        diagnostics,
        fmt,
        sources,
        summary=summary if fmt == "human" else "",
        files=[str(d) for d in files],
        command="subkit render",
    )

    if pdf:
        for t in written:
            try:
                made = convert_to_pdf(t)
            except RenderError as exc:
                click.echo(
                    f"subkit: {exc.message}" + (f" ({exc.hint})" if exc.hint else ""), err=True
                )
                raise SystemExit(EXIT_CANNOT_RUN) from None
            if fmt == "human" and len(written) == 1:
                click.echo(f"Wrote {made}")
    raise SystemExit(EXIT_FINDINGS if failed else EXIT_OK)


#: The mark a working copy's title carries, in the document's language.
DRAFT_MARK = {"en": "DRAFT", "fr": "PROJET", "es": "BORRADOR"}


def _as_working_copy(result: Validated) -> None:
    """`--draft`: unfilled placeholders (SK207) no longer block the render, and the title says
    the document is a draft, so the working copy cannot pass for the final one."""
    from submission_kit.diagnostics import Severity

    for d in result.diagnostics:
        if d.code == "SK207":
            d.severity = Severity.WARNING
    sub = result.submission
    if sub is None:
        return
    meta = sub.metadata
    mark = DRAFT_MARK.get(meta.language, DRAFT_MARK["en"])
    title = f"{mark} – {meta.title}"
    result.submission = sub.model_copy(
        update={"metadata": meta.model_copy(update={"title": title})}
    )


def _creatable(folder: Path) -> bool:
    """Whether mkdir -p could make `folder`: its nearest existing ancestor is a folder."""
    for parent in folder.absolute().parents:
        if parent.exists():
            return parent.is_dir()
    return True


def _summary(written: list[Path], failed: int, out_dir: Path | None) -> str:
    if len(written) == 1 and not failed:
        return f"Wrote {written[0]}"
    where = f" into {out_dir}" if out_dir else ""
    lines = [f"Wrote {path}" for path in written]
    line = "\n".join([*lines, f"Rendered {len(written)} draft(s){where}."])
    if failed:
        line += f" {failed} draft(s) had errors and were not rendered."
    return line
