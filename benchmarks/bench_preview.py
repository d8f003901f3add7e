"""Cold starts against what their dependencies cost, and the warm rebuild of `subkit preview`
against pandoc, measured in one run so that the ratios share the machine's load.

Run from the repository root:  python benchmarks/bench_preview.py [--runs 20] [--saves 30] [--rounds 20]

Targets (issue 15):
- cold `subkit validate` of one draft <= 1.3 x `python -c "import click, yaml; from pydantic
  import BaseModel"`;
- cold `subkit render` <= 1.5 x the same plus `import jinja2, lxml.etree`;
- in `subkit preview`, from saving the draft to the updated page arriving over the event
  stream (watcher, validate, lint, compose, write the page, push) <= 0.5 x a cold pandoc
  run on the same content.
Target (issue 12): cold `subkit validate` of a Markdown draft within 10% of the same draft in
YAML (the Markdown twin of the list of issues, made by `subkit convert`, against the YAML).

Beside the floors of the issues it times what they leave out, to show where the kit's own
share starts: pydantic's first model, the oral statement's models built by pydantic from a
plain YAML parse (no kit code but the models), the same models written in plain pydantic
(`plain_models.py`: no kit code at all), and the import of markdown-it-py with the two
plugins the Markdown reader uses.

The kit is byte-compiled first (`compileall`), as an installed package is: a machine with
PYTHONDONTWRITEBYTECODE set would otherwise compile every module of the kit on every run.
Cold timings use hyperfine (-N, 3 warm-ups).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_render import markdown_of  # noqa: E402

LOI = ROOT / "examples" / "kaz-ccpr-list-of-issues.yaml"
ORAL = ROOT / "examples" / "kaz-ccpr-oral-statement.yaml"
FLOOR_VALIDATE = "import click, yaml; from pydantic import BaseModel"
FLOOR_RENDER = "import click, yaml, jinja2, lxml.etree; from pydantic import BaseModel"
#: Any program that validates with pydantic pays for building its first model: imports
#: (pydantic.types, annotated_types, the plugin lookup through importlib.metadata) and the
#: validator. Timed to show how much of the cold validate is pydantic's own.
FIRST_MODEL = (
    "import click, yaml\\nfrom pydantic import BaseModel, Field\\n"
    "class A(BaseModel):\\n    x: int = Field(1)\\nA(x=2)"
)
#: The floor plus the models the oral statement needs, built and run by pydantic on a plain
#: YAML parse of it: what validating it costs with no kit code but its models. Plugins are off,
#: as `subkit` turns them off (it uses none).
DRAFT_MODELS = """\
import os, sys
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
import click, yaml
from pydantic import BaseModel
from submission_kit.model.kinds.oral_statement import OralStatement
with open(sys.argv[1], encoding="utf-8") as f:
    OralStatement.model_validate(yaml.load(f, Loader=yaml.CSafeLoader))
