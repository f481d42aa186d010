"""User accounts and roles."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ideaportal.companies.models import Company
from ideaportal.core.i18n import gettext as _
from ideaportal.core.model_base import TimestampMixin, enum_type, utcnow
from ideaportal.extensions import db


class Role(enum.StrEnum):
    MEMBER = "member"
    MODERATOR = "moderator"
    PRODUCT_MANAGER = "product_manager"
    COMMUNITY_MANAGER = "community_manager"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        # One translation per call (every member page shows the role), as IdeaStatus.label.
        return {
            "member": lambda: _("Member"),
            "moderator": lambda: _("Moderator"),
            "product_manager": lambda: _("Product manager"),
            "community_manager": lambda: _("Community manager"),
            "admin": lambda: _("Admin"),
        }[self.value]()


class EmailFrequency(enum.StrEnum):
    INSTANT = "instant"
    WEEKLY = "weekly"
    OFF = "off"

    @property
    def label(self) -> str:
        return {"instant": _("Right away"), "weekly": _("Weekly digest"), "off": _("Never")}[
            self.value
        ]


STAFF_ROLES = frozenset({Role.MODERATOR, Role.PRODUCT_MANAGER, Role.COMMUNITY_MANAGER, Role.ADMIN})


class User(UserMixin, TimestampMixin, db.Model):  # type: ignore[name-defined]
    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored case-folded so "Ann@X.com" and "ann@x.com" are one account.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(
        enum_type(Role),
        default=Role.MEMBER,
    )
    locale: Mapped[str | None] = mapped_column(String(8))
    suspended_until: Mapped[datetime | None] = mapped_column()
    deleted_at: Mapped[datetime | None] = mapped_column()
    last_seen_at: Mapped[datetime | None] = mapped_column()
    email_frequency: Mapped[EmailFrequency] = mapped_column(
        enum_type(EmailFrequency, 16), default=EmailFrequency.INSTANT
    )
    digest_sent_at: Mapped[datetime | None] = mapped_column()
    # Bumped on password change: invalidates reset links and remembered sessions.
    session_version: Mapped[int] = mapped_column(default=1)
    # The customer company the person works for (SSO claim, widget token, import or API).
    company_id: Mapped[int | None] = mapped_column(
        ForeignKey("company.id", ondelete="SET NULL"), index=True
    )

    company: Mapped[Company | None] = relationship()

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def has_password(self) -> bool:
        """False for accounts made by single sign-on or the widget ("!..." is no hash)."""
        return not self.password_hash.startswith("!")

    @property
    def is_suspended(self) -> bool:
        return self.suspended_until is not None and self.suspended_until > utcnow()

    @property
    def is_active(self) -> bool:  # Flask-Login: deleted accounts cannot log in
        return self.deleted_at is None

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email} {self.role}>"


class ApiToken(db.Model):  # type: ignore[name-defined]
    """A personal API token. Only its SHA-256 is stored; the token is shown once."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The first characters, so people can tell their tokens apart in the list.
    prefix: Mapped[str] = mapped_column(String(12))
    scopes: Mapped[str] = mapped_column(String(120), default="read")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()
    # None: the token lives until it is revoked.
    expires_at: Mapped[datetime | None] = mapped_column()

    user: Mapped[User] = relationship()

    @property
    def scope_set(self) -> frozenset[str]:
        """The granted scopes with what each implies: admin includes write, write read."""
        granted = set(self.scopes.split())
        if "admin" in granted:
            granted |= {"write", "read"}
        if "write" in granted:
            granted.add("read")
        return frozenset(granted)

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= utcnow()


class LoginThrottle(db.Model):  # type: ignore[name-defined]
    """Failed log-ins per account (keyed by a hash of the email, so unknown emails are
    throttled alike and the table reveals no addresses)."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    blocked_until: Mapped[datetime | None] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
