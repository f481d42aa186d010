"""Starting a logged-in browser session, the one way every log-in path takes (password,
sign-up, password change, single sign-on)."""

from __future__ import annotations

import secrets

from flask import session
from flask_login import login_user

from ideaportal.accounts.models import User


def start_session(user: User, remember: bool = False) -> None:
    """Log in on a new session: whatever the browser's session held before (possibly
    planted by someone else: session fixation) is dropped, and a new session id is drawn."""
    session.clear()
    session["sid"] = secrets.token_urlsafe(24)
    login_user(user, remember=remember)
    # Flask-Login stores a 128-character hash of the address and browser for its session
    # protection, which is off (create_app): every request would carry it for nothing.
    session.pop("_id", None)
