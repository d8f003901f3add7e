"""Finding codes of `subkit track` (SK6xx), declared once; SK601-SK606 are the confirmations
file's (`confirm.py`)."""

from __future__ import annotations

#: Note: the semantic extra is not installed (or was turned off); the lexical matcher ran alone.
SEMANTIC_UNAVAILABLE = "SK610"
#: Error (exit 2 unless --force): the outcome is about another State than the draft.
STATE_MISMATCH = "SK611"
#: Error (exit 2 unless --force): the outcome is by another committee than the draft's.
COMMITTEE_MISMATCH = "SK612"
#: Error (exit 2 unless --force): the outcome is of another mechanism (UPR vs treaty body).
MECHANISM_MISMATCH = "SK613"
#: Note: the asks are in another language than the outcome; matched through the table of
#: equivalents (and the multilingual model when installed).
CROSS_LANGUAGE = "SK614"
#: Error (exit 2 unless --force): the outcome names neither its symbol nor a State.
NOT_AN_OUTCOME = "SK615"

CODES = {
    SEMANTIC_UNAVAILABLE: "the lexical matcher ran alone (semantic extra not installed)",
    STATE_MISMATCH: "the outcome is about another State than the draft",
    COMMITTEE_MISMATCH: "the outcome is by another committee than the draft's",
    MECHANISM_MISMATCH: "the outcome is of another mechanism than the draft's",
    CROSS_LANGUAGE: "asks and outcome are in different languages",
    NOT_AN_OUTCOME: "the outcome names neither its symbol nor a State",
}
