"""Concluding observations given to `subkit track --against` in odd shapes: another encoding, a
DOCX with a style based on itself or a part linked from outside, a file far too large. Each is
read, or refused with a plain reason, in bounded time."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, SEEDS
from test_file_safety import subkit

from submission_kit.track.parse import MAX_TEXT_BYTES, read_concluding_observations

CO_TEXT = SEEDS / "004_c3f5dcd4d1516eb7.txt"
TRACKED = EXAMPLES / "kaz-ccpr-list-of-issues.yaml"


@pytest.mark.parametrize(
    "encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"]
)
def test_concluding_observations_in_utf16_or_utf32_are_read(tmp_path: Path, encoding: str) -> None:
    text = CO_TEXT.read_text(encoding="utf-8")
    path = tmp_path / "co.txt"
    path.write_bytes(text.encode(encoding))  # "utf-16"/"utf-32" write a BOM, the others none
    expected = read_concluding_observations(CO_TEXT)
    got = read_concluding_observations(path)
    assert [p.number for p in got.paragraphs] == [p.number for p in expected.paragraphs]
    assert got.paragraphs[0].text == expected.paragraphs[0].text


def test_concluding_observations_over_the_size_limit_are_refused_with_the_limit(
    tmp_path: Path,
) -> None:
    path = tmp_path / "co.txt"
    line = b"1. The Committee recommends that the State party act.\n"
    path.write_bytes(line * (MAX_TEXT_BYTES // len(line) + 1))
    code, out = subkit("track", TRACKED, "--against", path)
    assert code == 2
    assert f"over the {MAX_TEXT_BYTES:,}-byte limit for concluding observations" in out


def _docx_with(tmp_path: Path, name: str, edit) -> Path:  # type: ignore[no-untyped-def]
    import docx

    document = docx.Document()
    document.add_paragraph(CO_TEXT.read_text(encoding="utf-8").split("\n\n")[0])
    for line in CO_TEXT.read_text(encoding="utf-8").splitlines():
        if re.match(r"\d+\. ", line):
            document.add_paragraph(line)
    plain = tmp_path / "plain.docx"
    document.save(str(plain))
    with zipfile.ZipFile(plain) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    edit(parts)
    out = tmp_path / name
    with zipfile.ZipFile(out, "w") as z:
        for part, data in parts.items():
            z.writestr(part, data)
    return out


def test_a_docx_whose_style_is_based_on_itself_is_read_in_bounded_time(tmp_path: Path) -> None:
    def self_based(parts: dict[str, bytes]) -> None:
        styles = parts["word/styles.xml"].decode()
        styles, n = re.subn(
            r'(<w:style w:type="paragraph" w:default="1" w:styleId="(\w+)">)',
            r'\1<w:basedOn w:val="\2"/>',
            styles,
            count=1,
        )
        assert n == 1
        parts["word/styles.xml"] = styles.encode()

    path = _docx_with(tmp_path, "co.docx", self_based)
    # In a process of its own: a loop without end must fail the test, not hang the suite.
    done = subprocess.run(
        # --force: the file holds the numbered paragraphs only, no symbol or title (SK615).
        [sys.executable, "-m", "submission_kit", "track", str(TRACKED), "--against", str(path),
         "--force"],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_a_docx_with_a_part_linked_from_outside_is_refused_with_a_reason(tmp_path: Path) -> None:
    def external_styles(parts: dict[str, bytes]) -> None:
        rels = parts["word/_rels/document.xml.rels"].decode()
        rels, n = re.subn(
            r'(<Relationship [^>]*/styles" )Target="styles.xml"/>',
            r'\1Target="http://example.org/styles.xml" TargetMode="External"/>',
            rels,
        )
        assert n == 1
        parts["word/_rels/document.xml.rels"] = rels.encode()

    path = _docx_with(tmp_path, "co.docx", external_styles)
    code, out = subkit("track", TRACKED, "--against", path)
    assert code == 2
    assert f"{path} cannot be read as a Word document" in out
    assert "linked from outside the file" in out


def test_settings_are_found_from_the_drafts_folder_not_the_current_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "subkit.toml").write_text("speed = 3\n", encoding="utf-8")
    draft = project / "statement.yaml"
    draft.write_text((EXAMPLES / "kaz-ccpr-oral-statement.yaml").read_text(encoding="utf-8"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    # The project's settings are read (and their mistake reported) wherever the command runs.
    for command in ("check", "render"):
        code, out = subkit(command, draft)
        assert code == 2, command
        assert "subkit.toml:1:1: unknown setting 'speed'" in out, command
