"""`subkit render` never destroys what the user wrote: drafts, edited DOCX files, half-written output."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, ORAL_EXAMPLE, run_subkit
from render_helpers import oral_draft_in, subkit_render

from submission_kit.pipeline import render as render_module
from submission_kit.pipeline.render import RenderError, render_bytes, render_to_file
from submission_kit.validate import collect_drafts, validate_file
from submission_kit.write.stamp import Origin, origin


@pytest.fixture
def draft(tmp_path) -> Path:
    return oral_draft_in(tmp_path)


render = subkit_render


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
    assert ".html" in result.stderr
    if name == "out.pdf":  # the way to a PDF is said
        assert "for a PDF, write out.docx with --pdf" in result.stderr
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
    with pytest.raises(RenderError, match="the disk is full"):
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
    assert not (tmp_path / "o").exists()


def test_pdf_without_libreoffice_says_so_in_one_line_and_keeps_the_docx(draft):
    out = draft.with_suffix(".docx")
    result = run_subkit("render", str(draft), "-o", str(out), "--pdf", env={"PATH": "/nonexistent"})
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "LibreOffice" in result.stderr and "DOCX was written" in result.stderr
    assert out.is_file() and not out.with_suffix(".pdf").exists()


def test_a_draft_with_errors_leaves_no_empty_out_dir(draft, tmp_path):
    # Nothing is written for a draft with errors, so the folder is not made either.
    draft.write_text(draft.read_text().replace("  state: KAZ", "  state: KZA"))
    result = render(str(draft), "--out-dir", str(tmp_path / "new" / "build"))
    assert result.returncode == 1
    assert not (tmp_path / "new").exists()


def test_out_dir_is_created_when_a_draft_is_written(draft, tmp_path):
    out = tmp_path / "a" / "b"
    result = render(str(draft), "--out-dir", str(out))
    assert result.returncode == 0, result.stderr
    assert [p.name for p in out.iterdir()] == ["statement.docx"]


def test_out_dir_under_a_file_is_refused_in_one_line(draft):
    result = render(str(draft), "--out-dir", str(draft / "build"))
    assert result.returncode == 2
    assert "cannot create the folder" in result.stderr and result.stderr.count("\n") == 1


# -- folders of drafts ----------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path) -> Path:
    """A folder of drafts like examples/: one at the top, one below, and a confirmations file."""
    root = tmp_path / "drafts"
    (root / "later").mkdir(parents=True)
    shutil.copy(ORAL_EXAMPLE, root / "statement.yaml")
    shutil.copy(ORAL_EXAMPLE, root / "later" / "second.yaml")
    shutil.copy(EXAMPLES / "kaz-ccpr-oral-statement.track.yaml", root / "statement.track.yaml")
    return root


def test_render_a_folder_writes_each_docx_next_to_its_draft(folder):
    result = render(str(folder))
    assert result.returncode == 0, result.stderr
    assert (folder / "statement.docx").is_file()
    assert (folder / "later" / "second.docx").is_file()
    assert not (folder / "statement.track.docx").exists()
    assert "Rendered 2 draft(s)." in result.stdout


def test_render_a_folder_into_an_out_dir(folder, tmp_path):
    out = tmp_path / "build"
    result = render(str(folder), "--out-dir", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["second.docx", "statement.docx"]


def test_render_the_examples_folder_finds_its_drafts(tmp_path):
    result = render(str(EXAMPLES), "--out-dir", str(tmp_path / "build"))
    assert "no such draft" not in result.stderr
    assert result.returncode in (0, 1), result.stderr
    assert list((tmp_path / "build").glob("*.docx"))


def test_a_folder_with_several_drafts_and_o_is_a_usage_error(folder, tmp_path):
    result = render(str(folder), "-o", str(tmp_path / "x.docx"))
    assert result.returncode == 2 and "--out-dir" in result.stderr
    assert not (folder / "statement.docx").exists()


def test_a_folder_without_drafts_is_refused(tmp_path):
    (tmp_path / "empty").mkdir()
    result = render(str(tmp_path / "empty"))
    assert result.returncode == 2 and "no drafts" in result.stderr


def test_a_missing_draft_is_named(tmp_path):
    result = render(str(tmp_path / "nope.yaml"))
    assert result.returncode == 2 and "no such draft" in result.stderr


# -- PDF ------------------------------------------------------------------------------------


def test_pdf_refuses_to_replace_a_pdf_subkit_did_not_make(draft):
    pdf = draft.with_suffix(".pdf")
    pdf.write_bytes(b"%PDF-1.7 the version we sent to the Committee\n")
    result = render(str(draft), "--pdf")
    assert result.returncode == 2
    assert "is not the PDF subkit made" in result.stderr and "--force" in result.stderr
    assert pdf.read_bytes().startswith(b"%PDF-1.7 the version we sent")
    # Refused before anything was written: no DOCX either.
    assert not draft.with_suffix(".docx").exists()


def test_pdf_exported_from_the_kits_docx_afterwards_is_kept(draft):
    assert render(str(draft)).returncode == 0
    docx_path = draft.with_suffix(".docx")
    pdf = draft.with_suffix(".pdf")
    pdf.write_bytes(b"%PDF-1.7 exported from Word\n")  # later than the DOCX, like an export
    stat = docx_path.stat()
    os.utime(pdf, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    result = render(str(draft), "--pdf")
    assert result.returncode == 2 and "--force" in result.stderr
    assert pdf.read_bytes() == b"%PDF-1.7 exported from Word\n"


def test_the_kits_own_pdf_is_recognised_by_its_docx_time_stamp(draft):
    from submission_kit.pipeline.render import check_pdf_target

    assert render(str(draft)).returncode == 0
    docx_path = draft.with_suffix(".docx")
    pdf = draft.with_suffix(".pdf")
    pdf.write_bytes(b"%PDF-1.7\n")
    stat = docx_path.stat()
    os.utime(pdf, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # what convert_to_pdf does
    check_pdf_target(pdf, docx_path)  # the kit's own: no error
    edit_in_word(docx_path)
    os.utime(pdf, ns=(stat.st_atime_ns, docx_path.stat().st_mtime_ns))
    with pytest.raises(RenderError, match="not the PDF subkit made"):
        check_pdf_target(pdf, docx_path)  # its DOCX was edited: the PDF may be of the edit
    check_pdf_target(pdf, docx_path, force=True)


def test_speaker_note_times_the_statement_at_the_configured_pace(tmp_path):
    """`subkit render` reads the same `words-per-minute` setting as `subkit check`, from the
    settings file found from the draft's own folder upward (not from the current folder)."""
    from conftest import ORAL_EXAMPLE, run_subkit
    from docx import Document as open_docx

    def note(folder):
        out = tmp_path / f"{folder.name}.docx"
        draft = folder / ORAL_EXAMPLE.name
        shutil.copyfile(ORAL_EXAMPLE, draft)
        result = run_subkit("render", str(draft), "-o", str(out), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        return open_docx(str(out)).core_properties.comments

    default_dir = tmp_path / "default"
    slow_dir = tmp_path / "slow"
    default_dir.mkdir()
    slow_dir.mkdir()
    (slow_dir / "subkit.toml").write_text("words-per-minute = 100\n", encoding="utf-8")
    default_note, slow_note = note(default_dir), note(slow_dir)
    assert "120" in default_note and "100" not in default_note
    assert "100" in slow_note
    assert default_note != slow_note


def _with_custom_part(docx: Path, custom: bytes, out: Path) -> Path:
    import zipfile

    with zipfile.ZipFile(docx) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = custom if info.filename == "docProps/custom.xml" else src.read(info)
            dst.writestr(info, data)
    return out


def test_a_fingerprint_rewritten_by_another_program_counts_as_a_change(draft, tmp_path):
    import zipfile

    out = draft.with_suffix(".docx")
    render_to_file(validate_file(draft).submission, out, draft=draft)
    assert origin(out) is Origin.KIT_UNCHANGED
    with zipfile.ZipFile(out) as z:
        custom = z.read("docProps/custom.xml")
    # Another program keeps the digest but writes the part its own way (prefixes, spacing).
    rewritten = (
        custom.replace(b"vt:", b"v:").replace(b"xmlns:vt=", b"xmlns:v=").replace(b"><", b">\n<")
    )
    assert origin(_with_custom_part(out, rewritten, tmp_path / "a.docx")) is Origin.CHANGED
    no_digest = custom.replace(b"submission-kit-content-sha256", b"other-property")
    assert origin(_with_custom_part(out, no_digest, tmp_path / "b.docx")) is Origin.FOREIGN
    assert origin(_with_custom_part(out, b"<not xml", tmp_path / "c.docx")) is Origin.FOREIGN
