"""The optional semantic score: static word embeddings shipped inside a PyPI wheel.

Installed with `pip install "submission-kit[semantic]"`, which brings `wordllama`: a table of
256-dimensional token embeddings (WordLlama "l2_supercat", MIT licence, 16 MB) inside the
wheel, and the `tokenizers` library that splits a text into its tokens. A text's vector is
the mean of its tokens' vectors: no neural network runs, so embedding the 300
recommendations of an outcome takes milliseconds, not the tens of seconds a transformer
takes on a CPU. Only the two files are read, straight from the installed package: the
package's own loader is not called (it would try a download when a file is missing), so
nothing is ever fetched at run time. Without the extra the matcher is lexical only and says
so (`Matcher.method`, finding SK610 in the report).

The model reads English. An English outcome is matched with it; asks in French or Spanish
are first put into English word by word through the language's table of equivalents
(`to_en` in `reference/data/track/{fr,es}.json`). A French or Spanish outcome is matched
lexically, and the report says why. Why this model: docs/tracking.md (measured on the
benchmark against multilingual-e5-small, all-MiniLM-L6-v2 and the lexical matcher alone).
"""

from __future__ import annotations

import importlib.util
import os
from functools import cache
from pathlib import Path
from typing import Any

from submission_kit.diagnostics import UserError

MODEL_NAME = "WordLlama l2_supercat static embeddings (wordllama package, local)"
#: The files the extra's package ships, relative to its folder.
WEIGHTS = Path("weights") / "l2_supercat_256.safetensors"
TOKENIZER = Path("tokenizers") / "l2_supercat_tokenizer_config.json"
#: The language the model was trained on: other outcomes are matched lexically.
MODEL_LANGUAGE = "en"
INSTALL_HINT = "install it, or use --matcher lexical"


class SemanticUnavailable(UserError, RuntimeError):
    """The semantic extra was required (`--matcher semantic`) but cannot run here; `hint`
    says what to do."""

    def __init__(self, message: str, other_language: bool = False) -> None:
        super().__init__(message)
        if other_language:
            self.hint = "use --matcher auto (the default) or --matcher lexical for this outcome"
        elif os.environ.get("SUBKIT_NO_SEMANTIC"):
            self.hint = "unset SUBKIT_NO_SEMANTIC, or use --matcher lexical"
        else:
            self.hint = INSTALL_HINT


def _package_folder() -> Path | None:
    """Where `wordllama` is installed, found without importing it (importing it configures
    logging and loads compiled modules the kit does not use)."""
    try:
        spec = importlib.util.find_spec("wordllama")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def why_unavailable() -> str:
    """Why the semantic score cannot run here, in words a report or an error can print."""
    if os.environ.get("SUBKIT_NO_SEMANTIC"):
        return "the semantic extra is turned off (SUBKIT_NO_SEMANTIC)"
    folder = _package_folder()
    if folder is not None and not (folder / WEIGHTS).is_file():
        return (
            f"the installed wordllama package has no {WEIGHTS.as_posix()} (another version than "
            "the one submission-kit[semantic] installs)"
        )
    if folder is not None:
        return "the semantic extra is installed but its model could not be loaded"
    return 'the semantic extra is not installed (pip install "submission-kit[semantic]")'


class StaticModel:
    """Token embeddings and their tokenizer, read from the installed package's files."""

    name = MODEL_NAME
    language = MODEL_LANGUAGE

    def __init__(self, folder: Path) -> None:
        import numpy as np
        from safetensors import safe_open  # type: ignore[import-not-found, unused-ignore]
        from tokenizers import Tokenizer  # type: ignore[import-not-found, unused-ignore]

        self._np = np
        with safe_open(str(folder / WEIGHTS), framework="np") as f:
            self.table = np.ascontiguousarray(f.get_tensor("embedding.weight"), dtype="float32")
        self.tokenizer = Tokenizer.from_file(str(folder / TOKENIZER))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        self.dim = int(self.table.shape[1])

    def embed(self, texts: list[str]) -> Any:
        """One L2-normalised vector per text: the mean of its tokens' vectors."""
        np = self._np
        out = np.zeros((len(texts), self.dim), dtype="float32")
        if not texts:
            return out
        last = self.table.shape[0] - 1
        for row, enc in enumerate(self.tokenizer.encode_batch(texts, add_special_tokens=False)):
            ids = [i for i in enc.ids if 0 <= i <= last]
            if ids:
                out[row] = self.table[ids].mean(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms > 0, norms, 1.0)


@cache
def available() -> StaticModel | None:
    """The loaded model, or None when the extra is not installed or cannot load."""
    if os.environ.get("SUBKIT_NO_SEMANTIC"):
        return None
    folder = _package_folder()
    if folder is None or not (folder / WEIGHTS).is_file() or not (folder / TOKENIZER).is_file():
        return None
    try:
        return StaticModel(folder)
    except Exception:
        # A broken installation (a missing library, a truncated file) means "not available",
        # said in the report; it never stops a lexical run.
        return None


class SemanticIndex:
    """Vectors of the units of one outcome; `scores` gives the cosine of each for an ask."""

    def __init__(self, model: Any, texts: list[str]) -> None:
        import numpy as np

        self._np = np
        self.model = model
        self.name = getattr(model, "name", MODEL_NAME)
        self.matrix = model.embed(texts) if texts else np.zeros((0, model.dim), "float32")

    def scores(self, text: str) -> dict[int, float]:
        q = self.model.embed([text])[0]
        sims = self.matrix @ q
        return {i: float(v) for i, v in enumerate(sims)}
