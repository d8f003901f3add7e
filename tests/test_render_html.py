"""`subkit render DRAFT -o OUT.html`: the web page of a draft, written as safely as a DOCX."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ORAL_EXAMPLE
from lxml import html
from render_helpers import oral_draft_in, subkit_render

from submission_kit.write.stamp import Origin, origin


@pytest.fixture
def draft(tmp_path) -> Path:
    return oral_draft_in(tmp_path)


render = subkit_render


def test_html_output_is_a_page_of_the_draft(draft):
    out = draft.with_suffix(".html")
    result = render(str(draft), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert f"Wrote {out}" in result.stdout
    root = html.fromstring(out.read_bytes())
    assert root.xpath("string(//title)").startswith("Oral Submission by Abdelaziz Muhamat")
    assert "Thank you for this opportunity" in root.text_content()
    assert origin(out) is Origin.KIT_UNCHANGED


def test_rendering_twice_gives_the_same_page(draft, tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    render(str(draft), "-o", str(a))
    render(str(draft), "-o", str(b))
    assert a.read_bytes() == b.read_bytes()


def test_an_html_path_that_is_the_draft_itself_is_refused(tmp_path):
    draft = tmp_path / "statement.html"
    shutil.copy(ORAL_EXAMPLE, draft)
    before = draft.read_bytes()
    result = render(str(draft), "-o", str(draft))
    assert result.returncode == 2
    assert "is the draft itself" in result.stderr
    assert draft.read_bytes() == before


def test_an_html_link_to_the_draft_is_refused(draft):
    link = draft.parent / "page.html"
    link.symlink_to(draft)
    before = draft.read_bytes()
    result = render(str(draft), "-o", str(link))
    assert result.returncode == 2
    assert "is the draft itself" in result.stderr
    assert draft.read_bytes() == before


def test_a_page_edited_after_subkit_wrote_it_is_kept_unless_forced(draft):
    out = draft.with_suffix(".html")
    render(str(draft), "-o", str(out))
    edited = out.read_text().replace("Thank you", "Many thanks")
    out.write_text(edited)
    result = render(str(draft), "-o", str(out))
    assert result.returncode == 2
    assert "was changed after subkit wrote it" in result.stderr
    assert out.read_text() == edited
    assert render(str(draft), "-o", str(out), "--force").returncode == 0
    assert "Thank you" in out.read_text()


def test_a_page_subkit_did_not_write_is_kept(draft):
    out = draft.with_suffix(".html")
    out.write_text("<p>my notes</p>")
    result = render(str(draft), "-o", str(out))
    assert result.returncode == 2
    assert "was not written by subkit" in result.stderr
    assert out.read_text() == "<p>my notes</p>"


def test_pdf_of_a_page_is_refused_before_anything_is_written(draft):
    out = draft.with_suffix(".html")
    result = render(str(draft), "-o", str(out), "--pdf")
    assert result.returncode == 2
    assert "--pdf makes a PDF of a DOCX" in result.stderr
    assert not out.exists()
