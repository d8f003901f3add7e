"""Print the SHA-256 of the DOCX each example renders to, one line per example: the record
that a restructuring left every document byte for byte as it was. Compare a checkout with
the hashes recorded before a change:

    python tests/example_hashes.py | diff tests/data/example-docx.sha256 - && echo identical

It is a script, not a test, because changes to compose or the writer that are meant to
change the documents (and new examples) change the hashes too; record them again then.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from submission_kit.check import collect_drafts, validate_file
from submission_kit.render import render_bytes

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    for path in collect_drafts([str(ROOT / "examples")]):
        result = validate_file(path)
        assert result.submission is not None, path
        digest = hashlib.sha256(render_bytes(result.submission)).hexdigest()
        print(digest, path.relative_to(ROOT).as_posix())


if __name__ == "__main__":
    main()
