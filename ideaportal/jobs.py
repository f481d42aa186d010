"""The task queue (huey): SQLite file by default, Redis at scale, run inline in tests.

The queue knows no module by name: each module declares its tasks in its own `tasks.py`
with `task()` / `periodic_task()` from here, and create_app imports them, so the web
processes and the worker register the same tasks. Tasks are thin: they open an app context
and call one service of their module. Jobs that depend on rows written by a request are
queued only after that transaction commits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from flask import Flask
from huey import Huey
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


def _in_app_context(fn: Callable[..., Any]) -> Callable[..., Any]:
    # The wrapper keeps this module as its __module__ on purpose: huey names a task
    # "<module>.<function>", and these names must stay stable for jobs already queued.
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with _app_context():
            return fn(*args, **kwargs)

    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper


def task(**settings: Any) -> Callable[[Callable[..., Any]], TaskWrapper]:
    """Declare a task (run with the app's context) on the one queue."""

    def register(fn: Callable[..., Any]) -> TaskWrapper:
        wrapped: TaskWrapper = huey.task(**settings)(_in_app_context(fn))
        return wrapped

    return register


# Sweeps the worker also runs once when it starts: work a killed worker left behind (its
# leases expired) is picked up at once instead of at the next scheduled run.
ON_START: list[TaskWrapper] = []


def periodic_task(
    schedule: Callable[..., bool], *, on_start: bool = False, **settings: Any
) -> Callable[..., Any]:
    """Declare a task the worker runs on a schedule (a huey crontab), and with
    on_start=True also once when the worker starts."""

    def register(fn: Callable[..., Any]) -> Any:
        wrapped = huey.periodic_task(schedule, **settings)(_in_app_context(fn))
        if on_start:
            ON_START.append(wrapped)
        return wrapped

    return register


def enqueue_start_sweeps() -> None:
    for sweep in ON_START:
        sweep()


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
    for task_, args in pending:
        try:
            task_(*args)
        except Exception:  # the periodic sweep picks the work up again
            log.exception("could not enqueue %s", task_.name)


@event.listens_for(Session, "after_rollback")
def _drop_after_rollback(session: Session) -> None:
    session.info.pop("jobs_after_commit", None)
