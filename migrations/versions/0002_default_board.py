"""a public default board, so a fresh install can take ideas at once

Revision ID: 0002_default_board
Revises: 0001_initial
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0002_default_board"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

board = sa.table(
    "board",
    sa.column("slug", sa.String),
    sa.column("name", sa.String),
    sa.column("description", sa.Text),
    sa.column("is_private", sa.Boolean),
    sa.column("position", sa.Integer),
    sa.column("created_at", sa.DateTime),
    sa.column("updated_at", sa.DateTime),
)


def upgrade():
    now = datetime.now(UTC).replace(tzinfo=None)
    op.bulk_insert(
        board,
        [
            {
                "slug": "general",
                "name": "General",
                "description": "Ideas for the product. Search first: someone may have asked already.",
                "is_private": False,
                "position": 0,
                "created_at": now,
                "updated_at": now,
            }
        ],
    )


def downgrade():
    op.execute("DELETE FROM board WHERE slug = 'general' AND id NOT IN (SELECT board_id FROM idea)")
