"""Votes and follows, and the counters on the idea that count them, written together.

A counter moves only by the rows its INSERT or DELETE really changed (ON CONFLICT DO NOTHING
and RETURNING say so), so of two concurrent clicks exactly one counts; `counters.py` says
what each counter counts and recounts. A write locks the idea's row, and the idea comes
back from it current; the caller's `check` (is voting still open?) then runs on that row
before the transaction can commit, and a refusal rolls the write back. So a merge or a
close at the same moment either sees the write or the write sees the idea closed. Callers
commit.

PostgreSQL runs each write as ONE statement: a data-modifying WITH query locks the idea
(FOR UPDATE), writes the row (and a new voter's follow), moves the counters and returns the
idea's row: a changing vote is one round trip where lock, row, counter, follow and counter
were five. SQLite has no data-modifying WITH: there the same steps are separate statements
(no round trip in process), the first of them takes the database's one write lock, and the
counter UPDATE returns the row. Both paths run the same tests (the PostgreSQL suite in CI),
concurrency and merge races included.

A click that is the whole of its transaction (`alone`: nothing else is written with it, and no
listener of its event will write) commits in the same round trip on PostgreSQL
(`lazy_begin.COMMIT_WITH_STATEMENT`): no decision is left for Python between the write and
the commit, because the statement itself writes only while the idea's locked row still
holds the values the caller's check passed on (`permissions.CLICK_RULE_COLUMNS`). When they
changed meanwhile, or the row was already as wanted, that statement writes nothing, and
the click is written again the careful way above. A changing vote is then two round trips
(read; BEGIN, write and COMMIT), not three.

A click's transaction on PostgreSQL commits without waiting for the log flush
(`lazy_begin.ASYNCHRONOUS_COMMIT`, when the write begins the transaction, as the vote and
follow buttons' do): a crash of the database's machine may lose the last moments of votes
and follows, each whole with its counters, as SQLite's WAL mode may. An idea's author's
follow is written in the idea's transaction, which waits.

Every statement is built once: building one anew on every click costs SQLAlchemy a fresh
cache key, more than the database spends running it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    DateTime,
    Delete,
    Integer,
    RowMapping,
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
from sqlalchemy.exc import IntegrityError

from ideaportal.accounts.models import User
from ideaportal.core.errors import DomainError, NotFound
from ideaportal.core.i18n import gettext as _
from ideaportal.core.lazy_begin import ASYNCHRONOUS_COMMIT, COMMIT_WITH_STATEMENT
from ideaportal.core.model_base import utcnow
from ideaportal.core.permissions import CLICK_RULE_COLUMNS
from ideaportal.core.rows import insert_ignoring_duplicate, refresh
from ideaportal.extensions import db
from ideaportal.ideas.models import Follow, Idea, Vote

Counted = type[Vote] | type[Follow]
Check = Callable[[], None]  # raises a DomainError to refuse


def holds(model: Counted, user: User, idea: Idea) -> bool:
    """Whether the person has this row (a vote or a follow) on the idea."""
    params = {"user_id": user.id, "idea_id": idea.id}
    statement = _holds_statement(model.__table__)
    return db.session.connection().execute(statement, params).first() is not None


def add_vote(user: User, idea: Idea, now: datetime, check: Check, *, alone: bool = False) -> bool:
    """Add the vote; True when it went in. A new voter also follows the idea (voters hear what
    becomes of it), and both counters move by the rows added. `alone`: the caller writes
    nothing else in this transaction and commits right after (module docstring)."""
    params = {"user_id": user.id, "idea_id": idea.id, "now": now}

    def in_steps() -> RowMapping | None:
        if not insert_ignoring_duplicate(Vote, user_id=user.id, idea_id=idea.id):
            return None
        followed = insert_ignoring_duplicate(Follow, user_id=user.id, idea_id=idea.id)
        counters = {"vote_count": 1, "follower_count": int(followed)}
        return _counted(idea.id, counters, {"last_activity_at": now})

    return _write(idea, check, _pg_add_vote, params, in_steps, alone)


def remove_vote(
    user: User, idea: Idea, now: datetime, check: Check, *, alone: bool = False
) -> bool:
    """Take the vote back; True when there was one. The follow stays."""
    return _remove(Vote, "vote_count", user, idea, check, alone, last_activity_at=now)


def add_follow(user: User, idea: Idea, check: Check | None = None, *, alone: bool = False) -> bool:
    """Follow the idea unless already following; True when a row was added."""
    params = {"user_id": user.id, "idea_id": idea.id, "now": utcnow()}

    def in_steps() -> RowMapping | None:
        if not insert_ignoring_duplicate(Follow, user_id=user.id, idea_id=idea.id):
            return None
        return _counted(idea.id, {"follower_count": 1}, {})

    return _write(idea, check, _pg_add_follow, params, in_steps, alone)


def remove_follow(user: User, idea: Idea, check: Check, *, alone: bool = False) -> bool:
    """Stop following; True when there was a follow."""
    return _remove(Follow, "follower_count", user, idea, check, alone)


def remove_every_follow(user: User) -> None:
    """Stop every follow of the person (an account deleted); each idea's counter moves by
    the follow row really removed, not by a list read before (a follow added in between is
    counted too). The ideas are locked first, in id order, as a vote locks its idea before
    it writes its follow: the other way round, a vote from the person's other tab holding
    an idea and waiting for a follow row deleted here would deadlock with the counters."""
    followed = select(Follow.idea_id).where(Follow.user_id == user.id)
    db.session.execute(
        select(Idea.id).where(Idea.id.in_(followed)).order_by(Idea.id).with_for_update()
    )
    unfollowed = db.session.scalars(
        delete(Follow).where(Follow.user_id == user.id).returning(Follow.idea_id)
    ).all()
    if unfollowed:
        db.session.execute(
            update(Idea)
            .where(Idea.id.in_(unfollowed))
            .values(follower_count=Idea.follower_count - 1)
        )


def bump(idea: Idea, deltas: dict[str, int], **also: object) -> None:
    """Move counters in SQL (concurrent changes never overwrite each other) by rows the caller
    really changed; `also` sets plain columns in the same UPDATE. The idea's row comes back
    with it (RETURNING) into the loaded idea, so the page shows it without a second read."""
    written = _counted(idea.id, deltas, also)
    # Only what this UPDATE set: other columns of the loaded idea may hold unsaved changes.
    refresh(idea, {name: written[name] for name in (*deltas, *also)})


def _counted(idea_id: int, deltas: dict[str, int], also: dict[str, object]) -> RowMapping:
    stmt = _bump_statement(tuple(sorted(deltas)), tuple(sorted(also)))
    params: dict[str, Any] = {f"d_{k}": v for k, v in deltas.items()}
    params.update({f"v_{k}": v for k, v in also.items()}, idea_id=idea_id)
    return db.session.connection().execute(stmt, params).one()._mapping


def _remove(
    model: Counted,
    counter: str,
    user: User,
    idea: Idea,
    check: Check,
    alone: bool,
    **also: object,
) -> bool:
    params: dict[str, Any] = {"user_id": user.id, "idea_id": idea.id}
    params.update({f"v_{k}": v for k, v in also.items()})
    table = model.__table__

    def in_steps() -> RowMapping | None:
        if not db.session.connection().execute(_delete_statement(table), params).rowcount:
            return None
        return _counted(idea.id, {counter: -1}, also)

    def pg_statement(guarded: bool) -> Update:
        return _pg_remove(table, counter, tuple(sorted(also)), guarded)

    return _write(idea, check, pg_statement, params, in_steps, alone)


def _write(
    idea: Idea,
    check: Check | None,
    pg_statement: Callable[[bool], Update],
    params: dict[str, Any],
    in_steps: Callable[[], RowMapping | None],
    alone: bool,
) -> bool:
    """Write; when a row changed, bring the idea up to date from the row the write locked
    and returned, and run the check on it (a refusal rolls back what was written)."""
    conn = db.session.connection()
    try:
        if conn.dialect.name == "postgresql":
            written = None
            session = db.session
            if alone and not (session.new or session.dirty or session.deleted):
                # Written and committed in one round trip while the idea's row is as the
                # check saw it; else nothing is written, and it is written again below.
                written = _first(conn, pg_statement(True), {**params, **_seen(idea)}, _ALONE)
            if written is None:
                written = _first(conn, pg_statement(False), params, _CLICK)
        else:
            written = in_steps()  # the first write took SQLite's write lock
    except IntegrityError:  # only a foreign key can fail: the idea was deleted meanwhile
        db.session.rollback()
        raise NotFound(_("No such idea.")) from None
    if written is None:
        # Nothing changed: a concurrent request got there first, or (rarely, and then on
        # PostgreSQL the lock found no row) the idea was deleted meanwhile.
        if conn.execute(_idea_exists(), {"idea_id": idea.id}).first() is None:
            raise NotFound(_("No such idea."))
        return False
    refresh(idea, written)
    if check is not None:
        try:
            check()
        except DomainError:
            db.session.rollback()
            raise
    return True


def _first(
    conn: Any, statement: Update, params: dict[str, Any], options: dict[str, bool]
) -> RowMapping | None:
    row = conn.execute(statement, params, execution_options=options).first()
    return None if row is None else row._mapping


def _seen(idea: Idea) -> dict[str, Any]:
    """The values of the idea's columns that the click's check read, as it read them."""
    return {f"seen_{name}": getattr(idea, name) for name in CLICK_RULE_COLUMNS}


# ---- the statements ----

_CLICK = {ASYNCHRONOUS_COMMIT: True}  # see the module docstring
_ALONE = {ASYNCHRONOUS_COMMIT: True, COMMIT_WITH_STATEMENT: True}


@cache
def _row_filter(table: Table) -> ColumnElement[bool]:
    return and_(table.c.user_id == bindparam("user_id"), table.c.idea_id == bindparam("idea_id"))


@cache
def _idea_exists() -> Select[tuple[int]]:
    idea = Idea.__table__
    return select(idea.c.id).where(idea.c.id == bindparam("idea_id"))


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
        .returning(*table.columns)
    )


def _count(cte: Any) -> Any:
    return select(func.count()).select_from(cte).scalar_subquery()


def _locked_idea(guarded: bool) -> Any:
    """The idea's row, locked FOR UPDATE before anything is written (as lock_rows would);
    `guarded`: only while the columns the check read hold the values it saw (`seen_*`)."""
    idea = Idea.__table__
    unchanged = [
        idea.c[name] == bindparam(f"seen_{name}", type_=idea.c[name].type)
        for name in (CLICK_RULE_COLUMNS if guarded else ())
    ]
    return (
        select(idea.c.id)
        .where(idea.c.id == bindparam("idea_id"), *unchanged)
        .with_for_update()
        .cte("locked_idea")
    )


def _counting_update(changed: Any, counters: dict[str, Any], also: dict[str, Any]) -> Update:
    """UPDATE the idea's counters by the rows in `changed`, only when there are some; the
    idea's whole row comes back, for the caller's check on its current state."""
    idea = Idea.__table__
    return (
        update(idea)
        .where(idea.c.id == bindparam("idea_id"), exists(select(changed.c.idea_id)))
        .values({**{name: idea.c[name] + delta for name, delta in counters.items()}, **also})
        .returning(*idea.columns)
    )


def _pg_inserted(table: Table, rows: Select[Any], name: str) -> Any:
    """INSERT the (user_id, idea_id, created_at) rows of `rows` ON CONFLICT DO NOTHING, as a
    WITH part that holds one (user_id, idea_id) per row really added."""
    return (
        pg_insert(table)
        .from_select(["user_id", "idea_id", "created_at"], rows)
        .on_conflict_do_nothing()
        .returning(table.c.user_id, table.c.idea_id)
        .cte(name)
    )


def _pg_member_on_locked_idea(guarded: bool) -> Select[Any]:
    locked = _locked_idea(guarded)
    now = bindparam("now", type_=DateTime)
    return select(bindparam("user_id", type_=Integer), locked.c.id, now)


@cache
def _pg_add_vote(guarded: bool) -> Update:
    """Lock the idea; the vote, the voter's follow (only if the vote went in) and both
    counters; no row comes back when the vote was there already."""
    added = _pg_inserted(Vote.__table__, _pg_member_on_locked_idea(guarded), "added_vote")
    now = bindparam("now", type_=DateTime)
    followed = _pg_inserted(
        Follow.__table__, select(added.c.user_id, added.c.idea_id, now), "added_follow"
    )
    return _counting_update(
        added,
        {"vote_count": _count(added), "follower_count": _count(followed)},
        {"last_activity_at": now},
    )


@cache
def _pg_add_follow(guarded: bool) -> Update:
    added = _pg_inserted(Follow.__table__, _pg_member_on_locked_idea(guarded), "added_follow")
    return _counting_update(added, {"follower_count": _count(added)}, {})


@cache
def _pg_remove(table: Table, counter: str, also: tuple[str, ...], guarded: bool) -> Update:
    locked = _locked_idea(guarded)
    removed = (
        delete(table)
        .where(table.c.user_id == bindparam("user_id"), table.c.idea_id == locked.c.id)
        .returning(table.c.idea_id)
        .cte(f"removed_{table.name}")
    )
    return _counting_update(
        removed, {counter: -_count(removed)}, {k: bindparam(f"v_{k}") for k in also}
    )
