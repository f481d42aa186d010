"""Liveness checks of pooled database connections, only for connections that sat idle.

SQLAlchemy's `pool_pre_ping` sends a statement on every checkout, so every request paid a
round trip to PostgreSQL before its first query (about a tenth of a vote's time on
PostgreSQL). A connection handed back a few milliseconds ago is as alive as the ping would
say; the check only matters for one that waited long enough for the server to restart, a
proxy to time it out or a failover to happen. So, as PgBouncer does with
`server_check_delay`: a connection idle for at least `DB_PING_AFTER_IDLE_SECONDS` is
pinged on checkout (a dead one is replaced before the request uses it); one used more
recently is not. 0 pings on every checkout, like `pool_pre_ping`.

A connection that dies within that window (the server killed while a busy node kept using
it) fails one statement; SQLAlchemy then recognises the disconnect and drops every older
connection of the pool, so the next request of each worker gets a fresh one.

SQLite has no server that could drop a connection: nothing is pinged there.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError

_RETURNED_AT = "ideaportal_returned_at"


def ping_idle_connections(engine: Engine, after_idle_seconds: float) -> None:
    """Ping a pooled connection on checkout when it sat idle at least this long."""
    if engine.dialect.name == "sqlite":
        return

    @event.listens_for(engine, "checkin")
    def _note_return(_dbapi_connection: Any, record: Any) -> None:
        record.info[_RETURNED_AT] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping_if_idle(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        returned_at = record.info.get(_RETURNED_AT)
        if returned_at is None or time.monotonic() - returned_at < after_idle_seconds:
            return  # just connected, or used moments ago
        try:
            alive = engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as exc:
            # The pool closes this connection and checks out a fresh one (up to three tries).
            raise DisconnectionError("idle connection failed its ping") from exc
        if not alive:
            raise DisconnectionError("idle connection failed its ping")
