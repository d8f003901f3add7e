"""Choose the verdict thresholds of `subkit track` by leave-one-set-out cross-validation.

    python benchmarks/calibrate_track.py [--benchmark ../shared/benchmarks/track] [--semantic]
                                          [--features]

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

--features asks whether a verdict score built from more than the (blended) score does
better, held out the same way: for each set of candidate features (`FEATURE_SETS`) a
logistic model (`fit_logistic`, a handful of coefficients) is fitted on the other sets, its
value replaces the score, "unclear" is fitted on it as above, and the held-out set is
scored; two ways, (1) as evaluate.py counts (every direct gold link, whatever its rank,
against the best score of each ask without gold), and (2) on the verdict the report prints,
the one on an ask's best candidate (best candidates that are gold links against those of
asks without gold). The blend stays the shipped one.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import math
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


# --------------------------------------------------------------------------- --features

#: What is known of a candidate, as `candidate_rows` gives it: its (blended) score, the
#: lexical score, the model's cosine, words of distinct shared terms (what MIN_SHARED_TERMS
#: counts), its rank among the ask's candidates, the margin to the ask's best, its lift over
#: the mean of the ask's ten best, the ask's best minus its second (one value per ask),
#: whether the ask's subject is missing from it (SUBJECT_CAP), and the ask's count of terms.
FEATURES = {
    "score": lambda r: r["score"],
    "lexical": lambda r: r["lexical"],
    "cosine": lambda r: r["cosine"],
    "evidence": lambda r: min(r["evidence"], 4) / 4,
    "log rank": lambda r: math.log(r["rank"]),
    "margin": lambda r: r["best"] - r["score"],
    "lift": lambda r: r["score"] - r["mean10"],
    "lift over 3": lambda r: r["score"] - r["mean3"],
    "lift over 5": lambda r: r["score"] - r["mean5"],
    "lift over 20": lambda r: r["score"] - r["mean20"],
    "ask gap": lambda r: r["best"] - r["second"],
    "no subject": lambda r: float(r["no_subject"]),
    "ask terms": lambda r: float(r["ask_terms"]),
}
#: The feature sets tried (each a logistic model over them).
FEATURE_SETS = [
    ("score",),
    ("score", "lexical", "cosine"),
    ("lexical", "cosine"),
    ("score", "log rank"),
    ("score", "margin"),
    ("score", "evidence"),
    ("score", "no subject"),
    ("score", "ask terms"),
    ("score", "ask gap"),
    ("score", "lift"),
    ("lexical", "cosine", "evidence", "log rank", "lift", "no subject"),
    # How much the lift depends on the ten it is taken over.
    ("score", "lift over 3"),
    ("score", "lift over 5"),
    ("score", "lift over 20"),
]

Row = dict[str, float]
#: Per set: its sources, each (asks as lists of candidate rows best first, relevant target
#: ids, direct target ids).
Source = tuple[list[list[Row]], set[str], list[str]]


def candidate_rows(matcher, text: str, articles=(), language=None, ids=None) -> list[Row]:  # noqa: ANN001
    """Every candidate of one ask, best first, with the features `FEATURES` reads."""
    from submission_kit.track.match import _evidence

    ranked = matcher.rank(text, articles, top=len(matcher.units), language=language)
    subject = matcher._subject_key
    units = {u.label: u for u in matcher.units}
    n_terms = len(matcher._ask_terms(text, language))
    scores = [c.score for c in ranked]
    means = {
        f"mean{k}": sum(scores[:k]) / min(k, len(scores)) if scores else 0.0 for k in (3, 5, 10, 20)
    }
    rows = []
    for rank, c in enumerate(ranked, 1):
        u = units[c.label]
        rows.append(
            {
                "label": ids[c.label] if ids else c.label,
                "score": c.score,
                "lexical": c.lexical,
                "cosine": c.semantic or 0.0,
                "evidence": _evidence(c),
                "rank": rank,
                "best": scores[0],
                "second": scores[1] if len(scores) > 1 else 0.0,
                **means,
                "no_subject": bool(subject and subject not in u.own and subject not in u.context),
                "ask_terms": n_terms,
            }
        )
    return rows


def feature_sets(ev, semantic: bool) -> dict[str, list[Source]]:  # noqa: ANN001
    """The four sets' candidate rows, and the Spanish asks' (under "spanish")."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from track_adapter import Tracker

    from submission_kit.track.evaluate import load_cases
    from submission_kit.track.match import Matcher
    from submission_kit.track.parse import read_concluding_observations

    out: dict[str, list[Source]] = {}
    for es in ev.all_sets():
        tracker = Tracker(list(es.targets), "en")
        sources = []
        for q in es.queries:
            asks = [candidate_rows(tracker.matcher, a, (), q.lang, tracker.ids) for a in q.asks]
            sources.append((asks, set(q.relevant), list(q.direct)))
        out["spanish" if not es.project_scope else es.name.split("/")[0]] = sources
    _, against, labelled, heldout = load_cases(ROOT / "tests" / "data" / "track_eval.yaml")
    matcher = Matcher(read_concluding_observations(against), semantic=semantic)
    out["seed_kaz_ccpr"] = [
        (
            [candidate_rows(matcher, case.text, case.articles)],
            {case.expected} if case.expected else set(),
            [case.expected] if case.expected else [],
        )
        for case in labelled + heldout
    ]
    return out


