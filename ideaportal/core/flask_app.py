"""The Flask class the portal runs on: Flask itself, minus work it redoes on every request.

- Flask builds the session cookie's signer anew each time it opens or saves a session, and
  itsdangerous tries out the serializer with a throw-away `dumps({})` while building it.
  The signer holds nothing but the keys, the salt and the serializer, so it is built once
  per set of keys (a new `SECRET_KEY` or `SECRET_KEY_FALLBACKS` gets a new one).
- Flask asks `inspect.iscoroutinefunction` about every hook and the view on every request
  (`ensure_sync`), eleven times for a vote. Whether a function is a coroutine function
  does not change, so the answer is remembered per function.

Nothing else differs from Flask: what a cookie holds, how it is signed and checked, which
keys are accepted, and how a coroutine view runs (Flask's `async_to_sync`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from inspect import iscoroutinefunction
from typing import Any

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import URLSafeTimedSerializer


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed-cookie session, its signer built once per set of keys."""

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        if not app.secret_key:
            return None
        fallbacks = tuple(app.config.get("SECRET_KEY_FALLBACKS") or ())
        return self._signer(app.secret_key, fallbacks)

    @lru_cache(maxsize=8)  # noqa: B019 - one interface per app; a handful of keys
    def _signer(
        self, secret_key: str | bytes, fallbacks: tuple[str | bytes, ...]
    ) -> URLSafeTimedSerializer:
        # As Flask builds it: the newest key signs, every key is tried when checking.
        return URLSafeTimedSerializer(
            [*fallbacks, secret_key],  # type: ignore[arg-type]  # as Flask passes them
            salt=self.salt,
            serializer=self.serializer,
            signer_kwargs={
                "key_derivation": self.key_derivation,
                "digest_method": self.digest_method,
            },
        )


@lru_cache(maxsize=1024)
def _is_coroutine_function(func: Callable[..., Any]) -> bool:
    return iscoroutinefunction(func)


class PortalFlask(Flask):
    """Flask with the session cookie's signer built once and `ensure_sync` remembered."""

    session_interface = SessionCookies()

    def ensure_sync(self, func: Callable[..., Any]) -> Callable[..., Any]:
        try:
            coroutine = _is_coroutine_function(func)
        except TypeError:  # an unhashable callable: asked every time, as Flask does
            coroutine = iscoroutinefunction(func)
        return self.async_to_sync(func) if coroutine else func
