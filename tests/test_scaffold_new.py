"""`subkit new`, `subkit templates`: drafts from templates for any State, committee and language."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from submission_kit.compose import compose
from submission_kit.reference.folders import languages
from submission_kit.scaffold.catalogue import find_templates
from submission_kit.validate import validate_file

LANGS = tuple(languages())
TEMPLATE_VARS = {
    "oral-statement": [],
    "list-of-issues": ["articles=7,13"],
    "follow-up": ["previous_report=3", "paragraphs=22,34"],
}


def new(
    subkit,
    out: Path,
    template: str = "oral-statement",
    *extra: str,
    lang: str = "en",
    state: str = "KAZ",
    org: str = "Global Detention Project",
):
    return subkit(
        "new",
        template,
        "--state",
        state,
        "--committee",
        "CCPR",
        "--session",
        "144",
        "--lang",
        lang,
        "--org",
        org,
        "--var",
        "date=2025-06-23",
        *extra,
        "-o",
        str(out),
    )


def test_bundled_templates_cover_three_kinds_in_three_languages():
    found = find_templates()
    assert {"oral-statement", "list-of-issues", "follow-up"} <= set(found)
    assert {found[n].kind for n in TEMPLATE_VARS} == {
        "oral_statement",
        "list_of_issues",
        "follow_up",
    }
    for name in TEMPLATE_VARS:
        assert found[name].languages() == list(LANGS)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("template", list(TEMPLATE_VARS))
def test_new_draft_validates_except_for_its_placeholders(subkit, tmp_path, template, lang):
    out = tmp_path / f"{template}-{lang}.yaml"
    made = new(
        subkit,
        out,
        template,
        *sum((["--var", v] for v in TEMPLATE_VARS[template]), []),
        lang=lang,
        state="UZB",
    )
    assert made.returncode == 0, made.stderr
    result = validate_file(out)
    assert result.submission is not None, [d.message for d in result.diagnostics]
    codes = {d.code for d in result.diagnostics}
    assert codes == {"SK207"}, [f"{d.code} {d.message}" for d in result.diagnostics]
    # `subkit new` printed each placeholder with the line and column validate reports.
    for d in result.diagnostics:
        assert f"{out}:{d.line}:{d.column}: TODO(" in made.stdout
    # The unfilled draft is still a well-formed submission: it composes in its language.
    assert result.submission.metadata.language == lang
    compose(result.submission)


def test_validate_lists_each_placeholder_at_its_position_until_filled(subkit, tmp_path):
    out = tmp_path / "statement.yaml"
    assert new(subkit, out).returncode == 0
    checked = subkit("validate", str(out))
    assert checked.returncode == 1
    found = re.findall(rf"{re.escape(str(out))}:(\d+):(\d+): SK207", checked.stdout)
    assert len(found) == 6
    line, column = map(int, found[1])
    source_line = out.read_text(encoding="utf-8").split("\n")[line - 1]
    assert source_line[column - 1 :].startswith("TODO(the people or the issue")
    # Fill every placeholder: the draft is now valid.
    filled = re.sub(r"TODO\([^)]*\)", "text written by the coalition", out.read_text("utf-8"))
    out.write_text(filled, encoding="utf-8")
    assert subkit("validate", str(out)).returncode == 0


def test_state_and_committee_names_come_from_the_reference_data(subkit, tmp_path):
    out = tmp_path / "fr.yaml"
    assert new(subkit, out, lang="fr", state="UZB").returncode == 0
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["metadata"]["state"] == "UZB"
    assert data["metadata"]["title"].endswith("sur l’Ouzbékistan")
    assert "au Comité des droits de l’homme" in data["opening"][0]


@pytest.mark.parametrize(
    ("lang", "org", "title"),
    [
        ("fr", "Association pour la défense des droits", "Déclaration orale de l’Association pour"),
        ("fr", "Amnesty International", "Déclaration orale d’Amnesty International sur"),
        ("fr", "Fédération internationale", "Déclaration orale de la Fédération internationale"),
        ("fr", "Bureau international", "Déclaration orale du Bureau international sur"),
        ("fr", "Human Rights Watch", "Déclaration orale de Human Rights Watch sur"),
        ("es", "Centro de Derechos Humanos", "Declaración oral del Centro de Derechos Humanos"),
        ("es", "Asociación Pro Derechos", "Declaración oral de la Asociación Pro Derechos"),
        ("en", "Amnesty International", "Oral statement by Amnesty International on"),
    ],
)
def test_oral_statement_title_gives_the_organisation_its_article(
    subkit, tmp_path, lang, org, title
):
    out = tmp_path / "oral.yaml"
    made = new(subkit, out, lang=lang, org=org)
    assert made.returncode == 0, made.stderr
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["metadata"]["title"].startswith(title)


def test_new_writes_the_article_so_the_title_block_reads_it(subkit, tmp_path):
    # A joint French statement: the title block prints its authors after "de"; `subkit new`
    # gives each the article of the phrase catalogue, and rule SK350 has nothing to say.
    out = tmp_path / "joint.yaml"
    made = new(
        subkit,
        out,
        "oral-statement",
        "--org",
        "Bureau international=co-submitter",
        lang="fr",
        org="Fédération internationale pour les droits humains",
    )
    assert made.returncode == 0, made.stderr
    organisations = yaml.safe_load(out.read_text(encoding="utf-8"))["metadata"]["organisations"]
    assert [o.get("article") for o in organisations] == ["la", "le"]
    from submission_kit.lint.engine import review
    from submission_kit.settings import Settings

    result = validate_file(out)
    assert [d.code for d in review(result, Settings()) if d.code == "SK350"] == []
    text = compose(result.submission).text()
    assert (
        "de la Fédération internationale pour les droits humains et du Bureau international" in text
    )


def test_follow_up_names_the_earlier_concluding_observations(subkit, tmp_path):
    out = tmp_path / "follow-up.yaml"
    made = new(subkit, out, "follow-up", "--var", "previous_report=3", "--var", "paragraphs=22,34")
    assert made.returncode == 0, made.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["concluding_observations"] == "CCPR/C/KAZ/CO/3"
    assert [i["recommendation"] for i in data["items"]] == [
        "CCPR/C/KAZ/CO/3, para. 22",
        "CCPR/C/KAZ/CO/3, para. 34",
    ]
    text = compose(validate_file(out).submission).text()
    # The document curls the apostrophe the template typed straight.
    assert (
        "paragraph 34 of the Committee’s previous concluding observations (CCPR/C/KAZ/CO/3)" in text
    )


def test_organisation_name_with_colon_and_quotes_cannot_break_the_draft(subkit, tmp_path):
    hostile = 'Name: with "quotes" \\ and # hash'
    for lang in LANGS:
        out = tmp_path / f"{lang}.yaml"
        made = new(subkit, out, "list-of-issues", lang=lang, org=hostile)
        assert made.returncode == 0, made.stderr
        data = yaml.safe_load(out.read_text(encoding="utf-8"))
        assert data["metadata"]["organisations"][0]["name"] == hostile
        assert hostile in data["introduction"][0]


def test_new_refuses_to_overwrite_an_existing_file(subkit, tmp_path):
    out = tmp_path / "mine.yaml"
    out.write_text("my own work\n", encoding="utf-8")
    refused = new(subkit, out)
    assert refused.returncode == 2
    assert "already exists" in refused.stderr and "--force" in refused.stderr
    assert out.read_text(encoding="utf-8") == "my own work\n"
    assert new(subkit, out, "oral-statement", "--force").returncode == 0
    assert out.read_text(encoding="utf-8").startswith("#")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_new_into_an_existing_folder_says_it_is_a_folder(subkit, tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    refused = new(subkit, folder)
    assert refused.returncode == 2
    assert "is a folder" in refused.stderr and "already exists" not in refused.stderr
    assert "--force" not in refused.stderr
    assert new(subkit, folder, "oral-statement", "--force").returncode == 2
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["oral-statment"], "did you mean 'oral-statement'?"),
        (["oral-statement", "--state", "KAZZ"], "unknown State code 'KAZZ'"),
        (["oral-statement", "--state", "Kazakhstan"], "use --state KAZ"),
        (["oral-statement", "--committee", "CPPR"], "did you mean CCPR (Human Rights Committee)?"),
        (["oral-statement", "--var", "speker=Ana"], "did you mean 'speaker'?"),
        (["oral-statement", "--var", "date=23/06/2025"], "YYYY-MM-DD"),
        (["oral-statement", "--var", "meeting=briefing"], "informal_briefing"),
        (["follow-up"], "needs --var previous_report=..., --var paragraphs=..."),
    ],
)
def test_bad_values_stop_with_exit_2_and_a_hint(subkit, tmp_path, args, expected):
    out = tmp_path / "x.yaml"
    template, *rest = args
    base = {"--state": "KAZ", "--committee": "CCPR"}
    for flag in list(base):
        if flag in rest:
            i = rest.index(flag)
            base[flag] = rest[i + 1]
            del rest[i : i + 2]
    made = subkit(
        "new",
        template,
        "--state",
        base["--state"],
        "--committee",
        base["--committee"],
        "--session",
        "144",
        "--org",
        "Org",
        *rest,
        "-o",
        str(out),
    )
    assert made.returncode == 2
    assert expected in made.stderr
    assert "Traceback" not in made.stderr
    assert not out.exists()


def test_templates_lists_descriptions_and_show_lists_variables(subkit):
    listed = subkit("templates")
    assert listed.returncode == 0
    assert "oral-statement" in listed.stdout and "informal briefing" in listed.stdout
    assert "follow-up" in listed.stdout and f"({', '.join(languages())})" in listed.stdout
    shown = subkit("templates", "show", "follow-up")
    assert shown.returncode == 0
    assert re.search(
        r"previous_report\s+integer\s+\(required\)\s+Number of the review", shown.stdout
    )
    assert re.search(r"state_party_spelling\s+string\s+State party", shown.stdout)
    assert "one of: State party, State Party" in shown.stdout
    unknown = subkit("templates", "show", "folow-up")
    assert unknown.returncode == 2 and "did you mean 'follow-up'?" in unknown.stderr


def test_state_party_spelling_is_applied_everywhere(subkit, tmp_path):
    for spelling, other in (("State Party", "State party"), ("State party", "State Party")):
        out = tmp_path / f"{spelling}.yaml"
        made = new(subkit, out, "list-of-issues", "--var", f"state_party_spelling={spelling}")
        assert made.returncode == 0, made.stderr
        filled = re.sub(r"TODO\([^)]*\)", "text", out.read_text(encoding="utf-8"))
        filled = filled.replace("  - use: non-refoulement", "  - use: primacy-of-human-rights-law")
        out.write_text(filled, encoding="utf-8")
        result = validate_file(out)
        assert result.ok, [d.message for d in result.diagnostics]
        doc = compose(result.submission)
        text = doc.text()
        # The template's own question, the library ask and compose's fixed wording all agree.
        assert f"What measures has the {spelling} taken" in text
        assert f"obligations of the {spelling} under" in text
        assert f"Suggested recommendations to the {spelling}" in text
        assert other not in text


def test_project_configuration_sets_the_default_state_party_spelling(subkit, tmp_path):
    (tmp_path / "subkit.toml").write_text('state-party = "State Party"\n', encoding="utf-8")
    out = tmp_path / "draft.yaml"
    assert new(subkit, out).returncode == 0
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["metadata"]["state_party_spelling"] == "State Party"
    assert "dialogue with the State Party" in data["opening"][0]


#: A short sentence in each language, for filling a draft's placeholders as a writer would.
FILLER = {
    "en": "The coalition documented this in interviews with detained migrants in 2024",
    "fr": "La coalition l’a établi lors d’entretiens avec des migrants détenus en 2024",
    "es": "La coalición lo documentó en entrevistas con migrantes detenidos en 2024",
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("template", list(TEMPLATE_VARS))
def test_a_new_draft_with_its_placeholders_filled_passes_check(subkit, tmp_path, template, lang):
    out = tmp_path / f"{template}-{lang}.yaml"
    extra = sum((["--var", v] for v in TEMPLATE_VARS[template]), [])
    assert new(subkit, out, template, *extra, lang=lang).returncode == 0
    # Each placeholder sits inside a double-quoted string: a sentence without quotes keeps
    # the YAML valid wherever it lands.
    filled = re.sub(r"TODO\([^)]*\)", FILLER[lang], out.read_text(encoding="utf-8"))
    out.write_text(filled, encoding="utf-8")
    checked = subkit("check", "--format", "json", str(out))
    found = json.loads(checked.stdout)
    errors = [f"{d['code']} {d['message']}" for d in found if d["severity"] == "error"]
    assert errors == []
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_intro_reads_as_prose_whatever_the_organisation_is_called(subkit, tmp_path):
    # A name given without its article ("Coalition pour ...") must not start a sentence.
    for template, extra in (("list-of-issues", []), ("follow-up", TEMPLATE_VARS["follow-up"])):
        for lang, start in (
            ("en", "This submission from the organisation Coalition X "),
            ("fr", "La présente communication de l’organisation Coalition X "),
            ("es", "La presente comunicación de la organización Coalition X "),
        ):
            out = tmp_path / f"{template}-{lang}.yaml"
            args = sum((["--var", v] for v in extra), [])
            assert new(subkit, out, template, *args, lang=lang, org="Coalition X").returncode == 0
            intro = yaml.safe_load(out.read_text(encoding="utf-8"))["introduction"][0]
            assert intro.startswith(start), intro


def test_custom_template_with_the_metadata_block_needs_only_title_stage_and_date(subkit, tmp_path):
    # The template docs/templates.md describes, built exactly as written there.
    drafts = tmp_path / "our-templates" / "drafts"
    drafts.mkdir(parents=True)
    (drafts / "briefing.vars.yaml").write_text(
        "description: Short statement for a briefing\n"
        "kind: oral_statement\n"
        "variables:\n"
        "  - name: date\n"
        "    type: date\n"
        "    default: today\n",
        encoding="utf-8",
    )
    body = (
        'kind: oral_statement\n{% set title = "Briefing note" %}\n'
        '{% set stage = "constructive_dialogue" %}\n{% include "_metadata.yaml.j2" %}\n'
        'speaker:\n  name: "TODO(name of the speaker)"\n  organisation: "{{ org }}"\n'
        'meeting: informal_briefing\ntime_limit: "2 min"\n'
        'opening:\n  - "Thank you for the opportunity to address the {{ committee.name }}."\n'
        'body:\n  - "TODO(the concern)"\n'
        'asks:\n  lead_in: "We urge the Committee to call on the State to:"\n'
        '  addressee: state\n  items:\n    - "TODO(one ask)"\n'
    )
    (drafts / "briefing.en.yaml.j2").write_text(body, encoding="utf-8")
    out = tmp_path / "briefing.yaml"
    args = ("new", "briefing", "--templates", str(tmp_path / "our-templates"))
    common = ("--state", "KAZ", "--committee", "CCPR", "--session", "146", "--lang", "en")
    made = subkit(*args, *common, "--org", "X", "-o", str(out))
    assert made.returncode == 0, made.stderr
    meta = yaml.safe_load(out.read_text(encoding="utf-8"))["metadata"]
    assert meta["title"] == "Briefing note"
    assert meta["session"] == {"number": 146}
    assert "state_party_spelling" not in meta and "acronym" not in meta["organisations"][0]
    # Without a date the template cannot make a dated submission: it says which name is missing.
    (drafts / "briefing.vars.yaml").write_text(
        "description: Short statement\nkind: oral_statement\nvariables: []\n", encoding="utf-8"
    )
    made = subkit(*args, *common, "--org", "X", "-o", str(tmp_path / "second.yaml"))
    assert made.returncode == 2
    assert "_metadata.yaml.j2:" in made.stderr and "variable 'date' is not defined" in made.stderr
    assert not (tmp_path / "second.yaml").exists()
