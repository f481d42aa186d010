"""The audit log: who did what to what, when, and why. Written inside the caller's transaction.

Tamper-evident: every entry carries the SHA-256 of its own canonical form and of the entry
before it (`prev_hash`), in a gap-free sequence. The chain's head (one row) is locked while
a transaction appends, so concurrent writers on SQLite and PostgreSQL extend one chain.
`verify_chain()` (`flask audit verify`) names any entry that was edited or deleted.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, event, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from ideaportal.accounts.models import User
from ideaportal.core.model_base import utcnow
from ideaportal.extensions import db

GENESIS_HASH = "0" * 64
_PENDING = "audit_entries_to_chain"


class AuditEntry(db.Model):  # type: ignore[name-defined]
    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_target", "target_type", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(60), index=True)
    target_type: Mapped[str] = mapped_column(String(40))
    target_id: Mapped[int | None] = mapped_column()
    summary: Mapped[str] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # Position in the hash chain (1, 2, 3 … without gaps), the previous entry's hash and
    # this entry's own; set when the transaction that wrote the entry commits.
    seq: Mapped[int | None] = mapped_column(unique=True)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    entry_hash: Mapped[str | None] = mapped_column(String(64))

    actor: Mapped[User | None] = relationship()


class AuditChainHead(db.Model):  # type: ignore[name-defined]
    """The one row (id 1) naming the chain's last entry; appenders lock it, and it shows a
    deleted last entry."""

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(default=0)
    last_hash: Mapped[str] = mapped_column(String(64), default=GENESIS_HASH)


def canonical(
    *,
    seq: int | None,
    entry_id: int | None,
    actor_id: int | None,
    action: str,
    target_type: str,
    target_id: int | None,
    summary: str,
    details: Any,
    created_at: datetime | None,
) -> bytes:
    """The bytes an entry's hash covers: every field, in a fixed order and form."""
    stamp = created_at.replace(tzinfo=None).isoformat(timespec="microseconds") if created_at else ""
    return json.dumps(
        [seq, entry_id, actor_id, action, target_type, target_id, summary, details, stamp],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode()


def entry_digest(entry: AuditEntry, prev_hash: str) -> str:
    body = canonical(
        seq=entry.seq,
        entry_id=entry.id,
        actor_id=entry.actor_id,
        action=entry.action,
        target_type=entry.target_type,
        target_id=entry.target_id,
        summary=entry.summary,
        details=entry.details,
        created_at=entry.created_at,
    )
    return hashlib.sha256(prev_hash.encode() + b"\n" + body).hexdigest()


def record(
    actor: User | None, action: str, target: Any, summary: str, **details: Any
) -> AuditEntry:
    """Add an audit entry to the current transaction (committed with the change it records)."""
    entry = AuditEntry(
        actor_id=actor.id if actor is not None and getattr(actor, "id", None) else None,
        action=action,
        # None: a portal-wide setting rather than one row.
        target_type="portal"
        if target is None
        else getattr(target, "__tablename__", type(target).__name__.lower()),
        target_id=getattr(target, "id", None),
        summary=summary,
        # Stored as JSON: hash what the database will give back (keys as strings, lists).
        details=json.loads(json.dumps(details, default=str)),
        created_at=utcnow(),
    )
    db.session.add(entry)
    db.session.info.setdefault(_PENDING, []).append(entry)
    return entry


def _lock_head(session: Session) -> AuditChainHead:
    """The chain head, locked until commit: FOR UPDATE on PostgreSQL; on SQLite a write
    (a no-op UPDATE) takes the database's one write lock."""
    bind = session.connection()
    if bind.dialect.name == "sqlite":
        session.execute(update(AuditChainHead).where(AuditChainHead.id == 1).values(id=1))
    head = session.scalar(
        select(AuditChainHead)
        .where(AuditChainHead.id == 1)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if head is None:  # a database emptied by hand (tests truncate every table)
        head = AuditChainHead(id=1, seq=0, last_hash=GENESIS_HASH)
        session.add(head)
    return head


@event.listens_for(Session, "before_commit")
def _chain_new_entries(session: Session) -> None:
    pending: list[AuditEntry] = session.info.pop(_PENDING, [])
    pending = [e for e in pending if e in session and e.entry_hash is None]
    if not pending:
        return
    session.flush()  # ids assigned
    head = _lock_head(session)
    for entry in sorted(pending, key=lambda e: e.id):
        entry.seq = head.seq + 1
        entry.prev_hash = head.last_hash
        entry.entry_hash = entry_digest(entry, head.last_hash)
        head.seq, head.last_hash = entry.seq, entry.entry_hash
    session.flush()


def rechain_all() -> int:
    """Chain every entry again from the first, in id order, in the current transaction: for
    entries that arrive without a chain (an import of an older export, or the demo data,
    whose dates move on loading and with them what each hash covers). Returns the count."""
    session = db.session()
    session.flush()
    head = _lock_head(session)
    head.seq, head.last_hash = 0, GENESIS_HASH
    entries = list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))
    for entry in entries:  # clear first: seq is unique, and the new order may differ
        entry.seq = None
    session.flush()
    for entry in entries:
        entry.seq = head.seq + 1
        entry.prev_hash = head.last_hash
        entry.entry_hash = entry_digest(entry, head.last_hash)
        head.seq, head.last_hash = entry.seq, entry.entry_hash
    session.flush()
    return len(entries)


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session: Session) -> None:
    session.info.pop(_PENDING, None)


