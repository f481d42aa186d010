"""Outboxes: rows written in the transaction that caused them (an email to send, a webhook to
deliver to a team or a subscriber) and sent afterwards by the job worker. One loop sends all
of them, so they share one set of rules:

- A row is claimed before it is sent: a conditional UPDATE counts the attempt and takes a
  lease (`IDEAPORTAL_CLAIM_LEASE_SECONDS`). Of several workers exactly one gets it; a worker
  that dies mid-send loses the lease when it runs out, and the next sweep sends again.
- The sender reports how the attempt went (SENT, FAILED, or ABANDONED when the row can never
  be sent, say its subscription was switched off) and records the attempt its own way.
- A failure is retried after the outbox's back-off, until its attempts run out; then the row
  is failed for good. Each outcome is committed on its own, so a crash loses at most the
  attempt in flight, which the lease brings back.

An outbox's rows have the columns id, state, attempts, next_attempt_at and claimed_until.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import ColumnElement, or_, select, update

from ideaportal.core.model_base import utcnow
from ideaportal.extensions import db

log = logging.getLogger("ideaportal.outbox")


class Attempt(enum.Enum):
    SENT = "sent"
    FAILED = "failed"  # retried after the back-off, while attempts remain
    ABANDONED = "abandoned"  # can never be sent: failed at once


@dataclass(frozen=True)
class Outbox:
    model: Any
    pending: Any  # the row's state values
    done: Any
    failed: Any
    done_at: str  # the column stamped when the row was sent
    max_attempts: Callable[[], int]
    retry_delay: Callable[[int], timedelta]  # after this many attempts


def lease() -> timedelta:
    return timedelta(seconds=int(current_app.config["CLAIM_LEASE_SECONDS"]))


def send_due(
    outbox: Outbox,
    send: Callable[[Any], Attempt],
    *,
    limit: int = 100,
    on_retry: Callable[[], None] | None = None,
    on_give_up: Callable[[Any], None] | None = None,
) -> int:
    """Send the outbox's due rows, oldest first; returns how many were sent. `on_retry` runs
    when a row is due again later (to schedule the sweep that will pick it up), `on_give_up`
    with a row that has failed for good."""
    model = outbox.model
    now = utcnow()
    due = db.session.scalars(
        select(model.id)
        .where(model.state == outbox.pending, model.next_attempt_at <= now, _unclaimed(model, now))
        .order_by(model.id)
        .limit(limit)
    ).all()
    sent = 0
    for row_id in due:
        if not _claim(outbox, row_id):
            continue  # another worker has it
        row = db.session.get(model, row_id, populate_existing=True)
        if row is None:
            continue
        try:
            attempt = send(row)
        except Exception:
            # A row the sender cannot handle (a secret sealed under a retired key, a header
            # it refuses) backs off and gives up like any failure, instead of aborting every
            # sweep before the rows behind it.
            log.exception("sending %s %s failed", model.__tablename__, row_id)
            db.session.rollback()
            row = db.session.get(model, row_id, populate_existing=True)
            if row is None:
                continue
            attempt = Attempt.FAILED
        if attempt is Attempt.SENT:
            row.state = outbox.done
            setattr(row, outbox.done_at, utcnow())
            sent += 1
        elif attempt is Attempt.ABANDONED or row.attempts >= outbox.max_attempts():
            row.state = outbox.failed
            if on_give_up is not None:
                on_give_up(row)
        else:
            row.next_attempt_at = utcnow() + outbox.retry_delay(row.attempts)
            if on_retry is not None:
                on_retry()
        row.claimed_until = None
        db.session.commit()
    return sent


def _unclaimed(model: Any, now: datetime) -> ColumnElement[bool]:
    return or_(model.claimed_until.is_(None), model.claimed_until < now)


def _claim(outbox: Outbox, row_id: int) -> bool:
    """Count the attempt and take the lease; False while another worker holds it."""
    model, now = outbox.model, utcnow()
    claimed = db.session.execute(
        update(model)
        .where(model.id == row_id, model.state == outbox.pending, _unclaimed(model, now))
        .values(attempts=model.attempts + 1, claimed_until=now + lease())
    )
    db.session.commit()
    return bool(claimed.rowcount)  # type: ignore[attr-defined]
