"""index idea_embedding.updated_at

Every similar-ideas request asks for max(updated_at) to catch its vector index up with
the database; without an index that scanned every stored vector (68 ms at 100k ideas).

Revision ID: 0011_embedding_updated_at_index
Revises: 0010_pgvector
"""

from alembic import op

revision = "0011_embedding_updated_at_index"
down_revision = "0010_pgvector"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("idea_embedding", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_idea_embedding_updated_at"), ["updated_at"], unique=False
        )


def downgrade():
    with op.batch_alter_table("idea_embedding", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_idea_embedding_updated_at"))
