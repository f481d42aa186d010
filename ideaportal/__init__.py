"""IdeaPortal: create_app() builds the Flask application from configuration."""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path
from typing import Any

from flask import Flask
from flask_babel import lazy_gettext
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.middleware.proxy_fix import ProxyFix

from ideaportal.config import build_config, load_secret_key
from ideaportal.core import csrf as csrf_tokens
from ideaportal.core import psycopg_cursor, request_input, sqlite_writers
from ideaportal.core.db_pool import ping_idle_connections
from ideaportal.core.flask_app import PortalFlask
from ideaportal.core.lazy_begin import begin_on_first_write, engine_options
from ideaportal.core.logs import configure_logging
from ideaportal.extensions import babel, csrf, db, limiter, login_manager, migrate


def create_app(config_overrides: dict[str, Any] | None = None) -> Flask:
    app = PortalFlask(__name__, instance_relative_config=True)
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    app.config.update(build_config(instance))
    if config_overrides:
        app.config.update(config_overrides)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = load_secret_key(instance)
    configure_logging()

    if app.config["TRUSTED_PROXIES"]:
        hops = int(app.config["TRUSTED_PROXIES"])
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops
        )
    request_input.init_app(app)  # before any route: it sets the int converter
    _init_extensions(app)
    _register_modules(app)

    from ideaportal import cli, jobs
    from ideaportal.core import health, layout, page_cache, slots, web

    jobs.configure(app)
    web.init_app(app)
    slots.init_app(app)
    layout.init_app(app)
    page_cache.init_app(app)
    health.init_app(app)
    cli.init_app(app)
    return app


def _init_extensions(app: Flask) -> None:
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    # PostgreSQL: BEGIN only before a write, a result's description built only when read;
    # SQLite: writers queue on a file lock. Each leaves the other database's options alone.
    options = app.config["SQLALCHEMY_ENGINE_OPTIONS"]
    for adapt in (engine_options, psycopg_cursor.engine_options, sqlite_writers.engine_options):
        options = adapt(uri, options)
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options
    db.init_app(app)
    with app.app_context():
        # Instead of SQLAlchemy's ping on every checkout (a round trip per request).
        ping_idle_connections(db.engine, app.config["DB_PING_AFTER_IDLE_SECONDS"])
        # No BEGIN and ROLLBACK around a request that only reads (PostgreSQL).
        begin_on_first_write(
            db.engine, asynchronous_commit=not app.config["DB_CLICKS_WAIT_FOR_FLUSH"]
        )
    migrate.init_app(
        app,
        db,
        directory=str(Path(__file__).resolve().parent.parent / "migrations"),
        render_as_batch=True,
    )
    csrf.init_app(app)
    csrf_tokens.init_app(app)  # after Flask-WTF's check
    limiter.init_app(app)

    from ideaportal.core import i18n

    babel.init_app(app, locale_selector=i18n.select_locale)
    i18n.init_app(app)

    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = lazy_gettext("Please log in to continue.")
    login_manager.login_message_category = "info"
    # Flask-Login's "basic" protection only marks a session not fresh when the address or
    # browser changes, and nothing here asks for a fresh login (changing the password asks
    # for the current one). It cost a SHA-512 per request and a 128-character hash in every
    # session cookie (accounts.sessions leaves it out); "strong" would log out anyone whose
    # phone changes networks.
    login_manager.session_protection = None

    from ideaportal.accounts.services import load_session_user

    login_manager.user_loader(load_session_user)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """SQLite: enforce foreign keys, WAL for concurrent readers, wait instead of failing."""
    import sqlite3

    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def _register_modules(app: Flask) -> None:
    from ideaportal.accounts.views import admin_bp
    from ideaportal.accounts.views import bp as accounts_bp
    from ideaportal.api.views import bp as api_bp
    from ideaportal.community import listeners as community_listeners
    from ideaportal.community import reach
    from ideaportal.community.views import bp as community_bp
    from ideaportal.companies import panels as companies_panels
    from ideaportal.companies.views import bp as companies_bp
    from ideaportal.dedup import listeners as dedup_listeners
    from ideaportal.dedup import panels as dedup_panels
    from ideaportal.dedup import readiness as dedup_readiness
    from ideaportal.dedup.views import bp as dedup_bp
    from ideaportal.ideas.views import bp as ideas_bp
    from ideaportal.notifications import listeners
    from ideaportal.notifications import panels as notification_panels
    from ideaportal.notifications.views import bp as notifications_bp
    from ideaportal.sso.views import bp as sso_bp
    from ideaportal.triage import panels as triage_panels
    from ideaportal.triage.views import bp as triage_bp
    from ideaportal.webhooks import listeners as webhook_listeners
    from ideaportal.webhooks.views import bp as webhooks_bp
    from ideaportal.widget.views import bp as widget_bp

    app.register_blueprint(accounts_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(ideas_bp)
    app.register_blueprint(notifications_bp)
    app.register_blueprint(dedup_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(triage_bp)
    app.register_blueprint(community_bp)
    app.register_blueprint(companies_bp)
    app.register_blueprint(sso_bp)
    app.register_blueprint(widget_bp)
    app.register_blueprint(webhooks_bp)
    listeners.connect()
    dedup_listeners.connect()
    community_listeners.connect()
    reach.init_app(app)
    dedup_readiness.register()
    dedup_panels.register()
    triage_panels.register()
    companies_panels.register()
    notification_panels.register()
    webhook_listeners.connect()
    _register_tasks()


# The domain modules; each may declare jobs in its own tasks.py.
MODULES = (
    "accounts",
    "ideas",
    "dedup",
    "triage",
    "notifications",
    "community",
    "api",
    "companies",
    "sso",
    "widget",
    "webhooks",
)


def _register_tasks() -> None:
    """Import every module's tasks.py, so web processes and the worker know the same jobs."""
    for module in MODULES:
        name = f"ideaportal.{module}.tasks"
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name)
