"""The two ways a coalition's CI runs the kit, exercised as they run: the pre-commit hook
(`.pre-commit-hooks.yaml`) and the GitHub Actions workflow in docs/."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import yaml
from check_samples import MINIMAL_LOI, oral_text, write
from conftest import ROOT

HOOKS = ROOT / ".pre-commit-hooks.yaml"
WORKFLOW = ROOT / "docs" / "github-workflow.yml"


def run_command(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a command line that starts with `subkit` the way the installed script would."""
    assert argv[0] == "subkit"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "submission_kit", *argv[1:]],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def hook() -> dict:
    (only,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    return only


def staged_files(repo: Path, names: list[str]) -> list[str]:
    """The file arguments pre-commit passes: the staged files its `files`/`exclude` select."""
    h = hook()
    files = re.compile(h["files"])
    exclude = re.compile(h["exclude"]) if h.get("exclude") else None
    return [n for n in names if files.search(n) and not (exclude and exclude.search(n))]


def test_pre_commit_hook_runs_subkit_check_on_the_staged_drafts(tmp_path: Path) -> None:
    h = hook()
    assert h["id"] == "subkit-check" and h["entry"] == "subkit check" and h["language"] == "python"
    write(tmp_path, "drafts/statement.yaml", oral_text())
    write(tmp_path, "drafts/loi.yml", MINIMAL_LOI)
    write(tmp_path, ".pre-commit-config.yaml", "repos: []\n")
    write(tmp_path, "notes.md", "not a draft\n")
    names = ["drafts/statement.yaml", "drafts/loi.yml", ".pre-commit-config.yaml", "notes.md"]
    args = staged_files(tmp_path, names)
    assert args == ["drafts/statement.yaml", "drafts/loi.yml"]
    result = run_command([*shlex.split(h["entry"]), *h.get("args", []), *args], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "drafts/statement.yaml:71:77: SK403 warning" in result.stdout


def test_pre_commit_hook_fails_the_commit_on_an_error(tmp_path: Path) -> None:
    h = hook()
    write(tmp_path, "late.yaml", MINIMAL_LOI.replace("date: 2011-01-10", "date: 2011-06-01"))
    result = run_command(
        [*shlex.split(h["entry"]), *staged_files(tmp_path, ["late.yaml"])], tmp_path
    )
    assert (
        result.returncode == 1 and "late.yaml" in result.stdout and "SK310 error" in result.stdout
    )


def subkit_steps() -> list[str]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    return [s["run"] for s in steps if "run" in s and s["run"].lstrip().startswith("subkit ")]


def run_shell(line: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """A workflow `run:` line in bash, with `subkit` on the PATH as after `pip install`."""
    shim = cwd / ".bin"
    shim.mkdir(exist_ok=True)
    (shim / "subkit").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m submission_kit "$@"\n')
    (shim / "subkit").chmod(0o755)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PATH": f"{shim}:{os.environ['PATH']}"}
    return subprocess.run(
        ["bash", "-eo", "pipefail", "-c", line],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_github_workflow_steps_annotate_and_write_sarif(tmp_path: Path) -> None:
    check_line, sarif_line = subkit_steps()
    assert "--format github" in check_line and "--format sarif" in sarif_line
    write(tmp_path, "drafts/statement.yaml", oral_text())
    write(tmp_path, "drafts/late.yaml", MINIMAL_LOI.replace("date: 2011-01-10", "date: 2011-06-01"))

    checked = run_shell(check_line, tmp_path)
    assert checked.returncode == 1  # the job fails on the error ...
    assert any(
        line.startswith("::error file=drafts/late.yaml,line=")
        for line in checked.stdout.splitlines()
    )
    assert "::warning file=drafts/statement.yaml,line=71,col=77,title=SK403::" in checked.stdout

    sarif = run_shell(sarif_line, tmp_path)
    assert sarif.returncode == 0, sarif.stderr  # ... and the SARIF is still written for upload
    log = json.loads((tmp_path / "subkit.sarif").read_text(encoding="utf-8"))
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert uris == {"drafts/late.yaml", "drafts/statement.yaml"}


def test_workflow_sarif_step_still_fails_when_subkit_cannot_run(tmp_path: Path) -> None:
    (_, sarif_line) = subkit_steps()
    result = run_shell(sarif_line, tmp_path)  # no drafts/ folder: exit 2 must not be swallowed
    assert result.returncode != 0 and "no such file or folder" in result.stderr
