"""`subkit render` never destroys what the user wrote: drafts, edited DOCX files, half-written output."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, ORAL_EXAMPLE, run_subkit

from submission_kit import render as render_module
from submission_kit.check import collect_drafts, validate_file
from submission_kit.render import RenderError, render_bytes, render_to_file
from submission_kit.stamp import Origin, origin


@pytest.fixture
def draft(tmp_path) -> Path:
    path = tmp_path / "statement.yaml"
    shutil.copy(ORAL_EXAMPLE, path)
    return path


def render(*args: str):
    result = run_subkit("render", *args)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_default_output_is_the_draft_name_with_docx_next_to_it(draft):
    result = render(str(draft))
    assert result.returncode == 0, result.stderr
    assert (draft.parent / "statement.docx").is_file()
    assert "Wrote" in result.stdout and "statement.docx" in result.stdout


def test_refuses_to_write_over_the_draft_itself(tmp_path):
    # A draft given a .docx name by mistake: -o pointing at it must not destroy it.
    draft = tmp_path / "statement.docx"
    shutil.copy(ORAL_EXAMPLE, draft)
    before = draft.read_bytes()
    result = render(str(draft), "-o", str(draft))
    assert result.returncode == 2
    assert "is the draft itself" in result.stderr
    assert draft.read_bytes() == before


@pytest.mark.parametrize("name", ["statement.yaml", "out.pdf", "out.doc", "out"])
def test_refuses_paths_that_are_not_docx(draft, name):
    target = draft.parent / name
    before = target.read_bytes() if target.exists() else None
    result = render(str(draft), "-o", str(target))
    assert result.returncode == 2
    assert "is not a .docx file" in result.stderr
    assert (target.read_bytes() if target.exists() else None) == before


def edit_in_word(path: Path) -> None:
    """What a person does: open the DOCX, add a sentence, save."""
    import docx

    document = docx.Document(str(path))
    document.add_paragraph("A sentence the writer added in Word.")
    document.save(str(path))


def test_refuses_to_overwrite_a_docx_edited_after_subkit_wrote_it(draft):
    out = draft.with_suffix(".docx")
    assert render(str(draft), "-o", str(out)).returncode == 0
    edit_in_word(out)
    edited = out.read_bytes()
    result = render(str(draft), "-o", str(out))
    assert result.returncode == 2
    assert "was changed after subkit wrote it" in result.stderr
    assert "--force" in result.stderr
    assert out.read_bytes() == edited


def test_force_overwrites_an_edited_docx(draft):
    out = draft.with_suffix(".docx")
    assert render(str(draft), "-o", str(out)).returncode == 0
    fresh = out.read_bytes()
    edit_in_word(out)
    result = render(str(draft), "-o", str(out), "--force")
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == fresh


def test_rerendering_after_changing_the_draft_overwrites_the_kits_own_output(draft):
    out = draft.with_suffix(".docx")
    assert render(str(draft), "-o", str(out)).returncode == 0
    first = out.read_bytes()
    draft.write_text(
        draft.read_text().replace("Thank you for this", "Thank you very much for this")
    )
    result = render(str(draft), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() != first
    assert origin(out) is Origin.KIT_UNCHANGED


@pytest.mark.parametrize("content", [b"not a zip at all", b""])
def test_refuses_to_overwrite_a_file_subkit_did_not_write(draft, content):
    out = draft.parent / "report.docx"
    out.write_bytes(content)
    result = render(str(draft), "-o", str(out))
    assert result.returncode == 2
    assert "was not written by subkit" in result.stderr
    assert out.read_bytes() == content


def test_a_docx_from_another_program_is_foreign(tmp_path):
    import docx

    path = tmp_path / "other.docx"
    docx.Document().save(str(path))
    assert origin(path) is Origin.FOREIGN


def test_an_invalid_draft_writes_nothing_and_reports_like_validate(draft):
    draft.write_text(draft.read_text().replace("  state: KAZ", "  state: KZA"))
    out = draft.with_suffix(".docx")
    result = render(str(draft), "-o", str(out))
    assert result.returncode == 1
    assert f"{draft}:" in result.stdout and "SK2" in result.stdout
    assert not out.exists()
    assert list(draft.parent.iterdir()) == [draft]


def test_an_interrupted_write_leaves_no_partial_file(draft, monkeypatch):
    submission = validate_file(draft).submission
    out = draft.with_suffix(".docx")

    def crash(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError):
        render_to_file(submission, out, draft=draft)
    assert sorted(p.name for p in draft.parent.iterdir()) == ["statement.yaml"]


def test_an_interrupted_overwrite_keeps_the_previous_docx_whole(draft, monkeypatch):
    submission = validate_file(draft).submission
    out = draft.with_suffix(".docx")
    render_to_file(submission, out, draft=draft)
    before = out.read_bytes()

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(render_module.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        render_to_file(submission, out, draft=draft)
    assert out.read_bytes() == before
    assert sorted(p.name for p in draft.parent.iterdir()) == ["statement.docx", "statement.yaml"]


def test_refusals_happen_before_anything_is_rendered(draft):
    submission = validate_file(draft).submission
    with pytest.raises(RenderError, match="not a .docx"):
        render_to_file(submission, draft, draft=draft)
    assert draft.read_text().startswith("# yaml-language-server")


def test_written_docx_has_normal_file_permissions(draft):
    out = draft.with_suffix(".docx")
    render_to_file(validate_file(draft).submission, out, draft=draft)
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask


def test_render_bytes_is_what_the_cli_writes(draft):
    out = draft.with_suffix(".docx")
    assert render(str(draft), "-o", str(out)).returncode == 0
    assert out.read_bytes() == render_bytes(validate_file(draft).submission)


# -- several drafts -----------------------------------------------------------------------


def test_several_drafts_render_into_an_out_dir_and_invalid_ones_are_skipped(tmp_path):
    drafts = []
    for i, example in enumerate(collect_drafts([str(EXAMPLES)])):
        p = tmp_path / f"d{i}.yaml"
        shutil.copy(example, p)
        drafts.append(p)
    broken = tmp_path / "broken.yaml"
    broken.write_text(ORAL_EXAMPLE.read_text().replace("time_limit: 3 min", "time_limit: soon"))
    out = tmp_path / "build"
    result = render(*map(str, drafts), str(broken), "--out-dir", str(out))
    assert result.returncode == 1
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{d.stem}.docx" for d in drafts)
    assert "broken.yaml:" in result.stdout
    assert f"Rendered {len(drafts)} draft(s) into {out}." in result.stdout


def test_o_with_several_drafts_is_a_usage_error(draft, tmp_path):
    result = render(str(draft), str(ORAL_EXAMPLE), "-o", str(tmp_path / "x.docx"))
    assert result.returncode == 2 and "--out-dir" in result.stderr


def test_two_drafts_with_the_same_name_do_not_overwrite_each_other(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for sub in ("a", "b"):
        shutil.copy(ORAL_EXAMPLE, tmp_path / sub / "s.yaml")
    result = render(
        str(tmp_path / "a" / "s.yaml"),
        str(tmp_path / "b" / "s.yaml"),
        "--out-dir",
        str(tmp_path / "o"),
    )
    assert result.returncode == 2 and "would both be written" in result.stderr
    assert not any((tmp_path / "o").iterdir())


def test_pdf_without_libreoffice_says_so_in_one_line_and_keeps_the_docx(draft):
    out = draft.with_suffix(".docx")
    result = run_subkit("render", str(draft), "-o", str(out), "--pdf", env={"PATH": "/nonexistent"})
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "LibreOffice" in result.stderr and "DOCX was written" in result.stderr
    assert out.is_file() and not out.with_suffix(".pdf").exists()
