"""The dedup building blocks: text preparation, the vector index, fusion and clustering."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ideaportal.dedup.clustering import cluster, pairwise_prf
from ideaportal.dedup.ranking import fuse, reciprocal_rank_fusion
from ideaportal.dedup.text import idea_text, strip_markdown, text_hash
from ideaportal.dedup.vector_index import IndexFilter, NumpyVectorIndex


def unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def test_idea_text_is_title_plus_plain_start_of_body():
    body = "## Why\n\n**We** run [three shops](https://x.example) and:\n\n- swap shifts\n```code```"
    assert strip_markdown(body) == "Why We run three shops and: swap shifts"
    assert idea_text("Shift swap", body, body_chars=12) == "Shift swap. Why We run t"
    assert idea_text("Only a title", "") == "Only a title"
    assert text_hash("a") != text_hash("b") and len(text_hash("a")) == 64


@settings(max_examples=30, deadline=None)
@given(
    n=st.integers(1, 60),
    k=st.integers(1, 10),
    removed=st.sets(st.integers(0, 59)),
    seed=st.integers(0, 1000),
)
def test_index_search_matches_brute_force_after_adds_and_removes(n, k, removed, seed):
    rng = np.random.default_rng(seed)
    vectors = unit(rng.normal(size=(n, 8)))
    index = NumpyVectorIndex(capacity=4)  # small: forces growth
    ids = list(range(100, 100 + n))
    index.add(ids, vectors, [i % 3 for i in range(n)])
    gone = {100 + r for r in removed if r < n}
    index.remove(sorted(gone))
    query = unit(rng.normal(size=(1, 8)))[0]
    keep = [i for i in range(n) if 100 + i not in gone]
    expected = sorted(keep, key=lambda i: -float(vectors[i] @ query))[:k]
    got = index.search(query, k)
    assert [i for i, _ in got] == [100 + i for i in expected]
    assert len(index) == len(keep)


def test_index_filters_by_board_and_excludes_ids_and_upserts():
    index = NumpyVectorIndex()
    index.add([1, 2, 3], unit(np.eye(3, 4)), [10, 10, 20])
    query = unit(np.array([[1.0, 0.2, 0.1, 0.0]]))[0]
    assert [i for i, _ in index.search(query, 3, IndexFilter(board_ids=frozenset({20})))] == [3]
    assert 1 not in [i for i, _ in index.search(query, 3, IndexFilter(exclude_ids=frozenset({1})))]
    index.add([1], unit(np.array([[0.0, 0.0, 0.0, 1.0]])), [10])  # upsert moves idea 1 away
    assert index.search(query, 1)[0][0] != 1 and len(index) == 3


def test_fusion_mixes_cosine_with_normalised_bm25():
    hits = fuse([(1, 0.9), (2, 0.5)], [(2, 10.0), (3, 5.0)], k=3, vector_weight=0.5)
    scores = {h.idea_id: round(h.score, 3) for h in hits}
    assert scores == {1: 0.45, 2: 0.75, 3: 0.25}
    assert [h.idea_id for h in hits] == [2, 1, 3]
    assert fuse([(1, 0.9)], [], k=5)[0].lexical_score is None
    rrf = reciprocal_rank_fusion([(1, 0.9), (2, 0.5)], [(2, 10.0)], k=2)
    assert [h.idea_id for h in rrf] == [2, 1]


def test_clusters_link_mutual_neighbours_above_the_threshold_within_a_board():
    vectors = unit(np.array([[1, 0.05, 0], [1, 0, 0.05], [0, 1, 0.02], [0, 1, 0], [0, 0, 1.0]]))
    assert cluster([1, 2, 3, 4, 5], vectors, 0.9) == [[1, 2], [3, 4]]
    assert cluster([1, 2, 3, 4, 5], vectors, 0.9, board_ids=[1, 2, 1, 1, 1]) == [[3, 4]]
    assert cluster([1, 2, 3, 4, 5], vectors, 0.99999) == []


def test_pairwise_precision_recall_f1_by_hand():
    # predicted pairs: (1,2), (1,3), (2,3), (4,5); gold pairs: (1,2), (4,6)
    p, r, f = pairwise_prf([[1, 2, 3], [4, 5]], [[1, 2], [4, 6]])
    assert (p, r) == (0.25, 0.5) and f == pytest.approx(1 / 3)
