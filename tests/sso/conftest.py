"""A real OpenID Connect provider (oidc-provider-mock) on a free loopback port."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from ideaportal.sso import services
from ideaportal.triage import secrets


@pytest.fixture(scope="session")
def oidc_issuer() -> Iterator[str]:
    from oidc_provider_mock import run_server_in_thread

    with run_server_in_thread(port=0, require_nonce=True) as server:
        yield f"http://localhost:{server.server_port}"


def set_claims(issuer: str, sub: str, **claims: Any) -> None:
    """What the provider will say about this person (its user store's HTTP API)."""
    response = httpx.put(f"{issuer}/users/{sub}", json=claims)
    response.raise_for_status()


def add_provider(issuer: str, slug: str = "acme-idp", **fields: Any) -> Any:
    """A provider row as the admin page would save it (without the discovery check, so tests
    can also describe providers that have since gone wrong)."""
    from ideaportal.extensions import db
    from ideaportal.sso.models import SsoProvider

    provider = SsoProvider(
        slug=slug,
        name=fields.pop("name", "Acme SSO"),
        issuer=issuer,
        client_id=fields.pop("client_id", "ideaportal-test"),
        client_secret_encrypted=secrets.encrypt("client-secret-for-tests"),
        scopes="openid email profile",
        claim_email="email",
        claim_name="name",
        claim_company=fields.pop("claim_company", "company"),
        claim_role=fields.pop("claim_role", None),
        allowed_domains=fields.pop("allowed_domains", ""),
        enabled=True,
    )
    db.session.add(provider)
    db.session.commit()
    return provider


def authorize_at_provider(authorize_url: str, sub: str) -> str:
    """The person submits the provider's own authorize form; returns where it sends them."""
    response = httpx.post(authorize_url, data={"sub": sub}, follow_redirects=False)
    assert response.status_code == 302, response.text[:500]
    return response.headers["location"]


def local_path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


@pytest.fixture
def sso_app(app: Any) -> Any:
    app.config["SSO_ALLOW_HTTP_LOOPBACK"] = True
    services.policy()  # fails early if the app context is missing
    return app
