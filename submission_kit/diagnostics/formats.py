"""Findings for CI systems: SARIF 2.1.0 (GitHub code scanning) and JUnit XML (test reports).

Both are written with the standard library; tests check them against the structure
the consumers require.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import PurePath
from urllib.parse import quote

from submission_kit import __version__
from submission_kit.diagnostics import Diagnostic, codes

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/submission-kit/submission-kit"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(file: str) -> str:
    return quote(PurePath(file).as_posix(), safe="/")


def _rule_descriptor(code: str) -> dict:
    c = codes.registry().get(code)
    if c is None:  # a code nobody declared: a test of the registry fails before this ships
        return {
            "id": code,
            "shortDescription": {"text": "finding of subkit"},
            "defaultConfiguration": {"level": "error"},
        }
    help_md = c.rationale
    if c.bad and c.good:
        help_md += (
            f"\n\nInstead of:\n\n```yaml\n{codes.visible(c.bad).rstrip()}\n```\n\n"
            f"write:\n\n```yaml\n{c.good.rstrip()}\n```"
        )
    return {
        "id": c.code,
        "name": c.name,
        "shortDescription": {"text": c.rationale},
        "fullDescription": {"text": c.explanation or c.rationale},
        "help": {"text": c.rationale, "markdown": help_md},
        "defaultConfiguration": {"level": _LEVEL[c.severity.value]},
        "properties": {"stage": c.stage, "stageDescription": codes.STAGES[c.stage]},
    }


def format_sarif(diagnostics: Sequence[Diagnostic], with_rules: bool = True) -> str:
    """One SARIF 2.1.0 log with one run: the codes that occur, plus every code of the
    registry when the command ran the rules (`with_rules`)."""
    listed: list[str] = list(codes.registry()) if with_rules else []
    listed += sorted({d.code for d in diagnostics} - set(listed))
    index = {c: i for i, c in enumerate(listed)}
    results = []
    for d in diagnostics:
        region: dict = {"startLine": max(d.line, 1), "startColumn": max(d.column, 1)}
        if d.end_line:
            region["endLine"] = d.end_line
        if d.end_column:
            region["endColumn"] = d.end_column
        text = d.message + (f" (hint: {d.hint})" if d.hint else "")
        result = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": _LEVEL[d.severity.value],
            "message": {"text": text},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(d.file), "uriBaseId": "%SRCROOT%"},
                        "region": region,
                    }
                }
            ],
        }
        if d.path:
            result["properties"] = {"draftPath": d.path}
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "subkit",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule_descriptor(c) for c in listed],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": "./"}},
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False)


def format_junit(
    diagnostics: Sequence[Diagnostic], files: Sequence[str] = (), suite_name: str = "subkit check"
) -> str:
    """JUnit XML: one test case per draft, failed when it has findings at error level."""
    by_file: dict[str, list[Diagnostic]] = {f: [] for f in files}
    for d in diagnostics:
        by_file.setdefault(d.file, []).append(d)
    failures = sum(any(d.severity.value == "error" for d in ds) for ds in by_file.values())
    suites = ET.Element(
        "testsuites", name="subkit", tests=str(len(by_file)), failures=str(failures)
    )
    suite = ET.SubElement(
        suites,
        "testsuite",
        name=suite_name,
        tests=str(len(by_file)),
        failures=str(failures),
        errors="0",
        skipped="0",
    )
    for file, ds in by_file.items():
        case = ET.SubElement(suite, "testcase", name=file, classname="subkit.drafts", file=file)
        lines = [
            f"{d.file}:{d.line}:{d.column}: {d.code} {d.severity.value}: {d.message}" for d in ds
        ]
        errors = [d for d in ds if d.severity.value == "error"]
        if errors:
            failure = ET.SubElement(
                case,
                "failure",
                message=f"{len(errors)} error(s): {errors[0].code} {errors[0].message}",
                type=errors[0].code,
            )
            failure.text = "\n".join(lines)
        elif lines:
            ET.SubElement(case, "system-out").text = "\n".join(lines)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")
