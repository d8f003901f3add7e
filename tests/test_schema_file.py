"""The JSON Schema for editors is generated from the models and committed; it must not go stale."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT, run_subkit

from submission_kit.model import json_schema, kinds

SCHEMA_FILE = ROOT / "schemas" / "submission.schema.json"


def test_committed_schema_matches_the_models():
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == json_schema(), (
        "schemas/submission.schema.json is stale: run `subkit schema > schemas/submission.schema.json`"
    )


def test_subkit_schema_prints_the_schema(subkit):
    result = subkit("schema")
    assert result.returncode == 0
    printed = json.loads(result.stdout)
    assert printed["$schema"].endswith("2020-12/schema")
    assert set(printed["discriminator"]["mapping"]) == set(kinds())


def test_schema_offers_field_descriptions_for_autocompletion():
    schema = json_schema()
    metadata = schema["$defs"]["Metadata"]["properties"]
    assert "alpha-3" in metadata["state"]["description"]
    assert set(metadata["committee"]["enum"]) >= {"CCPR", "CAT", "CESCR"}


def test_validate_path_does_not_import_docx_or_jinja2():
    code = (
        "import sys\n"
        "from submission_kit.cli import cli\n"
        "from submission_kit.commands import validate\n"
        "from submission_kit.validate import validate_file\n"
        f"validate_file({str(ROOT / 'examples' / 'kaz-ccpr-oral-statement.yaml')!r})\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'jinja2', 'lxml'))\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_python_dash_m_runs_the_cli():
    result = run_subkit("--help")
    assert result.returncode == 0
    assert "validate" in result.stdout


def test_each_kind_lives_in_a_module_named_after_it():
    from submission_kit.model import kind_model, kind_names

    assert kind_names() == sorted(kinds())
    for name, model in kinds().items():
        assert kind_model(name) is model
    assert kind_model("no_such_kind") is None


def test_validating_one_draft_imports_only_its_own_kind():
    code = (
        "import sys\n"
        "from submission_kit.validate import validate_file\n"
        f"assert validate_file({str(ROOT / 'examples' / 'kaz-ccpr-oral-statement.yaml')!r}).ok\n"
        "print(sorted(m for m in sys.modules if m.startswith('submission_kit.model.kinds.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "['submission_kit.model.kinds.oral_statement']"
