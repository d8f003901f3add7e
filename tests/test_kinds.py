"""Alternative reports, UPR stakeholder submissions and written statements to the Human Rights
Council: what each document carries, in English, French and Spanish, and the rules that come
with them."""

from __future__ import annotations

import copy
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLES, require_tool

from submission_kit import reference
from submission_kit.compose import compose
from submission_kit.doctree import Box, Contents, Heading, ListItem, Para, Text
from submission_kit.lint.rules.length import word_count_summary
from submission_kit.model import kind_model
from submission_kit.settings import Settings
from submission_kit.validate import validate_file, validate_text
from submission_kit.write.docx import write_docx

REPORT = EXAMPLES / "kaz-cat-alternative-report.yaml"
UPR = EXAMPLES / "kaz-upr-submission.yaml"
HRC = EXAMPLES / "hrc-written-statement.yaml"
NEW_KINDS = {"alternative_report": REPORT, "upr_submission": UPR, "hrc_written_statement": HRC}
LANGS = ("en", "fr", "es")


def data_of(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def draft(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def composed(data: dict[str, Any]):
    result = validate_text(draft(data), "draft.yaml")
    assert result.submission is not None, [f"{d.code} {d.message}" for d in result.diagnostics]
    return compose(result.submission)


def in_language(path: Path, lang: str) -> dict[str, Any]:
    data = copy.deepcopy(data_of(path))
    data["metadata"]["language"] = lang
    return data


def plain(text: str) -> str:
    """The text without the typography compose applies (no-break spaces after 'art.',
    typographic apostrophes), so that tests compare words."""
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'")


def words(content: list) -> str:
    return plain("".join(i.text for i in content if isinstance(i, Text)))


def lines(doc) -> list[str]:
    return plain(doc.text()).split("\n")


def findings(data: dict[str, Any], settings: Settings | None = None):
    """Schema, semantic and rule findings of a draft, as `subkit check` reports them."""
    from submission_kit.lint.engine import lint

    result = validate_text(draft(data), "draft.yaml")
    found = list(result.diagnostics)
    if result.submission is not None:
        found += lint(result, settings or Settings())
    return found


def codes(data: dict[str, Any], settings: Settings | None = None) -> set[str]:
    return {d.code for d in findings(data, settings)}


# -- every new kind, every language --------------------------------------------------------------

#: A fixed phrase of each kind's document, per language: it shows the kind speaks the language.
SIGNS = {
    "alternative_report": {"en": "Contents", "fr": "Table des matières", "es": "Índice"},
    "upr_submission": {
        "en": "State under review: Kazakhstan",
        "fr": "État examiné\u00a0: Kazakhstan",
        "es": "Estado examinado: Kazajstán",
    },
    "hrc_written_statement": {
        "en": "Agenda item 4",
        "fr": "Point 4 de l’ordre du jour",
        "es": "Tema 4 de la agenda",
    },
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", list(NEW_KINDS))
def test_each_new_kind_is_written_in_each_language(kind, lang):
    doc = composed(in_language(NEW_KINDS[kind], lang))
    assert plain(SIGNS[kind][lang]) in lines(doc)
    assert doc.properties.language.startswith(lang)
    # The DOCX is written, and twice the same.
    assert write_docx(doc) == write_docx(composed(in_language(NEW_KINDS[kind], lang)))


def test_every_kind_that_exists_is_covered_here_or_by_the_older_tests():
    from submission_kit.model import kinds

    older = {"oral_statement", "list_of_issues", "follow_up"}
    assert set(kinds()) == older | set(NEW_KINDS)


# -- the alternative report ----------------------------------------------------------------------


def test_alternative_report_has_its_parts_in_order():
    doc = composed(data_of(REPORT))
    text = lines(doc)
    order = [
        "Alternative report",
        "Submitted by Global Detention Project (lead organisation)",
        "Co-submitted by International Legal Initiative",
        "Committee against Torture",
        "Executive summary",
        "Contents",
        "Introduction",
        "Implementation of the Convention",
        "Summary of recommendations",
        "Annex I",
        "About the organisations",
    ]
    # Each part after the one before it (the contents repeats the headings, so search on).
    at = 0
    for line in order:
        at = text.index(line, at) + 1


def test_chapters_are_numbered_in_roman_and_sections_in_letters():
    doc = composed(data_of(REPORT))
    numbered = [(h.level, h.number, words(h.content)) for h in doc.blocks if isinstance(h, Heading)]
    assert (0, "I.", "Introduction") in numbered
    assert (0, "II.", "Implementation of the Convention") in numbered
    assert (1, "A.", "Non-refoulement (art. 3)") in numbered
    assert (1, "B.", "Safeguards for migrants in detention (arts. 2, 11 and 16)") in numbered
    assert (0, "III.", "Summary of recommendations") in numbered


def test_the_table_of_contents_lists_the_chapters_and_sections_that_follow_it():
    doc = composed(data_of(REPORT))
    contents = next(b for b in doc.blocks if isinstance(b, Contents))
    after = doc.blocks[doc.blocks.index(contents) + 1 :]
    headings = [
        (h.number, words(h.content)) for h in after if isinstance(h, Heading) and h.level < 2
    ]
    assert [(e.number, words(e.content)) for e in contents.entries] == headings
    assert ("II.", "Implementation of the Convention") in headings


def test_a_report_can_leave_the_table_of_contents_out():
    data = data_of(REPORT)
    data["contents"] = False
    assert not any(isinstance(b, Contents) for b in composed(data).blocks)


def test_a_case_is_a_titled_box_holding_its_paragraphs():
    doc = composed(data_of(REPORT))
    box = next(b for b in doc.blocks if isinstance(b, Box))
    assert words(box.title) == "Case box: held after a migration raid"
    assert len(box.blocks) == 2
    assert words(box.blocks[0].content).startswith("A., a construction worker from Tajikistan")


def test_summary_of_recommendations_repeats_each_ask_with_the_paragraph_that_makes_it():
    doc = composed(data_of(REPORT))
    paragraphs = [b for b in doc.blocks if isinstance(b, ListItem) and b.list_id == "paragraphs"]
    number_of = {words(p.content): n for n, p in enumerate(paragraphs, start=1)}
    start = next(
        i
        for i, b in enumerate(doc.blocks)
        if isinstance(b, Heading) and words(b.content) == "Summary of recommendations"
    )
    summary = [b for b in doc.blocks[start:] if isinstance(b, ListItem)]
    section_asks = [
        r
        for c in data_of(REPORT)["chapters"]
        for s in c.get("sections", [])
        for r in s.get("recommendations", [])
    ]
    assert len(summary) == len(section_asks) == 4
    for item in summary:
        m = re.fullmatch(r"(.*) \(para\. (\d+)\)", words(item.content), re.S)
        assert m, words(item.content)
        assert number_of[m[1]] == int(m[2])
        assert item.bold
    # Each group of the summary names its section, chapter and letter.
    groups = [
        words(h.content) for h in doc.blocks[start:] if isinstance(h, Heading) and h.level == 2
    ]
    assert groups == [
        "II.A\u2002Non-refoulement (art. 3)",
        "II.B\u2002Safeguards for migrants in detention (arts. 2, 11 and 16)",
    ]


def test_crc_sections_by_cluster_are_headed_by_the_cluster_and_its_articles():
    data = data_of(REPORT)
    data["metadata"]["committee"] = "CRC"
    data["chapters"][1]["sections"] = [
        {"cluster": "general_principles", "paragraphs": ["Children in detention."]},
        {"heading": "Child migrants", "cluster": "special_protection", "paragraphs": ["Text."]},
    ]
    for lang, expected in {
        "en": "General principles (arts. 2, 3, 6 and 12)",
        "fr": "Principes généraux (art. 2, 3, 6 et 12)",
        "es": "Principios generales (arts. 2, 3, 6 y 12)",
    }.items():
        data["metadata"]["language"] = lang
        headings = [words(h.content) for h in composed(data).blocks if isinstance(h, Heading)]
        assert expected in headings, headings
    assert any(h.startswith("Child migrants (arts. 22, 30, 32") for h in headings)


def test_a_crc_cluster_in_a_report_to_another_committee_is_an_error():
    data = data_of(REPORT)
    data["chapters"][1]["sections"][0]["cluster"] = "general_principles"
    assert "SK512" in codes(data)


def test_an_alternative_report_without_an_executive_summary_is_an_error_at_its_place():
    data = data_of(REPORT)
    del data["executive_summary"]
    found = [d for d in findings(data) if d.code == "SK101"]
    assert found and "executive_summary" in found[0].message
    assert found[0].line == 1


def test_the_contents_is_a_word_toc_field_filled_before_word_updates_it(tmp_path):
    docx = tmp_path / "report.docx"
    docx.write_bytes(write_docx(composed(data_of(REPORT))))
    with zipfile.ZipFile(docx) as z:
        xml = z.read("word/document.xml").decode()
    assert 'TOC \\o "1-2" \\h \\z \\u' in xml
    begin, end = (
        xml.index('w:fldCharType="begin"/></w:r><w:r><w:instrText'),
        xml.index("Executive summary"),
    )
    assert end < begin  # the summary comes before the contents
    toc = xml[begin : xml.index('w:fldCharType="end"', begin)]
    assert "Implementation of the Convention" in toc and "Safeguards for migrants" in toc


def test_pandoc_reads_the_contents_headings_box_and_summary_back(tmp_path):
    require_tool("pandoc")
    from render_helpers import read_with_pandoc

    docx = tmp_path / "report.docx"
    docx.write_bytes(write_docx(composed(data_of(REPORT))))
    reading = read_with_pandoc(docx)
    texts = " ¶ ".join(reading.texts)
    assert "Contents" in texts
    assert texts.count("Safeguards for migrants in detention (arts. 2, 11 and 16)") >= 2
    assert "Case box: held after a migration raid" in texts
    headings = [t for kind, t in reading.blocks if kind == "heading"]
    assert "Summary of recommendations" in " ".join(headings)
    assert len(reading.notes) == 2


# -- headings always carry their article reference ----------------------------------------------


def _loi_with_heading(heading: str, articles: list[int]) -> dict[str, Any]:
    data = data_of(EXAMPLES / "kaz-ccpr-list-of-issues.yaml")
    data["issues"] = [{"heading": heading, "articles": articles, "paragraphs": ["Text."]}]
    return data


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Violence against women (arts. 3 and 26)"),
        ("fr", "Violence against women (art. 3 et 26)"),
        ("es", "Violence against women (arts. 3 y 26)"),
    ],
)
def test_a_writers_heading_gets_the_article_reference_in_un_form(lang, expected):
    data = _loi_with_heading("Violence against women", [26, 3])
    data["metadata"]["language"] = lang
    headings = [words(h.content) for h in composed(data).blocks if isinstance(h, Heading)]
    assert (
        expected.replace(" ", "\u00a0") in [h.replace(" ", "\u00a0") for h in headings]
        or expected in headings
    )


def test_a_heading_that_names_its_articles_is_printed_as_written():
    data = _loi_with_heading("Article 7 on the prohibition of torture", [7])
    headings = [words(h.content) for h in composed(data).blocks if isinstance(h, Heading)]
    assert "Article 7 on the prohibition of torture" in headings
    assert "SK505" not in codes(data)


def test_a_typed_reference_that_disagrees_with_the_articles_is_flagged_where_it_is_typed():
    data = _loi_with_heading("Torture (art. 7)", [9])
    found = [d for d in findings(data) if d.code == "SK505"]
    assert len(found) == 1
    assert "names article(s) 7" in found[0].message and "cites 9" in found[0].message
    source = draft(data).split("\n")[found[0].line - 1]
    assert source[found[0].column - 1 :].startswith("art. 7")


@pytest.mark.parametrize("committee", reference.committee_codes())
@pytest.mark.parametrize("lang", LANGS)
def test_every_treaty_has_a_title_for_every_substantive_article(committee, lang):
    treaty = reference.committee(committee).treaty
    titles = treaty.titles[lang]
    assert sorted(map(int, titles)) == list(range(1, treaty.articles + 1))
    assert all(t.strip() for t in titles.values())
    assert treaty.sources["texts"] and treaty.sources["titles"]


@pytest.mark.parametrize("committee", reference.committee_codes())
def test_a_built_heading_names_the_article_for_every_committee(committee):
    data = _loi_with_heading("x", [1])
    del data["issues"][0]["heading"]
    data["metadata"]["committee"] = committee
    title = reference.committee(committee).treaty.title(1, "en")
    headings = [words(h.content) for h in composed(data).blocks if isinstance(h, Heading)]
    assert f"{title} (art. 1)" in headings


def test_crc_clusters_have_titles_in_every_language_and_articles_of_the_convention():
    crc = reference.treaty("CRC")
    assert len(crc.clusters) == 9
    for cluster in crc.clusters.values():
        assert set(cluster["title"]) == set(LANGS)
        assert all(int(a.split()[0]) <= crc.total_articles for a in cluster["articles"])
    assert "clusters" in crc.sources


# -- UPR stakeholder submissions -----------------------------------------------------------------


def test_upr_submission_lists_its_joint_submitters_at_the_start_of_the_text():
    doc = composed(data_of(UPR))
    text = lines(doc)
    intro = text.index(
        "This joint submission is made by the Central Asia Migrant Rights Coalition, composed of:"
    )
    assert text[intro + 1 : intro + 3] == [
        "Global Detention Project (lead organisation)",
        "International Legal Initiative",
    ]
    assert intro < text.index("Introduction")
    assert "Key words: immigration detention, non-refoulement, statelessness" in text


def test_upr_title_block_names_the_state_under_review_cycle_and_working_group_session():
    text = lines(composed(data_of(UPR)))
    assert text[:5] == [
        "Universal Periodic Review",
        "Fifth cycle",
        "Fiftieth session of the Working Group on the Universal Periodic Review",
        "State under review: Kazakhstan",
        "Joint submission: Central Asia Migrant Rights Coalition",
    ]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Recommendations 139.12 (Norway), supported and 139.15 (Brazil), noted"),
        ("fr", "Recommandations 139.12 (Norway), acceptée et 139.15 (Brésil), notée"),
        ("es", "Recomendaciones 139.12 (Norway), apoyada y 139.15 (Brasil), anotada"),
    ],
)
def test_upr_follow_up_cites_earlier_recommendations_with_state_and_position(lang, expected):
    assert expected in lines(composed(in_language(UPR, lang)))


