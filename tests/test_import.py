"""`subkit import`: existing submissions (text from a PDF, Word files made by other programs, the
kit's own DOCX) come in as drafts; `--diff` shows Word edits; bad files are refused plainly."""

from __future__ import annotations

import hashlib
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES, SEEDS, require_tool, run_subkit
from import_recovery import recovery
from kind_samples import TEMPLATES, filled_template

from submission_kit.importing import import_document
from submission_kit.importing.convert import to_markdown
from submission_kit.importing.diff import with_draft_settings
from submission_kit.importing.word import read_docx
from submission_kit.model import kind_model, kinds
from submission_kit.pipeline.check import render_submission
from submission_kit.validate import collect_drafts, validate_file, validate_text

SEED = SEEDS / "003_4ec4ad4861dcfd1d.txt"
LOI = EXAMPLES / "kaz-ccpr-list-of-issues.yaml"
#: Every example draft, of every kind: `subkit import` recognises them all.
DRAFTS = [p for p in collect_drafts([str(EXAMPLES)]) if p.suffix == ".yaml"]


def _recovered(document: Path):
    expected = validate_file(LOI)
    imported = import_document(document)
    assert imported.data["kind"] == "list_of_issues"
    model = kind_model("list_of_issues")
    data = with_draft_settings(imported.data, expected.draft.data, model)
    return recovery(expected.submission, model.model_validate(data))


def _assert_targets(r) -> None:
    assert r.questions[0] == r.questions[1], r.missing
    assert r.footnotes[0] == r.footnotes[1], r.missing
    assert r.share(r.paragraphs) >= 0.95, r.missing
    assert r.articles[0] == r.articles[1]


def test_seed_text_import_recovers_every_question_footnote_and_article():
    _assert_targets(_recovered(SEED))


def test_seed_import_recognises_the_title_block():
    data = import_document(SEED).data
    meta = data["metadata"]
    assert (meta["committee"], meta["state"], meta["title"]) == ("CCPR", "KAZ", "List of issues")
    assert meta["organisations"][0]["acronym"] == "FIDH"
    assert data["introduction"][0].endswith("refugees:[^note-1]")


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory) -> dict[str, Path]:
    """The seed made into DOCX by pandoc and by LibreOffice, as a colleague's file would be."""
    out = tmp_path_factory.mktemp("seed-docx")
    made: dict[str, Path] = {}
    pandoc = require_tool("pandoc")
    target = out / "seed-pandoc.docx"
    subprocess.run(
        [
            pandoc,
            "-f",
            "markdown-smart+hard_line_breaks",
            "-t",
            "docx",
            str(SEED),
            "-o",
            str(target),
        ],
        check=True,
        timeout=120,
    )
    made["pandoc"] = target
    soffice = require_tool("soffice", "libreoffice")
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{out / 'profile'}", "--headless",
         "--convert-to", "docx", "--outdir", str(out / "lo"), str(SEED)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    made["libreoffice"] = out / "lo" / (SEED.stem + ".docx")
    return made


@pytest.mark.parametrize("maker", ["pandoc", "libreoffice"])
def test_seed_made_into_docx_by_another_program_imports_as_well(seed_docx, maker):
    _assert_targets(_recovered(seed_docx[maker]))


def _docx_text(data: bytes, tmp_path: Path, name: str) -> tuple[list, list]:
    path = tmp_path / name
    path.write_bytes(data)
    doc = read_docx(path)
    return [(b.kind, b.marker, b.level, b.text) for b in doc.blocks], list(doc.footnotes.values())


@pytest.mark.parametrize("draft", DRAFTS, ids=[str(p.relative_to(EXAMPLES)) for p in DRAFTS])
def test_rendered_example_imported_and_rendered_again_reads_the_same(draft, tmp_path):
    first = render_submission(validate_file(draft).submission)
    source = tmp_path / "first.docx"
    source.write_bytes(first)
    imported = validate_text(to_markdown(import_document(source).data), "imported.md")
    assert imported.submission is not None, imported.diagnostics
    second = render_submission(imported.submission)
    assert _docx_text(second, tmp_path, "b.docx") == _docx_text(first, tmp_path, "a.docx")


