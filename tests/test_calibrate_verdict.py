"""benchmarks/calibrate_track.py --features: the candidate features and the model fitted on them.

The cross-validation itself reads the public benchmark outside the repository and is not
run here; these tests check its parts on the seed pairs and on small made-up sets.
"""

from __future__ import annotations

import importlib.util
import math

import pytest
from conftest import ROOT

from submission_kit.track.match import Matcher
from submission_kit.track.parse import read_concluding_observations


@pytest.fixture(scope="module")
def calibrate():
    spec = importlib.util.spec_from_file_location(
        "calibrate_track", ROOT / "benchmarks" / "calibrate_track.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def matcher():
    co = read_concluding_observations(ROOT / "examples/concluding-observations/CCPR_C_KAZ_CO_3.txt")
    return Matcher(co, semantic=False)


def test_candidate_rows_are_the_ranking_with_its_features(calibrate, matcher):
    ask = (
        "Halt the suppression of human rights defenders and politically motivated detentions "
        "of vulnerable individuals, guaranteeing fair asylum procedures and legal protections."
    )
    rows = calibrate.candidate_rows(matcher, ask, (9, 19, 22))
    ranked = matcher.rank(ask, (9, 19, 22), top=len(matcher.units))
    assert [r["label"] for r in rows] == [c.label for c in ranked]
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    f = calibrate.FEATURES
    assert f["margin"](rows[0]) == 0.0
    assert all(f["margin"](r) >= 0 for r in rows)
    assert f["lift"](rows[0]) == max(f["lift"](r) for r in rows)
    # The refugee paragraph shares "fair asylum procedures" but not the ask's subject.
    forty = next(r for r in rows if r["label"] == "40")
    assert forty["no_subject"] is True
    assert f["evidence"](forty) > 0


def test_the_logistic_model_weighs_the_feature_that_separates(calibrate):
    # y follows the first feature; the second is noise.
    x = [[i / 10, (i * 7) % 5] for i in range(20)]
    y = [1 if i >= 10 else 0 for i in range(20)]
    b0, (separating, noise) = calibrate.fit_logistic(x, y)
    assert separating > 1.0
    assert abs(noise) < separating / 5

    def p(row: list[float]) -> float:
        return 1 / (1 + math.exp(-(b0 + separating * row[0] + noise * row[1])))

    assert p([1.9, 0]) > 0.5 > p([0.0, 0])


def test_unclear_is_where_both_shares_are_best(calibrate):
    t = calibrate.fit_unclear([0.6, 0.7, 0.8, 0.3], [0.1, 0.2, 0.4])
    assert 0.4 < t < 0.6


def test_a_block_of_asks_is_fused_by_the_best_value_as_the_benchmark_fuses_it(calibrate):
    def row(label: str, score: float) -> dict:
        return {"label": label, "score": score}

    block = ([[row("a", 0.2), row("b", 0.1)], [row("b", 0.9), row("a", 0.05)]], {"b"}, ["b"])
    no_gold = ([[row("a", 0.3)]], set(), [])
    direct, negative, rr, hit3 = calibrate.pair_values([block, no_gold], lambda r: r["score"])
    assert direct == [0.9]
    assert negative == [0.3]
    assert rr == [1.0] and hit3 == [True]
    good, negative = calibrate.best_values([block, no_gold], lambda r: r["score"])
    assert good == [0.9] and negative == [0.3]
