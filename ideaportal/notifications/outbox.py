"""The email outbox: emails are rows first, then delivered by a job over SMTP or to the log."""

from __future__ import annotations

import logging
import smtplib
import ssl
from datetime import timedelta
from email.message import EmailMessage
from typing import Protocol
from urllib.parse import urlsplit

from flask import current_app

from ideaportal.core.outbox import Attempt, Outbox, send_due
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


EMAILS = Outbox(
    model=OutboxEmail,
    pending=EmailState.PENDING,
    done=EmailState.SENT,
    failed=EmailState.FAILED,
    done_at="sent_at",
    max_attempts=lambda: int(current_app.config["MAIL_MAX_ATTEMPTS"]),
    retry_delay=lambda attempts: timedelta(minutes=2**attempts),
)


def deliver_due_emails(limit: int = BATCH_SIZE) -> int:
    """Send what is due (core.outbox: leases, back-off, giving up after MAIL_MAX_ATTEMPTS)."""
    sender = transport()

    def send(email: OutboxEmail) -> Attempt:
        try:
            sender.send(_to_message(email))
        except (OSError, smtplib.SMTPException) as exc:
            email.last_error = f"{type(exc).__name__}: {exc}"[:1000]
            log.warning("email %s failed (attempt %s): %s", email.id, email.attempts, exc)
            return Attempt.FAILED
        email.last_error = None
        return Attempt.SENT

    return send_due(EMAILS, send, limit=limit)
