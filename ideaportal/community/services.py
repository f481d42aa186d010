"""Community use cases besides moderation: the guidelines and the response duty."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
from flask import current_app
from sqlalchemy import exists, select

from ideaportal.accounts.models import User
from ideaportal.community.models import Guidelines
from ideaportal.core import audit
from ideaportal.core.errors import ValidationFailed
from ideaportal.core.i18n import gettext as _
from ideaportal.core.model_base import utcnow
from ideaportal.core.permissions import require
from ideaportal.extensions import db
from ideaportal.ideas.models import OPEN_STATUSES, Board, Comment, Idea

DEFAULT_GUIDELINES = """## How we talk here

- **One idea per post.** Search first: if someone asked already, vote and add your use case.
- **Describe the need, not only the solution.** What are you trying to do, and what stops you?
- **Be kind.** Critique ideas, never people. No insults, harassment or discrimination.
- **No spam or advertising.** Links are fine when they help explain your need.
- **Keep private data private.** Don't post personal data of customers or colleagues.

Moderators hide posts that break these rules and tell the author why; you can appeal a
decision once. Repeated or serious breaches can lead to a suspension.
"""


def current_guidelines() -> Guidelines | None:
    return db.session.scalar(select(Guidelines).order_by(Guidelines.id.desc()).limit(1))


def guidelines_text() -> str:
    latest = current_guidelines()
    return latest.body if latest is not None else DEFAULT_GUIDELINES


def save_guidelines(actor: User, body: str) -> Guidelines:
    require(actor, "edit_guidelines", None, _("Only community managers edit the guidelines."))
    body = body.strip()
    if not 20 <= len(body) <= 20_000:
        raise ValidationFailed(_("Write 20 to 20,000 characters."), field="body")
    revision = Guidelines(body=body, editor_id=actor.id)
    db.session.add(revision)
    db.session.flush()
    audit.record(actor, "guidelines.edited", revision, "Community guidelines edited")
    db.session.commit()
    return revision


def working_days_between(start: datetime | date, end: datetime | date) -> int:
    """Monday-to-Friday days elapsed from start to end."""
    s = start.date() if isinstance(start, datetime) else start
    e = end.date() if isinstance(end, datetime) else end
    return int(np.busday_count(s, e))


@dataclass
class Waiting:
    idea: Idea
    working_days: int
    overdue: bool


def response_duty(actor: User) -> tuple[list[Waiting], int]:
    """Open ideas with no official answer yet, oldest first, against the target."""
    require(actor, "community_dashboard", None)
    target = int(current_app.config["RESPONSE_TARGET_WORKING_DAYS"])
    answered = exists().where(
        Comment.idea_id == Idea.id, Comment.is_official.is_(True), Comment.deleted_at.is_(None)
    )
    ideas = db.session.scalars(
        select(Idea)
        .join(Board, Board.id == Idea.board_id)
        .where(Idea.status.in_(OPEN_STATUSES), Idea.hidden.is_(False), ~answered)
        .order_by(Idea.created_at)
        .limit(300)
    )
    now = utcnow()
    rows = []
    for idea in ideas:
        days = working_days_between(idea.created_at, now)
        rows.append(Waiting(idea, days, days > target))
    return rows, target
