"""The OpenID Connect protocol, as a relying party: discovery, the authorization request, the
code exchange and the ID token check. Every URL fetched (the admin's issuer, and the endpoints
its discovery document names) passes the same outbound checks as webhooks; no redirect is
followed.

Authlib builds the authorization request and words the code exchange (with PKCE), which is
sent through the pinned outbound client; joserfc, the JOSE library Authlib itself now builds
on, verifies the ID token's signature and claims.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import httpx
from authlib.integrations.httpx_client import OAuth2Client
from authlib.oauth2.rfc6749.parameters import prepare_token_request
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from ideaportal.core.errors import ValidationFailed
from ideaportal.core.i18n import gettext as _
from ideaportal.triage import outbound

DISCOVERY_PATH = "/.well-known/openid-configuration"
# ID tokens are RSA or EC signed by the provider; "none" and HS* (the client secret as the key)
# are refused.
ID_TOKEN_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "ES512")
METADATA_TTL_SECONDS = 300


class SsoRefused(ValidationFailed):
    """A sign-in was refused; the message says why in words the person can act on."""


@dataclass(frozen=True)
class ProviderMetadata:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str | None


_metadata_cache: dict[str, tuple[float, ProviderMetadata]] = {}


def normalise_issuer(issuer: str) -> str:
    return issuer.strip().rstrip("/")


def _check(url: str, policy: outbound.TargetPolicy) -> None:
    outbound.check_target(url, policy, field="issuer", subject=outbound.IDENTITY_PROVIDERS)


def _checked_client(url: str, policy: outbound.TargetPolicy) -> httpx.Client:
    """A client that reaches only the addresses checked for this URL's host (outbound)."""
    return outbound.checked_client(url, policy, field="issuer", subject=outbound.IDENTITY_PROVIDERS)


def _get_json(url: str, policy: outbound.TargetPolicy, **kwargs: Any) -> dict[str, Any]:
    client = _checked_client(url, policy)
    try:
        with client:
            response = client.get(url, **kwargs)
    except httpx.HTTPError as exc:
        raise ValidationFailed(
            _("Could not reach %(url)s: %(error)s", url=url, error=str(exc)), field="issuer"
        ) from exc
    if response.status_code != 200:
        raise ValidationFailed(
            _("%(url)s answered %(status)s.", url=url, status=response.status_code), field="issuer"
        )
    try:
        body = response.json()
    except ValueError as exc:
        raise ValidationFailed(
            _("%(url)s did not answer with JSON.", url=url), field="issuer"
        ) from exc
    if not isinstance(body, dict):
        raise ValidationFailed(
            _("%(url)s did not answer with a JSON object.", url=url), field="issuer"
        )
    return body


def discover(
    issuer: str, policy: outbound.TargetPolicy, *, fresh: bool = False
) -> ProviderMetadata:
    """The provider's metadata; its `issuer` must be exactly the one configured (OpenID
    Connect Discovery 1.0, section 4.3), or a server could pass itself off as another."""
    issuer = normalise_issuer(issuer)
    cached = _metadata_cache.get(issuer)
    if cached and not fresh and time.monotonic() - cached[0] < METADATA_TTL_SECONDS:
        return cached[1]
    doc = _get_json(issuer + DISCOVERY_PATH, policy)
    claimed = normalise_issuer(str(doc.get("issuer", "")))
    if claimed != issuer:
        raise ValidationFailed(
            _(
                "The provider at %(issuer)s says its issuer is %(claimed)s; they must be the same.",
                issuer=issuer,
                claimed=claimed or _("missing"),
            ),
            field="issuer",
        )
    try:
        metadata = ProviderMetadata(
            issuer=issuer,
            authorization_endpoint=str(doc["authorization_endpoint"]),
            token_endpoint=str(doc["token_endpoint"]),
            jwks_uri=str(doc["jwks_uri"]),
            userinfo_endpoint=str(doc["userinfo_endpoint"])
            if doc.get("userinfo_endpoint")
            else None,
        )
    except KeyError as exc:
        raise ValidationFailed(
            _("The provider's discovery document lacks %(key)s.", key=exc.args[0]),
            field="issuer",
        ) from exc
    for url in (metadata.authorization_endpoint, metadata.token_endpoint, metadata.jwks_uri):
        _check(url, policy)
    _metadata_cache[issuer] = (time.monotonic(), metadata)
    return metadata


