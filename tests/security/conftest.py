"""Helpers for the hostile-input suite: every case attacks, then checks nothing changed."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import func, select

from ideaportal.core.audit import AuditEntry
from ideaportal.extensions import db


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def audit_count() -> int:
    db.session.expire_all()
    return int(db.session.scalar(select(func.count(AuditEntry.id))) or 0)


@pytest.fixture
def snapshot() -> Any:
    """`check = snapshot()` before the attack, `check()` after: the audit log (every change
    writes an entry) must not have grown."""

    def take() -> Any:
        before = audit_count()

        def check() -> None:
            assert audit_count() == before, "the attack changed something"

        return check

    return take
