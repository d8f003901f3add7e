"""Fuzz `subkit validate`, `check` and `render` with mutants of every example draft.

Run from the repository root:

    python benchmarks/fuzz.py --count 10000 [--seed 1] [--jobs 2] [--office 5]

Each mutant is made from one example, structurally (the YAML read, a key dropped, a value
replaced by another type, a text swapped for hostile text, an item repeated, then written
back), by hostile text put into its texts (types kept, so most mutants reach the renderer),
or byte by byte (a byte flipped, inserted, deleted, a range repeated, the file cut).
The three commands run in-process through click, as a user's shell would run them, and the
script counts what must never happen:

- tracebacks (an exception other than the exit of the command),
- exit codes other than 0, 1 and 2,
- runs of one command over 10 s (a run over 60 s is stopped and counted too),
- DOCX written with exit 0 that do not open: not a zip, an XML part that does not parse,
  python-docx refusing it, or (for a sample of --office files) LibreOffice failing to
  convert it to PDF,
- inputs changed by a command that must not write them.

The mutants are deterministic for a seed. It prints one line of counts, and the first
reproducer of each kind of failure is kept in the folder given with --keep.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SLOW_SECONDS = 10.0
STOP_SECONDS = 60.0

HOSTILE_TEXTS = [
    "",
    " ",
    "x" * 20000,
    "*a* **b** " * 500,
    "[^nope] " * 300,
    "Text with # a comment sign",
    'A "quoted" word and a: colon',
    "Control \x01 \x0b \x0c \x1b character",
    "\ufffe\uffff",
    "Right-to-left \u202e override and zero\u200bwidth",
    "😀 emoji and combining e\u0301",
    "{{ jinja }} {% raw %}",
    "<w:p>xml</w:p> & < >",
    "1. Typed number",
    "TODO(speaker)",
    "\\u0000 literal escape",
    "line\nbreaks\n\nand\tTabs",
    "9" * 5000,
]
HOSTILE_VALUES: list[Any] = [
    None, 0, -1, 10**30, 3.5, float("inf"), True, [], {}, [None], {"a": None},
    "2026-02-30", "KZA", "CCPR", "zz", ["x"] * 50,
]  # fmt: skip


def _paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _paths(v, (*prefix, i))
    return out


def _get(data: Any, path: tuple) -> Any:
    for p in path:
        data = data[p]
    return data


def structural(text: str, rng: random.Random) -> str:
    import yaml

    data = yaml.safe_load(text)
    for _ in range(rng.randint(1, 3)):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = rng.choice(paths)
        parent = _get(data, path[:-1])
        key = path[-1]
        action = rng.random()
        if action < 0.2 and isinstance(parent, dict):
            del parent[key]
        elif action < 0.45:
            parent[key] = rng.choice(HOSTILE_TEXTS)
        elif action < 0.65:
            parent[key] = rng.choice(HOSTILE_VALUES)
        elif action < 0.8 and isinstance(parent, list):
            parent.insert(key, parent[key])
        elif action < 0.9 and isinstance(parent, dict):
            parent[rng.choice(["extra", "kind", "asks", "sources", "sppeaker"])] = parent[key]
        else:
            value = parent[key]
            if isinstance(value, str) and value:
                cut = rng.randrange(len(value))
                parent[key] = value[:cut] + rng.choice(HOSTILE_TEXTS) + value[cut:]
    try:
        return yaml.safe_dump(
            data, allow_unicode=True, sort_keys=False, width=rng.choice([80, 10**6])
        )
    except (yaml.YAMLError, ValueError, OverflowError):
        return text


def textual(text: str, rng: random.Random) -> str:
    """Hostile text put into one to three of the draft's texts; types and keys stay as they are,
    so most of these mutants still validate and reach the renderer."""
    import yaml

    data = yaml.safe_load(text)
    texts = [p for p in _paths(data) if p and isinstance(_get(data, p), str)]
    for path in rng.sample(texts, min(len(texts), rng.randint(1, 3))):
        parent, key = _get(data, path[:-1]), path[-1]
        value = parent[key]
        cut = rng.randrange(len(value) + 1)
        piece = rng.choice(HOSTILE_TEXTS[1:])
        parent[key] = value[:cut] + piece[: rng.choice([20, 200, 20000])] + value[cut:]
    try:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=80)
    except (yaml.YAMLError, ValueError):
        return text


def bytewise(raw: bytes, rng: random.Random) -> bytes:
    data = bytearray(raw)
    for _ in range(rng.randint(1, 8)):
        if not data:
            break
        at = rng.randrange(len(data))
        action = rng.random()
        if action < 0.3:
            data[at] = rng.randrange(256)
        elif action < 0.5:
            data[at:at] = bytes([rng.choice([0, 9, 10, 13, 0x22, 0x27, 0x23, 0x3A, 0x2D, 0x5B,
                                             0x7B, 0x26, 0x2A, 0x21, 0x7C, 0x3E, 0xA0, 0xC3,
                                             0xE2, 0xFF, rng.randrange(256)])])  # fmt: skip
        elif action < 0.7:
            del data[at : at + rng.randint(1, 40)]
        elif action < 0.85:
            end = min(len(data), at + rng.randint(1, 200))
            data[at:at] = data[at:end] * rng.randint(1, 3)
        else:
            data = data[:at]
    return bytes(data)


def mutant(examples: list[Path], index: int, seed: int) -> tuple[str, bytes]:
    rng = random.Random(f"{seed}:{index}")
    example = examples[index % len(examples)]
    raw = example.read_bytes()
    kind = index % 3
    if kind == 0:
        return f"{example.name}#structural{index}", structural(raw.decode("utf-8"), rng).encode()
    if kind == 1:
        return f"{example.name}#text{index}", textual(raw.decode("utf-8"), rng).encode()
    return f"{example.name}#bytes{index}", bytewise(raw, rng)


class Stopped(Exception):
    pass


def _stop(signum: int, frame: Any) -> None:
    raise Stopped


def run_command(args: list[str]) -> tuple[int | None, str, float]:
    """Exit code (None: a traceback), the traceback text, and the seconds taken."""
    from click.testing import CliRunner

    from submission_kit.cli import cli

    start = time.perf_counter()
    signal.signal(signal.SIGALRM, _stop)
    signal.setitimer(signal.ITIMER_REAL, STOP_SECONDS)
    try:
        result = CliRunner().invoke(cli, args, catch_exceptions=True)
    except Stopped:
        return -1, "stopped after 60 s", time.perf_counter() - start
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    took = time.perf_counter() - start
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        if isinstance(exc, Stopped):
            return -1, "stopped after 60 s", took
        return None, "".join(traceback.format_exception(exc)), took
    return result.exit_code, "", took


def docx_problem(path: Path) -> str:
    """Why the DOCX at `path` does not open, or ''."""
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as z:
            bad = z.testzip()
            if bad:
                return f"corrupt zip member {bad}"
            for name in z.namelist():
                if name.endswith((".xml", ".rels")):
                    etree.fromstring(z.read(name))
    except (zipfile.BadZipFile, etree.XMLSyntaxError, OSError) as exc:
        return f"{type(exc).__name__}: {exc}"
    try:
        import docx

        docx.Document(str(path))
    except Exception as exc:  # any refusal by python-docx
        return f"python-docx: {type(exc).__name__}: {exc}"
    return ""


def check_one(task: tuple[int, int, list[str]]) -> dict[str, Any]:
    index, seed, names = task
    examples = [Path(n) for n in names]
    label, data = mutant(examples, index, seed)
    found: dict[str, Any] = {"label": label, "failures": [], "docx": None, "slow": 0}
    with tempfile.TemporaryDirectory(prefix="subkit-fuzz-") as work:
        draft = Path(work, "draft.yaml")
        draft.write_bytes(data)
        before = hashlib.sha256(data).hexdigest()
        out = Path(work, "out.docx")
        for command in (["validate", str(draft)], ["check", "-j", "1", str(draft)],
                        ["render", str(draft), "-o", str(out)]):  # fmt: skip
            code, trace, took = run_command(command)
            name = command[0]
            if took > SLOW_SECONDS:
                found["failures"].append(("slow", name, f"{took:.1f} s"))
            if code is None:
                found["failures"].append(("traceback", name, trace))
            elif code == -1:
                found["failures"].append(("stopped", name, trace))
            elif code not in (0, 1, 2):
                found["failures"].append(("exit code", name, str(code)))
            if hashlib.sha256(draft.read_bytes()).hexdigest() != before:
                found["failures"].append(("changed input", name, ""))
                draft.write_bytes(data)
            if name == "render" and code == 0:
                problem = docx_problem(out)
                if problem:
                    found["failures"].append(("bad docx", name, problem))
                else:
                    found["docx"] = out.read_bytes()
    found["data"] = data
    return found


def _signature(trace: str) -> str:
    """Where a traceback was raised in the kit, and its exception type: one line per cause."""
    frames = re.findall(r'File "([^"]*submission_kit/[^"]*)", line (\d+)', trace)
    last = trace.strip().splitlines()[-1] if trace.strip() else "?"
    where = f"{frames[-1][0].split('submission_kit/')[-1]}:{frames[-1][1]}" if frames else "?"
    return f"{where} {last.split(':')[0]}"


def office_problems(docx_files: list[bytes]) -> tuple[int, int]:
    """How many of the sample LibreOffice converted, and how many it failed on."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or not docx_files:
        return 0, 0
    bad = 0
    with tempfile.TemporaryDirectory(prefix="subkit-fuzz-office-") as work:
        for i, data in enumerate(docx_files):
            path = Path(work, f"sample{i}.docx")
            path.write_bytes(data)
            done = subprocess.run(
                [soffice, f"-env:UserInstallation=file://{work}/profile", "--headless",
                 "--convert-to", "pdf", "--outdir", work, str(path)],
                capture_output=True, timeout=180, check=False,
            )  # fmt: skip
            if done.returncode != 0 or not path.with_suffix(".pdf").exists():
                bad += 1
    return len(docx_files), bad


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--office", type=int, default=5, help="DOCX converted by LibreOffice")
    parser.add_argument("--keep", type=Path, default=None, help="folder for reproducers")
    args = parser.parse_args()
    examples = sorted(str(p) for p in (ROOT / "examples").glob("*.yaml"))
    tasks = [(i, args.seed, examples) for i in range(args.count)]
    counts: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    renders = 0
    sample: list[bytes] = []
    kept: set[str] = set()
    start = time.perf_counter()
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(args.jobs, maxtasksperchild=200) as pool:
        for n, found in enumerate(pool.imap_unordered(check_one, tasks, chunksize=4), 1):
            if found["docx"] is not None:
                renders += 1
                if len(sample) < args.office and renders % 50 == 1:
                    sample.append(found["docx"])
            for kind, command, detail in found["failures"]:
                counts[kind] += 1
                if kind == "traceback":
                    kinds[f"{command}: {_signature(detail)}"] += 1
                if args.keep and kind not in kept:
                    kept.add(kind)
                    args.keep.mkdir(parents=True, exist_ok=True)
                    stem = kind.replace(" ", "-")
                    (args.keep / f"{stem}.yaml").write_bytes(found["data"])
                    (args.keep / f"{stem}.txt").write_text(
                        f"{found['label']} {command}\n{detail}", encoding="utf-8"
                    )
            if n % 500 == 0:
                print(f"{n} drafts, {dict(counts)}", file=sys.stderr, flush=True)
    converted, office_bad = office_problems(sample)
    counts["libreoffice failed"] += office_bad
    summary = {
        "drafts": args.count,
        "seed": args.seed,
        "rendered (exit 0)": renders,
        "libreoffice sample": converted,
        "seconds": round(time.perf_counter() - start),
        **{k: counts.get(k, 0) for k in ("traceback", "exit code", "slow", "stopped",
                                           "bad docx", "libreoffice failed", "changed input")},
    }  # fmt: skip
    for kind, n in kinds.most_common(10):
        print(f"{n:6} x {kind}", file=sys.stderr)
    print(json.dumps(summary))
    return 1 if any(summary[k] for k in list(summary)[5:]) else 0


if __name__ == "__main__":
    raise SystemExit(main())
