"""The "similar ideas" ranking: embedding neighbours and full-text matches fused into one list.

Owns how the two views of "similar" are combined (for similar-as-you-type and for picking
duplicate candidates) and the similarity thresholds that turn a pair of ideas into a
duplicate suggestion or, when an operator opts in, an automatic merge.

Why fuse at all: a sentence model finds paraphrases that share meaning but few words ("night
theme" for "dark mode"); bm25 finds what embeddings blur: product names, site names, error
codes, version numbers. On the labelled SeaMonkey set each alone misses duplicates the other
finds (bench/dedup_quality.py prints the table).

Why weighted reciprocal rank fusion (RRF), score(d) = Σ w_s / (c + rank_s(d)):
- it uses ranks, not raw scores. bm25 is unbounded and its scale moves with the corpus size
  and with how much the user has typed; cosine ranges move with the model. A score mix has
  to normalise both per query (by the top hit, min-max or z-score), and on the data those
  normalisations were less stable: they depend on how many hits each side returns, RRF did
  not (same quality for pools of 30 to 2,000 hits per side).
- it has two parameters, both explained by the data: the vector list counts 1.5x the lexical
  one (the embedding alone is the stronger ranker: MRR 0.81 against 0.69 for bm25), and a
  small rank constant (5, where web search uses 60) because only the first handful of
  suggestions is ever shown, so agreement near the top should count most.
On the SeaMonkey protocol this gives recall@5 0.91 and MRR 0.82 against 0.87/0.81 for the
embedding alone; the neighbouring settings (c in 2..20, vector weight 1.5..2) stay within
one query of that, and the same choice also wins on the all-items variant of the task.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# Fusion defaults (config: SIMILAR_RANKING_PARAMS, passed to fuse() as keyword arguments).
DEFAULT_VECTOR_WEIGHT = 1.5
DEFAULT_LEXICAL_WEIGHT = 1.0
DEFAULT_RANK_CONSTANT = 5.0

# Cosine similarity (all-MiniLM-L6-v2, title + 300 body characters) at or above which two
# ideas become a duplicate candidate, and the clustering threshold. Two labelled sets disagree
# (bench/dedup_quality.py prints both sweeps): on SeaMonkey's long, templated bug reports the
# cluster F1 peaks at 0.78-0.80, but on short product ideas (the demo catalogue's 35 labelled
# groups, bench/export_demo_set.py) true duplicates have a median cosine of 0.53 and nothing
# clears 0.76, while F1 peaks at 0.55-0.60. Idea portals hold short ideas, and a suggestion is
# confirmed by a product manager before anything merges, so the default follows the
# product-like set: 0.60. Long bug-report-like texts want IDEAPORTAL_DUPLICATE_THRESHOLD=0.80.
DEFAULT_DUPLICATE_THRESHOLD = 0.60
# Merging without a product manager is opt-in (AUTO_MERGE_THRESHOLD unset = never). No
# threshold reached 0.98 pairwise precision on the labelled data (templated reports, such as
# per-site compatibility bugs, are near-identical text yet distinct), so this is the fallback
# bar: only near-verbatim reposts clear it.
DEFAULT_AUTO_MERGE_THRESHOLD = 0.95


@dataclass(frozen=True)
class SimilarHit:
    idea_id: int
    score: float  # the fused score: only its order means something
    vector_score: float | None  # cosine similarity, if the vector side returned the idea
    lexical_score: float | None  # -bm25, if the full-text side returned the idea


def fuse(
    vector_hits: Sequence[tuple[int, float]],
    lexical_hits: Sequence[tuple[int, float]],
    k: int,
    *,
    vector_weight: float = DEFAULT_VECTOR_WEIGHT,
    lexical_weight: float = DEFAULT_LEXICAL_WEIGHT,
    rank_constant: float = DEFAULT_RANK_CONSTANT,
) -> list[SimilarHit]:
    """The k best ideas by weighted reciprocal rank fusion of two best-first hit lists.

    vector_hits: (idea id, cosine) from the vector index; lexical_hits: (idea id, -bm25)
    from full-text search. Each list adds weight / (rank_constant + rank) for an idea, rank
    counting from 1; an idea missing from a list gets nothing from it. Ties go to the higher
    cosine, then to the older (lower) id, so the order is deterministic.
    """
    if k <= 0:
        return []
    if rank_constant <= -1:
        raise ValueError("rank_constant must be greater than -1")
    fused: dict[int, float] = {}
    cosine: dict[int, float] = {}
    bm25: dict[int, float] = {}
    for hits, weight, seen in (
        (vector_hits, vector_weight, cosine),
        (lexical_hits, lexical_weight, bm25),
    ):
        for rank, (idea_id, score) in enumerate(hits, start=1):
            if idea_id in seen:  # a list names an idea once; keep its best rank
                continue
            seen[idea_id] = score
            fused[idea_id] = fused.get(idea_id, 0.0) + weight / (rank_constant + rank)
    ranked = sorted(fused.items(), key=lambda item: (-item[1], -cosine.get(item[0], -2.0), item[0]))
    return [
        SimilarHit(idea_id, score, cosine.get(idea_id), bm25.get(idea_id))
        for idea_id, score in ranked[:k]
    ]
