"""On PostgreSQL a result's description is built only when read, and then says exactly what
psycopg's own would: names and types, for the result it came from."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from ideaportal.core import psycopg_cursor
from ideaportal.extensions import db
from ideaportal.ideas.models import Idea
from tests.conftest import PG_URL

needs_postgres = pytest.mark.skipif(
    not PG_URL, reason="needs PostgreSQL; runs in the PostgreSQL suite"
)


def test_only_psycopg_connections_get_the_cursor() -> None:
    options = {"pool_size": 5, "connect_args": {"connect_timeout": 3}}
    assert psycopg_cursor.engine_options("sqlite:///x.sqlite3", options) == options
    assert psycopg_cursor.engine_options("postgresql+psycopg2://u@h/d", options) == options
    pytest.importorskip("psycopg")
    chosen = psycopg_cursor.engine_options("postgresql+psycopg://u@h/d", options)
    assert chosen["connect_args"] == {
        "cursor_factory": psycopg_cursor.cursor_class(),
        "connect_timeout": 3,  # what the operator set stays
    }
    assert chosen["pool_size"] == 5


@needs_postgres
def test_the_description_matches_psycopgs_own_even_after_the_cursor_moved_on(app) -> None:
    import psycopg

    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        assert isinstance(cursor, psycopg_cursor.cursor_class())
        cursor.execute("SELECT 1 AS answer, 'x'::text AS letter, now() AS moment")
        described = cursor.description
        assert described is not None and len(described) == 3
        expected = psycopg.Cursor.description.fget(cursor)  # psycopg's, built at once
        assert expected is not None

        cursor.execute("SELECT 2 AS other")  # the cursor holds another result now

        assert [(c.name, c.type_code) for c in described] == [
            (c.name, c.type_code) for c in expected
        ]
        assert [c[0] for c in described[1:]] == ["letter", "moment"]
        cursor.execute("CREATE TEMPORARY TABLE scratch (id int)")
        assert cursor.description is None  # no result rows: no description
        cursor.execute("SELECT")
        assert cursor.description == []  # a result without columns
    finally:
        raw.close()


@needs_postgres
def test_queries_through_sqlalchemy_get_their_columns_by_name(app, make) -> None:
    make.idea(title="Export shifts to payroll")
    db.session.commit()
    # A text query's columns are matched by the names in the description, every time.
    for _ in range(2):
        row = db.session.execute(text("SELECT id AS idea_id, title FROM idea")).mappings().one()
        assert row["title"] == "Export shifts to payroll" and row["idea_id"] > 0
    # A compiled query (its metadata cached after the first run) reads the same.
    for _ in range(2):
        assert db.session.scalars(select(Idea.title)).all() == ["Export shifts to payroll"]


@needs_postgres
def test_a_statement_run_before_builds_no_column_objects(app, make, monkeypatch) -> None:
    import psycopg

    make.idea(title="Export shifts to payroll")
    db.session.commit()
    built: list[int] = []
    original = psycopg.Column.__init__

    def counted(column, cursor, index):  # type: ignore[no-untyped-def]
        built.append(index)
        original(column, cursor, index)

    monkeypatch.setattr(psycopg.Column, "__init__", counted)
    query = select(Idea.id, Idea.title, Idea.vote_count)
    db.session.execute(query).all()  # the first run matches the columns by name
    built.clear()

    rows = db.session.execute(query).all()

    assert [row.title for row in rows] == ["Export shifts to payroll"]
    assert built == []  # SQLAlchemy only asked whether there was a description
