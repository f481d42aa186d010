"""The CSRF token the forms of a response carry.

Flask-WTF signs a fresh token for every response that shows a form: a tenth of the time of
a click on Vote, whose answer is a new button with a form. A request whose own token was
just checked (a form's POST) already holds a token that is as good: tokens do not expire
(WTF_CSRF_TIME_LIMIT is None) and it matches the session's secret. So that token goes back
out, as long as the session's secret is still the one it was checked against (logging in
starts a new session with a new secret, and then a fresh token is signed as before).
"""

from __future__ import annotations

from flask import Flask, current_app, g, session
from flask_wtf.csrf import generate_csrf

from ideaportal.extensions import csrf


def form_token() -> str:
    """The CSRF token for the forms of this response."""
    checked = g.get("csrf_checked")
    field = current_app.config["WTF_CSRF_FIELD_NAME"]
    if checked is not None and session.get(field) == checked[1]:
        return str(checked[0])
    return str(generate_csrf())


def _remember_checked_token() -> None:
    if not g.get("csrf_valid") or current_app.config["WTF_CSRF_TIME_LIMIT"] is not None:
        return
    # Found where Flask-WTF's check found it (a form field, a prefixed one, a header).
    submitted = csrf._get_csrf_token()  # noqa: SLF001 - the very token it checked
    if submitted:
        g.csrf_checked = (submitted, session.get(current_app.config["WTF_CSRF_FIELD_NAME"]))


def init_app(app: Flask) -> None:
    """After Flask-WTF's check (`csrf.init_app` registers it first)."""
    app.before_request(_remember_checked_token)
