"""Per-account log-in throttling: after a few wrong passwords for one account, each further
attempt must wait, twice as long each time, whichever address it comes from.

Rate limits per address stop one machine; this stops many machines guessing one account's
password. Keyed by a hash of the email, so unknown emails are throttled alike (the answer
reveals nothing) and the table holds no addresses. A correct log-in clears the count.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from flask_babel import ngettext
from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ideaportal.accounts.models import LoginThrottle
from ideaportal.core.errors import DomainError
from ideaportal.core.model_base import utcnow
from ideaportal.extensions import db

FREE_FAILURES = 5
FIRST_DELAY_SECONDS = 30
MAX_DELAY_SECONDS = 3600


class LoginThrottled(DomainError):
    status_code = 429

    def __init__(self, seconds: int) -> None:
        self.seconds = seconds
        if seconds < 120:
            message = ngettext(
                "Too many failed log-ins for this account. "
                "Wait %(num)s second and try again, or reset your password.",
                "Too many failed log-ins for this account. "
                "Wait %(num)s seconds and try again, or reset your password.",
                seconds,
            )
        else:
            message = ngettext(
                "Too many failed log-ins for this account. "
                "Wait %(num)s minute and try again, or reset your password.",
                "Too many failed log-ins for this account. "
                "Wait %(num)s minutes and try again, or reset your password.",
                (seconds + 59) // 60,
            )
        super().__init__(message)


def _key(email: str) -> str:
    return hashlib.sha256(email.strip().casefold().encode()).hexdigest()


def delay_after(failures: int) -> int:
    """Seconds to wait after this many failures in a row: 0 for the first few, then 30,
    60, 120 … up to an hour."""
    if failures < FREE_FAILURES:
        return 0
    return min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** (failures - FREE_FAILURES))


def check(email: str) -> None:
    """Raise LoginThrottled while the account must wait (before any password is checked)."""
    blocked_until = db.session.scalar(
        select(LoginThrottle.blocked_until).where(LoginThrottle.key == _key(email))
    )
    now = utcnow()
    if blocked_until is not None and blocked_until > now:
        raise LoginThrottled(max(1, int((blocked_until - now).total_seconds() + 0.999)))


def record_failure(email: str) -> None:
    key, now = _key(email), utcnow()
    dialect = db.session.connection().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    db.session.execute(
        insert(LoginThrottle).values(key=key, failures=0, updated_at=now).on_conflict_do_nothing()
    )
    # In SQL, so concurrent wrong guesses all count.
    failures = db.session.execute(
        update(LoginThrottle)
        .where(LoginThrottle.key == key)
        .values(failures=LoginThrottle.failures + 1, updated_at=now)
        .returning(LoginThrottle.failures)
    ).scalar_one()
    delay = delay_after(failures)
    if delay:
        db.session.execute(
            update(LoginThrottle)
            .where(LoginThrottle.key == key)
            .values(blocked_until=now + timedelta(seconds=delay))
        )
    db.session.commit()


def record_success(email: str) -> None:
    db.session.execute(
        update(LoginThrottle)
        .where(LoginThrottle.key == _key(email))
        .values(failures=0, blocked_until=None, updated_at=utcnow())
    )
