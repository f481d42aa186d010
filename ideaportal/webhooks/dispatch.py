"""Signed webhooks to integrators: sign, post and log one delivery; core.outbox claims what
is due, backs off and gives up, as for hand-off deliveries and emails.

The same rules as the hand-off webhooks (triage): HMAC-SHA256 signature headers from
triage.signing, target checks and the POST from triage.outbound, the secret kept encrypted
by triage.secrets, and WEBHOOK_RETRY_BASE_SECONDS / WEBHOOK_MAX_ATTEMPTS. A delivery is
any row with event and payload, and an attempt model with delivery_id, status_code,
duration_ms, error, response_excerpt.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from flask import current_app

from ideaportal.core.outbox import Attempt, Outbox
from ideaportal.extensions import db
from ideaportal.triage import outbound, secrets, signing
from ideaportal.triage.models import DeliveryState


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


def outbox(model: Any) -> Outbox:
    """The outbox rules every webhook delivery log shares (hand-offs and events)."""
    return Outbox(
        model=model,
        pending=DeliveryState.PENDING,
        done=DeliveryState.DELIVERED,
        failed=DeliveryState.FAILED,
        done_at="delivered_at",
        max_attempts=lambda: int(current_app.config["WEBHOOK_MAX_ATTEMPTS"]),
        retry_delay=retry_delay,
    )


def log_attempt(attempt_model: Any, delivery: Any, result: Any) -> Attempt:
    """Record one POST's outcome (an outbound.PostResult or a connector's result with the
    same fields) in the delivery's attempt log; SENT when it landed."""
    db.session.add(
        attempt_model(
            delivery_id=delivery.id,
            status_code=result.status_code,
            duration_ms=result.duration_ms,
            error=result.error,
            response_excerpt=result.excerpt,
        )
    )
    return Attempt.SENT if result.ok else Attempt.FAILED


def send(delivery: Any, target: Target | None, attempt_model: Any) -> Attempt:
    """Sign and POST one delivery (an outbox row: core.outbox claims, retries and gives up)
    and log the attempt; a delivery whose target is gone (its subscription switched off
    meanwhile) is abandoned."""
    if target is None:
        db.session.add(attempt_model(delivery_id=delivery.id, error="subscription inactive"))
        return Attempt.ABANDONED
    body = body_of(delivery.payload)
    headers = signing.signed_headers(
        secrets.decrypt(target.secret_encrypted), int(time.time()), body
    )
    headers["X-IdeaPortal-Event"] = delivery.event
    headers["X-IdeaPortal-Delivery"] = str(delivery.id)
    return log_attempt(attempt_model, delivery, outbound.post(target.url, body, headers, policy()))
