"""Whole-process timings of drafts built to blow up a run, each at two sizes, so that the ratio
shows whether the time grows in proportion (about 2x per doubling) or faster.

Run from the repository root:  python benchmarks/bench_bounded.py [--scale 1]

- findings: one line citing an undefined footnote N times (`subkit validate`),
- markup: a body paragraph of N times `*a* **b** ` (`subkit render`),
- asks: a list of issues with N different questions (`subkit check --no-render`).
"""

from __future__ import annotations

import argparse
import os
import random
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ORAL = (ROOT / "examples" / "kaz-ccpr-oral-statement.yaml").read_text(encoding="utf-8")
LOI = (ROOT / "examples" / "kaz-ccpr-list-of-issues.yaml").read_text(encoding="utf-8")


def body_line(text: str) -> str:
    return ORAL.replace("body:\n  - >-\n", f'body:\n  - "{text}"\n  - >-\n', 1)


def questions(n: int) -> str:
    rng = random.Random(n)
    head, rest = LOI.split("    questions:\n", 1)
    lines = "".join(
        "      - Please provide information on "
        + " ".join("".join(rng.choices(string.ascii_lowercase, k=7)) for _ in range(9))
        + "?\n"
        for _ in range(n)
    )
    return head + "    questions:\n" + lines + rest


CASES = {
    "findings": (lambda n: body_line("Text [^nope] " * n), ["validate"], 10_000),
    "markup": (lambda n: body_line("*a* **b** " * n), ["render"], 20_000),
    "asks": (lambda n: questions(n), ["check", "--no-render", "-j", "1"], 4_000),
}


def timed(args: list[str], cwd: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "submission_kit", *args], cwd=cwd, env=env, capture_output=True
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="subkit-bounded-") as work:
        folder = Path(work)
        base = timed(["validate", str(ROOT / "examples" / "kaz-ccpr-oral-statement.yaml")], folder)
        print(f"start-up and one example validated: {base:.2f} s")
        for name, (make, command, size) in CASES.items():
            times = []
            for n in (int(size * args.scale), int(2 * size * args.scale)):
                draft = folder / f"{name}-{n}.yaml"
                draft.write_text(make(n), encoding="utf-8")
                times.append((n, draft.stat().st_size, timed([*command, str(draft)], folder)))
            (n1, b1, t1), (n2, b2, t2) = times
            print(
                f"{name:9} {' '.join(command[:2]):22} n={n1:>6} ({b1 / 1e3:>5.0f} kB) {t1:6.2f} s"
                f"   n={n2:>6} ({b2 / 1e3:>5.0f} kB) {t2:6.2f} s   ratio {t2 / t1:.2f}"
                f"   ratio less start-up {(t2 - base) / max(t1 - base, 1e-3):.2f}"
            )


if __name__ == "__main__":
    main()
