"""`subkit import` and `subkit import --diff` on the cases a user trial found wrong: drafts whose
issues are not in treaty order, drafts edited after rendering, ordinary Word documents."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES, SEEDS, run_subkit

from submission_kit.importing.convert import to_yaml
from submission_kit.validate import validate_file

FRONT = """\
---
kind: list_of_issues
metadata:
  committee: CCPR
  state: KAZ
  session: {number: 144}
  stage: list_of_issues
  language: en
  date: 2025-03-10
  title: Suggested list of issues on Kazakhstan
  organisations:
  - name: Kazakhstan International Bureau for Human Rights
---
"""

#: Issues out of treaty order (art. 7 before art. 3): the render prints art. 3 first.
OUT_OF_ORDER = (
    FRONT
    + """
# Issues

## Refoulement (art. 7)

Asylum seekers were returned.[^a]

**Suggested questions:**

1. Will the State party respect non-refoulement?

## Violence against women (art. 3)

A law was adopted in 2009.[^b]

**Suggested questions:**

1. How many protection orders were issued in 2024?

[^a]: Report of the Special Rapporteur, 2023.
[^b]: Statistics office, annual bulletin 2024.
"""
)


def edit_docx(path: Path, out: Path, *pairs: tuple[bytes, bytes]) -> Path:
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            for old, new in pairs:
                data = data.replace(old, new)
            dst.writestr(info, data)
    return out


def reported(stdout: str) -> dict[str, int]:
    """The line each reported change points at, by the text it shows."""
    found: dict[str, int] = {}
    lines = stdout.split("\n")
    for n, ln in enumerate(lines):
        m = re.match(r".*?:(\d+):\d+: \w+ (changed|added|removed) in Word", ln)
        if m and n + 1 < len(lines):
            found[lines[n + 1].strip()] = int(m.group(1))
    return found


@pytest.mark.parametrize("suffix", [".md", ".yaml"])
def test_diff_points_at_the_edited_line_when_issues_are_not_in_treaty_order(tmp_path, suffix):
    draft = tmp_path / f"d{suffix}"
    md = tmp_path / "source.md"
    md.write_text(OUT_OF_ORDER, encoding="utf-8")
    if suffix == ".yaml":
        draft.write_text(to_yaml(validate_file(md).draft.data), encoding="utf-8")
    else:
        draft.write_text(OUT_OF_ORDER, encoding="utf-8")
    docx = tmp_path / "d.docx"
    assert run_subkit("render", str(draft), "-o", str(docx)).returncode == 0
    edited = edit_docx(
        docx,
        tmp_path / "d-edited.docx",
        (b"issued in 2024", b"issued in 2023 and 2024"),
        (b"adopted in 2009", b"adopted in 2010"),
        (b"annual bulletin", b"yearly bulletin"),
    )
    result = run_subkit("import", "--diff", str(edited), "--against", str(draft))
    assert result.returncode == 1, result.stdout + result.stderr
    at = reported(result.stdout)
    assert len(at) == 3, result.stdout
    lines = draft.read_text(encoding="utf-8").split("\n")
    for shown, needle in (
        ("{+2023 and+}", "issued in 2024"),
        ("[-2009.-] {+2010.+}", "adopted in 2009"),
        ("[-annual-] {+yearly+}", "annual bulletin"),
    ):
        [line] = [n for text, n in at.items() if shown in text]
        assert needle in lines[line - 1], (shown, line, lines[line - 1])


def test_diff_of_an_untouched_docx_says_the_draft_changed_not_word(tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text(OUT_OF_ORDER, encoding="utf-8")
    docx = tmp_path / "dc.docx"
    assert run_subkit("render", str(draft), "-o", str(docx)).returncode == 0
    draft.write_text(
        OUT_OF_ORDER.replace("Asylum seekers were", "Over 200 asylum seekers were"),
        encoding="utf-8",
    )
    result = run_subkit("import", "--diff", str(docx), "--against", str(draft))
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "is unchanged since it was rendered; the draft changed after rendering" in out
    assert "in Word:" not in out and "changed in Word" not in out
    # The draft's edit reads forwards: from the DOCX's text to the draft's.
    assert "[-Asylum-] {+Over 200 asylum+}" in out
    [where] = [ln for ln in out.split("\n") if "changed in the draft since rendering" in ln]
    line = int(where.split(":")[1])
    assert "Over 200 asylum" in draft.read_text(encoding="utf-8").split("\n")[line - 1]
    as_json = run_subkit("import", "--diff", str(docx), "--against", str(draft), "--format", "json")
    [change] = json.loads(as_json.stdout)
    assert change["made_in"] == "draft"
    assert change["new"].startswith("Over 200")


def test_diff_against_a_docx_of_another_kind_names_both_kinds(tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text(OUT_OF_ORDER, encoding="utf-8")
    docx = tmp_path / "os.docx"
    assert (
        run_subkit(
            "render", str(EXAMPLES / "kaz-ccpr-oral-statement.yaml"), "-o", str(docx)
        ).returncode
        == 0
    )
    result = run_subkit("import", "--diff", str(docx), "--against", str(draft))
    assert result.returncode == 2
    assert "reads as an oral statement" in result.stderr
    assert (
        "is a list of issues" in result.stderr and "not rendered from this draft" in result.stderr
    )
    assert "Field required" not in result.stderr and "Traceback" not in result.stderr


def test_diff_against_an_unrelated_docx_warns_it_was_not_rendered_from_the_draft(tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text(OUT_OF_ORDER, encoding="utf-8")
    rendered = tmp_path / "other.docx"
    assert (
        run_subkit(
            "render", str(EXAMPLES / "kaz-ccpr-list-of-issues.yaml"), "-o", str(rendered)
        ).returncode
        == 0
    )
    foreign = tmp_path / "foreign.docx"
    with zipfile.ZipFile(rendered) as src, zipfile.ZipFile(foreign, "w") as dst:
        for info in src.infolist():
            if info.filename != "docProps/custom.xml":  # as another program would save it
                dst.writestr(info, src.read(info.filename))
    result = run_subkit("import", "--diff", str(foreign), "--against", str(draft))
    assert "foreign.docx was not rendered from this draft" in result.stdout
    assert "change(s) made in Word" not in result.stdout
    assert "difference(s) with a document that was not rendered from" in result.stdout


def test_diff_refuses_an_output_file_rather_than_ignoring_it(tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text(OUT_OF_ORDER, encoding="utf-8")
    docx = tmp_path / "d.docx"
    assert run_subkit("render", str(draft), "-o", str(docx)).returncode == 0
    out = tmp_path / "new.md"
    result = run_subkit("import", "--diff", str(docx), "--against", str(draft), "-o", str(out))
    assert result.returncode == 2
    assert "-o is not used with --diff" in result.stderr
    assert not out.exists()


OW_LINES = [
    "Oral statement",
    "Kazakhstan International Bureau for Human Rights",
    "Human Rights Committee, 144th session",
    "Informal briefing on Kazakhstan",
    "7 July 2025",
    "Delivered by Aigerim Tulegenova, KIBHR",
    "Thank you, Chair. Distinguished members of the Committee,",
    "We are concerned about migrant workers: in 2024, 1,200 were detained.",
    "We urge the Committee to call on Kazakhstan to:",
]
OW_ASKS = [
    "Release all persons detained for peaceful protest;",
    "Ratify the Optional Protocol to the Convention against Torture.",
]


def ordinary_word(path: Path, asks: str = "style", date: bool = True) -> Path:
    """A statement typed in Word's Normal style, as python-docx (Word's default template)
    writes it; the asks in Word's "List Number" style (numbering set in the style), or typed."""
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for text in OW_LINES:
        if date or text != "7 July 2025":
            d.add_paragraph(text)
    for n, text in enumerate(OW_ASKS, start=1):
        if asks == "style":
            d.add_paragraph(text, style="List Number")
        else:
            d.add_paragraph(f"{n}. {text}")
    d.add_paragraph("Thank you for your attention.")
    d.save(str(path))
    return path


