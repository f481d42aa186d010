"""idea_embedding.title_vector: each idea's title embedded alone

Similar ideas fuse a third side, the typed text's cosine with each candidate's title alone:
chosen by cross-validation across the labelled sets (bench/dedup_quality.py). Nullable:
ideas embedded before it have none until they are embedded again (`flask reindex`), and
fusion treats a missing title as that side's lowest score.

Revision ID: 0017_embedding_title_vector
Revises: 0016_handoff_connectors
"""

import sqlalchemy as sa
from alembic import op

revision = "0017_embedding_title_vector"
down_revision = "0016_handoff_connectors"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("idea_embedding", schema=None) as batch_op:
        batch_op.add_column(sa.Column("title_vector", sa.LargeBinary(), nullable=True))


def downgrade():
    with op.batch_alter_table("idea_embedding", schema=None) as batch_op:
        batch_op.drop_column("title_vector")
