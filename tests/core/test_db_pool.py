"""Pooled PostgreSQL connections: a connection the server dropped while it sat idle is
replaced before a request uses it; one used moments ago is not pinged first."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import create_engine, text

from ideaportal.extensions import db
from tests.conftest import PG_URL

pytestmark = pytest.mark.skipif(not PG_URL, reason="needs PostgreSQL; runs in the PostgreSQL suite")


def _backend_pid() -> int:
    pid = db.session.execute(text("SELECT pg_backend_pid()")).scalar_one()
    db.session.remove()  # the connection goes back to the pool
    return int(pid)


def _count_pings(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    pings: list[int] = []
    ping = db.engine.dialect.do_ping

    def counted(dbapi_connection):  # type: ignore[no-untyped-def]
        pings.append(1)
        return ping(dbapi_connection)

    monkeypatch.setattr(db.engine.dialect, "do_ping", counted)
    return pings


def test_a_connection_dropped_while_idle_is_replaced_before_the_page_uses_it(app_factory, make):
    app = app_factory(DB_PING_AFTER_IDLE_SECONDS=0.2)
    with app.app_context():
        idea = make.idea(title="Shift swaps between teams")
        db.session.commit()
        idle_pid = _backend_pid()
        # The server ends the pooled connection (a restart, an idle timeout, a failover).
        with create_engine(PG_URL).connect() as admin:
            admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": idle_pid})
        time.sleep(0.3)

        page = app.test_client().get(f"/ideas/{idea.id}")

        assert page.status_code == 200 and "Shift swaps between teams" in page.text
        assert _backend_pid() != idle_pid


def test_a_connection_used_moments_ago_is_not_pinged_and_zero_pings_always(
    app_factory, make, monkeypatch
):
    app = app_factory(DB_PING_AFTER_IDLE_SECONDS=60)
    with app.app_context():
        page = f"/ideas/{make.idea().id}"
        db.session.commit()
        pings = _count_pings(monkeypatch)
        for _ in range(3):
            assert app.test_client().get(page).status_code == 200
        assert pings == []

    always = app_factory(DB_PING_AFTER_IDLE_SECONDS=0)
    with always.app_context():
        pings = _count_pings(monkeypatch)
        _backend_pid()
        for _ in range(3):
            assert always.test_client().get(page).status_code == 200
        assert len(pings) >= 3
