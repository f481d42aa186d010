"""The one outbox loop (core/outbox.py): a row its sender cannot handle backs off and gives
up like any failure, and never holds up the rows behind it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from ideaportal.core.model_base import utcnow
from ideaportal.core.outbox import Attempt, send_due
from ideaportal.extensions import db
from ideaportal.notifications.models import EmailState, OutboxEmail
from ideaportal.notifications.outbox import EMAILS, queue_email


def _emails() -> list[OutboxEmail]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxEmail).order_by(OutboxEmail.id)))


def test_a_row_whose_sender_raises_backs_off_and_the_rows_behind_it_are_sent(app_factory):
    app = app_factory(QUEUE_IMMEDIATE=False, MAIL_MAX_ATTEMPTS=2)  # the test is the worker
    sent: list[str] = []

    def send(email: OutboxEmail) -> Attempt:
        if email.to_address.startswith("broken"):
            raise ValueError("a header the transport refuses")
        sent.append(email.to_address)
        return Attempt.SENT

    with app.app_context():
        queue_email("broken@example.com", "First", "Cannot be sent.", kind="test")
        queue_email("ann@example.com", "Second", "Fine.", kind="test")
        db.session.commit()

        assert send_due(EMAILS, send) == 1
        broken, fine = _emails()
        assert sent == ["ann@example.com"] and fine.state == EmailState.SENT
        assert broken.state == EmailState.PENDING and broken.next_attempt_at > utcnow()
        assert broken.claimed_until is None and broken.attempts == 1

        broken.next_attempt_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
        assert send_due(EMAILS, send) == 0
        broken, _ = _emails()
        assert broken.state == EmailState.FAILED and broken.attempts == 2
