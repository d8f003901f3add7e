"""Render a submission to DOCX (compose, then write) and put the file on disk safely.

Safe means: the file appears whole or not at all (temporary file in the same folder,
then an atomic rename); the draft itself and non-.docx paths are never written; and a
DOCX changed after the kit wrote it (edited in Word, say) is not overwritten unless
the user forces it. See `stamp.py` for how "changed" is told apart. A PDF is replaced only
when it is the kit's own previous PDF of the kit's own DOCX (see `check_pdf_target`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from submission_kit.model.common import Submission
from submission_kit.stamp import Origin, origin, stamp


class RenderError(Exception):
    """A render that must not or cannot happen, with a plain-language reason and a hint."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def render_bytes(submission: Submission, words_per_minute: int | None = None) -> bytes:
    """The DOCX of `submission`, fingerprinted. The same draft always gives the same bytes.

    `words_per_minute` is the speaking pace of the oral statement's speaker note (the
    `words-per-minute` setting that rule SK303 uses too); default 120.
    """
    from submission_kit.compose import compose
    from submission_kit.write import write_docx

    return stamp(write_docx(compose(submission, words_per_minute=words_per_minute)))


def default_output(draft: Path) -> Path:
    """statement.yaml -> statement.docx, next to the draft."""
    return draft.with_suffix(".docx")


def check_target(
    out: Path, *, draft: Path | None = None, force: bool = False, parent_made_later: bool = False
) -> None:
    """Raise RenderError when writing `out` would be wrong: not a .docx, the draft itself, a
    folder, a missing folder, or a DOCX changed since the kit wrote it (unless `force`).

    `parent_made_later`: the caller creates the folder just before writing (an --out-dir
    that does not exist yet), so a missing folder is not an error here.
    """
    if out.suffix.lower() != ".docx":
        raise RenderError(
            f"{out} is not a .docx file; subkit only writes Word documents",
            f"name the output like {out.with_suffix('.docx').name}",
        )
    if draft is not None and out.exists() and _same_file(out, draft):
        raise RenderError(
            f"{out} is the draft itself; rendering would destroy it", "choose another -o name"
        )
    if out.is_dir():
        raise RenderError(f"{out} is a folder", "give a file name ending in .docx")
    if not out.parent.is_dir() and not parent_made_later:
        raise RenderError(
            f"the folder {out.parent} does not exist", "create it first, or choose another -o"
        )
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


def _new_file_mode(out: Path) -> int:
    if out.exists():
        return out.stat().st_mode & 0o777
    # mkstemp creates 0600 files; give the document the permissions a normal save would.
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomically(data: bytes, out: Path) -> None:
    """Write `data` to `out` so that a crash or interruption leaves the old file (or none), never
    a half-written one: a temporary file in the same folder, flushed, then renamed over."""
    mode = _new_file_mode(out)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, out)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


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
    data = render_bytes(submission, words_per_minute)
    backup = None
    if force and out.exists() and origin(out) is not Origin.KIT_UNCHANGED:
        backup = backup_of(out)
        shutil.copy2(out, backup)
    write_atomically(data, out)
    return backup


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
        # Same folder as the PDF? Not necessarily the same file system: copy, then rename.
        tmp = pdf.with_name(f".{pdf.name}.tmp")
        shutil.copyfile(made, tmp)
        # The DOCX's own time stamp marks this PDF as the kit's (see check_pdf_target).
        source = docx.stat()
        os.utime(tmp, ns=(source.st_atime_ns, source.st_mtime_ns))
        os.replace(tmp, pdf)
    return pdf
