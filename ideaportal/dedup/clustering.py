"""Duplicate clusters over a whole board, and how good a clustering is.

Owns grouping ideas into likely-duplicate clusters (the periodic recluster job) and the
pairwise precision/recall/F1 used to choose and defend it (bench/dedup_quality.py).

The method was chosen by pairwise F1 on the labelled SeaMonkey set; what it does and why:
1. Candidate edges: two ideas are linked when each is among the other's 2 nearest neighbours
   ("mutual 2-NN") and their cosine similarity reaches the threshold. A plain threshold graph
   (every pair above the threshold, then connected components) chains into a few giant
   clusters on real data (F1 < 0.02 at every threshold): one idea is near two different ones
   that are not near each other. Mutual neighbours cap every idea's degree at 2.
2. Clusters: average-linkage agglomeration restricted to those edges: two clusters joined by
   an edge merge only while the mean cosine over all their cross pairs stays at or above the
   threshold, so a cluster never drifts (A~B, B~C, A!~C stays split). With unit vectors that
   mean is exact and cheap: (sum of A) . (sum of B) / (|A| |B|).
   On the data: threshold graph F1 0.01, mutual 2-NN components 0.18, this 0.20 (k=1, 3 or 5
   neighbours, one-sided k-NN edges and average linkage over all pairs above the threshold all
   did worse: they glue together templated reports that read alike but are distinct).
   The price: in a tight group of more than three near-identical ideas, members that are
   nobody's mutual neighbour stay out of the cluster. The per-idea duplicate candidates (each
   new idea against its nearest neighbours) still link them for the product managers.

Scale: neighbours come from blocked matrix products over the upper triangle only (each pair
is scored once), keeping a running top-k per idea, so memory is O(block x n + n k) and never
an n x n matrix. Nearly all the time is the matrix products (n^2/2 dot products), so it
follows NumPy's BLAS speed of the moment: bench/recluster_speed.py measures it and prints
the machine, its BLAS kernel and load. Method and spread were cross-validated across the
labelled sets (bench/dedup_quality.py). Boards are clustered separately.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

NEIGHBOURS = 2  # mutual k-nearest neighbours; k=2 had the best F1 (k=1 misses triples)
# Rows per block: the block's similarity matrix is block x n float32, capped near 32 MB (big
# enough for fast matrix products, small enough to stay in a worker's memory budget).
_BLOCK_BUDGET = 1 << 23


# The duplicate threshold, when not configured: this many standard deviations above the mean
# cosine of random pairs of the portal's ideas (see adaptive_threshold).
THRESHOLD_SPREADS = 3.0
_SAMPLE_PAIRS = 200_000
_MIN_IDEAS_TO_MEASURE = 30


def adaptive_threshold(
    vectors: np.ndarray,
    *,
    fallback: float,
    spreads: float = THRESHOLD_SPREADS,
    sample_pairs: int = _SAMPLE_PAIRS,
    seed: int = 0,
) -> float:
    """The cosine above which two of these ideas count as likely duplicates: the mean cosine
    of random pairs plus `spreads` standard deviations.

    Why relative: what a high cosine is depends on the texts. Long, templated bug reports
    share so much boilerplate that a random pair scores 0.34 on average and the labelled
    duplicates' F1 peaks at 0.80; short product ideas average 0.22 and peak at 0.55-0.60.
    Both peaks are three standard deviations above the mean pair (z 3.0 and 3.1), so one rule
    serves both kinds of portal, where any fixed cosine fails one of them
    (bench/dedup_quality.py cross-validates it). `fallback` is used below 30 ideas, where the
    spread cannot be measured. The result is kept within [0.5, 0.95]. Deterministic (seeded
    sample), so a recluster of unchanged ideas gives the same clusters.
    """
    matrix = np.asarray(vectors, dtype=np.float32)
    n = len(matrix)
    if n < _MIN_IDEAS_TO_MEASURE:
        return fallback
    rng = np.random.default_rng(seed)
    count = min(sample_pairs, n * (n - 1) // 2)
    a = rng.integers(0, n, size=count)
    b = (a + rng.integers(1, n, size=count)) % n  # never a == b
    sims = np.einsum("ij,ij->i", matrix[a], matrix[b])
    value = float(sims.mean() + spreads * sims.std())
    return float(min(0.95, max(0.5, value)))


def _block_rows(n: int, block_size: int | None) -> int:
    if block_size is not None:
        return max(1, int(block_size))
    return int(min(4096, max(64, _BLOCK_BUDGET // max(n, 1))))


def _row_top_k(sims: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(column, value) of each row's k largest entries, best first, ties to the lower column.

    k passes of argmax along the rows (contiguous, so cheap), each hiding the maximum it found
    (sims is overwritten). No argpartition: it allocates an int64 index array as large as the
    block and is slower for the small k used here.
    """
    count = min(k, sims.shape[1])
    lines = np.arange(sims.shape[0])
    idx = np.empty((sims.shape[0], count), dtype=np.int64)
    val = np.empty((sims.shape[0], count), dtype=np.float32)
    for p in range(count):
        best = sims.argmax(axis=1)
        idx[:, p] = best
        val[:, p] = sims[lines, best]
        sims[lines, best] = -np.inf
    return idx, val