def authorization_url(
    metadata: ProviderMetadata,
    *,
    client_id: str,
    redirect_uri: str,
    scope: str,
    state: str,
    nonce: str,
    code_verifier: str,
) -> str:
    # Builds the address only: nothing is fetched, so no outbound client is needed.
    with OAuth2Client(
        client_id=client_id, scope=scope, redirect_uri=redirect_uri, code_challenge_method="S256"
    ) as client:
        url, _state = client.create_authorization_url(
            metadata.authorization_endpoint, state=state, nonce=nonce, code_verifier=code_verifier
        )
    return str(url)


def exchange_code(
    metadata: ProviderMetadata,
    policy: outbound.TargetPolicy,
    *,
    client_id: str,
    client_secret: str,
    redirect_uri: str,
    code: str,
    code_verifier: str,
) -> dict[str, Any]:
    # The code goes to the token endpoint through the pinned client (outbound), never through
    # Authlib's own HTTP client, whose connections could not be pinned. Authlib words the
    # request (RFC 6749 4.1.3, with the PKCE verifier); the client authenticates with HTTP
    # Basic (client_secret_basic, Authlib's default, encoded as Authlib encodes it), so
    # client_id is not repeated in the body.
    client = _checked_client(metadata.token_endpoint, policy)
    body = prepare_token_request(
        "authorization_code",
        code=code,
        redirect_uri=redirect_uri,
        code_verifier=code_verifier,
    )
    try:
        with client:
            response = client.post(
                metadata.token_endpoint,
                content=body,
                auth=(client_id, client_secret),
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Accept": "application/json",
                },
            )
        token = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise SsoRefused(_refused_sign_in(str(exc) or type(exc).__name__)) from exc
    if not isinstance(token, dict) or response.status_code != 200 or "error" in token:
        detail = token if isinstance(token, dict) else {}
        reason = detail.get("error_description") or detail.get("error")
        raise SsoRefused(_refused_sign_in(str(reason or f"HTTP {response.status_code}")))
    return token


def _refused_sign_in(error: str) -> str:
    return _(
        "The identity provider did not accept the sign-in (%(error)s). Please try again.",
        error=error,
    )


def verify_id_token(
    metadata: ProviderMetadata,
    policy: outbound.TargetPolicy,
    id_token: str,
    *,
    client_id: str,
    nonce: str,
) -> dict[str, Any]:
    """The ID token's claims, after checking signature, issuer, audience, expiry and nonce."""
    try:
        keys = KeySet.import_key_set(_get_json(metadata.jwks_uri, policy))  # type: ignore[arg-type]
    except (JoseError, ValueError, KeyError, TypeError) as exc:
        raise SsoRefused(
            _("The identity provider's signing keys could not be read. Nobody was signed in.")
        ) from exc
    try:
        token = jwt.decode(id_token, keys, algorithms=list(ID_TOKEN_ALGORITHMS))
        jwt.JWTClaimsRegistry(
            leeway=60,
            iss={"essential": True, "value": metadata.issuer},
            aud={"essential": True, "value": client_id},
            exp={"essential": True},
            sub={"essential": True},
            nonce={"essential": True, "value": nonce},
        ).validate(token.claims)
    except JoseError as exc:
        raise SsoRefused(
            _(
                "The identity provider's answer failed its check (%(error)s: %(detail)s). "
                "Nobody was signed in.",
                error=exc.error,
                detail=exc.description or "invalid",
            )
        ) from exc
    return dict(token.claims)


def userinfo(
    metadata: ProviderMetadata, policy: outbound.TargetPolicy, access_token: str
) -> dict[str, Any]:
    if not metadata.userinfo_endpoint:
        return {}
    return _get_json(
        metadata.userinfo_endpoint,
        policy,
        headers={"Authorization": f"Bearer {access_token}"},
    )
