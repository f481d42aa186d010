"""A customer company and its commercial attributes (plan, monthly revenue, segment)."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from ideaportal.core.model_base import TimestampMixin
from ideaportal.extensions import db


class Company(TimestampMixin, db.Model):  # type: ignore[name-defined]
    __tablename__ = "company"
    __table_args__ = (CheckConstraint("monthly_revenue >= 0", name="revenue_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Matched case-insensitively on import and sign-in; stored as first written.
    name: Mapped[str] = mapped_column(String(120), unique=True)
    name_key: Mapped[str] = mapped_column(String(120), unique=True)
    plan: Mapped[str | None] = mapped_column(String(40))
    # Whole currency units per month; feeds the revenue part of the demand score.
    monthly_revenue: Mapped[int] = mapped_column(default=0)
    segment: Mapped[str | None] = mapped_column(String(40), index=True)

    def __repr__(self) -> str:
        return f"<Company {self.id} {self.name}>"