def _fold(
    top_idx: np.ndarray,
    top_sim: np.ndarray,
    rows: slice | np.ndarray,
    idx: np.ndarray,
    val: np.ndarray,
) -> None:
    """Fold candidate neighbours into these rows' running top-k (best first, ties to the lower
    neighbour). Each pair is scored once, so a neighbour is never offered twice."""
    k = top_idx.shape[1]
    all_idx = np.concatenate([top_idx[rows], idx], axis=1)
    all_val = np.concatenate([top_sim[rows], val], axis=1)
    order = np.lexsort((all_idx, -all_val), axis=1)[:, :k]
    top_idx[rows] = np.take_along_axis(all_idx, order, axis=1)
    top_sim[rows] = np.take_along_axis(all_val, order, axis=1)


def _mutual_neighbour_edges(
    vectors: np.ndarray, threshold: float, k: int, block_size: int | None
) -> list[tuple[int, int, float]]:
    """(i, j, cosine) with i < j row indices: mutual k-nearest neighbours at/above threshold.

    Only neighbours at or above the threshold matter, and an idea's top-k among those is
    exactly its true top-k restricted to them: so the true top-k is computed and the
    threshold applied to the pairs. Blocks of rows against the columns after them (the upper
    triangle: every pair is scored once). A block gives its rows' best columns by cheap
    passes along its rows; for the columns' best rows it first takes each column's maximum
    (a fast reduction) and looks closer only at the columns where that beats their current
    k-th best, which after the first blocks is a small share.
    """
    n = len(vectors)
    if n < 2 or k < 1:
        return []
    top_idx = np.full((n, k), -1, dtype=np.int64)
    top_sim = np.full((n, k), -np.inf, dtype=np.float32)
    step = _block_rows(n, block_size)
    for start in range(0, n, step):
        stop = min(n, start + step)
        sims = vectors[start:stop] @ vectors[start:].T
        sims[np.tril_indices(stop - start, m=n - start)] = -np.inf  # oneself, pairs seen
        best = sims.max(axis=0)
        closer = np.flatnonzero((best >= top_sim[start:, k - 1]) & (best > -np.inf))
        if len(closer):
            idx, val = _row_top_k(sims.T[closer], k)  # a (columns x rows) copy
            _fold(top_idx, top_sim, closer + start, idx + start, val)
        idx, val = _row_top_k(sims, k)
        _fold(top_idx, top_sim, slice(start, stop), idx + start, val)
    i = np.repeat(np.arange(n), k)
    j, sim = top_idx.ravel(), top_sim.ravel()
    keep = (j > i) & (sim >= threshold)  # each mutual pair is listed from its lower end
    i, j, sim = i[keep], j[keep], sim[keep]
    mutual = (top_idx[j] == i[:, None]).any(axis=1)
    return list(zip(i[mutual].tolist(), j[mutual].tolist(), sim[mutual].tolist(), strict=True))


def _average_linkage(
    vectors: np.ndarray, edges: Sequence[tuple[int, int, float]], threshold: float
) -> list[list[int]]:
    """Row-index groups (size >= 2) from average-linkage merges along the candidate edges."""
    members: dict[int, list[int]] = {}
    sums: dict[int, np.ndarray] = {}
    links: dict[int, set[int]] = {}
    for i, j, _ in edges:
        for row in (i, j):
            if row not in members:
                members[row] = [row]
                sums[row] = vectors[row].astype(np.float64)
                links[row] = set()
        links[i].add(j)
        links[j].add(i)
    heap = [(-sim, i, j) for i, j, sim in edges]
    heapq.heapify(heap)
    next_id = len(vectors)  # new clusters get ids no row has
    while heap:
        negative, a, b = heapq.heappop(heap)
        if -negative < threshold:
            break
        if a not in members or b not in members:  # merged away since it was pushed
            continue
        merged = next_id
        next_id += 1
        members[merged] = members.pop(a) + members.pop(b)
        sums[merged] = sums.pop(a) + sums.pop(b)
        links[merged] = (links.pop(a) | links.pop(b)) - {a, b}
        size = len(members[merged])
        for other in links[merged]:
            links[other] -= {a, b}
            links[other].add(merged)
            mean = float(sums[merged] @ sums[other]) / (size * len(members[other]))
            if mean >= threshold:
                heapq.heappush(heap, (-mean, other, merged))
    return [group for group in members.values() if len(group) > 1]


