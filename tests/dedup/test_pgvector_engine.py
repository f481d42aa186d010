"""The app on PostgreSQL: pgvector chosen when the database has it, the in-process index when
it has not (a role that may not create the extension), with the real migrations.

Runs on the session's pgserver (PostgreSQL 16 with pgvector, see test_vector_index.py), a
fresh database per test.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from ideaportal import create_app
from ideaportal.accounts.models import Role
from ideaportal.dedup import services
from ideaportal.dedup.vector_index import IndexFilter, NumpyVectorIndex, PgVectorIndex
from ideaportal.extensions import db
from ideaportal.ideas import services as ideas
from tests.conftest import RealRequestClient, _base_config
from tests.dedup.test_vector_index import pg_engine, pgserver_url  # noqa: F401 - fixtures
from tests.factories import Factory


def _database(pgserver_url: str, owner: str = "postgres") -> Iterator[str]:  # noqa: F811
    name = f"portal_{uuid.uuid4().hex[:10]}"
    admin = create_engine(pgserver_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" OWNER "{owner}"'))
    url = make_url(pgserver_url).set(database=name, username=owner)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _app(url: str, tmp_path: Path, **overrides: Any) -> Flask:
    from flask_migrate import upgrade

    app = create_app({**_base_config(url, tmp_path), **overrides})
    app.test_client_class = RealRequestClient
    with app.app_context():
        upgrade()
    return app


@pytest.fixture
def pg_app(pgserver_url: str, tmp_path: Path) -> Iterator[Flask]:  # noqa: F811
    for url in _database(pgserver_url):
        app = _app(url, tmp_path)
        with app.app_context():
            yield app
            db.session.remove()
            db.engine.dispose()


def test_postgres_with_pgvector_uses_the_shared_hnsw_index(pg_app: Flask):
    make = Factory()
    board = make.board()
    dark = make.idea(board=board, title="Dark mode for the shift scheduler")
    make.idea(board=board, title="Export payroll hours to DATEV")
    private = make.board("internal", private=True)
    secret = make.idea(
        board=private, title="Dark mode internal staff experiment", author=make.user(Role.ADMIN)
    )
    eng = services.engine()
    assert isinstance(eng.index, PgVectorIndex)
    assert len(eng.index) == 3  # embedded by the (immediate) job, copied by the catch-up
    hits = services.similar_ideas(None, "scheduler dark theme please", k=5)
    assert hits[0].idea.id == dark.id and hits[0].vector_score is not None
    assert secret.id not in [h.idea.id for h in hits]
    staff = services.similar_ideas(make.user(Role.MODERATOR), "dark mode", k=5)
    assert secret.id in [h.idea.id for h in staff]


def test_a_second_process_finds_an_edit_at_once(pg_app: Flask, tmp_path):
    """Another app object stands for another worker: it holds no vectors of its own."""
    make = Factory()
    author = make.user()
    board, other_board = make.board(), make.board("mobile")
    idea = make.idea(author=author, board=board, title="Calendar sync with Outlook")
    other = create_app(
        {**_base_config(pg_app.config["SQLALCHEMY_DATABASE_URI"], tmp_path / "other")}
    )
    with other.app_context():
        assert [h.idea.id for h in services.similar_ideas(None, "outlook calendar")] == [idea.id]
    idea.board_id = other_board.id  # moved to another board, then edited (re-embedded)
    db.session.commit()
    ideas.edit_idea(author, idea, "Dark theme at night", "", None)
    with other.app_context():
        hits = services.similar_ideas(None, "dark theme night", board_ids=[other_board.id])
        assert [h.idea.id for h in hits] == [idea.id]
        assert hits[0].vector_score == pytest.approx(1.0)
        on_old_board = services.engine().index.search(
            services.engine().encoder.encode(["dark theme night"])[0],
            5,
            IndexFilter(board_ids=frozenset({board.id})),
        )
        assert on_old_board == []
        db.engine.dispose()


def test_reindex_and_recluster_work_on_pgvector(pg_app: Flask):
    make = Factory()
    board = make.board()
    a = make.idea(board=board, title="Outlook calendar sync for shifts")
    b = make.idea(board=board, title="Sync shifts to my Outlook calendar")
    assert services.reindex() == 2
    assert isinstance(services.engine().index, PgVectorIndex)
    assert services.similar_ideas(None, "outlook calendar", k=2)[0].idea.id in {a.id, b.id}


def test_without_permission_to_create_the_extension_the_app_keeps_the_numpy_index(
    pgserver_url: str,  # noqa: F811
    tmp_path: Path,
):
    """Plain PostgreSQL as far as the app can tell: the migration is a no-op, all else works."""
    role = f"plain_{uuid.uuid4().hex[:8]}"
    admin = create_engine(pgserver_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN NOSUPERUSER'))
    try:
        for url in _database(pgserver_url, owner=role):
            app = _app(url, tmp_path)
            with app.app_context():
                assert (
                    db.session.execute(text("SELECT to_regclass('idea_vector')")).scalar() is None
                )
                make = Factory()
                idea = make.idea(board=make.board(), title="Dark mode for the shift scheduler")
                assert isinstance(services.engine().index, NumpyVectorIndex)
                assert services.similar_ideas(None, "dark theme scheduler")[0].idea.id == idea.id
                db.session.remove()
                db.engine.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()
