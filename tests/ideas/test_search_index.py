"""Search and the text side of similar ideas follow every edit, on SQLite (FTS5) and on
PostgreSQL (the stored tsvector of migration 0019) alike."""

from __future__ import annotations

from ideaportal.ideas import queries, services


def test_search_finds_an_idea_by_its_new_words_after_an_edit_and_not_by_the_old(make):
    author = make.user()
    idea = make.idea(author=author, title="Clock in with geofencing", body="GPS radius check")
    assert queries.search_idea_ids("geofencing") == [idea.id]

    services.edit_idea(author, idea, "Clock in from the kiosk", "Tablet at the door")

    assert queries.search_idea_ids("geofencing") == []
    assert queries.search_idea_ids("kiosk") == [idea.id]
    assert queries.search_idea_ids("tablet") == [idea.id]  # the body is searched too


def test_similar_text_hits_rank_the_idea_sharing_more_words_first(make):
    board = make.board()
    one_word = make.idea(board=board, title="Payroll reminders by email", body="Monthly")
    two_words = make.idea(board=board, title="Payroll export to DATEV", body="export format")
    make.idea(board=board, title="Dark mode for the schedule", body="Night shifts")

    hits = [i for i, _ in queries.similar_text_hits("payroll export", 10)]

    assert hits == [two_words.id, one_word.id]
