"""Duplicate-detection quality on a labelled set, shipped pipeline beside a TF-IDF baseline.

    .venv/bin/python bench/dedup_quality.py [--data DIR]

DIR holds corpus.jsonl ({"id", "title", "body", "created", "group"}) and queries.jsonl
({"query", "relevant"}); the default is ../shared/data/duplicates-seamonkey next to the
repository, read in place. Protocol (from that set's README): for each query, rank every corpus
item created before it (never the query itself); report recall@1, recall@5 and MRR. Then the
pairwise precision/recall/F1 of the duplicate clusters against the labelled groups.

The shipped pipeline is the product's own code: idea_text(), the bundled MiniLM encoder, the
FTS5 index from ideaportal.ideas.fulltext, and ranking.fuse() with its default weight; clusters
come from clustering.cluster() at DEFAULT_DUPLICATE_THRESHOLD.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sqlalchemy import create_engine  # noqa: E402

from ideaportal.dedup import ranking  # noqa: E402
from ideaportal.dedup.clustering import cluster, pairwise_prf  # noqa: E402
from ideaportal.dedup.encoder import SentenceTransformerEncoder  # noqa: E402
from ideaportal.dedup.text import idea_text  # noqa: E402
from ideaportal.ideas import fulltext  # noqa: E402

POOL = 50  # what similar-as-you-type takes from each side before fusing (max(k*10, 50))
Ranker = Callable[[int, list[int]], list[int]]


def load(folder: Path) -> tuple[list[dict], list[dict]]:
    corpus = [json.loads(line) for line in (folder / "corpus.jsonl").open() if line.strip()]
    queries = [json.loads(line) for line in (folder / "queries.jsonl").open() if line.strip()]
    return corpus, queries


def evaluate(rank: Ranker, corpus: list[dict], queries: list[dict]) -> tuple[float, float, float]:
    position = {item["id"]: n for n, item in enumerate(corpus)}
    r1 = r5 = rr = 0.0
    for q in queries:
        qi = position[q["query"]]
        created = corpus[qi]["created"]
        candidates = [n for n, item in enumerate(corpus) if item["created"] < created and n != qi]
        ranked = rank(qi, candidates)
        relevant = {position[r] for r in q["relevant"] if r in position}
        hits = [i for i, n in enumerate(ranked) if n in relevant]
        if hits:
            first = hits[0]
            r1 += first == 0
            r5 += first < 5
            rr += 1 / (first + 1)
    n = len(queries)
    return r1 / n, r5 / n, rr / n


def main() -> None:
    parser = argparse.ArgumentParser(description="duplicate detection quality")
    parser.add_argument(
        "--data", type=Path, default=ROOT.parent / "shared" / "data" / "duplicates-seamonkey"
    )
    args = parser.parse_args()
    corpus, queries = load(args.data)
    texts = [idea_text(item["title"], item.get("body") or "") for item in corpus]
    print(f"{len(corpus)} items, {len(queries)} queries from {args.data.name}")

    started = time.perf_counter()
    encoder = SentenceTransformerEncoder()
    vectors = encoder.encode(texts, batch_size=64)
    print(f"embedded in {time.perf_counter() - started:.1f} s ({encoder.name})")

    # The product's full-text index, in an in-memory SQLite database of the same shape.
    engine = create_engine("sqlite://")
    with engine.begin() as conn:
        raw = conn.connection.dbapi_connection
        assert isinstance(raw, sqlite3.Connection)
        raw.execute("CREATE TABLE idea (id INTEGER PRIMARY KEY, title TEXT, body TEXT)")
        raw.executemany(
            "INSERT INTO idea (id, title, body) VALUES (?, ?, ?)",
            [(n, item["title"], (item.get("body") or "")[:300]) for n, item in enumerate(corpus)],
        )
        for statement in fulltext.fts_ddl():
            raw.execute(statement)
    conn = engine.connect()

    def vector_hits(qi: int, candidates: list[int], pool: int = POOL) -> list[tuple[int, float]]:
        sims = vectors[candidates] @ vectors[qi]
        order = np.argsort(-sims)[:pool]
        return [(candidates[i], float(sims[i])) for i in order]

    def lexical_hits(qi: int, candidates: list[int], pool: int = POOL) -> list[tuple[int, float]]:
        allowed = set(candidates)
        found = fulltext.search(conn, texts[qi], limit=len(corpus), any_term=True)
        return [(i, s) for i, s in found if i in allowed][:pool]

    def fused(weight: float) -> Ranker:
        def rank(qi: int, candidates: list[int]) -> list[int]:
            hits = ranking.fuse(
                vector_hits(qi, candidates),
                lexical_hits(qi, candidates),
                k=2 * POOL,
                vector_weight=weight,
            )
            return [h.idea_id for h in hits]

        return rank

    def rrf(qi: int, candidates: list[int]) -> list[int]:
        hits = ranking.reciprocal_rank_fusion(
            vector_hits(qi, candidates), lexical_hits(qi, candidates), k=2 * POOL
        )
        return [h.idea_id for h in hits]

    tfidf = TfidfVectorizer(sublinear_tf=True, stop_words="english")
    tfidf_matrix = tfidf.fit_transform(texts)

    def tfidf_rank(qi: int, candidates: list[int]) -> list[int]:
        sims = (tfidf_matrix[candidates] @ tfidf_matrix[qi].T).toarray().ravel()
        return [candidates[i] for i in np.argsort(-sims, kind="stable")]

    rows = [
        ("TF-IDF cosine (baseline)", tfidf_rank),
        ("MiniLM cosine only", lambda qi, c: [i for i, _ in vector_hits(qi, c, len(c))]),
        ("FTS5 bm25 only", lambda qi, c: [i for i, _ in lexical_hits(qi, c, len(c))]),
        ("reciprocal rank fusion (k=60)", rrf),
        (f"SHIPPED: fuse, w={ranking.DEFAULT_VECTOR_WEIGHT}", fused(ranking.DEFAULT_VECTOR_WEIGHT)),
    ]
    print("\nFind the existing idea for a new one")
    print(f"{'ranking':<36} {'recall@1':>9} {'recall@5':>9} {'MRR':>7}")
    results = {}
    for name, ranker in rows:
        results[name] = evaluate(ranker, corpus, queries)
        r1, r5, mrr = results[name]
        print(f"{name:<36} {r1:9.2f} {r5:9.2f} {mrr:7.2f}")
    base = results["TF-IDF cosine (baseline)"]
    shipped = results[rows[-1][0]]
    print(
        f"shipped vs TF-IDF: recall@5 {shipped[1] / base[1]:.2f}x, MRR {shipped[2] / base[2]:.2f}x"
    )

    print("\nWeight sweep of the fusion (vector weight w; to defend the default, not to tune)")
    for weight in (0.5, 0.6, 0.7, 0.8, 0.9, 1.0):
        r1, r5, mrr = evaluate(fused(weight), corpus, queries)
        print(f"  w={weight:.1f}  recall@1 {r1:.2f}  recall@5 {r5:.2f}  MRR {mrr:.2f}")

    # Clusters against the labelled groups.
    gold: dict[str, list[int]] = {}
    for n, item in enumerate(corpus):
        if item.get("group") is not None:
            gold.setdefault(str(item["group"]), []).append(n)
    ids = list(range(len(corpus)))
    print("\nDuplicate clusters, pairwise precision / recall / F1 against the labelled groups")
    print("  MiniLM, mutual 2-nearest neighbours, threshold sweep:")
    for threshold in (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9):
        p, r, f = pairwise_prf(cluster(ids, vectors, threshold), gold.values())
        mark = "  <- shipped" if abs(threshold - ranking.DEFAULT_DUPLICATE_THRESHOLD) < 1e-9 else ""
        print(f"    cosine >= {threshold:.2f}: P {p:.2f}  R {r:.2f}  F1 {f:.2f}{mark}")
    dense = tfidf_matrix.toarray().astype(np.float32)
    norms = np.linalg.norm(dense, axis=1, keepdims=True)
    dense = dense / np.where(norms == 0, 1, norms)
    best = max(
        (
            (t, *pairwise_prf(cluster(ids, dense, t), gold.values()))
            for t in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
        ),
        key=lambda row: row[3],
    )
    shipped_prf = pairwise_prf(
        cluster(ids, vectors, ranking.DEFAULT_DUPLICATE_THRESHOLD), gold.values()
    )
    print(
        f"  SHIPPED (MiniLM >= {ranking.DEFAULT_DUPLICATE_THRESHOLD}): "
        f"P {shipped_prf[0]:.2f}  R {shipped_prf[1]:.2f}  F1 {shipped_prf[2]:.2f}"
    )
    print(
        f"  TF-IDF baseline at its best threshold ({best[0]}): "
        f"P {best[1]:.2f}  R {best[2]:.2f}  F1 {best[3]:.2f}"
    )
    auto = pairwise_prf(cluster(ids, vectors, ranking.DEFAULT_AUTO_MERGE_THRESHOLD), gold.values())
    print(
        f"  auto-merge bar (>= {ranking.DEFAULT_AUTO_MERGE_THRESHOLD}): P {auto[0]:.2f}  "
        f"R {auto[1]:.2f}"
    )


if __name__ == "__main__":
    main()
