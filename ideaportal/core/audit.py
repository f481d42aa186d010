"""The audit log: who did what to what, when, and why. Written inside the caller's transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ideaportal.accounts.models import User
from ideaportal.core.model_base import utcnow
from ideaportal.extensions import db


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

    actor: Mapped[User | None] = relationship()


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
        details=details,
    )
    db.session.add(entry)
    return entry
