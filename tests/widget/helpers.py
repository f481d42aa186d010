"""Identity tokens as a host product would sign them."""

from __future__ import annotations

import time
from typing import Any

from joserfc import jwt
from joserfc.jwk import OctKey


def identity_token(secret: str, *, expires_in: int | None = 600, **claims: Any) -> str:
    """expires_in None: a token without exp (which the portal refuses)."""
    body = dict(claims)
    if expires_in is not None:
        body["exp"] = int(time.time()) + expires_in
    return jwt.encode({"alg": "HS256"}, body, OctKey.import_key(secret))
