"""A coalition's templates cannot read files outside their folder, and a template that loops,
computes or repeats without end is stopped with a message that says what it did."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_file_safety import subkit
from test_scaffold_safety import BASE, coalition

from submission_kit.scaffold import fill as template_render


def new(folder: Path, out: Path) -> tuple[int, str]:
    return subkit(
        "new", "our-statement", "--state", "KGZ", "--committee", "CCPR", "--session", "144",
        "--org", "Coalition", "--templates", folder, "-o", out,
    )  # fmt: skip


def with_body(expression: str) -> str:
    return BASE.replace('body: ["Our concern about {{ state.name }}."]', f"body: [{expression}]")


def test_an_include_through_a_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:the secret", encoding="utf-8")
    folder = coalition(tmp_path, with_body("\"{% include 'passwd' %}\""))
    (folder / "drafts" / "passwd").symlink_to(secret)
    out = tmp_path / "draft.yaml"
    code, text = new(folder, out)
    assert code == 2
    assert f"the template file 'passwd' is a link to {secret}, outside the templates folder" in text
    assert "the secret" not in text and not out.exists()


def test_a_link_inside_the_folder_is_followed(tmp_path: Path) -> None:
    folder = coalition(tmp_path, with_body("\"{% include 'part' %}\""))
    (folder / "drafts" / "part.txt").write_text("Our shared paragraph.", encoding="utf-8")
    (folder / "drafts" / "part").symlink_to("part.txt")
    out = tmp_path / "draft.yaml"
    code, text = new(folder, out)
    assert code == 0, text
    assert "Our shared paragraph." in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ('"{{ 10 ** 10000000 }}"', "computes 10 ** 10000000, a number too large to use"),
        ("\"{{ 'x' * 100000000000 }}\"", "repeats a text or list 100,000,000,000 times"),
        ('"{{ lipsum(1000000) | length }}"', "lipsum() may make at most 100 paragraphs"),
    ],
)
def test_numbers_and_repeats_too_large_are_said_as_such(
    tmp_path: Path, expression: str, message: str
) -> None:
    folder = coalition(tmp_path, with_body(expression))
    code, text = new(folder, tmp_path / "draft.yaml")
    assert code == 2
    assert message in text
    assert "recurses without end" not in text


def test_a_loop_that_makes_no_text_is_stopped_in_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(template_render, "RENDER_SECONDS", 1.0)
    loops = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    folder = coalition(tmp_path, with_body(f'"{loops}x"'))
    code, text = new(folder, tmp_path / "draft.yaml")
    assert code == 2
    assert "the template takes more than 1 s to render" in text


def test_a_declaration_that_links_to_dev_zero_is_named_not_read(tmp_path: Path) -> None:
    folder = coalition(tmp_path)
    declaration = folder / "drafts" / "our-statement.vars.yaml"
    declaration.unlink()
    declaration.symlink_to("/dev/zero")
    code, text = new(folder, tmp_path / "draft.yaml")
    assert code == 2
    assert "a link to /dev/zero, which is a character device" in text


def test_a_declaration_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    folder = coalition(tmp_path)
    declaration = folder / "drafts" / "our-statement.vars.yaml"
    declaration.write_text("description: x\n" + "# padding\n" * 10_000, encoding="utf-8")
    code, text = new(folder, tmp_path / "draft.yaml")
    assert code == 2
    assert "over the 65,536-byte limit for a template declaration" in text
    assert os.path.exists(declaration)
