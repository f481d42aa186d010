"""Nearest-neighbour search over idea vectors, behind one small interface.

Owns the `VectorIndex` protocol (what similar-ideas and duplicate detection need from any
backend) and its two backends: `NumpyVectorIndex`, the exact in-process default, and
`PgVectorIndex`, an HNSW index in PostgreSQL (pgvector) shared by every process of every node,
chosen when the app runs on PostgreSQL with the `vector` extension (`pgvector_available`). The
database rows of idea embeddings are the source of truth; an index is a cache that can always
be rebuilt from them.

Vectors are L2-normalised by the encoder, so cosine similarity is a plain dot product.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

import numpy as np
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IndexFilter:
    """Which ideas a search may return."""

    board_ids: frozenset[int] | None = None  # None: every board
    exclude_ids: frozenset[int] = field(default_factory=frozenset)


def _checked_batch(
    ids: Sequence[int], vectors: np.ndarray, board_ids: Sequence[int] | None
) -> tuple[list[int], np.ndarray, list[int]]:
    """The arguments of add(), checked the same way for every backend: one float32 row and
    one board (default 0, never negative) per id."""
    id_list = [int(i) for i in ids]
    vectors = np.asarray(vectors, dtype=np.float32)
    if not id_list:
        return [], vectors, []
    if vectors.ndim == 1:
        vectors = vectors.reshape(1, -1)
    if vectors.shape[0] != len(id_list):
        raise ValueError(f"{len(id_list)} ids but {vectors.shape[0]} vectors")
    boards = [0] * len(id_list) if board_ids is None else [int(b) for b in board_ids]
    if len(boards) != len(id_list):
        raise ValueError(f"{len(id_list)} ids but {len(boards)} board ids")
    if boards and min(boards) < 0:
        raise ValueError("board ids must be >= 0")
    return id_list, vectors, boards


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

    def known_vectors(self, ids: Sequence[int]) -> tuple[list[int], np.ndarray]:
        """Those of these ids the index holds, in order, and their vectors (one look-up)."""
        ...

    def __len__(self) -> int: ...


class _View(NamedTuple):
    """What a reader needs, swapped in as one object so it is never half-updated."""

    matrix: np.ndarray  # (capacity, dim) float32; rows [0, size) are live
    ids: np.ndarray  # (capacity,) int64
    boards: np.ndarray  # (capacity,) int64
    size: int
    # Large indexes only (see NumpyVectorIndex): each row projected on `basis`, the leading
    # principal directions of the stored vectors, (capacity, SKETCH_DIM) and (dim, SKETCH_DIM).
    sketch: np.ndarray | None = None
    basis: np.ndarray | None = None


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


SKETCH_FROM = 20_000  # rows from which a search runs in two stages (below: ~1.5 ms exact)
SKETCH_DIM = 128
SKETCH_SAMPLE = 20_000  # rows the principal directions are fitted on


def _fit_basis(matrix: np.ndarray) -> np.ndarray:
    """The SKETCH_DIM leading principal directions of these rows, (dim, SKETCH_DIM); all of
    them for vectors of fewer dimensions."""
    rows = matrix
    if len(rows) > SKETCH_SAMPLE:  # a fixed, spread sample: the same index fits the same way
        rows = matrix[np.linspace(0, len(matrix) - 1, SKETCH_SAMPLE).astype(np.int64)]
    # Not centred: search scores raw dot products, so the directions that carry most of the
    # rows' squared length (mean included) are the ones to keep.
    _, _, directions = np.linalg.svd(rows.astype(np.float64), full_matrices=False)
    return np.ascontiguousarray(directions[:SKETCH_DIM].T, dtype=np.float32)


POOL_SAMPLE_STEP = 8  # _best_rows reads every 8th score to guess its cut


def _best_rows(scores: np.ndarray, pool: int) -> np.ndarray:
    """Rows holding the `pool` best scores (-inf: ruled out, never returned), in no order;
    a few hundred more may come along.

    A cut guessed from every POOL_SAMPLE_STEP-th score and then one comparison over all of
    them is ten times cheaper at 100k rows than argpartition (0.1 vs 1 ms). Every row at or
    above the cut is kept, so when at least `pool` rows are, the best `pool` are among them;
    when the guess keeps too few or far too many (a filter that rules most rows out), this
    falls back to argpartition, whose answer it is."""
    n = len(scores)
    sample = scores[::POOL_SAMPLE_STEP]
    # A quarter more than the pool's share of the sample, so that the cut falls short of
    # the pool only when the sample is far from typical.
    take = min(len(sample), (pool * 5) // (4 * POOL_SAMPLE_STEP) + 8)
    cut = np.partition(sample, len(sample) - take)[len(sample) - take]
    if cut != -np.inf:
        rows = np.flatnonzero(scores >= cut)
        if pool <= len(rows) <= 4 * pool:
            return rows
    rows = np.argpartition(scores, n - pool)[n - pool :]
    return rows[scores[rows] != -np.inf]


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

    Large indexes (from `sketch_from` rows, 20,000 by default) search in two stages. One pass
    over 100k x 384 float32 rows reads 150 MB and takes 6-7 ms on these machines, bound by
    memory bandwidth, not arithmetic. So each row also keeps a sketch: its projection on the
    128 leading principal directions of the stored vectors (a third of the bytes). The first
    stage scores the sketches and keeps the best `max(20 k, 1000)` rows; the second scores
    those rows exactly, and the answer is their exact top k. A true top-k row is lost only if
    the dimensions the sketch drops push it below a thousand others. On the SeaMonkey
    reports the sketch keeps 87% of the variance, its error has a standard deviation of 0.008
    in cosine, and every exact top-10 was kept even with 50 candidates.
    `bench/similar_latency.py` prints the recall against exact search at 100k. The directions
    are fitted on a sample of up to 20,000 rows when the index reaches `sketch_from` rows,
    and fitted again each time it has doubled since.
    """

    def __init__(
        self, dim: int | None = None, *, capacity: int = 1024, sketch_from: int = SKETCH_FROM
    ) -> None:
        self._sketch_from = max(int(sketch_from), SKETCH_DIM + 1)
        self._sketched_at = 0  # rows when the basis was last fitted
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
        sketch = None
        if view.sketch is not None:
            sketch = np.zeros((new_capacity, view.sketch.shape[1]), dtype=np.float32)
            sketch[:n] = view.sketch[:n]
        if n:
            matrix[:n] = view.matrix[:n]
            ids[:n] = view.ids[:n]
            boards[:n] = view.boards[:n]
        return _View(matrix, ids, boards, n, sketch, view.basis)

    def add(
        self, ids: Sequence[int], vectors: np.ndarray, board_ids: Sequence[int] | None = None
    ) -> None:
        id_list, vectors, boards = _checked_batch(ids, vectors, board_ids)
        if not id_list:
            return
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
                if view.sketch is not None and view.basis is not None:
                    view.sketch[rows] = vectors @ view.basis
                self._row.update(fresh)
                view = view._replace(size=size)
            finally:
                self._end_write(view)
            self._maybe_fit_sketch()

    def _maybe_fit_sketch(self) -> None:
        """Fit the sketch's directions when the index reaches sketch_from rows, and again
        each time it doubles. Runs under the writers' lock but outside the write window:
        searches keep using the current view until the new one is swapped in."""
        view = self._view
        n = view.size
        if n < self._sketch_from or (self._sketched_at and n < 2 * self._sketched_at):
            return
        basis = _fit_basis(view.matrix[:n])
        sketch = np.zeros((view.matrix.shape[0], basis.shape[1]), dtype=np.float32)
        sketch[:n] = view.matrix[:n] @ basis
        self._sketched_at = n
        self._begin_write()
        self._end_write(view._replace(sketch=sketch, basis=basis))

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
                        if view.sketch is not None:
                            view.sketch[row] = view.sketch[last]
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

    def known_vectors(self, ids: Sequence[int]) -> tuple[list[int], np.ndarray]:
        with self._lock:
            known = [int(i) for i in ids if int(i) in self._row]
            rows = [self._row[i] for i in known]
            return known, self._view.matrix[rows].copy().reshape(len(rows), self._dim or 0)

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
        if view.sketch is not None and view.basis is not None and n >= self._sketch_from:
            return self._search_two_stage(view, query, k, filters)
        scores = np.einsum("ij,j->i", view.matrix[:n], query)
        self._apply_filters(scores, view, filters)
        return self._top(scores, np.arange(n), view, k)

    def _search_two_stage(
        self, view: _View, query: np.ndarray, k: int, filters: IndexFilter | None
    ) -> list[tuple[int, float]]:
        n = view.size
        assert view.sketch is not None and view.basis is not None
        approx = np.einsum("ij,j->i", view.sketch[:n], query @ view.basis)
        self._apply_filters(approx, view, filters)
        rows = _best_rows(approx, min(n, max(20 * k, 1000)))
        exact = np.einsum("ij,j->i", view.matrix[rows], query)
        return self._top(exact, rows, view, k)

    def _apply_filters(self, scores: np.ndarray, view: _View, filters: IndexFilter | None) -> None:
        """Rule out (score -inf) the rows the filter does not allow."""
        n = view.size
        if filters is None:
            return
        if filters.board_ids is not None:
            scores[~_board_mask(view.boards[:n], filters.board_ids)] = -np.inf
        if filters.exclude_ids:
            rows = [self._row.get(int(i), n) for i in filters.exclude_ids]
            scores[[r for r in rows if r < n]] = -np.inf

    @staticmethod
    def _top(scores: np.ndarray, rows: np.ndarray, view: _View, k: int) -> list[tuple[int, float]]:
        """The k best of these rows (scores[i] belongs to rows[i]), best first."""
        m = len(rows)
        k = min(k, m)
        if k <= 0:
            return []
        top = np.argpartition(scores, m - k)[m - k :] if k < m else np.arange(m)
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(view.ids[rows[t]]), float(scores[t])) for t in top if scores[t] != -np.inf]


