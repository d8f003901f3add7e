"""The sentence model's vectors of an outcome are kept between runs, and never change a result."""

from __future__ import annotations

import pytest
from conftest import ROOT

np = pytest.importorskip("numpy")

from submission_kit.track import semantic  # noqa: E402
from submission_kit.track.semantic import SemanticIndex  # noqa: E402

CO = ROOT / "examples" / "concluding-observations" / "CCPR_C_KAZ_CO_3.txt"


class CountingModel:
    """A stand-in for the sentence model: vectors from the text's letters, calls counted."""

    key = "minilm"
    name = "stand-in"
    language = "en"
    dim = 8
    fingerprint = "stand-in|1"

    def __init__(self) -> None:
        self.embedded = 0

    def embed(self, texts):
        self.embedded += len(texts)
        out = np.zeros((len(texts), self.dim), dtype="float32")
        for row, text in enumerate(texts):
            for ch in text.lower():
                out[row, ord(ch) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms > 0, norms, 1.0)


TEXTS = ["Abolish the register.", "Investigate torture promptly.", "Release detained defenders."]


def test_a_second_run_on_the_same_outcome_reads_the_vectors_instead_of_embedding(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("SUBKIT_CACHE_DIR", str(tmp_path))
    model = CountingModel()
    first = SemanticIndex(model, TEXTS)
    assert model.embedded == 3
    again = SemanticIndex(model, TEXTS)
    assert model.embedded == 3  # nothing embedded the second time
    assert np.array_equal(first.matrix, again.matrix)
    assert len(list(tmp_path.glob("minilm-*.npy"))) == 1
    # Another outcome (one text changed) is embedded, and kept beside the first.
    SemanticIndex(model, [*TEXTS[:2], "Release detained journalists."])
    assert model.embedded == 6
    assert len(list(tmp_path.glob("minilm-*.npy"))) == 2


def test_a_damaged_cache_file_is_embedded_again_and_replaced(tmp_path, monkeypatch):
    monkeypatch.setenv("SUBKIT_CACHE_DIR", str(tmp_path))
    model = CountingModel()
    expected = SemanticIndex(model, TEXTS).matrix
    (path,) = tmp_path.glob("minilm-*.npy")
    for damage in (b"not an array", None):
        if damage is None:  # right format, wrong shape
            np.save(path, np.zeros((2, 8), dtype="float32"))
        else:
            path.write_bytes(damage)
        before = model.embedded
        got = SemanticIndex(model, TEXTS).matrix
        assert model.embedded == before + 3
        assert np.allclose(got, expected)
        assert np.array_equal(np.load(path), got)


def test_an_unwritable_cache_folder_changes_nothing_but_the_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.setenv("SUBKIT_CACHE_DIR", str(blocker / "cache"))
    model = CountingModel()
    a = SemanticIndex(model, TEXTS).matrix
    b = SemanticIndex(model, TEXTS).matrix
    assert model.embedded == 6 and np.array_equal(a, b)
    assert blocker.read_text(encoding="utf-8") == "a file where the folder should be"


def test_the_cache_keeps_only_the_most_recent_outcomes(tmp_path, monkeypatch):
    monkeypatch.setenv("SUBKIT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(semantic, "CACHE_FILES", 3)
    model = CountingModel()
    for i in range(6):
        SemanticIndex(model, [f"Recommendation number {i}."])
    assert len(list(tmp_path.glob("minilm-*.npy"))) == 3
    assert not list(tmp_path.glob(".vectors-*"))  # no temporary file left behind


def test_subkit_no_cache_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("SUBKIT_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("SUBKIT_NO_CACHE", "1")
    model = CountingModel()
    SemanticIndex(model, TEXTS)
    SemanticIndex(model, TEXTS)
    assert model.embedded == 6
    assert not list(tmp_path.iterdir())


def test_with_the_sentence_model_a_cached_run_gives_the_same_report(tmp_path):
    from conftest import run_subkit

    if semantic.available() is None or semantic.available().key != "minilm":
        pytest.skip("the sentence model (semantic-minilm extra) is not installed")
    env = {"SUBKIT_CACHE_DIR": str(tmp_path / "cache"), "SUBKIT_SEMANTIC_MODEL": "minilm"}
    draft = ROOT / "examples" / "kaz-ccpr-oral-statement.yaml"
    args = ("track", str(draft), "--against", str(CO), "--matcher", "semantic", "--format", "json")
    cold = run_subkit(*args, env=env)
    assert cold.returncode == 0, cold.stderr
    assert len(list((tmp_path / "cache").glob("minilm-*.npy"))) == 1
    warm = run_subkit(*args, env=env)
    assert warm.returncode == 0, warm.stderr
    assert warm.stdout == cold.stdout
