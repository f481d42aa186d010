"""Tables of duplicate detection: stored embeddings, candidate pairs, and merges."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ideaportal.accounts.models import User
from ideaportal.core.model_base import enum_type, utcnow
from ideaportal.extensions import db
from ideaportal.ideas.models import Idea, IdeaStatus


class IdeaEmbedding(db.Model):  # type: ignore[name-defined]
    """One vector per idea and model; the source of truth the vector index is rebuilt from."""

    __tablename__ = "idea_embedding"

    idea_id: Mapped[int] = mapped_column(
        ForeignKey("idea.id", ondelete="CASCADE"), primary_key=True
    )
    model_name: Mapped[str] = mapped_column(String(120))
    text_hash: Mapped[str] = mapped_column(String(64))
    dim: Mapped[int] = mapped_column()
    # float32 little-endian bytes, L2-normalised (cosine similarity is a dot product)
    vector: Mapped[bytes] = mapped_column(LargeBinary)
    # The title alone, embedded the same way: similar ideas fuse the typed text's cosine with
    # it (dedup.ranking). None for ideas embedded before it existed, until embedded again.
    title_vector: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    # Indexed: every similar-ideas request asks for the newest change to catch its index up.
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, index=True)


class CandidateState(enum.StrEnum):
    OPEN = "open"
    MERGED = "merged"
    DISMISSED = "dismissed"


class DuplicateCandidate(db.Model):  # type: ignore[name-defined]
    """A pair of ideas that look alike. Dismissed pairs are remembered and never re-suggested."""

    __tablename__ = "duplicate_candidate"
    __table_args__ = (
        UniqueConstraint("idea_low_id", "idea_high_id", name="uq_duplicate_candidate_pair"),
        CheckConstraint("idea_low_id < idea_high_id", name="ordered_pair"),
        Index("ix_duplicate_candidate_state", "state", "similarity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_low_id: Mapped[int] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"))
    idea_high_id: Mapped[int] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"), index=True)
    similarity: Mapped[float] = mapped_column(Float)
    state: Mapped[CandidateState] = mapped_column(
        enum_type(CandidateState, 16), default=CandidateState.OPEN
    )
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    idea_low: Mapped[Idea] = relationship(foreign_keys=[idea_low_id])
    idea_high: Mapped[Idea] = relationship(foreign_keys=[idea_high_id])


class Merge(db.Model):  # type: ignore[name-defined]
    """A merge of one idea into another, with everything needed to undo it exactly."""

    __tablename__ = "merge"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"), index=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    source_status: Mapped[IdeaStatus] = mapped_column(enum_type(IdeaStatus))
    # What moved: {"votes": [[user_id, vote_id|None, created_at, origin]], "follows": [...],
    # "comments": [[comment_id, merged_from]]}. Lists of plain values, so it is portable JSON.
    moved: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    automatic: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    undone_at: Mapped[datetime | None] = mapped_column()
    undone_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    source: Mapped[Idea] = relationship(foreign_keys=[source_id])
    target: Mapped[Idea] = relationship(foreign_keys=[target_id])
    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
