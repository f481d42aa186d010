"""The node's embedding server and the workers' RemoteEncoder, with the small stand-in model:
answers equal to in-process encoding, batching of what piles up, and falling back to an
in-process model while the server is down (and back once it is up again)."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from ideaportal.dedup import embedding_server
from ideaportal.dedup.embedding_server import EmbeddingServer, RemoteEncoder
from tests.dedup.fake_encoder import FakeEncoder

TEXTS = ["Dark mode for the scheduler", "Export payroll to DATEV", "Night theme please"]


class GatedEncoder(FakeEncoder):
    """Blocks its first call until released, so requests pile up behind it; records each
    forward pass."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []
        self.first_started = threading.Event()
        self.release = threading.Event()

    def encode(
        self, texts: Sequence[str], *, batch_size: int = 64, show_progress: bool = False
    ) -> np.ndarray:
        self.calls.append(list(texts))
        if len(self.calls) == 1:
            self.first_started.set()
            assert self.release.wait(10)
        return super().encode(texts)


def start_server(encoder: FakeEncoder, path: Path) -> EmbeddingServer:
    server = EmbeddingServer(encoder, str(path))
    ready = threading.Event()
    threading.Thread(target=server.serve_forever, args=(ready.set,), daemon=True).start()
    assert ready.wait(10)
    return server


@pytest.fixture
def socket_path(tmp_path: Path) -> Path:
    return tmp_path / "embed.sock"


@pytest.fixture
def server(socket_path: Path) -> Iterator[EmbeddingServer]:
    running = start_server(FakeEncoder(), socket_path)
    yield running
    running.stop()


def fallback_counter() -> tuple[list[int], object]:
    made: list[int] = []

    def factory() -> FakeEncoder:
        made.append(1)
        return FakeEncoder()

    return made, factory


def test_remote_answers_equal_in_process_encoding(server: EmbeddingServer, socket_path: Path):
    made, factory = fallback_counter()
    remote = RemoteEncoder(str(socket_path), factory, name=FakeEncoder.name)  # type: ignore[arg-type]
    vectors = remote.encode(TEXTS)
    assert vectors.dtype == np.float32 and vectors.shape == (3, FakeEncoder.dim)
    assert np.array_equal(vectors, FakeEncoder().encode(TEXTS))
    assert remote.encode([]).shape == (0, FakeEncoder.dim)
    assert remote.using_server and remote.loaded and remote.dim == FakeEncoder.dim
    assert made == []  # no model was loaded in the worker


def test_queries_waiting_for_the_model_run_in_one_batch(socket_path: Path):
    encoder = GatedEncoder()
    running = start_server(encoder, socket_path)
    try:
        remote = RemoteEncoder(str(socket_path), FakeEncoder, name=FakeEncoder.name)
        results: dict[int, np.ndarray] = {}
        first = threading.Thread(target=lambda: results.setdefault(0, remote.encode(["first"])))
        first.start()
        assert encoder.first_started.wait(10)  # the model is busy with "first"
        others = [
            threading.Thread(target=lambda n=n: results.setdefault(n, remote.encode([f"q{n} x"])))
            for n in range(1, 6)
        ]
        for t in others:
            t.start()
        for _ in range(200):  # until all five wait in the server's queue
            if running._pending.qsize() == 5:
                break
            threading.Event().wait(0.01)
        encoder.release.set()
        for t in [first, *others]:
            t.join(10)
        assert len(encoder.calls) == 2 and len(encoder.calls[1]) == 5  # one pass for five
        for n in range(1, 6):  # and each caller got the rows of its own text
            assert np.array_equal(results[n], FakeEncoder().encode([f"q{n} x"]))
    finally:
        encoder.release.set()
        running.stop()


def test_falls_back_in_process_while_the_server_is_down_and_returns(
    socket_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(embedding_server, "RETRY_SECONDS", 0.0)
    made, factory = fallback_counter()
    remote = RemoteEncoder(str(socket_path), factory, name=FakeEncoder.name)  # type: ignore[arg-type]
    assert not remote.loaded  # no server, no model yet: not ready
    assert np.array_equal(remote.encode(TEXTS), FakeEncoder().encode(TEXTS))
    assert made == [1] and not remote.using_server and remote.loaded
    running = start_server(FakeEncoder(), socket_path)
    try:
        assert np.array_equal(remote.encode(TEXTS), FakeEncoder().encode(TEXTS))
        assert remote.using_server
    finally:
        running.stop()
    # Stopped under a connected client: the next call falls back, and nothing is lost.
    assert np.array_equal(remote.encode(TEXTS[:1]), FakeEncoder().encode(TEXTS[:1]))
    assert not remote.using_server and made == [1]  # the fallback model is kept, not reloaded


def test_a_server_with_another_model_is_not_used(server: EmbeddingServer, socket_path: Path):
    made, factory = fallback_counter()
    remote = RemoteEncoder(str(socket_path), factory, name="another-model")  # type: ignore[arg-type]
    remote.encode(TEXTS)
    assert made == [1] and not remote.using_server
