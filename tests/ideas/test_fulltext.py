"""The FTS5 index follows every insert, edit and delete, and user text is always safe."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from ideaportal.extensions import db
from ideaportal.ideas import fulltext, services

# FTS5 is SQLite's (PostgreSQL uses tsvector): the PostgreSQL run deselects these.
pytestmark = pytest.mark.sqlite_only


def _ids(query: str, any_term: bool = False) -> list[int]:
    return [
        i for i, _ in fulltext.search(db.session.connection(), query, limit=50, any_term=any_term)
    ]


def test_index_follows_insert_edit_and_delete(make):
    author = make.user()
    idea = make.idea(author=author, title="Clock in with geofencing", body="GPS radius")
    assert _ids("geofencing") == [idea.id]
    services.edit_idea(author, idea, "Clock in from the kiosk", "Tablet at the door", None)
    assert _ids("geofencing") == [] and _ids("kiosk") == [idea.id]
    db.session.execute(text("DELETE FROM follow"))
    db.session.execute(text("DELETE FROM idea WHERE id = :id"), {"id": idea.id})
    db.session.commit()
    assert _ids("kiosk") == []


def test_title_matches_rank_above_body_matches(make):
    board = make.board()
    body_only = make.idea(board=board, title="Something else entirely", body="payroll export")
    in_title = make.idea(board=board, title="Payroll export to DATEV", body="monthly")
    assert _ids("payroll")[:2] == [in_title.id, body_only.id]


@pytest.mark.parametrize(
    "hostile",
    [
        '"',
        "AND",
        "OR NOT",
        "NEAR(a b)",
        "*",
        "title:secret",
        "((",
        'a"b',
        "ü-ß é",
        "",
        "  ",
        "'; DROP TABLE idea; --",
        "^start",
        "{title body}: x",
        "-excluded",
    ],
)
def test_any_user_text_is_a_valid_query(make, hostile):
    make.idea(title="A perfectly normal idea")
    for any_term in (False, True):
        fulltext.search(db.session.connection(), hostile, limit=5, any_term=any_term)


def test_any_term_mode_drops_stop_words_and_ors_the_rest():
    assert fulltext.match_expression("Please let us export the payroll", any_term=True) == (
        '"let" OR "export" OR "payroll"'
    )
    assert fulltext.match_expression("the and of", any_term=True) is None
    assert fulltext.match_expression("dark mo", any_term=False, prefix_last=True) == (
        '"dark" AND "mo"*'
    )
