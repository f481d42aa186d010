"""Settings: one Config read from the environment (prefix IDEAPORTAL_) with safe defaults."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

PREFIX = "IDEAPORTAL_"


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(PREFIX + name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = env(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    raw = env(name)
    return default if raw is None or raw == "" else int(raw)


def env_float(name: str, default: float) -> float:
    raw = env(name)
    return default if raw is None or raw == "" else float(raw)


def load_secret_key(instance_path: Path) -> str:
    """The key from the environment, else one generated once into instance/ (never committed)."""
    configured = env("SECRET_KEY")
    if configured:
        return configured
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    # Written to a private temporary file and linked into place: owner-only permissions (the
    # key signs sessions and reset links), and when several gunicorn workers start at once,
    # exactly one key wins and every worker reads that one.
    temporary = instance_path / f".secret_key.{os.getpid()}.{secrets.token_hex(4)}"
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    try:
        os.link(temporary, key_file)
    except FileExistsError:
        pass
    finally:
        temporary.unlink(missing_ok=True)
    return key_file.read_text().strip()


def build_config(instance_path: Path) -> dict[str, Any]:
    """Every setting the app reads, from the environment, with the embedded defaults."""
    default_db = f"sqlite:///{instance_path / 'ideaportal.sqlite3'}"
    # One Redis for everything several web nodes must share (queue, rate limits, page
    # cache); each can still be pointed elsewhere by its own setting.
    redis_url = env("REDIS_URL") or None
    return {
        "SECRET_KEY": None,  # filled by create_app via load_secret_key
        "SQLALCHEMY_DATABASE_URI": env("DATABASE_URL", default_db),
        "SQLALCHEMY_ENGINE_OPTIONS": {},
        # A pooled connection idle at least this long is pinged before use (core/db_pool.py);
        # 0 pings on every checkout.
        "DB_PING_AFTER_IDLE_SECONDS": env_float("DB_PING_AFTER_IDLE_SECONDS", 2.0),
        # PostgreSQL: votes and follows commit without waiting for the log flush unless set.
        "DB_CLICKS_WAIT_FOR_FLUSH": env_bool("DB_CLICKS_WAIT_FOR_FLUSH", False),
        "SITE_NAME": env("SITE_NAME", "IdeaPortal"),
        "PRODUCT_NAME": env("PRODUCT_NAME", "Shiftly"),
        "BASE_URL": env("BASE_URL", "http://127.0.0.1:8000"),
        "IDEAS_PER_PAGE": env_int("IDEAS_PER_PAGE", 20),
        "IDEA_EDIT_WINDOW_MINUTES": env_int("IDEA_EDIT_WINDOW_MINUTES", 60),
        "TRENDING_WINDOW_DAYS": env_int("TRENDING_WINDOW_DAYS", 14),
        "PASSWORD_RESET_MAX_AGE_SECONDS": env_int("PASSWORD_RESET_MAX_AGE_SECONDS", 3600),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": env_bool("SECURE_COOKIES", False),
        "REMEMBER_COOKIE_SECURE": env_bool("SECURE_COOKIES", False),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "WTF_CSRF_TIME_LIMIT": None,
        # The largest request body read (forms, JSON); larger ones get a 413 at once. The
        # longest field (an idea's details) is 20,000 characters, far below it.
        "MAX_CONTENT_LENGTH": env_int("MAX_REQUEST_BYTES", 1_000_000),
        "MAX_FORM_MEMORY_SIZE": env_int("MAX_REQUEST_BYTES", 1_000_000),
        # Page cache for anonymous visitors: unset, a folder in instance/ shared by this node's
        # workers; redis://host:6379/1 across nodes; null:// turns it off.
        "CACHE_URL": env("CACHE_URL", redis_url),
        "CACHE_KEY_PREFIX": env("CACHE_KEY_PREFIX", "ideaportal:"),
        "PAGE_CACHE_SECONDS": env_int("PAGE_CACHE_SECONDS", 60),
        "PAGE_MAX_AGE_SECONDS": env_int("PAGE_MAX_AGE_SECONDS", 10),
        # Page views (reach KPI) are buffered per process and written in one batch this often.
        "REACH_FLUSH_SECONDS": env_float("REACH_FLUSH_SECONDS", 5.0),
        # Reverse proxies in front of the app whose X-Forwarded-For/-Proto/-Host to trust (0:
        # none). Behind one nginx, set 1: rate limits and reach then see the visitor's address.
        "TRUSTED_PROXIES": env_int("TRUSTED_PROXIES", 0),
        "RATELIMIT_ENABLED": env_bool("RATELIMIT_ENABLED", True),
        "RATELIMIT_STORAGE_URI": env("RATELIMIT_STORAGE_URI", redis_url or "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        "RATELIMIT_DEFAULT": env("RATELIMIT_DEFAULT", "600 per minute"),
        "RATELIMIT_AUTH": env("RATELIMIT_AUTH", "10 per minute"),
        "RATELIMIT_WRITE": env("RATELIMIT_WRITE", "30 per minute"),
        # Each similar-ideas request runs the model: generous for typing, not for scraping.
        "RATELIMIT_SIMILAR": env("RATELIMIT_SIMILAR", "120 per minute"),
        "BABEL_DEFAULT_LOCALE": "en",
        "LANGUAGES": ["en", "de"],
        # Mail: without SMTP_HOST, emails are written to the log (nothing is lost: the
        # outbox row stays as the record).
        "MAIL_FROM": env("MAIL_FROM", "IdeaPortal <no-reply@ideaportal.local>"),
        "SMTP_HOST": env("SMTP_HOST"),
        "SMTP_PORT": env_int("SMTP_PORT", 587),
        "SMTP_USERNAME": env("SMTP_USERNAME"),
        "SMTP_PASSWORD": env("SMTP_PASSWORD"),
        "SMTP_STARTTLS": env_bool("SMTP_STARTTLS", True),
        "SMTP_SSL": env_bool("SMTP_SSL", False),
        "MAIL_MAX_ATTEMPTS": env_int("MAIL_MAX_ATTEMPTS", 5),
        # How long a worker holds an email or webhook it is sending; if it dies, another
        # worker takes it over after this. Longer than any send may take (SMTP waits 30 s).
        "CLAIM_LEASE_SECONDS": env_int("CLAIM_LEASE_SECONDS", 300),
        # Job queue (huey): SQLite file by default, Redis at scale, immediate in tests.
        "QUEUE_URL": env("QUEUE_URL", redis_url or f"sqlite:///{instance_path / 'jobs.sqlite3'}"),
        "QUEUE_IMMEDIATE": env_bool("QUEUE_IMMEDIATE", False),
        # Triage: demand score weights, and where webhooks may go.
        "DEMAND_WEIGHTS": env(
            "DEMAND_WEIGHTS", "votes=1,velocity=2,followers=0.5,comments=0.25,age=-0.5"
        ),
        "DEMAND_VELOCITY_DAYS": env_int("DEMAND_VELOCITY_DAYS", 30),
        # Points per unit of monthly revenue of the companies whose members voted.
        "DEMAND_REVENUE_WEIGHT": env_float("DEMAND_REVENUE_WEIGHT", 0.001),
        "WEBHOOK_ALLOW_HTTP_LOOPBACK": env_bool("WEBHOOK_ALLOW_HTTP_LOOPBACK", False),
        "WEBHOOK_ALLOW_PRIVATE_TARGETS": env_bool("WEBHOOK_ALLOW_PRIVATE_TARGETS", False),
        "WEBHOOK_RETRY_BASE_SECONDS": env_int("WEBHOOK_RETRY_BASE_SECONDS", 30),
        "WEBHOOK_MAX_ATTEMPTS": env_int("WEBHOOK_MAX_ATTEMPTS", 8),
        # Single sign-on: how long a started sign-in may take, and (tests and development
        # only) whether identity providers on loopback or private addresses may be fetched.
        "SSO_STATE_MAX_AGE_SECONDS": env_int("SSO_STATE_MAX_AGE_SECONDS", 600),
        "SSO_ALLOW_HTTP_LOOPBACK": env_bool("SSO_ALLOW_HTTP_LOOPBACK", False),
        "SSO_ALLOW_PRIVATE_TARGETS": env_bool("SSO_ALLOW_PRIVATE_TARGETS", False),
        # The feedback widget: how long a person stays signed in inside the iframe.
        "WIDGET_SESSION_MAX_AGE_SECONDS": env_int("WIDGET_SESSION_MAX_AGE_SECONDS", 7200),
        "ROADMAP_SHIPPED_DAYS": env_int("ROADMAP_SHIPPED_DAYS", 90),
        # Moderation: automatic flags and slow mode.
        "MODERATION_WORDS": env("MODERATION_WORDS", ""),
        "MODERATION_MAX_LINKS": env_int("MODERATION_MAX_LINKS", 3),
        "MODERATION_NEW_ACCOUNT_HOURS": env_int("MODERATION_NEW_ACCOUNT_HOURS", 24),
        "MODERATION_NEW_ACCOUNT_POSTS": env_int("MODERATION_NEW_ACCOUNT_POSTS", 3),
        "MODERATION_STORM_FLAGS": env_int("MODERATION_STORM_FLAGS", 3),
        "SLOW_MODE_MINUTES": env_int("SLOW_MODE_MINUTES", 10),
        "RESPONSE_TARGET_WORKING_DAYS": env_int("RESPONSE_TARGET_WORKING_DAYS", 3),
        # Duplicate detection
        "EMBEDDING_MODEL_NAME": env("EMBEDDING_MODEL_NAME", "all-MiniLM-L6-v2"),
        "EMBEDDING_MODEL_PATH": env("EMBEDDING_MODEL_PATH"),  # default: the bundled package
        # Unix socket of the node's embedding server (gunicorn.conf.py starts one and sets this
        # for its workers); unset: the model runs in this process.
        "EMBEDDING_SOCKET": env("EMBEDDING_SOCKET") or None,
        # Vector index: auto picks pgvector (HNSW) on PostgreSQL with the vector extension, the
        # in-process NumPy index otherwise; numpy or pgvector force one.
        "VECTOR_INDEX": env("VECTOR_INDEX", "auto"),
        # Cosine similarity above which two ideas become a duplicate candidate; unset: the
        # value chosen from labelled data (see README, "Duplicate detection").
        "DUPLICATE_THRESHOLD": env_float("DUPLICATE_THRESHOLD", 0.0) or None,
        # Off unless set: ideas at least this similar are merged without a PM.
        "AUTO_MERGE_THRESHOLD": env_float("AUTO_MERGE_THRESHOLD", 0.0) or None,
        "SIMILAR_RANKING_PARAMS": {},
        "EMBEDDING_ENCODER_FACTORY": None,
    }