def imported_draft(tmp_path: Path, source: Path):
    out = tmp_path / (source.stem + ".md")
    result = run_subkit("import", str(source), "-o", str(out))
    assert result.returncode in (0, 1), result.stdout + result.stderr
    return validate_file(out).draft.data, out.read_text(encoding="utf-8"), result.stdout


@pytest.mark.parametrize("asks", ["style", "typed"])
def test_an_ordinary_word_statement_keeps_its_paragraphs_and_reads_its_asks(tmp_path, asks):
    data, text, _ = imported_draft(tmp_path, ordinary_word(tmp_path / "ow.docx", asks))
    assert data["kind"] == "oral_statement"
    assert [a["text"] for a in data["asks"]["items"]] == OW_ASKS
    assert data["asks"]["lead_in"] == "We urge the Committee to call on Kazakhstan to:"
    assert data["conclusion"] == ["Thank you for your attention."]
    # A Word paragraph is a paragraph: the salutation ending with a comma stays apart.
    paragraphs = [
        p if isinstance(p, str) else p["text"] for k in ("opening", "body") for p in data.get(k, [])
    ]
    assert "Thank you, Chair. Distinguished members of the Committee," in paragraphs
    assert "We are concerned about migrant workers: in 2024, 1,200 were detained." in paragraphs


