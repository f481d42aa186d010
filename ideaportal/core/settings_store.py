"""Settings an admin changes at run time (not deployment configuration): one JSON value per
key, read and written inside the caller's transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from ideaportal.core.model_base import utcnow
from ideaportal.extensions import db


class PortalSetting(db.Model):  # type: ignore[name-defined]
    __tablename__ = "portal_setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


def get(key: str, default: Any = None) -> Any:
    row = db.session.get(PortalSetting, key)
    return default if row is None else row.value


def put(key: str, value: Any) -> None:
    """Set the value in the current transaction (the caller commits with its audit entry)."""
    row = db.session.get(PortalSetting, key)
    if row is None:
        db.session.add(PortalSetting(key=key, value=value))
    else:
        row.value = value
