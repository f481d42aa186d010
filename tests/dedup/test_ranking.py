"""Properties of the fused "similar ideas" ranking (weighted reciprocal rank fusion)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ideaportal.dedup import ranking
from ideaportal.dedup.ranking import SimilarHit, fuse


def ids(hits: list[SimilarHit]) -> list[int]:
    return [h.idea_id for h in hits]


def test_one_sided_input_keeps_its_order():
    vector = [(3, 0.9), (1, 0.8), (2, 0.7)]
    assert ids(fuse(vector, [], k=10)) == [3, 1, 2]
    assert ids(fuse([], [(5, 12.0), (4, 3.0)], k=10)) == [5, 4]
    assert fuse([], [], k=10) == []


def test_agreement_beats_a_single_list():
    # 7 is second in both lists; 1 tops the vector list only, 9 the lexical list only.
    vector = [(1, 0.9), (7, 0.8), (2, 0.7)]
    lexical = [(9, 20.0), (7, 15.0), (3, 1.0)]
    assert ids(fuse(vector, lexical, k=5)) == [7, 1, 2, 9, 3]


def test_scores_follow_the_formula_and_carry_both_sides():
    hits = fuse([(1, 0.9), (2, 0.5)], [(2, 8.0)], k=5, vector_weight=2.0, rank_constant=3.0)
    by_id = {h.idea_id: h for h in hits}
    assert by_id[1].score == pytest.approx(2.0 / 4)
    assert by_id[2].score == pytest.approx(2.0 / 5 + 1.0 / 4)
    assert (by_id[2].vector_score, by_id[2].lexical_score) == (0.5, 8.0)
    assert (by_id[1].vector_score, by_id[1].lexical_score) == (0.9, None)


def test_weights_decide_who_wins_a_disagreement():
    vector, lexical = [(1, 0.9), (2, 0.1)], [(2, 9.0), (1, 1.0)]
    assert ids(fuse(vector, lexical, k=2, vector_weight=3.0))[0] == 1
    assert ids(fuse(vector, lexical, k=2, vector_weight=0.5))[0] == 2
    assert ids(fuse(vector, lexical, k=2, lexical_weight=0.0)) == [1, 2]


def test_default_prefers_the_vector_side_on_a_straight_disagreement():
    # The embedding is the stronger single ranker on the labelled data (vector weight 1.5).
    assert ids(fuse([(1, 0.9), (2, 0.1)], [(2, 9.0), (1, 1.0)], k=1)) == [1]


def test_k_limits_and_ties_are_deterministic():
    vector = [(4, 0.5), (8, 0.4)]
    lexical = [(8, 3.0), (4, 2.0)]
    # Same fused score with equal weights: the higher cosine wins the tie.
    first = fuse(vector, lexical, k=2, vector_weight=1.0)
    assert ids(first) == [4, 8] and first[0].score == pytest.approx(first[1].score)
    assert ids(fuse([], [(9, 1.0), (3, 1.0)], k=1)) == [9]
    assert fuse(vector, lexical, k=0) == []


def test_a_repeated_id_counts_once_per_list():
    hits = fuse([(1, 0.9), (1, 0.9), (2, 0.8)], [], k=5)
    assert ids(hits) == [1, 2]
    assert hits[0].score == pytest.approx(ranking.DEFAULT_VECTOR_WEIGHT / (5 + 1))


def test_rejects_a_rank_constant_that_divides_by_zero():
    with pytest.raises(ValueError):
        fuse([(1, 0.9)], [], k=1, rank_constant=-1)


lists = st.lists(st.integers(0, 40), unique=True, max_size=15)


@given(lists, lists, st.integers(1, 20), st.floats(0.1, 5), st.floats(0, 60))
@settings(max_examples=300, deadline=None)
def test_properties(vector_ids, lexical_ids, k, weight, constant):
    vector = [(i, 1.0 - n / 100) for n, i in enumerate(vector_ids)]
    lexical = [(i, 50.0 - n) for n, i in enumerate(lexical_ids)]
    hits = fuse(vector, lexical, k, vector_weight=weight, rank_constant=constant)
    union = set(vector_ids) | set(lexical_ids)
    assert len(hits) == min(k, len(union))
    assert set(ids(hits)) <= union and len(set(ids(hits))) == len(hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    # Everything left out scores no higher than the last one kept.
    everything = fuse(
        vector, lexical, len(union) or 1, vector_weight=weight, rank_constant=constant
    )
    assert ids(everything)[: len(hits)] == ids(hits)
    # Being found by the other list as well never hurts an idea.
    if vector_ids and vector_ids[0] not in lexical_ids:
        boosted = fuse(
            vector,
            [(vector_ids[0], 99.0), *lexical],
            len(union),
            vector_weight=weight,
            rank_constant=constant,
        )
        assert ids(boosted)[0] == vector_ids[0]


def test_thresholds_are_ordered_cosines():
    assert 0 < ranking.DEFAULT_DUPLICATE_THRESHOLD < ranking.DEFAULT_AUTO_MERGE_THRESHOLD <= 1
