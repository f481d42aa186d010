"""audit hash chain, delivery leases, per-account log-in throttling

The audit log becomes tamper-evident: each entry gets its position, the previous entry's
hash and its own; existing entries are chained here, oldest first. Emails and webhook
deliveries get a lease (claimed_until) so a worker that dies mid-send does not strand them.
Failed log-ins are counted per account for growing delays.

Revision ID: 0012_audit_chain_and_leases
Revises: 0011_embedding_updated_at_index
"""

import hashlib
import json

import sqlalchemy as sa
from alembic import op

revision = "0012_audit_chain_and_leases"
down_revision = "0011_embedding_updated_at_index"
branch_labels = None
depends_on = None

GENESIS_HASH = "0" * 64


def _digest(row, seq, prev_hash):
    # The canonical form of ideaportal.core.audit.canonical at the time of this migration.
    created = row.created_at
    if isinstance(created, str):
        from datetime import datetime

        created = datetime.fromisoformat(created)
    stamp = created.replace(tzinfo=None).isoformat(timespec="microseconds") if created else ""
    details = row.details
    if isinstance(details, str):
        details = json.loads(details)
    body = json.dumps(
        [
            seq,
            row.id,
            row.actor_id,
            row.action,
            row.target_type,
            row.target_id,
            row.summary,
            details if details is not None else {},
            stamp,
        ],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode()
    return hashlib.sha256(prev_hash.encode() + b"\n" + body).hexdigest()


def upgrade():
    op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain_head")),
    )
    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("blocked_until", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_login_throttle")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("entry_hash", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_audit_entry_seq"), ["seq"])
    with op.batch_alter_table("outbox_email", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claimed_until", sa.DateTime(), nullable=True))
    with op.batch_alter_table("webhook_delivery", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claimed_until", sa.DateTime(), nullable=True))

    # Chain what is already there, oldest first.
    conn = op.get_bind()
    entry = sa.table(
        "audit_entry",
        sa.column("id", sa.Integer),
        sa.column("actor_id", sa.Integer),
        sa.column("action", sa.String),
        sa.column("target_type", sa.String),
        sa.column("target_id", sa.Integer),
        sa.column("summary", sa.Text),
        sa.column("details", sa.JSON),
        sa.column("created_at", sa.DateTime),
        sa.column("seq", sa.Integer),
        sa.column("prev_hash", sa.String),
        sa.column("entry_hash", sa.String),
    )
    prev, seq = GENESIS_HASH, 0
    rows = conn.execute(sa.select(entry).order_by(entry.c.id)).all()
    for row in rows:
        seq += 1
        digest = _digest(row, seq, prev)
        conn.execute(
            entry.update()
            .where(entry.c.id == row.id)
            .values(seq=seq, prev_hash=prev, entry_hash=digest)
        )
        prev = digest
    head = sa.table(
        "audit_chain_head",
        sa.column("id", sa.Integer),
        sa.column("seq", sa.Integer),
        sa.column("last_hash", sa.String),
    )
    conn.execute(head.insert().values(id=1, seq=seq, last_hash=prev))


def downgrade():
    with op.batch_alter_table("webhook_delivery", schema=None) as batch_op:
        batch_op.drop_column("claimed_until")
    with op.batch_alter_table("outbox_email", schema=None) as batch_op:
        batch_op.drop_column("claimed_until")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_audit_entry_seq"), type_="unique")
        batch_op.drop_column("entry_hash")
        batch_op.drop_column("prev_hash")
        batch_op.drop_column("seq")
    op.drop_table("login_throttle")
    op.drop_table("audit_chain_head")