def fit_logistic(
    x: list[list[float]], y: list[int], l2: float = 1.0, iterations: int = 30
) -> tuple[float, list[float]]:
    """Intercept and coefficients of a logistic model (Newton's method, features standardised,
    L2 penalty `l2` on all but the intercept, the two classes weighed equally), pure Python."""
    k = len(x[0])
    mu = [statistics.fmean(r[j] for r in x) for j in range(k)]
    sd = [statistics.pstdev([r[j] for r in x]) or 1.0 for j in range(k)]
    z = [[1.0] + [(r[j] - mu[j]) / sd[j] for j in range(k)] for r in x]
    n_pos = sum(y)
    weight = [len(y) / (2 * n_pos) if t else len(y) / (2 * (len(y) - n_pos)) for t in y]
    w = [0.0] * (k + 1)
    for _ in range(iterations):
        grad = [0.0] * (k + 1)
        hess = [[0.0] * (k + 1) for _ in range(k + 1)]
        for zi, t, c in zip(z, y, weight, strict=True):
            p = 1 / (1 + math.exp(-sum(a * b for a, b in zip(w, zi, strict=True))))
            for i in range(k + 1):
                grad[i] += c * (p - t) * zi[i]
                for j in range(k + 1):
                    hess[i][j] += c * p * (1 - p) * zi[i] * zi[j]
        for i in range(1, k + 1):
            grad[i] += l2 * w[i]
            hess[i][i] += l2
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step, strict=True)]
    coef = [w[j + 1] / sd[j] for j in range(k)]
    return w[0] - sum(c * m for c, m in zip(coef, mu, strict=True)), coef


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """x with a x = b (Gauss-Jordan with partial pivoting; `a` is positive definite here)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for i in range(n):
        pivot = max(range(i, n), key=lambda r: abs(m[r][i]))
        m[i], m[pivot] = m[pivot], m[i]
        for r in range(n):
            if r != i:
                f = m[r][i] / m[i][i]
                m[r] = [u - f * v for u, v in zip(m[r], m[i], strict=True)]
    return [m[i][n] / m[i][i] for i in range(n)]


def _fused(asks: list[list[Row]], value) -> dict[str, float]:  # noqa: ANN001
    """A source's value per target, the best over its asks (as evaluate.py fuses a block)."""
    out: dict[str, float] = {}
    for rows in asks:
        for r in rows:
            v = value(r)
            if v > out.get(r["label"], -1.0):
                out[r["label"]] = v
    return out


def _best_row(asks: list[list[Row]]) -> Row | None:
    return max((rows[0] for rows in asks if rows), key=lambda r: r["score"], default=None)


def pair_values(sources: list[Source], value):  # noqa: ANN001, ANN201
    """(values of the direct links, best value of each source without gold, reciprocal ranks,
    hit@3 of the sources with gold), ranking each source by `value` as evaluate.py does."""
    direct, negative, rr, hit3 = [], [], [], []
    for asks, relevant, links in sources:
        fused = _fused(asks, value)
        ranking = sorted(fused, key=lambda t: -fused[t])
        if relevant:
            first = next((i for i, t in enumerate(ranking[:10], 1) if t in relevant), None)
            rr.append(1 / first if first else 0.0)
            hit3.append(any(t in relevant for t in ranking[:3]))
        elif ranking:
            negative.append(fused[ranking[0]])
        direct += [fused.get(t, 0.0) for t in links]
    return direct, negative, rr, hit3