def test_the_round_trip_covers_every_kind():
    assert {validate_file(p).submission.kind for p in DRAFTS} == set(kinds())


@pytest.mark.parametrize("draft", DRAFTS, ids=[str(p.relative_to(EXAMPLES)) for p in DRAFTS])
def test_a_rendered_example_is_imported_as_its_own_kind_with_its_title_block(draft, tmp_path):
    original = validate_file(draft).submission
    source = tmp_path / "rendered.docx"
    source.write_bytes(render_submission(original))
    data = import_document(source).data
    assert data["kind"] == original.kind
    meta = original.metadata
    got = data["metadata"]
    assert got["title"] == meta.title
    assert got["date"] == meta.date
    assert got["session"]["number"] == meta.session.number
    for name in ("committee", "state", "stage", "cycle", "agenda_item", "coalition"):
        if getattr(meta, name, None) is not None:
            assert got[name] == getattr(meta, name), name
    assert [o["name"] for o in got["organisations"]] == [o.name for o in meta.organisations]


REPORT_TEXT = """\
Alternative report
Submitted by Global Detention Project (lead organisation)
Committee against Torture
83rd session
State party: Kazakhstan
Review stage: constructive dialogue
15 September 2025

Executive summary

Kazakhstan attracts many migrant workers from neighbouring countries, mainly Uzbekistan,
Russia and Tajikistan; Central Asian migrants, commonly employed as low-wage labourers,
have been the focus of raids.

I. Implementation of the Convention

A. Safeguards in detention (arts. 2 and 11)

Migrants have been detained without legal representation, without access to interpretation
services and without the ability to review or appeal detention and deportation decisions
in a court.

• see the annexed list of places of detention

Suggested recommendations to the State party

1. Guarantee access to a lawyer.
"""


def test_a_typed_alternative_report_is_recognised_and_what_fits_nowhere_is_flagged(tmp_path):
    source = tmp_path / "report.txt"
    source.write_text(REPORT_TEXT, encoding="utf-8")
    out = tmp_path / "report.md"
    result = run_subkit("import", str(source), "-o", str(out))
    assert result.returncode == 1, result.stdout + result.stderr
    imported = validate_file(out)
    report = imported.submission
    assert report is not None, imported.diagnostics
    assert report.kind == "alternative_report"
    assert (report.metadata.committee, report.metadata.state) == ("CAT", "KAZ")
    [section] = report.chapters[0].sections
    assert (section.heading, [a.label() for a in section.articles]) == (
        "Safeguards in detention",
        ["2", "11"],
    )
    assert [r.text for r in section.recommendations] == ["Guarantee access to a lawyer."]
    # The bullet that is neither a paragraph's subparagraph nor an ask is kept, and flagged
    # at its line in the new draft.
    assert section.paragraphs[-1].text == "see the annexed list of places of detention"
    lines = out.read_text(encoding="utf-8").split("\n")
    [todo] = [ln for ln in result.stdout.split("\n") if " SK040 " in ln and "list item" in ln]
    line = int(todo.split(":")[1])
    assert lines[line - 1].startswith("see the annexed list"), todo
    assert "(from report.txt, line " in todo


def test_a_typed_upr_submission_and_council_statement_are_recognised(tmp_path):
    upr = tmp_path / "upr.txt"
    upr.write_text(
        "Universal Periodic Review\nFifth cycle\n"
        "Fiftieth session of the Working Group on the Universal Periodic Review\n"
        "State under review: Kazakhstan\nIndividual submission by Global Detention Project\n"
        "1 July 2025\n\nMigrants in Kazakhstan\n\nIV. Human rights situation on the ground\n\n"
        "A. Immigration detention\n\nMigrants are detained without safeguards.\n",
        encoding="utf-8",
    )
    data = import_document(upr).data
    assert data["kind"] == "upr_submission"
    assert (data["metadata"]["cycle"], data["metadata"]["session"]) == (5, {"number": 50})
    statement = tmp_path / "hrc.txt"
    statement.write_text(
        "Human Rights Council\nSixtieth session\nAgenda item 4\n"
        "Written statement submitted by Global Detention Project, a non-governmental "
        "organization in special consultative status\n\nHeld Without Safeguards\n\n"
        "Migrants are detained without safeguards in the region.\n",
        encoding="utf-8",
    )
    data = import_document(statement).data
    assert data["kind"] == "hrc_written_statement"
    assert data["metadata"]["agenda_item"] == 4
    assert data["metadata"]["organisations"][0]["ecosoc_status"] == "special"


