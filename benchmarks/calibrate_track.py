"""Choose the verdict thresholds of `subkit track` by leave-one-set-out cross-validation.

    python benchmarks/calibrate_track.py [--benchmark ../shared/benchmarks/track] [--semantic]

Reads the public impact-tracking benchmark outside the repository (upr-matcher's gold
labels: Costa Rica 2024, Bangladesh 2023, Papua New Guinea 2021) through its own
`evaluate.py`, plus the seed pairs inside it (tests/data/track_eval.yaml: seed 001 against
seed 004, and the held-out asks); skips with a message when the benchmark is not there.

For each set in turn, everything is fitted on the *other* sets and scored on it:
- with --semantic, first the blend (`BLENDS` of match.py, for the model installed;
  SUBKIT_SEMANTIC_MODEL picks one when both are) from a
  small grid, the one with the best mean reciprocal rank over the other sets' asks;
- then the thresholds:
- "unclear" (below it: not reflected) maximises the smaller of two shares, "direct gold
  links scoring at least t" and "asks with no gold link whose best score is below t" (the
  two targets of the issue: at most 20% of the first called not reflected, at least 80%
  of the second), ties to the lower t;
- "partly" is the lowest score that no ask without a gold link reaches: an impact claim
  (partly or taken up) is made only above every score such an ask reached;
- "taken up" is the median score of the direct gold links, and at least "partly" + 0.05.
The shipped blend and thresholds are fitted on all sets; the held-out figures estimate how
they generalise. Results are written up in docs/tracking.md.
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


Scores = tuple[list[float], list[float], list[float]]


def benchmark_scores(ev, spanish: bool = False) -> dict[str, Scores]:  # noqa: ANN001
    """Per set: (scores of the direct gold links, best scores of the asks without gold,
    reciprocal ranks of the asks with gold); `spanish`: the Spanish asks' set alone."""
    with contextlib.redirect_stderr(io.StringIO()):
        system = ev.ProjectSystem(ROOT)
    out = {}
    for es in ev.all_sets():
        if es.project_scope == spanish:
            continue
        results = ev.run_set(system, es)["results"]
        direct = [r.fused.get(t, 0.0) for r in results for t in r.query.direct]
        negative = [r.top_score for r in results if not r.query.relevant]
        rr = [1 / r.first_rank() if r.first_rank() else 0.0 for r in results if r.query.relevant]
        out[es.name.split("/")[0]] = (direct, negative, rr)
    return out


def seed_scores(semantic: bool) -> Scores:
    from submission_kit.track.evaluate import load_cases
    from submission_kit.track.match import Matcher
    from submission_kit.track.parse import read_concluding_observations

    _, against, labelled, heldout = load_cases(ROOT / "tests" / "data" / "track_eval.yaml")
    matcher = Matcher(read_concluding_observations(against), semantic=semantic)
    direct, negative, rr = [], [], []
    for case in labelled + heldout:
        ranked = matcher.rank(case.text, case.articles, top=len(matcher.units))
        if case.expected is None:
            negative.append(ranked[0].score if ranked else 0.0)
        else:
            direct.append(next((c.score for c in ranked if c.label == case.expected), 0.0))
            labels = [c.label for c in ranked[:10]]
            rr.append(1 / (labels.index(case.expected) + 1) if case.expected in labels else 0.0)
    return direct, negative, rr


#: The blends tried with --semantic: (LEXICAL_SHARE, SEM_FLOOR, SEM_CEIL).
BLENDS = [
    (share, floor, ceil)
    for share in (0.2, 0.3, 0.4, 0.5, 0.6)
    for floor in (0.0, 0.1, 0.2, 0.3)
    for ceil in (0.6, 0.7, 0.8, 0.9)
]


def all_scores(ev, semantic: bool, blend: tuple[float, float, float] | None) -> dict[str, Scores]:  # noqa: ANN001
    """Every set's scores with the given blend (None: the shipped one)."""
    if blend is not None:
        set_blend(blend)
    sets = benchmark_scores(ev)
    sets["seed_kaz_ccpr"] = seed_scores(semantic)
    return sets


def model_key() -> str:
    from submission_kit.track import semantic

    return getattr(semantic.available(), "key", "minilm")


def set_blend(blend: tuple[float, float, float]) -> None:
    from submission_kit.track import match

    match.BLENDS[model_key()] = blend


def mean_rr(sets: list[Scores]) -> float:
    rr = [x for _, _, r in sets for x in r]
    return sum(rr) / len(rr) if rr else 0.0


