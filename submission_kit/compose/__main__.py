"""`python -m submission_kit.compose`: regenerate the ahead-of-time compiled phrase templates
(`compose/phrases_compiled.py`) after editing a catalogue in templates/phrases/."""

from __future__ import annotations

import sys

from submission_kit.compose.phrases import write_compiled

if __name__ == "__main__":
    print(f"wrote {write_compiled()}", file=sys.stderr)
