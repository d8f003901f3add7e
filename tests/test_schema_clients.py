"""The editor schema in real clients: check-jsonschema accepts every example and every filled
template and rejects what the schema stage rejects; yaml-language-server, driven over the
language-server protocol as an editor drives it, reports a draft's errors and completes
`kind`, `committee` and `meeting`."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES, ORAL_EXAMPLE, ROOT, require_tool

from submission_kit.model import kinds
from submission_kit.reference import committee_codes
from submission_kit.validate import collect_drafts, validate_text
from submission_kit.validate.reference_checks import _placeholder_spans

SCHEMA = ROOT / "schemas" / "submission.schema.json"
GOOD = ORAL_EXAMPLE.read_text(encoding="utf-8")


def check_jsonschema(*files: Path) -> subprocess.CompletedProcess[str]:
    tool = require_tool("check-jsonschema")
    return subprocess.run(
        [tool, "--schemafile", str(SCHEMA), "--output-format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def failing(result: subprocess.CompletedProcess[str]) -> set[str]:
    report = json.loads(result.stdout)
    return {e["filename"] for e in report.get("errors", [])} | {
        e["filename"] for e in report.get("parse_errors", [])
    }


#: A value of each type of template variable, for the variables a template requires.
SAMPLE_VALUES = {"integer": "3", "integers": "12,34", "list": "7", "date": "2025-06-23"}


def filled_templates(folder: Path) -> list[Path]:
    """Every bundled template in every language, as `subkit new` makes it, with each TODO(...)
    replaced by the writer's text (as examples/templated/make.py does)."""
    from submission_kit.scaffold.catalogue import find_templates, template_folders
    from submission_kit.scaffold.new import addressee_of, scaffold

    out = []
    for name, template in find_templates(template_folders([])).items():
        for lang in template.languages():
            target = folder / f"{name}-{lang}.yaml"
            draft = scaffold(
                name,
                state="KAZ",
                # The UPR and Council templates take no committee.
                committee="CCPR" if addressee_of(template) == "treaty_body" else None,
                session=144,
                lang=lang,
                org=["Migrant Rights Coalition", "Second Network=co-submitter"],
                variables=[
                    f"{v.name}={SAMPLE_VALUES.get(v.type, v.choices[0] if v.choices else 'Ana Pérez')}"
                    for v in template.variables
                    if v.required and v.default is None
                ],
                output=str(target),
            )
            text = draft.text
            for _, marker in reversed(list(_placeholder_spans(text))):
                text = text.replace(marker, "Text written by the coalition", 1)
            result = validate_text(text, str(target))
            assert result.ok, [f"{d.line}: {d.message}" for d in result.diagnostics]
            target.write_text(text, encoding="utf-8")
            out.append(target)
    return out


def test_check_jsonschema_accepts_every_example():
    drafts = collect_drafts([str(EXAMPLES)])
    assert len(drafts) >= 13
    result = check_jsonschema(*drafts)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_accepts_every_filled_template(tmp_path):
    drafts = filled_templates(tmp_path)
    assert {p.stem.rsplit("-", 1)[1] for p in drafts} == {"en", "fr", "es"}
    assert len(drafts) >= 9
    result = check_jsonschema(*drafts)
    assert result.returncode == 0, result.stdout + result.stderr


#: Drafts the schema stage of `subkit validate` refuses (SK1xx), and so must the JSON Schema.
REJECTED = {
    "unknown-field": ("meeting: informal_briefing", "meeting: informal_briefing\nvenue: Geneva"),
    "missing-field": ("  stage: constructive_dialogue\n", ""),
    "bad-committee": ("  committee: CCPR", "  committee: HRC"),
    "state-by-name": ("  state: KAZ", "  state: Turkey"),
    "time-without-unit": ("time_limit: 3 min", "time_limit: 3"),
    "article-in-words": ("articles: [7]", "articles: [seven]"),
    "article-zero": ("articles: [7]", "articles: [0]"),
    "unknown-kind": ("kind: oral_statement", "kind: oral_statment"),
    "bad-language": ("  language: en", "  language: de"),
    "empty-body": ("body:\n  - >-", "body: []\nold_body:\n  - >-"),
}


def test_check_jsonschema_rejects_what_the_schema_stage_rejects(tmp_path):
    files = []
    for name, (old, new) in REJECTED.items():
        assert old in GOOD, name
        text = GOOD.replace(old, new, 1)
        found = validate_text(text).diagnostics
        assert any(d.code.startswith("SK1") for d in found), name
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    result = check_jsonschema(*files)
    assert result.returncode == 1
    assert failing(result) == {str(f) for f in files}, result.stdout


def test_check_jsonschema_accepts_the_shorthand_forms_validate_accepts(tmp_path):
    text = GOOD.replace("articles: [7]\n", "articles: [7, '9 (4)', '9 (4) (a)', art. 14]\n", 1)
    text = text.replace("time_limit: 3 min", "time_limit: '1:30'")
    text = text.replace(
        "      articles: [2]\n",
        "      articles: [2]\n      follows_up: CCPR/C/KAZ/CO/2, para. 36 (b)\n",
        1,
    )
    assert validate_text(text).ok
    path = tmp_path / "shorthands.yaml"
    path.write_text(text, encoding="utf-8")
    result = check_jsonschema(path)
    assert result.returncode == 0, result.stdout


# --- yaml-language-server over LSP ------------------------------------------------------------


def yaml_language_server() -> list[str]:
    local = ROOT / "node_modules" / ".bin" / "yaml-language-server"
    found = str(local) if local.exists() else None
    if found is None:
        found = require_tool("yaml-language-server")
    node = shutil.which("node") or require_tool("node")
    return [node, str(Path(found).resolve()), "--stdio"]


