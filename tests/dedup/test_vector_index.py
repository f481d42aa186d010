"""NumpyVectorIndex against brute force: upsert, remove, filters, top-k, growth, threads."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ideaportal.dedup.vector_index import IndexFilter, NumpyVectorIndex, VectorIndex

DIM = 8


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


def test_satisfies_the_protocol():
    index: VectorIndex = NumpyVectorIndex()
    assert len(index) == 0
    assert index.search(np.ones(DIM, dtype=np.float32), 5) == []


def test_search_is_exact_best_first_with_cosine_scores():
    rng = np.random.default_rng(1)
    vectors = unit(rng, 300)
    index = NumpyVectorIndex(capacity=4)  # forces several growth steps
    index.add(list(range(100, 400)), vectors)
    query = unit(rng, 1)[0]
    hits = index.search(query, 10)
    expected = np.argsort(-(vectors @ query))[:10] + 100
    assert [i for i, _ in hits] == expected.tolist()
    assert [s for _, s in hits] == pytest.approx((vectors @ query)[expected - 100].tolist())
    assert len(index.search(query, 1000)) == 300  # k larger than the index


def test_add_is_an_upsert_and_remove_is_exact():
    rng = np.random.default_rng(2)
    index = NumpyVectorIndex()
    a, b, c = unit(rng, 3)
    index.add([1, 2, 3], np.stack([a, b, c]), [10, 10, 20])
    index.add([2], b[None, :] * -1, [20])  # move idea 2 to another board with a new vector
    assert len(index) == 3
    assert np.allclose(index.vectors_for([2, 1]), np.stack([-b, a]))
    assert index.search(-b, 1) == [(2, pytest.approx(1.0))]
    assert index.search(-b, 3, IndexFilter(board_ids=frozenset({10})))[0][0] == 1
    index.remove([1, 99])  # unknown ids are ignored
    assert len(index) == 2 and 1 not in index and 3 in index
    assert sorted(i for i, _ in index.search(a, 10)) == [2, 3]
    with pytest.raises(KeyError):
        index.vectors_for([1])
    index.remove([2, 3])
    assert len(index) == 0 and index.search(a, 3) == []
    index.add([7], a[None, :])
    assert index.search(a, 3) == [(7, pytest.approx(1.0))]


def test_repeated_id_in_one_add_keeps_the_last_vector():
    rng = np.random.default_rng(3)
    a, b = unit(rng, 2)
    index = NumpyVectorIndex()
    index.add([5, 5], np.stack([a, b]))
    assert len(index) == 1
    assert np.allclose(index.vectors_for([5])[0], b)


def test_filters_by_board_and_excluded_ids():
    rng = np.random.default_rng(4)
    vectors = unit(rng, 50)
    boards = [i % 3 for i in range(50)]
    index = NumpyVectorIndex()
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
        got = [i for i, _ in index.search(query, 8, flt)]
        assert got == brute_force(stored, query, 8, flt)


def test_rejects_wrong_shapes():
    index = NumpyVectorIndex()
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
@settings(max_examples=150, deadline=None)
def test_matches_brute_force_after_any_history(ops, k, seed):
    rng = np.random.default_rng(seed)
    index = NumpyVectorIndex(capacity=2)
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
    assert [i for i, _ in index.search(query, k)] == brute_force(stored, query, k)
    assert [i for i, _ in index.search(query, k, flt)] == brute_force(stored, query, k, flt)


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
