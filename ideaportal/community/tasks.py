"""Community jobs: publish scheduled announcements on time."""

from __future__ import annotations

from huey import crontab

from ideaportal.jobs import periodic_task


@periodic_task(crontab(minute="*"), on_start=True)
def publish_scheduled_posts() -> int:
    from ideaportal.community.announcements import publish_due

    return publish_due()
