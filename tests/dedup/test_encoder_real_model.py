"""The bundled model, for real: loads offline, once, and ranks a paraphrase above noise.

The rest of the suite uses a small stand-in encoder; this is the one test that pays for
loading all-MiniLM-L6-v2 (a few seconds), so that a broken package, a model hub lookup or
a wrong normalisation shows up here.
"""

from __future__ import annotations

import os
import threading
import time

import numpy as np

from ideaportal.dedup.encoder import Encoder, SentenceTransformerEncoder, get_encoder


def test_paraphrase_scores_higher_than_an_unrelated_pair():
    encoder: Encoder = get_encoder()
    assert get_encoder() is encoder  # one model per process and path
    vectors = encoder.encode(
        [
            "Dark mode for the scheduler",
            "Night theme, the white screen hurts my eyes on late shifts",
            "Export the monthly payroll to DATEV",
        ]
    )
    assert vectors.dtype == np.float32 and vectors.shape == (3, encoder.dim) == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    paraphrase = float(vectors[0] @ vectors[1])
    unrelated = float(vectors[0] @ vectors[2])
    assert paraphrase > unrelated + 0.1, (paraphrase, unrelated)
    assert encoder.encode([]).shape == (0, 384)


def test_loads_lazily_once_under_concurrent_first_use(monkeypatch):
    """No real model here: a slow fake constructor shows the double-checked lock at work."""
    import sentence_transformers

    built: list[str] = []

    class SlowModel:
        def __init__(self, path: str, device: str) -> None:
            time.sleep(0.05)  # wide window for a second thread to slip in
            built.append(path)
            assert device == "cpu"

        def get_embedding_dimension(self) -> int:
            return 4

        def encode(self, texts: list[str], **options: object) -> np.ndarray:
            assert options["normalize_embeddings"] is True
            return np.ones((len(texts), 4), dtype=np.float64) / 2

    monkeypatch.setattr(sentence_transformers, "SentenceTransformer", SlowModel)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    encoder = SentenceTransformerEncoder(model_path="/models/fake", name="fake")
    assert not encoder.loaded and built == []  # constructing loads nothing
    results: list[np.ndarray] = []
    threads = [
        threading.Thread(target=lambda: results.append(encoder.encode(["x", "y"])))
        for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert built == ["/models/fake"] and encoder.loaded and encoder.dim == 4
    assert len(results) == 8
    assert all(r.dtype == np.float32 and r.shape == (2, 4) for r in results)
    assert os.environ["HF_HUB_OFFLINE"] == "1"  # set before the library was asked to load


def test_embedding_server_process_answers_like_the_model_in_process(tmp_path):
    """The shipped path of the web workers: the server as gunicorn starts it, the real model."""
    import subprocess
    import sys

    from ideaportal.dedup.embedding_server import RemoteEncoder

    socket_path = tmp_path / "embed.sock"
    server = subprocess.Popen(  # noqa: S603 - our own module
        [sys.executable, "-m", "ideaportal.dedup.embedding_server", "--socket", str(socket_path)],
        env={**os.environ, "HF_HUB_OFFLINE": "1", "IDEAPORTAL_EMBEDDING_THREADS": "1"},
    )
    try:
        for _ in range(1200):  # it listens once the model is loaded
            if socket_path.exists() or server.poll() is not None:
                break
            time.sleep(0.1)
        local = get_encoder(for_queries=True)  # the server encodes typed texts
        remote = RemoteEncoder(str(socket_path), lambda: local, name=local.name)
        texts = ["Dark mode for the scheduler", "Export the monthly payroll to DATEV"]
        assert np.allclose(remote.encode(texts), local.encode(texts), atol=1e-5)
        assert remote.using_server and remote.dim == 384
    finally:
        server.terminate()
        server.wait(30)
    assert not socket_path.exists()  # removed on a clean stop


def test_onnx_runtime_gives_the_torch_models_vectors_and_exports_once(tmp_path, monkeypatch):
    from ideaportal.dedup import onnx_encoder
    from ideaportal.dedup.encoder import bundled_model_path

    monkeypatch.setenv("IDEAPORTAL_MODEL_CACHE_DIR", str(tmp_path))
    path = bundled_model_path()
    texts = ["Dark mode for the scheduler", "  Export the monthly payroll to DATEV  ", "x" * 3000]
    fast = onnx_encoder.OnnxEncoder(path, "all-MiniLM-L6-v2", 384, threads=1)
    assert not fast.loaded  # constructing exports and loads nothing
    vectors = fast.encode(texts, batch_size=2)
    exact = SentenceTransformerEncoder(path, "all-MiniLM-L6-v2").encode(texts)
    assert vectors.dtype == np.float32 and vectors.shape == (3, 384)
    assert np.allclose(vectors, exact, atol=1e-4)  # the same vectors: stored ones stay valid
    assert [p.suffix for p in tmp_path.iterdir()] == [".onnx"]  # no partial file left

    def no_second_export(*_args: object) -> None:
        raise AssertionError("exported again")

    monkeypatch.setattr(onnx_encoder, "_export", no_second_export)
    again = onnx_encoder.OnnxEncoder(path, "all-MiniLM-L6-v2", 384, threads=1)
    assert np.allclose(again.encode(texts[:1]), vectors[:1], atol=1e-6)


def test_onnx_is_the_default_and_torch_stays_one_setting_away(monkeypatch):
    from ideaportal.dedup.onnx_encoder import OnnxEncoder

    assert isinstance(get_encoder(), OnnxEncoder)
    monkeypatch.setenv("IDEAPORTAL_EMBEDDING_BACKEND", "torch")
    assert isinstance(get_encoder(), SentenceTransformerEncoder)
    # On torch typed texts run through the same model: there is no int8 graph to use.
    assert get_encoder(for_queries=True) is get_encoder()


def test_typed_texts_go_through_the_int8_graph_and_find_what_the_float_one_finds(
    tmp_path, monkeypatch
):
    from ideaportal.dedup import onnx_encoder
    from ideaportal.dedup.encoder import bundled_model_path

    monkeypatch.setenv("IDEAPORTAL_MODEL_CACHE_DIR", str(tmp_path))
    path = bundled_model_path()
    typed = onnx_encoder.OnnxEncoder(path, "all-MiniLM-L6-v2", 384, threads=1, quantised=True)
    stored = onnx_encoder.OnnxEncoder(path, "all-MiniLM-L6-v2", 384, threads=1)
    ideas = [
        "Night theme, the white screen hurts my eyes on late shifts",
        "Export the monthly payroll to DATEV",
        "Swap shifts with a colleague from the phone",
    ]
    queries = ["Dark mode for the scheduler", "payroll export", "trade my shift with someone"]
    vectors = typed.encode(queries)
    assert vectors.dtype == np.float32 and vectors.shape == (3, 384)
    # A text's vector does not depend on the texts encoded with it (the embedding server
    # batches several typists' texts).
    assert np.array_equal(typed.encode(queries[2:]), vectors[2:])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # Not the float vectors (it is another graph), but close to them ...
    closeness = (vectors * stored.encode(queries)).sum(axis=1)
    assert (closeness > 0.98).all() and (closeness < 0.99999).any(), closeness
    # ... and each typed text finds its idea among the stored float vectors.
    assert (vectors @ stored.encode(ideas).T).argmax(axis=1).tolist() == [0, 1, 2]
    stem = "all-MiniLM-L6-v2-" + onnx_encoder._fingerprint(path)
    # Both graphs kept for the next process, no partial file left.
    assert {p.name for p in tmp_path.iterdir()} == {f"{stem}.onnx", f"{stem}-int8.onnx"}

    def no_second_quantisation(*_args: object) -> None:
        raise AssertionError("quantised again")

    monkeypatch.setattr(onnx_encoder, "_quantise", no_second_quantisation)
    again = onnx_encoder.OnnxEncoder(path, "all-MiniLM-L6-v2", 384, threads=1, quantised=True)
    assert np.allclose(again.encode(queries[:1]), vectors[:1], atol=1e-6)


def test_typed_texts_use_the_float_model_when_the_setting_says_so(monkeypatch):
    from ideaportal.dedup.onnx_encoder import OnnxEncoder

    typed = get_encoder(for_queries=True)
    assert isinstance(typed, OnnxEncoder) and typed.quantised and typed is not get_encoder()
    assert not get_encoder().quantised  # ideas are always stored as float vectors
    monkeypatch.setenv("IDEAPORTAL_EMBEDDING_QUERIES", "float")
    assert get_encoder(for_queries=True) is get_encoder()


def test_a_model_pooled_otherwise_is_not_exported(tmp_path):
    import json
    import shutil

    from ideaportal.dedup.encoder import bundled_model_path
    from ideaportal.dedup.onnx_encoder import supported

    model = tmp_path / "model"
    shutil.copytree(bundled_model_path(), model)
    assert supported(str(model))
    config = model / "1_Pooling" / "config.json"
    pooling = json.loads(config.read_text())
    config.write_text(
        json.dumps({**pooling, "pooling_mode_mean_tokens": False, "pooling_mode_cls_token": True})
    )
    assert not supported(str(model))  # runs on torch: the graph would pool the wrong way
