"""The "similar ideas" ranking: embedding neighbours and full-text matches fused into one list.

Owns how the two views of "similar" are combined (for similar-as-you-type and for picking
duplicate candidates) and the similarity thresholds that turn a pair of ideas into a
duplicate suggestion or, when an operator opts in, an automatic merge.

Why fuse at all: a sentence model finds paraphrases that share meaning but few words ("night
theme" for "dark mode"); bm25 finds what embeddings blur: product names, site names, error
codes, version numbers. On every labelled set each alone misses duplicates the other finds
(bench/dedup_quality.py prints the table).

Why score-level fusion of per-query z-scores, score(d) = z(cosine) + 0.3 z(text score)
+ 0.3 z(cosine of the typed text with d's title alone):
- chosen by cross-validation across labelled sets (leave-one-set-out over the SeaMonkey bug
  reports and the demo catalogue's short ideas, plus leave-half-out within each), not on one
  (bench/dedup_quality.py prints all 43 candidates on every set). Every setting with the
  title side beat every setting without it on the mean of both sets, and each held-out
  choice had it: a title is where people name the need, so an idea whose title says what is
  being typed should rise above one that mentions it in passing. A logistic combination of
  cosine, bm25, title cosine and shared rare words, fit on the training sets, did no better.
  The query side reuses the typed text's vector (no second encode per request); the title
  vectors are stored beside the text vectors.
- Reciprocal rank fusion (an earlier default) throws away how far ahead a hit is: a report
  that shares a rare error code with the query is one rank ahead on the text side, exactly
  like a hit that shares one common word. On a held-back bug-tracker set RRF lost to a plain
  0.5/0.5 score mix on MRR (0.70 against 0.76).
- per query, because raw scores do not compare across queries or backends: bm25 (SQLite) and
  ts_rank (PostgreSQL) are on unrelated scales that move with corpus size and with how much
  the user has typed. A z-score over the query's own candidate pool keeps "how far above the
  crowd" and drops the scale; min-max normalisation did about as well (within a query).
- every candidate gets its exact cosine (services computes it for text-only hits from the
  stored vector), so the embedding side is complete; an idea missing from the text side (or
  without a title vector yet) scores below that side's last hit and gets its lowest z-score.
- the text side weighs 0.3 and the title side 0.3: from 0.1 to 0.4 the mean over the sets
  stays within a query of the best; above that the templated words of bug reports start to
  win over meaning.
RRF stays available (method="rrf") for comparison in the bench.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# Fusion defaults (config: SIMILAR_RANKING_PARAMS, passed to fuse() as keyword arguments).
DEFAULT_METHOD = "zscore"
DEFAULT_VECTOR_WEIGHT = 1.0
DEFAULT_LEXICAL_WEIGHT = 0.3
# The third side: the cosine of the typed text with each candidate's title alone (a stored
# second vector per idea). z-score methods only; ideas without a title vector get the floor.
DEFAULT_TITLE_WEIGHT = 0.3
# Reciprocal rank fusion only (method="rrf"): the previous default was c=5, vector weight 1.5.
DEFAULT_RANK_CONSTANT = 5.0
METHODS = ("zscore", "minmax", "rrf")

# Cosine similarity at or above which two ideas become a duplicate candidate and are
# clustered, when the operator sets IDEAPORTAL_DUPLICATE_THRESHOLD. Unset (the default), the
# threshold adapts to each portal's texts (clustering.adaptive_threshold): a fixed cosine
# does not transfer between kinds of text. On long, templated bug reports every pair already
# has a cosine of ~0.34 on average and F1 peaks at 0.80; on short product ideas the average is
# ~0.22 and F1 peaks at 0.55-0.60. Both peaks sit at the same place relative to the texts'
# own spread: three standard deviations above the mean pair cosine.
DEFAULT_DUPLICATE_THRESHOLD = 0.60  # the fallback while a board has too few ideas to measure
# Merging without a product manager is opt-in (AUTO_MERGE_THRESHOLD unset = never). No
# threshold reached 0.98 pairwise precision on the labelled data (templated reports, such as
# per-site compatibility bugs, are near-identical text yet distinct), so this is the fallback
# bar: only near-verbatim reposts clear it.
DEFAULT_AUTO_MERGE_THRESHOLD = 0.95


@dataclass(frozen=True)
class SimilarHit:
    idea_id: int
    score: float  # the fused score: only its order means something
    vector_score: float | None  # cosine similarity (None if neither side could give it)
    lexical_score: float | None  # the text side's score, if it returned the idea


def _zscores(values: Mapping[int, float]) -> dict[int, float]:
    if not values:
        return {}
    mean = sum(values.values()) / len(values)
    spread = math.sqrt(sum((v - mean) ** 2 for v in values.values()) / len(values))
    if spread <= 1e-12:  # one hit, or all alike: this side cannot tell them apart
        return dict.fromkeys(values, 0.0)
    return {key: (v - mean) / spread for key, v in values.items()}


def _minmax(values: Mapping[int, float]) -> dict[int, float]:
    if not values:
        return {}
    low, high = min(values.values()), max(values.values())
    if high - low <= 1e-12:
        return dict.fromkeys(values, 1.0)
    return {key: (v - low) / (high - low) for key, v in values.items()}


def fuse(
    vector_hits: Sequence[tuple[int, float]],
    lexical_hits: Sequence[tuple[int, float]],
    k: int,
    *,
    method: str = DEFAULT_METHOD,
    vector_weight: float = DEFAULT_VECTOR_WEIGHT,
    lexical_weight: float = DEFAULT_LEXICAL_WEIGHT,
    rank_constant: float = DEFAULT_RANK_CONSTANT,
    cosines: Mapping[int, float] | None = None,
    title_cosines: Mapping[int, float] | None = None,
    title_weight: float = DEFAULT_TITLE_WEIGHT,
) -> list[SimilarHit]:
    """The k best ideas from two best-first hit lists.

    vector_hits: (idea id, cosine) from the vector index; lexical_hits: (idea id, text score,
    higher is better) from full-text search; cosines: the cosine of ideas only the text side
    found (so every candidate is judged on both sides); title_cosines: the typed text's cosine
    with candidates' titles alone (a third side, weighed title_weight; None leaves it out).
    method "zscore" (default) and "minmax" add the per-query normalised scores, weighted; "rrf" adds
    weight / (rank_constant + rank) per list. Ties go to the higher cosine, then to the older
    (lower) id, so the order is deterministic.
    """
    if k <= 0:
        return []
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}")
    if method == "rrf" and rank_constant <= -1:
        raise ValueError("rank_constant must be greater than -1")
    cosine: dict[int, float] = {}
    text: dict[int, float] = {}
    for hits, seen in ((vector_hits, cosine), (lexical_hits, text)):
        for idea_id, score in hits:
            seen.setdefault(idea_id, float(score))  # a list names an idea once; keep the first
    for idea_id, score in (cosines or {}).items():
        if idea_id in text:
            cosine.setdefault(idea_id, float(score))
    candidates = list(dict.fromkeys([*cosine, *text]))
    fused: dict[int, float] = {}
    if method == "rrf":
        for order, weight in (
            (list(dict.fromkeys(i for i, _ in vector_hits)), vector_weight),
            (list(dict.fromkeys(i for i, _ in lexical_hits)), lexical_weight),
        ):
            for rank, idea_id in enumerate(order, start=1):
                fused[idea_id] = fused.get(idea_id, 0.0) + weight / (rank_constant + rank)
    else:
        normalise = _zscores if method == "zscore" else _minmax
        # Only the candidates' titles count (normalised over the candidates, like the others).
        title = {i: float(v) for i, v in (title_cosines or {}).items() if i in cosine or i in text}
        sides = [(cosine, vector_weight), (text, lexical_weight)]
        if title:
            sides.append((title, title_weight))
        for seen, weight in sides:
            scaled = normalise(seen)
            floor = min(scaled.values(), default=0.0)  # missing: below this side's last hit
            for idea_id in candidates:
                fused[idea_id] = fused.get(idea_id, 0.0) + weight * scaled.get(idea_id, floor)
    ranked = sorted(fused.items(), key=lambda item: (-item[1], -cosine.get(item[0], -2.0), item[0]))
    return [
        SimilarHit(idea_id, score, cosine.get(idea_id), text.get(idea_id))
        for idea_id, score in ranked[:k]
    ]
