"""PostgreSQL: a stored German tsvector of each idea, as 0019 stored the English one

Revision ID: 0021_german_search_vector
Revises: 0020_event_delivery_lease

Ideas on German boards were matched through an expression index over
to_tsvector('german', title || ' ' || body) (0018), but ranked with that expression, which
parses the text of every match again per query. A generated column holds the German
document, written with the row, and the GIN index moves to it.
"""

from alembic import op

revision = "0021_german_search_vector"
down_revision = "0020_event_delivery_lease"
branch_labels = None
depends_on = None

DOCUMENT = "to_tsvector('german'::regconfig, title || ' ' || body)"


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "ALTER TABLE idea ADD COLUMN search_vector_german tsvector "
        f"GENERATED ALWAYS AS ({DOCUMENT}) STORED"
    )
    op.execute(
        "CREATE INDEX ix_idea_search_vector_german ON idea USING gin (search_vector_german)"
    )
    op.execute("DROP INDEX IF EXISTS ix_idea_fulltext_german")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"CREATE INDEX ix_idea_fulltext_german ON idea USING gin ({DOCUMENT})")
    op.execute("DROP INDEX IF EXISTS ix_idea_search_vector_german")
    op.execute("ALTER TABLE idea DROP COLUMN search_vector_german")
