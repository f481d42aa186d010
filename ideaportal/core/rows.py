"""Row writes that must stay exact under concurrent requests, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any, TypeVar, cast

from sqlalchemy import Select, bindparam, select, text, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm.attributes import set_committed_value

from ideaportal.core.errors import DomainError
from ideaportal.extensions import db

Row = TypeVar("Row")


def insert_ignoring_duplicate(model: Any, **values: Any) -> bool:
    """INSERT one row unless a unique constraint already holds an equal one; True when a row
    was added. The database decides (ON CONFLICT DO NOTHING), so of two concurrent requests
    exactly one adds the row, and a caller keeping a counter moves it by that row count."""
    conn = db.session.connection()  # Core, inside the session's transaction: no ORM overhead
    stmt = _insert_ignoring(model.__table__, conn.dialect.name, tuple(sorted(values)))
    return conn.execute(stmt, {f"v_{k}": v for k, v in values.items()}).first() is not None


@cache
def _insert_ignoring(table: Any, dialect: str, columns: tuple[str, ...]) -> Any:
    # Built once per table and set of columns: a statement built anew on every call costs
    # SQLAlchemy a fresh cache key, more than the INSERT itself.
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    # RETURNING tells reliably whether a row went in (a driver's rowcount for an INSERT
    # is -1 on PostgreSQL).
    return (
        insert(table)
        .values({c: bindparam(f"v_{c}") for c in columns})
        .on_conflict_do_nothing()
        .returning(table.c.id)
    )


def load(model: type[Row], ident: int) -> Row | None:
    """The row with this primary key, as `session.get` finds it, through a SELECT built once
    per model. For the look-ups every request makes (the member behind the session, the idea
    voted on): `session.get` builds its statement anew each time, and the fresh cache key
    costs SQLAlchemy a fifth of a millisecond."""
    statement = _load_statement(cast(Any, model))  # a mapped class: hashable, cacheable
    found: Row | None = db.session.scalars(statement, {"ident": ident}).one_or_none()
    return found


@cache
def _load_statement(model: Any) -> Select[Any]:
    (key,) = sa_inspect(model).primary_key
    return select(model).where(key == bindparam("ident"))


def _behind_proxy(obj: Any) -> Any:
    """The row itself when views pass Flask-Login's `current_user` (a proxy, whose type is
    not the model's)."""
    if hasattr(obj, "_get_current_object"):
        return obj._get_current_object()
    return obj


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
    for obj in map(_behind_proxy, objects):
        by_model.setdefault(type(obj), {})[obj.id] = obj
    conn = db.session.connection()
    for model, found in sorted(by_model.items(), key=lambda item: item[0].__tablename__):
        table = model.__table__
        for row in conn.execute(_lock_statement(table, conn.dialect.name), {"ids": sorted(found)}):
            refresh(found[row.id], row._mapping)


def one_at_a_time(obj: Any) -> None:
    """Until the transaction ends, no other transaction gets past `one_at_a_time` on the same
    row, so a check-then-write behind it (has this person just posted this?) cannot run twice
    at once. PostgreSQL: an advisory transaction lock keyed by the row's table and id, which
    blocks nothing else (not the row's updates, not the foreign-key checks of rows that
    point at it, so it adds no deadlock with votes or deletions). SQLite: its one write lock,
    taken now (lock_rows)."""
    obj = _behind_proxy(obj)
    conn = db.session.connection()
    if conn.dialect.name != "postgresql":
        lock_rows(obj)
        return
    table = type(obj).__tablename__
    key = zlib.crc32(table.encode()) & 0x7FFFFFFF  # the lock's first int4: which table
    conn.execute(_ADVISORY_LOCK, {"kind": key, "id": obj.id})


_ADVISORY_LOCK = text("SELECT pg_advisory_xact_lock(:kind, :id)")


@cache
def _lock_statement(table: Any, dialect: str) -> Any:
    ids: Any = bindparam("ids", expanding=True)
    if dialect != "sqlite":
        return (
            select(*table.columns).where(table.c.id.in_(ids)).order_by(table.c.id).with_for_update()
        )
    # Every column with an ON UPDATE default set to itself, so locking is not a change
    # (updated_at must not move), and at least one column no index covers: SQLite rewrites
    # every index of a column in the SET list, and `id = id` even moves the row (delete and
    # insert in the table and all its indexes: 0.9 ms for an idea, against 0.05 ms for a
    # column nothing indexes).
    keep = {c.name: c for c in table.columns if c.onupdate is not None}
    if not keep:
        column = _unindexed_column(table)
        keep = {column.name: column}
    return (
        update(table)
        .where(table.c.id.in_(ids))
        .values(**keep)
        .returning(*table.columns)
        # Not a change: cached pages that show the row stay valid.
        .execution_options(locks_only=True)
    )


def _unindexed_column(table: Any) -> Any:
    """A column that no index, key or constraint of the table covers (the id if none)."""
    covered = {c.name for index in table.indexes for c in index.columns}
    for constraint in table.constraints:
        covered.update(c.name for c in getattr(constraint, "columns", ()))
    for column in table.columns:
        if column.name not in covered and not column.primary_key and not column.index:
            return column
    return table.c.id


def refresh(obj: Any, values: Any) -> None:
    """Write the row's current values into the loaded object as its committed state."""
    columns, relationships = _refresh_plan(cast(Any, type(obj)))
    changed: set[str] = set()
    state = obj.__dict__
    for key, name in columns:
        if name in values:
            value = values[name]
            if state.get(key, _MISSING) != value:
                changed.add(name)
                set_committed_value(obj, key, value)
    if changed:
        stale = [key for key, local in relationships if not local.isdisjoint(changed)]
        if stale:
            db.session.expire(obj, stale)


_MISSING = object()


@cache
def _refresh_plan(
    model: Any,
) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, frozenset[str]], ...]]:
    # What refresh walks, worked out once per model: (attribute, column name) pairs, and each
    # relationship with the names of the columns it hangs on (a vote refreshes its idea).
    mapper = sa_inspect(model)
    columns = tuple((prop.key, prop.columns[0].name) for prop in mapper.column_attrs)
    relationships = tuple(
        (rel.key, frozenset(c.name for c in rel.local_columns)) for rel in mapper.relationships
    )
    return columns, relationships


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
