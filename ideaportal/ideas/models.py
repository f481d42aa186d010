"""Tables of the ideas module."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ideaportal.accounts.models import User
from ideaportal.core.i18n import gettext as _
from ideaportal.core.model_base import TimestampMixin, enum_type, utcnow
from ideaportal.extensions import db


class IdeaStatus(enum.StrEnum):
    NEW = "new"
    UNDER_REVIEW = "under_review"
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    SHIPPED = "shipped"
    DECLINED = "declined"
    MERGED = "merged"

    @property
    def label(self) -> str:
        # One lookup per call (a list renders a label per idea): each message is translated
        # only when asked for, and stays a literal _() call for the catalogue's extraction.
        return {
            "new": lambda: _("New"),
            "under_review": lambda: _("Under review"),
            "planned": lambda: _("Planned"),
            "in_progress": lambda: _("In progress"),
            "shipped": lambda: _("Shipped"),
            "declined": lambda: _("Declined"),
            "merged": lambda: _("Merged"),
        }[self.value]()

    @property
    def in_sentence(self) -> str:
        """The status inside a sentence: "is now under review" / "ist jetzt in Prüfung"."""
        return {
            "new": lambda: _("new"),
            "under_review": lambda: _("under review"),
            "planned": lambda: _("planned"),
            "in_progress": lambda: _("in progress"),
            "shipped": lambda: _("shipped"),
            "declined": lambda: _("declined"),
            "merged": lambda: _("merged"),
        }[self.value]()

    @property
    def is_open(self) -> bool:
        """Open ideas still collect votes; closed ones have had their answer."""
        return self in OPEN_STATUSES


OPEN_STATUSES = frozenset(
    {IdeaStatus.NEW, IdeaStatus.UNDER_REVIEW, IdeaStatus.PLANNED, IdeaStatus.IN_PROGRESS}
)

# The workflow: which status may follow which. "merged" is reached only by a merge.
STATUS_TRANSITIONS: dict[IdeaStatus, frozenset[IdeaStatus]] = {
    IdeaStatus.NEW: frozenset({IdeaStatus.UNDER_REVIEW, IdeaStatus.PLANNED, IdeaStatus.DECLINED}),
    IdeaStatus.UNDER_REVIEW: frozenset({IdeaStatus.NEW, IdeaStatus.PLANNED, IdeaStatus.DECLINED}),
    IdeaStatus.PLANNED: frozenset(
        {IdeaStatus.UNDER_REVIEW, IdeaStatus.IN_PROGRESS, IdeaStatus.DECLINED}
    ),
    IdeaStatus.IN_PROGRESS: frozenset(
        {IdeaStatus.PLANNED, IdeaStatus.SHIPPED, IdeaStatus.DECLINED}
    ),
    IdeaStatus.SHIPPED: frozenset({IdeaStatus.IN_PROGRESS}),
    IdeaStatus.DECLINED: frozenset({IdeaStatus.UNDER_REVIEW}),
    IdeaStatus.MERGED: frozenset(),
}


class Board(TimestampMixin, db.Model):  # type: ignore[name-defined]
    __tablename__ = "board"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(Text, default="")
    is_private: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)
    mode: Mapped[str] = mapped_column(String(16), default="normal", server_default="normal")
    # The language ideas on this board are written in: search stems their words with it.
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")


idea_tag = Table(
    "idea_tag",
    db.metadata,
    Column("idea_id", ForeignKey("idea.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True),
)


class Tag(db.Model):  # type: ignore[name-defined]
    __tablename__ = "tag"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)


class Idea(TimestampMixin, db.Model):  # type: ignore[name-defined]
    __tablename__ = "idea"
    __table_args__ = (
        CheckConstraint("vote_count >= 0", name="vote_count_non_negative"),
        CheckConstraint("follower_count >= 0", name="follower_count_non_negative"),
        Index("ix_idea_board_status", "board_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("board.id", ondelete="RESTRICT"))
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = mapped_column(String(140))
    body: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[IdeaStatus] = mapped_column(enum_type(IdeaStatus), default=IdeaStatus.NEW)
    # Denormalised counters, kept exact in the same transaction as the row they count.
    vote_count: Mapped[int] = mapped_column(default=0, index=True)
    follower_count: Mapped[int] = mapped_column(default=0)
    comment_count: Mapped[int] = mapped_column(default=0)
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("idea.id", ondelete="SET NULL"), index=True
    )
    hidden: Mapped[bool] = mapped_column(default=False)
    # Moderation: "normal", "slow" (one comment per person per few minutes) or "read_only".
    mode: Mapped[str] = mapped_column(String(16), default="normal", server_default="normal")
    last_activity_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    board: Mapped[Board] = relationship(lazy="joined")
    author: Mapped[User] = relationship(lazy="joined")
    tags: Mapped[list[Tag]] = relationship(secondary=idea_tag, order_by="Tag.name")
    merged_into: Mapped[Idea | None] = relationship(remote_side=[id])

    def __repr__(self) -> str:
        return f"<Idea {self.id} {self.title!r} {self.status}>"


class Vote(db.Model):  # type: ignore[name-defined]
    __tablename__ = "vote"
    __table_args__ = (UniqueConstraint("user_id", "idea_id", name="uq_vote_user_idea"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"), index=True)
    # Where the vote was cast before a merge moved it; lets an unmerge put it back exactly.
    origin_idea_id: Mapped[int | None] = mapped_column(ForeignKey("idea.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    user: Mapped[User] = relationship()


class Follow(db.Model):  # type: ignore[name-defined]
    __tablename__ = "follow"
    __table_args__ = (UniqueConstraint("user_id", "idea_id", name="uq_follow_user_idea"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"), index=True)
    origin_idea_id: Mapped[int | None] = mapped_column(ForeignKey("idea.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship()


class Comment(TimestampMixin, db.Model):  # type: ignore[name-defined]
    __tablename__ = "comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="RESTRICT"))
    # One level of threading: a reply's parent is always a top-level comment.
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("comment.id", ondelete="CASCADE"), index=True
    )
    body: Mapped[str] = mapped_column(Text)
    is_official: Mapped[bool] = mapped_column(default=False)
    # A pinned official statement (crisis level) stands above every other comment.
    is_pinned: Mapped[bool] = mapped_column(default=False, server_default=false())
    hidden: Mapped[bool] = mapped_column(default=False)
    edited_at: Mapped[datetime | None] = mapped_column()
    deleted_at: Mapped[datetime | None] = mapped_column()
    merged_from_idea_id: Mapped[int | None] = mapped_column(
        ForeignKey("idea.id", ondelete="SET NULL")
    )

    author: Mapped[User] = relationship(lazy="joined")
    merged_from_idea: Mapped[Idea | None] = relationship(foreign_keys=[merged_from_idea_id])

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class StatusChange(db.Model):  # type: ignore[name-defined]
    __tablename__ = "status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    from_status: Mapped[IdeaStatus] = mapped_column(enum_type(IdeaStatus))
    to_status: Mapped[IdeaStatus] = mapped_column(enum_type(IdeaStatus))
    note: Mapped[str] = mapped_column(Text, default="")
    # Set when a product team's tool reported the change (its name), rather than a PM.
    source: Mapped[str | None] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    actor: Mapped[User | None] = relationship()
