"""Whole-process timings of `subkit validate`: one draft cold, and a folder of 1,000 drafts.

Run from the repository root:  python benchmarks/bench_validate.py [--runs 15]
Targets (issue 2): one draft cold <= 150 ms median; 1,000 drafts <= 3 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kaz-ccpr-oral-statement.yaml"
STATES = ["KAZ", "UZB", "KGZ", "TJK", "TKM"]


def timed(cmd: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
        )
        times.append(time.perf_counter() - start)
    return times


def make_drafts(folder: Path, count: int) -> None:
    """Varied drafts: other States, sessions and dates, more body paragraphs in some."""
    base = EXAMPLE.read_text(encoding="utf-8")
    for i in range(count):
        text = base.replace("state: KAZ", f"state: {STATES[i % len(STATES)]}")
        text = text.replace("number: 144", f"number: {100 + i % 50}")
        if i % 3 == 0:
            extra = (
                "  - >-\n    " + "Further evidence from monitoring visits. " * (5 + i % 20) + "\n"
            )
            text = text.replace("body:\n", "body:\n" + extra, 1)
        (folder / f"draft-{i:04d}.yaml").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    subkit = [sys.executable, "-m", "submission_kit"]

    baseline = timed([sys.executable, "-c", "pass"], args.runs)
    one = timed([*subkit, "validate", str(EXAMPLE)], args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        make_drafts(Path(tmp), args.count)
        check = subprocess.run([*subkit, "validate", tmp], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout[-2000:]
        many = timed([*subkit, "validate", tmp], max(3, args.runs // 5))

    def ms(values: list[float]) -> str:
        return f"median {statistics.median(values) * 1000:.0f} ms (min {min(values) * 1000:.0f})"

    print(f"python -c pass (interpreter start-up): {ms(baseline)}")
    print(f"subkit validate, one draft, cold:       {ms(one)}   target <= 150 ms")
    print(f"subkit validate, {args.count} drafts:          {ms(many)}   target <= 3000 ms")


if __name__ == "__main__":
    main()
