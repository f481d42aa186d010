"""Where outbound requests may go: no user-controlled URL is fetched unchecked.

Webhooks, tracker connections (Redmine) and identity providers (OpenID Connect) all go
through `checked_client`. A URL must be https (plain http only to loopback, and only when
the config allows it) and must not resolve to a private, loopback, link-local or otherwise
reserved address unless the config allows private targets. The check runs when the URL is
saved and again before every request, since DNS answers change. Redirects are never followed.

The client connects to the very address that was checked (pinned): the name is resolved
once, the answer checked, and httpcore's network layer opens the socket to that IP, while
the URL, the Host header and TLS (SNI and certificate check) keep the name. A DNS server that
answers a public address for the check and 127.0.0.1 a moment later (DNS rebinding) gets
nowhere, and the client connects to no other host at all. These requests go directly, never
through an HTTP(S)_PROXY from the environment: a proxy would resolve the name again.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpcore
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
    except (socket.gaierror, UnicodeError) as exc:  # UnicodeError: a label past 63 letters
        raise ValidationFailed(
            _("The host %(host)s does not resolve.", host=host), field=field
        ) from exc
    return [ipaddress.ip_address(info[4][0]) for info in infos]


Address = ipaddress.IPv4Address | ipaddress.IPv6Address

_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")  # deprecated ::a.b.c.d, and :: and ::1
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # the well-known prefix: ::a.b.c.d via NAT64


def is_public(address: Address) -> bool:
    """A unicast address of a host on the public internet. Python's `is_global` alone lets
    through multicast (224.0.0.1, ff02::1), IPv6 site-local (fec0::/10) and the deprecated
    IPv4-compatible form (::127.0.0.1, which some stacks route to 127.0.0.1). IPv6 forms that
    carry an IPv4 address (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::a.b.c.d, 6to4 2002:…) are
    judged by that address."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return is_public(embedded)
        if address in _IPV4_COMPATIBLE or address.is_site_local:
            return False
    return address.is_global and not (
        address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or address.is_link_local
        or address.is_loopback
        or address.is_private
    )


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
) -> list[Address]:
    """Raise ValidationFailed (on `field`) unless the URL is a safe outbound target; returns
    the checked addresses to connect to, in the resolver's order. `subject` words the
    refusals for what goes there (WEBHOOKS, TRACKERS, IDENTITY_PROVIDERS)."""
    try:
        parts = urlsplit(url.strip())  # ValueError: a broken [IPv6] host
        given_port = parts.port  # ValueError: not a number, or past 65535
    except ValueError:
        raise ValidationFailed(_("Use a full https:// URL."), field=field) from None
    if parts.scheme not in {"https", "http"} or not parts.hostname:
        raise ValidationFailed(_("Use a full https:// URL."), field=field)
    if parts.username or parts.password:
        raise ValidationFailed(subject.credentials(), field=field)
    port = given_port or (443 if parts.scheme == "https" else 80)
    addresses = _addresses(parts.hostname, port, field)
    loopback_only = all(a.is_loopback for a in addresses)
    if parts.scheme == "http" and not (policy.allow_http_loopback and loopback_only):
        raise ValidationFailed(subject.https_only(), field=field)
    for address in addresses:
        if address.is_loopback and policy.allow_http_loopback:
            continue
        if not is_public(address) and not policy.allow_private:
            raise ValidationFailed(
                subject.private_refused(parts.hostname, str(address)), field=field
            )
    return addresses


class _PinnedNetwork(httpcore.SyncBackend):
    """httpcore's sockets, opened only to the addresses checked for each host (each tried in
    turn, as `socket.create_connection` tries a name's addresses)."""

    def __init__(self, pins: dict[str, list[Address]]) -> None:
        self._pins = pins

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        addresses = self._pins.get(host.lower())
        if not addresses:
            raise httpcore.ConnectError(f"refused: {host} was not checked")
        for address in addresses[:-1]:
            try:
                return super().connect_tcp(
                    str(address), port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout):
                continue
        return super().connect_tcp(str(addresses[-1]), port, timeout, local_address, socket_options)


class _PinnedTransport(httpx.HTTPTransport):
    def __init__(self, pins: dict[str, list[Address]]) -> None:
        super().__init__(trust_env=False)
        # httpx takes no network layer of its own; the pool under it (httpcore's) does.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            network_backend=_PinnedNetwork(pins),
        )


def checked_client(
    url: str,
    policy: TargetPolicy,
    *,
    field: str = "webhook_url",
    subject: Subject = WEBHOOKS,
) -> httpx.Client:
    """A client for requests to this URL's host: the URL checked (`check_target`, raising
    ValidationFailed on `field`), connections only to the checked addresses, no redirects
    followed."""
    addresses = check_target(url, policy, field=field, subject=subject)
    # httpcore asks for the name as it goes on the wire: an internationalised one in its
    # ASCII (punycode) form.
    host = httpx.URL(url.strip()).raw_host.decode("ascii").lower()
    return httpx.Client(
        transport=_PinnedTransport({host: addresses}),
        timeout=TIMEOUT_SECONDS,
        follow_redirects=False,
        trust_env=False,
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
        with checked_client(url, policy) as client:
            response = client.post(url, content=body, headers=headers)
        excerpt = response.text[:RESPONSE_EXCERPT_CHARS]
        elapsed = int((time.monotonic() - started) * 1000)
        return PostResult(response.status_code, elapsed, excerpt, None)
    except ValidationFailed as exc:
        return PostResult(None, 0, None, f"refused: {exc.message}"[:500])
    except httpx.HTTPError as exc:
        elapsed = int((time.monotonic() - started) * 1000)
        return PostResult(None, elapsed, None, f"{type(exc).__name__}: {exc}"[:500])
