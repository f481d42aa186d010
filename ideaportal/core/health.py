"""Health checks for load balancers and orchestrators.

`/healthz` answers as long as the process serves requests (liveness: restart me if not).
`/readyz` answers 200 only when every dependency a request needs works (readiness: send me
traffic): the database, the job queue, the page cache, and whatever modules register here
(the embedding model). Each answers JSON naming every check and its outcome.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from flask import Blueprint, Flask, jsonify
from flask.typing import ResponseReturnValue
from sqlalchemy import text

from ideaportal.extensions import db, limiter

log = logging.getLogger(__name__)

bp = Blueprint("health", __name__)

# name -> check; a check raises (or returns a reason) when the dependency is not ready.
Check = Callable[[], str | None]
_checks: dict[str, Check] = {}


def register_check(name: str, check: Check) -> None:
    _checks[name] = check


def _database() -> None:
    db.session.execute(text("SELECT 1"))


def _queue() -> None:
    from ideaportal.jobs import huey

    huey.pending_count()  # reaches the queue's storage (SQLite file or Redis)


def _page_cache() -> str | None:
    from ideaportal.core.page_cache import cache, generation

    generation()
    return None if cache.cache is not None else "no cache backend"


@bp.get("/healthz")
@limiter.exempt
def healthz() -> ResponseReturnValue:
    return jsonify({"status": "ok"})


@bp.get("/readyz")
@limiter.exempt
def readyz() -> ResponseReturnValue:
    results: dict[str, dict[str, object]] = {}
    ready = True
    checks: dict[str, Check] = {"database": _database, "queue": _queue, "page_cache": _page_cache}
    for name, check in {**checks, **_checks}.items():
        started = time.perf_counter()
        try:
            reason = check()
        except Exception as exc:  # a failing dependency is an answer, not a crash
            reason = f"{type(exc).__name__}: {exc}"
        ms = round((time.perf_counter() - started) * 1000, 1)
        results[name] = {"ok": reason is None, "ms": ms, **({"error": reason} if reason else {})}
        ready = ready and reason is None
    if not ready:
        log.warning("not ready: %s", {k: v for k, v in results.items() if not v["ok"]})
    db.session.rollback()
    return jsonify({"status": "ready" if ready else "not ready", "checks": results}), (
        200 if ready else 503
    )


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
