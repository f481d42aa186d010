"""Duplicate clusters: ideas linked when each is among the other's nearest neighbours
("mutual k-nearest neighbours") and their cosine similarity reaches the threshold.

A plain "cosine ≥ threshold" graph chains everything on real data (one giant cluster); mutual
neighbours keep clusters tight. Neighbours are found with blocked matrix products, so memory
stays at block × n floats, and only ideas on the same board are compared when boards are given.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import combinations

import numpy as np

BLOCK = 256
NEIGHBOURS = 2


def _neighbours(vectors: np.ndarray, k: int, block_size: int) -> tuple[np.ndarray, np.ndarray]:
    """For every row: the indices and similarities of its k nearest other rows."""
    n = len(vectors)
    k = min(k, n - 1)
    top_idx = np.zeros((n, k), dtype=np.int64)
    top_sim = np.zeros((n, k), dtype=np.float32)
    for start in range(0, n, block_size):
        stop = min(n, start + block_size)
        sims = vectors[start:stop] @ vectors.T
        sims[np.arange(stop - start), np.arange(start, stop)] = -np.inf  # not oneself
        part = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        part_sims = np.take_along_axis(sims, part, axis=1)
        top_idx[start:stop] = part
        top_sim[start:stop] = part_sims
    return top_idx, top_sim


def candidate_pairs(
    ids: Sequence[int],
    vectors: np.ndarray,
    threshold: float,
    *,
    board_ids: Sequence[int] | None = None,
    k: int = NEIGHBOURS,
    block_size: int = BLOCK,
) -> list[tuple[int, int, float]]:
    """Mutual k-nearest-neighbour pairs (id_a < id_b, cosine) at or above the threshold."""
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    ids_arr = np.asarray(ids, dtype=np.int64)
    boards = np.asarray(board_ids) if board_ids is not None else np.zeros(len(ids), dtype=np.int64)
    pairs: list[tuple[int, int, float]] = []
    for board in np.unique(boards):
        rows = np.nonzero(boards == board)[0]
        if len(rows) < 2:
            continue
        top_idx, top_sim = _neighbours(vectors[rows], k, block_size)
        neighbour_sets = [set(r.tolist()) for r in top_idx]
        for i, (idxs, sims) in enumerate(zip(top_idx, top_sim, strict=True)):
            for j, sim in zip(idxs.tolist(), sims.tolist(), strict=True):
                if j > i and sim >= threshold and i in neighbour_sets[j]:
                    a, b = int(ids_arr[rows[i]]), int(ids_arr[rows[j]])
                    pairs.append((min(a, b), max(a, b), float(sim)))
    return pairs


def components(ids: Iterable[int], pairs: Iterable[tuple[int, int, float]]) -> list[list[int]]:
    parent = {i: i for i in ids}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for i in parent:
        groups.setdefault(find(i), []).append(i)
    return sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: g[0])


def cluster(
    ids: Sequence[int],
    vectors: np.ndarray,
    threshold: float,
    *,
    board_ids: Sequence[int] | None = None,
    k: int = NEIGHBOURS,
    block_size: int = BLOCK,
) -> list[list[int]]:
    """Groups of two or more ideas linked by mutual-neighbour pairs at or above the threshold."""
    pairs = candidate_pairs(
        ids, vectors, threshold, board_ids=board_ids, k=k, block_size=block_size
    )
    return components(ids, pairs)


def pairwise_prf(
    predicted: Iterable[Iterable[int]], gold: Iterable[Iterable[int]]
) -> tuple[float, float, float]:
    """Precision, recall and F1 over the pairs of items put in the same group."""

    def pair_set(groups: Iterable[Iterable[int]]) -> set[tuple[int, int]]:
        out: set[tuple[int, int]] = set()
        for group in groups:
            out.update(combinations(sorted(set(group)), 2))
        return out

    p, g = pair_set(predicted), pair_set(gold)
    hit = len(p & g)
    precision = hit / len(p) if p else 0.0
    recall = hit / len(g) if g else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
