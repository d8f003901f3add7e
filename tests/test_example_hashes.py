"""Every example renders to the very DOCX recorded in tests/data/example-docx.sha256: a change
to compose, the writer or the package layout that alters a document, or a new example, is
seen here and recorded on purpose (tests/example_hashes.py says how)."""

from __future__ import annotations

from example_hashes import example_hashes, recorded_hashes


def test_every_example_renders_to_the_recorded_document() -> None:
    rendered, recorded = example_hashes(), recorded_hashes()
    changed = sorted(p for p in rendered.keys() & recorded.keys() if rendered[p] != recorded[p])
    new = sorted(rendered.keys() - recorded.keys())
    gone = sorted(recorded.keys() - rendered.keys())
    assert not (changed or new or gone), (
        f"documents changed: {changed}; examples without a record: {new}; records without "
        f"an example: {gone}. Look at the documents (subkit render EXAMPLE), then record them "
        "again: python tests/example_hashes.py > tests/data/example-docx.sha256"
    )
