"""Search and the text side of similar ideas follow every edit, on SQLite (FTS5) and on
PostgreSQL (idea_document, kept by a trigger: migration 0022) alike."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from ideaportal.extensions import db
from ideaportal.ideas import pg_fulltext, queries, services
from tests.conftest import PG_URL


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


def _document_version(idea_id: int) -> str:
    """The row version (xmin) of the idea's search documents: it changes when they are
    written again."""
    return db.session.scalar(
        text("SELECT xmin::text FROM idea_document WHERE idea_id = :id"), {"id": idea_id}
    )


@pytest.mark.skipif(not PG_URL, reason="PostgreSQL's idea_document; runs in its suite")
def test_votes_leave_the_search_documents_alone_and_edits_rewrite_them(make):
    author, voter = make.user(), make.user()
    idea = make.idea(author=author, title="Shift swap requests", body="Between colleagues")
    written = _document_version(idea.id)

    services.set_vote(voter, idea, True)
    services.set_vote(voter, idea, False)
    services.edit_idea(author, idea, "Shift swap requests", "Between colleagues")  # no change

    assert _document_version(idea.id) == written
    services.edit_idea(author, idea, "Shift swap requests", "Approved by the lead")
    assert _document_version(idea.id) != written
    assert queries.search_idea_ids("approved") == [idea.id]


@pytest.mark.skipif(not PG_URL, reason="PostgreSQL's column statistics; runs in its suite")
def test_similar_hits_leave_out_words_most_ideas_share_once_postgresql_has_counted_them(make):
    board = make.board()
    for n in range(6):
        make.idea(board=board, title=f"Export option {n}", body="Export the roster")
    datev = make.idea(board=board, title="Export to DATEV", body="Payroll")
    conn = db.session.connection()

    # Before ANALYZE nothing is known about the words: every idea sharing one is a hit.
    assert len(pg_fulltext.similar_hits(conn, "export to datev", 50, max_term_docs=3)) == 7

    db.session.execute(text("ANALYZE idea_document"))
    # "export" is in 7 ideas, at least the cap of 3: left out, so the hits are the ideas
    # with "datev" alone. Under the cap it stays.
    hits = pg_fulltext.similar_hits(conn, "export to datev", 50, max_term_docs=3)
    assert [i for i, _ in hits] == [datev.id]
    assert len(pg_fulltext.similar_hits(conn, "export to datev", 50, max_term_docs=8)) == 7
    # The app's own cap (1,000 ideas) is far above this portal: the word still counts.
    assert len(queries.similar_text_hits("export to datev", 50)) == 7


def _or_query_hits(text_: str) -> list[tuple[int, float]]:
    """PostgreSQL's own ranking of the OR of the text's words: what similar_hits reproduces."""
    rows = db.session.execute(
        text(
            "WITH q AS (SELECT string_agg(quote_literal(lexeme), ' | ')::tsquery AS q "
            "FROM unnest(to_tsvector('english', :words))) "
            "SELECT d.idea_id, ts_rank(d.english, q.q) AS rank FROM idea_document d, q "
            "WHERE d.english @@ q.q ORDER BY rank DESC, d.idea_id"
        ),
        {"words": text_},
    )
    return [(int(i), float(r)) for i, r in rows]


@pytest.mark.skipif(not PG_URL, reason="PostgreSQL's ts_rank; runs in its suite")
@pytest.mark.parametrize(
    "typed",
    [
        "payroll export",
        "export the payroll export to datev",  # a word twice, a stop word
        "payroll exports for the night shifts",  # stemmed: export, shift
        "payroll zzqx",  # a word no idea holds still counts as one of the OR's words
    ],
)
def test_similar_hits_rank_word_by_word_as_postgresql_ranks_the_or_query(make, typed):
    board = make.board()
    make.idea(board=board, title="Payroll reminders by email", body="Monthly payroll run")
    make.idea(board=board, title="Payroll export to DATEV", body="export format for payroll")
    make.idea(board=board, title="Export shifts", body="Night shifts as CSV")
    make.idea(board=board, title="Dark mode for the schedule", body="Night shifts")
    conn = db.session.connection()

    hits = pg_fulltext.similar_hits(conn, typed, 50, known=pg_fulltext.WordHits())

    expected = _or_query_hits(" ".join(typed.split()))
    assert [i for i, _ in hits] == [i for i, _ in expected]
    assert [round(r, 5) for _, r in hits] == [round(r, 5) for _, r in expected]


@pytest.mark.skipif(not PG_URL, reason="PostgreSQL's idea_document; runs in its suite")
def test_typed_words_are_read_once_and_an_embedded_new_idea_is_found_by_them(make):
    from sqlalchemy import event

    from ideaportal.dedup import services as dedup

    board = make.board()
    first = make.idea(board=board, title="Payroll export to DATEV", body="Monthly")
    dedup.similar_ideas(None, "payroll export")  # the words' ideas are kept now
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        again = queries.similar_text_hits("payroll export", 10)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert [i for i, _ in again] == [first.id] and statements == []

    second = make.idea(board=board, title="Payroll export as CSV", body="For the accountant")
    # Found once similar ideas have seen its embedding (posting embeds it at once here).
    found = [hit.idea.id for hit in dedup.similar_ideas(None, "payroll export", k=5)]
    assert second.id in found
    assert {i for i, _ in queries.similar_text_hits("payroll export", 10)} == {first.id, second.id}
