"""Vector indexes behind one small interface; the database row is the source of truth.

NumpyVectorIndex is exact and in-process: one contiguous float32 matrix that grows by
doubling (no copy per insert), swap-remove, and top-k by argpartition. A pgvector backend can
implement the same protocol.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np


@dataclass(frozen=True)
class IndexFilter:
    board_ids: frozenset[int] | None = None  # None: every board
    exclude_ids: frozenset[int] = field(default_factory=frozenset)


class VectorIndex(Protocol):
    def add(
        self, ids: Sequence[int], vectors: np.ndarray, board_ids: Sequence[int] | None = None
    ) -> None: ...

    def remove(self, ids: Sequence[int]) -> None: ...

    def search(
        self, vector: np.ndarray, k: int, filters: IndexFilter | None = None
    ) -> list[tuple[int, float]]: ...

    def __len__(self) -> int: ...


class NumpyVectorIndex:
    def __init__(self, dim: int | None = None, capacity: int = 1024) -> None:
        self._dim = dim
        self._capacity = capacity
        self._matrix: np.ndarray | None = None
        self._ids = np.zeros(0, dtype=np.int64)
        self._boards = np.zeros(0, dtype=np.int64)
        self._row: dict[int, int] = {}
        self._size = 0
        self._lock = threading.RLock()

    def __len__(self) -> int:
        return self._size

    def _ensure(self, dim: int, needed: int) -> None:
        if self._matrix is None:
            self._dim = dim
            cap = max(self._capacity, needed)
            self._matrix = np.zeros((cap, dim), dtype=np.float32)
            self._ids = np.zeros(cap, dtype=np.int64)
            self._boards = np.zeros(cap, dtype=np.int64)
            return
        if dim != self._dim:
            raise ValueError(f"vector has {dim} dimensions, the index {self._dim}")
        if needed > self._matrix.shape[0]:
            cap = max(needed, self._matrix.shape[0] * 2)
            for name in ("_matrix", "_ids", "_boards"):
                old = getattr(self, name)
                grown = np.zeros((cap, *old.shape[1:]), dtype=old.dtype)
                grown[: self._size] = old[: self._size]
                setattr(self, name, grown)

    def add(
        self, ids: Sequence[int], vectors: np.ndarray, board_ids: Sequence[int] | None = None
    ) -> None:
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(ids), -1)
        boards = list(board_ids) if board_ids is not None else [0] * len(ids)
        with self._lock:
            self._ensure(vectors.shape[1], self._size + len(ids))
            assert self._matrix is not None
            for idea_id, vector, board in zip(ids, vectors, boards, strict=True):
                row = self._row.get(int(idea_id))
                if row is None:
                    row = self._size
                    self._row[int(idea_id)] = row
                    self._size += 1
                self._matrix[row] = vector
                self._ids[row] = int(idea_id)
                self._boards[row] = int(board)

    def remove(self, ids: Sequence[int]) -> None:
        with self._lock:
            assert self._matrix is not None or not ids
            for idea_id in ids:
                row = self._row.pop(int(idea_id), None)
                if row is None or self._matrix is None:
                    continue
                last = self._size - 1
                if row != last:  # move the last row into the hole
                    self._matrix[row] = self._matrix[last]
                    self._ids[row] = self._ids[last]
                    self._boards[row] = self._boards[last]
                    self._row[int(self._ids[row])] = row
                self._size = last

    def vectors_for(self, ids: Sequence[int]) -> np.ndarray:
        with self._lock:
            assert self._matrix is not None
            return self._matrix[[self._row[int(i)] for i in ids]].copy()

    def search(
        self, vector: np.ndarray, k: int, filters: IndexFilter | None = None
    ) -> list[tuple[int, float]]:
        with self._lock:
            if self._size == 0 or self._matrix is None or k <= 0:
                return []
            scores = self._matrix[: self._size] @ np.asarray(vector, dtype=np.float32)
            ids = self._ids[: self._size]
            if filters is not None:
                mask = np.ones(self._size, dtype=bool)
                if filters.board_ids is not None:
                    mask &= np.isin(self._boards[: self._size], list(filters.board_ids))
                if filters.exclude_ids:
                    mask &= ~np.isin(ids, list(filters.exclude_ids))
                scores = np.where(mask, scores, -np.inf)
            k = min(k, self._size)
            top = np.argpartition(-scores, k - 1)[:k]
            top = top[np.argsort(-scores[top], kind="stable")]
            return [(int(ids[i]), float(scores[i])) for i in top if np.isfinite(scores[i])]
