"""The task queue (huey): SQLite file by default, Redis at scale, run inline in tests.

Tasks are thin: they open an app context and call one module service. Jobs that depend on
rows written by a request are queued only after that transaction commits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from flask import Flask
from huey import Huey, crontab
from huey.api import TaskWrapper
from huey.storage import MemoryStorage, RedisStorage, SqliteStorage
from sqlalchemy import event
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

huey = Huey("ideaportal", storage_class=MemoryStorage, utc=True)
_app: Flask | None = None


def configure(app: Flask) -> None:
    """Point the queue at the configured storage; called once by create_app."""
    global _app
    _app = app
    url: str = app.config["QUEUE_URL"]
    huey.immediate = False
    if url.startswith("redis://") or url.startswith("rediss://"):
        huey.storage = RedisStorage(name="ideaportal", url=url)
    elif url.startswith("sqlite:///"):
        huey.storage = SqliteStorage(name="ideaportal", filename=url.removeprefix("sqlite:///"))
    elif url == "memory://":
        huey.storage = MemoryStorage(name="ideaportal")
    else:
        raise ValueError(f"IDEAPORTAL_QUEUE_URL not understood: {url!r}")
    huey.immediate = bool(app.config["QUEUE_IMMEDIATE"])


def _app_context() -> Any:
    if _app is None:
        raise RuntimeError("jobs.configure(app) has not run")
    return _app.app_context()


def enqueue_after_commit(task: TaskWrapper, *args: Any) -> None:
    """Queue a task once the current transaction commits (never for a rolled-back change)."""
    from ideaportal.extensions import db

    pending: list[tuple[TaskWrapper, tuple[Any, ...]]] = db.session.info.setdefault(
        "jobs_after_commit", []
    )
    if (task, args) not in pending:
        pending.append((task, args))


@event.listens_for(Session, "after_commit")
def _run_after_commit(session: Session) -> None:
    pending = session.info.pop("jobs_after_commit", [])
    for task, args in pending:
        try:
            task(*args)
        except Exception:  # the periodic sweep picks the work up again
            log.exception("could not enqueue %s", task.name)


@event.listens_for(Session, "after_rollback")
def _drop_after_rollback(session: Session) -> None:
    session.info.pop("jobs_after_commit", None)


def in_app_context(fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with _app_context():
            return fn(*args, **kwargs)

    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper


@huey.task(retries=2, retry_delay=30)
@in_app_context
def deliver_outbox() -> int:
    """Send every email that is due; failures are retried by the outbox's own backoff."""
    from ideaportal.notifications.outbox import deliver_due_emails

    return deliver_due_emails()


@huey.periodic_task(crontab(minute="*"))
@in_app_context
def deliver_outbox_sweep() -> int:
    from ideaportal.notifications.outbox import deliver_due_emails

    return deliver_due_emails()


@huey.task(retries=2, retry_delay=10)
@in_app_context
def embed_idea(idea_id: int) -> int:
    """Embed a new or edited idea and record its duplicate candidates."""
    from ideaportal.dedup.services import embed_idea_and_find_duplicates

    return len(embed_idea_and_find_duplicates(idea_id))


@huey.periodic_task(crontab(minute="17", hour="3"))
@in_app_context
def recluster_nightly() -> int:
    """Re-cluster every board once a night, so pairs the per-idea pass missed surface too."""
    from ideaportal.dedup.services import embed_ideas, recluster
    from ideaportal.extensions import db
    from ideaportal.ideas.models import Idea

    embed_ideas(list(db.session.query(Idea)))  # catches anything a failed job left out
    return len(recluster())


@huey.task(retries=0)
@in_app_context
def deliver_webhooks() -> int:
    from ideaportal.triage.services import deliver_due_webhooks

    return deliver_due_webhooks()


@huey.periodic_task(crontab(minute="*"))
@in_app_context
def deliver_webhooks_sweep() -> int:
    from ideaportal.triage.services import deliver_due_webhooks

    return deliver_due_webhooks()


@huey.periodic_task(crontab(minute="0", hour="7", day_of_week="1"))
@in_app_context
def weekly_digests() -> int:
    from ideaportal.notifications.preferences import send_weekly_digests

    return send_weekly_digests()


@huey.periodic_task(crontab(minute="*"))
@in_app_context
def publish_scheduled_posts() -> int:
    from ideaportal.community.announcements import publish_due

    return publish_due()
