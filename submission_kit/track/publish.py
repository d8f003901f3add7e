"""Writing an impact report: where it may go, its bytes in each format, and the write itself.

An existing output file is replaced only if it is the kit's own unchanged report (a fingerprint
in the DOCX, a digest line at the end of the Markdown) or with `force`; JSON has no room for a
fingerprint, so an existing JSON file always needs `force`. Every refusal is a `UserError`.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING

from submission_kit import files
from submission_kit.diagnostics import UserError

if TYPE_CHECKING:
    from submission_kit.track.report import ImpactReport

#: The file endings each report format may be written to.
SUFFIXES = {"md": (".md", ".markdown", ".txt"), "json": (".json",), "docx": (".docx",)}

# The last line of a Markdown report written to a file: a digest of everything above it. An
# HTML comment, so Markdown viewers do not show it; any edit to the report breaks the match.
_MD_SIGNATURE = re.compile(rb"\n<!-- subkit track report sha256:([0-9a-f]{64}) -->\n\Z")


def report_bytes(report: ImpactReport, fmt: str, signed: bool = False) -> bytes:
    """The report in `fmt` ("md", "json" or "docx"). A signed Markdown report ends with its
    digest, so that a later run can tell it from an edited one; a DOCX is always fingerprinted."""
    from submission_kit.track.report import to_json, to_markdown

    if fmt == "docx":
        return _docx(report)
    if fmt == "json":
        return to_json(report).encode("utf-8")
    data = to_markdown(report).encode("utf-8")
    return sign_markdown(data) if signed else data


def _docx(report: ImpactReport) -> bytes:
    from submission_kit.track.report import to_document

    try:
        from submission_kit.write import write_docx
        from submission_kit.write.stamp import stamp
    except ImportError as exc:
        raise UserError(
            f"DOCX reports need the DOCX writer, which could not be loaded ({exc})",
            "use --format md or --format json",
        ) from exc
    # Fingerprinted like rendered drafts, so a re-run can tell its own report from an edited one.
    return stamp(write_docx(to_document(report)))


def sign_markdown(data: bytes) -> bytes:
    body = data if data.endswith(b"\n") else data + b"\n"
    digest = hashlib.sha256(body).hexdigest()
    return body + f"\n<!-- subkit track report sha256:{digest} -->\n".encode()


def _is_own_markdown(path: Path) -> bool:
    try:
        data = path.read_bytes()
    except OSError:
        return False
    found = _MD_SIGNATURE.search(data)
    if found is None:
        return False
    body = data[: found.start()]
    return hashlib.sha256(body).hexdigest() == found.group(1).decode()


def is_own_report(out: Path, fmt: str) -> bool:
    """Whether `out` is a report this kit wrote in `fmt` and nobody changed since."""
    if fmt == "docx":
        from submission_kit.write.stamp import Origin, origin

        return origin(out) is Origin.KIT_UNCHANGED
    if fmt == "md":
        return _is_own_markdown(out)
    return False  # JSON has no room for a fingerprint: always ask for --force.


def check_output(out: Path, fmt: str, inputs: list[Path], force: bool) -> None:
    """Refuse to write over a draft or the outcome, a file of the wrong kind, a device or FIFO,
    or (without `force`) an existing file that is not the kit's own unchanged report."""
    try:
        if out.parent.is_dir():
            files.check_target(out)  # never a device node or a FIFO, --force or not
    except (files.FileProblem, OSError) as exc:
        problem = files.explain(exc, out, writing=True)
        raise UserError(problem.message, problem.hint) from exc
    for p in inputs:
        if out.exists() and p.exists() and out.resolve() == p.resolve():
            raise UserError(f"refusing to write the report over {p}", "choose another -o file")
    expected = SUFFIXES[fmt]
    if out.suffix.lower() not in expected:
        raise UserError(
            f"the output {out} does not end in {' or '.join(expected)} for --format {fmt}",
            f"name it e.g. report{expected[0]}",
        )
    if not out.parent.is_dir():
        raise UserError(f"no such folder: {out.parent}", "create it first, or choose another -o")
    if out.exists() and not force and fmt == "json":
        raise UserError(
            f"{out} exists; a JSON report is never replaced without --force",
            "choose another -o file, or add --force to replace it",
        )
    if out.exists() and not force and not is_own_report(out, fmt):
        raise UserError(
            f"{out} exists and is not subkit's own unchanged report; it will not be replaced",
            "choose another -o file, or add --force to replace it",
        )


def write_report(data: bytes, out: Path) -> None:
    """The file appears whole or not at all; a full disk or a read-only folder is said so."""
    try:
        files.write_atomic(out, data)
    except OSError as exc:
        problem = files.explain(exc, out, writing=True)
        raise UserError(problem.message, problem.hint) from exc
