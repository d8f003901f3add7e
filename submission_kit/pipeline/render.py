"""Render a submission to DOCX or HTML (compose, then write) and put the file on disk safely.

Safe means: the file appears whole or not at all (temporary file in the same folder,
then an atomic rename); the draft itself and paths that are neither .docx nor .html are never
written; and a DOCX (or page) changed after the kit wrote it (edited in Word, say) is not overwritten unless
the user forces it. See `stamp.py` for how "changed" is told apart. A PDF is replaced only
when it is the kit's own previous PDF of the kit's own DOCX (see `check_pdf_target`).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from submission_kit import files
from submission_kit.diagnostics import UserError
from submission_kit.model.common import Submission
from submission_kit.write.stamp import Origin, origin

if TYPE_CHECKING:
    from submission_kit.validate import Validated


class RenderError(UserError):
    """A render that must not or cannot happen, with a plain-language reason and a hint."""


#: The writer of each output suffix: the format follows the name given with -o.
OUTPUT_FORMATS = {".docx": "docx", ".html": "html", ".htm": "html"}


def output_format(out: Path) -> str | None:
    """ "docx" or "html" by the suffix of `out`; None when the kit writes no such file."""
    return OUTPUT_FORMATS.get(out.suffix.lower())


def render_bytes(
    submission: Submission, words_per_minute: int | None = None, fmt: str = "docx"
) -> bytes:
    """The DOCX (or, with fmt="html", the HTML page) of `submission`, fingerprinted. The same
    draft always gives the same bytes.

    `words_per_minute` is the speaking pace of the oral statement's speaker note (the
    `words-per-minute` setting that rule SK303 uses too); default 120.
    """
    from submission_kit.compose import compose

    doc = compose(submission, words_per_minute=words_per_minute)
    if fmt == "html":
        from submission_kit.write.html import write_html
        from submission_kit.write.stamp import stamp_html

        return stamp_html(write_html(doc))
    from submission_kit.write.docx import write_docx

    return write_docx(doc, fingerprint=True)


def default_output(draft: Path) -> Path:
    """statement.yaml -> statement.docx, next to the draft."""
    return draft.with_suffix(".docx")


def check_target(
    out: Path, *, draft: Path | None = None, force: bool = False, parent_made_later: bool = False
) -> None:
    """Raise RenderError when writing `out` would be wrong: neither .docx nor .html, the draft
    itself, a folder, a missing folder, or a file changed since the kit wrote it (unless `force`).

    `parent_made_later`: the caller creates the folder just before writing (an --out-dir
    that does not exist yet), so a missing folder is not an error here.
    """
    if output_format(out) is None:
        hint = f"name the output like {out.with_suffix('.docx').name} or {out.with_suffix('.html').name}"
        if out.suffix.lower() == ".pdf":
            hint = f"for a PDF, write {out.with_suffix('.docx').name} with --pdf: the PDF is made next to it"
        raise RenderError(
            f"{out} is not a .docx file; subkit writes Word documents (.docx) and web pages (.html)",
            hint,
        )
    try:
        exists, is_dir, parent_is_dir = out.exists(), out.is_dir(), out.parent.is_dir()
    except OSError as exc:  # a name too long, say
        problem = files.explain(exc, out, writing=True)
        raise RenderError(problem.message, problem.hint) from None
    if draft is not None and exists and _same_file(out, draft):
        raise RenderError(
            f"{out} is the draft itself; rendering would destroy it", "choose another -o name"
        )
    if is_dir:
        raise RenderError(
            f"{out} is a folder", f"give a file name ending in {out.suffix or '.docx'}"
        )
    if not parent_is_dir and not parent_made_later:
        raise RenderError(
            f"the folder {out.parent} does not exist", "create it first, or choose another -o"
        )
    if parent_is_dir:
        # A device node, a FIFO ... is never replaced, --force or not.
        try:
            files.check_target(out)
        except files.FileProblem as exc:
            raise RenderError(exc.message, exc.hint) from None
    if force or not out.exists():
        return
    found = origin(out)
    if found is Origin.CHANGED:
        raise RenderError(
            f"{out} was changed after subkit wrote it (edited or saved in another program); "
            "rendering would lose those changes",
            "keep your edits under another name, or add --force to overwrite",
        )
    if found is Origin.FOREIGN:
        raise RenderError(
            f"{out} exists and was not written by subkit; it will not be overwritten",
            "choose another -o name, or add --force to overwrite",
        )


def pdf_of(docx: Path) -> Path:
    """Where `--pdf` puts the PDF of `docx`: next to it, same name."""
    return docx.with_suffix(".pdf")


def check_pdf_target(pdf: Path, docx: Path, *, force: bool = False) -> None:
    """Raise RenderError when making `pdf` would replace a PDF the kit did not make.

    The kit gives each PDF it makes the modification time of the DOCX it was made from, to
    the nanosecond. So an existing PDF is the kit's own previous PDF when the DOCX next to it
    is the kit's unchanged output and both carry the same time. A PDF exported or saved by
    any program afterwards is newer; a PDF with no kit DOCX beside it is someone else's.
    Call this before the DOCX is replaced: the rule looks at the DOCX as it was.
    """
    if pdf.is_dir():
        raise RenderError(f"{pdf} is a folder; the PDF cannot be written there")
    if pdf.parent.is_dir():
        try:
            files.check_target(pdf)
        except files.FileProblem as exc:
            raise RenderError(exc.message, exc.hint) from None
    if force or not pdf.exists():
        return
    try:
        own = (
            docx.is_file()
            and origin(docx) is Origin.KIT_UNCHANGED
            and pdf.stat().st_mtime_ns == docx.stat().st_mtime_ns
        )
    except OSError:
        own = False
    if not own:
        try:
            older = pdf.stat().st_mtime_ns < docx.stat().st_mtime_ns
        except OSError:
            older = False
        if older:
            raise RenderError(
                f"{pdf} is older than {docx.name}, so it is not a PDF of the current DOCX; "
                "it will not be replaced",
                "if it is only an out-of-date copy, add --force to replace it",
            )
        raise RenderError(
            f"{pdf} exists and is not the PDF subkit made of {docx.name}; it will not be replaced",
            "keep it under another name, or add --force to replace it",
        )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return a.resolve() == b.resolve()


def write_atomically(data: bytes, out: Path) -> None:
    """Write `data` to `out` whole or not at all (see `submission_kit.files.write_atomic`).

    Raises RenderError with the reason (a full disk, a read-only folder ...) in plain words."""
    try:
        files.write_atomic(out, data)
    except files.FileProblem as exc:
        raise RenderError(exc.message, exc.hint) from None


def render_to_file(
    submission: Submission,
    out: Path,
    *,
    draft: Path | None = None,
    force: bool = False,
    words_per_minute: int | None = None,
) -> Path | None:
    """Render `submission` and write it to `out`, refusing the writes `check_target` refuses.

    With `force`, a DOCX that is not subkit's unchanged output (edited in Word, or another
    program's) is first copied to a backup next to it; returns the backup's path, or None."""
    check_target(out, draft=draft, force=force)
    data = render_bytes(submission, words_per_minute, output_format(out) or "docx")
    backup = None
    if force and out.exists() and origin(out) is not Origin.KIT_UNCHANGED:
        backup = backup_of(out)
        try:
            # Whole or not at all, and never over an earlier backup; the dates stay the file's.
            files.write_atomic(backup, files.read_bytes(out, MAX_BACKUP_BYTES), no_clobber=True)
            shutil.copystat(out, backup)
        except OSError as exc:
            problem = files.explain(exc, backup, writing=True)
            raise RenderError(
                f"cannot keep a backup of {out}: {problem.reason}; nothing was written",
                problem.hint,
            ) from None
    write_atomically(data, out)
    return backup


#: A DOCX is copied to a backup whole, in memory: larger files are not Word documents.
MAX_BACKUP_BYTES = 1024 * 1024 * 1024


def backup_of(docx: Path) -> Path:
    """The first free name among NAME.backup.docx, NAME.backup-2.docx ...: a backup never
    replaces an earlier one."""
    candidate = docx.with_name(f"{docx.stem}.backup{docx.suffix}")
    n = 2
    while candidate.exists():
        candidate = docx.with_name(f"{docx.stem}.backup-{n}{docx.suffix}")
        n += 1
    return candidate


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx: Path, timeout: float = 180) -> Path:
    """Convert `docx` to a PDF next to it with LibreOffice headless; return the PDF path.

    Uses a private, throw-away LibreOffice profile so that a running LibreOffice (or a
    broken user profile) cannot block the conversion.
    """
    import subprocess  # only for --pdf: a render without them never pays for the modules
    import tempfile

    program = soffice()
    if program is None:
        raise RenderError(
            "cannot make the PDF: LibreOffice (soffice) is not installed; the DOCX was written",
            "install LibreOffice, or convert the DOCX yourself",
        )
    pdf = pdf_of(docx)
    with tempfile.TemporaryDirectory(prefix="subkit-pdf-") as work:
        profile = Path(work, "profile").as_uri()
        outdir = Path(work, "out")
        try:
            result = subprocess.run(
                [program, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                 "--outdir", str(outdir), str(docx)],
                capture_output=True, text=True, timeout=timeout, check=False,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            raise RenderError(
                f"LibreOffice took more than {timeout:.0f} s to convert {docx}"
            ) from None
        made = outdir / pdf.name
        if result.returncode != 0 or not made.exists():
            reason = (result.stderr or result.stdout).strip().splitlines()
            raise RenderError(
                f"LibreOffice could not convert {docx} to PDF"
                + (f": {reason[-1]}" if reason else ""),
                "the DOCX was written; open it in Word or LibreOffice to export a PDF",
            )
        # Not necessarily the same file system as the PDF: read, then write atomically.
        try:
            files.write_atomic(pdf, made.read_bytes())
            # The DOCX's own time stamp marks this PDF as the kit's (see check_pdf_target).
            source = docx.stat()
            os.utime(pdf, ns=(source.st_atime_ns, source.st_mtime_ns))
        except OSError as exc:
            problem = files.explain(exc, pdf, writing=True)
            raise RenderError(problem.message, problem.hint) from None
    return pdf


@dataclass
class Plan:
    """What one render run will write: each draft's target, every target checked before
    anything is written, so that a batch never stops halfway."""

    drafts: list[Path]
    targets: list[Path]
    out_dir: Path | None = None
    #: The output folder does not exist yet: it is made when the first file goes into it, so a
    #: refused run leaves no empty folder behind.
    make_out_dir: bool = False


def plan(
    drafts: Sequence[Path],
    *,
    given: Sequence[Path],
    output: Path | None = None,
    out_dir: Path | None = None,
    force: bool = False,
    pdf: bool = False,
) -> Plan:
    """The targets of rendering `drafts` (found from the paths the user `given`) to `output`
    (one draft) or into `out_dir`, else next to each draft; raises RenderError, before any
    file is written, for every reason the run must not go ahead."""
    from submission_kit.load.foreign import is_document

    if output is not None and out_dir is not None:
        raise RenderError("give either -o OUT.docx or --out-dir DIR, not both")
    if pdf and output is not None and output_format(output) == "html":
        raise RenderError(
            "--pdf makes a PDF of a DOCX, not of a web page", "use -o OUT.docx with --pdf"
        )
    if not drafts:
        raise RenderError(f"no drafts (*.yaml, *.md) found in {', '.join(map(str, given))}")
    if output is not None and len(drafts) > 1:
        folders = [str(d) for d in given if Path(d).is_dir()]
        held = f"the folder {', '.join(folders)} holds" if folders else "you gave"
        raise RenderError(
            f"-o names one file but {held} {len(drafts)} drafts",
            "use --out-dir DIR for several drafts",
        )
    make_out_dir = False
    if out_dir is not None:
        if out_dir.exists() and not out_dir.is_dir():
            raise RenderError(f"{out_dir} is not a folder")
        make_out_dir = not out_dir.exists()
        if make_out_dir and not _creatable(out_dir):
            raise RenderError(f"cannot create the folder {out_dir}: a part of its path is a file")
    for d in drafts:
        if is_document(d):
            raise RenderError(
                f"{d} is a document, not a draft",
                f"bring it in with `subkit import {d} -o draft.md`",
            )
    targets = [
        output or (out_dir / f"{d.stem}.docx" if out_dir else default_output(d)) for d in drafts
    ]
    seen: dict[Path, Path] = {}
    for d, target in zip(drafts, targets, strict=True):
        other = seen.setdefault(target.resolve(), d)
        if other != d:
            raise RenderError(
                f"{other} and {d} would both be written to {target}", "rename one of the drafts"
            )
    # The PDF check looks at the DOCX as it is now, so it too comes before any write.
    for d, target in zip(drafts, targets, strict=True):
        check_target(target, draft=d, force=force, parent_made_later=make_out_dir)
        if pdf:
            check_pdf_target(pdf_of(target), target, force=force)
    return Plan(list(drafts), targets, out_dir, make_out_dir)


def _creatable(folder: Path) -> bool:
    """Whether mkdir -p could make `folder`: its nearest existing ancestor is a folder."""
    for parent in folder.absolute().parents:
        if parent.exists():
            return parent.is_dir()
    return True


def as_working_copy(result: Validated) -> None:
    """`render --draft`: unfilled placeholders (SK207) no longer block the render, and the
    title carries the language's draft mark (`draft_mark` of its phrase catalogue: DRAFT,
    PROJET, BORRADOR), so the working copy cannot pass for the final document."""
    from submission_kit.compose.phrases import phrases
    from submission_kit.diagnostics import Severity

    for d in result.diagnostics:
        if d.code == "SK207":
            d.severity = Severity.WARNING
    sub = result.submission
    if sub is None:
        return
    meta = sub.metadata
    mark = phrases(meta.language).raw("draft_mark")
    title = f"{mark} – {meta.title}"
    result.submission = sub.model_copy(
        update={"metadata": meta.model_copy(update={"title": title})}
    )
