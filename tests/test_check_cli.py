"""`subkit check` as a user and a CI job run it: exit codes, summary, formats, parallel runs."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from check_samples import MINIMAL_LOI, oral_text, write
from conftest import EXAMPLES, run_subkit

from submission_kit.diagnostics import codes
from submission_kit.lint import registry

SEED_EXAMPLES = ("examples/kaz-ccpr-oral-statement.yaml", "examples/kaz-ccpr-list-of-issues.yaml")


def test_check_of_all_examples_passes_as_ci_runs_it() -> None:
    result = run_subkit("check", "examples/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Found 0 error(s)" in result.stdout


def test_check_seed_examples_passes_with_warnings_and_renders_both() -> None:
    result = run_subkit("check", *SEED_EXAMPLES)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "examples/kaz-ccpr-oral-statement.yaml:71:77: SK403 warning:" in out
    assert "examples/kaz-ccpr-oral-statement.yaml       0         4  yes" in out
    # An oral statement is timed, not counted against a word limit: its words and speaking
    # time at 120 words a minute against its time limit (the SK303 warning's figures).
    assert "0         4  yes          389 w, 3:14 / 3:00" in out
    assert "takes 3 min 14 s, over the 3 min 00 s allowed (389 words" in out
    assert "examples/kaz-ccpr-list-of-issues.yaml       0         2  yes" in out
    assert out.rstrip().endswith("Found 0 error(s) and 6 warning(s) in 2 drafts.")


def test_errors_give_exit_1_and_skip_rendering(tmp_path: Path) -> None:
    write(tmp_path, "late.yaml", MINIMAL_LOI.replace("date: 2011-01-10", "date: 2011-05-01"))
    write(tmp_path, "good.yaml", MINIMAL_LOI)
    result = run_subkit("check", str(tmp_path))
    assert result.returncode == 1
    assert "SK310 error: the submission is dated 1 May 2011" in result.stdout
    rows = {
        line.split()[0].rsplit("/", 1)[-1]: line.split()[1:]
        for line in result.stdout.splitlines()
        if ".yaml " in line
    }
    # The last column is the word count against the limit ("123 / 10,000").
    assert rows["late.yaml"][:4] == ["1", "0", "no", "(errors)"]
    assert rows["good.yaml"][:3] == ["0", "0", "yes"]
    assert rows["good.yaml"][4:] == ["/", "10,000"]


def test_unusable_arguments_give_exit_2(tmp_path: Path) -> None:
    missing = run_subkit("check", str(tmp_path / "nowhere"))
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr
    empty = run_subkit("check", str(tmp_path))
    assert empty.returncode == 2 and "no drafts" in empty.stderr


def test_json_findings_have_the_shape_of_validate(tmp_path: Path) -> None:
    result = run_subkit("check", "--format", "json", *SEED_EXAMPLES)
    found = json.loads(result.stdout)
    assert len(found) == 6
    for d in found:
        assert {"file", "line", "column", "code", "severity", "message"} <= d.keys()
    assert "errors  warnings  rendered" in result.stderr  # the table stays off stdout


def test_github_annotations_name_file_line_and_code() -> None:
    result = run_subkit(
        "check", "--format", "github", str(EXAMPLES / "kaz-ccpr-oral-statement.yaml")
    )
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    assert any(
        line.startswith("::warning file=") and ",line=71,col=77,title=SK403::" in line
        for line in lines
    )


def test_sarif_output_has_the_structure_code_scanning_requires() -> None:
    result = run_subkit("check", "--format", "sarif", *SEED_EXAMPLES)
    assert result.returncode == 0
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "subkit"
    ids = [r["id"] for r in rules]
    assert set(registry()) <= set(ids) and len(ids) == len(set(ids))
    assert len(run["results"]) == 6
    for res in run["results"]:
        assert res["level"] in ("error", "warning", "note")
        assert res["message"]["text"]
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"].startswith("examples/")
        assert loc["region"]["startLine"] >= 1 and loc["region"]["startColumn"] >= 1
    sk403 = next(r for r in rules if r["id"] == "SK403")
    assert (
        sk403["defaultConfiguration"]["level"] == "warning" and sk403["name"] == "ask-parallel-form"
    )


def test_junit_report_has_one_test_case_per_draft(tmp_path: Path) -> None:
    write(tmp_path, "a-late.yaml", MINIMAL_LOI.replace("date: 2011-01-10", "date: 2011-05-01"))
    write(tmp_path, "b-good.yaml", MINIMAL_LOI)
    write(tmp_path, "c-oral.yaml", oral_text())
    result = run_subkit("check", "--format", "junit", str(tmp_path))
    assert result.returncode == 1
    root = ET.fromstring(result.stdout)
    suite = root.find("testsuite")
    assert suite is not None and suite.get("tests") == "3" and suite.get("failures") == "1"
    cases = {Path(c.get("name")).name: c for c in suite.findall("testcase")}
    assert set(cases) == {"a-late.yaml", "b-good.yaml", "c-oral.yaml"}
    failure = cases["a-late.yaml"].find("failure")
    assert failure is not None and failure.get("type") == "SK310"
    assert cases["b-good.yaml"].find("failure") is None
    assert "SK403 warning" in cases["c-oral.yaml"].findtext("system-out")


def test_validate_accepts_the_new_formats_too() -> None:
    result = run_subkit("validate", "--format", "sarif", "examples/")
    assert result.returncode == 0
    assert json.loads(result.stdout)["runs"][0]["results"] == []


def test_parallel_and_serial_runs_report_the_same(tmp_path: Path) -> None:
    for i in range(14):
        text = oral_text() if i % 2 else MINIMAL_LOI
        if i % 5 == 0:
            text = text.replace("State party", "State Party")
        write(tmp_path, f"d{i:02d}.yaml", text)
    serial = run_subkit("check", "--format", "json", "--no-render", "-j", "1", str(tmp_path))
    parallel = run_subkit("check", "--format", "json", "--no-render", "-j", "2", str(tmp_path))
    assert serial.returncode == parallel.returncode == 0
    assert json.loads(serial.stdout) == json.loads(parallel.stdout)
    assert len(json.loads(serial.stdout)) > 14


def test_rules_lists_and_explains() -> None:
    listing = run_subkit("rules")
    assert listing.returncode == 0
    # Every finding code is listed, those of validation and tracking with the rules.
    assert len(listing.stdout.splitlines()) == len(codes.registry())
    one = run_subkit("rules", "ask-parallel-form")
    assert one.stdout.startswith("SK403 ask-parallel-form (warning by default)")
    assert "Establishing a referral mechanism" in one.stdout
    unknown = run_subkit("rules", "SK999")
    assert unknown.returncode == 2 and "no rule 'SK999'" in unknown.stderr
    typo = run_subkit("rules", "ask-imperativ")
    assert typo.returncode == 2 and "did you mean 'ask-imperative'?" in typo.stderr
