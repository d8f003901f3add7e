"""The SHA-256 of the DOCX each example renders to, one line per example: the record that a
restructuring left every document byte for byte as it was. tests/test_example_hashes.py
compares the examples with the record; after a change meant to change the documents (or a new
example), look at the documents, then record them again:

    python tests/example_hashes.py > tests/data/example-docx.sha256
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from submission_kit.pipeline.render import render_bytes
from submission_kit.validate import collect_drafts, validate_file

ROOT = Path(__file__).resolve().parent.parent


RECORD = ROOT / "tests" / "data" / "example-docx.sha256"


def example_hashes() -> dict[str, str]:
    """Each example's path (from the repository root) and the SHA-256 of its DOCX."""
    hashes = {}
    for path in collect_drafts([str(ROOT / "examples")]):
        result = validate_file(path)
        assert result.submission is not None, path
        hashes[path.relative_to(ROOT).as_posix()] = hashlib.sha256(
            render_bytes(result.submission)
        ).hexdigest()
    return hashes


def recorded_hashes() -> dict[str, str]:
    """The record in tests/data/example-docx.sha256, by path."""
    lines = RECORD.read_text(encoding="utf-8").splitlines()
    return {path: digest for digest, path in (line.split(" ", 1) for line in lines if line)}


def main() -> None:
    for path, digest in example_hashes().items():
        print(digest, path)


if __name__ == "__main__":
    main()
