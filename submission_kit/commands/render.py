"""`subkit render DRAFT -o OUT.docx`: a checked draft to a Word document in UN formatting
(or, with `-o OUT.html`, to the same document as a web page).

Several drafts render in one process with `--out-dir DIR`. A draft with errors is
reported like `subkit validate` and nothing is written for it.
"""

from __future__ import annotations

from pathlib import Path

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
    from submission_kit.compose import ComposeError, PhraseError
    from submission_kit.pipeline.render import (
        RenderError,
        as_working_copy,
        convert_to_pdf,
        plan,
        render_to_file,
    )
    from submission_kit.settings import ConfigError, for_drafts
    from submission_kit.validate import collect_drafts

    try:
        files = collect_drafts([str(d) for d in drafts])
    except FileNotFoundError as exc:
        fail(f"no such draft: {exc.args[0]}")
    except OSError as exc:  # a name too long for the file system, say
        fail(str(exc), getattr(exc, "hint", ""))
    try:
        # The speaker note times an oral statement at the pace `subkit check` uses, with the
        # settings found the same way: from each draft's folder upward.
        settings = for_drafts(files)
    except ConfigError as exc:
        fail(f"{exc.where}: {exc.message}", exc.hint)
    try:
        run = plan(files, given=drafts, output=output, out_dir=out_dir, force=force, pdf=pdf)
    except RenderError as exc:
        fail(exc.message, exc.hint)
    make_out_dir = run.make_out_dir

    found = Findings()
    diagnostics, sources = found.diagnostics, found.sources
    written: list[Path] = []
    for d, t in zip(run.drafts, run.targets, strict=True):
        result = found.validate(d)
        if working_copy:
            as_working_copy(result)
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


def _summary(written: list[Path], failed: int, out_dir: Path | None) -> str:
    if len(written) == 1 and not failed:
        return f"Wrote {written[0]}"
    where = f" into {out_dir}" if out_dir else ""
    lines = [f"Wrote {path}" for path in written]
    line = "\n".join([*lines, f"Rendered {len(written)} draft(s){where}."])
    if failed:
        line += f" {failed} draft(s) had errors and were not rendered."
    return line