def best_values(sources: list[Source], value):  # noqa: ANN001, ANN201
    """(values of best candidates that are gold links, of best candidates of sources without
    gold): the verdict the report prints is the one on an ask's best candidate."""
    good, negative = [], []
    for asks, relevant, _ in sources:
        row = _best_row(asks)
        if row is None:
            continue
        if not relevant:
            negative.append(value(row))
        elif row["label"] in relevant:
            good.append(value(row))
    return good, negative


def fit_unclear(positive: list[float], negative: list[float]) -> float:
    """The "unclear" rule of `fit`, on any scale: maximise the smaller of the two shares."""
    cuts = sorted(set(positive) | set(negative))
    grid = [(a + b) / 2 for a, b in zip(cuts, cuts[1:], strict=False)] or [0.5]

    def worst(t: float) -> float:
        a = sum(x >= t for x in positive) / len(positive)
        b = sum(x < t for x in negative) / len(negative) if negative else 1.0
        return min(a, b)

    return max(grid, key=lambda t: (worst(t), -t))


def training_rows(sources: list[Source], features: tuple[str, ...], best_only: bool):  # noqa: ANN201
    """Positives: every direct link (its best row over a block's asks), or with `best_only`
    each best candidate that is a gold link; negatives: the best row of each ask of a source
    without gold."""
    x, y = [], []

    def add(row: Row, label: int) -> None:
        x.append([FEATURES[f](row) for f in features])
        y.append(label)

    for asks, relevant, links in sources:
        if not relevant:
            for rows in asks:
                if rows:
                    add(rows[0], 0)
        elif best_only:
            row = _best_row(asks)
            if row is not None and row["label"] in relevant:
                add(row, 1)
        else:
            for t in links:
                rows = [r for a in asks for r in a if r["label"] == t]
                if rows:
                    add(max(rows, key=lambda r: r["score"]), 1)
    return x, y


def verdict_model(features: tuple[str, ...], sets: list[list[Source]], best_only: bool):  # noqa: ANN201
    """The value a feature set gives a row, fitted on `sets` (the score itself for "score")."""
    if features == ("score",):
        return lambda r: r["score"], None
    x, y = training_rows([s for ss in sets for s in ss], features, best_only)
    b0, coef = fit_logistic(x, y)

    def value(r: Row) -> float:
        z = b0 + sum(c * FEATURES[f](r) for c, f in zip(coef, features, strict=True))
        return 1 / (1 + math.exp(-z))

    return value, (b0, coef)


def held_out_features(data: dict[str, list[Source]], features: tuple[str, ...]) -> str:
    names = [n for n in data if n != "spanish"]
    pair = [0, 0, 0, 0]
    best = [0, 0, 0, 0]
    rr: list[float] = []
    hit3: list[bool] = []
    for name in names:
        train = [data[n] for n in names if n != name]
        value, _ = verdict_model(features, train, best_only=False)
        d, n_ = [], []
        for s in train:
            dd, nn, _, _ = pair_values(s, value)
            d, n_ = d + dd, n_ + nn
        t = fit_unclear(d, n_)
        d, n_, r, h = pair_values(data[name], value)
        pair = [pair[0] + sum(x < t for x in d), pair[1] + len(d)] + [
            pair[2] + sum(x < t for x in n_),
            pair[3] + len(n_),
        ]
        rr, hit3 = rr + r, hit3 + h
        value, _ = verdict_model(features, train, best_only=True)
        g, n_ = [], []
        for s in train:
            gg, nn = best_values(s, value)
            g, n_ = g + gg, n_ + nn
        t = fit_unclear(g, n_)
        g, n_ = best_values(data[name], value)
        best = [best[0] + sum(x < t for x in g), best[1] + len(g)] + [
            best[2] + sum(x < t for x in n_),
            best[3] + len(n_),
        ]
    return (
        f"  {' + '.join(features):58} direct NR {pair[0]:2}/{pair[1]} {pair[0] / pair[1]:.2f}, "
        f"no-gold NR {pair[2]:2}/{pair[3]} {pair[2] / pair[3]:.2f}, MRR {statistics.fmean(rr):.2f}, "
        f"hit@3 {statistics.fmean(hit3):.2f} | best: gold NR {best[0]:2}/{best[1]} "
        f"{best[0] / best[1]:.2f}, no-gold NR {best[2]:2}/{best[3]} {best[2] / best[3]:.2f}"
    )


