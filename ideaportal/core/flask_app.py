"""The Flask class the portal runs on: Flask itself, minus work it redoes on every request.

- Flask builds the session cookie's signer anew each time it opens or saves a session, and
  itsdangerous tries out the serializer with a throw-away `dumps({})` while building it.
  The signer holds nothing but the keys, the salt and the serializer, so it is built once
  per set of keys (a new `SECRET_KEY` or `SECRET_KEY_FALLBACKS` gets a new one).
- Flask asks `inspect.iscoroutinefunction` about every hook and the view on every request
  (`ensure_sync`), eleven times for a vote. Whether a function is a coroutine function
  does not change, so the answer is remembered per function.
- Templates are autoescaped by their extension, as in Flask, and Atom feeds (`.atom`) are
  too: Flask escapes only HTML, XHTML, XML and SVG, and a title with `&` or `</title>` in a
  feed would otherwise break every subscriber's reader. A feed wraps itself in
  `{% filter xml_chars %}`, which drops the characters XML 1.0 forbids even escaped (control
  characters in a note or a post's Markdown).

Nothing else differs from Flask: what a cookie holds, how it is signed and checked, which
keys are accepted, and how a coroutine view runs (Flask's `async_to_sync`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from inspect import iscoroutinefunction
from typing import Any

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from flask.templating import Environment
from itsdangerous import URLSafeTimedSerializer
from markupsafe import Markup


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


# Everything but XML 1.0's Char production: C0 controls other than tab, newline and
# carriage return, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_chars(text: str) -> Markup:
    """The filter a feed template wraps itself in: its rendered (escaped) text without the
    characters no XML parser accepts."""
    return Markup(_NOT_XML_CHAR.sub("", str(text)))  # noqa: S704 - autoescaped output


@lru_cache(maxsize=1024)
def _is_coroutine_function(func: Callable[..., Any]) -> bool:
    return iscoroutinefunction(func)


class PortalFlask(Flask):
    """Flask with the session cookie's signer built once, `ensure_sync` remembered and Atom
    feeds autoescaped."""

    session_interface = SessionCookies()

    def select_jinja_autoescape(self, filename: str | None) -> bool:
        # Flask's choice (strings, .html, .htm, .xml, .xhtml, .svg), and Atom feeds.
        return super().select_jinja_autoescape(filename) or (filename or "").endswith(".atom")

    def create_jinja_environment(self) -> Environment:
        env = super().create_jinja_environment()
        env.filters["xml_chars"] = xml_chars
        return env

    def ensure_sync(self, func: Callable[..., Any]) -> Callable[..., Any]:
        try:
            coroutine = _is_coroutine_function(func)
        except TypeError:  # an unhashable callable: asked every time, as Flask does
            coroutine = iscoroutinefunction(func)
        return self.async_to_sync(func) if coroutine else func