# ---- pgvector: an HNSW index in PostgreSQL, shared by every process ----

# The table migration 0010 creates (a copy of this DDL is frozen there). `embedding` has no
# declared dimension, so one table serves any model; each dimension gets its own partial HNSW
# index on the cast column (created by the migration for the bundled model's 384, on first use
# otherwise). board_id is denormalised from idea so a filtered search stays one index scan.
PG_TABLE_DDL = """
CREATE TABLE IF NOT EXISTS {table} (
    idea_id integer PRIMARY KEY{references},
    board_id integer NOT NULL,
    model_name varchar(120) NOT NULL,
    dim integer NOT NULL,
    embedding vector NOT NULL,
    updated_at timestamp without time zone
)
"""
PG_HNSW_DDL = (
    "CREATE INDEX IF NOT EXISTS {table}_hnsw_{dim} ON {table} USING hnsw "
    "((embedding::vector({dim})) vector_cosine_ops) WHERE dim = {dim}"
)
DEFAULT_TABLE = "idea_vector"


def pgvector_available(conn: Connection, table: str = DEFAULT_TABLE) -> bool:
    """On PostgreSQL with the vector extension installed and the index table migrated."""
    if conn.dialect.name != "postgresql":
        return False
    found = conn.execute(
        text(
            "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector') "
            "AND to_regclass(:table) IS NOT NULL"
        ),
        {"table": table},
    ).scalar()
    return bool(found)