def ranks_called_not_reflected(data: dict[str, list[Source]], unclear: float) -> str:
    """Where the English benchmark's direct links called not reflected (at the shipped
    "unclear") rank among their source's candidates."""
    ranks, called = [], []
    for name in ("costa_rica_2024", "bangladesh_2023", "papua_new_guinea_2021"):
        for asks, _, links in data.get(name, []):
            fused = _fused(asks, lambda r: r["score"])
            ranking = sorted(fused, key=lambda t: -fused[t])
            for t in links:
                rank = ranking.index(t) + 1 if t in fused else len(ranking) + 1
                ranks.append(rank)
                if fused.get(t, 0.0) < unclear:
                    called.append(rank)
    return (
        f"English benchmark, shipped unclear {unclear}: {len(called)} of {len(ranks)} direct links "
        f"called not reflected, {sum(r > 3 for r in called)} of them ranked below third "
        f"(ranks {sorted(called)}); {sum(r > 3 for r in ranks)} of the {len(ranks)} rank below third"
    )


def spanish_claims(data: dict[str, list[Source]], thresholds: dict[str, float]) -> str:
    """Claims (partly or taken up) on the Spanish asks' best candidates, and how many are gold."""
    claims = gold = unclaimed_neg = neg = 0
    for asks, relevant, _ in data.get("spanish", []):
        row = _best_row(asks)
        if row is None:
            continue
        if not relevant:
            neg += 1
            unclaimed_neg += row["score"] < thresholds["partly"]
        if row["score"] >= thresholds["partly"]:
            claims += 1
            gold += row["label"] in relevant
    return (
        f"Spanish asks (not fitted): {claims} claims on best candidates, {gold} of them gold links; "
        f"{unclaimed_neg} of {neg} asks without gold not claimed"
    )


def main_features(ev, semantic: bool) -> int:  # noqa: ANN001
    from submission_kit.track import match

    data = feature_sets(ev, semantic)
    thresholds = match.SEMANTIC_THRESHOLDS[model_key()] if semantic else match.LEXICAL_THRESHOLDS
    print(f"matcher: {'lexical + semantic (' + model_key() + ')' if semantic else 'lexical'}")
    print(
        "verdict scores from candidate features, leave-one-set-out (NR: called not reflected;\n"
        "left: every direct link vs the best of each ask without gold, as evaluate.py counts;\n"
        "right, best: the report's verdict, on best candidates that are gold links vs those of\n"
        "asks without gold):"
    )
    for features in FEATURE_SETS:
        print(held_out_features(data, features))
    good, negative = [], []
    for name in (n for n in data if n != "spanish"):
        g, n_ = best_values(data[name], lambda r: r["score"])
        good, negative = good + g, negative + n_
    u = thresholds["unclear"]
    print(
        f"shipped unclear {u}, four sets, best candidates: gold links called not reflected "
        f"{sum(x < u for x in good)} of {len(good)}, asks without gold "
        f"{sum(x < u for x in negative)} of {len(negative)}"
    )
    print(ranks_called_not_reflected(data, u))
    print(spanish_claims(data, thresholds))
    names = [n for n in data if n != "spanish"]
    for features in FEATURE_SETS[1:]:
        _, (b0, coef) = verdict_model(features, [data[n] for n in names], best_only=True)
        terms = ", ".join(f"{f} {c:+.2f}" for f, c in zip(features, coef, strict=True))
        print(f"  fitted on all four sets (best): intercept {b0:+.2f}, {terms}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--benchmark", type=Path, default=ROOT.parent.parent / "shared" / "benchmarks" / "track"
    )
    parser.add_argument("--semantic", action="store_true", help="calibrate the blended matcher")
    parser.add_argument(
        "--features", action="store_true", help="try verdict scores from candidate features"
    )
    args = parser.parse_args()
    if not (args.benchmark / "evaluate.py").is_file():
        print(f"skipped: no impact-tracking benchmark at {args.benchmark}")
        return 0
    os.environ["SUBKIT_SEMANTIC"] = "1" if args.semantic else "0"
    if args.semantic:
        memo_embeddings()
    ev = load_evaluator(args.benchmark)
    if args.features:
        return main_features(ev, args.semantic)
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
