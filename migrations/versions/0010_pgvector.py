"""pgvector index of idea embeddings (PostgreSQL with the vector extension only)

Revision ID: 0010_pgvector
Revises: 0009_page_views

A no-op on SQLite, and on PostgreSQL when the extension cannot be created (not installed,
or not allowed to this role): the app then keeps its in-process NumPy index. idea_embedding
stays the source of truth; idea_vector is filled from it by the app (see
ideaportal.dedup.vector_index.PgVectorIndex.catch_up).
"""

import logging

from alembic import op
from sqlalchemy import text

revision = "0010_pgvector"
down_revision = "0009_page_views"
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")

# Frozen copy of the DDL at the time of this migration (ideaportal.dedup.vector_index may
# change). No declared dimension on `embedding`: one partial HNSW index per dimension, this
# one for the bundled all-MiniLM-L6-v2 (384).
UPGRADE = [
    "CREATE TABLE idea_vector ("
    " idea_id integer PRIMARY KEY REFERENCES idea (id) ON DELETE CASCADE,"
    " board_id integer NOT NULL,"
    " model_name varchar(120) NOT NULL,"
    " dim integer NOT NULL,"
    " embedding vector NOT NULL,"
    " updated_at timestamp without time zone)",
    "CREATE INDEX idea_vector_hnsw_384 ON idea_vector USING hnsw "
    "((embedding::vector(384)) vector_cosine_ops) WHERE dim = 384",
]


def _extension_ready(bind) -> bool:
    """CREATE EXTENSION in a savepoint: failing must not abort the migration's transaction."""
    if bind.execute(text("SELECT 1 FROM pg_extension WHERE extname = 'vector'")).first():
        return True
    if not bind.execute(
        text("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")
    ).first():
        log.info("pgvector is not installed: similar ideas keep the in-process index")
        return False
    try:
        with bind.begin_nested():
            bind.execute(text("CREATE EXTENSION IF NOT EXISTS vector"))
    except Exception as exc:  # e.g. permission denied: an administrator may create it later
        log.warning("cannot create the vector extension (%s): keeping the in-process index", exc)
        return False
    return True


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name != "postgresql" or not _extension_ready(bind):
        return
    for statement in UPGRADE:
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE IF EXISTS idea_vector")
