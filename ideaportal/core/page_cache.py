"""Whole-page cache for anonymous visitors, with HTTP validators, invalidated by writes.

Anonymous visitors of public pages (idea lists, idea pages, roadmap, announcements) all see
the same HTML, so it is rendered once and served from the cache (Flask-Caching: a folder
shared by the node's workers embedded, Redis across nodes). Every stored page carries an
ETag and Last-Modified, so browsers and a reverse proxy revalidate cheaply.

What invalidates: every committed transaction that wrote a table a public page shows (an
idea, a vote count, a comment, a status, a board, an announcement, a moderation decision)
moves the cache's generation, which is part of every page key; pages of older generations
are never read again and expire. Watching the session's writes rather than listing domain
events one by one means no change can forget to invalidate. Tables no public page shows
(notifications, outbox, page views, audit, deliveries, embeddings) are ignored.

Logged-in members always get a live page: they see their own votes, their bell and forms
with their CSRF token. A page that used a CSRF token or changed the session while rendering
is never stored, so no visitor's token or flash message can reach another visitor.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from flask import Flask, Response, current_app, g, has_app_context, request, session
from flask_caching import Cache
from flask_login import current_user
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from ideaportal.core import generations
from ideaportal.core.i18n import current_language
from ideaportal.core.local_copies import LocalCopies
from ideaportal.core.model_base import utcnow
from ideaportal.core.private_folders import private_folder

cache = Cache()

# Part of every key: bump it when the shape of a cached value (a page, a SharedListing)
# changes, so a new version never reads what an older one stored.
CACHE_FORMAT = 2
GENERATION_KEY = f"page-generation-v{CACHE_FORMAT}"
# Writes to these tables change nothing an anonymous page shows.
TABLES_NOT_ON_PAGES = frozenset(
    {
        "page_view",
        "notification",
        "outbox_email",
        "audit_entry",
        "audit_chain_head",
        "login_throttle",
        "api_token",
        "webhook_delivery",
        "webhook_attempt",
        "inbound_event",
        "idea_embedding",
        "duplicate_candidate",
        "event_delivery",
        "event_delivery_attempt",
        "sso_identity",
    }
)

View = TypeVar("View", bound=Callable[..., Any])


def public_page(view: View) -> View:
    """Mark a view whose anonymous rendering is the same for every visitor."""
    view._public_page = True  # type: ignore[attr-defined]
    return view


@dataclass(frozen=True)
class CachedPage:
    body: bytes
    mimetype: str
    etag: str
    last_modified: datetime


def cache_config(url: str | None, instance_path: str) -> dict[str, Any]:
    """Flask-Caching settings from IDEAPORTAL_CACHE_URL: unset, a folder in instance/ shared by
    the node's workers; redis://… for several nodes; simple:// per process; null:// off."""
    if url is None or url == "":
        return {"CACHE_TYPE": "FileSystemCache", "CACHE_DIR": _node_cache_folder(instance_path)}
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": url}
    if url.startswith("filesystem://"):
        return {"CACHE_TYPE": "FileSystemCache", "CACHE_DIR": url.removeprefix("filesystem://")}
    if url == "simple://":
        return {"CACHE_TYPE": "SimpleCache"}
    if url == "null://":
        return {"CACHE_TYPE": "NullCache"}
    raise ValueError(f"IDEAPORTAL_CACHE_URL not understood: {url!r}")


def _node_cache_folder(instance_path: str) -> str:
    """Where the node's workers share the embedded cache: in memory (/dev/shm, a tmpfs) when
    the machine has it, since every write that invalidates pages writes a file there (about
    0.1 ms on tmpfs against 0.5-1 ms on disk, paid by every vote); else in instance/."""
    shm = Path("/dev/shm")  # noqa: S108 - a private folder, owner checked
    if shm.is_dir() and os.access(shm, os.W_OK):
        tag = hashlib.sha256(str(Path(instance_path).resolve()).encode()).hexdigest()[:12]
        folder = private_folder(shm, f"ideaportal-{os.getuid()}-{tag}")
        if folder is not None:
            return str(folder / "page-cache")
    return f"{instance_path}/page-cache"


def generation() -> str:
    """The current generation; read once per request."""
    memo = g.get("page_generation") if has_app_context() else None
    if memo is not None:
        return str(memo)
    value = generations.named(GENERATION_KEY).read()
    if value is None:
        value = invalidate()
    if has_app_context():
        g.page_generation = value
    return str(value)


def invalidate() -> str:
    """Start a new generation: every page rendered before this is stale."""
    value = generations.bump(GENERATION_KEY)
    if has_app_context():
        g.page_generation = value
    return value


Value = TypeVar("Value")


# Keys name their generation, and what is stored under a generation never changes, so a
# copy needs no invalidation, only the same lifetime as the shared entry: one round trip to
# the shared cache per request (for the generation) instead of one per value.
_local = LocalCopies()


def _cached(key: str) -> Any:
    value = _local.get(key)
    if value is None:
        value = cache.get(key)
        if value is not None:
            # Never longer than the shared entry could still live.
            _local.put(key, value, current_app.config["PAGE_CACHE_SECONDS"] / 2)
    return value


