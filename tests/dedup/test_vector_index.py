"""Both VectorIndex backends against brute force: upsert, remove, filters, top-k, growth;
and the NumPy index's lock-free reads under concurrent writes.

The pgvector backend runs on a real PostgreSQL with pgvector, started once per test session
by the `pgserver` package in a temporary folder (it bundles both; as root it runs the server
as an unprivileged user of its own). Each test gets tables of its own.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine

from ideaportal.dedup.vector_index import (
    IndexFilter,
    NumpyVectorIndex,
    PgVectorIndex,
    VectorIndex,
    _best_rows,
)

DIM = 8
SCORE_TOLERANCE = 1e-5  # float32 scores, summed in a different order by each backend

MakeIndex = Callable[[], VectorIndex]


@pytest.fixture(scope="session")
def pgserver_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A SQLAlchemy URL of a throwaway PostgreSQL 16 with pgvector, for this session."""
    pgserver = pytest.importorskip("pgserver")
    folder = Path(tmp_path_factory.getbasetemp()) / "pgserver"
    server = pgserver.get_server(folder, cleanup_mode="stop")
    server.psql("CREATE EXTENSION IF NOT EXISTS vector;")
    try:
        # psycopg over the server's unix socket (pgserver listens on no TCP port).
        yield server.get_uri().replace("postgresql://", "postgresql+psycopg://", 1)
    finally:
        server.cleanup()


@pytest.fixture(scope="session")
def pg_engine(pgserver_url: str) -> Iterator[Engine]:
    engine = create_engine(pgserver_url)
    yield engine
    engine.dispose()


@pytest.fixture(params=["numpy", "pgvector"])
def make_index(request: pytest.FixtureRequest) -> Iterator[MakeIndex]:
    """A factory of empty indexes of one backend (each pgvector one on a table of its own)."""
    if request.param == "numpy":
        yield lambda: NumpyVectorIndex(capacity=2)  # small: growth happens in every test
        return
    engine: Engine = request.getfixturevalue("pg_engine")
    tables: list[str] = []

    def make() -> VectorIndex:
        table = f"vectors_{uuid.uuid4().hex[:12]}"
        with engine.begin() as conn:
            PgVectorIndex.create_table(conn, table)
        tables.append(table)
        return PgVectorIndex(engine, model_name="test-model", table=table)

    yield make
    with engine.begin() as conn:
        for table in tables:
            conn.execute(text(f"DROP TABLE IF EXISTS {table}"))