def test_upr_recommendations_are_gathered_from_the_themes_into_the_last_chapter():
    doc = composed(data_of(UPR))
    chapters = [
        (h.number, words(h.content)) for h in doc.blocks if isinstance(h, Heading) and h.level == 0
    ]
    assert chapters[-1] == ("V.", "Recommendations for action by the State under review")
    start = next(i for i, b in enumerate(doc.blocks) if isinstance(b, Heading) and b.number == "V.")
    asks = [words(b.content) for b in doc.blocks[start:] if isinstance(b, ListItem)]
    assert len(asks) == 3 and asks[0].startswith("Guarantee every migrant")
    # Paragraphs and recommendations are numbered in one run, as the UPR asks.
    items = [b for b in doc.blocks if isinstance(b, ListItem) and b.list_id == "paragraphs"]
    assert len(items) == 9


def test_a_upr_submission_without_recommendations_is_an_error():
    data = data_of(UPR)
    data.pop("recommendations")
    for theme in data["themes"]:
        theme.pop("recommendations")
    found = [d for d in findings(data) if d.code == "SK510"]
    assert found and found[0].path == "themes"


def test_a_joint_upr_submission_needs_its_coalition_and_a_lead():
    data = data_of(UPR)
    del data["metadata"]["coalition"]
    assert any("coalition" in d.message for d in findings(data) if d.code == "SK102")
    data = data_of(UPR)
    data["metadata"]["organisations"][0]["role"] = "author"
    found = [d for d in findings(data) if d.code == "SK511"]
    assert found and found[0].path == "metadata.organisations"


