"""PostgreSQL: a stored tsvector of each idea, so a search no longer parses every idea's text

Revision ID: 0019_idea_search_vector
Revises: 0018_board_language

The lexical side of similar-as-you-type and the search box matched and ranked ideas by
to_tsvector(title || ' ' || body), computed per row at query time: ts_rank parses the text
of every match again, and on a small table the planner scans and parses every row (15 ms for
300 ideas). A generated column holds the parsed document, written with the row, and the GIN
index moves to it. SQLite keeps its FTS5 index (0006).
"""

from alembic import op

revision = "0019_idea_search_vector"
down_revision = "0018_board_language"
branch_labels = None
depends_on = None

DOCUMENT = "to_tsvector('english'::regconfig, title || ' ' || body)"


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "ALTER TABLE idea ADD COLUMN search_vector tsvector "
        f"GENERATED ALWAYS AS ({DOCUMENT}) STORED"
    )
    op.execute("CREATE INDEX ix_idea_search_vector ON idea USING gin (search_vector)")
    op.execute("DROP INDEX IF EXISTS ix_idea_fulltext")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"CREATE INDEX ix_idea_fulltext ON idea USING gin ({DOCUMENT})")
    op.execute("DROP INDEX IF EXISTS ix_idea_search_vector")
    op.execute("ALTER TABLE idea DROP COLUMN search_vector")
