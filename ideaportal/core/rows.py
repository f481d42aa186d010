"""Row writes that must stay exact under concurrent requests, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ideaportal.extensions import db


def insert_ignoring_duplicate(model: Any, **values: Any) -> bool:
    """INSERT one row unless a unique constraint already holds an equal one; True when a row
    was added. The database decides (ON CONFLICT DO NOTHING), so of two concurrent requests
    exactly one adds the row, and a caller keeping a counter moves it by that row count."""
    conn = db.session.connection()
    insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    # RETURNING tells reliably whether a row went in (a driver's rowcount for an INSERT
    # through the ORM session is -1 on PostgreSQL).
    stmt = insert(model).values(**values).on_conflict_do_nothing().returning(model.id)
    return db.session.execute(stmt).first() is not None
