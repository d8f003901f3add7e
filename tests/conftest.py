"""Shared fixtures: paths, running the CLI as a user would, and real-client requirements."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = ROOT / "tests" / "data" / "seeds"
ORAL_EXAMPLE = EXAMPLES / "kaz-ccpr-oral-statement.yaml"


def require_tool(*names: str) -> str:
    """Path of the first tool found. Skips on a laptop without it; fails in CI (CI=true)."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    message = f"{' or '.join(names)} is not installed"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}, and CI must run the real-client tests (.ci/run installs it)")
    pytest.skip(message)
    raise AssertionError  # unreachable


def run_subkit(
    *args: str, cwd: Path | None = None, input: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `subkit` in a fresh process, exactly as a user's shell would."""
    full_env = {**os.environ, **(env or {})}
    full_env.setdefault("PYTHONPATH", str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "submission_kit", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        input=input,
        env=full_env,
        timeout=300,
    )


@pytest.fixture
def subkit():
    return run_subkit


@pytest.fixture(scope="session")
def rendered(tmp_path_factory) -> dict[str, Path]:
    """Every example rendered once per test run, by name of its draft."""
    from submission_kit.validate import collect_drafts

    drafts = collect_drafts([str(EXAMPLES)])
    out = tmp_path_factory.mktemp("rendered")
    result = run_subkit("render", *map(str, drafts), "--out-dir", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return {p.name: out / f"{p.stem}.docx" for p in drafts}


@pytest.fixture(scope="session")
def rendered_html(tmp_path_factory) -> dict[str, Path]:
    """Every example rendered once per test run as an HTML page (`-o NAME.html`), by draft name."""
    from submission_kit.validate import collect_drafts

    out = tmp_path_factory.mktemp("rendered-html")
    pages = {}
    for draft in collect_drafts([str(EXAMPLES)]):
        page = out / f"{draft.stem}.html"
        result = run_subkit("render", str(draft), "-o", str(page))
        assert result.returncode == 0, result.stdout + result.stderr
        pages[draft.name] = page
    return pages


@pytest.fixture(autouse=True, scope="session")
def _embedding_cache_inside_the_test_run(tmp_path_factory: pytest.TempPathFactory):
    """The sentence model's vector cache (`subkit track`) goes to a folder of this run: a
    test never writes to the user's cache, nor reads what an earlier run left there."""
    old = os.environ.get("SUBKIT_CACHE_DIR")
    os.environ["SUBKIT_CACHE_DIR"] = str(tmp_path_factory.mktemp("subkit-cache"))
    yield
    if old is None:
        os.environ.pop("SUBKIT_CACHE_DIR", None)
    else:
        os.environ["SUBKIT_CACHE_DIR"] = old
