"""Delivering signed webhooks from any delivery log: claim what is due, sign, post, log the
attempt, back off exponentially, give up after the configured number of attempts.

The same rules as the hand-off webhooks (triage): HMAC-SHA256 signature headers from
triage.signing, target checks and the POST from triage.outbound, the secret kept encrypted
by triage.secrets, and WEBHOOK_RETRY_BASE_SECONDS / WEBHOOK_MAX_ATTEMPTS. A delivery log is
any model with the columns event, payload, state, attempts, next_attempt_at, delivered_at,
and an attempt model with delivery_id, status_code, duration_ms, error, response_excerpt.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from flask import current_app
from sqlalchemy import select, update

from ideaportal.core.model_base import utcnow
from ideaportal.extensions import db
from ideaportal.triage import outbound, secrets, signing
from ideaportal.triage.models import DeliveryState

# A claimed delivery is left alone this long, so a worker that died mid-send is retried.
CLAIM_MINUTES = 10


@dataclass(frozen=True)
class Target:
    url: str
    secret_encrypted: str


def policy() -> outbound.TargetPolicy:
    return outbound.TargetPolicy.from_config("WEBHOOK")


def retry_delay(attempts: int) -> timedelta:
    base = float(current_app.config["WEBHOOK_RETRY_BASE_SECONDS"])
    return timedelta(seconds=base * (2 ** (attempts - 1)))


def body_of(payload: dict[str, Any]) -> bytes:
    """The exact bytes that are signed and sent."""
    return json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()


def deliver_due(
    model: Any,
    attempt_model: Any,
    target_of: Callable[[Any], Target | None],
    on_retry: Callable[[], None],
    limit: int = 100,
) -> int:
    """Send the model's due deliveries; returns how many landed. Safe with several workers:
    each delivery is claimed by a conditional UPDATE on its attempt count first."""
    now = utcnow()
    due = db.session.execute(
        select(model.id, model.attempts)
        .where(model.state == DeliveryState.PENDING, model.next_attempt_at <= now)
        .order_by(model.id)
        .limit(limit)
    ).all()
    max_attempts = int(current_app.config["WEBHOOK_MAX_ATTEMPTS"])
    delivered = 0
    for delivery_id, attempts in due:
        claimed = db.session.execute(
            update(model)
            .where(
                model.id == delivery_id,
                model.attempts == attempts,
                model.state == DeliveryState.PENDING,
            )
            .values(
                attempts=attempts + 1, next_attempt_at=utcnow() + timedelta(minutes=CLAIM_MINUTES)
            )
        )
        db.session.commit()
        if not claimed.rowcount:  # type: ignore[attr-defined]
            continue  # another worker has it
        delivery = db.session.get(model, delivery_id)
        assert delivery is not None
        target = target_of(delivery)
        if target is None:  # the subscription was switched off meanwhile
            delivery.state = DeliveryState.FAILED
            db.session.add(attempt_model(delivery_id=delivery.id, error="subscription inactive"))
            db.session.commit()
            continue
        body = body_of(delivery.payload)
        headers = signing.signed_headers(
            secrets.decrypt(target.secret_encrypted), int(time.time()), body
        )
        headers["X-IdeaPortal-Event"] = delivery.event
        headers["X-IdeaPortal-Delivery"] = str(delivery.id)
        result = outbound.post(target.url, body, headers, policy())
        db.session.add(
            attempt_model(
                delivery_id=delivery.id,
                status_code=result.status_code,
                duration_ms=result.duration_ms,
                error=result.error,
                response_excerpt=result.excerpt,
            )
        )
        if result.ok:
            delivery.state = DeliveryState.DELIVERED
            delivery.delivered_at = utcnow()
            delivered += 1
        elif delivery.attempts >= max_attempts:
            delivery.state = DeliveryState.FAILED
        else:
            delivery.next_attempt_at = utcnow() + retry_delay(delivery.attempts)
            on_retry()  # the delayed run picks it up when due
        db.session.commit()
    return delivered
