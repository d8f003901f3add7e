"""Choose the verdict thresholds of `subkit track` by leave-one-set-out cross-validation.

    python benchmarks/calibrate_track.py [--benchmark ../shared/benchmarks/track] [--semantic]

Reads the public impact-tracking benchmark outside the repository (upr-matcher's gold
labels: Costa Rica 2024, Bangladesh 2023, Papua New Guinea 2021) through its own
`evaluate.py`, plus the seed pairs inside it (tests/data/track_eval.yaml: seed 001 against
seed 004, and the held-out asks); skips with a message when the benchmark is not there.

For each set in turn, thresholds are fitted on the *other* sets and scored on it:
- "unclear" (below it: not reflected) maximises the smaller of two shares, "direct gold
  links scoring at least t" and "asks with no gold link whose best score is below t" (the
  two targets of the issue: at most 20% of the first called not reflected, at least 80%
  of the second), ties to the lower t;
- "partly" is the lowest score that at most 10% of the no-gold asks reach;
- "taken up" is the median score of the direct gold links, and at least "partly" + 0.05.
The shipped thresholds are fitted on all sets; the held-out figures estimate how they
generalise. Results are written up in docs/tracking.md.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def load_evaluator(folder: Path):  # noqa: ANN201 - a module loaded from outside the repository
    spec = importlib.util.spec_from_file_location("track_benchmark", folder / "evaluate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["track_benchmark"] = module
    spec.loader.exec_module(module)
    return module


def benchmark_scores(ev) -> dict[str, tuple[list[float], list[float]]]:  # noqa: ANN001
    """Per set: (scores of the direct gold links, best scores of the asks without gold)."""
    with contextlib.redirect_stderr(io.StringIO()):
        system = ev.ProjectSystem(ROOT)
    out = {}
    for es in ev.all_sets():
        if not es.project_scope:
            continue
        results = ev.run_set(system, es)["results"]
        direct = [r.fused.get(t, 0.0) for r in results for t in r.query.direct]
        negative = [r.top_score for r in results if not r.query.relevant]
        out[es.name.split("/")[0]] = (direct, negative)
    return out


def seed_scores(semantic: bool) -> tuple[list[float], list[float]]:
    from submission_kit.track.evaluate import load_cases
    from submission_kit.track.match import Matcher
    from submission_kit.track.parse import read_concluding_observations

    _, against, labelled, heldout = load_cases(ROOT / "tests" / "data" / "track_eval.yaml")
    matcher = Matcher(read_concluding_observations(against), semantic=semantic)
    direct, negative = [], []
    for case in labelled + heldout:
        ranked = matcher.rank(case.text, case.articles, top=len(matcher.units))
        if case.expected is None:
            negative.append(ranked[0].score if ranked else 0.0)
        else:
            direct.append(next((c.score for c in ranked if c.label == case.expected), 0.0))
    return direct, negative


def fit(sets: list[tuple[list[float], list[float]]]) -> dict[str, float]:
    direct = [x for d, _ in sets for x in d]
    negative = [x for _, n in sets for x in n]
    grid = [i / 100 for i in range(5, 90)]

    def worst(t: float) -> float:
        a = sum(x >= t for x in direct) / len(direct)
        b = sum(x < t for x in negative) / len(negative) if negative else 1.0
        return min(a, b)

    unclear = max(grid, key=lambda t: (worst(t), -t))
    partly = next(
        (t for t in grid if sum(x >= t for x in negative) <= 0.1 * len(negative)), grid[-1]
    )
    partly = max(partly, unclear + 0.02)
    taken = max(statistics.median(direct), partly + 0.05)
    return {"taken up": round(taken, 2), "partly": round(partly, 2), "unclear": round(unclear, 2)}


def shares(t: dict[str, float], direct: list[float], negative: list[float]) -> str:
    d_nr = sum(x < t["unclear"] for x in direct) / len(direct) if direct else float("nan")
    d_tk = sum(x >= t["taken up"] for x in direct) / len(direct) if direct else float("nan")
    n_nr = sum(x < t["unclear"] for x in negative) / len(negative) if negative else float("nan")
    return (
        f"direct links not reflected {d_nr:.2f} (taken up {d_tk:.2f}) of {len(direct)}; "
        f"no-gold asks not reflected {n_nr:.2f} of {len(negative)}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--benchmark", type=Path, default=ROOT.parent.parent / "shared" / "benchmarks" / "track"
    )
    parser.add_argument("--semantic", action="store_true", help="calibrate the blended matcher")
    args = parser.parse_args()
    if not (args.benchmark / "evaluate.py").is_file():
        print(f"skipped: no impact-tracking benchmark at {args.benchmark}")
        return 0
    os.environ["SUBKIT_SEMANTIC"] = "1" if args.semantic else "0"
    ev = load_evaluator(args.benchmark)
    sets = benchmark_scores(ev)
    sets["seed_kaz_ccpr"] = seed_scores(args.semantic)
    print(f"matcher: {'lexical + semantic' if args.semantic else 'lexical'}")
    print("leave-one-set-out (fitted on the other sets, scored on the named one):")
    for name in sets:
        t = fit([v for k, v in sets.items() if k != name])
        print(f"  {name:24} thresholds {t}: {shares(t, *sets[name])}")
    pooled_direct = [x for d, _ in sets.values() for x in d]
    pooled_negative = [x for _, n in sets.values() for x in n]
    held = []
    for name in sets:
        t = fit([v for k, v in sets.items() if k != name])
        held.append((t, sets[name]))
    d_nr = sum(sum(x < t["unclear"] for x in d) for t, (d, _) in held) / len(pooled_direct)
    n_nr = sum(sum(x < t["unclear"] for x in n) for t, (_, n) in held) / len(pooled_negative)
    print(
        f"  held-out, pooled: direct links not reflected {d_nr:.2f}; no-gold asks not "
        f"reflected {n_nr:.2f}"
    )
    final = fit(list(sets.values()))
    print(f"fitted on all sets (shipped): {final}: {shares(final, pooled_direct, pooled_negative)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
