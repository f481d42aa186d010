"""Fixtures: an app on a real, migrated database per test, a client, and scenario helpers.

SQLite (default): the schema is built once per test process by running the Alembic
migrations, and each test gets a fresh copy of that file. PostgreSQL (when
IDEAPORTAL_TEST_DATABASE_URL is set, as in CI): migrated once, truncated after each test.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from ideaportal import create_app  # noqa: E402
from ideaportal.extensions import db  # noqa: E402
from tests.dedup.fake_encoder import FakeEncoder  # noqa: E402
from tests.factories import Factory  # noqa: E402

PG_URL = os.environ.get("IDEAPORTAL_TEST_DATABASE_URL")
REDIS_URL = os.environ.get("IDEAPORTAL_TEST_REDIS_URL")


class RealRequestClient(FlaskClient):
    """Each request runs in its own app context, as in production: fresh `g` (so Flask-Login
    reloads the user) and its own database session. The test's session is expired afterwards
    so assertions read what the request committed."""

    def open(self, *args: Any, **kwargs: Any) -> Any:
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.expire_all()
        return response


def _base_config(database_url: str, instance: Path) -> dict[str, Any]:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "QUEUE_IMMEDIATE": True,
        "QUEUE_URL": "memory://",
        "BASE_URL": "http://portal.test",
        # The real model has its own integration test; elsewhere a fast stand-in.
        "EMBEDDING_ENCODER_FACTORY": FakeEncoder,
        # Each app its own page cache (Redis when CI provides it, under a key prefix of its
        # own), and page views written at once.
        "CACHE_URL": REDIS_URL or "simple://",
        "CACHE_KEY_PREFIX": f"test-{uuid.uuid4().hex}:",
        "REACH_FLUSH_SECONDS": 0,
    }


def _migrate(app: Flask) -> None:
    from flask_migrate import upgrade

    with app.app_context():
        upgrade()


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database with every migration applied, built once per test process."""
    if PG_URL:
        app = create_app(_base_config(PG_URL, tmp_path_factory.mktemp("pg")))
        with app.app_context():
            db.session.execute(text("DROP SCHEMA public CASCADE"))
            db.session.execute(text("CREATE SCHEMA public"))
            db.session.commit()
        _migrate(app)
        return PG_URL
    folder = tmp_path_factory.mktemp("template")
    path = folder / "template.sqlite3"
    app = create_app(_base_config(f"sqlite:///{path}", folder))
    _migrate(app)
    with app.app_context():
        db.session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        db.engine.dispose()
    return str(path)


def _truncate_all() -> None:
    """Back to the state the migrations leave: empty tables and the default board."""
    tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
    db.session.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    db.session.execute(
        text(
            "INSERT INTO board (slug, name, description, is_private, position, mode, "
            "created_at, updated_at) VALUES ('general', 'General', 'Ideas for the product.', "
            "false, 0, 'normal', now(), now())"
        )
    )
    db.session.commit()


@pytest.fixture
def app_factory(migrated_template: str, tmp_path: Path) -> Iterator[Any]:
    """Build an app on a fresh database, with config overrides (e.g. CSRF on)."""
    made: list[Flask] = []

    def make(**overrides: Any) -> Flask:
        if PG_URL:
            url = PG_URL
        else:
            target = tmp_path / f"test{len(made)}.sqlite3"
            if not made:
                shutil.copyfile(migrated_template, target)
            url = f"sqlite:///{tmp_path / 'test0.sqlite3'}"
        config = _base_config(url, tmp_path)
        config.update(overrides)
        app = create_app(config)
        app.test_client_class = RealRequestClient
        made.append(app)
        return app

    yield make
    for app in made:
        with app.app_context():
            db.session.remove()
            if PG_URL and app is made[0]:
                _truncate_all()
            db.engine.dispose()


@pytest.fixture
def app(app_factory: Any) -> Iterator[Flask]:
    application = app_factory()
    with application.app_context():
        yield application


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def make(app: Flask) -> Factory:
    return Factory()


def login_as(client: FlaskClient, user: Any, password: str = Factory.PASSWORD) -> None:
    response = client.post("/login", data={"email": user.email, "password": password})
    assert response.status_code == 302, response.data[:500]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On PostgreSQL, tests of SQLite's own machinery are deselected (not skipped); without a
    Redmine (IDEAPORTAL_TEST_REDMINE_URL, started by .ci/run), the Redmine tests are too."""
    keep = items
    if PG_URL:
        keep = [item for item in keep if item.get_closest_marker("sqlite_only") is None]
    if not os.environ.get("IDEAPORTAL_TEST_REDMINE_URL"):
        keep = [item for item in keep if item.get_closest_marker("redmine") is None]
    if len(keep) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in keep])
        items[:] = keep
