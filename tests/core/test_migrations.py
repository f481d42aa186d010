"""The migrations build exactly the schema the models declare, and can be undone."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from ideaportal.extensions import db
from tests.conftest import PG_URL


def _ignore_fulltext(obj, name, type_, reflected, compare_to):
    """Objects kept outside the ORM models on purpose: SQLite's FTS5 tables, PostgreSQL's
    search documents (idea_document, kept by a trigger), and pgvector's table with its
    per-dimension HNSW indexes (ideaportal.dedup.vector_index owns them)."""
    if type_ == "table" and name and name.startswith(("idea_fts", "idea_vector", "idea_document")):
        return False
    if type_ == "index" and name and name.startswith("idea_vector_"):
        return False
    fulltext = ("ix_idea_fulltext", "ix_idea_fulltext_german")
    return not (type_ == "index" and name in fulltext)


def test_migrated_schema_matches_the_models(app):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": _ignore_fulltext, "compare_type": True}
        )
        diff = compare_metadata(context, db.metadata)
    assert diff == []


def test_downgrade_to_nothing_and_back_up(app):
    if PG_URL:
        # Shared PostgreSQL database: the upgrade path is already proven by every test.
        assert "idea" in inspect(db.engine).get_table_names()
        return
    db.session.remove()
    downgrade(revision="base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade()
    assert {"idea", "vote", "user", "comment"} <= set(inspect(db.engine).get_table_names())
