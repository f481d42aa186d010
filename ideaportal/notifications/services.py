"""Notification use cases: tell users about ideas they care about; read and clear the bell."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from typing import Any

from flask import current_app
from flask_babel import force_locale
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import ScalarSelect, bindparam, func, insert, select, update

from ideaportal.accounts.models import EmailFrequency, User
from ideaportal.core.model_base import utcnow
from ideaportal.extensions import db
from ideaportal.notifications.models import Notification
from ideaportal.notifications.outbox import queue_emails
from ideaportal.notifications.preferences import email_footer

# A text for many readers: a plain string, or a function that writes it in the current
# language (called once per language among the recipients, under force_locale).
Text = str | Callable[[], str]


def in_language(text: Text, language: str | None) -> str:
    """The text in the reader's language (their setting; the default when they have none)."""
    if not callable(text):
        return text
    with force_locale(language or current_app.config["BABEL_DEFAULT_LOCALE"]):
        return text()


def notify_users(
    user_ids: Iterable[int],
    *,
    kind: str,
    message: Text,
    url: str,
    idea_id: int | None,
    email_subject: Text | None = None,
    email_body: Text | None = None,
) -> int:
    """In-app notification (and email when a body is given) for each user, in bulk, each in
    the user's own language.

    Runs inside the caller's transaction, so the news and the change it reports commit
    together.
    """
    ids = sorted(set(user_ids))
    if not ids:
        return 0
    now = utcnow()
    readers = db.session.execute(
        select(User.id, User.email, User.locale, User.email_frequency, User.deleted_at).where(
            User.id.in_(ids)
        )
    ).all()
    messages: dict[str | None, str] = {}
    for reader in readers:
        if reader.locale not in messages:
            messages[reader.locale] = in_language(message, reader.locale)
    db.session.execute(
        insert(Notification),
        [
            {
                "user_id": reader.id,
                "kind": kind,
                "idea_id": idea_id,
                "message": messages[reader.locale],
                "url": url,
                "created_at": now,
            }
            for reader in readers
        ],
    )
    if email_subject and email_body:
        # Weekly-digest users hear about it in their digest; "never" means never.
        recipients = [
            r
            for r in readers
            if r.deleted_at is None and r.email_frequency == EmailFrequency.INSTANT
        ]
        emails: dict[str | None, tuple[str, str]] = {}
        for r in recipients:
            if r.locale not in emails:
                emails[r.locale] = (
                    in_language(email_subject, r.locale),
                    in_language(email_body, r.locale),
                )
        queue_emails(
            [
                {
                    "user_id": r.id,
                    "to_address": r.email,
                    "subject": emails[r.locale][0],
                    "body_text": emails[r.locale][1]
                    + in_language(partial(email_footer, r.id), r.locale),
                    "kind": kind,
                    "state": "pending",
                    "attempts": 0,
                    "next_attempt_at": now,
                    "created_at": now,
                }
                for r in recipients
            ]
        )
    return len(readers)


def last_told_at(idea_id: int) -> datetime | None:
    """When the idea's voters and followers last heard something about it."""
    return db.session.scalar(
        select(func.max(Notification.created_at)).where(Notification.idea_id == idea_id)
    )


def unread_count(user: User) -> int:
    # Core and a statement built once cost a fifth of the ORM query. Full pages get the count
    # with the member's row instead (unread_count_of, accounts.load_session_user).
    return db.session.connection().execute(_UNREAD, {"user_id": user.id}).scalar_one()


def unread_count_of(user_id: Any) -> ScalarSelect[int]:
    """The bell's count for the user whose id is this column or parameter."""
    table = Notification.__table__
    return (
        select(func.count())
        .select_from(table)
        .where(table.c.user_id == user_id, table.c.read_at.is_(None))
        .scalar_subquery()
    )


_UNREAD = select(unread_count_of(bindparam("user_id")))


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
