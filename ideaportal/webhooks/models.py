"""Tables of event webhooks: subscriptions, their deliveries and every delivery attempt.

Deliveries use the hand-off webhooks' states, signature and retry policy (triage), so an
integrator's receiver verifies both kinds the same way.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ideaportal.accounts.models import User
from ideaportal.core.model_base import enum_type, utcnow
from ideaportal.extensions import db
from ideaportal.triage.models import DeliveryState

EVENT_NAMES = (
    "idea.created",
    "idea.status_changed",
    "idea.merged",
    "vote.created",
    "comment.created",
    "announcement.published",
)


class EventSubscription(db.Model):  # type: ignore[name-defined]
    """A URL that receives the chosen events, signed with its own secret."""

    __tablename__ = "event_subscription"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(String(200), default="")
    # Space-separated event names, e.g. "idea.created vote.created".
    events: Mapped[str] = mapped_column(String(300))
    # Encrypted like a team's signing secret (triage.secrets): usable to sign, never shown twice.
    secret_encrypted: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(default=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    created_by: Mapped[User | None] = relationship()

    @property
    def event_list(self) -> list[str]:
        return self.events.split()


class EventDelivery(db.Model):  # type: ignore[name-defined]
    """One event to deliver to one subscription; retried with backoff until it lands."""

    __tablename__ = "event_delivery"
    __table_args__ = (Index("ix_event_delivery_due", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("event_subscription.id", ondelete="CASCADE"), index=True
    )
    event: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    state: Mapped[DeliveryState] = mapped_column(
        enum_type(DeliveryState, 16), default=DeliveryState.PENDING
    )
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    # A lease held by the worker sending it (core.outbox); claimable again once expired.
    claimed_until: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column()

    subscription: Mapped[EventSubscription] = relationship()
    attempt_log: Mapped[list[EventDeliveryAttempt]] = relationship(
        order_by="EventDeliveryAttempt.id"
    )


class EventDeliveryAttempt(db.Model):  # type: ignore[name-defined]
    __tablename__ = "event_delivery_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    delivery_id: Mapped[int] = mapped_column(
        ForeignKey("event_delivery.id", ondelete="CASCADE"), index=True
    )
    attempted_at: Mapped[datetime] = mapped_column(default=utcnow)
    status_code: Mapped[int | None] = mapped_column()
    duration_ms: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(String(500))
    response_excerpt: Mapped[str | None] = mapped_column(String(500))