"""
FLOOR_MARKDOWN = (
    "import click, yaml, markdown_it, mdit_py_plugins.footnote, mdit_py_plugins.front_matter; "
    "from pydantic import BaseModel"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def hyperfine(commands: dict[str, str], runs: int) -> dict[str, dict]:
    """hyperfine's results by command name: wall times of every run, and mean CPU time (user +
    system), which waiting for a busy CPU does not inflate."""
    with tempfile.NamedTemporaryFile(suffix=".json") as export:
        cmd = ["hyperfine", "-N", "--warmup", "3", "--runs", str(runs), "--export-json",
               export.name]  # fmt: skip
        for name, command in commands.items():
            cmd += ["--command-name", name, command]
        # From the repository root with it on the path: `-m submission_kit` and the models
        # script both run this checkout.
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       cwd=ROOT, env=env)  # fmt: skip
        results = json.loads(Path(export.name).read_text())["results"]
    return {r["command"]: r for r in results}


def cold(work: Path) -> dict[str, str]:
    py = sys.executable
    md = work / "loi.md"
    md.write_text(markdown_of(LOI), encoding="utf-8")
    loi_md = work / "loi-twin.md"
    subprocess.run([py, "-m", "submission_kit", "convert", str(LOI), "-o", str(loi_md)],
                   check=True, capture_output=True, cwd=ROOT)  # fmt: skip
    models = work / "draft_models.py"
    models.write_text(DRAFT_MODELS, encoding="utf-8")
    commands = {
        "floor-validate": f"{py} -c '{FLOOR_VALIDATE}'",
        "pydantic-first-model": f"{py} -c $'{FIRST_MODEL}'",
        "draft-models": f"{py} {models} {ORAL}",
        "plain-models": f"{py} {ROOT / 'benchmarks' / 'plain_models.py'} {ORAL}",
        "validate": f"{py} -m submission_kit validate {ORAL}",
        "floor-markdown": f"{py} -c '{FLOOR_MARKDOWN}'",
        "validate-loi-yaml": f"{py} -m submission_kit validate {LOI}",
        "validate-loi-md": f"{py} -m submission_kit validate {loi_md}",
        "floor-render": f"{py} -c '{FLOOR_RENDER}'",
        "render-docx": f"{py} -m submission_kit render {LOI} -o {work / 'loi.docx'} --force",
        "render-html": f"{py} -m submission_kit render {LOI} -o {work / 'loi.html'} --force",
        "pandoc": f"pandoc {md} -o {work / 'pandoc.docx'}",
    }
    # hyperfine -N runs a command without a shell; $'..' needs one, so write a file instead.
    first = work / "first_model.py"
    first.write_text(FIRST_MODEL.replace("\\n", "\n"), encoding="utf-8")
    commands["pydantic-first-model"] = f"{py} {first}"
    return commands


def interleaved(commands: dict[str, str], rounds: int) -> dict[str, float]:
    """Median CPU seconds (user + system) of each command, run in turn, one of each per round:
    a load that comes and goes on a shared machine then weighs on every command alike, which
    hyperfine's command-after-command runs cannot give."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for n in range(rounds + 1):  # the first round warms the caches and is not counted
        for name, command in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(shlex.split(command), cwd=ROOT, env=env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if n:
                cpu[name].append(
                    after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
                )
    return {name: statistics.median(v) for name, v in cpu.items()}


def warm(work: Path, saves: int) -> tuple[list[float], list[float]]:
    """Save the draft `saves` times while `subkit preview` runs; for each save, the time until
    the event with the new text arrives, and the rebuild time the preview reports."""
    draft = work / "preview.yaml"
    shutil.copy(LOI, draft)
    text = draft.read_text(encoding="utf-8")
    anchor = "would like to draw the attention"
    assert anchor in text
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "submission_kit", "preview", str(draft), "--no-open",
         "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("Previewing"):
                break
        stream = urllib.request.urlopen(f"http://127.0.0.1:{port}/events", timeout=30)

        def next_state() -> dict:
            while True:
                line = stream.readline().decode("utf-8")
                if line.startswith("data: "):
                    return json.loads(line[6:])

        next_state()  # the current state, sent on connecting
        latencies, rebuilds = [], []
        for n in range(saves):
            marker = f"would like (save {n}) to draw the attention"
            tmp = draft.with_name(".preview.yaml.tmp")
            tmp.write_text(text.replace(anchor, marker), encoding="utf-8")
            start = time.perf_counter()
            os.replace(tmp, draft)  # an editor's save: a new file renamed over the old one
            while True:
                state = next_state()
                if marker in state["page"]:
                    break
            latencies.append(time.perf_counter() - start)
            rebuilds.append(state["elapsed_ms"] / 1000)
            time.sleep(0.05)
        stream.close()
    finally:
        process.terminate()
        process.wait(timeout=20)
    return latencies, rebuilds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--saves", type=int, default=30)
    parser.add_argument(
        "--rounds",
        type=int,
        default=0,
        help="also time the cold commands in turn, this many rounds (CPU medians)",
    )
    args = parser.parse_args()
    if not shutil.which("hyperfine") or not shutil.which("pandoc"):
        sys.exit("this benchmark needs hyperfine and pandoc")
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "submission_kit")],
                   check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="subkit-bench-preview-") as tmp:
        work = Path(tmp)
        commands = cold(work)
        times = hyperfine(commands, args.runs)
        turns = interleaved(commands, args.rounds) if args.rounds else {}
        latencies, rebuilds = warm(work, args.saves)
    med = {name: statistics.median(r["times"]) * 1000 for name, r in times.items()}
    low = {name: min(r["times"]) * 1000 for name, r in times.items()}
    cpu = {name: (r["user"] + r["system"]) * 1000 for name, r in times.items()}
    print(f"load average: {os.getloadavg()[0]:.1f}; hyperfine, {args.runs} runs each")
    print(f"  {'':22s} {'wall median':>12s} {'wall min':>9s} {'CPU mean':>9s}")
    for name in times:
        print(f"  {name:22s} {med[name]:9.0f} ms {low[name]:6.0f} ms {cpu[name]:6.0f} ms")

    if turns:
        print(f"in turn, {args.rounds} rounds: CPU median (load average now "
              f"{os.getloadavg()[0]:.1f})")  # fmt: skip
        for name, seconds in turns.items():
            print(f"  {name:22s} {seconds * 1000:6.0f} ms")

    def ratio(a: str, b: str) -> str:
        text = f"wall {med[a] / med[b]:.2f}, CPU {cpu[a] / cpu[b]:.2f}"
        return text + (f", CPU in turn {turns[a] / turns[b]:.2f}" if turns else "")

    print(f"validate / floor:        {ratio('validate', 'floor-validate')}   target <= 1.3")
    print(f"  pydantic's first model / floor: {ratio('pydantic-first-model', 'floor-validate')}")
    print(f"  the draft's models alone / floor: {ratio('draft-models', 'floor-validate')}")
    print(f"  the same in plain pydantic / floor: {ratio('plain-models', 'floor-validate')}")
    print(
        f"validate .md / .yaml:    {ratio('validate-loi-md', 'validate-loi-yaml')}   target <= 1.10"
    )
    print(f"  markdown-it + plugins / floor: {ratio('floor-markdown', 'floor-validate')}")
    print(f"render docx / floor:     {ratio('render-docx', 'floor-render')}   target <= 1.5")
    print(f"render html / floor:     {ratio('render-html', 'floor-render')}")
    lat = statistics.median(latencies) * 1000
    print(
        f"preview, save -> page:   median {lat:.1f} ms, min {min(latencies) * 1000:.1f} ms "
        f"({args.saves} saves); rebuild alone median "
        f"{statistics.median(rebuilds) * 1000:.1f} ms"
    )
    print(f"preview / pandoc cold:   {lat / med['pandoc']:.2f}   target <= 0.5")


if __name__ == "__main__":
    main()