def test_a_upr_submission_given_a_committee_is_told_the_upr_has_none():
    data = data_of(UPR)
    data["metadata"]["committee"] = "CCPR"
    found = [d for d in findings(data) if d.code == "SK103"]
    assert found and draft(data).split("\n")[found[0].line - 1].strip().startswith("committee:")
    assert "Universal Periodic Review is not a treaty body" in found[0].hint


def test_a_bad_upr_recommendation_reference_says_how_to_write_it():
    data = data_of(UPR)
    data["follow_up"][0]["recommendations"] = ["Norway 139.12"]
    found = [d for d in findings(data) if d.code == "SK102"]
    assert found and "'139.12 (Norway), supported'" in found[0].message


# -- written statements to the Human Rights Council ----------------------------------------------


def test_hrc_statement_heading_names_council_session_item_and_status():
    text = lines(composed(data_of(HRC)))
    assert text[:5] == [
        "Human Rights Council",
        "Sixtieth session",
        "Agenda item 4",
        "Human rights situations that require the Council's attention",
        "Written statement submitted by Global Detention Project, a non-governmental "
        "organization in special consultative status",
    ]


def test_co_signers_without_status_are_named_in_a_footnote_to_the_title():
    doc = composed(data_of(HRC))
    title = next(b for b in doc.blocks if isinstance(b, Para) and b.role == "title")
    key = title.content[-1].key
    assert words(doc.footnotes[key]) == (
        "International Legal Initiative also shares the views expressed in this statement."
    )
    data = data_of(HRC)
    data["metadata"]["organisations"].append({"name": "Migrant Voices"})
    doc = composed(data)
    assert any("Migrant Voices also share the views" in words(b) for b in doc.footnotes.values())


