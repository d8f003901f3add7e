"""What a user sees when a file cannot or must not be read or written: a plain message, never a
traceback, and nothing they wrote replaced (devices, FIFOs, full disks, read-only folders,
names too long, stale temporaries of a killed run)."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ORAL_EXAMPLE, SEEDS

from submission_kit import files
from submission_kit.cli import cli

CO_TEXT = SEEDS / "004_c3f5dcd4d1516eb7.txt"
TRACKED = ORAL_EXAMPLE.parent / "kaz-ccpr-list-of-issues.yaml"


def subkit(*args: str | Path) -> tuple[int, str]:
    """Run subkit in this process; the exit code and everything it printed."""
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a traceback the user would have seen
    return result.exit_code, result.output + (result.stderr or "")


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "statement.yaml"
    shutil.copyfile(ORAL_EXAMPLE, path)
    return path


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.docx"
    os.mkfifo(path)
    return path


def assert_fifo_kept(path: Path) -> None:
    assert stat.S_ISFIFO(os.lstat(path).st_mode)


# --- targets that are not regular files ------------------------------------------------


def test_render_force_never_replaces_a_fifo(draft: Path, fifo: Path) -> None:
    code, out = subkit("render", draft, "-o", fifo, "--force")
    assert code == 2
    assert "named pipe (FIFO), not a regular file" in out and "not even with --force" in out
    assert_fifo_kept(fifo)


def test_render_force_never_replaces_dev_null_through_a_link(draft: Path, tmp_path: Path) -> None:
    link = tmp_path / "null.docx"
    link.symlink_to("/dev/null")
    code, out = subkit("render", draft, "-o", link, "--force")
    assert code == 2
    assert "a link to /dev/null, which is a character device" in out
    assert link.is_symlink() and stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_track_force_never_replaces_a_fifo(tmp_path: Path) -> None:
    out_path = tmp_path / "report.md"
    os.mkfifo(out_path)
    code, out = subkit("track", TRACKED, "--against", CO_TEXT, "-o", out_path, "--force")
    assert code == 2 and "not a regular file" in out
    assert_fifo_kept(out_path)


def test_new_force_never_replaces_a_fifo(tmp_path: Path) -> None:
    out_path = tmp_path / "draft.yaml"
    os.mkfifo(out_path)
    code, out = subkit(
        "new", "oral-statement", "--state", "KAZ", "--committee", "CCPR", "--session", "140",
        "--org", "Example", "-o", out_path, "--force",
    )  # fmt: skip
    assert code == 2 and "named pipe (FIFO), not a regular file" in out
    assert_fifo_kept(out_path)


def test_fix_writes_through_a_link_to_the_draft_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    text = ORAL_EXAMPLE.read_text(encoding="utf-8").replace("text: ", "text: 1. ", 1)
    real.write_text(text, encoding="utf-8")
    link = tmp_path / "statement.yaml"
    link.symlink_to(real)
    subkit("check", "--no-render", "--fix", link)
    assert link.is_symlink()
    assert files.read_bytes(real, 10**6) != text.encode()  # the fix reached the real file


# --- inputs that are not regular files -------------------------------------------------


def test_a_fifo_as_draft_is_named_and_does_not_hang(tmp_path: Path) -> None:
    pipe = tmp_path / "draft.yaml"
    os.mkfifo(pipe)
    # validate and render stop (exit 2); check reports it as a finding on the draft (exit 1).
    for command, expected in (("validate", 2), ("check", 1), ("render", 2)):
        code, out = subkit(command, pipe)
        assert code == expected, command
        assert "named pipe (FIFO), not a regular file" in out, command


def test_a_link_to_dev_zero_as_against_is_named_not_no_such_file(tmp_path: Path) -> None:
    zero = tmp_path / "co.txt"
    zero.symlink_to("/dev/zero")
    code, out = subkit("track", TRACKED, "--against", zero)
    assert code == 2
    assert "a link to /dev/zero, which is a character device" in out
    assert "no such file" not in out


def test_a_link_to_dev_zero_as_draft_is_named(tmp_path: Path) -> None:
    zero = tmp_path / "draft.yaml"
    zero.symlink_to("/dev/zero")
    code, out = subkit("validate", zero)
    assert code == 2 and "character device, not a regular file" in out


def test_a_fifo_as_against_is_named(tmp_path: Path) -> None:
    pipe = tmp_path / "co.txt"
    os.mkfifo(pipe)
    code, out = subkit("track", TRACKED, "--against", pipe)
    assert code == 2 and "named pipe (FIFO)" in out


# --- names too long --------------------------------------------------------------------

LONG = "a" * 300


@pytest.mark.parametrize(
    "args",
    [
        ["validate", f"{LONG}.yaml"],
        ["check", f"{LONG}.yaml"],
        ["render", f"{LONG}.yaml"],
        ["render", "{draft}", "-o", f"{LONG}.docx"],
        ["track", f"{LONG}.yaml", "--against", str(CO_TEXT)],
        ["track", str(TRACKED), "--against", f"{LONG}.txt"],
        ["track", str(TRACKED), "--against", str(CO_TEXT), "-o", f"{LONG}.md"],
        ["new", "oral-statement", "--state", "KAZ", "--committee", "CCPR", "--session", "140",
         "--org", "Example", "-o", f"{LONG}.yaml"],
    ],
    ids=lambda a: " ".join(x[:12] for x in a[:4]),
)  # fmt: skip
def test_a_file_name_too_long_is_said_in_every_command(
    args: list[str], draft: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out = subkit(*[a.replace("{draft}", str(draft)) for a in args])
    assert code == 2
    assert "the file name is longer than the file system allows" in out
    assert "Traceback" not in out


# --- full disks and read-only folders ---------------------------------------------------


def _fail_temporaries(monkeypatch: pytest.MonkeyPatch, call: str, code: int) -> None:
    """Make writing a temporary of the kit fail with `code`, as a full or read-only disk does."""
    real_open, real_write = os.open, os.write
    ours: set[int] = set()

    def fake_open(path, flags, *rest, **kw):  # type: ignore[no-untyped-def]
        if str(path).endswith(".subkit-tmp"):
            if call == "open":
                raise OSError(code, os.strerror(code), str(path))
            fd = real_open(path, flags, *rest, **kw)
            ours.add(fd)
            return fd
        return real_open(path, flags, *rest, **kw)

    def fake_write(fd, data):  # type: ignore[no-untyped-def]
        if fd in ours:
            raise OSError(code, os.strerror(code))
        return real_write(fd, data)

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "write", fake_write)


def test_a_full_disk_during_render_keeps_the_old_docx_and_leaves_no_temporary(
    draft: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out_path = draft.with_suffix(".docx")
    assert subkit("render", draft)[0] == 0
    before = out_path.read_bytes()
    _fail_temporaries(monkeypatch, "write", errno.ENOSPC)
    code, out = subkit("render", draft)
    assert code == 2
    assert "the disk is full" in out and "the file is as it was" in out
    assert out_path.read_bytes() == before
    assert sorted(p.name for p in draft.parent.iterdir()) == ["statement.docx", "statement.yaml"]


def test_track_docx_on_a_full_disk_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fail_temporaries(monkeypatch, "write", errno.ENOSPC)
    report = tmp_path / "report.docx"
    code, out = subkit("track", TRACKED, "--against", CO_TEXT, "--format", "docx", "-o", report)
    assert code == 2 and "the disk is full" in out
    assert list(tmp_path.iterdir()) == []


def test_track_into_a_read_only_folder_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fail_temporaries(monkeypatch, "open", errno.EROFS)
    code, out = subkit("track", TRACKED, "--against", CO_TEXT, "-o", tmp_path / "report.md")
    assert code == 2 and f"the folder {tmp_path} is on a read-only file system" in out


def test_new_in_a_folder_without_write_permission_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fail_temporaries(monkeypatch, "open", errno.EACCES)
    code, out = subkit(
        "new", "oral-statement", "--state", "KAZ", "--committee", "CCPR", "--session", "140",
        "--org", "Example", "-o", tmp_path / "draft.yaml",
    )  # fmt: skip
    assert code == 2 and f"you may not write in the folder {tmp_path}" in out


def test_fix_on_a_full_disk_keeps_the_draft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "statement.yaml"
    text = ORAL_EXAMPLE.read_text(encoding="utf-8").replace("text: ", "text: 1. ", 1)
    path.write_text(text, encoding="utf-8")
    _fail_temporaries(monkeypatch, "write", errno.ENOSPC)
    code, out = subkit("check", "--no-render", "--fix", "-j", "1", path)
    assert "the fixes were not written" in out and "the disk is full" in out
    assert path.read_text(encoding="utf-8") == text
    assert [p.name for p in tmp_path.iterdir()] == ["statement.yaml"]


@pytest.fixture
def small_disk(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A real 64 kB file system (tmpfs): needs the right to mount, else the test is skipped."""
    mount = shutil.which("mount")
    where = tmp_path / "disk"
    where.mkdir()
    if mount is None or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    made = subprocess.run(
        [mount, "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(where)], capture_output=True
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=False)


def test_a_real_full_disk_keeps_the_old_file_and_no_temporary(small_disk: Path) -> None:
    target = small_disk / "report.docx"
    files.write_atomic(target, b"old")
    with pytest.raises(files.FileProblem, match="the disk is full"):
        files.write_atomic(target, os.urandom(200_000))
    assert target.read_bytes() == b"old"
    assert [p.name for p in small_disk.iterdir()] == ["report.docx"]


# --- temporaries, modes, no-clobber ----------------------------------------------------


def _dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_a_temporary_left_by_a_killed_run_is_cleaned_and_a_live_one_kept(draft: Path) -> None:
    folder = draft.parent
    stale = folder / f".statement.docx.{_dead_pid()}.{'0' * 16}.subkit-tmp"
    live = folder / f".statement.docx.{os.getpid()}.{'1' * 16}.subkit-tmp"
    for p in (stale, live):
        p.write_bytes(b"PK half a document")
        old = time.time() - 3600
        os.utime(p, (old, old))
    assert subkit("render", draft)[0] == 0
    assert not stale.exists()
    assert live.exists()  # a run writing the same file right now keeps its temporary


def test_a_new_draft_gets_the_mode_the_umask_gives(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        out_path = tmp_path / "draft.yaml"
        code, _ = subkit(
            "new", "oral-statement", "--state", "KAZ", "--committee", "CCPR", "--session",
            "140", "--org", "Example", "-o", out_path,
        )  # fmt: skip
    finally:
        os.umask(old)
    assert code == 0
    assert stat.S_IMODE(out_path.stat().st_mode) == 0o644


def test_no_clobber_never_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "draft.yaml"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        files.write_atomic(target, b"theirs", no_clobber=True)
    assert target.read_text(encoding="utf-8") == "mine"
    assert [p.name for p in tmp_path.iterdir()] == ["draft.yaml"]


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "draft.yaml"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    files.write_atomic(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640 and target.read_bytes() == b"new"


def test_reading_stops_at_the_size_limit_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(files.FileTooLarge, match="2,000 bytes, over the 1,000-byte limit"):
        files.read_bytes(big, 1000, "a test")


# --- the fingerprint, zip bombs ----------------------------------------------------------


def test_an_edit_made_only_to_the_custom_properties_is_not_overwritten(draft: Path) -> None:
    out_path = draft.with_suffix(".docx")
    assert subkit("render", draft)[0] == 0
    with zipfile.ZipFile(out_path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    parts["docProps/custom.xml"] = parts["docProps/custom.xml"].replace(
        b"</Properties>",
        b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="Reviewer">'
        b"<vt:lpwstr>Ana</vt:lpwstr></property></Properties>",
    )
    with zipfile.ZipFile(out_path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    edited = out_path.read_bytes()
    code, out = subkit("render", draft)
    assert code == 2 and "was changed after subkit wrote it" in out
    assert out_path.read_bytes() == edited


def _zip_bomb(path: Path, inflated: int = 160 * 1024 * 1024) -> None:
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            for _ in range(inflated // len(chunk)):
                f.write(chunk)


def test_a_zip_bomb_as_the_existing_output_is_refused_without_inflating(draft: Path) -> None:
    out_path = draft.with_suffix(".docx")
    _zip_bomb(out_path)
    code, out = subkit("render", draft)
    assert code == 2 and "was not written by subkit; it will not be overwritten" in out
    report = draft.parent / "report.docx"
    _zip_bomb(report)
    code, out = subkit("track", TRACKED, "--against", CO_TEXT, "--format", "docx", "-o", report)
    assert code == 2 and "is not subkit's own unchanged report" in out


def test_a_zip_bomb_as_against_is_refused_with_its_size(tmp_path: Path) -> None:
    bomb = tmp_path / "co.docx"
    _zip_bomb(bomb)
    code, out = subkit("track", TRACKED, "--against", bomb)
    assert code == 2
    assert "would unpack to 167,772,168 bytes, over the 104,857,600-byte limit" in out
