"""Duplicate-detection quality on labelled sets: the shipped pipeline beside baselines,
with its method and parameters chosen by cross-validation across the sets.

    .venv/bin/python bench/dedup_quality.py [--data DIR ...] [--json FILE] [--pool 50]

Each DIR holds corpus.jsonl ({"id", "title", "body", "created", "group"}) and queries.jsonl
({"query", "relevant"}); without --data: the shared SeaMonkey set (../shared/data/
duplicates-seamonkey next to the repository, read in place) and the demo catalogue (exported
to a temporary folder by bench/export_demo_set.py). A portal's own labels come from
`flask export-duplicate-labels DIR`. Protocol (the SeaMonkey set's README): for each query,
rank every corpus item created before it, never the query itself; report recall@1, recall@5
and MRR over the queries; then the pairwise precision/recall/F1 of the clusters against
`group` over all items.

"Shipped" is the product's own code path: dedup.text.idea_text, the bundled MiniLM through
dedup.encoder, dedup.vector_index.NumpyVectorIndex, the FTS5 table, triggers and query
builder of ideas.fulltext on an in-memory SQLite database (an `idea` table like the app's),
and dedup.ranking.fuse with its defaults, fed `--pool` hits per side (and the cosines of
text-only hits) as the app does. Clusters come from dedup.clustering.cluster at
clustering.adaptive_threshold, as `flask recluster` does when no threshold is configured.
Baselines, computed in the same run on the same idea_text: TF-IDF cosine (scikit-learn,
sublinear tf, English stop words), MiniLM cosine alone, and the score mix 0.5 MiniLM cosine
+ 0.5 TF-IDF cosine; for clusters, TF-IDF at its best threshold (cheating in its favour).

Cross-validation: every candidate setting is scored on every set; leave-one-set-out picks the
setting with the best mean recall@5 + MRR on the other sets and reports it on the held-out
one; leave-half-out does the same within each set over random halves of its queries. Works on
any set in this format; nothing here knows an item.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import Connection  # noqa: E402

from ideaportal.dedup import ranking  # noqa: E402
from ideaportal.dedup.clustering import (  # noqa: E402
    adaptive_threshold,
    cluster,
    pairwise_prf,
)
from ideaportal.dedup.encoder import get_encoder  # noqa: E402
from ideaportal.dedup.text import idea_text  # noqa: E402
from ideaportal.dedup.vector_index import IndexFilter, NumpyVectorIndex  # noqa: E402
from ideaportal.ideas import fulltext  # noqa: E402

Ranker = Callable[[int], list[int]]  # query position -> corpus positions, best first
DENSE_TFIDF_BUDGET = 200_000_000  # cells of the dense TF-IDF matrix used for clustering


def load(folder: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    def rows(name: str) -> list[dict[str, Any]]:
        with (folder / name).open(encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]

    return rows("corpus.jsonl"), rows("queries.jsonl")


def first_hit_ranks(rank: Ranker, queries: list[tuple[int, set[int]]]) -> np.ndarray:
    """0-based rank of the first relevant item per query (a large number when not found)."""
    out = []
    for query, relevant in queries:
        ranked = rank(query)
        out.append(next((n for n, item in enumerate(ranked) if item in relevant), 10**9))
    return np.array(out)


def measures(ranks: np.ndarray) -> tuple[float, float, float]:
    return float((ranks == 0).mean()), float((ranks < 5).mean()), float((1 / (ranks + 1)).mean())


def build_fts(corpus: Sequence[dict[str, Any]]) -> Connection:
    """An in-memory SQLite with the app's `idea` shape and the product's FTS5 DDL."""
    conn = create_engine("sqlite://").connect()
    conn.execute(text("CREATE TABLE idea (id INTEGER PRIMARY KEY, title TEXT, body TEXT)"))
    conn.execute(
        text("INSERT INTO idea (id, title, body) VALUES (:id, :title, :body)"),
        [
            {"id": n, "title": item["title"] or "", "body": item.get("body") or ""}
            for n, item in enumerate(corpus)
        ],
    )
    for statement in fulltext.fts_ddl():
        conn.execute(text(statement))
    conn.commit()
    return conn


def tfidf_unit_vectors(matrix: Any) -> np.ndarray:
    """Dense L2-normalised TF-IDF rows for the clustering baseline (vocabulary capped if the
    set is large, so any dataset fits in memory)."""
    if matrix.shape[0] * matrix.shape[1] > DENSE_TFIDF_BUDGET:
        keep = np.argsort(-np.asarray((matrix > 0).sum(axis=0)).ravel())
        keep = keep[: DENSE_TFIDF_BUDGET // matrix.shape[0]]
        matrix = matrix[:, keep]
        print(f"  (TF-IDF clustering keeps the {len(keep)} most frequent terms)")
    dense = matrix.toarray().astype(np.float32)
    norms = np.linalg.norm(dense, axis=1, keepdims=True)
    return np.ascontiguousarray(dense / np.where(norms == 0, 1, norms))


def pairs_at_least(vectors: np.ndarray, threshold: float) -> tuple[np.ndarray, ...]:
    """(i, j, cosine) for every pair i < j at or above the threshold, computed in blocks."""
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for start in range(0, len(vectors), 512):
        sims = vectors[start : start + 512] @ vectors.T
        rows, cols = np.nonzero(sims >= threshold)
        upper = cols > rows + start
        rows, cols = rows[upper], cols[upper]
        found.append((rows + start, cols, sims[rows, cols]))
    return tuple(np.concatenate(part) for part in zip(*found, strict=True))


def threshold_graph(n: int, i: np.ndarray, j: np.ndarray) -> list[list[int]]:
    """The naive alternative: every pair at/above the threshold, then connected components."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    graph = coo_matrix((np.ones(len(i)), (i, j)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    groups: dict[int, list[int]] = {}
    for item, label in enumerate(labels.tolist()):
        groups.setdefault(label, []).append(item)
    return [g for g in groups.values() if len(g) > 1]


