"""Where webhooks may go, and sending one: no user-controlled URL is fetched unchecked.

A webhook URL must be https (plain http only to loopback, and only when the config allows
it) and must not resolve to a private, loopback, link-local or otherwise reserved address
unless the config allows private targets. The check runs when the URL is saved and again
before every delivery, since DNS answers change. Redirects are never followed.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from ideaportal.core.errors import ValidationFailed

RESPONSE_EXCERPT_CHARS = 500
TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True)
class TargetPolicy:
    allow_http_loopback: bool = False
    allow_private: bool = False


def _addresses(
    host: str, port: int, field: str
) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise ValidationFailed(f"The host {host!r} does not resolve.", field=field) from exc
    return [ipaddress.ip_address(info[4][0]) for info in infos]


def check_target(
    url: str, policy: TargetPolicy, *, field: str = "webhook_url", what: str = "Webhooks"
) -> None:
    """Raise ValidationFailed (on `field`) unless the URL is safe to fetch from the server.

    Used for every URL an admin (or a document an admin's URL returned) makes us fetch:
    webhooks, and OpenID Connect discovery, tokens and keys."""
    parts = urlsplit(url.strip())
    if parts.scheme not in {"https", "http"} or not parts.hostname:
        raise ValidationFailed("Use a full https:// URL.", field=field)
    if parts.username or parts.password:
        raise ValidationFailed("Put no credentials in the URL.", field=field)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    addresses = _addresses(parts.hostname, port, field)
    loopback_only = all(a.is_loopback for a in addresses)
    if parts.scheme == "http" and not (policy.allow_http_loopback and loopback_only):
        raise ValidationFailed(f"{what} must use https.", field=field)
    for address in addresses:
        if address.is_loopback and policy.allow_http_loopback:
            continue
        if not address.is_global and not policy.allow_private:
            raise ValidationFailed(
                f"{parts.hostname} resolves to a private or reserved address ({address}); "
                f"{what.lower()} go to public hosts only.",
                field=field,
            )


@dataclass(frozen=True)
class PostResult:
    status_code: int | None
    duration_ms: int
    excerpt: str | None
    error: str | None

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def post(url: str, body: bytes, headers: dict[str, str], policy: TargetPolicy) -> PostResult:
    started = time.monotonic()
    try:
        check_target(url, policy)
        with httpx.Client(timeout=TIMEOUT_SECONDS, follow_redirects=False) as client:
            response = client.post(url, content=body, headers=headers)
        excerpt = response.text[:RESPONSE_EXCERPT_CHARS]
        elapsed = int((time.monotonic() - started) * 1000)
        return PostResult(response.status_code, elapsed, excerpt, None)
    except ValidationFailed as exc:
        return PostResult(None, 0, None, f"refused: {exc.message}"[:500])
    except httpx.HTTPError as exc:
        elapsed = int((time.monotonic() - started) * 1000)
        return PostResult(None, elapsed, None, f"{type(exc).__name__}: {exc}"[:500])
