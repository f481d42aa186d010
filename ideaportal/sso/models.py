"""OpenID Connect providers and the identities they vouched for."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ideaportal.accounts.models import User
from ideaportal.core.model_base import TimestampMixin, utcnow
from ideaportal.extensions import db


class SsoProvider(TimestampMixin, db.Model):  # type: ignore[name-defined]
    __tablename__ = "sso_provider"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    issuer: Mapped[str] = mapped_column(String(500))
    client_id: Mapped[str] = mapped_column(String(255))
    # Fernet, like the teams' webhook secrets: never stored or shown in clear.
    client_secret_encrypted: Mapped[str] = mapped_column(Text)
    scopes: Mapped[str] = mapped_column(String(200), default="openid email profile")
    claim_email: Mapped[str] = mapped_column(String(60), default="email")
    claim_name: Mapped[str] = mapped_column(String(60), default="name")
    claim_company: Mapped[str | None] = mapped_column(String(60))
    claim_role: Mapped[str | None] = mapped_column(String(60))
    # Space-separated; empty: any domain.
    allowed_domains: Mapped[str] = mapped_column(Text, default="")
    enabled: Mapped[bool] = mapped_column(default=True)

    @property
    def domain_list(self) -> list[str]:
        return self.allowed_domains.split()


class SsoIdentity(db.Model):  # type: ignore[name-defined]
    """A provider's subject linked to one account, so later log-ins need no email match."""

    __tablename__ = "sso_identity"
    __table_args__ = (UniqueConstraint("provider_id", "subject", name="uq_sso_identity_subject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("sso_provider.id", ondelete="CASCADE"))
    subject: Mapped[str] = mapped_column(String(255))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime] = mapped_column(default=utcnow)

    provider: Mapped[SsoProvider] = relationship()
    user: Mapped[User] = relationship()