SETTINGS = {
    "validate": True,
    "completion": True,
    "hover": True,
    # No catalogue from the network: the draft names its schema in its first line.
    "schemaStore": {"enable": False},
    "schemas": {},
}


async def _session(draft: Path, text: str, work):
    from lsprotocol import types
    from pytest_lsp import ClientServerConfig, client_capabilities

    config = ClientServerConfig(server_command=yaml_language_server(), server_env=dict(os.environ))
    client = await config.start()
    client.set_configuration(SETTINGS, section="yaml")
    try:
        await client.initialize_session(
            types.InitializeParams(
                capabilities=client_capabilities("visual-studio-code"),
                root_uri=draft.parent.as_uri(),
                workspace_folders=[types.WorkspaceFolder(uri=draft.parent.as_uri(), name="drafts")],
            )
        )
        client.workspace_did_change_configuration(
            types.DidChangeConfigurationParams(settings={"yaml": SETTINGS})
        )
        uri = draft.as_uri()
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uri, language_id="yaml", version=1, text=text
                )
            )
        )
        return await asyncio.wait_for(work(client, uri), timeout=60)
    finally:
        await client.shutdown_session()
        await client.stop()


def _with_schema_line(text: str) -> str:
    body = text.split("\n", 1)[1] if text.startswith("# yaml-language-server") else text
    return f"# yaml-language-server: $schema={SCHEMA.as_uri()}\n{body}"


async def _diagnostics(client, uri: str) -> list:
    for _ in range(10):
        await client.wait_for_notification("textDocument/publishDiagnostics")
        found = client.diagnostics.get(uri)
        if found:
            return list(found)
    return list(client.diagnostics.get(uri, []))


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.split("\n")) if needle in line)


@pytest.mark.asyncio
async def test_yaml_language_server_marks_a_wrong_value_and_not_a_valid_draft(tmp_path):
    text = _with_schema_line(GOOD).replace("  committee: CCPR", "  committee: HRC")
    draft = tmp_path / "statement.yaml"
    draft.write_text(text, encoding="utf-8")
    found = await _session(draft, text, _diagnostics)
    lines = {d.range.start.line for d in found}
    assert _line_of(text, "committee: HRC") in lines, [(d.range, d.message) for d in found]
    wrong = [d for d in found if d.range.start.line == _line_of(text, "committee: HRC")]
    assert any("CCPR" in d.message for d in wrong), [d.message for d in wrong]
    # Nothing else is marked: the shorthand forms (articles: [2 (3), 7], plain-text paragraphs)
    # are valid in the editor as in `subkit validate`.
    assert lines == {_line_of(text, "committee: HRC")}, [(d.range, d.message) for d in found]


@pytest.mark.asyncio
async def test_yaml_language_server_accepts_a_valid_draft(tmp_path):
    text = _with_schema_line(GOOD)
    draft = tmp_path / "statement.yaml"
    draft.write_text(text, encoding="utf-8")

    async def settle(client, uri):
        await client.wait_for_notification("textDocument/publishDiagnostics")
        await asyncio.sleep(1.0)  # a second round would bring schema findings
        return list(client.diagnostics.get(uri, []))

    found = await _session(draft, text, settle)
    assert found == [], [(d.range.start.line, d.message) for d in found]


async def _complete_at(client, uri: str, line: int, character: int) -> list[str]:
    from lsprotocol import types

    await client.wait_for_notification("textDocument/publishDiagnostics")
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=character),
        )
    )
    items = result.items if hasattr(result, "items") else (result or [])
    return [i.label for i in items]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("field", "line_text", "expected"),
    [
        ("kind", "kind: ", sorted(kinds())),
        ("committee", "  committee: ", committee_codes()),
        ("meeting", "meeting: ", ["informal_briefing", "private_briefing", "public_meeting"]),
    ],
)
async def test_yaml_language_server_completes_the_values_of(tmp_path, field, line_text, expected):
    old = next(line for line in GOOD.split("\n") if line.startswith(line_text))
    text = _with_schema_line(GOOD).replace(old + "\n", line_text + "\n", 1)
    if field == "kind":
        text = _with_schema_line("kind: \n")  # a new draft: every kind is offered
    draft = tmp_path / "statement.yaml"
    draft.write_text(text, encoding="utf-8")
    line = _line_of(text, line_text.rstrip() + " ") if field != "kind" else _line_of(text, "kind:")
    labels = await _session(draft, text, lambda c, u: _complete_at(c, u, line, len(line_text)))
    assert set(expected) <= set(labels), labels


def _before_validators(annotation, seen: set) -> list:
    """Every BeforeValidator inside an annotation, through lists, unions and nested models."""
    import typing

    from pydantic import BaseModel, BeforeValidator

    found = []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return []
        seen.add(annotation)
        for info in annotation.model_fields.values():
            found += [
                (annotation.__name__, m) for m in info.metadata if isinstance(m, BeforeValidator)
            ]
            found += _before_validators(info.annotation, seen)
        return found
    if typing.get_origin(annotation) is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        found += [(str(base), m) for m in extra if isinstance(m, BeforeValidator)]
        return found + _before_validators(base, seen)
    for arg in typing.get_args(annotation):
        found += _before_validators(arg, seen)
    return found


def test_every_shorthand_validate_accepts_is_described_in_the_schema():
    from pydantic_core import PydanticUndefined

    seen: set = set()
    validators = [v for model in kinds().values() for v in _before_validators(model, seen)]
    assert len(validators) >= 4
    undescribed = [
        (where, v.func.__name__)
        for where, v in validators
        if v.json_schema_input_type is PydanticUndefined
    ]
    assert undescribed == [], "give each BeforeValidator its json_schema_input_type"
