"""Every kind of UN outcome as `--against`: concluding observations in English, French and
Spanish (text, DOCX, PDF), lists of issues, UPR recommendations; mismatches; coalitions."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, ORAL_EXAMPLE, require_tool, run_subkit

from submission_kit.track.parse import read_outcome

CO = EXAMPLES / "concluding-observations" / "CCPR_C_KAZ_CO_3.txt"

FRENCH_CO = """CCPR/C/KAZ/CO/3

Comité des droits de l'homme

Observations finales concernant le troisième rapport périodique du Kazakhstan

C. Principaux sujets de préoccupation et recommandations

Défenseurs des droits de l'homme

39. Le Comité est préoccupé par les informations faisant état de manœuvres d'intimidation et de harcèlement visant des défenseurs des droits de l'homme et des journalistes (art. 19).

40. L'État partie devrait protéger les défenseurs des droits de l'homme et les journalistes contre le harcèlement et veiller à ce que les auteurs soient poursuivis.

Réfugiés et demandeurs d'asile

41. Le Comité est préoccupé par les renvois de demandeurs d'asile à la frontière (arts. 7 et 13).

42. L'État partie devrait garantir le respect du principe de non-refoulement et l'accès aux procédures d'asile à tous les points de passage de la frontière.

Torture et mauvais traitements

43. L'État partie devrait veiller à ce que toutes les allégations de torture fassent l'objet d'enquêtes et à ce que les victimes obtiennent une indemnisation adéquate.

44. Conformément à l'article 75 de son règlement intérieur, le Comité demande à l'État partie de faire parvenir, d'ici au 18 juillet 2028, des renseignements sur la suite qu'il aura donnée aux recommandations formulées aux paragraphes 40 et 42 ci-dessus.
"""

SPANISH_CO = """CCPR/C/KAZ/CO/3

Comité de Derechos Humanos

Observaciones finales sobre el tercer informe periódico de Kazajstán

Defensores de los derechos humanos

39. Al Comité le preocupan las informaciones sobre el hostigamiento de defensores de los derechos humanos y periodistas (art. 19).

40. El Estado parte debe proteger a los defensores de los derechos humanos y a los periodistas contra el hostigamiento y velar por que los autores sean enjuiciados.

Refugiados y solicitantes de asilo

41. El Estado parte debe garantizar el respeto del principio de no devolución y el acceso a los procedimientos de asilo en todos los puestos fronterizos.

42. El Estado parte debe velar por que todas las denuncias de tortura se investiguen y por que las víctimas reciban una indemnización adecuada.

43. De conformidad con el artículo 75 de su reglamento, el Comité solicita al Estado parte que facilite, a más tardar el 18 de julio de 2028, información sobre la aplicación de las recomendaciones formuladas en los párrafos 40 y 41 supra.
"""

UPR = """A/HRC/58/13

Report of the Working Group on the Universal Periodic Review*

Costa Rica

II. Conclusions and/or recommendations

119. The following recommendations will be examined by Costa Rica:

119.1 Ratify the Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families (Chile); Supported
119.2 Strengthen the mechanisms and institutions responsible for combating trafficking in
persons, with emphasis on the protection of victims (Philippines); Supported
119.3 Adopt a comprehensive policy to address unemployment, particularly targeting
youth and people of African descent (Indonesia); Noted
119.4 Eradicate violence against children related to the activities of gangs (Poland);
"""

LOI = """CCPR/C/KAZ/QPR/4

Human Rights Committee

List of issues prior to submission of the fourth periodic report of Kazakhstan

Refugees and asylum-seekers

12. Please provide information on measures taken to ensure access to asylum procedures at all border points and respect for the principle of non-refoulement.

