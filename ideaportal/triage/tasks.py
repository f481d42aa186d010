"""Hand-off jobs: deliver signed webhooks now, and sweep for due retries."""

from __future__ import annotations

from huey import crontab

from ideaportal.jobs import periodic_task, task


@task(retries=0)
def deliver_webhooks() -> int:
    from ideaportal.triage.services import deliver_due_webhooks

    return deliver_due_webhooks()


@periodic_task(crontab(minute="*"), on_start=True)
def deliver_webhooks_sweep() -> int:
    from ideaportal.triage.services import deliver_due_webhooks

    return deliver_due_webhooks()


@periodic_task(crontab(minute="*"))
def poll_trackers() -> int:
    """Bring back the status of hand-offs that became issues in a team's tracker."""
    from ideaportal.triage.services import poll_trackers as poll

    return poll()