# Candidate fusion settings scored on every set; the shipped default is one of them.
FUSION_GRID: list[dict[str, Any]] = [
    *({"method": "zscore", "lexical_weight": w} for w in (0.1, 0.2, 0.3, 0.5, 0.7, 1.0)),
    *({"method": "minmax", "lexical_weight": w} for w in (0.1, 0.2, 0.3, 0.5, 0.7, 1.0)),
    *(
        {"method": "rrf", "rank_constant": c, "vector_weight": w, "lexical_weight": 1.0}
        for c in (2.0, 5.0, 20.0, 60.0)
        for w in (1.0, 1.5, 2.0)
    ),
]
SPREADS_GRID = (2.0, 2.5, 3.0, 3.5, 4.0)  # clustering.adaptive_threshold's `spreads`
TFIDF_CLUSTER_THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def label(params: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in params.items())


def is_shipped(params: dict[str, Any]) -> bool:
    return (
        params.get("method") == ranking.DEFAULT_METHOD
        and params.get("lexical_weight") == ranking.DEFAULT_LEXICAL_WEIGHT
        and "rank_constant" not in params
    )


def machine() -> str:
    import platform

    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next(
                (ln.split(":", 1)[1].strip() for ln in handle if ln.startswith("model name")), cpu
            )
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        import torch

        torch_part = f"torch {torch.__version__} ({torch.get_num_threads()} threads)"
    except ImportError:  # pragma: no cover
        torch_part = "no torch"
    return (
        f"{platform.node()}: {cpu}, {cores} usable cores, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, NumPy {np.__version__}, "
        f"{torch_part}"
    )


