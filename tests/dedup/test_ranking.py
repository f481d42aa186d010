"""Properties of the fused "similar ideas" ranking (per-query z-scores; RRF for comparison)."""

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
    # 7 is close behind in both lists; 1 tops the vector list only, 9 the text list only.
    vector = [(1, 0.82), (7, 0.80), (2, 0.5)]
    lexical = [(9, 20.0), (7, 19.0), (3, 1.0)]
    assert ids(fuse(vector, lexical, k=5))[0] == 7


def test_a_far_ahead_text_match_wins_over_a_close_cosine():
    # Rank fusion sees only "first on the text side"; scores see that 2 shares far more
    # (a rare error code, a product name) while the cosines are nearly tied.
    vector = [(1, 0.71), (2, 0.70), (3, 0.40), (4, 0.39)]
    lexical = [(2, 30.0), (1, 3.0), (3, 2.5), (4, 2.0)]
    assert ids(fuse(vector, lexical, k=1)) == [2]
    assert ids(fuse(vector, lexical, k=1, method="rrf", vector_weight=1.5)) == [1]


def test_a_text_only_hit_is_judged_on_its_cosine_too():
    vector = [(1, 0.9), (2, 0.3), (3, 0.2)]
    lexical = [(8, 5.0), (1, 4.9)]
    without = ids(fuse(vector, lexical, k=4))
    with_cosine = fuse(vector, lexical, k=4, cosines={8: 0.95})
    assert without.index(8) > 0 and ids(with_cosine)[0] == 8
    assert with_cosine[0].vector_score == 0.95 and with_cosine[0].lexical_score == 5.0


def test_scores_carry_both_sides():
    hits = fuse([(1, 0.9), (2, 0.5)], [(2, 8.0)], k=5)
    by_id = {h.idea_id: h for h in hits}
    assert (by_id[2].vector_score, by_id[2].lexical_score) == (0.5, 8.0)
    assert (by_id[1].vector_score, by_id[1].lexical_score) == (0.9, None)


def test_scale_of_the_text_score_does_not_matter():
    # bm25 (SQLite) and ts_rank (PostgreSQL) differ by orders of magnitude: same order.
    vector = [(1, 0.8), (2, 0.7), (3, 0.6)]
    lexical = [(3, 12.0), (2, 6.0), (1, 1.0)]
    scaled = [(i, s / 1000) for i, s in lexical]
    assert ids(fuse(vector, lexical, k=3)) == ids(fuse(vector, scaled, k=3))


def test_weights_decide_who_wins_a_disagreement():
    vector, lexical = [(1, 0.9), (2, 0.1)], [(2, 9.0), (1, 1.0)]
    assert ids(fuse(vector, lexical, k=2, lexical_weight=0.5))[0] == 1
    assert ids(fuse(vector, lexical, k=2, lexical_weight=2.0))[0] == 2
    assert ids(fuse(vector, lexical, k=2, lexical_weight=0.0)) == [1, 2]


def test_rrf_follows_its_formula():
    hits = fuse(
        [(1, 0.9), (2, 0.5)], [(2, 8.0)], k=5, method="rrf", vector_weight=2.0, rank_constant=3.0
    )
    by_id = {h.idea_id: h for h in hits}
    assert by_id[1].score == pytest.approx(2.0 / 4)
    assert by_id[2].score == pytest.approx(2.0 / 5 + ranking.DEFAULT_LEXICAL_WEIGHT / 4)


def test_k_limits_and_ties_are_deterministic():
    vector = [(4, 0.5), (8, 0.4)]
    lexical = [(8, 3.0), (4, 2.0)]
    first = fuse(vector, lexical, k=2, lexical_weight=1.0)
    # Mirror images: the same fused score, and the higher cosine wins the tie.
    assert ids(first) == [4, 8] and first[0].score == pytest.approx(first[1].score)
    assert ids(fuse([], [(9, 1.0), (3, 1.0)], k=1)) == [3]
    assert fuse(vector, lexical, k=0) == []


def test_a_repeated_id_counts_once_per_list():
    hits = fuse([(1, 0.9), (1, 0.9), (2, 0.8)], [], k=5)
    assert ids(hits) == [1, 2]


def test_rejects_unknown_methods_and_a_rank_constant_that_divides_by_zero():
    with pytest.raises(ValueError):
        fuse([(1, 0.9)], [], k=1, method="rrf", rank_constant=-1)
    with pytest.raises(ValueError):
        fuse([(1, 0.9)], [], k=1, method="bogus")


lists = st.lists(st.integers(0, 40), unique=True, max_size=15)


@given(lists, lists, st.integers(1, 20), st.floats(0.0, 3), st.sampled_from(ranking.METHODS))
@settings(max_examples=300, deadline=None)
def test_properties(vector_ids, lexical_ids, k, weight, method):
    vector = [(i, 1.0 - n / 100) for n, i in enumerate(vector_ids)]
    lexical = [(i, 50.0 - n) for n, i in enumerate(lexical_ids)]
    hits = fuse(vector, lexical, k, lexical_weight=weight, method=method)
    union = set(vector_ids) | set(lexical_ids)
    assert len(hits) == min(k, len(union))
    assert set(ids(hits)) <= union and len(set(ids(hits))) == len(hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    # Everything left out scores no higher than the last one kept.
    everything = fuse(vector, lexical, len(union) or 1, lexical_weight=weight, method=method)
    assert ids(everything)[: len(hits)] == ids(hits)


def test_thresholds_are_ordered_cosines():
    assert 0 < ranking.DEFAULT_DUPLICATE_THRESHOLD < ranking.DEFAULT_AUTO_MERGE_THRESHOLD <= 1


def test_the_title_side_decides_between_otherwise_equal_candidates():
    # 1 and 2 are alike on the full text and the text side; the typed text matches 2's title.
    vector = [(1, 0.70), (2, 0.70), (3, 0.30)]
    lexical = [(1, 5.0), (2, 5.0), (3, 1.0)]
    titles = {1: 0.20, 2: 0.80, 3: 0.10}
    assert ids(fuse(vector, lexical, k=3, title_cosines=titles)) == [2, 1, 3]
    assert ids(fuse(vector, lexical, k=3)) == [1, 2, 3]  # no titles: the older idea first
    assert ids(fuse(vector, lexical, k=3, title_cosines=titles, title_weight=0.0)) == [1, 2, 3]


def test_an_idea_without_a_title_vector_gets_the_title_sides_floor():
    vector = [(1, 0.70), (2, 0.70)]
    titles = {1: 0.5, 9: 0.99}  # 2 has no title vector; 9 is no candidate and is ignored
    hits = fuse(vector, [], k=3, title_cosines=titles)
    assert ids(hits) == [1, 2]
