"""Event deliveries are claimed with a lease, as hand-off deliveries and emails are

Revision ID: 0020_event_delivery_lease
Revises: 0019_idea_search_vector

One loop (core/outbox.py) now sends every outbox. Event deliveries were claimed by pushing
their next attempt ten minutes out; they now take a lease in claimed_until like the others.
A delivery claimed the old way when this runs is simply due again at that later time.
"""

import sqlalchemy as sa
from alembic import op

revision = "0020_event_delivery_lease"
down_revision = "0019_idea_search_vector"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("event_delivery") as batch:
        batch.add_column(sa.Column("claimed_until", sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table("event_delivery") as batch:
        batch.drop_column("claimed_until")