@pytest.mark.parametrize(
    "example",
    ["kaz-cat-alternative-report.yaml", "kaz-upr-submission.yaml", "hrc-written-statement.yaml"],
)
def test_diff_of_an_unedited_docx_of_any_kind_shows_no_kit_generated_text(example, tmp_path):
    draft = EXAMPLES / example
    docx = tmp_path / "rendered.docx"
    assert run_subkit("render", str(draft), "-o", str(docx)).returncode == 0
    same = run_subkit("import", "--diff", str(docx), "--against", str(draft))
    assert same.returncode == 0, same.stdout + same.stderr
    assert "No changes" in same.stdout


def test_diff_of_an_alternative_report_lists_only_the_edits_made_in_word(tmp_path):
    draft = EXAMPLES / "kaz-cat-alternative-report.yaml"
    docx = tmp_path / "report.docx"
    assert run_subkit("render", str(draft), "-o", str(docx)).returncode == 0
    _edit_docx(docx, b"held for three weeks", b"held for four weeks")
    result = run_subkit("import", "--diff", str(docx), "--against", str(draft))
    assert result.returncode == 1, result.stdout + result.stderr
    reported = [
        ln for ln in result.stdout.split("\n") if re.search(r" (changed|added|removed) in Word", ln)
    ]
    assert len(reported) == 1 and "paragraph changed in Word" in reported[0]
    assert "[-three-] {+four+}" in result.stdout
    line = int(reported[0].split(":")[1])
    assert "held for three weeks" in " ".join(
        draft.read_text(encoding="utf-8").split("\n")[line - 1 : line + 3]
    )
    assert "Summary of recommendations" not in result.stdout and "Contents" not in result.stdout


def test_import_writes_a_draft_with_located_points_to_check(tmp_path):
    out = tmp_path / "loi.md"
    before = hashlib.sha256(SEED.read_bytes()).hexdigest()
    result = run_subkit("import", str(SEED), "-o", str(out))
    assert result.returncode == 1  # written, with points to check
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == before
    assert out.exists()
    lines = out.read_text(encoding="utf-8").split("\n")
    todo = [ln for ln in result.stdout.split("\n") if " SK040 " in ln]
    assert todo, result.stdout
    where, _, message = todo[0].partition(": SK040")
    line = int(where.split(":")[-2])
    assert "organisations" in " ".join(lines[line - 3 : line + 1]) or "TODO" in message


def test_import_never_replaces_an_existing_draft(tmp_path):
    out = tmp_path / "draft.md"
    out.write_text("my own draft\n", encoding="utf-8")
    result = run_subkit("import", str(SEED), "-o", str(out))
    assert result.returncode == 2
    assert "already exists" in result.stderr
    assert out.read_text(encoding="utf-8") == "my own draft\n"


def test_import_writes_yaml_as_well(tmp_path):
    out = tmp_path / "loi.yaml"
    run_subkit("import", str(SEED), "-o", str(out))
    md = tmp_path / "loi.md"
    run_subkit("import", str(SEED), "-o", str(md))
    # The same draft in either format: written out as Markdown, both read the same.
    assert to_markdown(validate_file(out).draft.data) == to_markdown(validate_file(md).draft.data)


def _bad(tmp_path: Path, name: str, data: bytes) -> subprocess.CompletedProcess[str]:
    source = tmp_path / name
    source.write_bytes(data)
    out = tmp_path / "draft.md"
    result = run_subkit("import", str(source), "-o", str(out))
    assert result.returncode == 2, result.stdout + result.stderr
    assert not out.exists()
    assert "Traceback" not in result.stderr
    return result


