"""Event webhook jobs: deliver now, and sweep for due retries."""

from __future__ import annotations

from huey import crontab

from ideaportal.jobs import periodic_task, task


@task(retries=0)
def deliver_event_webhooks() -> int:
    from ideaportal.webhooks.services import deliver_due_events

    return deliver_due_events()


@periodic_task(crontab(minute="*"))
def deliver_event_webhooks_sweep() -> int:
    from ideaportal.webhooks.services import deliver_due_events

    return deliver_due_events()
