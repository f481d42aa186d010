"""Row writes that must stay exact under concurrent requests, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ideaportal.core.errors import DomainError
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


def lock_rows(*objects: Any) -> None:
    """Lock these rows until the transaction ends and reload them, so a check on their state
    (is this idea still open? was this merge undone?) holds until commit. PostgreSQL: SELECT
    ... FOR UPDATE, in id order so two lockers never deadlock. SQLite has one write lock for
    the whole database: a no-op UPDATE takes it (reads before a transaction's first write do
    not pin a snapshot there, so what is read after it is current)."""
    by_model: dict[Any, set[int]] = {}
    for obj in objects:
        by_model.setdefault(type(obj), set()).add(obj.id)
    sqlite = db.session.connection().dialect.name == "sqlite"
    for model, ids in sorted(by_model.items(), key=lambda item: item[0].__tablename__):
        if sqlite:
            db.session.execute(
                update(model)
                .where(model.id.in_(ids))
                .values(id=model.id)
                .execution_options(synchronize_session=False)
            )
        db.session.scalars(
            select(model)
            .where(model.id.in_(sorted(ids)))
            .order_by(model.id)
            # OF the row itself: eager joins (the idea's board and author) stay unlocked.
            .with_for_update(of=model)
            .execution_options(populate_existing=True)
        ).all()


@contextmanager
def locked_for_checks(*objects: Any) -> Iterator[None]:
    """Lock the rows (lock_rows), then run the caller's checks; a refusal (DomainError)
    ends the transaction at once, so a refused request never holds the lock."""
    lock_rows(*objects)
    try:
        yield
    except DomainError:
        db.session.rollback()
        raise