def test_a_docx_that_is_not_a_zip_is_refused(tmp_path):
    result = _bad(tmp_path, "old.docx", b"This is not a Word file at all.\n")
    assert "not a Word document" in result.stderr and "zip" in result.stderr


def test_a_password_protected_docx_is_refused_with_how_to_remove_the_password(tmp_path):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    ole += "EncryptedInfo".encode("utf-16-le") + b"\x00" * 64
    ole += "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512
    result = _bad(tmp_path, "secret.docx", ole)
    assert "password-protected" in result.stderr
    assert "remove the password" in result.stderr


def test_a_docx_with_no_paragraphs_is_refused(tmp_path):
    path = tmp_path / "empty.docx"
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", f'<w:document xmlns:w="{w}"><w:body/></w:document>')
    result = _bad(tmp_path, "empty.docx", path.read_bytes())
    assert "holds no paragraphs" in result.stderr


def test_a_pdf_is_refused_with_how_to_get_a_docx(tmp_path):
    result = _bad(tmp_path, "submission.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n")
    assert "PDF files are not read" in result.stderr
    assert ".docx" in result.stderr


def test_a_pdf_named_docx_is_told_apart(tmp_path):
    result = _bad(tmp_path, "submission.docx", b"%PDF-1.7\n%%EOF\n")
    assert "is a PDF" in result.stderr


def test_odt_is_read_through_libreoffice(tmp_path):
    soffice = require_tool("soffice", "libreoffice")
    docx = tmp_path / "loi.docx"
    docx.write_bytes(render_submission(validate_file(LOI).submission))
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--convert-to", "odt", "--outdir", str(tmp_path), str(docx)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    _assert_targets(_recovered(tmp_path / "loi.odt"))


