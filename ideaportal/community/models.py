"""Tables of community management: moderation (flags, cases, appeals), guidelines, and
announcements with their reactions."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, Index, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ideaportal.accounts.models import User
from ideaportal.core.i18n import gettext as _
from ideaportal.core.model_base import TimestampMixin, enum_type, utcnow
from ideaportal.extensions import db
from ideaportal.ideas.models import Idea


class FlagReason(enum.StrEnum):
    SPAM = "spam"
    ABUSIVE = "abusive"
    OFF_TOPIC = "off_topic"
    OTHER = "other"
    AUTOMATIC = "automatic"

    @property
    def label(self) -> str:
        return {
            "spam": _("Spam"),
            "abusive": _("Abusive"),
            "off_topic": _("Off topic"),
            "other": _("Other"),
            "automatic": _("Automatic"),
        }[self.value]

    @property
    def severity(self) -> int:
        return {"abusive": 3, "spam": 2, "automatic": 2, "off_topic": 1, "other": 1}[self.value]


class CaseState(enum.StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


class Level(enum.IntEnum):
    """Escalation levels and who owns them."""

    MODERATOR = 1
    COMMUNITY_MANAGER = 2
    CRISIS = 3

    @property
    def label(self) -> str:
        return {
            1: _("Level 1 · moderators"),
            2: _("Level 2 · community managers"),
            3: _("Level 3 · crisis"),
        }[self.value]


class ModerationCase(db.Model):  # type: ignore[name-defined]
    """Everything about one flagged idea or comment, from first flag to resolution."""

    __tablename__ = "moderation_case"
    __table_args__ = (Index("ix_moderation_case_queue", "state", "level", "severity"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    target_type: Mapped[str] = mapped_column(String(16))  # "idea" | "comment"
    target_id: Mapped[int] = mapped_column()
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    state: Mapped[CaseState] = mapped_column(enum_type(CaseState, 16), default=CaseState.OPEN)
    level: Mapped[int] = mapped_column(default=1)
    severity: Mapped[int] = mapped_column(default=0)
    opened_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    resolved_at: Mapped[datetime | None] = mapped_column()
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    resolution: Mapped[str | None] = mapped_column(String(40))
    resolution_note: Mapped[str | None] = mapped_column(Text)

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    flags: Mapped[list[Flag]] = relationship(back_populates="case", order_by="Flag.id")


class Flag(db.Model):  # type: ignore[name-defined]
    __tablename__ = "flag"
    __table_args__ = (
        # One flag per person per case; automatic flags have no reporter.
        UniqueConstraint("case_id", "reporter_id", name="uq_flag_case_reporter"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("moderation_case.id", ondelete="CASCADE"), index=True
    )
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    reason: Mapped[FlagReason] = mapped_column(enum_type(FlagReason, 16))
    details: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    case: Mapped[ModerationCase] = relationship(back_populates="flags")
    reporter: Mapped[User | None] = relationship()


class Appeal(db.Model):  # type: ignore[name-defined]
    """The author's one appeal against a decision."""

    __tablename__ = "appeal"
    __table_args__ = (UniqueConstraint("case_id", name="uq_appeal_case"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("moderation_case.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column()
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    upheld: Mapped[bool | None] = mapped_column()

    case: Mapped[ModerationCase] = relationship()


class Guidelines(db.Model):  # type: ignore[name-defined]
    """Community guidelines; every save is a new revision, the newest is shown."""

    __tablename__ = "guidelines"

    id: Mapped[int] = mapped_column(primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    editor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    editor: Mapped[User | None] = relationship()


class AnnouncementKind(enum.StrEnum):
    ROADMAP = "roadmap"
    CHANGELOG = "changelog"
    GENERAL = "general"

    @property
    def label(self) -> str:
        return {
            "roadmap": _("Roadmap update"),
            "changelog": _("Changelog"),
            "general": _("General"),
        }[self.value]


class AnnouncementState(enum.StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    ARCHIVED = "archived"

    @property
    def label(self) -> str:
        return {
            "draft": _("draft"),
            "scheduled": _("scheduled"),
            "published": _("published"),
            "archived": _("archived"),
        }[self.value]


announcement_idea = Table(
    "announcement_idea",
    db.metadata,
    Column("announcement_id", ForeignKey("announcement.id", ondelete="CASCADE"), primary_key=True),
    Column("idea_id", ForeignKey("idea.id", ondelete="CASCADE"), primary_key=True),
)


class Announcement(TimestampMixin, db.Model):  # type: ignore[name-defined]
    __tablename__ = "announcement"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(140))
    body: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[AnnouncementKind] = mapped_column(enum_type(AnnouncementKind, 16))
    state: Mapped[AnnouncementState] = mapped_column(
        enum_type(AnnouncementState, 16), default=AnnouncementState.DRAFT, index=True
    )
    publish_at: Mapped[datetime | None] = mapped_column(index=True)
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    author: Mapped[User | None] = relationship()
    ideas: Mapped[list[Idea]] = relationship(secondary=announcement_idea, order_by="Idea.id")


class Reaction(db.Model):  # type: ignore[name-defined]
    """A reader's "helpful / not helpful" on an announcement; feeds the satisfaction KPI."""

    __tablename__ = "reaction"
    __table_args__ = (UniqueConstraint("announcement_id", "user_id", name="uq_reaction_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    announcement_id: Mapped[int] = mapped_column(
        ForeignKey("announcement.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    helpful: Mapped[bool] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PageView(db.Model):  # type: ignore[name-defined]
    """One view of an idea or announcement page, for the reach KPI. No IP address is stored:
    visitor_hash is keyed with a salt that changes every day, so visitors cannot be followed
    from one day to the next and the hash cannot be turned back into an address."""

    __tablename__ = "page_view"
    __table_args__ = (Index("ix_page_view_day_kind", "day", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column()
    kind: Mapped[str] = mapped_column(String(16))  # "idea" | "announcement"
    target_id: Mapped[int] = mapped_column()
    visitor_hash: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
