"""SQLite writers queue on a file lock beside the database: held from the statement that
opens a writing transaction to its COMMIT or ROLLBACK, never by readers, and never waited on
for longer than the connection's timeout."""

from __future__ import annotations

import fcntl
import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask

from ideaportal.core.sqlite_writers import QueuedWriterConnection, engine_options, lock_path
from ideaportal.extensions import db


def connect(path: Path, timeout: float = 5.0) -> QueuedWriterConnection:
    conn = sqlite3.connect(
        path, timeout=timeout, factory=QueuedWriterConnection, check_same_thread=False
    )
    assert isinstance(conn, QueuedWriterConnection)
    return conn


@pytest.fixture()
def database(tmp_path: Path) -> Path:
    path = tmp_path / "votes.sqlite3"
    conn = connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.cursor().execute("CREATE TABLE vote (user_id INTEGER, idea_id INTEGER)")
    conn.close()
    return path


def lock_is_free(database: Path) -> bool:
    """Whether another process could take the writers' lock right now."""
    fd = os.open(f"{database}-writers", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)  # closing drops a lock taken here
    return True


def test_the_lock_is_held_from_the_first_write_to_commit_or_rollback(database: Path) -> None:
    conn = connect(database)
    cur = conn.cursor()
    cur.execute("SELECT count(*) FROM vote").fetchone()
    assert lock_is_free(database), "a read must not hold the writers' lock"

    cur.execute("INSERT INTO vote VALUES (?, ?)", (1, 1))
    assert not lock_is_free(database)
    cur.execute("SELECT count(*) FROM vote").fetchone()  # a read inside the transaction
    assert not lock_is_free(database)
    conn.commit()
    assert lock_is_free(database)

    cur.executemany("INSERT INTO vote VALUES (?, ?)", [(2, 1), (3, 1)])
    assert not lock_is_free(database)
    conn.rollback()
    assert lock_is_free(database)
    assert cur.execute("SELECT count(*) FROM vote").fetchone() == (1,)

    # A statement that opens no transaction lets go right after it ran.
    cur.execute("CREATE INDEX ix_vote_idea ON vote (idea_id)")
    assert lock_is_free(database)
    with pytest.raises(sqlite3.OperationalError):
        cur.execute("INSERT INTO no_such_table VALUES (1)")
    assert lock_is_free(database), "a failed write that opened nothing must let go"
    conn.close()


def test_a_second_writer_waits_until_the_first_commits(database: Path) -> None:
    first, second = connect(database), connect(database)
    first.cursor().execute("INSERT INTO vote VALUES (1, 1)")
    wrote = threading.Event()

    def write() -> None:
        second.cursor().execute("INSERT INTO vote VALUES (2, 1)")
        second.commit()
        wrote.set()

    writer = threading.Thread(target=write)
    writer.start()
    assert not wrote.wait(0.3), "the second writer went ahead while the first one wrote"
    first.commit()
    assert wrote.wait(10)
    writer.join()
    rows = first.cursor().execute("SELECT user_id FROM vote ORDER BY user_id").fetchall()
    assert rows == [(1,), (2,)]
    first.close()
    second.close()


def test_a_writer_waits_no_longer_than_its_timeout_then_sqlite_decides(database: Path) -> None:
    # Someone holds the file lock but not SQLite's (a stuck process of another version, say):
    # the writer goes on after its timeout instead of waiting for ever.
    fd = os.open(f"{database}-writers", os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        conn = connect(database, timeout=0.2)
        conn.cursor().execute("INSERT INTO vote VALUES (1, 1)")
        conn.commit()
        assert conn.cursor().execute("SELECT count(*) FROM vote").fetchone() == (1,)
        conn.close()
    finally:
        os.close(fd)


def test_a_new_connection_reads_while_another_writes(database: Path) -> None:
    # Found by the last-admin race test: a connection's set-up PRAGMAs queued behind the
    # writer, so its first read came after the writer's commit instead of before.
    writer = connect(database)
    writer.cursor().execute("INSERT INTO vote VALUES (1, 1)")
    read = threading.Event()

    def set_up_and_read() -> None:
        reader = connect(database)
        cur = reader.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        assert cur.execute("SELECT count(*) FROM vote").fetchone() == (0,)
        reader.close()
        read.set()

    thread = threading.Thread(target=set_up_and_read)
    thread.start()
    assert read.wait(2), "a new connection's PRAGMAs waited for the writer"
    thread.join()
    writer.commit()
    writer.close()


def test_in_memory_databases_have_no_lock_file(tmp_path: Path) -> None:
    assert lock_path(":memory:") is None
    assert lock_path("") is None
    assert lock_path("file:shared?mode=memory&cache=shared", uri=True) is None
    assert lock_path(f"file:{tmp_path}/a.db?mode=rwc", uri=True) == f"{tmp_path}/a.db-writers"
    conn = sqlite3.connect(":memory:", factory=QueuedWriterConnection)
    assert isinstance(conn, QueuedWriterConnection)
    assert conn.writer_lock is None
    conn.cursor().execute("CREATE TABLE t (x)")
    conn.cursor().execute("INSERT INTO t VALUES (1)")
    conn.commit()
    conn.close()


def test_only_sqlite_engines_get_the_queue() -> None:
    pg = engine_options("postgresql+psycopg://u@localhost/db", {"pool_size": 5})
    assert pg == {"pool_size": 5}
    lite = engine_options("sqlite:///portal.sqlite3", {"connect_args": {"timeout": 2}})
    assert lite["connect_args"] == {"factory": QueuedWriterConnection, "timeout": 2}


@pytest.mark.sqlite_only
def test_the_portal_writes_through_queued_connections(app: Flask) -> None:
    with app.app_context():
        raw = db.session.connection().connection.dbapi_connection
        assert isinstance(raw, QueuedWriterConnection)
        assert raw.writer_lock is not None
        database = Path(db.engine.url.database or "")
        db.session.execute(db.text("UPDATE board SET position = position"))
        assert not lock_is_free(database)
        db.session.commit()
        assert lock_is_free(database)


def in_child(work: Callable[[], bool]) -> bool:
    """Run work() in a forked child; its answer."""
    pid = os.fork()
    if pid == 0:
        try:
            code = 0 if work() else 1
        except BaseException:
            code = 2
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


def test_a_forked_child_neither_shares_nor_drops_its_parents_lock(database: Path) -> None:
    conn = connect(database)
    conn.cursor().execute("INSERT INTO vote VALUES (1, 1)")
    lock = conn.writer_lock
    assert lock is not None and lock.held

    def let_go() -> bool:
        lock.let_go()
        return True

    def take() -> bool:
        lock.patience = 0.2
        lock.take()  # waits its patience out: the parent holds the lock
        return not lock.held

    assert in_child(let_go)
    assert not lock_is_free(database), "a child dropped its parent's lock"
    assert in_child(take), "a child took its parent's lock for its own"
    assert not lock_is_free(database)
    conn.commit()
    assert lock_is_free(database)
    conn.close()
