"""Tables of triage: product teams, hand-offs, webhook deliveries and inbound status events."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Index, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ideaportal.accounts.models import User
from ideaportal.core.i18n import gettext as _
from ideaportal.core.model_base import enum_type, utcnow
from ideaportal.extensions import db
from ideaportal.ideas.models import Idea

team_member = Table(
    "team_member",
    db.metadata,
    Column("team_id", ForeignKey("product_team.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("user.id", ondelete="CASCADE"), primary_key=True),
)


class ProductTeam(db.Model):  # type: ignore[name-defined]
    __tablename__ = "product_team"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    webhook_url: Mapped[str] = mapped_column(String(500), default="")
    # Encrypted with a key derived from SECRET_KEY: the signing secret must be usable to sign,
    # so it cannot be hashed, but it is never stored in clear nor shown twice.
    secret_encrypted: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    members: Mapped[list[User]] = relationship(secondary=team_member, order_by="User.display_name")
    # None: hand-offs go to the signed webhook above (the "webhook" connector).
    connector: Mapped[TeamConnector | None] = relationship(
        back_populates="team", cascade="all, delete-orphan", lazy="joined"
    )


class TeamConnector(db.Model):  # type: ignore[name-defined]
    """Where a team's hand-offs become issues (a tracker other than the signed webhook), and
    how far the worker has read the tracker's status changes."""

    __tablename__ = "team_connector"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(
        ForeignKey("product_team.id", ondelete="CASCADE"), unique=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    base_url: Mapped[str] = mapped_column(String(500))
    project: Mapped[str] = mapped_column(String(200))
    # Encrypted like the signing secret (triage/secrets.py): it must be sent, so not hashed.
    api_key_encrypted: Mapped[str] = mapped_column(Text, default="")
    # The tracker's status name -> the idea status it means; names not in it change nothing.
    status_map: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    # The tracker's own "updated" time of the newest change read (its clock, not ours).
    synced_until: Mapped[datetime | None] = mapped_column()
    last_polled_at: Mapped[datetime | None] = mapped_column()
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    team: Mapped[ProductTeam] = relationship(back_populates="connector")


class HandoffState(enum.StrEnum):
    """Where the team's work on the idea stands, as far as the portal knows."""

    SENT = "sent"
    IN_PROGRESS = "in_progress"
    SHIPPED = "shipped"
    DECLINED = "declined"

    @property
    def label(self) -> str:
        return {
            "sent": _("sent"),
            "in_progress": _("in progress"),
            "shipped": _("shipped"),
            "declined": _("declined"),
        }[self.value]


class Handoff(db.Model):  # type: ignore[name-defined]
    __tablename__ = "handoff"

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("product_team.id", ondelete="CASCADE"))
    state: Mapped[HandoffState] = mapped_column(
        enum_type(HandoffState, 16), default=HandoffState.SENT
    )
    external_key: Mapped[str | None] = mapped_column(String(120))
    external_url: Mapped[str | None] = mapped_column(String(500))
    # The status in the team's tracker as last read (e.g. Redmine's "In Progress").
    external_status: Mapped[str | None] = mapped_column(String(80))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    idea: Mapped[Idea] = relationship()
    team: Mapped[ProductTeam] = relationship(lazy="joined")
    created_by: Mapped[User | None] = relationship()
    deliveries: Mapped[list[WebhookDelivery]] = relationship(
        back_populates="handoff", order_by="WebhookDelivery.id.desc()"
    )


class DeliveryState(enum.StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"

    @property
    def label(self) -> str:
        return {"pending": _("pending"), "delivered": _("delivered"), "failed": _("failed")}[
            self.value
        ]


class WebhookDelivery(db.Model):  # type: ignore[name-defined]
    """One event to deliver to a team's webhook; retried with backoff until it lands."""

    __tablename__ = "webhook_delivery"
    __table_args__ = (Index("ix_webhook_delivery_due", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    handoff_id: Mapped[int] = mapped_column(
        ForeignKey("handoff.id", ondelete="CASCADE"), index=True
    )
    event: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    state: Mapped[DeliveryState] = mapped_column(
        enum_type(DeliveryState, 16), default=DeliveryState.PENDING
    )
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    # A lease, not a flag: held by the worker sending it; claimable again once expired.
    claimed_until: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column()

    handoff: Mapped[Handoff] = relationship(back_populates="deliveries")
    attempt_log: Mapped[list[WebhookAttempt]] = relationship(order_by="WebhookAttempt.id")


class WebhookAttempt(db.Model):  # type: ignore[name-defined]
    __tablename__ = "webhook_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    delivery_id: Mapped[int] = mapped_column(
        ForeignKey("webhook_delivery.id", ondelete="CASCADE"), index=True
    )
    attempted_at: Mapped[datetime] = mapped_column(default=utcnow)
    status_code: Mapped[int | None] = mapped_column()
    duration_ms: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(String(500))
    # Truncated: a receiver's response must not fill the database or leak into logs whole.
    response_excerpt: Mapped[str | None] = mapped_column(String(500))


class InboundEvent(db.Model):  # type: ignore[name-defined]
    """A status callback already applied; its id makes a replay a no-op."""

    __tablename__ = "inbound_event"
    __table_args__ = (UniqueConstraint("handoff_id", "event_id", name="uq_inbound_event_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    handoff_id: Mapped[int] = mapped_column(ForeignKey("handoff.id", ondelete="CASCADE"))
    event_id: Mapped[str] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(20))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
