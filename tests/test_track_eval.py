"""The matcher on labelled pairs: the targets of the impact-tracking issue, asserted."""

from __future__ import annotations

import pytest
from conftest import ROOT

from submission_kit.track.evaluate import evaluate

EVAL_FILE = ROOT / "tests" / "data" / "track_eval.yaml"


@pytest.fixture(scope="module")
def evaluation():
    return evaluate(EVAL_FILE)


def test_seed_001_pairs_are_all_in_the_top_three(evaluation):
    # Without the confirmations file: the matcher alone.
    scores = evaluation.labelled
    assert scores.hit_at(3) == 1.0, scores.table()
    assert scores.hit_at(1) >= 0.5, scores.table()


def test_human_rights_defenders_ask_is_not_called_taken_up_by_the_refugee_paragraph():
    # Seed 000's ask is about defenders; paragraph 40 shares only "fair asylum procedures".
    from submission_kit.track.match import Matcher
    from submission_kit.track.parse import read_concluding_observations

    co = read_concluding_observations(ROOT / "examples/concluding-observations/CCPR_C_KAZ_CO_3.txt")
    ask = (
        "Halt the suppression of human rights defenders and politically motivated detentions "
        "of vulnerable individuals, guaranteeing fair asylum procedures and legal protections."
    )
    m = Matcher(co).match("human-rights-defenders", ask, (9, 19, 22))
    verdicts = {c.label: Matcher(co).verdict(c.score) for c in m.candidates}
    assert verdicts.get("40") in ("unclear, check", "not reflected", None), m.candidates
    assert m.verdict in ("unclear, check", "not reflected")


def test_asks_the_committee_left_out_are_never_claimed_as_impact(evaluation):
    # Thresholds are fitted by cross-validation (docs/tracking.md), not on these pairs: an ask
    # the Committee left out may come out "unclear, check", never "taken up" or "partly".
    outcomes = {o.case.name: o for o in evaluation.labelled.outcomes}
    verdicts = {
        outcomes[name].match.verdict
        for name in ("detention-statistics", "primacy-of-human-rights-law")
    }
    assert verdicts <= {"not reflected", "unclear, check"}
    assert "not reflected" in verdicts


def test_asks_the_committee_took_up_are_not_called_not_reflected(evaluation):
    assert evaluation.labelled.false_not_reflected == 0, evaluation.labelled.table()


def test_held_out_asks_stay_close_to_the_targets(evaluation):
    # Written before the matcher; a regression here means the model was over-fitted.
    scores = evaluation.heldout
    assert scores.hit_at(3) >= 0.9, scores.table()
    assert scores.hit_at(1) >= 0.75, scores.table()
    assert scores.not_reflected_accuracy == 1.0, scores.table()
    assert scores.false_not_reflected <= 1, scores.table()


def test_with_the_semantic_blend_seed_pairs_stay_in_the_top_three_and_left_out_asks_unclaimed():
    from submission_kit.track import semantic

    if semantic.available() is None:
        pytest.skip(semantic.why_unavailable())
    scores = evaluate(EVAL_FILE, semantic=True).labelled
    assert scores.hit_at(3) == 1.0, scores.table()
    # With the sentence model's thresholds (cross-validated, docs/tracking.md) one seed pair
    # ("compensation", 34 (c)) falls below "unclear": the measured cost, not more.
    assert scores.false_not_reflected <= 1, scores.table()
    # Close in meaning to the refugee paragraph, but left out by the Committee: never a claim.
    left_out = [o.match.verdict for o in scores.outcomes if o.case.expected is None]
    assert set(left_out) <= {"not reflected", "unclear, check"}, scores.table()


def test_with_the_semantic_extra_an_ask_in_spanish_is_embedded_as_written():
    # A word-by-word English rendering of a Spanish ask ranked worse with both models on the
    # public benchmark (docs/tracking.md): the model sees the writer's own sentence, the
    # lexical side reads it through the table of equivalents.
    from submission_kit.track import semantic
    from submission_kit.track.match import Matcher
    from submission_kit.track.parse import read_concluding_observations

    model = semantic.available()
    if model is None:
        pytest.skip(semantic.why_unavailable())
    co = read_concluding_observations(ROOT / "examples/concluding-observations/CCPR_C_KAZ_CO_3.txt")
    ask = (
        "Derogar el registro de financiación extranjera y dejar de perseguir a las "
        "organizaciones de la sociedad civil que reciben fondos del extranjero."
    )
    matcher = Matcher(co, semantic=True)
    matcher.prepare([ask], language="es")
    ranked = matcher.rank(ask, (), top=len(matcher.units), language="es")
    by_label = {c.label: c for c in ranked}
    own = model.embed([ask])[0]
    index = matcher.semantic
    for label in ("54 (c)", "54"):
        if label in by_label:
            unit = next(i for i, u in enumerate(matcher.units) if u.label == label)
            assert by_label[label].semantic == pytest.approx(
                float(index.matrix[unit] @ own), abs=1e-3
            )
            break
    else:
        raise AssertionError(f"the foreign funding paragraph is not among {list(by_label)[:10]}")
    assert "54 (c)" in [c.label for c in ranked[:3]] or "54" in [c.label for c in ranked[:3]], (
        ranked[:5]
    )
