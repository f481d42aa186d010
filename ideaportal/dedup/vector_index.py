"""Nearest-neighbour search over idea vectors, behind one small interface.

Owns the `VectorIndex` protocol (what similar-ideas and duplicate detection need from any
backend) and `NumpyVectorIndex`, the exact in-process default. The database rows of idea
embeddings are the source of truth; an index is a cache that can always be rebuilt from them,
so a pgvector backend (`ORDER BY embedding <#> :q LIMIT k` with the same filters) can implement
the protocol later without callers changing.

Vectors are L2-normalised by the encoder, so cosine similarity is a plain dot product.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

import numpy as np


@dataclass(frozen=True)
class IndexFilter:
    """Which ideas a search may return."""

    board_ids: frozenset[int] | None = None  # None: every board
    exclude_ids: frozenset[int] = field(default_factory=frozenset)


class VectorIndex(Protocol):
    def add(
        self, ids: Sequence[int], vectors: np.ndarray, board_ids: Sequence[int] | None = None
    ) -> None:
        """Insert or replace (upsert) one vector per id, each on a board (default 0)."""
        ...

    def remove(self, ids: Iterable[int]) -> None:
        """Forget these ids; unknown ids are ignored."""
        ...

    def search(
        self, vector: np.ndarray, k: int, filters: IndexFilter | None = None
    ) -> list[tuple[int, float]]:
        """Up to k (id, cosine) pairs, best first."""
        ...

    def vectors_for(self, ids: Sequence[int]) -> np.ndarray:
        """The stored vectors of these ids, in order (KeyError for an unknown id)."""
        ...

    def __len__(self) -> int: ...


class _View(NamedTuple):
    """What a reader needs, swapped in as one object so it is never half-updated."""

    matrix: np.ndarray  # (capacity, dim) float32; rows [0, size) are live
    ids: np.ndarray  # (capacity,) int64
    boards: np.ndarray  # (capacity,) int64
    size: int


def _board_mask(boards: np.ndarray, allowed: frozenset[int]) -> np.ndarray:
    """Which rows are on an allowed board (ids are >= 0; see NumpyVectorIndex.add)."""
    wanted = np.fromiter(allowed, dtype=np.int64, count=len(allowed))
    if len(wanted) == 0 or wanted.max() < 0:
        return np.zeros(len(boards), dtype=bool)
    top = int(wanted.max())
    if top >= 1 << 20:  # a lookup table would be large: fall back to a sorted search
        return np.isin(boards, wanted)
    # A lookup table: 10x faster than np.isin at 100k rows. Boards above the highest wanted
    # id land on the last slot, which is never set.
    table = np.zeros(top + 2, dtype=bool)
    table[wanted[wanted >= 0]] = True
    return table[np.minimum(boards, top + 1)]


class NumpyVectorIndex:
    """Exact search: one contiguous float32 matrix, scored in one pass over the live rows and
    cut to the top k with argpartition (O(n), not a full sort).

    Writes: capacity doubles when full (amortised O(1) per added row, no copy per add); remove
    moves the last row into the hole (swap-remove), so the live rows stay dense.

    Concurrency: writers serialise on a lock. Readers take no lock: they read a version
    counter, search the current view, and keep the answer only if the version did not move
    meanwhile (a sequence lock; a writer makes it odd while it changes rows in place). A
    reader that keeps losing that race searches under the lock instead. So searches never
    wait for each other, rarely for a writer, and never see a half-done write.
    """

    def __init__(self, dim: int | None = None, *, capacity: int = 1024) -> None:
        self._dim = dim
        self._initial_capacity = max(int(capacity), 1)
        empty = np.zeros(0, dtype=np.int64)
        self._view = _View(np.zeros((0, dim or 0), dtype=np.float32), empty, empty, 0)
        self._row: dict[int, int] = {}  # idea id -> row
        self._lock = threading.Lock()
        self._version = 0  # odd while a write is in progress

    def __len__(self) -> int:
        return self._view.size

    def __contains__(self, idea_id: object) -> bool:
        return idea_id in self._row

    @property
    def dim(self) -> int | None:
        return self._dim

    # ---- writes ----

    def _begin_write(self) -> None:
        self._version += 1

    def _end_write(self, view: _View) -> None:
        self._view = view
        self._version += 1

    def _grown(self, view: _View, dim: int, needed: int) -> _View:
        """The view with room for `needed` rows (a new, larger matrix only when full)."""
        capacity = view.matrix.shape[0]
        if needed <= capacity:
            return view
        new_capacity = max(needed, 2 * capacity, self._initial_capacity)
        matrix = np.zeros((new_capacity, dim), dtype=np.float32)
        ids = np.zeros(new_capacity, dtype=np.int64)
        boards = np.zeros(new_capacity, dtype=np.int64)
        n = view.size
        if n:
            matrix[:n] = view.matrix[:n]
            ids[:n] = view.ids[:n]
            boards[:n] = view.boards[:n]
        return _View(matrix, ids, boards, n)

    def add(
        self, ids: Sequence[int], vectors: np.ndarray, board_ids: Sequence[int] | None = None
    ) -> None:
        id_list = [int(i) for i in ids]
        if not id_list:
            return
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.ndim == 1:
            vectors = vectors.reshape(1, -1)
        if vectors.shape[0] != len(id_list):
            raise ValueError(f"{len(id_list)} ids but {vectors.shape[0]} vectors")
        boards = [0] * len(id_list) if board_ids is None else [int(b) for b in board_ids]
        if len(boards) != len(id_list):
            raise ValueError(f"{len(id_list)} ids but {len(boards)} board ids")
        if boards and min(boards) < 0:
            raise ValueError("board ids must be >= 0")
        dim = int(vectors.shape[1])
        with self._lock:
            if self._dim is None:
                self._dim = dim
            elif dim != self._dim:
                raise ValueError(f"vectors have {dim} dimensions, the index {self._dim}")
            self._begin_write()
            view = self._view
            try:
                # Rows: the existing one for known ids (upsert), new rows at the end otherwise;
                # an id repeated within the call keeps its last vector.
                rows = np.empty(len(id_list), dtype=np.int64)
                size = view.size
                fresh: dict[int, int] = {}
                for n, idea_id in enumerate(id_list):
                    row = self._row.get(idea_id, fresh.get(idea_id))
                    if row is None:
                        row = fresh[idea_id] = size
                        size += 1
                    rows[n] = row
                view = self._grown(view, dim, size)
                view.matrix[rows] = vectors
                view.ids[rows] = id_list
                view.boards[rows] = boards
                self._row.update(fresh)
                view = view._replace(size=size)
            finally:
                self._end_write(view)

    def remove(self, ids: Iterable[int]) -> None:
        with self._lock:
            self._begin_write()
            view = self._view
            size = view.size
            try:
                for idea_id in ids:
                    row = self._row.pop(int(idea_id), None)
                    if row is None:
                        continue
                    last = size - 1
                    if row != last:  # move the last row into the hole
                        view.matrix[row] = view.matrix[last]
                        view.ids[row] = view.ids[last]
                        view.boards[row] = view.boards[last]
                        self._row[int(view.ids[row])] = row
                    size = last
            finally:
                self._end_write(view._replace(size=size))

    # ---- reads ----

    def vectors_for(self, ids: Sequence[int]) -> np.ndarray:
        with self._lock:  # rare (duplicate candidates, lexical-only hits): keep it simple
            view = self._view
            rows = [self._row[int(i)] for i in ids]
            return view.matrix[rows].copy().reshape(len(rows), self._dim or 0)

    def search(
        self, vector: np.ndarray, k: int, filters: IndexFilter | None = None
    ) -> list[tuple[int, float]]:
        if k <= 0:
            return []
        query = np.asarray(vector, dtype=np.float32).reshape(-1)
        for _ in range(3):
            version = self._version
            if version % 2 == 0:
                found = self._search_view(self._view, query, k, filters)
                if self._version == version:
                    return found
        with self._lock:  # writes kept interleaving: wait for a quiet moment
            return self._search_view(self._view, query, k, filters)

    def _search_view(
        self, view: _View, query: np.ndarray, k: int, filters: IndexFilter | None
    ) -> list[tuple[int, float]]:
        n = view.size
        if n == 0:
            return []
        # einsum, not `@`: NumPy's own single-threaded loop instead of BLAS. A multi-threaded
        # BLAS call is ~1.5 ms faster at 100k alone, but its idle workers then spin against the
        # model's threads on the same cores and the request's p95 suffered (bench/
        # similar_latency.py); one request per core is also what a web worker should use.
        scores = np.einsum("ij,j->i", view.matrix[:n], query)
        if filters is not None:
            if filters.board_ids is not None:
                scores[~_board_mask(view.boards[:n], filters.board_ids)] = -np.inf
            if filters.exclude_ids:
                rows = [self._row.get(int(i), n) for i in filters.exclude_ids]
                scores[[r for r in rows if r < n]] = -np.inf
        k = min(k, n)
        top = np.argpartition(scores, n - k)[n - k :] if k < n else np.arange(n)
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(view.ids[r]), float(scores[r])) for r in top if scores[r] != -np.inf]