# ---- verification ----


@dataclass(frozen=True)
class Problem:
    entry_id: int | None
    seq: int | None
    message: str

    def __str__(self) -> str:
        where = f"entry {self.entry_id}" if self.entry_id is not None else "the chain"
        if self.seq is not None:
            where += f" (position {self.seq})"
        return f"{where}: {self.message}"


def verify_chain() -> tuple[int, list[Problem]]:
    """Walk the chain in order; returns how many entries were checked and every problem:
    an entry whose content no longer matches its hash (edited), a gap in the sequence or a
    broken link (deleted), an entry outside the chain, or a head naming a missing entry."""
    problems: list[Problem] = []
    fresh = {"populate_existing": True}  # what the database holds now, not this session's copy
    head = db.session.scalar(
        select(AuditChainHead).where(AuditChainHead.id == 1).execution_options(**fresh)
    )
    expected_prev, expected_seq, checked = GENESIS_HASH, 1, 0
    last_id: int | None = None
    rows = db.session.scalars(
        select(AuditEntry)
        .where(AuditEntry.seq.is_not(None))
        .order_by(AuditEntry.seq)
        .execution_options(**fresh)
    )
    for entry in rows:
        checked += 1
        assert entry.seq is not None
        if entry.seq != expected_seq:
            missing = (
                f"position {expected_seq}"
                if entry.seq == expected_seq + 1
                else f"positions {expected_seq}-{entry.seq - 1}"
            )
            after = f"after entry {last_id}" if last_id is not None else "at the start"
            problems.append(
                Problem(entry.id, entry.seq, f"the entry at {missing} ({after}) was deleted")
            )
        elif entry.prev_hash != expected_prev:
            problems.append(
                Problem(entry.id, entry.seq, "its link to the previous entry is broken")
            )
        if entry_digest(entry, entry.prev_hash or "") != entry.entry_hash:
            problems.append(
                Problem(
                    entry.id,
                    entry.seq,
                    "its content does not match its hash (edited after it was written)",
                )
            )
        expected_prev, expected_seq, last_id = entry.entry_hash or "", entry.seq + 1, entry.id
    head_seq = head.seq if head is not None else 0
    head_hash = head.last_hash if head is not None else GENESIS_HASH
    if head_seq >= expected_seq:
        problems.append(
            Problem(
                None,
                head_seq,
                f"the last {head_seq - expected_seq + 1} entr(y/ies) after entry {last_id} "
                "were deleted",
            )
        )
    elif head_hash != expected_prev:
        problems.append(Problem(last_id, head_seq, "the chain head does not match the last entry"))
    unchained = db.session.scalars(select(AuditEntry.id).where(AuditEntry.seq.is_(None))).all()
    for entry_id in unchained:
        problems.append(Problem(entry_id, None, "it is not in the chain (inserted by hand?)"))
    return checked, problems