def unit(rng: np.random.Generator, n: int, dim: int = DIM) -> np.ndarray:
    v = rng.normal(size=(n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def brute_force(
    stored: dict[int, tuple[np.ndarray, int]],
    query: np.ndarray,
    k: int,
    flt: IndexFilter | None = None,
) -> list[int]:
    rows = [
        (float(vec @ query), idea_id)
        for idea_id, (vec, board) in stored.items()
        if flt is None
        or ((flt.board_ids is None or board in flt.board_ids) and idea_id not in flt.exclude_ids)
    ]
    rows.sort(key=lambda r: -r[0])
    return [i for _, i in rows[:k]]


def assert_top_k(
    hits: list[tuple[int, float]],
    stored: dict[int, tuple[np.ndarray, int]],
    query: np.ndarray,
    k: int,
    flt: IndexFilter | None = None,
) -> None:
    """The hits are a correct top k: allowed ids, each with its true cosine, best first, and
    the same scores as brute force's top k (ids of equal scores may come in either order)."""
    expected = brute_force(stored, query, k, flt)
    assert len(hits) == len(expected)
    assert len({i for i, _ in hits}) == len(hits)
    allowed = set(brute_force(stored, query, len(stored), flt))
    for idea_id, score in hits:
        assert idea_id in allowed
        assert score == pytest.approx(float(stored[idea_id][0] @ query), abs=SCORE_TOLERANCE)
    scores = [s for _, s in hits]
    assert scores == sorted(scores, reverse=True)
    truth = [float(stored[i][0] @ query) for i in expected]
    assert scores == pytest.approx(truth, abs=SCORE_TOLERANCE)


def test_satisfies_the_protocol(make_index: MakeIndex):
    index: VectorIndex = make_index()
    assert len(index) == 0
    assert index.search(np.ones(DIM, dtype=np.float32), 5) == []


def test_asking_for_no_vectors_gets_an_empty_array(make_index: MakeIndex):
    """Similar ideas ask for the vectors of the text hits; a query with none must not fail
    (it answered 500 on pgvector when the typed text matched no word)."""
    index = make_index()
    index.add([1, 2], unit(np.random.default_rng(3), 2))
    assert index.vectors_for([]).shape == (0, DIM)


def test_search_is_exact_best_first_with_cosine_scores(make_index: MakeIndex):
    rng = np.random.default_rng(1)
    vectors = unit(rng, 300)
    index = make_index()
    index.add(list(range(100, 400)), vectors)
    stored = {100 + n: (v, 0) for n, v in enumerate(vectors)}
    query = unit(rng, 1)[0]
    assert_top_k(index.search(query, 10), stored, query, 10)
    assert len(index.search(query, 1000)) == 300  # k larger than the index


def test_add_is_an_upsert_and_remove_is_exact(make_index: MakeIndex):
    rng = np.random.default_rng(2)
    index = make_index()
    a, b, c = unit(rng, 3)
    index.add([1, 2, 3], np.stack([a, b, c]), [10, 10, 20])
    index.add([2], b[None, :] * -1, [20])  # move idea 2 to another board with a new vector
    assert len(index) == 3
    assert np.allclose(index.vectors_for([2, 1]), np.stack([-b, a]))
    assert index.search(-b, 1) == [(2, pytest.approx(1.0))]
    assert index.search(-b, 3, IndexFilter(board_ids=frozenset({10})))[0][0] == 1
    index.remove([1, 99])  # unknown ids are ignored
    assert len(index) == 2 and 1 not in index and 3 in index  # type: ignore[operator]
    assert sorted(i for i, _ in index.search(a, 10)) == [2, 3]
    with pytest.raises(KeyError):
        index.vectors_for([1])
    known, vectors = index.known_vectors([3, 1, 2])  # 1 is gone: the others in one look-up
    assert known == [3, 2] and np.allclose(vectors, np.stack([c, -b]))
    assert index.known_vectors([1])[0] == [] and index.known_vectors([1])[1].shape == (0, DIM)
    index.remove([2, 3])
    assert len(index) == 0 and index.search(a, 3) == []
    index.add([7], a[None, :])
    assert index.search(a, 3) == [(7, pytest.approx(1.0))]


def test_repeated_id_in_one_add_keeps_the_last_vector(make_index: MakeIndex):
    rng = np.random.default_rng(3)
    a, b = unit(rng, 2)
    index = make_index()
    index.add([5, 5], np.stack([a, b]))
    assert len(index) == 1
    assert np.allclose(index.vectors_for([5])[0], b)


def test_filters_by_board_and_excluded_ids(make_index: MakeIndex):
    rng = np.random.default_rng(4)
    vectors = unit(rng, 50)
    boards = [i % 3 for i in range(50)]
    index = make_index()
    index.add(list(range(50)), vectors, boards)
    stored = {i: (vectors[i], boards[i]) for i in range(50)}
    query = unit(rng, 1)[0]
    for flt in (
        IndexFilter(board_ids=frozenset({1})),
        IndexFilter(board_ids=frozenset({0, 2}), exclude_ids=frozenset({0, 2, 4})),
        IndexFilter(exclude_ids=frozenset(range(45))),
        IndexFilter(board_ids=frozenset()),
        IndexFilter(board_ids=frozenset({7, 1 << 30})),  # unknown boards, huge id
    ):
        assert_top_k(index.search(query, 8, flt), stored, query, 8, flt)


def test_rejects_wrong_shapes(make_index: MakeIndex):
    index = make_index()
    index.add([1], np.ones((1, DIM), dtype=np.float32))
    with pytest.raises(ValueError):
        index.add([2], np.ones((1, DIM + 1), dtype=np.float32))
    with pytest.raises(ValueError):
        index.add([2, 3], np.ones((1, DIM), dtype=np.float32))
    with pytest.raises(ValueError):
        index.add([2], np.ones((1, DIM), dtype=np.float32), [-1])


operations = st.lists(
    st.one_of(
        st.tuples(
            st.just("add"),
            st.lists(st.integers(0, 30), min_size=1, max_size=8),
            st.integers(0, 3),
        ),
        st.tuples(st.just("remove"), st.lists(st.integers(0, 30), max_size=5), st.just(0)),
    ),
    max_size=25,
)


@given(operations, st.integers(1, 12), st.integers(0, 2**32 - 1))
@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_matches_brute_force_after_any_history(make_index: MakeIndex, ops, k, seed):
    rng = np.random.default_rng(seed)
    index = make_index()
    stored: dict[int, tuple[np.ndarray, int]] = {}
    for op, ids, board in ops:
        if op == "add":
            vectors = unit(rng, len(ids))
            index.add(ids, vectors, [board] * len(ids))
            for i, v in zip(ids, vectors, strict=True):
                stored[i] = (v, board)
        else:
            index.remove(ids)
            for i in ids:
                stored.pop(i, None)
    assert len(index) == len(stored)
    query = unit(rng, 1)[0]
    flt = IndexFilter(board_ids=frozenset({0, 1}), exclude_ids=frozenset({3, 4}))
    assert_top_k(index.search(query, k), stored, query, k)
    assert_top_k(index.search(query, k, flt), stored, query, k, flt)


def test_concurrent_searches_never_see_a_half_done_write():
    """Every id keeps one vector for life, so a hit whose score is not that vector's cosine
    would be a torn read (an id paired with another row's vector mid swap-remove)."""
    rng = np.random.default_rng(5)
    n = 400
    vectors = unit(rng, n, 32)
    index = NumpyVectorIndex(capacity=8)
    index.add(list(range(n // 2)), vectors[: n // 2])
    query = unit(rng, 1, 32)[0]
    truth = vectors @ query
    stop = threading.Event()
    errors: list[str] = []

    def writer() -> None:
        local = np.random.default_rng(6)
        while not stop.is_set():
            ids = local.choice(n, size=20, replace=False).tolist()
            index.add(ids, vectors[ids])
            index.remove(local.choice(n, size=20, replace=False).tolist())

    def reader() -> None:
        for _ in range(300):
            hits = index.search(query, 15)
            if len({i for i, _ in hits}) != len(hits):
                errors.append("duplicate id")
            for i, score in hits:
                if abs(score - truth[i]) > 1e-5:
                    errors.append(f"id {i}: {score} != {truth[i]}")
            if [s for _, s in hits] != sorted((s for _, s in hits), reverse=True):
                errors.append("not best first")

    threads = [threading.Thread(target=writer)] + [
        threading.Thread(target=reader) for _ in range(2)
    ]
    for t in threads:
        t.start()
    for t in threads[1:]:
        t.join()
    stop.set()
    threads[0].join()
    assert errors == []


def test_a_search_overlapping_a_write_is_retried():
    """Deterministic version of the race: a swap-remove lands while a search is scoring. The
    lock-free answer is thrown away and the search runs again on the settled index."""
    rng = np.random.default_rng(7)
    vectors = unit(rng, 6)
    index = NumpyVectorIndex()
    index.add(list(range(6)), vectors)
    query = vectors[0]
    real = index._search_view
    calls: list[int] = []

    def racing(view, q, k, flt):
        found = real(view, q, k, flt)
        if not calls:
            index.remove([0])  # a writer thread, as far as the reader can tell
        calls.append(1)
        return found

    index._search_view = racing  # type: ignore[method-assign]
    hits = index.search(query, 3)
    assert len(calls) == 2  # the first answer was stale
    assert 0 not in [i for i, _ in hits]
    assert [i for i, _ in hits] == brute_force({i: (vectors[i], 0) for i in range(1, 6)}, query, 3)


# ---- pgvector only: the HNSW path, and what approximate search must still guarantee ----


@pytest.fixture
def pg_index(pg_engine: Engine) -> Iterator[PgVectorIndex]:
    table = f"vectors_{uuid.uuid4().hex[:12]}"
    with pg_engine.begin() as conn:
        PgVectorIndex.create_table(conn, table)
    yield PgVectorIndex(pg_engine, model_name="test-model", table=table, dim=32)
    with pg_engine.begin() as conn:
        conn.execute(text(f"DROP TABLE IF EXISTS {table}"))


def test_pgvector_searches_through_its_hnsw_index_with_high_recall(pg_index: PgVectorIndex):
    rng = np.random.default_rng(8)
    n = 3000
    vectors = unit(rng, n, 32)
    pg_index.add(list(range(n)), vectors, [i % 4 for i in range(n)])
    query = vectors[17]
    with pg_index.engine.begin() as conn:
        conn.execute(text("ANALYZE " + pg_index.table))
        plan = "\n".join(
            conn.execute(
                text(
                    f"EXPLAIN SELECT idea_id FROM {pg_index.table} WHERE dim = 32 "  # noqa: S608
                    "ORDER BY embedding::vector(32) <=> CAST(:q AS vector(32)) LIMIT 10"
                ),
                {"q": "[" + ",".join(map(str, query.tolist())) + "]"},
            ).scalars()
        )
    assert f"{pg_index.table}_hnsw_32" in plan  # the approximate path is the one measured
    recalled = 0
    for q in unit(rng, 20, 32):
        truth = set(np.argsort(-(vectors @ q))[:10].tolist())
        recalled += len(truth & {i for i, _ in pg_index.search(q, 10)})
    assert recalled / 200 >= 0.9
    assert pg_index.search(query, 1)[0][0] == 17


def test_pgvector_search_is_one_statement_after_the_first_on_a_connection(
    pg_index: PgVectorIndex,
):
    rng = np.random.default_rng(12)
    vectors = unit(rng, 50, 32)
    pg_index.add(list(range(50)), vectors, [1] * 50)
    pg_index.ef_search = 123
    sent: list[str] = []

    def note(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        sent.append(" ".join(statement.split()[:2]))  # what it is and what it sets or reads

    event.listen(pg_index.engine, "before_cursor_execute", note)
    try:
        assert pg_index.search(vectors[3], 5)[0][0] == 3
        assert pg_index.search(vectors[4], 5)[0][0] == 4
    finally:
        event.remove(pg_index.engine, "before_cursor_execute", note)

    # The candidate count is set for the connection's session once; then a search is a
    # single SELECT (no BEGIN, no SET LOCAL, no COMMIT around it).
    assert sent == ["SET hnsw.ef_search", "SELECT idea_id,", "SELECT idea_id,"]
    with pg_index.engine.connect() as conn:  # the pooled connection kept the setting
        assert conn.execute(text("SHOW hnsw.ef_search")).scalar_one() == "123"


def test_pgvector_restrictive_filter_still_fills_k(pg_index: PgVectorIndex):
    """HNSW looks at ef_search candidates before filtering: a board holding 12 of 3000 ideas
    would come back short; the exact fallback returns all of them, best first."""
    rng = np.random.default_rng(9)
    n = 3000
    vectors = unit(rng, n, 32)
    boards = [7 if i % 250 == 0 else 1 for i in range(n)]
    pg_index.add(list(range(n)), vectors, boards)
    stored = {i: (vectors[i], boards[i]) for i in range(n)}
    query = unit(rng, 1, 32)[0]
    flt = IndexFilter(board_ids=frozenset({7}), exclude_ids=frozenset({0}))
    hits = pg_index.search(query, 20, flt)
    assert len(hits) == 11
    assert_top_k(hits, stored, query, 20, flt)


def test_pgvector_is_shared_between_instances(pg_index: PgVectorIndex):
    """Another process's index object sees a write at once (no per-process copy)."""
    rng = np.random.default_rng(10)
    other = PgVectorIndex(pg_index.engine, model_name="test-model", table=pg_index.table, dim=32)
    a = unit(rng, 1, 32)
    pg_index.add([5], a, [2])
    assert other.search(a[0], 1) == [(5, pytest.approx(1.0, abs=SCORE_TOLERANCE))]
    other.remove([5])
    assert pg_index.search(a[0], 1) == []
    different_model = PgVectorIndex(
        pg_index.engine, model_name="another-model", table=pg_index.table, dim=32
    )
    pg_index.add([6], a, [2])
    assert different_model.search(a[0], 1) == []  # vectors of different models never mix


def clustered(rng: np.random.Generator, n: int, dim: int, centres: int = 60) -> np.ndarray:
    """Unit vectors around a few centres, as embeddings of texts on a few topics are."""
    middle = unit(rng, centres, dim)
    rows = middle[rng.integers(0, centres, n)] + rng.normal(0, 0.6 / np.sqrt(dim), (n, dim))
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def test_a_large_index_searches_a_sketch_first_and_answers_as_an_exact_pass():
    rng = np.random.default_rng(11)
    n, dim = 6000, 192
    vectors = clustered(rng, n, dim)
    boards = rng.integers(1, 5, n).tolist()
    two_stage = NumpyVectorIndex(sketch_from=1000)
    exact = NumpyVectorIndex(sketch_from=n + 1)
    for start in range(0, n, 500):  # added in batches, as catch-up does: fitted at 1000 rows
        ids = list(range(start, start + 500))
        two_stage.add(ids, vectors[ids], boards[start : start + 500])
        exact.add(ids, vectors[ids], boards[start : start + 500])
    assert two_stage._view.sketch is not None and exact._view.sketch is None
    flt = IndexFilter(board_ids=frozenset({1, 2, 3}), exclude_ids=frozenset({0, 1, 2}))
    for query in clustered(rng, 40, dim):
        got = two_stage.search(query, 10, flt)
        want = exact.search(query, 10, flt)
        assert [i for i, _ in got] == [i for i, _ in want]
        assert np.allclose([s for _, s in got], [s for _, s in want], atol=SCORE_TOLERANCE)
        assert all(boards[i] in {1, 2, 3} and i > 2 for i, _ in got)


def test_the_sketch_follows_removals_and_replaced_vectors():
    rng = np.random.default_rng(12)
    n, dim = 5000, 160
    vectors = clustered(rng, n, dim)
    index = NumpyVectorIndex(sketch_from=1000)
    index.add(list(range(n)), vectors)
    target = vectors[42]
    assert index.search(target, 1)[0][0] == 42
    before = dict(index._row)
    index.remove(list(range(40, 60)))  # each time the last row moves into the hole
    moved = [i for i, row in index._row.items() if before[i] != row]
    assert len(moved) == 20
    assert 42 not in {i for i, _ in index.search(target, 20)}
    for i in moved:  # found through its sketch row, which moved with it
        assert index.search(vectors[i], 1)[0][0] == i
    index.add([7], target)  # id 7 now holds what 42 held
    best = index.search(target, 1)[0]
    assert best[0] == 7 and best[1] == pytest.approx(1.0, abs=1e-5)


@pytest.mark.parametrize("ruled_out", [0.0, 0.5, 0.97, 0.999, 1.0])
def test_the_sketch_pool_holds_the_best_rows_whatever_the_filter_rules_out(ruled_out: float):
    """The first stage's pool (a cut guessed from a sample of the scores) holds every row
    an exact top-`pool` would, and no ruled-out row, also when a filter leaves few rows."""
    rng = np.random.default_rng(int(ruled_out * 1000))
    for _ in range(20):
        scores = rng.normal(size=30_000).astype(np.float32)
        scores[rng.random(30_000) < ruled_out] = -np.inf
        pool = 1000
        got = set(_best_rows(scores, pool).tolist())
        allowed = np.flatnonzero(scores != -np.inf)
        best = allowed[np.argsort(-scores[allowed], kind="stable")[:pool]]
        assert set(best.tolist()) <= got
        assert all(scores[r] != -np.inf for r in got)
        assert len(got) <= max(4 * pool, len(best))
