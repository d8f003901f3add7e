"""`subkit import FILE -o DRAFT.md`: an existing Word, OpenDocument or text submission as a draft;
`subkit import --diff EDITED.docx --against DRAFT`: colleagues' Word edits as changes to a draft.

The input is only read. The draft is written only if it does not exist yet; everything the
import could not classify is reported at its place in the new draft (SK040), to be checked.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from submission_kit.commands._common import EXIT_FINDINGS, EXIT_OK, emit, fail, format_option

if TYPE_CHECKING:
    from submission_kit.importing.diff import Unit

#: The finding of `subkit import`: something in the imported draft to check (a TODO).
IMPORT_TODO = "SK040"


@click.command(name="import")
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="The draft to write: DRAFT.md (Markdown) or DRAFT.yaml. Never replaced if it exists.",
)
@click.option(
    "--diff",
    "diff",
    is_flag=True,
    help="Show how SOURCE (an edited DOCX) differs from the draft given with --against.",
)
@click.option(
    "--against",
    type=click.Path(path_type=Path),
    help="With --diff: the draft the DOCX was rendered from.",
)
@format_option
def import_(source: Path, output: Path | None, diff: bool, against: Path | None, fmt: str) -> None:
    """Bring a submission written in Word (.docx), LibreOffice (.odt) or as text (.txt) in as a
    draft, or show the edits made in Word to a rendered draft.

    \b
    subkit import old-submission.docx -o draft.md
    subkit import old-submission.txt -o draft.yaml
    subkit import --diff edited.docx --against draft.md

    Exit status: 0 imported (or, with --diff, no changes); 1 imported with points to check,
    or changes found; 2 nothing written (unreadable or unsupported file, existing draft).
    """
    from submission_kit.importing import ImportProblem, import_document

    if not source.is_file():
        fail(f"no such file: {source}")
    if diff:
        if against is None:
            fail("--diff needs --against DRAFT", "name the draft the DOCX was rendered from")
        assert against is not None  # fail() exits
        if output is not None:
            fail(
                "-o is not used with --diff: the comparison writes no file",
                "run `subkit import --diff EDITED.docx --against DRAFT` and edit the draft; "
                "to bring the DOCX in as a new draft, run `subkit import EDITED.docx -o NEW.md`",
            )
        _diff(source, against, fmt)
        return
    if output is None:
        fail("give the draft to write with -o DRAFT.md or -o DRAFT.yaml")
    assert output is not None  # fail() exits
    suffix = output.suffix.lower()
    if suffix not in (".md", ".markdown", ".yaml", ".yml"):
        fail(f"cannot tell the format of {output}", "name it DRAFT.md or DRAFT.yaml")
    if output.exists():
        fail(
            f"{output} already exists; nothing was written",
            "import into a new file; an existing draft is never replaced",
        )
    if output.resolve() == source.resolve():
        fail("the draft would replace the document being imported", "choose another -o")
    try:
        imported = import_document(source)
    except ImportProblem as exc:
        fail(exc.message, exc.hint)
    except OSError as exc:
        fail(f"cannot read {source}: {exc.strerror or exc}")
    from submission_kit.diagnostics import Diagnostic, Severity
    from submission_kit.importing.convert import ConvertError, to_markdown, to_yaml
    from submission_kit.scaffold.new import write_new
    from submission_kit.validate import validate_text

    header = f"Imported from {source.name} by `subkit import`; check the points it reports."
    try:
        if suffix in (".md", ".markdown"):
            text = to_markdown(imported.data)
            text = "---\n# " + header + "\n" + text[4:]
        else:
            text = to_yaml(imported.data, header=header)
    except ConvertError as exc:
        fail(f"the imported document cannot be written as a draft: {exc.message}")
    result = validate_text(text, str(output))
    try:
        write_new(output, text)
    except FileExistsError:
        fail(f"{output} already exists; nothing was written")
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    todos: list[Diagnostic] = []
    for note in imported.notes:
        pos = result.draft.position(note.path)
        origin = f" (from {source.name}, {note.where})" if note.where else ""
        todos.append(
            Diagnostic(
                str(output),
                pos.line,
                pos.column,
                IMPORT_TODO,
                Severity.WARNING,
                f"TODO: {note.message}{origin}",
                "check this against the original document, then edit the draft",
                path=".".join(str(p) for p in note.path),
            )
        )
    found = sorted([*todos, *result.diagnostics], key=Diagnostic.sort_key)
    if fmt == "human":
        click.echo(f"Wrote {output} from {source}")
    emit(
        found,
        fmt,
        {str(output): result.draft.lines},
        summary=(
            f"{len(found)} point(s) to check, then run `subkit validate {output}`."
            if found
            else f"Nothing to check: run `subkit validate {output}`."
        )
        if fmt == "human"
        else "",
        files=[str(output)],
        command="subkit import",
    )
    raise SystemExit(EXIT_FINDINGS if found else EXIT_OK)


def _diff(edited: Path, against: Path, fmt: str) -> None:
    import json

    from submission_kit.importing.diff import describe, diff_against
    from submission_kit.validate import validate_file

    try:
        draft = validate_file(against)
    except OSError as exc:
        fail(f"cannot read {against}: {exc.strerror or exc}")
    if draft.submission is None:
        emit(draft.diagnostics, "human", {draft.draft.file: draft.draft.lines})
        fail(f"{against} does not validate; fix it before comparing")
    found = diff_against(edited, against, draft)
    changes, in_word, warnings, elsewhere = (
        found.changes, found.in_word, found.warnings, found.elsewhere
    )  # fmt: skip
    made_in = "word" if in_word else "draft"
    if fmt == "json":
        click.echo(
            json.dumps(
                [
                    {
                        "kind": c.kind,
                        "change": c.op if in_word else _reversed(c.op),
                        "made_in": made_in,
                        "path": ".".join(str(p) for p in c.anchor),
                        "line": draft.draft.position(c.anchor).line,
                        "old": _text(c.old if in_word else c.new),
                        "new": _text(c.new if in_word else c.old),
                    }
                    for c in changes
                ]
                + [
                    {
                        "kind": "generated",
                        "change": "changed",
                        "made_in": "word",
                        "path": ".".join(str(p) for p in n.path),
                        "line": draft.draft.position(n.path).line,
                        "old": None,
                        "new": n.message,
                    }
                    for n in elsewhere
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        for w in warnings:
            click.echo(f"subkit: warning: {w}", err=True)
    else:
        for w in warnings:
            click.echo(f"warning: {w}")
        if not in_word and changes:
            click.echo(
                f"{edited} is unchanged since it was rendered; the draft changed after "
                f"rendering (nothing was edited in Word). Changes in {against} since:"
            )
        for line in describe(changes, draft.draft, in_word=in_word):
            click.echo(line)
        for n in elsewhere:
            pos = draft.draft.position(n.path)
            click.echo(f"{draft.draft.file}:{pos.line}:{pos.column}: {n.message} ({n.where})")
        counts = {k: sum(c.kind == k for c in changes) for k in ("paragraph", "ask", "footnote")}
        listed = ", ".join(
            f"{n} {k}(s)" for k, n in {**counts, "generated part": len(elsewhere)}.items() if n
        )
        if not changes and not elsewhere:
            click.echo("No changes: the DOCX says what the draft says.")
        elif not in_word:
            click.echo(
                f"No changes made in Word; {len(changes)} change(s) made in the draft since "
                f"rendering: {listed}. Render again to bring the DOCX up to date."
            )
        elif warnings:
            click.echo(
                f"{len(changes) + len(elsewhere)} difference(s) with a document that was not "
                f"rendered from {against}: {listed}"
            )
        else:
            click.echo(f"{len(changes) + len(elsewhere)} change(s) made in Word: {listed}")
    raise SystemExit(EXIT_FINDINGS if (changes and in_word) or elsewhere else EXIT_OK)


def _text(unit: Unit | None) -> str | None:
    return unit.text if unit is not None else None


def _reversed(op: str) -> str:
    return {"added": "removed", "removed": "added"}.get(op, op)