def _by_board(board_ids: Sequence[int] | None, n: int) -> list[np.ndarray]:
    if board_ids is None:
        return [np.arange(n)]
    boards = np.asarray(board_ids)
    if len(boards) != n:
        raise ValueError(f"{n} ids but {len(boards)} board ids")
    return [np.flatnonzero(boards == board) for board in np.unique(boards)]


def _prepare(ids: Sequence[int], vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    matrix = np.ascontiguousarray(vectors, dtype=np.float32)
    if matrix.ndim != 2 or matrix.shape[0] != len(ids):
        raise ValueError(f"{len(ids)} ids but vectors of shape {matrix.shape}")
    return np.asarray(ids, dtype=np.int64), matrix


def candidate_pairs(
    ids: Sequence[int],
    vectors: np.ndarray,
    threshold: float,
    *,
    board_ids: Sequence[int] | None = None,
    neighbours: int = NEIGHBOURS,
    block_size: int | None = None,
) -> list[tuple[int, int, float]]:
    """(id_a, id_b, cosine) with id_a < id_b: same-board mutual nearest neighbours (each among
    the other's `neighbours` closest) whose cosine is at or above the threshold.

    Vectors must be L2-normalised rows. Sorted by similarity, strongest first.
    """
    id_arr, matrix = _prepare(ids, vectors)
    pairs: list[tuple[int, int, float]] = []
    for rows in _by_board(board_ids, len(id_arr)):
        for i, j, sim in _mutual_neighbour_edges(matrix[rows], threshold, neighbours, block_size):
            a, b = int(id_arr[rows[i]]), int(id_arr[rows[j]])
            pairs.append((min(a, b), max(a, b), sim))
    pairs.sort(key=lambda p: (-p[2], p[0], p[1]))
    return pairs


def cluster(
    ids: Sequence[int],
    vectors: np.ndarray,
    threshold: float,
    *,
    board_ids: Sequence[int] | None = None,
    neighbours: int = NEIGHBOURS,
    block_size: int | None = None,
) -> list[list[int]]:
    """Groups of two or more ideas that are likely duplicates of each other.

    Each group is sorted by id and the groups by their first id. Groups never span boards.
    `block_size` (rows per matrix product) trades memory for speed; None picks one that keeps
    the block's similarity matrix near 32 MB.
    """
    id_arr, matrix = _prepare(ids, vectors)
    groups: list[list[int]] = []
    for rows in _by_board(board_ids, len(id_arr)):
        sub = matrix[rows]
        edges = _mutual_neighbour_edges(sub, threshold, neighbours, block_size)
        for group in _average_linkage(sub, edges, threshold):
            groups.append(sorted(int(id_arr[rows[r]]) for r in group))
    return sorted(groups)


def connected_groups(pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Ids joined by any chain of pairs (union-find), each group sorted, groups of 2 or more."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[find(a)] = find(b)
    members: dict[int, list[int]] = {}
    for x in list(parent):
        members.setdefault(find(x), []).append(x)
    return sorted(sorted(g) for g in members.values() if len(g) > 1)


def pairwise_prf(
    predicted_groups: Iterable[Iterable[int]], gold_groups: Iterable[Iterable[int]]
) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of a clustering against labelled groups.

    A pair of items is positive when both are in one gold group (items without a group are
    simply absent), predicted when both are in one predicted group. Groups on each side must
    not share items. An empty side gives 0.0 for the measures that divide by it. Counted from
    group sizes, so a giant predicted cluster costs O(n), not O(n^2).
    """

    def labels(groups: Iterable[Iterable[int]], side: str) -> dict[int, int]:
        out: dict[int, int] = {}
        for number, group in enumerate(groups):
            for item in set(group):
                if item in out:
                    raise ValueError(f"item {item} is in two {side} groups")
                out[item] = number
        return out

    def pairs(counts: Iterable[int]) -> int:
        return sum(c * (c - 1) // 2 for c in counts)

    predicted, gold = labels(predicted_groups, "predicted"), labels(gold_groups, "gold")
    n_predicted = pairs(Counter(predicted.values()).values())
    n_gold = pairs(Counter(gold.values()).values())
    both = pairs(Counter((p, gold[i]) for i, p in predicted.items() if i in gold).values())
    precision = both / n_predicted if n_predicted else 0.0
    recall = both / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