class LabelledSet:
    """One labelled set, embedded and indexed once; rankers and clusters over it."""

    def __init__(self, folder: Path, pool: int) -> None:
        self.name = folder.name
        self.corpus, raw_queries = load(folder)
        position = {str(item["id"]): n for n, item in enumerate(self.corpus)}
        self.created = np.array([float(item["created"]) for item in self.corpus])
        self.queries = [
            (
                position[str(q["query"])],
                {position[str(r)] for r in q["relevant"] if str(r) in position},
            )
            for q in raw_queries
            if str(q["query"]) in position
        ]
        self.texts = [idea_text(i["title"] or "", i.get("body") or "") for i in self.corpus]
        self.pool = pool
        started = time.perf_counter()
        encoder = get_encoder()
        self.vectors = encoder.encode(self.texts, batch_size=64)
        print(
            f"{self.name}: {len(self.corpus)} items, {len(self.queries)} queries, "
            f"embedded with {encoder.name} in {time.perf_counter() - started:.1f} s"
        )
        self.index = NumpyVectorIndex()
        self.index.add(list(range(len(self.corpus))), self.vectors)
        self.conn = build_fts(self.corpus)
        self.tfidf = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(
            self.texts
        )
        self._pools: dict[int, tuple[list[tuple[int, float]], list[tuple[int, float]]]] = {}

    def before(self, query: int) -> np.ndarray:
        """The protocol's candidates: created strictly before the query (never itself)."""
        allowed = self.created < self.created[query]
        allowed[query] = False
        return allowed

    def vector_hits(self, query: int, limit: int) -> list[tuple[int, float]]:
        hidden = frozenset(np.flatnonzero(~self.before(query)).tolist())
        return self.index.search(self.vectors[query], limit, IndexFilter(exclude_ids=hidden))

    def lexical_hits(self, query: int, limit: int) -> list[tuple[int, float]]:
        # The index also holds later items (they do not exist yet when the query is typed):
        # ask for every match, then keep the first `limit` that the protocol allows.
        allowed = self.before(query)
        found = fulltext.search(self.conn, self.texts[query], limit=len(self.corpus), any_term=True)
        return [(i, s) for i, s in found if allowed[i]][:limit]

    def pools(self, query: int) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
        if query not in self._pools:
            self._pools[query] = (
                self.vector_hits(query, self.pool),
                self.lexical_hits(query, self.pool),
            )
        return self._pools[query]

    def fused(self, **params: Any) -> Ranker:
        def rank(query: int) -> list[int]:
            vector, lexical = self.pools(query)
            cosines = {i: float(self.vectors[i] @ self.vectors[query]) for i, _ in lexical}
            hits = ranking.fuse(vector, lexical, k=2 * self.pool, cosines=cosines, **params)
            return [h.idea_id for h in hits]

        return rank

    def tfidf_scores(self, query: int) -> np.ndarray:
        return (self.tfidf @ self.tfidf[query].T).toarray().ravel()

    def by_score(self, scores: Callable[[int], np.ndarray]) -> Ranker:
        def rank(query: int) -> list[int]:
            candidates = np.flatnonzero(self.before(query))
            s = scores(query)[candidates]
            return candidates[np.argsort(-s, kind="stable")].tolist()

        return rank

    def ranks(self, ranker: Ranker) -> np.ndarray:
        return first_hit_ranks(ranker, self.queries)

    def gold(self) -> list[list[int]]:
        groups: dict[str, list[int]] = {}
        for n, item in enumerate(self.corpus):
            if item.get("group") is not None:
                groups.setdefault(str(item["group"]), []).append(n)
        return list(groups.values())

    def cluster_f1(self, spreads: float) -> tuple[float, float]:
        """(F1, threshold) of the shipped clustering with this adaptive-threshold spread."""
        t = adaptive_threshold(
            self.vectors, fallback=ranking.DEFAULT_DUPLICATE_THRESHOLD, spreads=spreads
        )
        groups = cluster(list(range(len(self.corpus))), self.vectors, t)
        return pairwise_prf(groups, self.gold())[2], t

    def tfidf_cluster_f1(self) -> tuple[float, float, str]:
        """TF-IDF clusters at their best threshold and method (mutual 2-NN + average linkage
        as shipped, or a plain threshold graph): (F1, threshold, method)."""
        dense = tfidf_unit_vectors(self.tfidf)
        ids, gold = list(range(len(self.corpus))), self.gold()
        best = (0.0, 0.0, "")
        for t in TFIDF_CLUSTER_THRESHOLDS:
            f = pairwise_prf(cluster(ids, dense, t), gold)[2]
            best = max(best, (f, t, "same method"))
            ti, tj, _ = pairs_at_least(dense, t)
            f = pairwise_prf(threshold_graph(len(ids), ti, tj), gold)[2]
            best = max(best, (f, t, "threshold graph"))
        return best


def as_dict(m: tuple[float, float, float], f1: float | None) -> dict[str, float | None]:
    return {"recall@1": m[0], "recall@5": m[1], "mrr": m[2], "cluster_f1": f1}


