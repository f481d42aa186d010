"""Notification jobs: deliver the email outbox, and the weekly digests."""

from __future__ import annotations

from huey import crontab

from ideaportal.jobs import periodic_task, task


@task(retries=2, retry_delay=30)
def deliver_outbox() -> int:
    """Send every email that is due; failures are retried by the outbox's own backoff."""
    from ideaportal.notifications.outbox import deliver_due_emails

    return deliver_due_emails()


@periodic_task(crontab(minute="*"), on_start=True)
def deliver_outbox_sweep() -> int:
    from ideaportal.notifications.outbox import deliver_due_emails

    return deliver_due_emails()


@periodic_task(crontab(minute="0", hour="7", day_of_week="1"))
def weekly_digests() -> int:
    from ideaportal.notifications.preferences import send_weekly_digests

    return send_weekly_digests()
