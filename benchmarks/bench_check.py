"""Whole-process timing of `subkit check` (validate, lint, render) on 500 generated drafts.

Run from the repository root:  python benchmarks/bench_check.py [--runs 3] [--count 500]
Target (issue 5): 500 drafts in <= 20 s on the 2-core development machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ORAL = ROOT / "examples" / "kaz-ccpr-oral-statement.yaml"
LOI = ROOT / "examples" / "kaz-ccpr-list-of-issues.yaml"
STATES = ["KAZ", "UZB", "KGZ", "TJK", "TKM"]
EXTRA = (
    "Monitoring visits to the detention centre confirmed overcrowding, lack of interpreters "
    "and no access to lawyers for several weeks. "
)


def make_drafts(folder: Path, count: int) -> None:
    """Oral statements and lists of issues, from the examples: other States and sessions, and
    longer bodies in some (up to about three times the example's length)."""
    oral, loi = ORAL.read_text(encoding="utf-8"), LOI.read_text(encoding="utf-8")
    for i in range(count):
        text = oral if i % 2 == 0 else loi
        text = text.replace("state: KAZ", f"state: {STATES[i % len(STATES)]}")
        if i % 3 == 0:
            repeats = 3 + i % 25
            paragraph = "  - >-\n    " + EXTRA * repeats + "\n"
            key = "body:\n" if i % 2 == 0 else "introduction:\n"
            text = text.replace(key, key + paragraph, 1)
            # A longer statement gets the longer slot it needs (about 18 words per repeat).
            minutes = 3 + (repeats * 18) // 120 + 1
            text = text.replace("time_limit: 3 min", f"time_limit: {minutes} min")
        (folder / f"draft-{i:04d}.yaml").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--count", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        make_drafts(Path(tmp), args.count)
        cmd = [sys.executable, "-m", "submission_kit", "check", tmp]
        first = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-2000:]
        tail = first.stdout.strip().splitlines()[-1]
        assert f"in {args.count} drafts" in tail, tail
        assert f"... and {args.count} more drafts with no errors" in first.stdout, (
            "not all rendered"
        )
        assert "all rendered" in first.stdout
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run(
                cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
            )
            times.append(time.perf_counter() - start)
    print(f"cores: {os.cpu_count()}")
    print(f"last line of the report: {tail}")
    print(
        f"subkit check, {args.count} drafts (validate + lint + render): "
        f"median {statistics.median(times):.2f} s (min {min(times):.2f} s, {args.runs} runs)   target <= 20 s"
    )


if __name__ == "__main__":
    main()
