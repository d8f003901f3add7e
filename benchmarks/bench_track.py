"""Impact tracking: matcher quality on the evaluation set, and whole-process speed.

Run from the repository root:  python benchmarks/bench_track.py [--runs 7]
Targets (issue 6): on the seed 001 pairs hit@3 = 1.0, hit@1 >= 0.75, both "not
reflected" asks recognised; 100 asks against a 60-paragraph document in under 1 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EXAMPLE = ROOT / "examples" / "kaz-ccpr-oral-statement.yaml"
CO = ROOT / "examples" / "concluding-observations" / "CCPR_C_KAZ_CO_3.txt"
EVAL = ROOT / "tests" / "data" / "track_eval.yaml"


def quality() -> None:
    from submission_kit.track.evaluate import evaluate

    e = evaluate(EVAL)
    print("Seed 001 pairs:   " + e.labelled.summary())
    print(e.labelled.table())
    print("Held-out asks:    " + e.heldout.summary())
    print(e.heldout.table())


def make_inputs(folder: Path, asks: int, paragraphs: int) -> tuple[Path, Path]:
    """A 60-paragraph document (seed 004 plus extra paragraphs) and a draft with 100 asks."""
    rng = random.Random(6)
    text = CO.read_text(encoding="utf-8")
    from submission_kit.track.parse import read_text

    co = read_text(text, str(CO))
    recs = [p for p in co.paragraphs if p.kind == "recommendation"]
    last = co.paragraphs[-1].number
    extra = [
        f"{last + i + 1}. The State Party should {rng.choice(recs).text[20:400]}"
        for i in range(max(0, paragraphs - len(co.paragraphs)))
    ]
    co_path = folder / "co.txt"
    co_path.write_text(text + "\n\n" + "\n\n".join(extra) + "\n", encoding="utf-8")

    draft = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    words = " ".join(p.full_text() for p in co.paragraphs).split()
    items = []
    for i in range(asks):
        start = rng.randrange(len(words) - 40)
        items.append(
            {
                "id": f"ask-{i:03d}",
                "text": " ".join(words[start : start + rng.randint(15, 40)]),
                "articles": rng.sample([2, 7, 9, 13, 14, 19, 21, 26], 2),
            }
        )
    draft["asks"]["items"] = items
    draft_path = folder / "draft.yaml"
    draft_path.write_text(
        yaml.safe_dump(draft, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return draft_path, co_path


def timed(cmd: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
        )
        times.append(time.perf_counter() - start)
    return times


def speed(runs: int, asks: int, paragraphs: int) -> None:
    subkit = [sys.executable, "-m", "submission_kit"]
    with tempfile.TemporaryDirectory() as tmp:
        draft, co = make_inputs(Path(tmp), asks, paragraphs)
        from submission_kit.track.parse import read_concluding_observations

        n = len(read_concluding_observations(co).paragraphs)
        cmd = [*subkit, "track", str(draft), "--against", str(co), "--format", "json"]
        whole = timed(cmd, runs)
        from submission_kit.track.match import Matcher

        matcher = Matcher(read_concluding_observations(co))
        texts = [a["text"] for a in yaml.safe_load(draft.read_text())["asks"]["items"]]
        start = time.perf_counter()
        for t in texts:
            matcher.match("x", t, (7,))
        in_process = time.perf_counter() - start
        example = timed([*subkit, "track", str(EXAMPLE), "--against", str(CO)], runs)

    def ms(values: list[float]) -> str:
        return f"median {statistics.median(values) * 1000:.0f} ms (min {min(values) * 1000:.0f})"

    print(
        f"subkit track, {asks} asks vs {n} paragraphs, whole process: {ms(whole)}   target < 1000 ms"
    )
    print(f"  matching alone, in process: {in_process * 1000:.0f} ms")
    print(f"subkit track, the example (7 asks):           {ms(example)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--asks", type=int, default=100)
    parser.add_argument("--paragraphs", type=int, default=60)
    args = parser.parse_args()
    quality()
    speed(args.runs, args.asks, args.paragraphs)


if __name__ == "__main__":
    main()
