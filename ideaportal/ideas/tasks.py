"""Idea jobs: the nightly check that every counter equals its rows."""

from __future__ import annotations

from huey import crontab

from ideaportal.jobs import periodic_task


@periodic_task(crontab(minute="41", hour="3"))
def check_counts_nightly() -> int:
    """Recount any idea whose vote, follower or comment count differs from its rows; each
    fix is logged as a warning (it means a code path changed a counter it should not)."""
    from ideaportal.ideas.counters import fix_drift

    return len(fix_drift())
