"""Email preferences: how often a user hears from us, and the one-click unsubscribe link."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from flask_babel import force_locale, ngettext
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select

from ideaportal.accounts.models import EmailFrequency, User
from ideaportal.core import audit
from ideaportal.core.errors import NotFound
from ideaportal.core.i18n import gettext as _
from ideaportal.core.links import absolute_url
from ideaportal.core.model_base import utcnow
from ideaportal.extensions import db
from ideaportal.notifications.models import Notification
from ideaportal.notifications.outbox import queue_email

_SALT = "unsubscribe"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def unsubscribe_url(user_id: int) -> str:
    return absolute_url("notifications.unsubscribe", token=_serializer().dumps(user_id))


def user_for_unsubscribe_token(token: str) -> User:
    try:
        user_id = _serializer().loads(token)
    except BadSignature as exc:
        raise NotFound(_("This unsubscribe link is not valid.")) from exc
    user = db.session.get(User, int(user_id))
    if user is None:
        raise NotFound(_("This unsubscribe link is not valid."))
    return user


def set_email_frequency(user: User, frequency: EmailFrequency, *, via: str = "settings") -> None:
    if user.email_frequency == frequency:
        return
    old = user.email_frequency
    user.email_frequency = frequency
    if frequency == EmailFrequency.WEEKLY and user.digest_sent_at is None:
        user.digest_sent_at = utcnow()
    audit.record(
        user, "user.email_frequency", user, f"Emails: {old.label} → {frequency.label} ({via})"
    )
    db.session.commit()


def email_footer(user_id: int) -> str:
    return "\n\n--\n" + _(
        "You get this email because you voted for or follow this idea. "
        "Change how often we write: %(settings)s\n"
        "Unsubscribe with one click: %(unsubscribe)s",
        settings=absolute_url("notifications.index"),
        unsubscribe=unsubscribe_url(user_id),
    )


def send_weekly_digests(now_: object = None) -> int:
    """One email a week to each weekly-digest user, listing what happened to their ideas."""
    now = utcnow()
    due_before = now - timedelta(days=7)
    users = list(
        db.session.scalars(
            select(User).where(
                User.email_frequency == EmailFrequency.WEEKLY,
                User.deleted_at.is_(None),
                (User.digest_sent_at.is_(None)) | (User.digest_sent_at <= due_before),
            )
        )
    )
    sent = 0
    for user in users:
        since = user.digest_sent_at or due_before
        news = list(
            db.session.scalars(
                select(Notification)
                .where(Notification.user_id == user.id, Notification.created_at > since)
                .order_by(Notification.created_at)
            )
        )
        user.digest_sent_at = now
        if news:
            lines = "\n".join(
                f"- {n.message}\n  {current_app.config['BASE_URL'].rstrip('/')}{n.url}"
                for n in news
            )
            with force_locale(user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
                subject = f"[{current_app.config['SITE_NAME']}] " + ngettext(
                    "Your week: %(num)s update", "Your week: %(num)s updates", len(news)
                )
                body = (
                    _(
                        "Hello %(name)s,\n\nthis week on the ideas you follow:",
                        name=user.display_name,
                    )
                    + f"\n\n{lines}"
                    + email_footer(user.id)
                )
            queue_email(
                user.email,
                subject,
                body,
                kind="weekly_digest",
                user_id=user.id,
            )
            sent += 1
        db.session.commit()
    return sent