def _edit_docx(path: Path, old: bytes, new: bytes) -> None:
    tmp = path.with_name("edited.tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename in ("word/document.xml", "word/footnotes.xml") and old in data:
                data = data.replace(old, new, 1)
            dst.writestr(info, data)
    tmp.replace(path)


def test_diff_shows_word_edits_per_paragraph_question_and_footnote(tmp_path):
    docx = tmp_path / "loi.docx"
    assert run_subkit("render", str(LOI), "-o", str(docx)).returncode == 0
    same = run_subkit("import", "--diff", str(docx), "--against", str(LOI))
    assert same.returncode == 0, same.stdout + same.stderr
    assert "No changes" in same.stdout
    _edit_docx(docx, b"many Uzbek and Uyghur", b"many Uzbek, Tajik and Uyghur")
    _edit_docx(docx, b"fight violence against women?", b"prevent violence against women?")
    _edit_docx(docx, b"fact-finding mission", b"fact-finding visit")
    result = run_subkit("import", "--diff", str(docx), "--against", str(LOI))
    assert result.returncode == 1
    out = result.stdout
    lines = LOI.read_text(encoding="utf-8").split("\n")
    changed = [ln for ln in out.split("\n") if " changed in Word" in ln]
    assert {ln.rsplit(": ", 1)[1].split()[0] for ln in changed} == {"paragraph", "ask", "footnote"}
    for ln in changed:
        line = int(ln.split(":")[1])
        assert lines[line - 1].strip()  # a line of the draft, not a guess
    assert "{+Tajik+}" in out or "[-Uzbek-] {+Uzbek, Tajik+}" in out
    assert "[-fight-] {+prevent+}" in out
    assert "[-mission:-] {+visit:+}" in out


def test_render_force_keeps_a_backup_of_the_docx_it_replaces(tmp_path):
    draft = EXAMPLES / "kaz-ccpr-oral-statement.yaml"
    docx = tmp_path / "s.docx"
    assert run_subkit("render", str(draft), "-o", str(docx)).returncode == 0
    _edit_docx(docx, b"Thank you for", b"Thank you very much for")
    edited = docx.read_bytes()
    assert run_subkit("render", str(draft), "-o", str(docx)).returncode == 2
    forced = run_subkit("render", str(draft), "-o", str(docx), "--force")
    assert forced.returncode == 0, forced.stderr
    backup = tmp_path / "s.backup.docx"
    assert backup.read_bytes() == edited
    assert "s.backup.docx" in forced.stdout
    _edit_docx(docx, b"Thank you for", b"Thanks for")
    run_subkit("render", str(draft), "-o", str(docx), "--force")
    assert (tmp_path / "s.backup-2.docx").exists()
    assert backup.read_bytes() == edited


def test_validating_or_rendering_a_word_document_points_to_import(tmp_path):
    docx = tmp_path / "old.docx"
    docx.write_bytes(render_submission(validate_file(LOI).submission))
    checked = run_subkit("validate", str(docx))
    assert checked.returncode == 1
    assert "SK035" in checked.stdout and "subkit import" in checked.stdout
    assert "UTF-8" not in checked.stdout
    before = docx.read_bytes()
    rendered = run_subkit("render", str(docx))
    assert rendered.returncode == 2
    assert "subkit import" in rendered.stderr and "draft itself" not in rendered.stderr
    assert docx.read_bytes() == before


def test_an_edit_made_only_in_the_summary_of_recommendations_is_flagged(tmp_path):
    docx = tmp_path / "report.docx"
    draft = EXAMPLES / "kaz-cat-alternative-report.yaml"
    assert run_subkit("render", str(draft), "-o", str(docx)).returncode == 0
    # The second copy of the ask is the summary's: edit that one only.
    tmp = docx.with_name("edited.tmp")
    with zipfile.ZipFile(docx) as src, zipfile.ZipFile(tmp, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                head, sep, tail = data.partition(b"Establish an accessible asylum")
                data = (
                    head
                    + sep
                    + tail.replace(b"Establish an accessible", b"Set up an accessible", 1)
                )
            dst.writestr(info, data)
    tmp.replace(docx)
    out = tmp_path / "report.md"
    result = run_subkit("import", str(docx), "-o", str(out))
    [todo] = [ln for ln in result.stdout.split("\n") if "summary of recommendations" in ln]
    assert "Set up an accessible" in todo and " SK040 " in todo
    line = int(todo.split(":")[1])
    assert "Establish an accessible" in out.read_text(encoding="utf-8").split("\n")[line - 1]


def test_diff_lists_an_edit_made_only_in_the_summary_of_recommendations(tmp_path):
    draft = EXAMPLES / "kaz-cat-alternative-report.yaml"
    docx = tmp_path / "report.docx"
    assert run_subkit("render", str(draft), "-o", str(docx)).returncode == 0
    tmp = docx.with_name("edited.tmp")
    with zipfile.ZipFile(docx) as src, zipfile.ZipFile(tmp, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                head, sep, tail = data.partition(b"Establish an accessible asylum")
                data = (
                    head
                    + sep
                    + tail.replace(b"Establish an accessible", b"Set up an accessible", 1)
                )
            dst.writestr(info, data)
    tmp.replace(docx)
    result = run_subkit("import", "--diff", str(docx), "--against", str(draft))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Set up an accessible" in result.stdout
    assert "1 generated part(s)" in result.stdout


@pytest.mark.parametrize(("name", "lang"), TEMPLATES, ids=[f"{n}-{lg}" for n, lg in TEMPLATES])
def test_every_filled_template_rendered_imported_and_rendered_again_reads_the_same(
    name, lang, tmp_path
):
    original = validate_text(filled_template(name, lang), "new.yaml").submission
    first = render_submission(original)
    source = tmp_path / "first.docx"
    source.write_bytes(first)
    data = import_document(source).data
    assert data["kind"] == original.kind
    imported = validate_text(to_markdown(data), "imported.md")
    assert imported.submission is not None, imported.diagnostics
    second = render_submission(imported.submission)
    assert _docx_text(second, tmp_path, "b.docx") == _docx_text(first, tmp_path, "a.docx")


def test_an_ampersand_in_an_organisation_name_does_not_split_it():
    # "&" joins the last two article numbers of a heading; in a name it is part of the name.
    from submission_kit.importing.classify import split_names as _split_names

    assert _split_names("Law & Policy Centre and Adilet", "en") == ["Law & Policy Centre", "Adilet"]
    assert _split_names("Droits & Justice et FIDH", "fr") == ["Droits & Justice", "FIDH"]
