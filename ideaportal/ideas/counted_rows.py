"""Votes and follows, and the counters on the idea that count them, written together.

A counter moves only by the rows its INSERT or DELETE really changed (ON CONFLICT DO NOTHING
and RETURNING say so), so of two concurrent clicks exactly one counts; `counters.py` says
what each counter counts and recounts. Callers hold the idea's row lock (locked_for_checks)
and commit.

PostgreSQL runs each write as ONE statement: the row, the voter's follow and the counters
travel in a data-modifying WITH query, so a vote is one round trip instead of four. SQLite
has no data-modifying WITH; there the same steps are separate statements in the caller's
transaction, which costs no round trip in process. Both paths run the same tests (the
PostgreSQL suite in CI), concurrency cases included.

Every statement is built once: building one anew on every click costs SQLAlchemy a fresh
cache key, more than the database spends running it.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    DateTime,
    Delete,
    Select,
    Table,
    Update,
    and_,
    bindparam,
    delete,
    exists,
    func,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm.attributes import set_committed_value

from ideaportal.accounts.models import User
from ideaportal.core.model_base import utcnow
from ideaportal.core.rows import insert_ignoring_duplicate
from ideaportal.extensions import db
from ideaportal.ideas.models import Follow, Idea, Vote

Counted = type[Vote] | type[Follow]


def holds(model: Counted, user: User, idea: Idea) -> bool:
    """Whether the person has this row (a vote or a follow) on the idea."""
    params = {"user_id": user.id, "idea_id": idea.id}
    return (
        db.session.connection().execute(_holds_statement(model.__table__), params).first()
        is not None
    )


def add_vote(user: User, idea: Idea, now: datetime) -> bool:
    """Add the vote; True when it went in. A new voter also follows the idea (voters hear what
    becomes of it), and both counters move by the rows added."""
    params = {"user_id": user.id, "idea_id": idea.id, "now": now}
    conn = db.session.connection()
    if conn.dialect.name == "postgresql":
        row = conn.execute(_pg_add_vote(), params).first()
        if row is None:
            return False
        _committed(idea, {**row._mapping, "last_activity_at": now})
        return True
    if not insert_ignoring_duplicate(Vote, user_id=user.id, idea_id=idea.id):
        return False
    followed = insert_ignoring_duplicate(Follow, user_id=user.id, idea_id=idea.id)
    bump(idea, {"vote_count": 1, "follower_count": int(followed)}, last_activity_at=now)
    return True


def remove_vote(user: User, idea: Idea, now: datetime) -> bool:
    """Take the vote back; True when there was one. The follow stays."""
    return _remove(Vote, "vote_count", user, idea, last_activity_at=now)


def add_follow(user: User, idea: Idea) -> bool:
    """Follow the idea unless already following; True when a row was added."""
    params = {"user_id": user.id, "idea_id": idea.id, "now": utcnow()}
    conn = db.session.connection()
    if conn.dialect.name == "postgresql":
        row = conn.execute(_pg_add_follow(), params).first()
        if row is None:
            return False
        _committed(idea, dict(row._mapping))
        return True
    if not insert_ignoring_duplicate(Follow, user_id=user.id, idea_id=idea.id):
        return False
    bump(idea, {"follower_count": 1})
    return True


def remove_follow(user: User, idea: Idea) -> bool:
    """Stop following; True when there was a follow."""
    return _remove(Follow, "follower_count", user, idea)


def bump(idea: Idea, deltas: dict[str, int], **also: object) -> None:
    """Move counters in SQL (concurrent changes never overwrite each other) by rows the caller
    really changed; `also` sets plain columns in the same UPDATE. The new values come back
    with it (RETURNING) into the loaded idea, so the page shows them without a second read."""
    stmt = _bump_statement(tuple(sorted(deltas)), tuple(sorted(also)))
    params: dict[str, Any] = {f"d_{k}": v for k, v in deltas.items()}
    params.update({f"v_{k}": v for k, v in also.items()}, idea_id=idea.id)
    _committed(idea, {**db.session.connection().execute(stmt, params).one()._mapping, **also})


def _remove(model: Counted, counter: str, user: User, idea: Idea, **also: object) -> bool:
    params: dict[str, Any] = {"user_id": user.id, "idea_id": idea.id}
    conn = db.session.connection()
    if conn.dialect.name == "postgresql":
        params.update({f"v_{k}": v for k, v in also.items()})
        stmt = _pg_remove(model.__table__, counter, tuple(sorted(also)))
        row = conn.execute(stmt, params).first()
        if row is None:
            return False
        _committed(idea, {**row._mapping, **also})
        return True
    if not conn.execute(_delete_statement(model.__table__), params).rowcount:
        return False
    bump(idea, {counter: -1}, **also)
    return True


def _committed(idea: Idea, values: dict[str, Any]) -> None:
    """Write the values the database now holds into the loaded idea, as its loaded state."""
    for name, value in values.items():
        set_committed_value(idea, name, value)


# ---- the statements ----


@cache
def _row_filter(table: Table) -> ColumnElement[bool]:
    return and_(table.c.user_id == bindparam("user_id"), table.c.idea_id == bindparam("idea_id"))


@cache
def _holds_statement(table: Table) -> Select[tuple[int]]:
    return select(table.c.id).where(_row_filter(table))


@cache
def _delete_statement(table: Table) -> Delete:
    return delete(table).where(_row_filter(table))


@cache
def _bump_statement(counters: tuple[str, ...], also: tuple[str, ...]) -> Update:
    table = Idea.__table__
    return (
        update(table)
        .where(table.c.id == bindparam("idea_id"))
        .values(
            {
                **{c: table.c[c] + bindparam(f"d_{c}") for c in counters},
                **{k: bindparam(f"v_{k}") for k in also},
            }
        )
        .returning(*(table.c[c] for c in counters))
    )


def _count(cte: Any) -> Any:
    return select(func.count()).select_from(cte).scalar_subquery()


@cache
def _pg_add_vote() -> Update:
    """The vote, the voter's follow (only if the vote went in) and both counters; no row
    comes back when the vote was there already."""
    now = bindparam("now", type_=DateTime)
    votes = Vote.__table__
    added = (
        pg_insert(votes)
        .values(user_id=bindparam("user_id"), idea_id=bindparam("idea_id"), created_at=now)
        .on_conflict_do_nothing()
        .returning(votes.c.user_id, votes.c.idea_id)
        .cte("added_vote")
    )
    follows = Follow.__table__
    followed = (
        pg_insert(follows)
        .from_select(
            ["user_id", "idea_id", "created_at"], select(added.c.user_id, added.c.idea_id, now)
        )
        .on_conflict_do_nothing()
        .returning(follows.c.idea_id)
        .cte("added_follow")
    )
    idea = Idea.__table__
    return (
        update(idea)
        .where(idea.c.id == bindparam("idea_id"), exists(select(added.c.idea_id)))
        .values(
            vote_count=idea.c.vote_count + _count(added),
            follower_count=idea.c.follower_count + _count(followed),
            last_activity_at=now,
        )
        .returning(idea.c.vote_count, idea.c.follower_count)
    )


@cache
def _pg_add_follow() -> Update:
    follows = Follow.__table__
    added = (
        pg_insert(follows)
        .values(
            user_id=bindparam("user_id"),
            idea_id=bindparam("idea_id"),
            created_at=bindparam("now", type_=DateTime),
        )
        .on_conflict_do_nothing()
        .returning(follows.c.idea_id)
        .cte("added_follow")
    )
    idea = Idea.__table__
    return (
        update(idea)
        .where(idea.c.id == bindparam("idea_id"), exists(select(added.c.idea_id)))
        .values(follower_count=idea.c.follower_count + _count(added))
        .returning(idea.c.follower_count)
    )


@cache
def _pg_remove(table: Table, counter: str, also: tuple[str, ...]) -> Update:
    removed = _delete_statement(table).returning(table.c.idea_id).cte(f"removed_{table.name}")
    idea = Idea.__table__
    return (
        update(idea)
        .where(idea.c.id == bindparam("idea_id"), exists(select(removed.c.idea_id)))
        .values(
            {counter: idea.c[counter] - _count(removed), **{k: bindparam(f"v_{k}") for k in also}}
        )
        .returning(idea.c[counter])
    )
