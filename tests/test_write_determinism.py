"""Rendering the same document tree twice gives the same bytes: no clock, no random ids."""

from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
import zipfile
from pathlib import Path

from write_samples import members, sample_document

from submission_kit.write import write_docx

EXPECTED_ORDER = [
    "[Content_Types].xml",
    "_rels/.rels",
    "docProps/core.xml",
    "docProps/app.xml",
    "word/document.xml",
    "word/styles.xml",
    "word/settings.xml",
    "word/numbering.xml",
    "word/footnotes.xml",
    "word/footer1.xml",
    "word/footer2.xml",
    "word/_rels/document.xml.rels",
]


def test_two_renders_of_the_same_document_are_byte_identical() -> None:
    assert write_docx(sample_document()) == write_docx(sample_document())


def test_a_fingerprinted_docx_is_the_stamped_docx_zipped_once() -> None:
    # The render writes the fingerprint before zipping; the bytes are those of stamping the
    # zipped document afterwards, and the file is the kit's unchanged output.
    from submission_kit.write.stamp import CUSTOM_PART, Origin, origin, stamp

    document = sample_document()
    made = write_docx(document, fingerprint=True)
    assert made == stamp(write_docx(document))
    with zipfile.ZipFile(io.BytesIO(made)) as archive:
        assert [i.filename for i in archive.infolist()] == [*EXPECTED_ORDER, CUSTOM_PART]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "d.docx")
        path.write_bytes(made)
        assert origin(path) is Origin.KIT_UNCHANGED


def test_zip_entries_are_dated_1980_in_a_fixed_order_with_fixed_compression() -> None:
    with zipfile.ZipFile(io.BytesIO(write_docx(sample_document()))) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == EXPECTED_ORDER
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
    assert {(i.create_system, i.external_attr) for i in infos} == {(0, 0o600 << 16)}


def test_no_part_carries_the_current_date_or_revision_ids() -> None:
    parts = members(write_docx(sample_document()))
    for name, blob in parts.items():
        text = blob.decode("utf-8")
        assert "rsid" not in text, name
        if name != "docProps/core.xml":
            assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:", text), name
    core = parts["docProps/core.xml"].decode()
    assert re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]+)<", core) == [
        "2025-06-23T09:30:00Z",
        "2025-06-23T09:30:00Z",
    ]
    app = parts["docProps/app.xml"].decode()
    assert "TotalTime" not in app and "Pages" not in app


def test_a_different_creation_time_changes_only_the_core_properties() -> None:
    first = sample_document()
    second = sample_document()
    second.properties.created = dt.datetime(2030, 1, 2, tzinfo=dt.UTC)
    a, b = members(write_docx(first)), members(write_docx(second))
    assert [n for n in a if a[n] != b[n]] == ["docProps/core.xml"]


def test_a_time_with_an_offset_is_written_in_utc() -> None:
    doc = sample_document()
    doc.properties.created = dt.datetime(
        2025, 6, 23, 11, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))
    )
    core = members(write_docx(doc))["docProps/core.xml"].decode()
    assert "2025-06-23T09:30:00Z" in core
