"""SQLite: writers wait their turn on a file lock, not in SQLite's busy handler.

SQLite lets one connection write at a time. A connection that finds the write lock taken
calls its busy handler, which sleeps 1 ms, then 2, then 5 ms and so on before it tries
again. A vote holds the lock for about 0.4 ms (from its INSERT to the end of its COMMIT),
so the waiter sleeps on long after the lock is free, and its web worker idles. With one
member voting on 16 connections, one write in eight found the lock taken.

Here each connection, right before a statement that writes outside a transaction (the
statement that opens one), takes an exclusive flock(2) on a file beside the database
(`<database>-writers`), and lets go right after COMMIT or ROLLBACK, or after the statement
when it opened no transaction (DDL). A writer that finds it taken looks again
every tenth of a millisecond, so it starts within about that of the lock coming free.
Reads never wait (WAL readers do not block writers, nor writers readers), and neither do
PRAGMAs, which every new connection runs.

The file lock is only a queue in front of SQLite's own lock, which still decides: a writer
that does not use it (the sqlite3 shell, another program) is serialised by SQLite as
before, and one that waits longer than the connection's timeout (`sqlite3.connect`'s,
5 s by default) goes on to SQLite's own lock and its busy handler. A crashed process's
lock is dropped by the kernel. The lock is per connection (its own open file), so threads
of one process queue like processes do.

Only statements sent through a cursor's execute or executemany are queued, which is
everything SQLAlchemy sends; the sqlite3 module's shortcuts on the connection are not.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import time
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from sqlalchemy.engine import make_url

from ideaportal.core.lazy_begin import reads_only

POLL_SECONDS = 0.0001  # how often a waiting writer looks again


class WriterLock:
    """The exclusive flock one connection holds while it writes."""

    def __init__(self, path: str, patience: float) -> None:
        self.path, self.patience = path, patience
        self.held = False
        self._fd = -1
        self._pid = 0

    def take(self) -> None:
        fd = self._descriptor()  # first: in a forked child it opens the child's own file
        if self.held:
            return
        # Past the connection's timeout it goes on without: SQLite's own lock decides.
        self.held = _try_lock(fd) or self._wait(fd)

    def _wait(self, fd: int) -> bool:
        deadline = time.monotonic() + self.patience
        while time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
            if _try_lock(fd):
                return True
        return False

    def let_go(self) -> None:
        if self.held:
            self.held = False
            if self._pid == os.getpid():  # a forked child's copy is not its lock to drop
                fcntl.flock(self._fd, fcntl.LOCK_UN)

    def close(self) -> None:
        self.let_go()
        if self._fd >= 0 and self._pid == os.getpid():
            os.close(self._fd)
        self._fd = -1

    def _descriptor(self) -> int:
        # A forked child must not share its parent's open file: a lock on it is both's.
        if self._fd < 0 or self._pid != os.getpid():
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            self._pid = os.getpid()
            self.held = False
        return self._fd


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


class QueuedCursor(sqlite3.Cursor):
    """A cursor whose writing statements wait for the connection's WriterLock first."""

    connection: QueuedWriterConnection

    def execute(self, sql: str, parameters: Any = (), /) -> QueuedCursor:
        return self._queued(sqlite3.Cursor.execute, sql, parameters)

    def executemany(self, sql: str, seq_of_parameters: Any, /) -> QueuedCursor:
        return self._queued(sqlite3.Cursor.executemany, sql, seq_of_parameters)

    def _queued(self, run: Callable[..., Any], sql: str, parameters: Any) -> QueuedCursor:
        lock = self.connection.writer_lock
        if lock is None or self.connection.in_transaction or not waits_its_turn(sql):
            run(self, sql, parameters)
            return self
        lock.take()
        try:
            run(self, sql, parameters)
        finally:
            if not self.connection.in_transaction:
                lock.let_go()  # it opened no transaction, or the one it opened failed
        return self


class QueuedWriterConnection(sqlite3.Connection):
    """A sqlite3 connection that queues its writers on a file lock beside the database
    (none for an in-memory database)."""

    def __init__(self, database: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(database, *args, **kwargs)
        path = lock_path(os.fsdecode(database), uri=bool(kwargs.get("uri")))
        timeout = kwargs.get("timeout", args[0] if args else 5.0)
        self.writer_lock = None if path is None else WriterLock(path, float(timeout))

    def cursor(self, factory: Any = None) -> Any:
        return super().cursor(factory or QueuedCursor)

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self._let_go()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self._let_go()

    def close(self) -> None:
        try:
            super().close()
        finally:
            if self.writer_lock is not None:
                self.writer_lock.close()

    def _let_go(self) -> None:
        if self.writer_lock is not None and not self.in_transaction:
            self.writer_lock.let_go()


@lru_cache(maxsize=2048)
def waits_its_turn(statement: str) -> bool:
    """Whether a statement that may open a writing transaction queues first: anything but a
    plain SELECT or a PRAGMA. Every new connection runs its PRAGMAs (foreign keys, WAL) and
    must not wait behind a writer for them; one that writes (a first switch to WAL) is left
    to SQLite's own lock."""
    return statement.lstrip()[:6].upper() != "PRAGMA" and not reads_only(statement)


def lock_path(database: str, *, uri: bool = False) -> str | None:
    """The lock file of this database; None for an in-memory one."""
    if uri:
        path, _, query = database.removeprefix("file:").partition("?")
        if "mode=memory" in query:
            return None
        database = path
    if not database or database == ":memory:":
        return None
    return f"{database}-writers"


def engine_options(database_uri: str, options: dict[str, Any]) -> dict[str, Any]:
    """The engine options with queued writers on a SQLite database (file or URI)."""
    if make_url(database_uri).get_backend_name() != "sqlite":
        return options
    connect_args = {"factory": QueuedWriterConnection, **options.get("connect_args", {})}
    return {**options, "connect_args": connect_args}
