"""The shape of the package holds: layers only import downwards (import-linter), the types
check (mypy), and `subkit validate` stays light."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

from conftest import ROOT, require_tool

#: Modules that serve every layer and so sit outside them.
OUTSIDE_THE_LAYERS = {"submission_kit.files", "submission_kit.__main__"}


def test_imports_follow_the_layers_declared_in_pyproject() -> None:
    lint_imports = require_tool("lint-imports")
    result = subprocess.run(
        [lint_imports, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_every_package_of_the_kit_sits_in_a_layer() -> None:
    # A package left out of the layers contract is checked by nothing: it could import
    # anything, and anything could import it.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == "layers")
    layered = {name.strip() for layer in contract["layers"] for name in layer.split("|")}
    package = ROOT / "submission_kit"
    top_level = {
        f"submission_kit.{p.stem}"
        for p in package.iterdir()
        if (p.is_dir() and (p / "__init__.py").exists())
        or (p.suffix == ".py" and p.stem != "__init__")
    }

    def covered(name: str) -> bool:
        return name in OUTSIDE_THE_LAYERS or any(
            name == layer or name.startswith(layer + ".") or layer.startswith(name + ".")
            for layer in layered
        )

    assert top_level, "no packages found"
    assert sorted(n for n in top_level if not covered(n)) == []


def test_mypy_reports_no_errors() -> None:
    mypy = require_tool("mypy")
    result = subprocess.run(
        [mypy, "submission_kit"], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout[-4000:]


def test_validate_loads_neither_compose_the_writer_jinja2_nor_lxml() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from submission_kit.cli import cli\n"
        "r = CliRunner().invoke(cli, ['validate', 'examples/'])\n"
        "assert r.exit_code == 0, r.output\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'jinja2', 'lxml')"
        " or m.startswith(('submission_kit.compose', 'submission_kit.write',"
        " 'submission_kit.pipeline.render')))\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def _validate_printing_at_exit(expression: str, env: dict[str, str]) -> str:
    """`subkit validate` of the oral statement in a fresh process, and what `expression`
    gives once it has run (printed at exit)."""
    code = (
        "import atexit, os, sys\n"
        f"atexit.register(lambda: print({expression}))\n"
        "from submission_kit.cli import main\n"
        "main()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, "validate", "examples/kaz-ccpr-oral-statement.yaml"],
        capture_output=True, text=True, cwd=ROOT, timeout=120, env=env,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "no problems" in out.stdout
    return out.stdout.strip().splitlines()[-1]


def _plugins_setting(env: dict[str, str]) -> str:
    return _validate_printing_at_exit("repr(os.environ.get('PYDANTIC_DISABLE_PLUGINS'))", env)


def test_subkit_skips_pydantic_plugin_lookup_unless_the_user_set_it() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    assert _plugins_setting(env) == "'__all__'"
    assert _plugins_setting({**env, "PYDANTIC_DISABLE_PLUGINS": ""}) == "''"
    assert _plugins_setting({**env, "PYDANTIC_DISABLE_PLUGINS": "logfire"}) == "'logfire'"


def _loader_after_validate(env: dict[str, str]) -> list[str]:
    loader = "sys.modules['pydantic.plugin._loader']"
    return _validate_printing_at_exit(
        f"type({loader}).__name__, {loader}.__doc__ is not None and 'stand-in' in {loader}.__doc__,"
        " 'importlib.metadata' in sys.modules, 'email' in sys.modules",
        env,
    ).split()


def test_with_plugins_off_validate_does_not_import_the_plugin_lookup() -> None:
    # pydantic's loader imports importlib.metadata (and the email package) at its top even
    # when every plugin is off; subkit puts its stand-in there, and the draft validates.
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    assert _loader_after_validate(env) == ["module", "True", "False", "False"]
    assert _loader_after_validate({**env, "PYDANTIC_DISABLE_PLUGINS": "1"})[1:] == [
        "True", "False", "False"
    ]  # fmt: skip
    # Plugins on (an empty value) or some of them off by name: pydantic's own loader, which
    # looks them up.
    for value in ("", "logfire"):
        loader = _loader_after_validate({**env, "PYDANTIC_DISABLE_PLUGINS": value})
        assert loader[1:] == ["False", "True", "True"], value


def test_the_plugin_loader_stand_in_answers_as_pydantic_does(monkeypatch) -> None:
    import importlib

    import pydantic.plugin._loader as pydantic_loader

    from submission_kit import cli

    stand_in = cli.plugin_loader_stand_in()
    monkeypatch.setitem(sys.modules, cli.PLUGIN_LOADER, stand_in)
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "__all__")
    assert tuple(stand_in.get_plugins()) == ()
    assert sys.modules[cli.PLUGIN_LOADER] is stand_in  # nothing was imported for it
    # `from pydantic.plugin._loader import get_plugins`, as pydantic imports it.
    assert importlib.import_module(cli.PLUGIN_LOADER).get_plugins is stand_in.get_plugins
    # Plugins turned on after the stand-in was put in: pydantic's own function decides.
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "")
    assert list(stand_in.get_plugins()) == list(pydantic_loader.get_plugins())
    real = sys.modules[cli.PLUGIN_LOADER]
    assert real is not stand_in and real.__file__ == pydantic_loader.__file__
    # Any other name of pydantic's loader is pydantic's.
    assert stand_in.PYDANTIC_ENTRY_POINT_GROUP == pydantic_loader.PYDANTIC_ENTRY_POINT_GROUP
    assert not hasattr(stand_in, "__path__")


def test_the_plugin_loader_is_replaced_only_when_every_plugin_is_off(monkeypatch) -> None:
    from submission_kit import cli

    monkeypatch.delitem(sys.modules, cli.PLUGIN_LOADER, raising=False)
    for value in ("", "logfire", "false"):
        monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", value)
        assert not cli.skip_plugin_scan()
        assert cli.PLUGIN_LOADER not in sys.modules
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "true")
    assert cli.skip_plugin_scan()
    stand_in = sys.modules[cli.PLUGIN_LOADER]
    assert not cli.skip_plugin_scan()  # already there: left as it is
    assert sys.modules[cli.PLUGIN_LOADER] is stand_in


def _render_modules(tmp_path: Path, settings: str | None) -> tuple[int, str, list[str]]:
    import shutil

    shutil.copy(ROOT / "examples" / "kaz-ccpr-oral-statement.yaml", tmp_path / "d.yaml")
    if settings is not None:
        (tmp_path / "subkit.toml").write_text(settings, encoding="utf-8")
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from submission_kit.cli import cli\n"
        "r = CliRunner().invoke(cli, ['render', 'd.yaml', '-o', 'd.docx'])\n"
        "print(r.exit_code)\n"
        "print(r.output.replace(chr(10), ' '))\n"
        "print(','.join(sorted(m for m in sys.modules if m in"
        " ('submission_kit.settings.schema', 'submission_kit.diagnostics.codes'))))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
        timeout=120, env=env,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    status, output, modules = out.stdout.split("\n")[:3]
    return int(status), output, [m for m in modules.split(",") if m]


def test_render_without_settings_builds_no_settings_models(tmp_path: Path) -> None:
    # No settings file up the tree of a temporary folder: the settings models and the rule
    # registry their validators read are never imported by a render.
    status, output, modules = _render_modules(tmp_path, None)
    assert status == 0, output
    assert modules == []


def test_render_with_settings_still_checks_them(tmp_path: Path) -> None:
    status, output, modules = _render_modules(tmp_path, "words-per-minute = 20\n")
    assert status == 2
    assert "subkit.toml:1:1" in output and "'words-per-minute' must be a whole number" in output
    assert "submission_kit.settings.schema" in modules


def _modules_after_render(folder: Path, draft: str) -> tuple[str, set[str]]:
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(' '.join(sorted(sys.modules))))\n"
        "from submission_kit.cli import main\n"
        "main()\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    env["PYTHONPATH"] = str(ROOT)
    out = subprocess.run(
        [sys.executable, "-c", code, "render", draft, "-o", "d.docx"],
        capture_output=True, text=True, cwd=folder, timeout=120, env=env,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    *shown, modules = out.stdout.strip().splitlines()
    return "\n".join(shown), set(modules.split())


def test_a_good_draft_renders_without_the_modules_only_mistakes_or_settings_need(
    tmp_path: Path,
) -> None:
    # No settings file up the tree: no TOML parser. A draft without mistakes: not the wording
    # of mistakes (load.located), nor pydantic's RootModel it reads, nor the plugin lookup.
    import shutil

    shutil.copy(ROOT / "examples" / "kaz-ccpr-list-of-issues.yaml", tmp_path / "d.yaml")
    shown, modules = _modules_after_render(tmp_path, "d.yaml")
    assert shown == "Wrote d.docx"
    assert (tmp_path / "d.docx").is_file()
    unneeded = {
        "tomllib",
        "submission_kit.load.located",
        "pydantic.root_model",
        "importlib.metadata",
        "subprocess",
    }
    assert sorted(modules & unneeded) == []
    # A mistake in the draft: the same command words it with load.located.
    text = (tmp_path / "d.yaml").read_text(encoding="utf-8")
    (tmp_path / "d.yaml").write_text(text.rstrip("\n") + "\nsesion: 1\n", "utf-8")
    code = "import sys\nfrom submission_kit.cli import main\nmain()\n"
    out = subprocess.run(
        [sys.executable, "-c", code, "render", "d.yaml", "-o", "e.docx"],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert out.returncode == 1, out.stdout + out.stderr
    assert "unknown field 'sesion'" in out.stdout + out.stderr
    assert not (tmp_path / "e.docx").exists()
