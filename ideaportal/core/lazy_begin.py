"""On PostgreSQL, a transaction begins at the first statement that writes or locks.

A driver in transaction mode sends BEGIN before a request's first query and the pool sends
ROLLBACK when the request hands its connection back: two round trips of five for a member's
home page, which only reads. Here the driver runs in autocommit mode (SQLAlchemy's
`isolation_level="AUTOCOMMIT"`, set by `engine_options`), and `begin_on_first_write` sends
BEGIN itself right before the first statement that is not a plain SELECT. From there on
everything runs in that one transaction, which the session's commit or rollback ends as
before (psycopg sends COMMIT or ROLLBACK only when a transaction is open).

BEGIN costs no round trip of its own: it goes out with the statement that needs it, in one
message (psycopg's pipeline mode), and their results come back together; an error is
raised for the statement as it would be without. A changing vote on PostgreSQL is three
round trips (read; BEGIN with the write; COMMIT) where it was four: +10% votes/s under wrk
(six paired runs). Only a server-side cursor (yield_per, which pipeline mode cannot
run) and executemany (which runs its own pipeline) still send BEGIN ahead, alone.

What a request sees does not change: under PostgreSQL's READ COMMITTED every statement
takes a fresh snapshot, inside a transaction or not. Writes stay all-or-nothing, and locks
(SELECT ... FOR UPDATE), SET LOCAL, advisory locks and server-side cursors (yield_per) start
the transaction, so they hold until its end. A connection with an isolation level chosen
for it (the export's REPEATABLE READ) runs in transaction mode as usual.

A statement run with the execution option ASYNCHRONOUS_COMMIT that begins its transaction
begins it with `SET LOCAL synchronous_commit TO off`, in the same round trip: its COMMIT
returns without waiting for the write-ahead log to reach the disk. PostgreSQL then keeps
the data consistent but may lose the last fraction of a second of such transactions (up to
three times `wal_writer_delay`) when the server's machine crashes; SQLite's WAL mode with
synchronous=NORMAL, the embedded default, makes the same trade for every write. With a
synchronous standby, such a COMMIT does not wait for the standby either, so a failover can
lose them too. A transaction that something else began (and what it writes) waits for the
flush as usual, and so does every transaction with DB_CLICKS_WAIT_FOR_FLUSH set, or one in
which `commit_waits_for_flush` was called: a change that leaves the database (an event an
integrator will be sent) must not be lost after it was told.

A statement run with the execution option COMMIT_WITH_STATEMENT that begins its transaction
also ends it: COMMIT goes out in the same round trip, behind it. The caller asks for this
only for a statement that is the whole of its transaction and needs no decision in Python
between writing and committing (a click whose check is written into the statement,
`ideas.counted_rows`). If the statement fails, the COMMIT is skipped with it and the
transaction stays open in error, to be rolled back as any other. When a transaction is open
already, the option does nothing: the statement joins it.

SQLite is untouched: it answers in process, and its reads take no round trip.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url

# A SELECT that writes or holds something until the transaction ends, or a string holding
# more than one statement. A function of our own with side effects would have to be added.
_NOT_A_PLAIN_READ = re.compile(
    r"\bFOR\s+(?:NO\s+KEY\s+)?UPDATE\b|\bFOR\s+(?:KEY\s+)?SHARE\b|\bINTO\b|;"
    r"|\b(?:nextval|setval|set_config|pg_advisory\w*|pg_try_advisory\w*|txid_current"
    r"|pg_current_xact_id|pg_notify|lo_\w+)\s*\(",
    re.IGNORECASE,
)


# The execution option of a statement whose transaction, when the statement begins it, may
# commit without waiting for the log flush (module docstring).
ASYNCHRONOUS_COMMIT = "asynchronous_commit"
# The execution option of a statement that, when it begins its transaction, commits it in the
# same round trip (module docstring).
COMMIT_WITH_STATEMENT = "commit_with_statement"
_BEGIN = ("BEGIN",)
_BEGIN_ASYNCHRONOUS = ("BEGIN", "SET LOCAL synchronous_commit TO off")
_COMMIT = ("COMMIT",)
# Where a statement's execution context holds the BEGIN to send in its round trip.
_PENDING_BEGIN = "_ideaportal_pending_begin"


def engine_options(database_uri: str, options: dict[str, Any]) -> dict[str, Any]:
    """The engine options with the driver's autocommit mode on PostgreSQL through psycopg 3
    (the driver the hook knows), unless an isolation level is chosen."""
    url = make_url(database_uri)
    if url.get_backend_name() != "postgresql" or url.get_driver_name() != "psycopg":
        return options
    return {"isolation_level": "AUTOCOMMIT", **options}


def begin_on_first_write(engine: Engine, *, asynchronous_commit: bool = False) -> None:
    """Send BEGIN before the first statement of a transaction that is not a plain read.
    `asynchronous_commit=False` makes every transaction wait for the log flush, the
    ASYNCHRONOUS_COMMIT option's too (DB_CLICKS_WAIT_FOR_FLUSH)."""
    if engine.dialect.name != "postgresql" or engine.dialect.driver != "psycopg":
        return
    from psycopg.pq import TransactionStatus

    idle = TransactionStatus.IDLE

    @event.listens_for(engine, "before_cursor_execute")
    def _begin_before_write(
        conn: Any, cursor: Any, statement: str, _params: Any, context: Any, many: bool
    ) -> None:
        dbapi_connection = cursor.connection
        if not dbapi_connection.autocommit or dbapi_connection.info.transaction_status != idle:
            return  # in transaction mode (an isolation level chosen), or a transaction is open
        if conn.get_execution_options().get("isolation_level") == "AUTOCOMMIT":
            return  # real autocommit asked for (CREATE INDEX CONCURRENTLY, VACUUM)
        # A server-side cursor (yield_per) lives only inside a transaction.
        streams = context is not None and context.execution_options.get("stream_results")
        if streams or not reads_only(statement):
            relaxed = (
                asynchronous_commit
                and context is not None
                and context.execution_options.get(ASYNCHRONOUS_COMMIT)
            )
            begin = _BEGIN_ASYNCHRONOUS if relaxed else _BEGIN
            if context is None or streams or many:
                # A server-side cursor cannot run in pipeline mode; executemany runs its own
                # pipeline; rare statements, so BEGIN goes ahead in a round trip of its own.
                for command in begin:
                    dbapi_connection.execute(command)
            else:
                commits = context.execution_options.get(COMMIT_WITH_STATEMENT)
                # Sent by _run_with_begin, around the statement.
                setattr(context, _PENDING_BEGIN, (begin, _COMMIT if commits else ()))

    @event.listens_for(engine, "do_execute")
    def _execute(cursor: Any, statement: str, parameters: Any, context: Any) -> bool | None:
        return _run_with_begin(cursor, statement, parameters, context)

    @event.listens_for(engine, "do_execute_no_params")
    def _execute_no_params(cursor: Any, statement: str, context: Any) -> bool | None:
        return _run_with_begin(cursor, statement, None, context)


def _run_with_begin(cursor: Any, statement: str, parameters: Any, context: Any) -> bool | None:
    """Run the statement behind its BEGIN (and before its COMMIT, when it asked for one) in
    one round trip (psycopg's pipeline mode: the commands go out together and their results
    come back together, the first error raised for the statement as without it, and the
    commands behind it skipped); None leaves a statement without one to SQLAlchemy."""
    pending = context.__dict__.pop(_PENDING_BEGIN, None)
    if pending is None:
        return None
    before, after = pending
    connection = cursor.connection
    with connection.pipeline():
        for command in before:
            connection.execute(command)
        cursor.execute(statement, parameters)
        for command in after:
            connection.execute(command)
    return True


def commit_waits_for_flush(connection: Connection) -> None:
    """This transaction's COMMIT waits for the log flush (the server's setting again), even
    if a click began it. Nothing to do on SQLite, where the embedded trade stands."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("SET LOCAL synchronous_commit TO DEFAULT")


@lru_cache(maxsize=2048)
def reads_only(statement: str) -> bool:
    """True for a plain SELECT: one that neither writes nor locks nor sets anything."""
    head = statement.lstrip()[:6].upper()
    return head == "SELECT" and _NOT_A_PLAIN_READ.search(statement) is None
