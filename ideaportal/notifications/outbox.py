"""The email outbox: emails are rows first, then delivered by a job over SMTP or to the log."""

from __future__ import annotations

import logging
import smtplib
import ssl
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Protocol
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import ColumnElement, or_, select, update

from ideaportal.core.model_base import utcnow
from ideaportal.extensions import db
from ideaportal.jobs import enqueue_after_commit
from ideaportal.notifications.models import EmailState, OutboxEmail
from ideaportal.notifications.tasks import deliver_outbox

log = logging.getLogger("ideaportal.mail")

BATCH_SIZE = 200


class MailTransport(Protocol):
    def send(self, message: EmailMessage) -> None: ...


class LogTransport:
    """Default set-up: the email is written to the log (and stays in the outbox table)."""

    def send(self, message: EmailMessage) -> None:
        log.info("email to %s: %s\n%s", message["To"], message["Subject"], message.get_content())


class SMTPTransport:
    def __init__(
        self,
        host: str,
        port: int,
        username: str | None,
        password: str | None,
        starttls: bool,
        use_ssl: bool,
    ) -> None:
        self.host, self.port = host, port
        self.username, self.password = username, password
        self.starttls, self.use_ssl = starttls, use_ssl

    def send(self, message: EmailMessage) -> None:
        context = ssl.create_default_context()
        smtp: smtplib.SMTP
        if self.use_ssl:
            smtp = smtplib.SMTP_SSL(self.host, self.port, timeout=30, context=context)
        else:
            smtp = smtplib.SMTP(self.host, self.port, timeout=30)
        with smtp:
            if self.starttls and not self.use_ssl:
                smtp.starttls(context=context)
            if self.username:
                smtp.login(self.username, self.password or "")
            smtp.send_message(message)


def transport() -> MailTransport:
    cfg = current_app.config
    if not cfg.get("SMTP_HOST"):
        return LogTransport()
    return SMTPTransport(
        cfg["SMTP_HOST"],
        cfg["SMTP_PORT"],
        cfg.get("SMTP_USERNAME"),
        cfg.get("SMTP_PASSWORD"),
        cfg["SMTP_STARTTLS"],
        cfg["SMTP_SSL"],
    )


def queue_email(
    to_address: str, subject: str, body_text: str, *, kind: str, user_id: int | None = None
) -> OutboxEmail:
    """Add an email to the outbox in the caller's transaction; delivery starts after commit."""
    email = OutboxEmail(
        to_address=to_address,
        subject=subject[:200],
        body_text=body_text,
        kind=kind,
        user_id=user_id,
    )
    db.session.add(email)
    enqueue_after_commit(deliver_outbox)
    return email


def queue_emails(rows: list[dict[str, object]]) -> None:
    """Bulk form of queue_email for a status change with many voters."""
    if not rows:
        return
    db.session.execute(OutboxEmail.__table__.insert(), rows)
    enqueue_after_commit(deliver_outbox)


def _to_message(email: OutboxEmail) -> EmailMessage:
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = email.to_address
    message["Subject"] = email.subject
    # Stable per outbox row: if a worker dies after the server accepted the email but before
    # it was marked sent, the resend carries the same id and receivers can drop the copy.
    message["Message-ID"] = message_id(email)
    if email.user_id is not None and email.kind != "password_reset":
        from ideaportal.notifications.preferences import unsubscribe_url

        # RFC 8058: mail clients show an unsubscribe button that POSTs to this URL.
        message["List-Unsubscribe"] = f"<{unsubscribe_url(email.user_id)}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(email.body_text)
    return message


def message_id(email: OutboxEmail) -> str:
    domain = urlsplit(current_app.config["BASE_URL"]).hostname or "ideaportal"
    return f"<outbox-{email.id}.{email.created_at:%Y%m%d%H%M%S}@{domain}>"


def lease() -> timedelta:
    return timedelta(seconds=int(current_app.config["CLAIM_LEASE_SECONDS"]))


def _unclaimed(now: datetime) -> ColumnElement[bool]:
    return or_(OutboxEmail.claimed_until.is_(None), OutboxEmail.claimed_until < now)


def _claim(email_id: int) -> bool:
    """Take an email for sending with a lease; False while another worker holds it."""
    now = utcnow()
    result = db.session.execute(
        update(OutboxEmail)
        .where(
            OutboxEmail.id == email_id,
            OutboxEmail.state == EmailState.PENDING,
            _unclaimed(now),
        )
        .values(attempts=OutboxEmail.attempts + 1, claimed_until=now + lease())
    )
    db.session.commit()
    return bool(result.rowcount)  # type: ignore[attr-defined]


def deliver_due_emails(limit: int = BATCH_SIZE) -> int:
    """Send what is due. Failures back off exponentially and give up after MAIL_MAX_ATTEMPTS."""
    now = utcnow()
    due = db.session.scalars(
        select(OutboxEmail.id)
        .where(
            OutboxEmail.state == EmailState.PENDING,
            OutboxEmail.next_attempt_at <= now,
            _unclaimed(now),
        )
        .order_by(OutboxEmail.id)
        .limit(limit)
    ).all()
    sender = transport()
    max_attempts = current_app.config["MAIL_MAX_ATTEMPTS"]
    sent = 0
    for email_id in due:
        if not _claim(email_id):
            continue
        email = db.session.get(OutboxEmail, email_id, populate_existing=True)
        if email is None:
            continue
        try:
            sender.send(_to_message(email))
        except (OSError, smtplib.SMTPException) as exc:
            email.last_error = f"{type(exc).__name__}: {exc}"[:1000]
            if email.attempts >= max_attempts:
                email.state = EmailState.FAILED
            else:
                email.next_attempt_at = utcnow() + timedelta(minutes=2**email.attempts)
            log.warning("email %s failed (attempt %s): %s", email.id, email.attempts, exc)
        else:
            email.state = EmailState.SENT
            email.sent_at = utcnow()
            email.last_error = None
            sent += 1
        email.claimed_until = None
        db.session.commit()
    return sent