def default_sets(root: Path) -> list[Path]:
    import subprocess
    import tempfile

    shared = root.parent / "shared" / "data" / "duplicates-seamonkey"
    demo = Path(tempfile.mkdtemp(prefix="dedup-bench-")) / "demo-catalogue"
    subprocess.run(  # noqa: S603 - our own script, fixed arguments
        [sys.executable, str(root / "bench" / "export_demo_set.py"), str(demo)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return [shared, demo]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, action="append", help="a labelled set (repeatable)")
    parser.add_argument("--pool", type=int, default=50, help="hits per side before fusing")
    parser.add_argument("--splits", type=int, default=200, help="leave-half-out repetitions")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    sets = [LabelledSet(folder, args.pool) for folder in (args.data or default_sets(ROOT))]

    # Every candidate fusion setting on every set (first-hit ranks per query).
    grid = {n: [s.ranks(s.fused(**params)) for s in sets] for n, params in enumerate(FUSION_GRID)}
    shipped_n = next(n for n, p in enumerate(FUSION_GRID) if is_shipped(p))
    rows: dict[str, list[tuple[float, float, float]]] = {}
    figures: dict[str, dict[str, Any]] = {}
    for s, labelled in enumerate(sets):
        baselines = {
            "tfidf": labelled.by_score(labelled.tfidf_scores),
            "vector": lambda q, ls=labelled: [i for i, _ in ls.vector_hits(q, len(ls.corpus))],
            "score_mix": labelled.by_score(
                lambda q, ls=labelled: 0.5 * (ls.vectors @ ls.vectors[q]) + 0.5 * ls.tfidf_scores(q)
            ),
            "bm25": lambda q, ls=labelled: [i for i, _ in ls.lexical_hits(q, len(ls.corpus))],
        }
        measured = {name: measures(labelled.ranks(r)) for name, r in baselines.items()}
        measured["rrf_previous"] = measures(
            labelled.ranks(labelled.fused(method="rrf", vector_weight=1.5, lexical_weight=1.0))
        )
        measured["shipped"] = measures(grid[shipped_n][s])
        for name, m in measured.items():
            rows.setdefault(name, []).append(m)
        f1, t = labelled.cluster_f1(ranking_spreads())
        tf_f1, tf_t, tf_how = labelled.tfidf_cluster_f1()
        fixed = pairwise_prf(
            cluster(list(range(len(labelled.corpus))), labelled.vectors, 0.60), labelled.gold()
        )[2]
        figures[labelled.name] = {
            "shipped": as_dict(measured["shipped"], f1),
            "baselines": {
                "tfidf": as_dict(measured["tfidf"], tf_f1),
                "vector": as_dict(measured["vector"], fixed),
                "score_mix": as_dict(measured["score_mix"], None),
            },
            "cluster_threshold": t,
            "tfidf_cluster": {"threshold": tf_t, "method": tf_how},
        }

    names = {
        "tfidf": "TF-IDF cosine",
        "vector": "MiniLM cosine only",
        "bm25": "FTS5 bm25 only",
        "score_mix": "0.5 MiniLM + 0.5 TF-IDF score mix",
        "rrf_previous": "previous: RRF c=5, vector 1.5x",
        "shipped": "SHIPPED: z(cos) + 0.3 z(text)",
    }
    print("\nFinding the existing idea while a new one is written: recall@1 / recall@5 / MRR")
    print(f"  {'ranking':<36}" + "".join(f"{s.name[:22]:>24}" for s in sets) + f"{'mean':>24}")
    for key, name in names.items():
        cells = "".join(f"{a:>12.2f}{b:>6.2f}{c:>6.2f}" for a, b, c in rows[key])
        mean = np.mean(rows[key], axis=0)
        print(f"  {name:<36}{cells}{mean[0]:>12.2f}{mean[1]:>6.2f}{mean[2]:>6.2f}")
    print("  targets: on every set shipped >= score mix on recall@5 and MRR; SeaMonkey 0.90/0.80")

    print("\nDuplicate clusters: pairwise F1 (shipped: MiniLM, mutual 2-NN + average linkage at")
    print("the adaptive threshold; TF-IDF at its own best threshold and method)")
    for labelled in sets:
        fig = figures[labelled.name]
        print(
            f"  {labelled.name:<24} shipped F1 {fig['shipped']['cluster_f1']:.3f} at cosine "
            f"{fig['cluster_threshold']:.2f} | TF-IDF best "
            f"{fig['baselines']['tfidf']['cluster_f1']:.3f}"
            f" ({fig['tfidf_cluster']['method']}, {fig['tfidf_cluster']['threshold']:.1f}) | "
            f"fixed cosine 0.60: {fig['baselines']['vector']['cluster_f1']:.3f}"
        )

    cross_validate(sets, grid)
    if args.json:
        if len(sets) == 1:
            out: dict[str, Any] = figures[sets[0].name]
        else:
            out = mean_figures(figures)
            out["sets"] = figures
        out["machine"] = machine()
        args.json.write_text(json.dumps(out, indent=2))
        print(f"\nwrote {args.json}")


def ranking_spreads() -> float:
    from ideaportal.dedup.clustering import THRESHOLD_SPREADS

    return THRESHOLD_SPREADS


def mean_figures(figures: dict[str, dict[str, Any]]) -> dict[str, Any]:
    def mean_of(parts: list[dict[str, float | None]]) -> dict[str, float | None]:
        out: dict[str, float | None] = {}
        for key in parts[0]:
            values = [p[key] for p in parts if p[key] is not None]
            out[key] = float(np.mean(values)) if values else None  # type: ignore[arg-type]
        return out

    sets = list(figures.values())
    return {
        "shipped": mean_of([f["shipped"] for f in sets]),
        "baselines": {
            name: mean_of([f["baselines"][name] for f in sets])
            for name in ("tfidf", "vector", "score_mix")
        },
    }


def cross_validate(sets: list[LabelledSet], grid: dict[int, list[np.ndarray]]) -> None:
    def quality(ranks: np.ndarray) -> float:
        m = measures(ranks)
        return m[1] + m[2]

    print("\nCross-validation of the fusion setting (chosen by mean recall@5 + MRR)")
    if len(sets) > 1:
        for held, labelled in enumerate(sets):
            others = [s for s in range(len(sets)) if s != held]
            best = max(grid, key=lambda n: np.mean([quality(grid[n][s]) for s in others]))
            m = measures(grid[best][held])
            print(
                f"  leave out {labelled.name:<22} chosen on the rest: {label(FUSION_GRID[best])}"
                f"  -> held out {m[0]:.2f} / {m[1]:.2f} / {m[2]:.2f}"
            )
    mean_best = max(grid, key=lambda n: np.mean([quality(r) for r in grid[n]]))
    print(f"  best on average over all sets: {label(FUSION_GRID[mean_best])}")
    rng = np.random.default_rng(0)
    for s, labelled in enumerate(sets):
        held: list[tuple[float, float, float]] = []
        for _ in range(200):
            order = rng.permutation(len(labelled.queries))
            fit, test = order[: len(order) // 2], order[len(order) // 2 :]
            best = max(grid, key=lambda n: quality(grid[n][s][fit]))
            held.append(measures(grid[best][s][test]))
        h = np.mean(held, axis=0)
        print(
            f"  leave-half-out on {labelled.name:<22} held out {h[0]:.2f} / {h[1]:.2f} / {h[2]:.2f}"
        )
    print("  top settings by mean over the sets (recall@5 / MRR per set):")
    ordered = sorted(grid, key=lambda n: -np.mean([quality(r) for r in grid[n]]))
    for n in ordered[:8]:
        cells = "  ".join(f"{measures(r)[1]:.2f}/{measures(r)[2]:.2f}" for r in grid[n])
        mark = "  <- shipped" if is_shipped(FUSION_GRID[n]) else ""
        print(f"    {label(FUSION_GRID[n]):<58} {cells}{mark}")
    print("\nCross-validation of the cluster threshold's spread (pairwise F1 per set)")
    scores = {sp: [s.cluster_f1(sp) for s in sets] for sp in SPREADS_GRID}
    for sp, cells in scores.items():
        text_cells = "  ".join(f"F1 {f:.3f} at {t:.2f}" for f, t in cells)
        mark = "  <- shipped" if sp == ranking_spreads() else ""
        print(
            f"  mean + {sp:.1f} sd: {text_cells}  "
            f"mean F1 {np.mean([f for f, _ in cells]):.3f}{mark}"
        )
    if len(sets) > 1:
        for held, labelled in enumerate(sets):
            others = [s for s in range(len(sets)) if s != held]
            best_sp = max(SPREADS_GRID, key=lambda sp: np.mean([scores[sp][s][0] for s in others]))
            print(
                f"  leave out {labelled.name:<22} spread chosen on the rest {best_sp:.1f} -> "
                f"held-out F1 {scores[best_sp][held][0]:.3f}"
            )


if __name__ == "__main__":
    main()