13. Please describe the steps taken to protect human rights defenders and journalists from harassment.
"""


def _draft(folder: Path, language: str = "en", asks: list[dict] | None = None, **meta) -> Path:
    data = yaml.safe_load(ORAL_EXAMPLE.read_text(encoding="utf-8"))
    data["metadata"]["language"] = language
    data["metadata"].update(meta)
    if asks is not None:
        data["asks"]["items"] = asks
    path = folder / f"draft-{language}-{len(list(folder.iterdir()))}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def track(*args: str) -> tuple[int, str, str]:
    result = run_subkit("track", *args, "--matcher", "lexical")
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stdout, result.stderr


FR_ASKS = [
    {
        "id": "defenseurs",
        "text": "Protéger les défenseurs des droits de l'homme contre le harcèlement.",
    },
    {
        "id": "asile",
        "text": "Garantir l'accès aux procédures d'asile à la frontière et le non-refoulement.",
    },
    {"id": "eau", "text": "Assurer l'accès à l'eau potable dans les zones rurales."},
]
ES_ASKS = [
    {
        "id": "defensores",
        "text": "Proteger a los defensores de los derechos humanos del hostigamiento.",
    },
    {
        "id": "asilo",
        "text": "Garantizar el acceso a los procedimientos de asilo en la frontera y la no devolución.",
    },
    {"id": "agua", "text": "Asegurar el acceso al agua potable en las zonas rurales."},
]


@pytest.mark.parametrize(
    ("language", "text", "asks", "expected"),
    [
        ("fr", FRENCH_CO, FR_ASKS, {"defenseurs": "40", "asile": "42"}),
        ("es", SPANISH_CO, ES_ASKS, {"defensores": "40", "asilo": "41"}),
    ],
)
def test_concluding_observations_are_matched_in_their_own_language(
    tmp_path, language, text, asks, expected
):
    co = tmp_path / f"co-{language}.txt"
    co.write_text(text, encoding="utf-8")
    parsed = read_outcome(co)
    assert parsed.language == language
    assert parsed.committee == "CCPR" and parsed.state == "KAZ"
    assert {p.number for p in parsed.recommendations()} >= {int(v) for v in expected.values()}
    assert parsed.follow_up is not None
    assert parsed.follow_up.selected == sorted(set(expected.values()))
    assert parsed.follow_up.deadline.isoformat() == "2028-07-18"
    draft = _draft(tmp_path, language, asks)
    code, out, err = track(str(draft), "--against", str(co), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    got = {a["id"]: a["paragraph"] for a in data["asks"]}
    for ask, paragraph in expected.items():
        assert got[ask] == paragraph, data["asks"]
    water = next(a for a in data["asks"] if a["id"] in ("eau", "agua"))
    assert water["verdict"] == "not reflected"
    assert "SK614" not in err  # same language: no cross-language note


def test_report_is_written_in_the_drafts_language(tmp_path):
    co = tmp_path / "co-es.txt"
    co.write_text(SPANISH_CO, encoding="utf-8")
    code, out, _ = track(str(_draft(tmp_path, "es", ES_ASKS)), "--against", str(co))
    assert code == 0
    assert out.startswith("# Informe de impacto:")
    assert "## Impacto por tema" in out
    assert "**Párrafo 40**" in out
    assert "## No recogido" in out
    assert "a más tardar el 18 de julio de 2028" in out


def test_a_french_report_speaks_french_with_french_typography(tmp_path):
    # French asks against the English concluding observations: the report's labels, its
    # notes of the run and its apostrophes are French, and no colon is left at a line's start.
    draft = _draft(tmp_path, "fr", FR_ASKS)
    code, out, _ = track(str(draft), "--against", str(CO))
    assert code == 0
    assert out.startswith("# Rapport d’impact :")
    assert "- Document final : " in out
    assert "d'" not in out.split("## ")[0].replace(str(draft), "")  # straight apostrophes
    notes = [ln for ln in out.splitlines() if ln.startswith("> SK6")]
    assert [n[:7] for n in notes] == ["> SK610", "> SK614"]
    assert "Le rapprochement est lexical" in notes[0]
    assert "pas dans la même langue" in notes[1]
    assert "lexical matcher" not in out and "the outcome in" not in out
    # No confirmations file yet: the one to write is named after the draft.
    assert f"`{draft.stem}.track.yaml`" in out


def test_upr_recommendation_lines_are_read_with_their_positions(tmp_path):
    path = tmp_path / "upr.txt"
    path.write_text(UPR, encoding="utf-8")
    upr = read_outcome(path)
    assert upr.kind == "UPR outcome" and upr.mechanism == "UPR"
    assert upr.symbol == "A/HRC/58/13" and upr.state == "CRI"
    labels = [p.label for p in upr.paragraphs]
    assert labels == ["119.1", "119.2", "119.3", "119.4"]
    assert [p.response for p in upr.paragraphs] == ["supported", "supported", "noted", None]
    two = upr.lookup("119.2")
    assert two is not None
    assert two[0].text.endswith("(Philippines);")  # the line broken in two is whole
    assert "Supported" not in two[0].text


def test_upr_outcome_against_a_treaty_body_draft_is_an_error_unless_forced(tmp_path):
    path = tmp_path / "upr.txt"
    path.write_text(UPR, encoding="utf-8")
    draft = _draft(tmp_path, asks=[{"id": "jobs", "text": "Create jobs for young people."}])
    code, out, err = track(str(draft), "--against", str(path))
    assert code == 2 and out == ""
    assert "SK613" in err and "UPR outcome" in err and "--force" in err
    code, out, err = track(str(draft), "--against", str(path), "--force", "--format", "json")
    assert code == 0, err
    assert "SK613" in err and "SK611" in err  # said, even when forced
    data = json.loads(out)
    assert data["asks"][0]["paragraph"] == "119.3"  # "young people" meets "youth"


def test_outcome_about_another_state_is_an_error(tmp_path):
    co = tmp_path / "CCPR_C_UZB_CO_5.txt"
    co.write_text(
        CO.read_text(encoding="utf-8").replace("Kazakhstan", "Uzbekistan").replace("KAZ", "UZB"),
        encoding="utf-8",
    )
    code, _, err = track(str(ORAL_EXAMPLE), "--against", str(co))
    assert code == 2
    assert "SK611" in err and "KAZ" in err and "UZB" in err
    assert err.count("\n") == 1


def test_outcome_of_another_committee_is_an_error(tmp_path):
    co = tmp_path / "cat.txt"
    co.write_text(
        CO.read_text(encoding="utf-8")
        .replace("CCPR/C/KAZ/CO/3", "CAT/C/KAZ/CO/4")
        .replace("Human Rights Committee", "Committee against Torture"),
        encoding="utf-8",
    )
    code, _, err = track(str(ORAL_EXAMPLE), "--against", str(co))
    assert code == 2
    assert "SK612" in err and "CAT" in err


def test_list_of_issues_questions_are_the_targets(tmp_path):
    path = tmp_path / "loipr.txt"
    path.write_text(LOI, encoding="utf-8")
    loi = read_outcome(path)
    assert loi.kind == "list of issues prior to reporting"
    assert [p.kind for p in loi.paragraphs] == ["question", "question"]
    draft = tmp_path / "statement.yaml"  # alone: the example's confirmations are for the CO
    shutil.copy(ORAL_EXAMPLE, draft)
    code, out, err = track(str(draft), "--against", str(path), "--format", "json")
    assert code == 0, err
    asks = {a["id"]: a for a in json.loads(out)["asks"]}
    assert asks["border-referral"]["paragraph"] == "12"
    code, out, _ = track(str(draft), "--against", str(path))
    assert "Question 12" in out


def test_coalition_drafts_share_one_report(tmp_path):
    first = tmp_path / "gdp.yaml"
    shutil.copy(ORAL_EXAMPLE, first)
    second = _draft(
        tmp_path,
        asks=[
            {
                "id": "nhri",
                "text": "Bring the national human rights institution in line with the Paris Principles.",
            }
        ],
        title="Joint submission on the national human rights institution",
    )
    code, out, err = track(str(first), str(second), "--against", str(CO))
    assert code == 0, err
    assert out.startswith("# Impact of 2 submissions on CCPR/C/KAZ/CO/3")
    assert "Joint submission on the national human rights institution" in out
    assert "**Paragraph 8**" in out
    unasked = out.split("did not ask")[1].split("\n## ")[0]
    assert "Paragraph 8 " not in unasked  # asked by the second draft, so not listed as unasked


def test_concluding_observations_read_from_a_pdf_without_page_furniture(tmp_path):
    soffice = require_tool("soffice", "libreoffice")
    import docx
    from docx.shared import Pt

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "CCPR/C/KAZ/CO/3"
    section.footer.paragraphs[0].text = "GE.25-11234"
    for line in CO.read_text(encoding="utf-8").splitlines():
        if line.strip():
            p = document.add_paragraph(line.replace("**", ""))
            p.runs[0].font.size = Pt(10) if p.runs else None
    source = tmp_path / "CCPR_C_KAZ_CO_3.docx"
    document.save(str(source))
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = read_outcome(tmp_path / "CCPR_C_KAZ_CO_3.pdf")
    text = read_outcome(CO)
    assert [p.number for p in pdf.paragraphs] == [p.number for p in text.paragraphs]
    assert pdf.symbol == "CCPR/C/KAZ/CO/3" and pdf.committee == "CCPR"
    # No running header or footer left inside a paragraph.
    for p in pdf.paragraphs:
        assert not re.search(r"GE\.25-11234|CCPR/C/KAZ/CO/3", p.full_text()), p.number
    assert pdf.quote("34 (c)") == text.quote("34 (c)")
    assert pdf.follow_up and pdf.follow_up.selected == ["12", "34", "52"]


def test_a_upr_recommendation_can_be_confirmed_by_its_number(tmp_path):
    path = tmp_path / "upr.txt"
    path.write_text(UPR, encoding="utf-8")
    draft = _draft(tmp_path, asks=[{"id": "migrants", "text": "Protect migrant workers."}])
    draft.with_name(draft.stem + ".track.yaml").write_text(
        'outcome: A/HRC/58/13\nmigrants: "119.1"\n', encoding="utf-8"
    )
    code, out, err = track(str(draft), "--against", str(path), "--force", "--format", "json")
    assert code == 0, err
    ask = json.loads(out)["asks"][0]
    assert ask["paragraph"] == "119.1" and ask["confirmed"] is True
    assert ask["quote"].startswith("Ratify the Convention on the Protection of the Rights")


def test_report_wording_exists_in_every_language_the_kit_writes():
    from submission_kit.reference import LANGUAGES
    from submission_kit.track.report import _labels

    def leaves(entry: dict, path: str) -> list[tuple[str, dict]]:
        if all(isinstance(v, str) for v in entry.values()):
            return [(path, entry)]
        return [x for k, v in entry.items() for x in leaves(v, f"{path}.{k}")]

    for key, entry in _labels().items():
        for path, texts in leaves(entry, key):
            missing = set(LANGUAGES) - set(texts)
            assert not missing, f"{path} lacks {sorted(missing)}"


def test_spanish_asks_against_english_observations_are_matched_and_the_report_says_how(tmp_path):
    draft = _draft(tmp_path, "es", ES_ASKS)
    code, out, err = track(str(draft), "--against", str(CO), "--format", "json")
    assert code == 0, err
    assert "SK614" in err
    data = json.loads(out)
    assert "SK614" in [n["code"] for n in data["notes"]]
    asks = {a["id"]: a for a in data["asks"]}
    assert asks["asilo"]["paragraph"] == "40"  # Spanish ask, English refugee paragraph


def test_one_generic_word_in_common_is_never_called_taken_up(tmp_path):
    # "Address the issue" shares one word with a paragraph ("address") and makes up the whole
    # of a short ask: a high share, but no impact a report could publish.
    draft = _draft(
        tmp_path,
        asks=[
            {"id": "vague", "text": "Address the issue."},
            {"id": "stadiums", "text": "Build more football stadiums."},
        ],
    )
    code, out, err = track(str(draft), "--against", str(CO), "--format", "json")
    assert code == 0, err
    asks = {a["id"]: a for a in json.loads(out)["asks"]}
    assert asks["vague"]["verdict"] == "unclear, check"
    assert asks["stadiums"]["verdict"] == "not reflected"
