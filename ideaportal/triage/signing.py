"""HMAC-SHA256 signatures for webhooks out and status callbacks in.

The signed message is "<timestamp>.<raw body>"; headers:
    X-IdeaPortal-Timestamp: 1764000000
    X-IdeaPortal-Signature: sha256=<hex digest>
A receiver recomputes the digest with the shared secret and rejects timestamps outside the
replay window.
"""

from __future__ import annotations

import hashlib
import hmac

from ideaportal.core.errors import DomainError

TIMESTAMP_HEADER = "X-IdeaPortal-Timestamp"
SIGNATURE_HEADER = "X-IdeaPortal-Signature"
REPLAY_WINDOW_SECONDS = 300


class SignatureRejected(DomainError):
    status_code = 401


def signature(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


def signed_headers(secret: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: signature(secret, timestamp, body),
        "Content-Type": "application/json",
    }


def verify(
    secret: str,
    timestamp: str | None,
    given: str | None,
    body: bytes,
    now: int,
    window: int = REPLAY_WINDOW_SECONDS,
) -> None:
    """Raise SignatureRejected unless the request is signed with the secret and recent."""
    if not timestamp or not given:
        raise SignatureRejected(f"Missing {TIMESTAMP_HEADER} or {SIGNATURE_HEADER} header.")
    try:
        sent = int(timestamp)
    except ValueError as exc:
        raise SignatureRejected(f"{TIMESTAMP_HEADER} must be Unix seconds.") from exc
    if abs(now - sent) > window:
        raise SignatureRejected(
            f"The timestamp is outside the {window // 60}-minute replay window; "
            "sign with the current time."
        )
    # As bytes: compare_digest refuses a str with non-ASCII characters (a TypeError, once a
    # 500 for anyone who sent one), and no valid signature holds any.
    expected = signature(secret, sent, body).encode()
    if not hmac.compare_digest(expected, given.strip().encode("utf-8", "surrogateescape")):
        raise SignatureRejected("The signature does not match the body and timestamp.")
