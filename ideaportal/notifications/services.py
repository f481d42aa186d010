"""Notification use cases: tell users about ideas they care about; read and clear the bell."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func, insert, select, update

from ideaportal.accounts.models import EmailFrequency, User
from ideaportal.core.model_base import utcnow
from ideaportal.extensions import db
from ideaportal.notifications.models import Notification
from ideaportal.notifications.outbox import queue_emails
from ideaportal.notifications.preferences import email_footer


def notify_users(
    user_ids: Iterable[int],
    *,
    kind: str,
    message: str,
    url: str,
    idea_id: int | None,
    email_subject: str | None = None,
    email_body: str | None = None,
) -> int:
    """In-app notification (and email when a body is given) for each user, in bulk.

    Runs inside the caller's transaction, so the news and the change it reports commit
    together.
    """
    ids = sorted(set(user_ids))
    if not ids:
        return 0
    now = utcnow()
    db.session.execute(
        insert(Notification),
        [
            {
                "user_id": uid,
                "kind": kind,
                "idea_id": idea_id,
                "message": message,
                "url": url,
                "created_at": now,
            }
            for uid in ids
        ],
    )
    if email_subject and email_body:
        # Weekly-digest users hear about it in their digest; "never" means never.
        recipients = db.session.execute(
            select(User.id, User.email).where(
                User.id.in_(ids),
                User.deleted_at.is_(None),
                User.email_frequency == EmailFrequency.INSTANT,
            )
        ).all()
        queue_emails(
            [
                {
                    "user_id": uid,
                    "to_address": address,
                    "subject": email_subject,
                    "body_text": email_body + email_footer(uid),
                    "kind": kind,
                    "state": "pending",
                    "attempts": 0,
                    "next_attempt_at": now,
                    "created_at": now,
                }
                for uid, address in recipients
            ]
        )
    return len(ids)


def last_told_at(idea_id: int) -> datetime | None:
    """When the idea's voters and followers last heard something about it."""
    return db.session.scalar(
        select(func.max(Notification.created_at)).where(Notification.idea_id == idea_id)
    )


def unread_count(user: User) -> int:
    return (
        db.session.scalar(
            select(func.count(Notification.id)).where(
                Notification.user_id == user.id, Notification.read_at.is_(None)
            )
        )
        or 0
    )


def recent(user: User, page: int = 1) -> Pagination:
    stmt = (
        select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )
    return db.paginate(stmt, page=page, per_page=30, error_out=False)


def mark_read(user: User, notification_id: int | None = None) -> None:
    """Mark one notification, or all of them, as read for this user only."""
    stmt = update(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)
    )
    if notification_id is not None:
        stmt = stmt.where(Notification.id == notification_id)
    db.session.execute(stmt.values(read_at=utcnow()))
    db.session.commit()