_EF_SEARCH = "ideaportal_hnsw_ef_search"  # in the pooled connection's info


def _use_ef_search(conn: Connection, ef: int) -> None:
    """Let HNSW searches on this connection visit `ef` candidates: set for the connection's
    session, once (the value is kept with the pooled connection), so that a search is one
    plain SELECT: one round trip, where SET LOCAL in a transaction of its own made it
    three (BEGIN with the SET, the SELECT, COMMIT). Only HNSW index scans read it."""
    info = conn.connection.info
    if info.get(_EF_SEARCH) != ef:
        conn.execute(text(f"SET hnsw.ef_search = {int(ef)}"))
        conn.commit()  # a session setting made in a transaction lasts only if it commits
        info[_EF_SEARCH] = ef


def _pg_vector(vector: np.ndarray) -> str:
    """pgvector's text form; repr of each float32 (as a double) reads back exactly."""
    return "[" + ",".join(map(repr, np.asarray(vector, dtype=np.float32).tolist())) + "]"


def _parse_pg_vector(value: bytes) -> np.ndarray:
    """pgvector's binary form (vector_send): two int16 (dimension, unused), then the floats,
    big-endian. Parsing the text form took 0.1 ms per 384-dimension vector, five times
    this."""
    return np.frombuffer(value, dtype=">f4", offset=4).astype(np.float32)


