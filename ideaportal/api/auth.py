"""Who is calling the API: a Bearer token (any method) or the browser session (reads only).

Writes with a session cookie are refused: the API is exempt from CSRF tokens, so a cookie
alone must never be enough to change anything.
"""

from __future__ import annotations

from flask import g, request
from flask_login import current_user

from ideaportal.accounts.models import User
from ideaportal.accounts.services import user_for_api_token
from ideaportal.core.errors import DomainError, Forbidden

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class Unauthorized(DomainError):
    status_code = 401


def resolve_caller() -> None:
    """before_request of the API blueprint: sets g.api_user and g.api_scopes."""
    g.api_user, g.api_scopes = None, frozenset()
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _, clear = header.partition(" ")
        found = user_for_api_token(clear.strip()) if scheme.lower() == "bearer" else None
        if found is None:
            raise Unauthorized("The API token is missing, malformed or revoked.")
        g.api_user, g.api_scopes = found
    elif current_user.is_authenticated and request.method in SAFE_METHODS:
        g.api_user, g.api_scopes = current_user._get_current_object(), frozenset({"read"})


def caller() -> User | None:
    user: User | None = g.get("api_user")
    return user


def writer() -> User:
    """The caller, who must hold a token with the write scope."""
    user = caller()
    if user is None:
        raise Unauthorized("Send an API token: Authorization: Bearer <token>.")
    if "write" not in g.get("api_scopes", frozenset()):
        raise Forbidden("This token may only read; create one with the write scope.")
    return user