def _store(key: str, value: Any) -> None:
    cache.set(key, value)
    _local.put(key, value, current_app.config["PAGE_CACHE_SECONDS"] / 2)


def remember(name: str, compute: Callable[[], Value]) -> Value:
    """A value computed once per generation and shared by every worker (the board tabs, the
    tag list, a rendered idea list): the same writes that invalidate pages renew it."""
    key = f"{name}:{generation()}:{current_language()}"
    value = _cached(key)
    if value is None:
        value = compute()
        _store(key, value)
    return value


def _cacheable_request(app: Flask) -> bool:
    if request.method not in {"GET", "HEAD"} or not app.config["PAGE_CACHE_SECONDS"]:
        return False
    view = app.view_functions.get(request.endpoint or "")
    if not getattr(view, "_public_page", False):
        return False
    # A pending flash message belongs to this visitor alone.
    return "_flashes" not in session and not current_user.is_authenticated


def _key(app: Flask) -> str:
    # The language chosen for this visitor (cookie, then Accept-Language): a page in one
    # language is never served to a visitor of another.
    language = current_language()
    fragment = "hx" if request.headers.get("HX-Request") else "page"
    # The script root too: its links differ when the portal is served under a prefix.
    path = hashlib.sha256((request.script_root + request.full_path).encode()).hexdigest()[:32]
    return f"page:{generation()}:{language}:{fragment}:{path}"


def _public_headers(response: Response, app: Flask) -> Response:
    response.cache_control.public = True
    response.cache_control.max_age = app.config["PAGE_MAX_AGE_SECONDS"]
    response.vary.add("Cookie")
    response.vary.add("Accept-Language")
    return response


def _serve(page: CachedPage, app: Flask) -> Response:
    response = Response(page.body, mimetype=page.mimetype)
    response.set_etag(page.etag)
    response.last_modified = page.last_modified
    response.headers["X-Page-Cache"] = "hit"
    _public_headers(response, app).make_conditional(request)
    return response


def init_app(app: Flask) -> None:
    config = cache_config(app.config.get("CACHE_URL"), app.instance_path)
    config.update(
        CACHE_DEFAULT_TIMEOUT=app.config["PAGE_CACHE_SECONDS"],
        CACHE_KEY_PREFIX=app.config["CACHE_KEY_PREFIX"],
    )
    cache.init_app(app, config=config)
    generations.init_app(app, config, cache)

    @app.before_request
    def _serve_cached_page() -> Response | None:
        if not _cacheable_request(app):
            return None
        key = _key(app)
        g.page_cache_key = key
        page = _cached(key)
        return _serve(page, app) if isinstance(page, CachedPage) else None

    @app.after_request
    def _store_page(response: Response) -> Response:
        key = g.pop("page_cache_key", None)
        if key is None or response.headers.get("X-Page-Cache") == "hit":
            return response
        if (
            response.status_code != 200
            or response.direct_passthrough
            or "csrf_token" in g  # the page holds this visitor's CSRF token
            or session.modified
            or "Set-Cookie" in response.headers
        ):
            return response
        body = response.get_data()
        page = CachedPage(
            body=body,
            mimetype=response.mimetype or "text/html",
            etag=hashlib.sha256(body).hexdigest()[:32],
            last_modified=utcnow().replace(microsecond=0),
        )
        _store(key, page)
        response.set_etag(page.etag)
        response.last_modified = page.last_modified
        response.headers["X-Page-Cache"] = "miss"
        _public_headers(response, app).make_conditional(request)
        return response


# ---- invalidation: watch what each transaction wrote ----


_WRITTEN = "page_tables_written"


def _written(session: Session) -> set[str]:
    written: set[str] = session.info.setdefault(_WRITTEN, set())
    return written


@event.listens_for(Session, "after_begin")
def _watch_connection(session: Session, _transaction: Any, connection: Connection) -> None:
    """Every statement on the session's connection lands in the session's set: the ORM's
    flushes and bulk statements and the Core statements hot paths run on
    `db.session.connection()` alike, so no write path can slip past invalidation."""
    connection.info[_WRITTEN] = _written(session)


@event.listens_for(Engine, "before_execute")
def _note_writes(conn: Connection, statement: Any, *_args: Any) -> None:
    if getattr(statement, "is_dml", False) and not statement.get_execution_options().get(
        "locks_only"
    ):
        written = conn.info.get(_WRITTEN)
        name = getattr(getattr(statement, "table", None), "name", None)
        if written is not None and name:
            written.add(name)


@event.listens_for(Engine, "commit")
@event.listens_for(Engine, "rollback")
def _unwatch_connection(conn: Connection) -> None:
    conn.info.pop(_WRITTEN, None)


@event.listens_for(Session, "after_commit")
def _invalidate_after_commit(session: Session) -> None:
    """Pages, and the other generations that the tables written move (core.generations)."""
    written = session.info.pop(_WRITTEN, None)
    if not written:
        return
    try:
        app = current_app._get_current_object()  # type: ignore[attr-defined]
    except RuntimeError:  # no app: nothing was cached by this process
        return
    if "cache" not in app.extensions:
        return
    for key in generations.moved_by(written):
        generations.bump(key)
    if written - TABLES_NOT_ON_PAGES:
        invalidate()


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back(session: Session) -> None:
    session.info.pop(_WRITTEN, None)
