"""`subkit convert DRAFT -o OUT`: a YAML draft as Markdown, or a Markdown draft as YAML.

The conversion is checked before anything is written: the new draft must validate to the
same model as the old one, or nothing is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from submission_kit.commands._common import EXIT_FINDINGS, EXIT_OK, emit, fail, format_option

if TYPE_CHECKING:
    from submission_kit.diagnostics import Diagnostic

FORMATS = {".md": "md", ".markdown": "md", ".yaml": "yaml", ".yml": "yaml"}


def leading_comments(text: str, markdown: bool) -> list[str]:
    """The comment lines that open a draft (its own notes on where it comes from), without '#'.
    The editor's schema line is left out: the YAML writer adds its own."""
    lines = text.split("\n")
    if markdown:
        if not lines or lines[0].rstrip() != "---":
            return []
        lines = lines[1:]
    out: list[str] = []
    for line in lines:
        s = line.strip()
        if not s.startswith("#"):
            break
        body = s[1:].removeprefix(" ")
        if "yaml-language-server" not in body:
            out.append(body)
    return out


def convert_text(text: str, source: str, target_format: str) -> tuple[str, list[str]]:
    """The draft `text` (read as `source`'s format) written in `target_format`, and notes on
    what the conversion could not carry. Raises ConvertError."""
    from submission_kit.importing.convert import ConvertError, to_markdown, to_yaml
    from submission_kit.load import load_text

    loaded = load_text(text, source)
    if loaded.data is None:
        raise ConvertError("the draft cannot be read; fix the errors above first")
    markdown_in = FORMATS.get(Path(source).suffix.lower()) == "md"
    notes: list[str] = []
    comments = leading_comments(text, markdown_in)
    if target_format == "md":
        out = to_markdown(loaded.data)
        if comments:
            out = "---\n" + "".join(f"# {c}\n" if c else "#\n" for c in comments) + out[4:]
    else:
        out = to_yaml(loaded.data, header="\n".join(comments))
    total = sum(1 for ln in text.split("\n") if ln.strip().startswith("#"))
    if not markdown_in and total > len(comments) + 1:
        notes.append(
            f"{total - len(comments)} comment line(s) inside the draft were not carried over "
            "(the comments that open it were)"
        )
    return out, notes


def _changes_the_text(d: Diagnostic) -> bool:
    """An error of reading (SK0xx) or of the schema (SK1xx): what the draft holds as read is
    not what it says, so a conversion would carry the loss over."""
    return d.severity.value == "error" and d.code[:3] in ("SK0", "SK1")


def same_model(a: str, a_name: str, b: str, b_name: str) -> bool | None:
    """Whether two drafts validate to the same model; None when either does not validate."""
    from submission_kit.validate import validate_text

    first, second = validate_text(a, a_name), validate_text(b, b_name)
    if first.submission is None or second.submission is None:
        return None
    return first.submission == second.submission


@click.command()
@click.argument("draft", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="The draft to write: OUT.md for Markdown, OUT.yaml for YAML.",
)
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
@format_option
def convert(draft: Path, output: Path, force: bool, fmt: str) -> None:
    """Write DRAFT (YAML or Markdown) in the other format, losing nothing.

    \b
    subkit convert statement.yaml -o statement.md
    subkit convert statement.md -o statement.yaml

    The new draft is validated before it is written: it must give the same submission as
    DRAFT, or nothing is written. OUTPUT is never replaced unless --force is given.

    A draft with reading or schema errors (text cut by ' #', a sentence read as a mapping) is
    not converted: its text as read is not its text as written.

    Exit status: 0 written, 1 written but the draft has other errors to fix (listed, e.g. an
    article the treaty lacks), 2 nothing written (unreadable draft, reading or schema errors,
    existing OUTPUT, unknown format).
    """
    from submission_kit.importing.convert import ConvertError
    from submission_kit.scaffold.new import write_new
    from submission_kit.validate import validate_file

    source_format = FORMATS.get(draft.suffix.lower())
    target_format = FORMATS.get(output.suffix.lower())
    if source_format is None:
        fail(f"{draft} is not a draft (.yaml or .md)", "for Word or text files use `subkit import`")
    if target_format is None:
        fail(f"cannot tell the format of {output}", "name it OUT.md or OUT.yaml")
    assert source_format is not None and target_format is not None  # fail() exits
    if not draft.is_file():
        fail(f"no such draft: {draft}")
    if output.exists() and not force:
        fail(f"{output} already exists; nothing was written", "choose another -o, or add --force")
    if output.exists() and output.resolve() == draft.resolve():
        fail("the output is the draft itself; nothing was written", "choose another -o")
    try:
        result = validate_file(draft)
    except OSError as exc:
        fail(f"cannot read {draft}: {exc.strerror or exc}")
    load_errors = [d for d in result.draft.diagnostics if d.severity.value == "error"]
    if result.draft.data is None or load_errors:
        emit(result.diagnostics, fmt, {result.draft.file: result.draft.lines})
        fail(f"{draft} cannot be read as a draft; nothing was written", "fix the errors above")
    if result.submission is None or any(_changes_the_text(d) for d in result.diagnostics):
        # The other format is written from the draft as read: text cut by a ' #', a sentence
        # read as a mapping, a field the schema cannot place would be lost for good.
        emit(result.diagnostics, fmt, {result.draft.file: result.draft.lines})
        fail(
            f"{draft} is not read as you wrote it (the errors above); converting it now would "
            "lose that text for good, so nothing was written",
            "fix those errors, then convert again",
        )
    try:
        text, notes = convert_text(result.draft.text, str(draft), target_format)
    except ConvertError as exc:
        where = ".".join(str(p) for p in exc.path)
        fail(f"{draft}: {exc.message}" + (f" (at {where})" if where else ""))
    same = same_model(result.draft.text, str(draft), text, str(output))
    if same is False:
        fail(
            f"converting {draft} would change the submission; nothing was written",
            "this is a bug in submission-kit; please report it with the draft",
        )
    try:
        write_new(output, text, force=force)
    except FileExistsError:
        fail(f"{output} already exists; nothing was written", "choose another -o, or add --force")
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    if fmt == "human":
        click.echo(f"Wrote {output}")
        for note in notes:
            click.echo(f"note: {note}")
    if result.diagnostics:
        emit(result.diagnostics, fmt, {result.draft.file: result.draft.lines})
    errors = any(d.severity.value == "error" for d in result.diagnostics)
    raise SystemExit(EXIT_FINDINGS if errors else EXIT_OK)
