"""Who is calling the API: a Bearer token (any method) or the browser session (reads only).

Writes with a session cookie are refused: the API is exempt from CSRF tokens, so a cookie
alone must never be enough to change anything. Scopes: read (GET), write (act as the
member), admin (the staff powers of the member's role); admin implies write implies read.
"""

from __future__ import annotations

from flask import g, request
from flask_login import current_user

from ideaportal.accounts.models import User
from ideaportal.accounts.services import TokenRefused, user_for_api_token
from ideaportal.core.errors import Forbidden
from ideaportal.sso.services import api_token_refusal

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class Unauthorized(TokenRefused):
    status_code = 401


def resolve_caller() -> None:
    """before_request of the API blueprint: sets g.api_user and g.api_scopes."""
    g.api_user, g.api_scopes = None, frozenset()
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _, clear = header.partition(" ")
        if scheme.lower() != "bearer" or not clear.strip():
            raise Unauthorized("Send the token as Authorization: Bearer <token>.")
        g.api_user, g.api_scopes = user_for_api_token(clear.strip(), api_token_refusal)
    elif current_user.is_authenticated and request.method in SAFE_METHODS:
        g.api_user, g.api_scopes = current_user._get_current_object(), frozenset({"read"})


def caller() -> User | None:
    user: User | None = g.get("api_user")
    return user


def require_scope(scope: str | None) -> User | None:
    """The caller, who must hold the scope (None: anyone, even anonymous)."""
    user = caller()
    if scope is None:
        return user
    if user is None:
        raise Unauthorized("Send an API token: Authorization: Bearer <token>.")
    if scope not in g.get("api_scopes", frozenset()):
        raise Forbidden(f"This token lacks the {scope} scope; create one that has it.")
    return user


def member(user: User | None) -> User:
    """For operations whose scope guarantees a caller."""
    if user is None:
        raise Unauthorized("Send an API token: Authorization: Bearer <token>.")
    return user
