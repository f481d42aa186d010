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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import numpy as np  # noqa: E402
from machine_info import describe  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import Connection  # noqa: E402

from ideaportal.dedup import explain, ranking  # noqa: E402
from ideaportal.dedup.clustering import (  # noqa: E402
    NEIGHBOURS,
    THRESHOLD_SPREADS,
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


SPREADS_GRID = (2.0, 2.5, 3.0, 3.5, 4.0)  # clustering.adaptive_threshold's `spreads`
TFIDF_CLUSTER_THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def machine() -> str:
    return describe()


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
        # The title alone, for the title-only cosine candidate (and nothing else).
        titles = [" ".join((i["title"] or "").split()) for i in self.corpus]
        self.title_vectors = encoder.encode(titles, batch_size=64)
        # Each text as the app encodes a typed one (by default the int8 graph, one at a time).
        self.typed_vectors = get_encoder(for_queries=True).encode(self.texts)
        # Meaningful word stems (dedup.explain's) and their idf, for the shared-rare-words one.
        self.words = [explain.stems(t) for t in self.texts]
        frequency: dict[str, int] = {}
        for words in self.words:
            for w in words:
                frequency[w] = frequency.get(w, 0) + 1
        self.idf = {w: float(np.log(len(self.words) / c)) for w, c in frequency.items()}
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

    def vector_hits(
        self, query: int, limit: int, *, typed: bool = False
    ) -> list[tuple[int, float]]:
        hidden = frozenset(np.flatnonzero(~self.before(query)).tolist())
        vector = (self.typed_vectors if typed else self.vectors)[query]
        return self.index.search(vector, limit, IndexFilter(exclude_ids=hidden))

    def lexical_hits(
        self, query: int, limit: int, title_weight: float = fulltext.TITLE_WEIGHT
    ) -> list[tuple[int, float]]:
        # The index also holds later items (they do not exist yet when the query is typed):
        # ask for every match, then keep the first `limit` that the protocol allows.
        allowed = self.before(query)
        found = fulltext.search(
            self.conn,
            self.texts[query],
            limit=len(self.corpus),
            any_term=True,
            title_weight=title_weight,
        )
        return [(i, s) for i, s in found if allowed[i]][:limit]

    def pools(self, query: int) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
        if query not in self._pools:
            self._pools[query] = (
                self.vector_hits(query, self.pool),
                self.lexical_hits(query, self.pool),
            )
        return self._pools[query]

    def fused(self, *, typed: bool = False, **params: Any) -> Ranker:
        """ranking.fuse fed as the app feeds it; `typed`: the query's vector is the one the app
        gets for a typed text (Engine.query_encoder), the stored ones stay float."""

        def rank(query: int) -> list[int]:
            vector, lexical = self.pools(query)
            if typed:
                vector = self.vector_hits(query, self.pool, typed=True)
            mine = (self.typed_vectors if typed else self.vectors)[query]
            cosines = {i: float(self.vectors[i] @ mine) for i, _ in lexical}
            titles = {
                i: float(self.title_vectors[i] @ mine)
                for i in {i for i, _ in vector} | set(cosines)
            }
            hits = ranking.fuse(
                vector, lexical, k=2 * self.pool, cosines=cosines, title_cosines=titles, **params
            )
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

    def tfidf_cluster_f1(self) -> tuple[float, float, str]:
        """TF-IDF clusters at their best threshold and method (mutual 2-NN + average linkage
        as shipped, or a plain threshold graph): (F1, threshold, method)."""
        return self.best_cluster_f1(tfidf_unit_vectors(self.tfidf))

    def score_mix_cluster_f1(self) -> tuple[float, float, str]:
        """The same for the score mix: [sqrt(.5) MiniLM, sqrt(.5) TF-IDF] rows are unit
        vectors whose dot product is 0.5 cosine + 0.5 TF-IDF cosine."""
        half = np.float32(np.sqrt(0.5))
        mixed = np.hstack([half * self.vectors, half * tfidf_unit_vectors(self.tfidf)])
        return self.best_cluster_f1(np.ascontiguousarray(mixed))

    def best_cluster_f1(self, dense: np.ndarray) -> tuple[float, float, str]:
        ids, gold = list(range(len(self.corpus))), self.gold()
        best = (0.0, 0.0, "")
        for t in TFIDF_CLUSTER_THRESHOLDS:
            f = pairwise_prf(cluster(ids, dense, t), gold)[2]
            best = max(best, (f, t, "same method"))
            ti, tj, _ = pairs_at_least(dense, t)
            f = pairwise_prf(threshold_graph(len(ids), ti, tj), gold)[2]
            best = max(best, (f, t, "threshold graph"))
        return best


# ---- the fusion candidates ----
# Each is scored on every set; the shipped default is one of them. `cost` says what shipping it
# would add to the similar-as-you-type path (budget: p95 < 30 ms at 100k ideas).
FREE = "nothing"
TITLE_COST = (
    "a stored title vector per idea (shipped: a 2nd vector per idea, no 2nd encode per query)"
)
RARE_COST = "each candidate's text and word document frequencies per query"


@dataclass(frozen=True)
class Candidate:
    name: str
    norm: str = "zscore"  # "zscore", "minmax" or "rrf"
    text: float = 0.3  # weight of the text score
    title_weight: float = fulltext.TITLE_WEIGHT  # bm25: a title word counts this many body words
    title: float = 0.0  # weight of the cosine with the candidate's title alone
    rare: float = 0.0  # weight of the shared rare words
    rank_constant: float = 5.0  # rrf only
    vector: float = 1.0  # rrf only (the z-score methods keep the cosine at weight 1)

    @property
    def cost(self) -> str:
        return TITLE_COST if self.title else RARE_COST if self.rare else FREE

    def weights(self) -> np.ndarray:
        return np.array([1.0, self.text, self.title, self.rare])


def candidates() -> list[Candidate]:
    out: list[Candidate] = []
    for norm in ("zscore", "minmax"):
        for tw in (1.0, 3.0):
            for w in (0.1, 0.2, 0.3, 0.5, 1.0):
                out.append(Candidate(f"{norm} cos + {w} text, title words x{tw:g}", norm, w, tw))
    for c in (2.0, 5.0, 20.0, 60.0):
        for v in (1.0, 1.5, 2.0):
            out.append(
                Candidate(f"rrf c={c:g}, vector {v:g}x", "rrf", 1.0, rank_constant=c, vector=v)
            )
    for tw in (1.0, 3.0):
        for t in (0.1, 0.2, 0.3, 0.4):
            out.append(
                Candidate(
                    f"zscore cos + 0.3 text + {t} title cos, x{tw:g}",
                    text=0.3,
                    title=t,
                    title_weight=tw,
                )
            )
    for r in (0.2, 0.4):
        out.append(Candidate(f"zscore cos + 0.2 text + {r} rare words", text=0.2, rare=r))
    out.append(
        Candidate("zscore cos + 0.2 text + 0.2 title + 0.2 rare", text=0.2, title=0.2, rare=0.2)
    )
    return out


def shipped_candidate() -> Candidate:
    return Candidate(
        "SHIPPED",
        ranking.DEFAULT_METHOD,
        ranking.DEFAULT_LEXICAL_WEIGHT,
        fulltext.TITLE_WEIGHT,
        ranking.DEFAULT_TITLE_WEIGHT,
    )


def _normalise(values: np.ndarray, how: str) -> np.ndarray:
    """Per-query normalisation as ranking.fuse does it: over the values a side returned; an
    idea that side did not return gets its lowest normalised value."""
    present = ~np.isnan(values)
    out = np.zeros(len(values))
    if not present.any():
        return out
    v = values[present]
    if how == "zscore":
        spread = v.std()
        scaled = np.zeros(len(v)) if spread <= 1e-12 else (v - v.mean()) / spread
    else:
        low, high = v.min(), v.max()
        scaled = np.ones(len(v)) if high - low <= 1e-12 else (v - low) / (high - low)
    out[present] = scaled
    out[~present] = scaled.min()
    return out


@dataclass
class Pool:
    """One query's candidates (vector top-`pool` and text top-`pool`) with their features."""

    ids: np.ndarray
    cosine: np.ndarray
    text: np.ndarray  # bm25 score, nan where the text side did not return the idea
    title_cosine: np.ndarray
    rare: np.ndarray  # idf of shared words / idf of the query's words
    vector_order: list[int]
    text_order: list[int]

    def features(self, how: str) -> np.ndarray:
        return np.stack(
            [_normalise(f, how) for f in (self.cosine, self.text, self.title_cosine, self.rare)],
            axis=1,
        )

    def order(self, scores: np.ndarray) -> list[int]:
        """Best first; ties to the higher cosine, then the older id (as ranking.fuse)."""
        return self.ids[np.lexsort((self.ids, -self.cosine, -scores))].tolist()


class Features:
    """Pools for every query of a set, cached per bm25 title weight."""

    def __init__(self, labelled: LabelledSet) -> None:
        self.labelled = labelled
        self._pools: dict[tuple[int, float], Pool] = {}

    def pool(self, query: int, title_weight: float) -> Pool:
        key = (query, title_weight)
        if key not in self._pools:
            ls = self.labelled
            vector = ls.vector_hits(query, ls.pool)
            lexical = ls.lexical_hits(query, ls.pool, title_weight)
            ids = np.array(list(dict.fromkeys([i for i, _ in vector] + [i for i, _ in lexical])))
            text_of = dict(lexical)
            words = ls.words[query]
            total = sum(ls.idf[w] for w in words) or 1.0
            self._pools[key] = Pool(
                ids=ids,
                cosine=ls.vectors[ids] @ ls.vectors[query],
                text=np.array([text_of.get(int(i), np.nan) for i in ids]),
                # The typed text's vector against each candidate's title vector, as the app
                # does (a title-to-title cosine would need a second encode per query).
                title_cosine=ls.title_vectors[ids] @ ls.vectors[query],
                rare=np.array([sum(ls.idf[w] for w in words & ls.words[i]) / total for i in ids]),
                vector_order=[i for i, _ in vector],
                text_order=[i for i, _ in lexical],
            )
        return self._pools[key]

    def ranker(self, candidate: Candidate, weights: np.ndarray | None = None) -> Ranker:
        def rank(query: int) -> list[int]:
            pool = self.pool(query, candidate.title_weight)
            if candidate.norm == "rrf":
                fused = ranking.fuse(
                    [(i, 0.0) for i in pool.vector_order],
                    [(i, 0.0) for i in pool.text_order],
                    k=len(pool.ids),
                    method="rrf",
                    rank_constant=candidate.rank_constant,
                    vector_weight=candidate.vector,
                    lexical_weight=1.0,
                )
                return [h.idea_id for h in fused]
            w = candidate.weights() if weights is None else weights
            return pool.order(pool.features(candidate.norm) @ w)

        return rank

    def training_rows(
        self, queries: list[int], title_weight: float
    ) -> tuple[np.ndarray, np.ndarray]:
        """(z-scored features, is-relevant) of every candidate of these queries."""
        xs, ys = [], []
        for q in queries:
            query, relevant = self.labelled.queries[q]
            pool = self.pool(query, title_weight)
            xs.append(pool.features("zscore"))
            ys.append(np.isin(pool.ids, list(relevant)))
        return np.vstack(xs), np.concatenate(ys)


LOGISTIC_FEATURES = (0, 1, 2, 3)  # cosine, text score, title cosine, shared rare words


def fit_logistic(rows: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Weights of a logistic regression (scikit-learn, L2, balanced classes) on z-scored
    features, scaled so the cosine weighs 1: only the order they give matters."""
    from sklearn.linear_model import LogisticRegression

    x = np.vstack([r[0] for r in rows])
    y = np.concatenate([r[1] for r in rows])
    model = LogisticRegression(C=0.1, class_weight="balanced", max_iter=2000)
    model.fit(x[:, LOGISTIC_FEATURES], y)
    weights = np.zeros(4)
    weights[list(LOGISTIC_FEATURES)] = model.coef_[0]
    return weights / weights[0]


def as_dict(m: tuple[float, float, float], f1: float | None) -> dict[str, float | None]:
    return {"recall@1": m[0], "recall@5": m[1], "mrr": m[2], "cluster_f1": f1}


def find_shared_set(root: Path) -> Path:
    """shared/data/duplicates-seamonkey beside the repository (or beside a folder above it,
    as for a checkout inside a work tree)."""
    for folder in (root, *root.parents):
        candidate = folder.parent / "shared" / "data" / "duplicates-seamonkey"
        if candidate.is_dir():
            return candidate
    raise SystemExit("no ../shared/data/duplicates-seamonkey found: pass --data DIR")


def default_sets(root: Path) -> list[Path]:
    import subprocess
    import tempfile

    shared = find_shared_set(root)
    demo = Path(tempfile.mkdtemp(prefix="dedup-bench-")) / "demo-catalogue"
    subprocess.run(  # noqa: S603 - our own script, fixed arguments
        [sys.executable, str(root / "bench" / "export_demo_set.py"), str(demo)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return [shared, demo]


def quality(ranks: np.ndarray) -> float:
    """What a choice is made on: recall@5 + MRR (the two targets)."""
    m = measures(ranks)
    return m[1] + m[2]


def cells(ms: list[tuple[float, float, float]]) -> str:
    mean = np.mean(ms, axis=0)
    return "".join(f"{a:>12.2f}{b:>6.2f}{c:>6.2f}" for a, b, c in [*ms, tuple(mean)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, action="append", help="a labelled set (repeatable)")
    parser.add_argument("--pool", type=int, default=50, help="hits per side before fusing")
    parser.add_argument("--splits", type=int, default=200, help="leave-half-out repetitions")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    sets = [LabelledSet(folder, args.pool) for folder in (args.data or default_sets(ROOT))]
    features = [Features(s) for s in sets]
    header = f"  {'ranking':<56}" + "".join(f"{s.name[:22]:>24}" for s in sets) + f"{'mean':>24}"

    # Baselines and the shipped product path (ranking.fuse fed as the app feeds it).
    rows: dict[str, list[tuple[float, float, float]]] = {}
    figures: dict[str, dict[str, Any]] = {}
    for labelled in sets:
        baselines: dict[str, Ranker] = {
            "tfidf": labelled.by_score(labelled.tfidf_scores),
            "vector": lambda q, ls=labelled: [i for i, _ in ls.vector_hits(q, len(ls.corpus))],
            "score_mix": labelled.by_score(
                lambda q, ls=labelled: 0.5 * (ls.vectors @ ls.vectors[q]) + 0.5 * ls.tfidf_scores(q)
            ),
            "bm25": lambda q, ls=labelled: [i for i, _ in ls.lexical_hits(q, len(ls.corpus))],
            "previous": labelled.fused(title_weight=0.0),
            "shipped": labelled.fused(),
            "typed": labelled.fused(typed=True),
        }
        for name, ranker in baselines.items():
            rows.setdefault(name, []).append(measures(labelled.ranks(ranker)))
    # The bench's own scorer must agree with the product's fuse on the shipped setting.
    for labelled, feats in zip(sets, features, strict=True):
        same = np.array_equal(
            labelled.ranks(labelled.fused()), labelled.ranks(feats.ranker(shipped_candidate()))
        )
        if not same:
            raise SystemExit(f"bench scoring disagrees with ranking.fuse on {labelled.name}")

    grid = candidates()
    scored = {c: [s.ranks(f.ranker(c)) for s, f in zip(sets, features, strict=True)] for c in grid}
    names = {
        "tfidf": "TF-IDF cosine",
        "vector": "MiniLM cosine only",
        "bm25": "FTS5 bm25 only",
        "score_mix": "0.5 MiniLM + 0.5 TF-IDF score mix",
        "previous": "previous: z(cos)+0.3 z(text)",
        "shipped": "SHIPPED: " + shipped_label(),
        "typed": "  the same, typed text through the int8 query graph",
    }
    print("\nFinding the existing idea while a new one is written: recall@1 / recall@5 / MRR")
    print(header)
    for key, name in names.items():
        print(f"  {name:<56}{cells(rows[key])}")
    print("  targets: every set: shipped >= score mix on recall@5 and MRR; SeaMonkey 0.90 / 0.80")

    print("\nEvery fusion candidate on every set (recall@1 / recall@5 / MRR), best mean first;")
    print("`needs` is what shipping it would add to the typing path")
    print(header)
    ordered = sorted(grid, key=lambda c: -np.mean([quality(r) for r in scored[c]]))
    for c in ordered:
        mark = "  <- shipped" if same_setting(c, shipped_candidate()) else ""
        need = "" if c.cost == FREE else f"  needs: {c.cost}"
        print(f"  {c.name[:56]:<56}{cells([measures(r) for r in scored[c]])}{mark}{need}")

    cv = cross_validate(sets, features, grid, scored, args.splits)
    clusters = cluster_cross_validation(sets)

    for s, labelled in enumerate(sets):
        cl = clusters["per_set"][labelled.name]
        figures[labelled.name] = {
            "shipped": as_dict(rows["shipped"][s], cl["shipped"]),
            "typed_in_int8": as_dict(rows["typed"][s], None),
            "baselines": {
                "tfidf": as_dict(rows["tfidf"][s], cl["tfidf"]),
                "vector": as_dict(rows["vector"][s], cl["fixed_0.60"]),
                "score_mix": as_dict(rows["score_mix"][s], cl["score_mix"]),
            },
            "cluster_threshold": cl["threshold"],
            "tfidf_cluster": {"threshold": cl["tfidf_threshold"], "method": cl["tfidf_method"]},
        }
    if args.json:
        first = figures[sets[0].name]
        out: dict[str, Any] = {"shipped": first["shipped"], "baselines": first["baselines"]}
        out["default_set"] = sets[0].name
        if len(sets) > 1:
            out["sets"] = figures
            out["mean"] = mean_figures(figures)
        out["cross_validation"] = cv
        out["machine"] = machine()
        args.json.write_text(json.dumps(out, indent=2))
        print(f"\nwrote {args.json}")


def shipped_label() -> str:
    return (
        f"z(cos)+{ranking.DEFAULT_LEXICAL_WEIGHT:g} z(text)+"
        f"{ranking.DEFAULT_TITLE_WEIGHT:g} z(title cos)"
    )


def same_setting(a: Candidate, b: Candidate) -> bool:
    keys = ("norm", "text", "title_weight", "title", "rare")
    return all(getattr(a, k) == getattr(b, k) for k in keys)


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


def cross_validate(
    sets: list[LabelledSet],
    features: list[Features],
    grid: list[Candidate],
    scored: dict[Candidate, list[np.ndarray]],
    splits: int,
) -> dict[str, Any]:
    """Leave-one-set-out and leave-half-out over the fixed candidates, and the same for the
    logistic combination (fit on the training part only)."""
    out: dict[str, Any] = {"leave_one_set_out": {}, "leave_half_out": {}}
    everything = list(range(len(sets)))
    print("\nCross-validation (a choice is made on mean recall@5 + MRR of the training part)")
    free = [c for c in grid if c.cost == FREE]
    for label_, pool in (("any candidate", grid), ("no added cost", free)):
        best = max(pool, key=lambda c: np.mean([quality(r) for r in scored[c]]))
        print(f"  best on average over all sets, {label_}: {best.name}")
        out[f"best_on_average_{label_.replace(' ', '_')}"] = best.name
    if len(sets) > 1:
        for held, labelled in enumerate(sets):
            others = [s for s in everything if s != held]
            chosen = max(grid, key=lambda c: np.mean([quality(scored[c][s]) for s in others]))
            m = measures(scored[chosen][held])
            weights = fit_logistic(
                [features[s].training_rows(list(range(len(sets[s].queries))), 3.0) for s in others]
            )
            lm = measures(labelled.ranks(features[held].ranker(Candidate("logistic"), weights)))
            print(
                f"  leave out {labelled.name[:22]:<22} chosen: {chosen.name[:44]:<44} -> "
                f"{m[0]:.2f} / {m[1]:.2f} / {m[2]:.2f} | logistic fit on the rest "
                f"(w {np.round(weights, 2).tolist()}) -> {lm[0]:.2f} / {lm[1]:.2f} / {lm[2]:.2f}"
            )
            out["leave_one_set_out"][labelled.name] = {
                "chosen": chosen.name,
                "held_out": as_dict(m, None),
                "logistic_weights": weights.tolist(),
                "logistic_held_out": as_dict(lm, None),
            }
    rng = np.random.default_rng(0)
    for s, (labelled, feats) in enumerate(zip(sets, features, strict=True)):
        held_fixed: list[tuple[float, float, float]] = []
        held_logit: list[tuple[float, float, float]] = []
        for split in range(splits):
            order = rng.permutation(len(labelled.queries))
            fit, test = order[: len(order) // 2], order[len(order) // 2 :]
            chosen = max(grid, key=lambda c: quality(scored[c][s][fit]))
            held_fixed.append(measures(scored[chosen][s][test]))
            if split < 20:  # a logistic fit per split is slower; 20 splits say enough
                weights = fit_logistic([feats.training_rows(fit.tolist(), 3.0)])
                ranks = labelled.ranks(feats.ranker(Candidate("logistic"), weights))
                held_logit.append(measures(ranks[test]))
        h, g = np.mean(held_fixed, axis=0), np.mean(held_logit, axis=0)
        print(
            f"  leave-half-out on {labelled.name[:22]:<22} held-out halves: grid choice "
            f"{h[0]:.2f} / {h[1]:.2f} / {h[2]:.2f} | logistic {g[0]:.2f} / {g[1]:.2f} / {g[2]:.2f}"
        )
        out["leave_half_out"][labelled.name] = {
            "grid": as_dict((h[0], h[1], h[2]), None),
            "logistic": as_dict((g[0], g[1], g[2]), None),
        }
    weights = fit_logistic(
        [
            f.training_rows(list(range(len(s.queries))), 3.0)
            for s, f in zip(sets, features, strict=True)
        ]
    )
    print(
        "  logistic weights fit on all sets (cos, text, title cos, rare): "
        f"{np.round(weights, 2).tolist()}"
    )
    out["logistic_weights_all_sets"] = weights.tolist()
    return out


CLUSTER_METHODS = ("mutual 1-NN", "mutual 2-NN", "mutual 3-NN", "threshold graph")


def cluster_groups(labelled: LabelledSet, method: str, threshold: float) -> list[list[int]]:
    ids = list(range(len(labelled.corpus)))
    if method == "threshold graph":
        i, j, _ = pairs_at_least(labelled.vectors, threshold)
        return threshold_graph(len(ids), i, j)
    k = int(method.split()[1][0])
    return cluster(ids, labelled.vectors, threshold, neighbours=k)


def cluster_cross_validation(sets: list[LabelledSet]) -> dict[str, Any]:
    """Method x spread of the adaptive threshold, scored by pairwise F1 on every set; the
    shipped pair beside TF-IDF at its best threshold and method (cheating in its favour)."""
    scores: dict[tuple[str, float], list[tuple[float, float]]] = {}
    for method in CLUSTER_METHODS:
        for spreads in SPREADS_GRID:
            cell = []
            for labelled in sets:
                t = adaptive_threshold(
                    labelled.vectors, fallback=ranking.DEFAULT_DUPLICATE_THRESHOLD, spreads=spreads
                )
                cell.append(
                    (pairwise_prf(cluster_groups(labelled, method, t), labelled.gold())[2], t)
                )
            scores[(method, spreads)] = cell
    shipped = (f"mutual {NEIGHBOURS}-NN", THRESHOLD_SPREADS)
    print("\nDuplicate clusters: pairwise F1 per set (threshold = mean random-pair cosine + s sd)")
    print(
        f"  {'method, spread':<30}" + "".join(f"{s.name[:22]:>24}" for s in sets) + f"{'mean':>10}"
    )
    for key, cell in sorted(scores.items(), key=lambda kv: -np.mean([f for f, _ in kv[1]])):
        text_cells = "".join(f"{f'{f:.3f} at {t:.2f}':>24}" for f, t in cell)
        mark = "  <- shipped" if key == shipped else ""
        print(
            f"  {key[0] + f', {key[1]:.1f} sd':<30}{text_cells}"
            f"{np.mean([f for f, _ in cell]):>10.3f}{mark}"
        )
    everything = list(range(len(sets)))
    result: dict[str, Any] = {"per_set": {}, "leave_one_set_out": {}}
    if len(sets) > 1:
        for held, labelled in enumerate(sets):
            others = [s for s in everything if s != held]
            best = max(scores, key=lambda k: np.mean([scores[k][s][0] for s in others]))
            f1 = scores[best][held][0]
            print(
                f"  leave out {labelled.name[:22]:<22} chosen on the rest: {best[0]}, "
                f"{best[1]:.1f} sd -> held-out F1 {f1:.3f}"
            )
            result["leave_one_set_out"][labelled.name] = {
                "method": best[0],
                "spreads": best[1],
                "f1": f1,
            }
    best = max(scores, key=lambda k: np.mean([f for f, _ in scores[k]]))
    print(f"  best on average: {best[0]}, {best[1]:.1f} sd")
    print("\n  side by side (pairwise F1): shipped | TF-IDF at its best threshold and method")
    for s, labelled in enumerate(sets):
        tf_f1, tf_t, tf_how = labelled.tfidf_cluster_f1()
        f1, t = scores[shipped][s]
        fixed = pairwise_prf(cluster_groups(labelled, shipped[0], 0.60), labelled.gold())[2]
        mix_f1, mix_t, mix_how = labelled.score_mix_cluster_f1()
        verdict = "OK" if f1 >= tf_f1 else "BELOW TF-IDF"
        print(
            f"  {labelled.name[:22]:<22} shipped {f1:.3f} (cosine {t:.2f}) | TF-IDF {tf_f1:.3f} "
            f"({tf_how}, {tf_t:.1f}) | score mix {mix_f1:.3f} ({mix_how}, {mix_t:.1f}) | "
            f"fixed cosine 0.60: {fixed:.3f}  {verdict}"
        )
        result["per_set"][labelled.name] = {
            "shipped": f1,
            "threshold": t,
            "tfidf": tf_f1,
            "tfidf_threshold": tf_t,
            "tfidf_method": tf_how,
            "fixed_0.60": fixed,
            "score_mix": mix_f1,
        }
    return result


if __name__ == "__main__":
    main()
