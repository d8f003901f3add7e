"""`subkit track`: the impact report a writer gets, their confirmations, and every bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, ORAL_EXAMPLE, run_subkit

from submission_kit.track import match as match_module

CO = EXAMPLES / "concluding-observations" / "CCPR_C_KAZ_CO_3.txt"
CONFIRMED = EXAMPLES / "kaz-ccpr-oral-statement.track.yaml"


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    """The example draft alone in a folder: no confirmations next to it."""
    path = tmp_path / "statement.yaml"
    shutil.copy(ORAL_EXAMPLE, path)
    return path


def track(*args: str) -> tuple[int, str, str]:
    # The lexical matcher, the one every installation has: figures do not depend on extras.
    result = run_subkit("track", *args, "--matcher", "lexical")
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stdout, result.stderr


def test_markdown_report_titles_asks_by_their_words_and_quotes_each_paragraph_once(draft):
    code, out, _ = track(str(draft), "--against", str(CO))
    assert code == 0
    themes = out.split("## Impact by theme")[1].split("\n## ")[0]
    refugees = themes.split("### Treatment of aliens")[1]
    # Both asks answered by paragraph 40 stand above one quotation of it.
    assert refugees.count("> The State Party should enhance the protection of refugees") == 1
    assert (
        "- Answers: Establishing a standardized mechanism for referring asylum seekers" in refugees
    )
    assert "- Answers: Encourage Kazakhstan to fully adhere" in refugees
    assert "**Paragraph 34 (b)** — selected for follow-up:" in themes
    assert "border-referral" not in out  # asks are named by their words, not their ids
    not_reflected = out.split("## Not reflected")[1].split("##")[0]
    to_check = out.split("## To check")[1].split("##")[0]
    assert "Urge the State to disclose detailed, disaggregated statistics" in not_reflected
    # Left out by the Committee (seed 001): never claimed as impact, at most to be checked.
    assert "Urge the State party to recognize that human rights obligations" in (
        not_reflected + to_check
    )
    assert "by 18 July 2028" in out
    assert "0.4" not in themes  # confidence in words, not raw scores
    assert "clear match" in themes or "likely match" in themes


def test_json_report_has_stable_keys_and_follow_up_flags(draft):
    code, out, _ = track(str(draft), "--against", str(CO), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert list(data) == [
        "draft",
        "concluding_observations",
        "thresholds",
        "confirmations_file",
        "asks",
        "not_reflected",
        "outcome",
        "drafts",
        "matcher",
        "notes",
        "to_check",
        "unasked",
    ]
    asks = {a["id"]: a for a in data["asks"]}
    assert list(asks["compensation"]) == [
        "number", "id", "text", "verdict", "paragraph", "score", "reason", "quote",
        "confirmed", "note", "selected_for_follow_up", "candidates", "title", "confidence",
        "draft",
    ]  # fmt: skip
    assert "34 (c)" in [c["paragraph"] for c in asks["compensation"]["candidates"]]
    assert asks["torture-investigations"]["paragraph"] == "34 (b)"
    assert asks["torture-investigations"]["selected_for_follow_up"] is True
    assert asks["non-refoulement"]["selected_for_follow_up"] is False
    assert "shared terms" in asks["non-refoulement"]["reason"]
    assert asks["human-rights-defenders"]["verdict"] in ("unclear, check", "not reflected")
    assert "detention-statistics" in data["not_reflected"]
    assert "primacy-of-human-rights-law" in data["not_reflected"] + data["to_check"]
    assert data["matcher"].startswith("lexical")
    assert [n["code"] for n in data["notes"]] == ["SK610"]
    assert data["concluding_observations"]["follow_up"]["selected"] == ["12", "34", "52"]
    assert not any(a["confirmed"] for a in data["asks"])


def test_report_is_the_same_twice(draft):
    first = track(str(draft), "--against", str(CO), "--format", "json")[1]
    assert track(str(draft), "--against", str(CO), "--format", "json")[1] == first


def test_confirmed_links_replace_the_matcher_and_are_marked(tmp_path):
    draft = tmp_path / "statement.yaml"
    shutil.copy(ORAL_EXAMPLE, draft)
    shutil.copy(CONFIRMED, tmp_path / "statement.track.yaml")
    code, out, _ = track(str(draft), "--against", str(CO), "--format", "json")
    assert code == 0
    asks = {a["id"]: a for a in json.loads(out)["asks"]}
    assert asks["torture-investigations"]["paragraph"] == "34 (d)"
    assert asks["torture-investigations"]["confirmed"] is True
    assert "34 (d)" in asks["torture-investigations"]["note"]
    assert asks["border-referral"]["verdict"] == "partly taken up"
    assert asks["primacy-of-human-rights-law"]["verdict"] == "not reflected"
    assert asks["primacy-of-human-rights-law"]["confirmed"] is True
    assert asks["human-rights-defenders"]["confirmed"] is False


def test_example_command_from_the_docs_runs():
    code, out, _ = track(str(ORAL_EXAMPLE), "--against", str(CO))
    assert code == 0
    section = out.split("**Paragraph 34 (d)**")[1].split("###")[0]
    assert "Demand that the authorities immediately halt all forms of torture" in section
    assert "confirmed by the writer" in section


def _confirm(draft: Path, text: str, outcome: str = "CCPR/C/KAZ/CO/3") -> Path:
    """A confirmations file naming `outcome` on its first line, then `text`."""
    path = draft.with_name("statement.track.yaml")
    path.write_text(f"outcome: {outcome}\n{text}" if outcome else text, encoding="utf-8")
    return path


def test_unknown_ask_id_in_confirmations_is_a_located_error(draft):
    path = _confirm(draft, 'compensation: "34 (c)"\ncompensaton: "34 (c)"\n')
    code, out, err = track(str(draft), "--against", str(CO))
    assert code == 1
    assert f"{path}:3:1: SK602" in err
    assert "no ask with id 'compensaton'" in err
    assert "fix the errors" in err
    assert out == ""  # findings go to stderr: a piped report never hides them


def test_paragraph_missing_from_the_concluding_observations_is_a_located_error(draft):
    path = _confirm(draft, 'compensation:\n  note: checked\n  paragraph: "34 (f)"\n')
    code, out, err = track(str(draft), "--against", str(CO))
    assert code == 1
    assert f"{path}:4:14: SK604" in err
    assert "has no paragraph 34 (f)" in err
    assert "subparagraphs a, b, c, d" in err
    assert out == ""  # findings go to stderr: a piped report never hides them


def test_malformed_paragraph_label_is_a_located_error(draft):
    path = _confirm(draft, "non-refoulement: para forty\n")
    code, out, err = track(str(draft), "--against", str(CO))
    assert code == 1
    assert f"{path}:2:18: SK603" in err
    assert out == ""  # findings go to stderr: a piped report never hides them


def test_confirmations_of_another_outcome_are_refused_at_their_outcome_line(draft):
    path = _confirm(draft, 'compensation: "34 (c)"\n', outcome="CCPR/C/KAZ/CO/2")
    code, out, err = track(str(draft), "--against", str(CO))
    assert code == 1
    assert f"{path}:1:10: SK605" in err
    assert "of CCPR/C/KAZ/CO/2, not of the outcome given to --against (CCPR/C/KAZ/CO/3" in err
    assert "outcome: CCPR/C/KAZ/CO/3" in err  # the hint gives the line to write
    assert out == ""  # nothing confirmed against one document is applied to another


def test_confirmations_that_name_no_outcome_are_refused_with_the_line_to_add(draft):
    path = _confirm(draft, 'compensation: "34 (c)"\n', outcome="")
    code, out, err = track(str(draft), "--against", str(CO))
    assert code == 1
    assert f"{path}:1:1: SK606" in err
    assert "add a first line  outcome: CCPR/C/KAZ/CO/3" in err
    assert out == ""


def test_confirmations_name_an_outcome_without_symbol_by_its_fingerprint(draft, tmp_path):
    from submission_kit.track.confirm import fingerprint
    from submission_kit.track.parse import read_outcome

    text = CO.read_text(encoding="utf-8").replace("CCPR/C/KAZ/CO/3", "")
    bare = tmp_path / "observations.txt"
    bare.write_text(text, encoding="utf-8")
    co = read_outcome(bare)
    assert co.symbol is None
    _confirm(draft, 'compensation: "34 (c)"\n', outcome="CCPR/C/KAZ/CO/2")
    code, _, err = track(str(draft), "--against", str(bare), "--force")
    assert code == 1 and "SK605" in err and f"outcome: {fingerprint(co)}" in err
    _confirm(draft, 'compensation: "34 (c)"\n', outcome=fingerprint(co))
    code, out, err = track(str(draft), "--against", str(bare), "--force", "--format", "json")
    assert code == 0, err
    asks = {a["id"]: a for a in json.loads(out)["asks"]}
    assert asks["compensation"]["confirmed"] is True


def test_a_confirmation_with_an_unknown_field_or_verdict_is_located(draft):
    path = _confirm(
        draft,
        'compensation:\n  paragraph: "34 (c)"\n  verdit: taken up\n'
        'non-refoulement:\n  paragraph: "40"\n  verdict: maybe\n',
    )
    code, _, err = track(str(draft), "--against", str(CO))
    assert code == 1
    assert f"{path}:4:3: SK601 error: unknown field 'verdit'" in err
    assert f"{path}:7:12: SK603 error: unknown verdict 'maybe'" in err


def test_docx_report_is_written_through_the_writer(draft, tmp_path):
    import docx

    out = tmp_path / "impact.docx"
    code, _, err = track(str(draft), "--against", str(CO), "--format", "docx", "-o", str(out))
    assert code == 0, err
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Paragraph 34 (b)" in text
    assert (
        "Conducting prompt, thorough, effective, transparent and impartial investigations" in text
    )
    assert "Not reflected" in text
    assert "What the Committee recommended that the submission did not ask" in text


def test_report_never_overwrites_the_draft(draft):
    before = draft.read_bytes()
    code, _, err = track(str(draft), "--against", str(CO), "-o", str(draft))
    assert code == 2
    assert err.count("\n") == 1
    assert draft.read_bytes() == before


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.txt", b"", "is empty"),
        ("letter.txt", b"Dear colleagues,\n\nThank you.\n", "no numbered paragraphs"),
        ("broken.docx", b"PK but not really a zip", "not a Word document"),
        ("co.pdf", b"%PDF-1.7\n", "cannot be read as a PDF"),
        ("co.rtf", b"{\\rtf1}", "cannot read '.rtf'"),
        ("missing.txt", None, "no such file"),
    ],
)
def test_bad_concluding_observations_exit_2_with_one_line(draft, tmp_path, name, content, expected):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, out, err = track(str(draft), "--against", str(path))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("subkit: ")
    assert expected in err


def test_draft_with_no_asks_is_refused_with_a_message(tmp_path):
    draft = tmp_path / "loi.yaml"
    draft.write_text(
        ORAL_EXAMPLE.read_text(encoding="utf-8")
        .split("speaker:")[0]
        .replace("kind: oral_statement", "kind: list_of_issues")
        .replace("stage: constructive_dialogue", "stage: list_of_issues")
        + "issues:\n  - title: Detention of migrants\n    paragraphs:\n      - Migrants are held.\n",
        encoding="utf-8",
    )
    code, out, err = track(str(draft), "--against", str(CO))
    assert code == 2
    assert out == ""
    assert "has no asks" in err


def test_invalid_draft_shows_its_errors_and_exits_1(tmp_path):
    draft = tmp_path / "statement.yaml"
    draft.write_text(
        ORAL_EXAMPLE.read_text(encoding="utf-8").replace("committee: CCPR", "committee: XYZ"),
        encoding="utf-8",
    )
    code, out, err = track(str(draft), "--against", str(CO))
    assert code == 1
    assert "SK1" in err
    assert "fix the errors" in err
    assert out == ""  # findings go to stderr: a piped report never hides them


def test_missing_draft_exits_2(tmp_path):
    code, _, err = track(str(tmp_path / "nope.yaml"), "--against", str(CO))
    assert code == 2
    assert "no such draft" in err


# -- writing -o files ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt", "content"),
    [
        ("notes.md", "md", b"# My notes on the review\n"),
        ("impact.json", "json", b'{"mine": true}\n'),
        ("impact.docx", "docx", b"PK a document from another program"),
    ],
)
def test_report_refuses_to_replace_a_file_it_did_not_write(draft, tmp_path, name, fmt, content):
    out = tmp_path / name
    out.write_bytes(content)
    code, _, err = track(str(draft), "--against", str(CO), "--format", fmt, "-o", str(out))
    assert code == 2
    assert err.count("\n") == 1 and "--force" in err
    assert out.read_bytes() == content
    code, _, err = track(
        str(draft), "--against", str(CO), "--format", fmt, "-o", str(out), "--force"
    )
    assert code == 0, err
    assert out.read_bytes() != content


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_rerunning_over_its_own_unchanged_report_needs_no_force(draft, tmp_path, fmt):
    out = tmp_path / f"impact.{fmt}"
    args = (str(draft), "--against", str(CO), "--format", fmt, "-o", str(out))
    assert track(*args)[0] == 0
    first = out.read_bytes()
    code, _, err = track(*args)
    assert code == 0, err
    assert out.read_bytes() == first


def test_markdown_report_edited_by_hand_is_not_replaced(draft, tmp_path):
    out = tmp_path / "impact.md"
    args = (str(draft), "--against", str(CO), "-o", str(out))
    assert track(*args)[0] == 0
    edited = out.read_text(encoding="utf-8").replace("compensation", "compensation (our lead)")
    assert edited != out.read_text(encoding="utf-8")
    out.write_text(edited, encoding="utf-8")
    code, _, err = track(*args)
    assert code == 2 and "--force" in err
    assert out.read_text(encoding="utf-8") == edited


def test_docx_report_edited_in_word_is_not_replaced(draft, tmp_path):
    import docx

    out = tmp_path / "impact.docx"
    args = (str(draft), "--against", str(CO), "--format", "docx", "-o", str(out))
    assert track(*args)[0] == 0
    document = docx.Document(str(out))
    document.add_paragraph("Our comment on the follow-up.")
    document.save(str(out))
    edited = out.read_bytes()
    code, _, err = track(*args)
    assert code == 2 and "--force" in err
    assert out.read_bytes() == edited


def test_json_report_is_replaced_only_with_force(draft, tmp_path):
    out = tmp_path / "impact.json"
    args = (str(draft), "--against", str(CO), "--format", "json", "-o", str(out))
    assert track(*args)[0] == 0
    code, _, err = track(*args)
    assert code == 2 and "--force" in err
    assert track(*args, "--force")[0] == 0
    assert "asks" in json.loads(out.read_text(encoding="utf-8"))


def test_requiring_the_semantic_matcher_without_it_is_a_plain_error_with_a_hint(draft):
    result = run_subkit(
        "track", str(draft), "--against", str(CO), "--matcher", "semantic",
        env={"SUBKIT_NO_SEMANTIC": "1"},
    )  # fmt: skip
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "the semantic extra is turned off (SUBKIT_NO_SEMANTIC)" in result.stderr
    assert "--matcher lexical" in result.stderr  # the hint
    assert "ran alone" not in result.stderr  # nothing ran
    assert result.stdout == ""


def test_auto_without_the_extra_runs_lexically_and_the_report_says_so(draft):
    result = run_subkit(
        "track", str(draft), "--against", str(CO), "--format", "json",
        env={"SUBKIT_NO_SEMANTIC": "1"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["matcher"].startswith("lexical (BM25")
    assert "blended" not in data["matcher"]
    assert data["notes"][0]["code"] == "SK610"
    assert "the lexical matcher ran alone" in data["notes"][0]["message"]
    assert "SK610" in result.stderr


def test_confirmations_name_an_outcome_without_symbol_by_the_symbol_its_title_implies(
    draft, tmp_path
):
    # A copy of the concluding observations saved under another name, with no symbol in it:
    # the Committee's "third periodic report of Kazakhstan" is CCPR/C/KAZ/CO/3.
    from submission_kit.track.confirm import implied_symbol
    from submission_kit.track.parse import read_outcome

    text = CO.read_text(encoding="utf-8").replace("CCPR/C/KAZ/CO/3", "")
    bare = tmp_path / "co.txt"
    bare.write_text(text, encoding="utf-8")
    co = read_outcome(bare)
    assert co.symbol is None and implied_symbol(co) == "CCPR/C/KAZ/CO/3"
    _confirm(draft, 'compensation: "34 (c)"\n', outcome="CCPR/C/KAZ/CO/3")
    code, out, err = track(str(draft), "--against", str(bare), "--format", "json")
    assert code == 0, err
    asks = {a["id"]: a for a in json.loads(out)["asks"]}
    assert asks["compensation"]["confirmed"] is True
    combined = co.model_copy(
        update={"title": "Concluding observations on the combined fifth and sixth periodic reports"}
    )
    assert implied_symbol(combined) == "CCPR/C/KAZ/CO/5-6"
    french = co.model_copy(
        update={
            "language": "fr",
            "title": "Observations finales concernant le troisième rapport périodique",
        }
    )
    assert implied_symbol(french) == "CCPR/C/KAZ/CO/3"
    assert implied_symbol(co.model_copy(update={"title": "Concluding observations"})) is None


def test_an_ngo_document_given_as_the_outcome_is_refused_unless_forced(draft, tmp_path):
    # The NGO's own list of issues, rendered by the kit: numbered paragraphs, but no symbol and
    # no State in its title, so no review an impact report could name.
    rendered = tmp_path / "our-list-of-issues.docx"
    made = run_subkit("render", str(EXAMPLES / "kaz-ccpr-list-of-issues.yaml"), "-o", str(rendered))
    assert made.returncode == 0, made.stderr
    code, out, err = track(str(draft), "--against", str(rendered))
    assert code == 2 and out == ""
    assert f"SK615 cannot tell which review {rendered} is of" in err
    assert "add --force" in err
    code, out, err = track(str(draft), "--against", str(rendered), "--force")
    assert code == 0, err
    assert "Answers:" in out or "not reflected" in out.lower()


def test_a_confirmation_both_not_reflected_and_taken_up_is_a_located_error(draft):
    path = _confirm(draft, "compensation:\n  paragraph: none\n  verdict: taken up\n")
    code, out, err = track(str(draft), "--against", str(CO))
    assert code == 1 and out == ""
    assert f"{path}:4:12: SK603" in err
    assert "not reflected (paragraph: none) and as 'taken up' at once" in err


def test_with_the_sentence_model_installed_the_report_names_it_and_its_verdicts_use_its_scale(
    draft,
):
    from submission_kit.track import semantic

    semantic.available.cache_clear()
    model = semantic.available()
    if model is None or model.key != "minilm":
        pytest.skip("the sentence model (submission-kit[semantic-minilm]) is not installed")
    result = run_subkit(
        "track", str(draft), "--against", str(CO), "--format", "json", "--matcher", "semantic",
        env={"SUBKIT_SEMANTIC_MODEL": "minilm"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert "blended with all-MiniLM-L6-v2, int8 ONNX" in data["matcher"]
    assert not [n for n in data["notes"] if n["code"] == "SK610"]
    assert data["thresholds"]["unclear"] == match_module.SEMANTIC_THRESHOLDS["minilm"]["unclear"]
