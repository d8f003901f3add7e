"""Rendering is reproducible: the same draft gives the same bytes, in any process, at any time."""

from __future__ import annotations

import hashlib
import zipfile

from conftest import ORAL_EXAMPLE, run_subkit


def render(tmp_path, name: str, env: dict[str, str] | None = None) -> bytes:
    out = tmp_path / name
    result = run_subkit("render", str(ORAL_EXAMPLE), "-o", str(out), env=env)
    assert result.returncode == 0, result.stderr
    return out.read_bytes()


def test_rendering_twice_in_two_processes_gives_identical_bytes(tmp_path):
    first = render(tmp_path, "a.docx")
    second = render(tmp_path, "b.docx")
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()


def core_properties(data: bytes, tmp_path) -> str:
    path = tmp_path / "probe.docx"
    path.write_bytes(data)
    with zipfile.ZipFile(path) as z:
        return z.read("docProps/core.xml").decode()


def test_document_dates_are_the_drafts_date_without_source_date_epoch(tmp_path):
    core = core_properties(render(tmp_path, "a.docx", env={"SOURCE_DATE_EPOCH": ""}), tmp_path)
    assert "2025-06-23T00:00:00Z" in core


def test_source_date_epoch_sets_the_document_dates(tmp_path):
    plain = render(tmp_path, "a.docx", env={"SOURCE_DATE_EPOCH": ""})
    pinned = render(tmp_path, "b.docx", env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert plain != pinned
    assert "2023-11-14T22:13:20Z" in core_properties(pinned, tmp_path)
    again = render(tmp_path, "c.docx", env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert again == pinned


def test_a_bad_source_date_epoch_is_a_plain_error(tmp_path):
    result = run_subkit(
        "render",
        str(ORAL_EXAMPLE),
        "-o",
        str(tmp_path / "x.docx"),
        env={"SOURCE_DATE_EPOCH": "soon"},
    )
    assert result.returncode == 2
    assert "SOURCE_DATE_EPOCH" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.docx").exists()
