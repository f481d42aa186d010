"""Counting page views without third-party trackers and without storing IP addresses."""

from __future__ import annotations

import hashlib
import hmac

from flask import Flask, Response, current_app, request
from flask_login import current_user

from ideaportal.community.models import PageView
from ideaportal.core.model_base import utcnow
from ideaportal.extensions import db

TRACKED_ENDPOINTS = {
    "ideas.detail": ("idea", "idea_id"),
    "community.announcement": ("announcement", "announcement_id"),
}


def visitor_hash(day: str, who: str) -> str:
    salt = hmac.new(
        current_app.config["SECRET_KEY"].encode(), f"reach:{day}".encode(), hashlib.sha256
    ).digest()
    return hmac.new(salt, who.encode(), hashlib.sha256).hexdigest()


def record_view(response: Response) -> Response:
    tracked = TRACKED_ENDPOINTS.get(request.endpoint or "")
    if tracked is None or request.method != "GET" or response.status_code != 200:
        return response
    if "bot" in (request.user_agent.string or "").lower():
        return response
    kind, arg = tracked
    today = utcnow().date()
    user_id = current_user.id if current_user.is_authenticated else None
    who = (
        f"user:{user_id}" if user_id else f"anon:{request.remote_addr}:{request.user_agent.string}"
    )
    try:
        db.session.add(
            PageView(
                day=today,
                kind=kind,
                target_id=int((request.view_args or {})[arg]),
                visitor_hash=visitor_hash(today.isoformat(), who),
                user_id=user_id,
            )
        )
        db.session.commit()
    except Exception:  # counting must never break the page
        db.session.rollback()
    return response


def init_app(app: Flask) -> None:
    app.after_request(record_view)