def test_an_ordinary_word_statement_has_its_title_block_read(tmp_path):
    data, text, out = imported_draft(tmp_path, ordinary_word(tmp_path / "ow.docx"))
    meta = data["metadata"]
    assert meta["title"] == "Oral statement"
    assert [o["name"] for o in meta["organisations"]] == [
        "Kazakhstan International Bureau for Human Rights"
    ]
    assert (meta["committee"], meta["session"]["number"]) == ("CCPR", 144)
    assert str(meta["date"]) == "2025-07-07"  # the text's date, not the file's (2013)
    assert data["speaker"] == {"name": "Aigerim Tulegenova", "organisation": "KIBHR"}
    assert data["meeting"] == "informal_briefing"
    assert data["opening"] == ["Thank you, Chair. Distinguished members of the Committee,"]
    # None of the title block's lines is left in the statement's text.
    body = text.split("\n---\n", 1)[1]
    for line in OW_LINES[:6]:
        assert line not in body, line
    assert "committee CCPR was inferred" not in out


def test_a_french_committee_and_session_line_is_read(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for text in [
        "Déclaration orale",
        "Bureau international kazakh pour les droits de l’homme",
        "Comité des droits de l’homme, 144e session",
        "7 juillet 2025",
        "Merci, Madame la Présidente. Mesdames et Messieurs les membres du Comité,",
        "Nous sommes préoccupés par la situation des travailleurs migrants au Kazakhstan.",
        "Nous vous remercions de votre attention.",
    ]:
        d.add_paragraph(text)
    d.save(str(tmp_path / "fr.docx"))
    data, _, _ = imported_draft(tmp_path, tmp_path / "fr.docx")
    meta = data["metadata"]
    assert meta["language"] == "fr"
    assert (meta["committee"], meta["session"]["number"]) == ("CCPR", 144)
    assert str(meta["date"]) == "2025-07-07"
    assert (
        meta["organisations"][0]["name"] == "Bureau international kazakh pour les droits de l’homme"
    )


def test_a_date_only_from_the_file_is_a_point_to_check(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()  # Word's default template: created 2013-12-23
    for text in OW_LINES[:4] + OW_LINES[5:]:
        d.add_paragraph(text)
    d.save(str(tmp_path / "nodate.docx"))
    data, text, out = imported_draft(tmp_path, tmp_path / "nodate.docx")
    [todo] = [
        ln for ln in out.split("\n") if " SK040 " in ln and "no date was found in the text" in ln
    ]
    line = int(todo.split(":")[1])
    assert text.split("\n")[line - 1].strip().startswith("date:")


def _loi_in_word(path: Path, table: bool = False) -> Path:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_heading("Suggested list of issues on Kazakhstan", level=1)
    for text in [
        "Kazakhstan International Bureau for Human Rights",
        "Human Rights Committee, 144th session",
        "10 March 2025",
    ]:
        d.add_paragraph(text)
    d.add_heading("Refoulement (art. 7)", level=1)
    d.add_paragraph("Asylum seekers were returned.")
    if table:
        t = d.add_table(rows=2, cols=2)
        for (r, c), text in {
            (0, 0): "Year",
            (0, 1): "Returned",
            (1, 0): "2024",
            (1, 1): "120",
        }.items():
            t.cell(r, c).text = text
    d.add_paragraph("Suggested questions:")
    d.add_paragraph("Will the State party respect non-refoulement?", style="List Number")
    d.save(str(path))
    return path


def test_a_heading_1_title_is_the_title_not_an_issue(tmp_path):
    data, _, out = imported_draft(tmp_path, _loi_in_word(tmp_path / "loi.docx"))
    meta = data["metadata"]
    assert meta["title"] == "Suggested list of issues on Kazakhstan"
    assert meta["state"] == "KAZ"
    assert meta["organisations"][0]["name"] == "Kazakhstan International Bureau for Human Rights"
    # One issue, the one on article 7: the title is not an issue of its own.
    assert [i.get("articles") for i in data["issues"]] == [["7"]]
    assert "names no article" not in out


def test_a_flattened_table_is_a_located_point_to_check(tmp_path):
    data, text, out = imported_draft(tmp_path, _loi_in_word(tmp_path / "t.docx", table=True))
    [todo] = [ln for ln in out.split("\n") if " SK040 " in ln and "table of 2 row(s)" in ln]
    assert "flattened" in todo and "paragraph" in todo
    line = int(todo.split(":")[1])
    assert text.split("\n")[line - 1].strip() == "Year"


def test_french_articles_before_organisation_names_are_not_kept(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for text in [
        "Communication conjointe de la Fédération internationale pour les droits humains "
        "(FIDH) et de l’Association Adilet",
        "Comité des droits de l’homme, 144e session",
        "10 mars 2025",
        "La présente communication porte sur la situation des migrants au Kazakhstan.",
        "Les migrants sont détenus sans garanties au Kazakhstan.",
    ]:
        d.add_paragraph(text)
    d.save(str(tmp_path / "fr.docx"))
    data, _, _ = imported_draft(tmp_path, tmp_path / "fr.docx")
    names = [o["name"] for o in data["metadata"]["organisations"]]
    assert names == ["Fédération internationale pour les droits humains", "Association Adilet"]
    # The articles are the organisations' own: kept as data, so the render prints them again.
    assert [o.get("article") for o in data["metadata"]["organisations"]] == ["la", "l'"]


def test_a_text_statement_opening_with_its_date_and_committee_line(tmp_path):
    source = tmp_path / "statement.txt"
    long_one = "Since 2024, the State has detained migrants without safeguards. " * 5
    long_two = "Additionally, non-citizens have been targeted during protests. " * 5
    source.write_text(
        " 23 June 2025\n\nHuman Rights Committee (CCPR)\n\nInformal Briefing on Kazakhstan\n\n"
        "Thank you for this opportunity to address the Committee on Kazakhstan.\n"
        f"{long_one.strip()}\n{long_two.strip()}\n"
        "We urge the Committee to call on Kazakhstan to:\n"
        "1. Release all persons detained for peaceful protest.\n"
        "In conclusion\nThank you for your attention.\n",
        encoding="utf-8",
    )
    data, text, _ = imported_draft(tmp_path, source)
    meta = data["metadata"]
    assert str(meta["date"]) == "2025-06-23" and meta["title"] != "23 June 2025"
    assert meta["committee"] == "CCPR"
    assert data["meeting"] == "informal_briefing"
    paragraphs = [
        p if isinstance(p, str) else p["text"] for k in ("opening", "body") for p in data.get(k, [])
    ]
    assert "Human Rights Committee (CCPR)" not in paragraphs
    # Two paragraphs typed on one line each stay two paragraphs.
    assert long_one.strip() in paragraphs and long_two.strip() in paragraphs


@pytest.mark.parametrize("title_as", ["heading", "bold"])
def test_a_report_with_an_executive_summary_reads_a_typed_title_and_its_title_block(
    tmp_path, title_as
):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    # A report's title: one naming a list of issues, with suggested questions, is a list of
    # issues with an executive summary (test_a_list_of_issues_with_an_executive_summary_...).
    title = "Migrant workers and their families in Kazakhstan"
    if title_as == "heading":
        d.add_heading(title, level=1)
    else:
        d.add_paragraph().add_run(title).bold = True
    for text in [
        "Kazakhstan International Bureau for Human Rights",
        "Human Rights Committee, 144th session",
        "10 March 2025",
    ]:
        d.add_paragraph(text)
    d.add_heading("Executive summary", level=1)
    d.add_paragraph("This submission covers refoulement in Kazakhstan.")
    d.add_heading("Refoulement (art. 7)", level=1)
    d.add_paragraph("Asylum seekers were returned.")
    d.save(str(tmp_path / "report.docx"))
    data, _, _ = imported_draft(tmp_path, tmp_path / "report.docx")
    meta = data["metadata"]
    assert meta["title"] == title
    assert (meta["committee"], meta["session"]["number"]) == ("CCPR", 144)
    assert str(meta["date"]) == "2025-03-10"
    assert meta["organisations"][0]["name"] == "Kazakhstan International Bureau for Human Rights"
    summary = [p if isinstance(p, str) else p["text"] for p in data["executive_summary"]]
    assert summary == ["This submission covers refoulement in Kazakhstan."]


def test_an_image_left_out_is_a_point_to_check_with_its_description(tmp_path):
    import base64
    import io

    docx = pytest.importorskip("docx")
    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )
    d = docx.Document()
    for text in OW_LINES[:8]:
        d.add_paragraph(text)
    d.add_picture(io.BytesIO(png))
    d.inline_shapes[0]._inline.docPr.set("descr", "Map of detention centres")
    d.add_paragraph("Thank you for your attention.")
    d.save(str(tmp_path / "img.docx"))
    _, text, out = imported_draft(tmp_path, tmp_path / "img.docx")
    [todo] = [ln for ln in out.split("\n") if " SK040 " in ln and "image was left out" in ln]
    assert "Map of detention centres" in todo and "paragraph 9" in todo
    line = int(todo.split(":")[1])
    assert "We are concerned about migrant workers" in text.split("\n")[line - 1]


QUESTIONS = [
    "Please indicate how many children were separated from detained parents in 2024?",
    "How does the State party register the births of the children of migrant workers?",
]


def _crc_list_of_issues(path: Path, headings: list[str], summary: bool = True) -> Path:
    """A suggested list of issues to the CRC typed in Word: its title, a title block naming
    two organisations with their acronyms, an executive summary, then issues under headings."""
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_heading("Suggested list of issues prior to reporting on Kazakhstan", level=1)
    for text in [
        "Joint submission by International Federation for Human Rights (FIDH) and "
        "Kazakhstan International Bureau for Human Rights (KIBHR)",
        "Committee on the Rights of the Child, 99th session",
        "10 March 2025",
    ]:
        d.add_paragraph(text)
    if summary:
        d.add_heading("Executive summary", level=1)
        d.add_paragraph("This submission covers the children of migrant workers.")
    for n, heading in enumerate(headings, start=1):
        d.add_heading(heading, level=1)
        d.add_paragraph(f"Issue {n}: children are separated from detained parents.")
        d.add_paragraph("Suggested questions:")
        d.add_paragraph(QUESTIONS[(n - 1) % len(QUESTIONS)], style="List Number")
    d.save(str(path))
    return path


def test_a_list_of_issues_with_an_executive_summary_is_a_list_of_issues(tmp_path):
    source = _crc_list_of_issues(
        tmp_path / "loi.docx", ["General principles (arts. 2, 3, 6 and 12)"]
    )
    data, text, out = imported_draft(tmp_path, source)
    assert data["kind"] == "list_of_issues"
    # The organisations keep their acronyms in the field the model has for them.
    assert data["metadata"]["organisations"] == [
        {"name": "International Federation for Human Rights", "acronym": "FIDH"},
        {"name": "Kazakhstan International Bureau for Human Rights", "acronym": "KIBHR",
         "role": "co-submitter"},
    ]  # fmt: skip
    # The summary is the introduction; its heading, which the layout does not print, is a
    # located point to check, not dropped unsaid.
    assert data["introduction"] == ["This submission covers the children of migrant workers."]
    assert "Executive summary" not in text.split("\n---\n", 1)[1]
    [todo] = [ln for ln in out.split("\n") if "the heading 'Executive summary' was left out" in ln]
    assert "SK040" in todo
    assert [q["text"] for q in data["issues"][0]["questions"]] == QUESTIONS[:1]


def test_a_crc_cluster_heading_keeps_its_heading_and_gets_its_articles(tmp_path):
    source = _crc_list_of_issues(
        tmp_path / "crc.docx",
        [
            "B. General principles",
            "Family environment and alternative care (arts. 5, 9–11, 18 (1)–(2), 20–21, 25 "
            "and 27 (4))",
        ],
        summary=False,
    )
    data, text, out = imported_draft(tmp_path, source)
    first, second = data["issues"]
    assert first["heading"] == "B. General principles"
    assert [str(a) for a in first["articles"]] == ["2", "3", "6", "12"]
    assert "is the CRC cluster 'general_principles'" in out
    # A range stands for each article (and paragraph) in it, as a draft lists them.
    assert [str(a) for a in second["articles"]] == [
        "5", "9", "10", "11", "18 (1)", "18 (2)", "20", "21", "25", "27 (4)",
    ]  # fmt: skip
    # The draft validates and passes check: no SK102 for '9–11', no SK505 for the heading.
    checked = run_subkit("check", "--format", "json", str(tmp_path / "crc.md"))
    found = [d["code"] for d in json.loads(checked.stdout) if d["code"] != "SK040"]
    assert found == [], checked.stdout


ORAL_SEED = SEEDS / "000_dc6f62c1ab866850.txt"
SPEAKER_LINE = (
    "Oral Submission by Abdelaziz Muhamat, Global Detention Project, concerning the Joint "
    "Submission by the Global Detention Project and International Legal Initiative"
)


def _oral_seed_in_word(path: Path, line_break: bool) -> Path:
    """The oral statement seed typed in Word, a paragraph a line; its two-line speaker line as
    two paragraphs, or as one with a line break in it."""
    docx = pytest.importorskip("docx")
    d = docx.Document()
    lines = [ln.strip() for ln in ORAL_SEED.read_text(encoding="utf-8").splitlines() if ln.strip()]
    k = 0
    while k < len(lines):
        if line_break and lines[k].startswith("Oral Submission by"):
            p = d.add_paragraph(lines[k])
            p.runs[0].add_break()
            p.add_run(lines[k + 1])
            k += 2
            continue
        d.add_paragraph(lines[k])
        k += 1
    d.save(str(path))
    return path


@pytest.mark.parametrize("source", ["text", "word", "word-line-break"])
def test_the_oral_seed_s_speaker_line_names_the_speaker_and_organisations(tmp_path, source):
    if source == "text":
        path = tmp_path / "statement.txt"
        path.write_text(ORAL_SEED.read_text(encoding="utf-8"), encoding="utf-8")
    else:
        path = _oral_seed_in_word(tmp_path / "statement.docx", source == "word-line-break")
    data, text, _ = imported_draft(tmp_path, path)
    assert data["kind"] == "oral_statement"
    assert data["speaker"] == {
        "name": "Abdelaziz Muhamat",
        "organisation": "Global Detention Project",
    }
    meta = data["metadata"]
    # The joint submission the statement presents names the organisations; the article of
    # running text ("by the Global ...") is kept as data, not in the name.
    assert meta["organisations"] == [
        {"name": "Global Detention Project", "article": "the"},
        {"name": "International Legal Initiative", "role": "co-submitter"},
    ]
    assert meta["title"] == SPEAKER_LINE
    # The line is read, not left as the statement's first paragraphs.
    body = text.split("\n---\n", 1)[1]
    assert "Oral Submission by" not in body and "Submission by the Global" not in body
    assert data["opening"][0].startswith("Thank you for this opportunity to address the Committee")


def test_an_oral_statement_title_without_a_speaker_is_not_a_speaker_line(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for text in [
        "Oral statement by Amnesty International on Kazakhstan",
        "Human Rights Committee, 144th session",
        "Informal briefing on Kazakhstan",
        "Thank you, Chair.",
        "We are concerned about migrant workers: in 2024, 1,200 were detained.",
    ]:
        d.add_paragraph(text)
    d.save(str(tmp_path / "title.docx"))
    data, _, _ = imported_draft(tmp_path, tmp_path / "title.docx")
    assert data["metadata"]["title"] == "Oral statement by Amnesty International on Kazakhstan"
    assert data["speaker"]["name"].startswith("TODO(")