def test_joint_statements_list_submitters_general_then_special_then_roster():
    data = data_of(HRC)
    data["metadata"]["organisations"] = [
        {"name": "Roster Org", "ecosoc_status": "roster"},
        {"name": "Special Org", "ecosoc_status": "special", "role": "lead"},
        {"name": "General Org", "ecosoc_status": "general"},
    ]
    line = lines(composed(data))[4]
    assert line.startswith("Joint written statement submitted by General Org, a non-governmental")
    assert line.index("General Org") < line.index("Special Org") < line.index("Roster Org")


def test_hrc_statement_is_set_in_12_point_text_and_10_point_footnotes():
    data = write_docx(composed(data_of(HRC)))
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        styles = z.read("word/styles.xml").decode()
    body = re.search(r'w:styleId="SingleTxtG".*?</w:style>', styles, re.S)[0]
    note = re.search(r'w:styleId="FootnoteText".*?</w:style>', styles, re.S)[0]
    assert '<w:sz w:val="24"/>' in body and '<w:sz w:val="20"/>' in note
    assert 'w:ascii="Times New Roman"' in styles
    # Other kinds keep the UN's 10 pt.
    other = write_docx(composed(data_of(REPORT)))
    with zipfile.ZipFile(io.BytesIO(other)) as z:
        assert (
            '<w:sz w:val="24"/>'
            not in re.search(
                r'w:styleId="SingleTxtG".*?</w:style>', z.read("word/styles.xml").decode(), re.S
            )[0]
        )


