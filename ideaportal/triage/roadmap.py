"""The public roadmap: what is planned, in progress and recently shipped, and its Atom feed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import ColumnElement, and_, func, select

from ideaportal.accounts.models import User
from ideaportal.core.model_base import utcnow
from ideaportal.extensions import db
from ideaportal.ideas.models import Board, Idea, IdeaStatus, StatusChange
from ideaportal.ideas.queries import visible_boards

COLUMNS = (IdeaStatus.PLANNED, IdeaStatus.IN_PROGRESS, IdeaStatus.SHIPPED)


@dataclass
class RoadmapCard:
    idea: Idea
    note: str
    changed_at: object


def _public_ideas(actor: User | None, board: Board | None) -> ColumnElement[bool]:
    board_ids = [b.id for b in visible_boards(actor)]
    if board is not None:
        board_ids = [b for b in board_ids if b == board.id]
    return and_(Idea.board_id.in_(board_ids), Idea.hidden.is_(False))


def roadmap(actor: User | None, board: Board | None = None) -> dict[IdeaStatus, list[RoadmapCard]]:
    shipped_since = utcnow() - timedelta(days=current_app.config["ROADMAP_SHIPPED_DAYS"])
    latest = (
        select(StatusChange.idea_id, func.max(StatusChange.id).label("change_id"))
        .group_by(StatusChange.idea_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Idea, StatusChange)
        .join(latest, latest.c.idea_id == Idea.id)
        .join(StatusChange, StatusChange.id == latest.c.change_id)
        .where(_public_ideas(actor, board), Idea.status.in_(COLUMNS))
        .order_by(Idea.vote_count.desc(), Idea.id)
    ).all()
    columns: dict[IdeaStatus, list[RoadmapCard]] = {status: [] for status in COLUMNS}
    for idea, change in rows:
        if idea.status == IdeaStatus.SHIPPED and change.created_at < shipped_since:
            continue
        columns[idea.status].append(RoadmapCard(idea, change.note, change.created_at))
    return columns


def status_feed(limit: int = 50) -> list[tuple[StatusChange, Idea]]:
    """Latest status changes on public boards, newest first (for the Atom feed)."""
    rows = db.session.execute(
        select(StatusChange, Idea)
        .join(Idea, Idea.id == StatusChange.idea_id)
        .where(_public_ideas(None, None))
        .order_by(StatusChange.created_at.desc(), StatusChange.id.desc())
        .limit(limit)
    ).all()
    return [(change, idea) for change, idea in rows]
