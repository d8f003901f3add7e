"""The kit's matcher as the public impact-tracking benchmark reaches it (three methods).

The benchmark (`evaluate.py`, kept outside the repository) builds one `Tracker` per set of
UN recommendations, ranks each ask with `rank` and turns a score into a verdict with
`verdict`. Keeping this file stable lets the kit's internals change without breaking it.
`SUBKIT_SEMANTIC=1` blends in the semantic extra (and stops with the reason when it is not
installed; `SUBKIT_SEMANTIC_MODEL=minilm|wordllama` picks one of the two models); the
default is the lexical matcher, the one every installation has.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from submission_kit.track import match  # noqa: E402
from submission_kit.track.parse import ConcludingObservations, COParagraph  # noqa: E402

_SEMANTIC = os.environ.get("SUBKIT_SEMANTIC") == "1"
if _SEMANTIC:
    from submission_kit.track import semantic

    if semantic.available() is None:
        # Said when the benchmark loads the adapter (it reports the system as skipped), not
        # as an error on every ask.
        raise semantic.SemanticUnavailable(semantic.why_unavailable())
    _model = semantic.available()
    THRESHOLDS = dict(match.SEMANTIC_THRESHOLDS[getattr(_model, "key", "minilm")])
else:
    THRESHOLDS = dict(match.LEXICAL_THRESHOLDS)


class Tracker:
    def __init__(self, targets: list[tuple[str, str]], language: str) -> None:
        paras = [
            COParagraph(number=i + 1, text=text, kind="recommendation", line=i + 1)
            for i, (_, text) in enumerate(targets)
        ]
        co = ConcludingObservations(source="<benchmark>", paragraphs=paras)
        self.ids = {str(i + 1): tid for i, (tid, _) in enumerate(targets)}
        self.matcher = match.Matcher(co, language=language, semantic=_SEMANTIC or False)

    def rank(self, text: str, language: str) -> list[tuple[str, float]]:
        ranked = self.matcher.rank(text, (), top=len(self.matcher.units), language=language)
        return [(self.ids[c.label], c.score) for c in ranked]

    def verdict(self, score: float) -> str:
        return self.matcher.verdict(score)
