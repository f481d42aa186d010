"""hand-off connectors: a team's issue tracker (Redmine) and the issue status it reports

Revision ID: 0016_handoff_connectors
Revises: 0014_sso_widget_companies
"""

import sqlalchemy as sa
from alembic import op

revision = "0016_handoff_connectors"
down_revision = "0014_sso_widget_companies"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "team_connector",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("base_url", sa.String(length=500), nullable=False),
        sa.Column("project", sa.String(length=200), nullable=False),
        sa.Column("api_key_encrypted", sa.Text(), nullable=False),
        sa.Column("status_map", sa.JSON(), nullable=False),
        sa.Column("synced_until", sa.DateTime(), nullable=True),
        sa.Column("last_polled_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["product_team.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("team_id"),
    )
    with op.batch_alter_table("handoff", schema=None) as batch_op:
        batch_op.add_column(sa.Column("external_status", sa.String(length=80), nullable=True))


def downgrade():
    with op.batch_alter_table("handoff", schema=None) as batch_op:
        batch_op.drop_column("external_status")
    op.drop_table("team_connector")
