"""Row writes that must stay exact under concurrent requests, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm.attributes import set_committed_value

from ideaportal.core.errors import DomainError
from ideaportal.extensions import db


def insert_ignoring_duplicate(model: Any, **values: Any) -> bool:
    """INSERT one row unless a unique constraint already holds an equal one; True when a row
    was added. The database decides (ON CONFLICT DO NOTHING), so of two concurrent requests
    exactly one adds the row, and a caller keeping a counter moves it by that row count."""
    conn = db.session.connection()  # Core, inside the session's transaction: no ORM overhead
    insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    table = model.__table__
    # RETURNING tells reliably whether a row went in (a driver's rowcount for an INSERT
    # is -1 on PostgreSQL).
    stmt = insert(table).values(**values).on_conflict_do_nothing().returning(table.c.id)
    return conn.execute(stmt).first() is not None


def lock_rows(*objects: Any) -> None:
    """Lock these rows until the transaction ends and bring their columns up to date, so a
    check on their state (is this idea still open? was this merge undone?) holds until
    commit. One statement per table, through Core (a vote pays for it on every click):
    PostgreSQL: SELECT ... FOR UPDATE, in id order so two lockers never deadlock. SQLite has
    one write lock for the whole database: a no-op UPDATE ... RETURNING takes it and reads
    the current row in the same statement (reads before a transaction's first write do not
    pin a snapshot there). Relationships whose foreign key changed are expired, to load again
    when next used."""
    by_model: dict[Any, dict[int, Any]] = {}
    for obj in objects:
        by_model.setdefault(type(obj), {})[obj.id] = obj
    conn = db.session.connection()
    for model, found in sorted(by_model.items(), key=lambda item: item[0].__tablename__):
        table = model.__table__
        for row in conn.execute(_lock_statement(table, conn.dialect.name), {"ids": sorted(found)}):
            _refresh(found[row.id], row._mapping)


def _lock_statement(table: Any, dialect: str) -> Any:
    key = (table.name, dialect)
    statement = _LOCK_STATEMENTS.get(key)
    if statement is None:
        ids: Any = bindparam("ids", expanding=True)
        if dialect == "sqlite":
            # id = id, and every column with an ON UPDATE default kept as it is: locking is
            # not a change (updated_at must not move).
            keep = {c.name: c for c in table.columns if c.onupdate is not None}
            statement = (
                update(table)
                .where(table.c.id.in_(ids))
                .values(id=table.c.id, **keep)
                .returning(*table.columns)
                # Not a change: cached pages that show the row stay valid.
                .execution_options(locks_only=True)
            )
        else:
            statement = (
                select(*table.columns)
                .where(table.c.id.in_(ids))
                .order_by(table.c.id)
                .with_for_update()
            )
        _LOCK_STATEMENTS[key] = statement
    return statement


_LOCK_STATEMENTS: dict[tuple[str, str], Any] = {}


def _refresh(obj: Any, values: Any) -> None:
    """Write the row's current values into the loaded object as its committed state."""
    mapper = sa_inspect(obj).mapper
    changed = set()
    for prop in mapper.column_attrs:
        column = prop.columns[0]
        if column.name not in values:
            continue
        value = values[column.name]
        if obj.__dict__.get(prop.key, _MISSING) != value:
            changed.add(column)
            set_committed_value(obj, prop.key, value)
    stale = [
        rel.key for rel in mapper.relationships if any(c in changed for c in rel.local_columns)
    ]
    if stale:
        db.session.expire(obj, stale)


_MISSING = object()


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