def test_hrc_statement_bad_input_gets_located_errors_with_hints():
    data = data_of(HRC)
    data["metadata"]["state"] = "KAZ"
    data["metadata"]["agenda_item"] = 11
    data["metadata"]["organisations"][0]["ecosoc_status"] = "consultative"
    found = {d.path: d for d in findings(data)}
    assert "no State party" in found["metadata.state"].hint
    assert "items 1 to 10" in found["metadata.agenda_item"].hint
    assert "general, special or roster" in found["metadata.organisations.0.ecosoc_status"].hint
    assert all(d.line > 1 for d in found.values())


def test_hrc_statement_without_agenda_item_or_ecosoc_status_is_an_error():
    data = data_of(HRC)
    del data["metadata"]["agenda_item"]
    assert any("agenda_item" in d.message for d in findings(data) if d.code == "SK101")
    data = data_of(HRC)
    del data["metadata"]["organisations"][0]["ecosoc_status"]
    found = [d for d in findings(data) if d.path == "metadata.organisations"]
    assert found and "ECOSOC status" in found[0].message


def test_a_un_symbol_as_the_statements_title_is_flagged():
    data = data_of(HRC)
    data["metadata"]["title"] = "A/HRC/60/NGO/12 Migrant Workers"
    assert "SK320" in codes(data)
    data["metadata"]["title"] = "A/HRC/60/1: Migrant Workers"
    assert "SK320" in codes(data)


def test_hrc_titles_in_english_are_in_title_case():
    data = data_of(HRC)
    data["metadata"]["title"] = "Migrant workers held without safeguards"
    found = [d for d in findings(data) if d.code == "SK513"]
    assert found and "'workers'" in found[0].message
    data["metadata"]["language"] = "fr"
    assert "SK513" not in codes(data)


# -- word limits, counted as each mechanism counts -----------------------------------------------


def _count(data: dict[str, Any], settings: Settings | None = None) -> tuple[int, int | None, str]:
    submission = validate_text(draft(data), "d.yaml").submission
    assert submission is not None
    return word_count_summary(submission, settings or Settings())