def fit(sets: list[Scores]) -> dict[str, float]:
    direct = [x for d, _, _ in sets for x in d]
    negative = [x for _, n, _ in sets for x in n]
    grid = [i / 100 for i in range(5, 90)]

    def worst(t: float) -> float:
        a = sum(x >= t for x in direct) / len(direct)
        b = sum(x < t for x in negative) / len(negative) if negative else 1.0
        return min(a, b)

    unclear = max(grid, key=lambda t: (worst(t), -t))
    partly = next((t for t in grid if all(x < t for x in negative)), grid[-1])
    partly = max(partly, unclear + 0.02)
    taken = max(statistics.median(direct), partly + 0.05)
    return {"taken up": round(taken, 2), "partly": round(partly, 2), "unclear": round(unclear, 2)}


def shares(t: dict[str, float], direct: list[float], negative: list[float]) -> str:
    d_nr = sum(x < t["unclear"] for x in direct) / len(direct) if direct else float("nan")
    d_tk = sum(x >= t["taken up"] for x in direct) / len(direct) if direct else float("nan")
    n_nr = sum(x < t["unclear"] for x in negative) / len(negative) if negative else float("nan")
    n_cl = sum(x >= t["partly"] for x in negative)
    return (
        f"direct links not reflected {d_nr:.2f} (taken up {d_tk:.2f}) of {len(direct)}; "
        f"no-gold asks not reflected {n_nr:.2f} of {len(negative)} (claimed as impact: {n_cl})"
    )


def memo_embeddings() -> None:
    """Every blend of the grid embeds the same texts: each text is embedded once here (the
    vectors do not depend on the blend), so the grid takes minutes, not an hour."""
    from submission_kit.track import semantic

    model = semantic.available()
    if model is None:
        return
    import numpy as np

    embed = model.embed
    seen: dict[str, object] = {}

    def memo(texts: list[str]):  # noqa: ANN202
        todo = [t for t in dict.fromkeys(texts) if t not in seen]
        if todo:
            seen.update(zip(todo, embed(todo), strict=True))
        return np.array([seen[t] for t in texts], dtype="float32").reshape(len(texts), -1)

    model.embed = memo  # type: ignore[method-assign]


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
    if args.semantic:
        memo_embeddings()
    ev = load_evaluator(args.benchmark)
    from submission_kit.track import match

    shipped = match.BLENDS[model_key()]
    blends = BLENDS if args.semantic else [shipped]
    by_blend = {b: all_scores(ev, args.semantic, b) for b in blends}
    names = list(by_blend[blends[0]])
    print(f"matcher: {'lexical + semantic (' + model_key() + ')' if args.semantic else 'lexical'}")
    print("leave-one-set-out (fitted on the other sets, scored on the named one):")
    held_direct = held_negative = held_claims = 0
    held_rr: list[float] = []
    for name in names:
        others = [n for n in names if n != name]
        b = max(blends, key=lambda b: (mean_rr([by_blend[b][n] for n in others]), -b[0]))
        sets = by_blend[b]
        t = fit([sets[n] for n in others])
        d, n_, rr = sets[name]
        held_direct += sum(x < t["unclear"] for x in d)
        held_negative += sum(x < t["unclear"] for x in n_)
        held_claims += sum(x >= t["partly"] for x in n_)
        held_rr += rr
        blend = f"blend {b}, " if args.semantic else ""
        mrr = f"MRR {sum(rr) / len(rr):.2f} of {len(rr)}; " if rr else ""
        print(f"  {name:24} {blend}thresholds {t}: {mrr}{shares(t, d, n_)}")
    pooled_direct = [x for n in names for x in by_blend[blends[0]][n][0]]
    pooled_negative = [x for n in names for x in by_blend[blends[0]][n][1]]
    print(
        f"  held-out, pooled: MRR {sum(held_rr) / len(held_rr):.2f}; direct links not reflected "
        f"{held_direct / len(pooled_direct):.2f}; no-gold asks not reflected "
        f"{held_negative / len(pooled_negative):.2f} ({held_negative} of {len(pooled_negative)}; "
        f"claimed as impact: {held_claims})"
    )
    best = max(blends, key=lambda b: (mean_rr(list(by_blend[b].values())), -b[0]))
    final = fit(list(by_blend[best].values()))
    d_all = [x for v in by_blend[best].values() for x in v[0]]
    n_all = [x for v in by_blend[best].values() for x in v[1]]
    if args.semantic:
        print(f"blend fitted on all sets (shipped): BLENDS[{model_key()!r}] = {best}")
    print(f"thresholds fitted on all sets (shipped): {final}: {shares(final, d_all, n_all)}")
    set_blend(best)
    spanish = benchmark_scores(ev, spanish=True)
    for name, (_, _, rr) in spanish.items():
        print(f"Spanish asks ({name}, not used for fitting): MRR {sum(rr) / len(rr):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
