"""Clustering against a brute-force reference, and pairwise precision/recall/F1 by hand."""

from __future__ import annotations

import math
from itertools import combinations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ideaportal.dedup import clustering
from ideaportal.dedup.clustering import candidate_pairs, cluster, pairwise_prf


def planted(seed: int, n: int = 120, dim: int = 16, spread: float = 0.35) -> np.ndarray:
    """Unit vectors around a few centres, so that clusters exist at usual thresholds."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(max(1, n // 4), dim))
    v = centres[rng.integers(0, len(centres), size=n)] + spread * rng.normal(size=(n, dim))
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def reference_edges(vectors: np.ndarray, threshold: float, k: int) -> set[tuple[int, int]]:
    """Mutual k-nearest neighbours at/above the threshold, from the full matrix."""
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -np.inf)
    top = [set(np.argsort(-row, kind="stable")[:k].tolist()) for row in sims]
    return {
        (i, j)
        for i in range(len(vectors))
        for j in top[i]
        if i < j and i in top[j] and sims[i, j] >= threshold
    }


def reference_clusters(vectors: np.ndarray, threshold: float, k: int) -> list[list[int]]:
    """Average linkage the slow way: merge the linked pair of clusters whose mean pairwise
    cosine is highest, while it reaches the threshold."""
    sims = vectors @ vectors.T
    edges = reference_edges(vectors, threshold, k)
    clusters = [[i] for i in sorted({i for e in edges for i in e})]
    while True:
        best, pair = -math.inf, None
        for a, b in combinations(range(len(clusters)), 2):
            linked = any((min(x, y), max(x, y)) in edges for x in clusters[a] for y in clusters[b])
            if linked:
                mean = float(np.mean(sims[np.ix_(clusters[a], clusters[b])]))
                if mean > best:
                    best, pair = mean, (a, b)
        if pair is None or best < threshold:
            break
        a, b = pair
        clusters[a] = clusters[a] + clusters[b]
        del clusters[b]
    return sorted(sorted(c) for c in clusters if len(c) > 1)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("threshold", [0.5, 0.7, 0.85])
def test_matches_brute_force(seed, threshold):
    vectors = planted(seed)
    ids = list(range(len(vectors)))
    expected = reference_clusters(vectors, threshold, 2)
    assert cluster(ids, vectors, threshold) == expected
    assert cluster(ids, vectors, threshold, block_size=7) == expected  # blocks change nothing
    pairs = candidate_pairs(ids, vectors, threshold, block_size=5)
    assert {(a, b) for a, b, _ in pairs} == reference_edges(vectors, threshold, 2)
    assert all(s >= threshold for _, _, s in pairs)
    assert [s for _, _, s in pairs] == sorted((s for _, _, s in pairs), reverse=True)


@given(
    st.integers(0, 2**32 - 1),
    st.integers(2, 40),
    st.sampled_from([-1.0, 0.0, 0.3, 0.6]),
    st.integers(1, 4),
    st.integers(1, 9),
)
@settings(max_examples=80, deadline=None)
def test_neighbours_match_brute_force_for_any_size_and_tile(seed, n, threshold, k, tile):
    """Any tile size gives the brute-force neighbours, also when tiles are narrower than k and
    when (threshold -1) every pair is a hit."""
    vectors = planted(seed, n=n, dim=6, spread=1.0)
    pairs = candidate_pairs(list(range(n)), vectors, threshold, neighbours=k, block_size=tile)
    assert {(a, b) for a, b, _ in pairs} == reference_edges(vectors, threshold, k)


def test_exact_duplicates_tie_to_the_older_idea_whatever_the_tiles():
    # Five identical vectors: everyone's two nearest are the two lowest other indices.
    vectors = np.tile(planted(1, n=1, dim=8), (5, 1))
    expected = reference_edges(vectors, 0.5, 2)
    for tile in (1, 2, 3, 5, None):
        pairs = candidate_pairs(list(range(5)), vectors, 0.5, block_size=tile)
        assert {(a, b) for a, b, _ in pairs} == expected
    assert expected == {(0, 1), (0, 2), (1, 2)}


def test_average_linkage_does_not_chain():
    # A~B and B~C (cos 35 degrees = 0.82), but A and C are far apart (cos 70 = 0.34):
    # a threshold graph would put all three together; the mean A,B to C is 0.58 < 0.8.
    angles = np.radians([0.0, 35.0, 70.0])
    vectors = np.stack([np.cos(angles), np.sin(angles)], axis=1).astype(np.float32)
    assert cluster([10, 20, 30], vectors, 0.8) == [[10, 20]]
    assert cluster([10, 20, 30], vectors, 0.5) == [[10, 20, 30]]


def test_ids_boards_and_order():
    vectors = planted(3)
    ids = [1000 + 7 * i for i in range(len(vectors))]
    boards = [i % 2 for i in range(len(vectors))]
    groups = cluster(ids, vectors, 0.6, board_ids=boards)
    assert groups and groups == sorted(groups)
    board_of = dict(zip(ids, boards, strict=True))
    for group in groups:
        assert group == sorted(group) and len(group) >= 2
        assert len({board_of[i] for i in group}) == 1  # never across boards
    # per board, the same as clustering that board alone
    for board in (0, 1):
        rows = [n for n, b in enumerate(boards) if b == board]
        alone = cluster([ids[n] for n in rows], vectors[rows], 0.6)
        assert alone == [g for g in groups if board_of[g[0]] == board]
    for a, b, _ in candidate_pairs(ids, vectors, 0.6, board_ids=boards):
        assert a < b and board_of[a] == board_of[b]


def test_degenerate_inputs():
    assert cluster([], np.zeros((0, 4), dtype=np.float32), 0.8) == []
    assert cluster([1], np.ones((1, 4), dtype=np.float32) / 2, 0.8) == []
    same = np.tile(np.array([[0.6, 0.8]], dtype=np.float32), (3, 1))
    assert cluster([5, 4, 3], same, 0.99) == [[3, 4, 5]]
    with pytest.raises(ValueError):
        cluster([1, 2], np.ones((3, 4), dtype=np.float32), 0.8)


def test_pairwise_prf_hand_computed():
    gold = [[1, 2, 3], [4, 5]]  # positive pairs: 12 13 23 45 (items 6, 7 have no group)
    predicted = [[1, 2], [3, 4, 5, 6]]  # predicted pairs: 12 34 35 36 45 46 56
    precision, recall, f1 = pairwise_prf(predicted, gold)
    # shared: 12 and 45 -> precision 2/7, recall 2/4
    assert precision == pytest.approx(2 / 7)
    assert recall == pytest.approx(2 / 4)
    assert f1 == pytest.approx(2 * (2 / 7) * (1 / 2) / (2 / 7 + 1 / 2))


def test_pairwise_prf_edges():
    assert pairwise_prf([[1, 2]], [[1, 2]]) == (1.0, 1.0, 1.0)
    assert pairwise_prf([], [[1, 2]]) == (0.0, 0.0, 0.0)
    assert pairwise_prf([[1, 2]], []) == (0.0, 0.0, 0.0)
    assert pairwise_prf([[1], [2]], [[1, 2]]) == (0.0, 0.0, 0.0)  # singletons make no pairs
    with pytest.raises(ValueError):
        pairwise_prf([[1, 2], [2, 3]], [[1, 2]])


@given(
    st.lists(st.integers(0, 5), min_size=2, max_size=30),
    st.lists(st.integers(0, 5), min_size=2, max_size=30),
)
@settings(max_examples=100, deadline=None)
def test_pairwise_prf_equals_counting_pairs(predicted_labels, gold_labels):
    n = min(len(predicted_labels), len(gold_labels))

    def groups(labels: list[int]) -> list[list[int]]:
        out: dict[int, list[int]] = {}
        for item, label in enumerate(labels[:n]):
            out.setdefault(label, []).append(item)
        return list(out.values())

    def pairs(gs: list[list[int]]) -> set[tuple[int, int]]:
        return {p for g in gs for p in combinations(sorted(g), 2)}

    p_pairs, g_pairs = pairs(groups(predicted_labels)), pairs(groups(gold_labels))
    precision, recall, _ = pairwise_prf(groups(predicted_labels), groups(gold_labels))
    hit = len(p_pairs & g_pairs)
    assert precision == pytest.approx(hit / len(p_pairs) if p_pairs else 0.0)
    assert recall == pytest.approx(hit / len(g_pairs) if g_pairs else 0.0)


def test_adaptive_threshold_follows_how_alike_the_texts_are():
    # Same planted duplicates; in the second corpus every text shares boilerplate (a common
    # component), as templated bug reports do: the bar rises with the background.
    plain = planted(3, n=200, dim=32)
    common = np.ones(32, dtype=np.float32) / np.sqrt(32)
    templated = plain + 1.2 * common
    templated /= np.linalg.norm(templated, axis=1, keepdims=True)
    low = clustering.adaptive_threshold(plain, fallback=0.6)
    high = clustering.adaptive_threshold(templated, fallback=0.6)
    assert 0.5 <= low < high <= 0.95
    assert clustering.adaptive_threshold(plain, fallback=0.6) == low  # deterministic
    assert clustering.adaptive_threshold(plain[:10], fallback=0.6) == 0.6  # too few to measure