def test_the_ccpr_limit_is_10000_and_a_committee_without_one_gets_the_un_limit_with_a_note():
    data = data_of(REPORT)
    data["metadata"]["committee"] = "CCPR"
    data["chapters"][1]["sections"][0]["articles"] = [7]
    data["chapters"][1]["sections"][1]["articles"] = [9, 10]
    assert _count(data)[1:] == (10000, "")
    _, limit, note = _count(data_of(REPORT))
    assert limit == 10700 and "secretariat may set one" in note


def test_the_summary_of_recommendations_counts_towards_the_limit():
    data = data_of(REPORT)
    before = _count(data)[0]
    ask = data["chapters"][1]["sections"][0]["recommendations"][0]
    data["chapters"][1]["sections"][0]["recommendations"].append(ask + " Now.")
    assert _count(data)[0] == before + 2 * (len(ask.split()) + 1)


def test_hrc_limit_follows_the_ecosoc_status_and_counts_footnotes():
    data = data_of(HRC)
    assert _count(data)[1] == 1500
    data["metadata"]["organisations"][0]["ecosoc_status"] = "general"
    assert _count(data)[1] == 2000
    words_before = _count(data)[0]
    data["sources"][0]["text"] += " One two three."
    assert _count(data)[0] == words_before + 3


def test_an_hrc_statement_over_its_limit_is_an_error():
    data = data_of(HRC)
    data["body"].append(" ".join(["word"] * 1500))
    assert "SK301" in codes(data)


def test_upr_limits_are_settings_with_defaults_whose_uncertainty_is_stated():
    data = data_of(UPR)
    _, limit, note = _count(data)
    assert limit == 5630 and "not confirmed" in note
    data["metadata"]["submission"] = "individual"
    del data["metadata"]["coalition"]
    assert _count(data)[1] == 2815
    assert _count(data, Settings(upr_word_limit_individual=3000))[1:] == (3000, "")


def test_subkit_check_shows_the_word_count_of_every_written_submission(subkit):
    result = subkit("check", "--no-render", str(REPORT), str(UPR), str(HRC))
    table = {line.split()[0]: line for line in result.stdout.splitlines() if ".yaml " in line}
    assert re.search(r"\d+ / 10,700\*$", table[str(REPORT)])
    assert re.search(r"\d+ / 5,630\*$", table[str(UPR)])
    assert re.search(r"\d+ / 1,500$", table[str(HRC)])
    assert "* the CAT states no limit of its own" in result.stdout


def test_upr_word_limit_settings_are_read_from_the_project_settings(tmp_path):
    from submission_kit.settings import discover

    (tmp_path / "subkit.toml").write_text("upr-word-limit-joint = 6000\n", encoding="utf-8")
    settings = discover(str(tmp_path), None)
    assert _count(data_of(UPR), settings)[1:] == (6000, "")


# -- messages that name the mechanism ------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "named"), [("HRC", "Human Rights Council"), ("UPR", "Universal Periodic Review")]
)
def test_a_committee_field_naming_the_council_or_the_upr_names_the_mechanism(typed, named):
    data = data_of(EXAMPLES / "kaz-ccpr-list-of-issues.yaml")
    data["metadata"]["committee"] = typed
    found = [d for d in findings(data) if d.path == "metadata.committee"]
    assert found and named in found[0].hint
    assert "did you mean" not in found[0].hint


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("written_statement", "hrc_written_statement"),
        ("shadow_report", "alternative_report"),
        ("upr", "upr_submission"),
    ],
)
def test_an_unknown_kind_names_the_kinds_that_exist(typed, suggested):
    found = findings({"kind": typed})
    assert found[0].code == "SK100"
    assert f"'{suggested}'" in found[0].hint
    for kind in ("alternative_report", "upr_submission", "hrc_written_statement", "oral_statement"):
        assert kind in found[0].hint
    assert "Human Rights Council" in found[0].hint


