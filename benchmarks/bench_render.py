"""Whole-process timings of `subkit render`: one list of issues cold against pandoc making a DOCX
of the same content, and a batch of 200 drafts rendered in one process.

Run from the repository root:  python benchmarks/bench_render.py [--runs 15] [--count 200]
Targets (issue 3): cold render <= 1.5 x pandoc (median); batch >= 40 documents/s.
Uses hyperfine when installed (medians from its JSON export), else times subprocesses itself.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LOI = ROOT / "examples" / "kaz-ccpr-list-of-issues.yaml"
ORAL = ROOT / "examples" / "kaz-ccpr-oral-statement.yaml"
STATES = ["KAZ", "UZB", "KGZ", "TJK", "TKM"]


def markdown_of(draft: Path) -> str:
    """The list of issues as pandoc Markdown: the same words, headings, numbered paragraphs,
    bullets and footnotes (the draft's inline markup is already pandoc's)."""
    from submission_kit.validate import validate_file

    loi = validate_file(draft).submission
    meta = loi.metadata
    lines = [f"---\ntitle: {json.dumps(meta.title)}\nlang: en-GB\n---\n"]
    lines += [o.name + "\\" for o in meta.organisations]
    lines += [f"{meta.committee}, session {meta.session.number}\\", f"{meta.date}\n"]
    number = 0

    def para(text: str) -> None:
        nonlocal number
        number += 1
        lines.append(f"{number}. {' '.join(text.split())}\n")

    for p in loi.introduction:
        para(p.text)
    for issue in loi.issues:
        if issue.heading:
            lines.append(f"## {issue.heading}\n")
        if issue.title:
            lines.append(f"### {issue.title}\n")
        for p in issue.paragraphs:
            para(p.text)
            for item in p.items:
                lines.append(f"    - {' '.join(item.text.split())}")
                lines.extend(f"        - {' '.join(sub.split())}" for sub in item.items)
            lines.append("")
        for q in issue.questions:
            para(q.text)
        for r in issue.recommendations:
            para(f"**{r.text}**")
    for s in loi.sources:
        lines.append(f"[^{s.id}]: {' '.join(s.text.split())}\n")
    return "\n".join(lines)


def make_drafts(folder: Path, count: int) -> list[Path]:
    """Varied drafts of both kinds: other States, sessions, and longer bodies in some."""
    bases = [ORAL.read_text(encoding="utf-8"), LOI.read_text(encoding="utf-8")]
    paths = []
    for i in range(count):
        text = bases[i % 2].replace("state: KAZ", f"state: {STATES[i % len(STATES)]}")
        text = text.replace("number: 144", f"number: {100 + i % 50}")
        if i % 4 == 0:
            extra = (
                "  - >-\n    " + "Further evidence from monitoring visits. " * (5 + i % 20) + "\n"
            )
            text = text.replace("body:\n", "body:\n" + extra, 1)
        path = folder / f"draft-{i:04d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def hyperfine(
    commands: dict[str, str], runs: int, prepare: str | None = None
) -> dict[str, list[float]]:
    with tempfile.NamedTemporaryFile(suffix=".json") as export:
        cmd = [
            "hyperfine",
            "--warmup",
            "2",
            "--runs",
            str(runs),
            "--export-json",
            export.name,
            "-N",
        ]
        if prepare:
            cmd += ["--prepare", prepare]
        for name, command in commands.items():
            cmd += ["--command-name", name, command]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        results = json.loads(Path(export.name).read_text())["results"]
    return {r["command"]: r["times"] for r in results}


def timed(commands: dict[str, list[str]], runs: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):  # interleaved, so machine load hits every command alike
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
            )
            out[name].append(time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--count", type=int, default=200)
    args = parser.parse_args()
    py = sys.executable

    with tempfile.TemporaryDirectory(prefix="subkit-bench-") as tmp:
        work = Path(tmp)
        md = work / "loi.md"
        md.write_text(markdown_of(LOI), encoding="utf-8")
        # --force: each run overwrites the previous run's output, as a writer re-rendering does.
        render = [
            py,
            "-m",
            "submission_kit",
            "render",
            str(LOI),
            "-o",
            str(work / "loi.docx"),
            "--force",
        ]
        pandoc = ["pandoc", str(md), "-o", str(work / "pandoc.docx")]
        if shutil.which("hyperfine"):
            times = hyperfine({"subkit": " ".join(render), "pandoc": " ".join(pandoc)}, args.runs)
            tool = "hyperfine"
        else:
            times = timed({"subkit": render, "pandoc": pandoc}, args.runs)
            tool = "perf_counter"
        subkit_ms = statistics.median(times["subkit"]) * 1000
        pandoc_ms = statistics.median(times["pandoc"]) * 1000

        (work / "drafts").mkdir()
        drafts = make_drafts(work / "drafts", args.count)
        batch = [
            py,
            "-m",
            "submission_kit",
            "render",
            *map(str, drafts),
            "--out-dir",
            str(work / "out"),
            "--force",
        ]
        check = subprocess.run(batch, capture_output=True, text=True)
        assert check.returncode == 0, check.stdout[-2000:] + check.stderr[-2000:]
        batch_times = timed({"batch": batch}, max(3, args.runs // 5))["batch"]
        batch_s = statistics.median(batch_times)

    print(f"timer: {tool}, {args.runs} runs")
    print(
        f"subkit render list of issues, cold: median {subkit_ms:.0f} ms (min {min(times['subkit']) * 1000:.0f})"
    )
    print(
        f"pandoc same content md -> docx:     median {pandoc_ms:.0f} ms (min {min(times['pandoc']) * 1000:.0f})"
    )
    print(f"ratio subkit / pandoc:              {subkit_ms / pandoc_ms:.2f}   target <= 1.5")
    print(
        f"batch of {args.count} drafts, one process: median {batch_s:.2f} s = "
        f"{args.count / batch_s:.0f} documents/s   target >= 40"
    )


if __name__ == "__main__":
    main()
