"""`subkit new` keeps what the writer gives (every organisation, the umask), blames a bad value
rather than the template, and suggests what `subkit validate` suggests; `render --draft` shares
a working copy marked as a draft while a plain render still refuses placeholders."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
import yaml
from conftest import ORAL_EXAMPLE

from submission_kit.reference import committee_codes, country_codes
from submission_kit.validate import validate_text

GOOD = ORAL_EXAMPLE.read_text(encoding="utf-8")


def new(subkit, out: Path, *args: str, state: str = "KAZ", committee: str = "CCPR"):
    return subkit(
        "new", "oral-statement", "--state", state, "--committee", committee, "--session",
        "144", "--var", "date=2025-06-23", *args, "-o", str(out),
    )  # fmt: skip


def test_every_org_is_kept_in_order_with_its_role(subkit, tmp_path):
    out = tmp_path / "draft.yaml"
    made = new(
        subkit, out, "--org", "Global Detention Project", "--org",
        "International Legal Initiative", "--org", "Rights Network=endorser",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    orgs = yaml.safe_load(out.read_text(encoding="utf-8"))["metadata"]["organisations"]
    assert orgs == [
        {"name": "Global Detention Project", "role": "author"},
        {"name": "International Legal Initiative", "role": "co-submitter"},
        {"name": "Rights Network", "role": "endorser"},
    ]


def test_a_mistyped_role_is_named_with_the_roles(subkit, tmp_path):
    made = new(subkit, tmp_path / "d.yaml", "--org", "Global Detention Project=autor")
    assert made.returncode == 2
    assert "'autor' is not a role" in made.stderr and "did you mean 'author'?" in made.stderr


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_a_new_draft_gets_its_mode_from_the_umask(subkit, tmp_path, umask):
    out = tmp_path / "draft.yaml"
    old = os.umask(umask)
    try:
        made = new(subkit, out, "--org", "Global Detention Project")
    finally:
        os.umask(old)
    assert made.returncode == 0, made.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask


def test_a_bad_value_given_with_var_is_blamed_not_the_template(subkit, tmp_path):
    out = tmp_path / "loi.yaml"
    made = subkit(
        "new", "list-of-issues", "--state", "KAZ", "--committee", "CEDAW", "--session", "90",
        "--org", "Coalition", "--var", "articles=24", "-o", str(out),
    )  # fmt: skip
    assert made.returncode == 2
    assert "--var articles=24: article 24 is not among the substantive articles" in made.stderr
    assert "fault of the template" not in made.stderr
    assert "articles 1 to 16" in made.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("KZA", "KAZ"), ("Turkey", "TUR"), ("Türkiye", "TUR"), ("UK", "GBR"),
     ("United Kingdom", "GBR"), ("Royaume-Uni", "GBR"), ("Reino Unido", "GBR"),
     ("FR", "FRA"), ("GB", "GBR"), ("KZ", "KAZ")],
)  # fmt: skip
def test_new_and_validate_suggest_the_same_state(subkit, tmp_path, typed, meant):
    assert meant in country_codes()
    made = new(subkit, tmp_path / "d.yaml", "--org", "X", state=typed)
    assert made.returncode == 2
    assert meant in made.stderr
    quoted = typed if typed.isupper() else f'"{typed}"'
    found = validate_text(GOOD.replace("  state: KAZ", f"  state: {quoted}", 1)).diagnostics
    hint = next(d.hint for d in found if d.path == "metadata.state")
    assert meant in hint and hint in made.stderr


@pytest.mark.parametrize(("typed", "meant"), [("HRC", "CCPR"), ("CRP", "CRPD"), ("ccpr ", "CCPR")])
def test_new_and_validate_suggest_the_same_committee(subkit, tmp_path, typed, meant):
    assert meant in committee_codes()
    made = new(subkit, tmp_path / "d.yaml", "--org", "X", committee=typed)
    if typed.strip().upper() == meant:
        assert made.returncode == 0, made.stderr
        return
    assert made.returncode == 2
    found = validate_text(GOOD.replace("  committee: CCPR", f"  committee: {typed}", 1)).diagnostics
    hint = next(d.hint for d in found if d.path == "metadata.committee")
    assert meant in hint and hint in made.stderr


def test_render_draft_shares_a_working_copy_marked_draft(subkit, tmp_path):
    draft = tmp_path / "statement.yaml"
    assert new(subkit, draft, "--org", "Global Detention Project").returncode == 0
    refused = subkit("render", str(draft), "-o", str(tmp_path / "final.docx"))
    assert refused.returncode == 1
    assert "SK207 error: placeholder to fill" in refused.stdout
    assert not (tmp_path / "final.docx").exists()

    out = tmp_path / "working.docx"
    made = subkit("render", "--draft", str(draft), "-o", str(out))
    assert made.returncode == 0, made.stdout + made.stderr
    assert "SK207 warning: placeholder to fill" in made.stdout
    from docx import Document

    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "DRAFT – Oral statement by Global Detention Project on Kazakhstan" in text
    assert "TODO(the main concern: what happens, to whom" in text
    assert draft.read_text(encoding="utf-8").count("TODO(") >= 1


def test_render_draft_still_refuses_other_errors(subkit, tmp_path):
    draft = tmp_path / "statement.yaml"
    draft.write_text(GOOD.replace("  committee: CCPR", "  committee: HRC"), encoding="utf-8")
    made = subkit("render", "--draft", str(draft), "-o", str(tmp_path / "w.docx"))
    assert made.returncode == 1 and "SK102 error" in made.stdout
    assert not (tmp_path / "w.docx").exists()