class PgVectorIndex:
    """Approximate nearest neighbours by cosine in PostgreSQL: pgvector's HNSW index.

    Shared: every process of every node reads and writes the same table, so a vector added by
    the job worker is found by all web workers at once and no process holds the vectors in
    memory. Approximate: HNSW visits `ef_search` candidates (at least 2k) and then applies the
    filters; when that leaves fewer than k hits (a restrictive board filter, a small table) the
    search runs again exactly, by a scan, so a filter never starves the answer.

    A search is one plain SELECT on `engine`'s pool (HNSW's `ef_search` is set once per
    pooled connection); a write runs in a short transaction of its own.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        model_name: str,
        dim: int | None = None,
        table: str = DEFAULT_TABLE,
        ef_search: int = 100,
    ) -> None:
        if not table.isidentifier():
            raise ValueError(f"not a table name: {table!r}")
        self.engine = engine
        self.model_name = model_name
        self.table = table
        self.ef_search = ef_search
        self._dim: int | None = None
        self._lock = threading.Lock()
        if dim is not None:
            self._use_dim(dim)

    @classmethod
    def create_table(cls, conn: Connection, table: str = DEFAULT_TABLE) -> None:
        """A stand-alone table of the migration's shape (no foreign key to idea)."""
        conn.execute(text("CREATE EXTENSION IF NOT EXISTS vector"))
        conn.execute(text(PG_TABLE_DDL.format(table=table, references="")))

    @property
    def dim(self) -> int | None:
        return self._dim

    def _use_dim(self, dim: int) -> None:
        """Fix the dimension, making sure its HNSW index exists (once per process)."""
        with self._lock:
            if self._dim == dim:
                return
            if self._dim is not None:
                raise ValueError(f"vectors have {dim} dimensions, the index {self._dim}")
            exists = f"{self.table}_hnsw_{int(dim)}"
            with self.engine.begin() as conn:
                if conn.execute(text("SELECT to_regclass(:n)"), {"n": exists}).scalar() is None:
                    try:
                        conn.execute(text(PG_HNSW_DDL.format(table=self.table, dim=int(dim))))
                    except Exception:  # another process created it meanwhile
                        log.info("HNSW index %s: created concurrently", exists)
            self._dim = int(dim)

    def __len__(self) -> int:
        with self.engine.connect() as conn:
            return int(
                conn.execute(
                    text(f"SELECT count(*) FROM {self.table} WHERE model_name = :m"),  # noqa: S608
                    {"m": self.model_name},
                ).scalar_one()
            )

    def __contains__(self, idea_id: object) -> bool:
        if not isinstance(idea_id, int):
            return False
        with self.engine.connect() as conn:
            return (
                conn.execute(
                    text(f"SELECT 1 FROM {self.table} WHERE idea_id = :i AND model_name = :m"),  # noqa: S608
                    {"i": idea_id, "m": self.model_name},
                ).first()
                is not None
            )

    # ---- writes ----

    def add(
        self, ids: Sequence[int], vectors: np.ndarray, board_ids: Sequence[int] | None = None
    ) -> None:
        self.upsert(ids, vectors, board_ids)

    def upsert(
        self,
        ids: Sequence[int],
        vectors: np.ndarray,
        board_ids: Sequence[int] | None = None,
        updated_at: Sequence[Any] | None = None,
        *,
        conn: Connection | None = None,
    ) -> None:
        id_list, vectors, boards = _checked_batch(ids, vectors, board_ids)
        if not id_list:
            return
        dim = int(vectors.shape[1])
        self._use_dim(dim)
        # An id repeated within the call keeps its last vector, as in NumpyVectorIndex.
        last = {idea_id: n for n, idea_id in enumerate(id_list)}
        rows = [
            {
                "id": idea_id,
                "board": boards[n],
                "model": self.model_name,
                "dim": dim,
                "vec": _pg_vector(vectors[n]),
                "at": None if updated_at is None else updated_at[n],
            }
            for idea_id, n in last.items()
        ]
        statement = text(
            f"INSERT INTO {self.table} (idea_id, board_id, model_name, dim, embedding, updated_at) "  # noqa: S608
            "VALUES (:id, :board, :model, :dim, CAST(:vec AS vector), :at) "
            "ON CONFLICT (idea_id) DO UPDATE SET board_id = excluded.board_id, "
            "model_name = excluded.model_name, dim = excluded.dim, "
            "embedding = excluded.embedding, updated_at = excluded.updated_at"
        )
        if conn is not None:
            conn.execute(statement, rows)
            return
        with self.engine.begin() as own:
            for start in range(0, len(rows), 1000):
                own.execute(statement, rows[start : start + 1000])

    def remove(self, ids: Iterable[int]) -> None:
        id_list = [int(i) for i in ids]
        if not id_list:
            return
        with self.engine.begin() as conn:
            conn.execute(
                text(f"DELETE FROM {self.table} WHERE idea_id = ANY(:ids)"),  # noqa: S608
                {"ids": id_list},
            )

    def catch_up(self, conn: Connection) -> int:
        """Copy the embedding rows (the source of truth) that this table lacks, or holds in an
        older version or on another board, into it. Returns how many. One query finds them,
        whichever process wrote them, so catching up is cheap when nothing changed."""
        rows = conn.execute(
            text(
                "SELECT e.idea_id, e.vector, i.board_id, e.updated_at "  # noqa: S608
                "FROM idea_embedding e JOIN idea i ON i.id = e.idea_id "
                f"LEFT JOIN {self.table} v ON v.idea_id = e.idea_id "
                "WHERE e.model_name = :m AND (v.idea_id IS NULL OR v.model_name <> e.model_name "
                "OR v.updated_at IS DISTINCT FROM e.updated_at OR v.board_id <> i.board_id)"
            ),
            {"m": self.model_name},
        ).all()
        for start in range(0, len(rows), 1000):
            chunk = rows[start : start + 1000]
            self.upsert(
                [r[0] for r in chunk],
                np.vstack([np.frombuffer(r[1], dtype=np.float32) for r in chunk]),
                [r[2] for r in chunk],
                [r[3] for r in chunk],
            )
        return len(rows)

    # ---- reads ----

    def vectors_for(self, ids: Sequence[int]) -> np.ndarray:
        id_list = [int(i) for i in ids]
        known, vectors = self.known_vectors(id_list)
        if len(known) != len(id_list):
            raise KeyError(next(i for i in id_list if i not in set(known)))
        return vectors

    def known_vectors(self, ids: Sequence[int]) -> tuple[list[int], np.ndarray]:
        id_list = [int(i) for i in ids]
        found: dict[int, bytes] = {}
        if id_list:
            with self.engine.connect() as conn:
                found = dict(
                    conn.execute(
                        text(
                            f"SELECT idea_id, vector_send(embedding) FROM {self.table} "  # noqa: S608
                            "WHERE idea_id = ANY(:ids) AND model_name = :m"
                        ),
                        {"ids": id_list, "m": self.model_name},
                    ).all()
                )
        known = [i for i in id_list if i in found]
        if not known:  # as the NumPy index: an empty (0, dim) array, not an error
            return [], np.zeros((0, self._dim or 0), dtype=np.float32)
        return known, np.vstack([_parse_pg_vector(found[i]) for i in known]).reshape(
            len(known), self._dim or 0
        )

    def search(
        self, vector: np.ndarray, k: int, filters: IndexFilter | None = None
    ) -> list[tuple[int, float]]:
        if k <= 0 or self._dim is None:
            return []
        query = np.asarray(vector, dtype=np.float32).reshape(-1)
        if query.shape[0] != self._dim:
            raise ValueError(f"query has {query.shape[0]} dimensions, the index {self._dim}")
        if filters is not None and filters.board_ids is not None and not filters.board_ids:
            return []
        hits = self._query(query, k, filters, exact=False)
        if len(hits) < k:  # the filter or a tiny table starved HNSW's candidates: scan exactly
            hits = self._query(query, k, filters, exact=True)
        return hits

    def _query(
        self, query: np.ndarray, k: int, filters: IndexFilter | None, *, exact: bool
    ) -> list[tuple[int, float]]:
        dim = int(self._dim or 0)
        distance = f"(embedding::vector({dim}) <=> CAST(:q AS vector({dim})))"
        where = [f"dim = {dim}", "model_name = :m"]
        params: dict[str, Any] = {"q": _pg_vector(query), "m": self.model_name, "k": int(k)}
        if filters is not None:
            if filters.board_ids is not None:
                where.append("board_id = ANY(:boards)")
                params["boards"] = sorted(int(b) for b in filters.board_ids)
            if filters.exclude_ids:
                where.append("NOT (idea_id = ANY(:excluded))")
                params["excluded"] = sorted(int(i) for i in filters.exclude_ids)
        # The index serves ORDER BY <the indexed expression> <=> constant and nothing else: a
        # second sort key (the id, for ties) made PostgreSQL scan and sort every row (44 ms
        # at 100k ideas instead of a few). Adding zero makes the exact query that scan on
        # purpose; ties are ordered by id here, after the fetch.
        order = f"{distance} + 0, idea_id" if exact else distance
        sql = (
            f"SELECT idea_id, 1 - {distance} FROM {self.table} "  # noqa: S608
            f"WHERE {' AND '.join(where)} ORDER BY {order} LIMIT :k"
        )
        with self.engine.connect() as conn:
            if not exact:
                _use_ef_search(conn, min(max(self.ef_search, 2 * k), 1000))
            rows = conn.execute(text(sql), params).all()
        hits = [(int(i), float(score)) for i, score in rows]
        return sorted(hits, key=lambda hit: (-hit[1], hit[0]))
