"""Fusing the two views of "similar": sentence-embedding cosine and full-text (bm25) rank.

Paraphrases share meaning but few words; exact keywords (product names, error codes) are what
embeddings blur. The fused score is a weighted mix of the cosine similarity and the bm25
score normalised by the best bm25 hit of the query:

    score = w · cosine + (1 − w) · bm25 / max(bm25)

The weight was chosen on labelled data (README, "Duplicate detection"): on the SeaMonkey set
it matches the embedding alone and beats TF-IDF, bm25 alone and reciprocal rank fusion, while
keeping exact keywords (product names, error codes) able to lift a match.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

DEFAULT_VECTOR_WEIGHT = 0.8
# Cosine similarity above which two ideas are suggested as duplicates, and the much higher,
# opt-in bar for merging without a product manager (see the README for how both were chosen).
DEFAULT_DUPLICATE_THRESHOLD = 0.75
DEFAULT_AUTO_MERGE_THRESHOLD = 0.95


@dataclass(frozen=True)
class SimilarHit:
    idea_id: int
    score: float
    vector_score: float | None
    lexical_score: float | None


def fuse(
    vector_hits: Sequence[tuple[int, float]],
    lexical_hits: Sequence[tuple[int, float]],
    k: int,
    *,
    vector_weight: float = DEFAULT_VECTOR_WEIGHT,
) -> list[SimilarHit]:
    """Best first. An idea missing from one list scores 0 on that side."""
    vectors = dict(vector_hits)
    lexical = dict(lexical_hits)
    best = max((s for s in lexical.values() if s > 0), default=0.0)
    fused = []
    for idea_id in vectors.keys() | lexical.keys():
        cosine = vectors.get(idea_id)
        bm25 = lexical.get(idea_id)
        normalised = (bm25 / best) if bm25 is not None and best > 0 else 0.0
        score = vector_weight * (cosine or 0.0) + (1 - vector_weight) * max(normalised, 0.0)
        fused.append(SimilarHit(idea_id, score, cosine, bm25))
    fused.sort(key=lambda h: (-h.score, h.idea_id))
    return fused[:k]


def reciprocal_rank_fusion(
    vector_hits: Sequence[tuple[int, float]],
    lexical_hits: Sequence[tuple[int, float]],
    k: int,
    *,
    rrf_k: int = 60,
) -> list[SimilarHit]:
    """The common alternative, kept for the quality benchmark's comparison."""
    vectors, lexical = dict(vector_hits), dict(lexical_hits)
    scores: dict[int, float] = {}
    for hits in (vector_hits, lexical_hits):
        for rank, (idea_id, _) in enumerate(hits):
            scores[idea_id] = scores.get(idea_id, 0.0) + 1.0 / (rrf_k + rank + 1)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:k]
    return [SimilarHit(i, s, vectors.get(i), lexical.get(i)) for i, s in ranked]
