"""The denormalised counters of an idea and the rows they count, defined once.

vote_count, follower_count and comment_count are kept exact by the services (a counter
moves only by the row count of the INSERT or DELETE that changed it); this module says
what each counts, recounts one idea from its rows (after a merge's bulk moves), and finds
and fixes any idea whose counters differ from its rows (`flask check-counts`, nightly).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select

from ideaportal.extensions import db
from ideaportal.ideas.models import Comment, Follow, Idea, Vote

log = logging.getLogger(__name__)


def _rows_counted() -> dict[str, ColumnElement[int]]:
    """Each counter column -> the count of its rows, correlated to the idea."""
    return {
        "vote_count": select(func.count(Vote.id))
        .where(Vote.idea_id == Idea.id)
        .correlate(Idea)
        .scalar_subquery(),
        "follower_count": select(func.count(Follow.id))
        .where(Follow.idea_id == Idea.id)
        .correlate(Idea)
        .scalar_subquery(),
        "comment_count": select(func.count(Comment.id))
        .where(Comment.idea_id == Idea.id, Comment.deleted_at.is_(None))
        .correlate(Idea)
        .scalar_subquery(),
    }


@dataclass(frozen=True)
class Drift:
    idea_id: int
    counter: str
    stored: int
    rows: int


def recount(idea: Idea) -> None:
    """Set the idea's counters from its rows (used after bulk moves)."""
    counted = _rows_counted()
    values = db.session.execute(
        select(*counted.values()).select_from(Idea).where(Idea.id == idea.id)
    ).one()
    for column, value in zip(counted, values, strict=True):
        setattr(idea, column, int(value or 0))


def find_drift() -> list[Drift]:
    """Every counter that differs from its rows, one query for all ideas."""
    counted = _rows_counted()
    stored = [getattr(Idea, column) for column in counted]
    drift: list[Drift] = []
    for row in db.session.execute(select(Idea.id, *stored, *counted.values())):
        idea_id, values = row[0], row[1:]
        for i, column in enumerate(counted):
            if values[i] != values[i + len(counted)]:
                drift.append(Drift(idea_id, column, values[i], values[i + len(counted)]))
    return drift


def fix_drift() -> list[Drift]:
    """Recount every idea whose counters drifted; returns what was wrong (and is now fixed)."""
    drift = find_drift()
    for idea_id in sorted({d.idea_id for d in drift}):
        idea = db.session.get(Idea, idea_id)
        if idea is not None:
            recount(idea)
    db.session.commit()
    for d in drift:
        log.warning(
            "idea %s: %s was %s, its rows say %s (fixed)", d.idea_id, d.counter, d.stored, d.rows
        )
    return drift
