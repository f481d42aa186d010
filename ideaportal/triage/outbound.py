"""Where webhooks may go, and sending one: no user-controlled URL is fetched unchecked.

A webhook URL must be https (plain http only to loopback, and only when the config allows
it) and must not resolve to a private, loopback, link-local or otherwise reserved address
unless the config allows private targets. The check runs when the URL is saved and again
before every delivery, since DNS answers change. Redirects are never followed.

The delivery connects to the very address that was checked (pinned): the name is resolved
once, the answer checked, and the connection made to that IP with the name in the Host
header and in TLS (SNI and certificate check). A DNS server that answers a public address
for the check and 127.0.0.1 a moment later (DNS rebinding) gets nowhere.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
from flask import current_app

from ideaportal.core.errors import ValidationFailed
from ideaportal.core.i18n import gettext as _

RESPONSE_EXCERPT_CHARS = 500
TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True)
class TargetPolicy:
    allow_http_loopback: bool = False
    allow_private: bool = False

    @classmethod
    def from_config(cls, prefix: str) -> TargetPolicy:
        """The policy in `<prefix>_ALLOW_HTTP_LOOPBACK` / `<prefix>_ALLOW_PRIVATE_TARGETS`
        (WEBHOOK for webhooks and trackers, SSO for identity providers)."""
        cfg = current_app.config
        return cls(
            allow_http_loopback=bool(cfg.get(f"{prefix}_ALLOW_HTTP_LOOPBACK")),
            allow_private=bool(cfg.get(f"{prefix}_ALLOW_PRIVATE_TARGETS")),
        )


def _addresses(
    host: str, port: int, field: str = "webhook_url"
) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise ValidationFailed(
            _("The host %(host)s does not resolve.", host=host), field=field
        ) from exc
    return [ipaddress.ip_address(info[4][0]) for info in infos]


Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class Subject:
    """What an outbound URL is for, with the refusals worded for it: whole sentences, so each
    language can word them in its own grammar."""

    credentials: Callable[[], str]
    https_only: Callable[[], str]
    private_refused: Callable[[str, str], str]


WEBHOOKS = Subject(
    credentials=lambda: _("Put no credentials in the URL; the signature authenticates."),
    https_only=lambda: _("Webhooks must use https."),
    private_refused=lambda host, address: _(
        "%(host)s resolves to a private or reserved address (%(address)s); "
        "webhooks go to public hosts only.",
        host=host,
        address=address,
    ),
)
TRACKERS = Subject(
    credentials=lambda: _("Put no credentials in the URL; give the API key in its own field."),
    https_only=lambda: _("Tracker connections must use https."),
    private_refused=lambda host, address: _(
        "%(host)s resolves to a private or reserved address (%(address)s); "
        "tracker connections may only reach public hosts.",
        host=host,
        address=address,
    ),
)
IDENTITY_PROVIDERS = Subject(
    credentials=TRACKERS.credentials,
    https_only=lambda: _("Identity provider URLs must use https."),
    private_refused=lambda host, address: _(
        "%(host)s resolves to a private or reserved address (%(address)s); "
        "identity provider URLs may only reach public hosts.",
        host=host,
        address=address,
    ),
)


def check_target(
    url: str, policy: TargetPolicy, *, field: str = "webhook_url", subject: Subject = WEBHOOKS
) -> Address:
    """Raise ValidationFailed (on `field`) unless the URL is a safe outbound target; returns
    the checked address to connect to. `subject` words the refusals for what goes there
    (WEBHOOKS, TRACKERS, IDENTITY_PROVIDERS)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in {"https", "http"} or not parts.hostname:
        raise ValidationFailed(_("Use a full https:// URL."), field=field)
    if parts.username or parts.password:
        raise ValidationFailed(subject.credentials(), field=field)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    addresses = _addresses(parts.hostname, port, field)
    loopback_only = all(a.is_loopback for a in addresses)
    if parts.scheme == "http" and not (policy.allow_http_loopback and loopback_only):
        raise ValidationFailed(subject.https_only(), field=field)
    for address in addresses:
        if address.is_loopback and policy.allow_http_loopback:
            continue
        if not address.is_global and not policy.allow_private:
            raise ValidationFailed(
                subject.private_refused(parts.hostname, str(address)), field=field
            )
    return addresses[0]


def pinned_request(url: str, address: Address) -> tuple[str, dict[str, str], dict[str, str]]:
    """The URL rewritten to the checked IP, the Host header and the TLS name to use."""
    parts = urlsplit(url.strip())
    host = parts.hostname or ""
    ip = f"[{address}]" if address.version == 6 else str(address)
    netloc = f"{ip}:{parts.port}" if parts.port else ip
    pinned = parts._replace(netloc=netloc).geturl()
    host_header = f"{host}:{parts.port}" if parts.port else host
    return pinned, {"Host": host_header}, {"sni_hostname": host}


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
        address = check_target(url, policy)
        pinned, host, tls = pinned_request(url, address)
        with httpx.Client(timeout=TIMEOUT_SECONDS, follow_redirects=False) as client:
            request = client.build_request(
                "POST", pinned, content=body, headers={**headers, **host}, extensions=tls
            )
            response = client.send(request)
        excerpt = response.text[:RESPONSE_EXCERPT_CHARS]
        elapsed = int((time.monotonic() - started) * 1000)
        return PostResult(response.status_code, elapsed, excerpt, None)
    except ValidationFailed as exc:
        return PostResult(None, 0, None, f"refused: {exc.message}"[:500])
    except httpx.HTTPError as exc:
        elapsed = int((time.monotonic() - started) * 1000)
        return PostResult(None, elapsed, None, f"{type(exc).__name__}: {exc}"[:500])
