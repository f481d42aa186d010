"""Counting page views without third-party trackers and without storing IP addresses."""

from __future__ import annotations

import atexit
import hashlib
import hmac
import logging
import os
import threading
import time
from typing import Any

from flask import Flask, Response, current_app, request
from flask_login import current_user
from sqlalchemy import insert

from ideaportal.community.models import PageView
from ideaportal.core.model_base import utcnow
from ideaportal.extensions import db

log = logging.getLogger(__name__)

TRACKED_ENDPOINTS = {
    "ideas.detail": ("idea", "idea_id"),
    "community.announcement": ("announcement", "announcement_id"),
}


def visitor_hash(day: str, who: str) -> str:
    salt = hmac.new(
        current_app.config["SECRET_KEY"].encode(), f"reach:{day}".encode(), hashlib.sha256
    ).digest()
    return hmac.new(salt, who.encode(), hashlib.sha256).hexdigest()


class ViewBuffer:
    """Page views waiting to be written, in this process: written as one batch every few
    seconds by a background thread (and at shutdown), never by the page request itself.
    A crash of the process loses at most the last few seconds of views, never a page."""

    def __init__(self, app: Flask) -> None:
        self._rows: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._thread_pid: int | None = None
        self._app = app
        self.interval = float(app.config["REACH_FLUSH_SECONDS"])

    def add(self, row: dict[str, Any]) -> None:
        interval = self.interval
        with self._lock:
            self._rows.append(row)
            if interval > 0 and self._thread_pid != os.getpid():
                # One flusher per process; a forked worker starts its own.
                self._thread_pid = os.getpid()
                threading.Thread(
                    target=self._run, args=(interval,), name="page-view-flusher", daemon=True
                ).start()
        if interval <= 0:
            self.flush()

    def _run(self, interval: float) -> None:
        while True:
            time.sleep(interval)
            self.flush()

    def flush(self) -> int:
        """Write the waiting views in one INSERT; returns how many were written."""
        with self._lock:
            rows, self._rows = self._rows, []
        if not rows:
            return 0
        with self._app.app_context():
            try:
                db.session.execute(insert(PageView), rows)
                db.session.commit()
            except Exception:  # counting must never take anything else down
                db.session.rollback()
                log.exception("could not write %d page views", len(rows))
                return 0
            finally:
                db.session.remove()
        return len(rows)


def record_view(response: Response) -> Response:
    tracked = TRACKED_ENDPOINTS.get(request.endpoint or "")
    if tracked is None or request.method != "GET" or response.status_code not in (200, 304):
        return response
    if "bot" in (request.user_agent.string or "").lower():
        return response
    kind, arg = tracked
    now = utcnow()
    user_id = current_user.id if current_user.is_authenticated else None
    who = (
        f"user:{user_id}" if user_id else f"anon:{request.remote_addr}:{request.user_agent.string}"
    )
    buffer_of(current_app).add(
        {
            "day": now.date(),
            "kind": kind,
            "target_id": int((request.view_args or {})[arg]),
            "visitor_hash": visitor_hash(now.date().isoformat(), who),
            "user_id": user_id,
            "created_at": now,
        },
    )
    return response


def buffer_of(app: Flask) -> ViewBuffer:
    buffer: ViewBuffer = app.extensions["reach_buffer"]
    return buffer


def init_app(app: Flask) -> None:
    buffer = app.extensions["reach_buffer"] = ViewBuffer(app)
    app.after_request(record_view)
    if buffer.interval > 0:
        atexit.register(buffer.flush)  # a worker that stops writes what it still holds
