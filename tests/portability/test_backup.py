"""flask backup on SQLite (online, consistent, restorable); pg_dump/pg_restore on PostgreSQL."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from ideaportal import create_app
from ideaportal.extensions import db
from ideaportal.ideas import services as ideas
from ideaportal.ideas.models import Idea, Vote
from tests.conftest import PG_URL, RealRequestClient, _base_config, login_as


def _wait_for(condition, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


@pytest.mark.sqlite_only
def test_backup_of_a_portal_taking_writes_is_whole_and_consistent(app, make, tmp_path):
    idea = make.idea()
    author = make.user()
    database = db.engine.url.database
    stop = threading.Event()
    written = [0]

    def comment_all_the_time() -> None:
        # Each transaction adds a comment and counts it, as the portal does.
        with closing(sqlite3.connect(database, timeout=30)) as conn:
            while not stop.is_set():
                with conn:
                    conn.execute(
                        "INSERT INTO comment (idea_id, author_id, body, is_official, is_pinned, "
                        "hidden, created_at, updated_at) VALUES (?, ?, 'More!', 0, 0, 0, "
                        "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                        (idea.id, author.id),
                    )
                    conn.execute(
                        "UPDATE idea SET comment_count = comment_count + 1 WHERE id = ?",
                        (idea.id,),
                    )
                written[0] += 1

    writer = threading.Thread(target=comment_all_the_time)
    writer.start()
    try:
        _wait_for(lambda: written[0] >= 50)
        result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "copy.sqlite3")])
        at_backup = written[0]
        _wait_for(lambda: written[0] >= at_backup + 50)  # the portal kept taking writes
    finally:
        stop.set()
        writer.join()
    assert result.exit_code == 0, result.output
    assert "integrity check ok" in result.output
    assert not (tmp_path / "copy.sqlite3-wal").exists()  # one self-contained file

    with closing(sqlite3.connect(tmp_path / "copy.sqlite3")) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        comments = copy.execute("SELECT count(*) FROM comment").fetchone()[0]
        counted = copy.execute("SELECT comment_count FROM idea WHERE id = ?", (idea.id,))
        # A snapshot: every transaction is in the copy whole or not at all.
        assert counted.fetchone()[0] == comments
    assert 50 <= comments < written[0]
    again = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "copy.sqlite3")])
    assert again.exit_code != 0 and "exists" in again.output


@pytest.mark.sqlite_only
def test_restoring_a_backup_brings_the_portal_back(app, make, tmp_path):
    member = make.user(email="kept@example.com")
    kept = make.idea(author=member, title="Idea from before the backup")
    backup = tmp_path / "backup.sqlite3"
    assert app.test_cli_runner().invoke(args=["backup", str(backup)]).exit_code == 0
    make.idea(author=member, title="Idea written after the backup")

    # Restore as an operator would: stop the portal, put the copy in place, start it again.
    database = Path(db.engine.url.database)
    db.session.remove()
    db.engine.dispose()
    for leftover in (Path(f"{database}-wal"), Path(f"{database}-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(backup, database)
    restarted = create_app(_base_config(f"sqlite:///{database}", tmp_path))
    restarted.test_client_class = RealRequestClient
    with restarted.app_context():
        titles = set(db.session.scalars(select(Idea.title)))
        assert titles == {"Idea from before the backup"}
        client = restarted.test_client()
        login_as(client, member)
        assert "Idea from before the backup" in client.get(f"/ideas/{kept.id}").get_data(True)
        db.engine.dispose()


@pytest.mark.skipif(not PG_URL, reason="PostgreSQL's refusal; runs in the PostgreSQL suite")
def test_backup_on_postgresql_points_to_pg_dump(app, tmp_path):
    result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "copy.sqlite3")])
    assert result.exit_code != 0
    assert "pg_dump --format=custom" in result.output
    assert not (tmp_path / "copy.sqlite3").exists()


def _pg_bin(tool: str) -> str | None:
    try:
        import pgserver
    except ImportError:
        return shutil.which(tool)
    bundled = Path(pgserver.__file__).parent / "pginstall" / "bin" / tool
    return str(bundled) if bundled.exists() else shutil.which(tool)


@pytest.mark.skipif(
    not PG_URL or not _pg_bin("pg_dump"), reason="needs PostgreSQL and pg_dump (pgserver)"
)
def test_pg_dump_and_pg_restore_round_trip(app, make, tmp_path):
    """The README's PostgreSQL backup and restore, run as written."""
    member = make.user(email="kept@example.com")
    kept = make.idea(author=member, title="Idea that survives a restore")
    ideas.set_vote(make.user(), kept, True)
    url = make_url(PG_URL)
    connection = ["--host", url.query.get("host") or url.host or "", "--username", url.username]
    dump = tmp_path / "ideaportal.dump"
    subprocess.run(  # noqa: S603 - the bundled tool, fixed arguments
        [_pg_bin("pg_dump"), *connection, "--format=custom", f"--file={dump}", url.database],
        check=True,
        capture_output=True,
    )
    restored_name = f"{url.database}_restored"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{restored_name}"'))
        conn.execute(text(f'CREATE DATABASE "{restored_name}"'))
    restored_url = url.set(database=restored_name).render_as_string(hide_password=False)
    try:
        subprocess.run(  # noqa: S603
            [_pg_bin("pg_restore"), *connection, "--no-owner", f"--dbname={restored_name}", dump],
            check=True,
            capture_output=True,
        )
        restored = create_app(_base_config(restored_url, tmp_path))
        restored.test_client_class = RealRequestClient
        with restored.app_context():
            assert db.session.scalar(select(func.count(Vote.id))) == 1
            client = restored.test_client()
            login_as(client, member)
            page = client.get(f"/ideas/{kept.id}").get_data(as_text=True)
            assert "Idea that survives a restore" in page
            db.session.remove()
            db.engine.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{restored_name}" WITH (FORCE)'))
        admin.dispose()
