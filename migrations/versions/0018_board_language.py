"""board language: search stems a board's ideas in the language they are written in

Revision ID: 0018_board_language
Revises: 0017_embedding_title_vector
"""

import sqlalchemy as sa
from alembic import op

revision = "0018_board_language"
down_revision = "0017_embedding_title_vector"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("board") as batch:
        batch.add_column(sa.Column("language", sa.String(8), nullable=False, server_default="en"))
    if op.get_bind().dialect.name == "postgresql":
        # German boards are searched with PostgreSQL's `german` configuration.
        op.execute(
            "CREATE INDEX ix_idea_fulltext_german ON idea USING gin "
            "(to_tsvector('german'::regconfig, title || ' ' || body))"
        )


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_idea_fulltext_german")
    with op.batch_alter_table("board") as batch:
        batch.drop_column("language")