@pytest.mark.parametrize(
    ("typed", "named"), [("HRC", "Human Rights Council"), ("UPR", "Universal Periodic Review")]
)
def test_subkit_new_with_committee_hrc_or_upr_names_the_mechanism_and_its_template(
    subkit, tmp_path, typed, named
):
    out = tmp_path / "d.yaml"
    result = subkit(
        "new", "alternative-report", "--state", "KAZ", "--committee", typed,
        "--session", "50", "--org", "Org", "-o", str(out),
    )  # fmt: skip
    assert result.returncode == 2
    assert named in result.stderr and "did you mean" not in result.stderr
    assert ("upr-submission" if typed == "UPR" else "hrc-written-statement") in result.stderr
    assert not out.exists()


# -- templates -----------------------------------------------------------------------------------

NEW_TEMPLATES = {
    "alternative-report": ["--committee", "CAT"],
    "upr-submission": ["--var", "cycle=4", "--var", "submission=joint"],
    "hrc-written-statement": ["--var", "ecosoc_status=general"],
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("template", list(NEW_TEMPLATES))
def test_new_kind_templates_make_drafts_that_validate_but_for_placeholders(
    subkit, tmp_path, template, lang
):
    out = tmp_path / f"{template}.yaml"
    made = subkit(
        "new", template, "--state", "UZB", "--session", "50", "--lang", lang,
        "--org", "Coalition", "--var", "date=2025-06-23", *NEW_TEMPLATES[template], "-o", str(out),
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    result = validate_file(out)
    assert {d.code for d in result.diagnostics} == {"SK207"}
    assert result.submission.metadata.language == lang
    write_docx(compose(result.submission))


def test_every_bundled_template_of_a_new_kind_is_tested():
    from submission_kit.scaffold.catalogue import find_templates

    new_kinds = {t.name for t in find_templates().values() if t.kind in NEW_KINDS}
    assert new_kinds == set(NEW_TEMPLATES)


def test_a_upr_template_refuses_a_committee_and_a_treaty_template_asks_for_one(subkit, tmp_path):
    out = tmp_path / "d.yaml"
    upr = subkit(
        "new", "upr-submission", "--state", "KAZ", "--committee", "CCPR", "--session", "50",
        "--org", "Org", "--var", "cycle=4", "-o", str(out),
    )  # fmt: skip
    assert upr.returncode == 2 and "has no committee" in upr.stderr
    report = subkit(
        "new", "alternative-report", "--state", "KAZ", "--session", "50", "--org", "Org",
        "-o", str(out),
    )  # fmt: skip
    assert report.returncode == 2 and "give --committee" in report.stderr
    assert not out.exists()


def test_the_schema_offers_every_new_kind_with_its_required_parts():
    from submission_kit.model import json_schema

    schema = json_schema()
    mapping = schema["discriminator"]["mapping"]
    for kind in NEW_KINDS:
        assert kind in mapping
        name = mapping[kind].rsplit("/", 1)[-1]
        definition = schema["$defs"][name]
        assert kind_model(kind).model_json_schema()["required"] == definition["required"]
    hrc = schema["$defs"]["HrcMetadata"]["properties"]["agenda_item"]
    assert (hrc["minimum"], hrc["maximum"]) == (1, 10)


@pytest.mark.parametrize("example", [REPORT, HRC], ids=lambda p: p.name)
def test_impact_tracking_reads_the_asks_of_the_new_kinds(subkit, example):
    # The bundled outcome is the Human Rights Committee's: another review than these drafts',
    # which track refuses (exit 2) unless --force.
    co = EXAMPLES / "concluding-observations" / "CCPR_C_KAZ_CO_3.txt"
    refused = subkit("track", str(example), "--against", str(co), "--matcher", "lexical")
    assert refused.returncode == 2 and "--force" in refused.stderr
    result = subkit("track", str(example), "--against", str(co), "--matcher", "lexical", "--force")
    assert result.returncode == 0, result.stderr
    asks = sum(1 for _ in validate_file(example).submission.ask_paths())
    assert f"- {asks} ask{'s' if asks != 1 else ''}:" in result.stdout


@pytest.mark.parametrize(
    ("typed", "template"),
    [("written-statement", "hrc-written-statement"), ("shadow-report", "alternative-report")],
)
def test_subkit_new_points_a_writers_name_for_a_kind_to_its_template(
    subkit, tmp_path, typed, template
):
    out = tmp_path / "d.yaml"
    result = subkit("new", typed, "--state", "KAZ", "--session", "1", "--org", "X", "-o", str(out))
    assert result.returncode == 2
    assert f"did you mean '{template}'?" in result.stderr
