"""full-text index of ideas (SQLite FTS5; PostgreSQL searches with to_tsvector instead)

Revision ID: 0006_idea_fulltext
Revises: 0005_triage
"""

from alembic import op

revision = "0006_idea_fulltext"
down_revision = "0005_triage"
branch_labels = None
depends_on = None

# Frozen copy of the DDL at the time of this migration (ideaportal.ideas.fulltext may change).
UPGRADE_SQLITE = [
    "CREATE VIRTUAL TABLE idea_fts USING fts5(title, body, content='idea', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER idea_fts_ai AFTER INSERT ON idea BEGIN "
    "INSERT INTO idea_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "CREATE TRIGGER idea_fts_ad AFTER DELETE ON idea BEGIN "
    "INSERT INTO idea_fts(idea_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); END",
    "CREATE TRIGGER idea_fts_au AFTER UPDATE OF title, body ON idea BEGIN "
    "INSERT INTO idea_fts(idea_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); "
    "INSERT INTO idea_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "INSERT INTO idea_fts(idea_fts) VALUES ('rebuild')",
]
DOWNGRADE_SQLITE = [
    "DROP TRIGGER IF EXISTS idea_fts_ai",
    "DROP TRIGGER IF EXISTS idea_fts_ad",
    "DROP TRIGGER IF EXISTS idea_fts_au",
    "DROP TABLE IF EXISTS idea_fts",
]
UPGRADE_POSTGRES = [
    "CREATE INDEX ix_idea_fulltext ON idea USING gin "
    "(to_tsvector('english', title || ' ' || body))",
]
DOWNGRADE_POSTGRES = ["DROP INDEX IF EXISTS ix_idea_fulltext"]


def _run(statements):
    for statement in statements:
        op.execute(statement)


def upgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _run(UPGRADE_SQLITE)
    elif dialect == "postgresql":
        _run(UPGRADE_POSTGRES)


def downgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _run(DOWNGRADE_SQLITE)
    elif dialect == "postgresql":
        _run(DOWNGRADE_POSTGRES)
