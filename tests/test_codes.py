"""One registry of every finding code: each code the kit emits is declared once, with examples
that really produce it, and the settings, suppression comments and `subkit rules` know them all."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from check_samples import MINIMAL_LOI, write
from code_examples import BASES, run_example
from conftest import ROOT, run_subkit

from submission_kit.diagnostics import codes
from submission_kit.lint import registry as rule_registry
from submission_kit.model import kind_names

PACKAGE = ROOT / "submission_kit"
REGISTRY = codes.registry()
#: A string literal that is a finding code, as emitters write them: "SK201".
_LITERAL_RE = re.compile(r"""["'](SK\d{3})["']""")
_DECORATED_RE = re.compile(r"""@rule\(\s*code=["'](SK\d{3})["']""")


def _emitted() -> dict[str, list[str]]:
    """Every code literal in the package's source, with the files it appears in."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "codes.py" and path.parent == PACKAGE:
            continue  # the declarations themselves
        for code in _LITERAL_RE.findall(path.read_text(encoding="utf-8")):
            found.setdefault(code, []).append(str(path.relative_to(ROOT)))
    return found


def test_every_code_the_source_emits_is_declared_in_the_registry() -> None:
    missing = {c: files for c, files in _emitted().items() if c not in REGISTRY}
    assert not missing, "\n".join(
        f"{code} is emitted by {', '.join(sorted(set(files)))} but not declared. Declare it "
        "once: a submission rule with @rule(code=...) next to its check in "
        "submission_kit/lint/; any other code as a Code(...) entry in submission_kit/diagnostics/codes.py, "
        "in the section of its stage (load SK0xx, schema SK1xx, reference SK2xx, render and "
        "track SK6xx), with a name, severity, rationale and a bad and a good example (see the "
        "Code docstring for how examples are run), then regenerate docs/rules.md with "
        "`python -m submission_kit rules --markdown > docs/rules.md`."
        for code, files in missing.items()
    )


def test_every_declared_code_is_emitted_or_enforced_somewhere() -> None:
    emitted = _emitted()
    # A rule's check emits its code through the registry; every other code needs an emitter.
    idle = [c for c in REGISTRY if c not in emitted and c not in rule_registry()]
    assert not idle, f"declared but never emitted (remove them or emit them): {idle}"


def test_every_rule_has_a_check_or_is_enforced_by_the_lint_engine() -> None:
    for code, r in rule_registry().items():
        assert r.check is not None or r.group == "suppression", code


def test_every_rule_module_is_found_by_the_package_scan() -> None:
    # A rule module is picked up by being in submission_kit/lint/, not by a list: every code
    # declared with @rule in a module of the package is in the registry, under that module.
    for path in sorted((PACKAGE / "rules").glob("*.py")):
        for code in _DECORATED_RE.findall(path.read_text(encoding="utf-8")):
            assert code in rule_registry(), f"{path.name}: {code} is not registered"
            assert rule_registry()[code].group == path.stem


def test_every_code_has_a_name_a_rationale_a_stage_and_examples() -> None:
    assert len({c.name for c in REGISTRY.values()}) == len(REGISTRY)
    for code, c in REGISTRY.items():
        assert re.fullmatch(r"SK\d{3}", code) and c.code == code
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", c.name), code
        assert c.rationale.endswith(".") and "\n" not in c.rationale, code
        assert c.stage in codes.STAGES, code
        if c.not_runnable:
            assert c.not_runnable.strip(), code
        else:
            assert c.bad.strip() and c.good.strip() and c.bad != c.good, code
        assert codes.find(c.name) is c and codes.find(code.lower()) is c


RUNNABLE = [c for c in REGISTRY.values() if not c.not_runnable]


@pytest.mark.parametrize("code", [c.code for c in RUNNABLE])
def test_the_bad_example_produces_its_code(code: str, tmp_path: Path) -> None:
    c = REGISTRY[code]
    found = run_example(c, c.bad, tmp_path)
    assert code in {d.code for d in found}, [f"{d.code} {d.message}" for d in found]
    # The registry tells `subkit rules` and SARIF the severity the finding really has.
    assert c.severity in {d.severity for d in found if d.code == code}


@pytest.mark.parametrize("code", [c.code for c in RUNNABLE])
def test_the_good_example_does_not_produce_its_code(code: str, tmp_path: Path) -> None:
    c = REGISTRY[code]
    found = run_example(c, c.good, tmp_path)
    assert code not in {d.code for d in found}, [f"{d.code} {d.message}" for d in found]


def test_only_examples_no_text_can_show_are_left_unrun() -> None:
    unrun = {c.code for c in REGISTRY.values() if c.not_runnable}
    # SK610-SK615 compare a draft with an outcome file or the installed packages
    # (tests/test_track_outcomes.py and tests/test_track_cli.py produce each of them).
    track_outcome = {"SK610", "SK611", "SK612", "SK613", "SK614", "SK615"}
    assert unrun == {"SK000", "SK005", "SK007", "SK040", "SK209", "SK600", "SK650"} | track_outcome


@pytest.mark.parametrize("kind", kind_names())
def test_every_kind_has_a_clean_draft_for_the_examples_to_be_laid_over(
    kind: str, tmp_path: Path
) -> None:
    from submission_kit.pipeline.check import check_draft
    from submission_kit.settings import Settings

    base = BASES / f"{kind}.yaml"
    assert base.is_file(), f"add {base.relative_to(ROOT)}: a small valid draft of kind {kind}"
    report = check_draft(str(base), Settings(), render=False)
    assert report.diagnostics == [], [f"{d.code} {d.message}" for d in report.diagnostics]


def test_subkit_rules_explains_a_reference_check_as_it_explains_a_rule() -> None:
    result = run_subkit("rules", "SK201")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("SK201 unknown-article (error by default)")
    assert "Stage: reference" in result.stdout and "articles: [57]" in result.stdout
    listing = run_subkit("rules")
    assert [line.split()[0] for line in listing.stdout.splitlines()] == list(REGISTRY)


def test_subkit_rules_says_a_code_of_an_unreadable_file_cannot_be_silenced() -> None:
    result = run_subkit("rules", "SK001")
    assert "It stays an error" in result.stdout and "ignore[SK001]" not in result.stdout


def test_settings_re_level_and_switch_off_a_reference_finding(tmp_path: Path) -> None:
    # An unused footnote is a warning; a coalition that wants it an error says so.
    text = MINIMAL_LOI + "sources:\n  - id: unhcr\n    text: UNHCR, note of 2010.\n"
    write(tmp_path, "draft.yaml", text)
    plain = run_subkit("check", "--no-render", "--format", "json", "draft.yaml", cwd=tmp_path)
    assert '"SK205"' in plain.stdout and plain.returncode == 0
    write(tmp_path, "subkit.toml", 'severity = { SK205 = "error" }\n')
    strict = run_subkit("check", "--no-render", "--format", "json", "draft.yaml", cwd=tmp_path)
    assert strict.returncode == 1 and '"severity": "error"' in strict.stdout
    write(tmp_path, "subkit.toml", 'ignore = ["SK205"]\n')
    quiet = run_subkit("check", "--no-render", "--format", "json", "draft.yaml", cwd=tmp_path)
    assert quiet.returncode == 0 and "SK205" not in quiet.stdout


def test_settings_refuse_to_hide_a_code_of_an_unreadable_file(tmp_path: Path) -> None:
    write(tmp_path, "draft.yaml", MINIMAL_LOI)
    write(tmp_path, "subkit.toml", 'ignore = ["SK001"]\n')
    result = run_subkit("check", "--no-render", "draft.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "subkit.toml:1:" in result.stderr and "SK001 cannot be switched off" in result.stderr


def test_a_comment_silences_a_reference_finding_in_validate_and_check(tmp_path: Path) -> None:
    text = MINIMAL_LOI.replace(
        "    articles: [7]\n",
        "    articles: [7, 57]  # subkit: ignore[SK201] reason: the draft protocol's numbering\n",
        1,
    )
    write(tmp_path, "draft.yaml", text)
    for command in ("validate", "check"):
        result = run_subkit(command, "--format", "json", "draft.yaml", cwd=tmp_path)
        assert result.returncode == 0 and "SK201" not in result.stdout, (command, result.stdout)
    # Without the comment, the same draft is an error.
    write(tmp_path, "draft.yaml", text.replace("  # subkit: ignore[SK201]", "  # was:"))
    result = run_subkit("validate", "--format", "json", "draft.yaml", cwd=tmp_path)
    assert result.returncode == 1 and '"SK201"' in result.stdout


def test_a_comment_cannot_silence_a_file_that_cannot_be_read(tmp_path: Path) -> None:
    text = "kind: list_of_issues\nmetadata:\n\tstate: KAZ  # subkit: ignore[SK003] reason: x\n"
    write(tmp_path, "draft.yaml", text)
    result = run_subkit("validate", "--format", "json", "draft.yaml", cwd=tmp_path)
    assert result.returncode == 1 and '"SK003"' in result.stdout


def test_a_language_without_names_in_the_reference_data_gets_them_in_english_and_is_told(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A language whose catalogue exists before its names do: the names fall back to English,
    # and SK209 says so for each of them.
    from submission_kit.model import common
    from submission_kit.reference import folders as resources
    from submission_kit.validate import validate_text

    found = [*resources.languages(), "ru"]
    monkeypatch.setattr(common, "languages", lambda: found)
    text = MINIMAL_LOI.replace(
        "  stage: list_of_issues\n", "  stage: list_of_issues\n  language: ru\n"
    )
    result = validate_text(text, "draft.yaml")
    warnings = [d for d in result.diagnostics if d.code == "SK209"]
    assert {d.path for d in warnings} == {"metadata.language"}
    messages = " ".join(d.message for d in warnings)
    assert "'Kazakhstan'" in messages and "'Human Rights Committee'" in messages
    assert all(d.severity.value == "warning" for d in warnings)


def test_a_mechanism_name_missing_in_the_drafts_language_is_told_not_printed_in_english_silently(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The Council's name and its agenda item's title come from mechanisms.json; a language the
    # data lacks prints them in English, and SK209 says which.
    import dataclasses

    from submission_kit import reference
    from submission_kit.validate import validate_file

    real = reference.mechanism

    def without_french(key: str) -> reference.Mechanism:
        body = real(key)
        agenda = {
            k: {lang: v for lang, v in t.items() if lang != "fr"} for k, t in body.agenda.items()
        }
        name = {lang: v for lang, v in body.name.items() if lang != "fr"}
        return dataclasses.replace(body, name=name, agenda=agenda)

    example = ROOT / "examples" / "hrc-written-statement-fr.yaml"
    assert not [d for d in validate_file(example).diagnostics if d.code == "SK209"]
    monkeypatch.setattr(reference, "mechanism", without_french)
    messages = [d.message for d in validate_file(example).diagnostics if d.code == "SK209"]
    assert any("the name of the HRC" in m and "'Human Rights Council'" in m for m in messages)
    assert any("the title of agenda item" in m for m in messages)
