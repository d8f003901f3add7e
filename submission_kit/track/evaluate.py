"""Score the matcher on labelled pairs: hit@1, hit@3, mean reciprocal rank, "not reflected" accuracy.

The evaluation file (tests/data/track_eval.yaml) names a draft and concluding
observations, pairs of ask id -> expected paragraph (or none) and, separately, held-out
asks with their own text. Run by tests/test_track_eval.py and benchmarks/bench_track.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from submission_kit.track.match import AskMatch, Matcher
from submission_kit.track.parse import read_concluding_observations


@dataclass
class Case:
    name: str
    text: str
    articles: list[int]
    expected: str | None  # a label such as "34 (d)", or None for "not reflected"


@dataclass
class Outcome:
    case: Case
    match: AskMatch

    @property
    def rank(self) -> int | None:
        """1-based rank of the expected label among the candidates, None when absent."""
        labels = [c.label for c in self.match.candidates]
        return labels.index(self.case.expected) + 1 if self.case.expected in labels else None


@dataclass
class Scores:
    outcomes: list[Outcome] = field(default_factory=list)

    def _positive(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.case.expected is not None]

    def _negative(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.case.expected is None]

    def hit_at(self, k: int) -> float:
        pos = self._positive()
        return sum(1 for o in pos if o.rank and o.rank <= k) / len(pos) if pos else 0.0

    @property
    def mrr(self) -> float:
        pos = self._positive()
        return sum(1 / o.rank for o in pos if o.rank) / len(pos) if pos else 0.0

    @property
    def not_reflected_accuracy(self) -> float:
        neg = self._negative()
        return sum(o.match.verdict == "not reflected" for o in neg) / len(neg) if neg else 0.0

    @property
    def false_not_reflected(self) -> int:
        """Asks that the Committee took up but that the matcher calls not reflected."""
        return sum(o.match.verdict == "not reflected" for o in self._positive())

    def summary(self) -> str:
        return (
            f"hit@1 {self.hit_at(1):.2f}  hit@3 {self.hit_at(3):.2f}  MRR {self.mrr:.2f}  "
            f"not-reflected accuracy {self.not_reflected_accuracy:.2f} "
            f"({len(self._positive())} matched pairs, {len(self._negative())} not reflected; "
            f"{self.false_not_reflected} taken-up ask(s) called not reflected)"
        )

    def table(self) -> str:
        rows = []
        for o in self.outcomes:
            best = o.match.best
            rows.append(
                f"  {o.case.name[:38]:<38} expected {o.case.expected or 'none':<7} "
                f"got {best.label if best else '-':<7} {best.score if best else 0:.2f} "
                f"rank {o.rank or '-':<2} {o.match.verdict}"
            )
        return "\n".join(rows)


@dataclass
class Evaluation:
    labelled: Scores
    heldout: Scores


def load_cases(eval_file: str | Path) -> tuple[Path, Path, list[Case], list[Case]]:
    from submission_kit.validate import validate_file

    path = Path(eval_file)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    draft = (path.parent / data["draft"]).resolve()
    against = (path.parent / data["against"]).resolve()
    validated = validate_file(draft)
    if validated.submission is None:
        raise ValueError(f"the evaluation draft {draft} does not validate")
    asks = {a.id: a for _, a in validated.submission.ask_paths() if a.id}

    def expected(value: object) -> str | None:
        return None if value in (None, "none") else str(value)

    labelled = []
    for pair in data.get("labelled", []):
        ask = asks[pair["ask"]]
        labelled.append(
            Case(
                pair["ask"], ask.text, [a.article for a in ask.articles], expected(pair["expected"])
            )
        )
    heldout = [
        Case(c["text"], c["text"], list(c.get("articles", [])), expected(c["expected"]))
        for c in data.get("heldout", [])
    ]
    return draft, against, labelled, heldout


def evaluate(eval_file: str | Path, semantic: bool = False) -> Evaluation:
    """The scores of the matcher on the file's pairs; `semantic` requires the extra's blend."""
    _, against, labelled, heldout = load_cases(eval_file)
    matcher = Matcher(read_concluding_observations(against), semantic=semantic)

    def run(cases: list[Case]) -> Scores:
        return Scores(
            [Outcome(c, matcher.match(c.name, c.text, c.articles, top=10)) for c in cases]
        )

    return Evaluation(run(labelled), run(heldout))
