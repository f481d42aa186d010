"""Single sign-on use cases: the admin's providers and policy, and signing a person in with a
provider (link by verified email, or create the account on first log-in)."""

from __future__ import annotations

import re
import secrets as token_source
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import current_app
from flask_babel import ngettext
from sqlalchemy import func, select

from ideaportal.accounts import services as accounts
from ideaportal.accounts.models import ApiToken, Role, User
from ideaportal.companies import services as companies
from ideaportal.core import audit, events, settings_store
from ideaportal.core.errors import NotFound, ValidationFailed
from ideaportal.core.i18n import gettext as _
from ideaportal.core.model_base import utcnow
from ideaportal.core.permissions import require
from ideaportal.extensions import db
from ideaportal.sso import oidc
from ideaportal.sso.models import SsoIdentity, SsoProvider
from ideaportal.sso.oidc import SsoRefused
from ideaportal.triage import outbound, secrets

STAFF_SSO_ONLY_KEY = "sso.staff_only"
STAFF_SSO_SINCE_KEY = "sso.staff_only_since"
SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,39}$")
CLAIM_PATTERN = re.compile(r"^[A-Za-z0-9_:./-]{1,60}$")
DOMAIN_PATTERN = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")


def policy() -> outbound.TargetPolicy:
    return outbound.TargetPolicy.from_config("SSO")


# ---- providers (admin) ----


def list_providers() -> list[SsoProvider]:
    return list(db.session.scalars(select(SsoProvider).order_by(SsoProvider.name)))


def enabled_providers() -> list[SsoProvider]:
    return [p for p in list_providers() if p.enabled]


def get_provider(slug: str) -> SsoProvider:
    provider = db.session.scalar(select(SsoProvider).where(SsoProvider.slug == slug))
    if provider is None or not provider.enabled:
        raise NotFound(_("No such sign-in provider."))
    return provider


def get_provider_by_id(actor: User, provider_id: int) -> SsoProvider:
    require(actor, "manage_sso")
    provider = db.session.get(SsoProvider, provider_id)
    if provider is None:
        raise NotFound(_("No such sign-in provider."))
    return provider


@dataclass(frozen=True)
class ProviderInput:
    name: str
    slug: str
    issuer: str
    client_id: str
    client_secret: str  # empty when editing: keep the stored one
    scopes: str = "openid email profile"
    claim_email: str = "email"
    claim_name: str = "name"
    claim_company: str = ""
    claim_role: str = ""
    allowed_domains: str = ""
    enabled: bool = True


def _clean_domains(raw: str) -> str:
    domains = sorted({d.strip().lstrip("@").casefold() for d in re.split(r"[\s,;]+", raw) if d})
    for domain in domains:
        if not DOMAIN_PATTERN.match(domain):
            raise ValidationFailed(
                _("“%(domain)s” is not a domain like example.com.", domain=domain),
                field="allowed_domains",
            )
    return " ".join(domains)


def _clean_claim(value: str, field: str, required: bool) -> str | None:
    value = value.strip()
    if not value:
        if required:
            raise ValidationFailed(_("Name the claim."), field=field)
        return None
    if not CLAIM_PATTERN.match(value):
        raise ValidationFailed(_("A claim name has letters, digits and _:./- only."), field=field)
    return value


def save_provider(
    actor: User, provider: SsoProvider | None, data: ProviderInput, *, check: bool = True
) -> SsoProvider:
    """Create or change a provider. The issuer's discovery document is fetched (through the
    outbound checks) and must name the same issuer, so a typo is caught here, not at log-in."""
    require(actor, "manage_sso")
    name = " ".join(data.name.split())
    if not 2 <= len(name) <= 80:
        raise ValidationFailed(_("Give the provider a name of 2-80 characters."), field="name")
    slug = data.slug.strip().lower()
    if not SLUG_PATTERN.match(slug):
        raise ValidationFailed(
            _("Use 2-40 lower-case letters, digits and dashes (it is part of the redirect URL)."),
            field="slug",
        )
    clash = db.session.scalar(select(SsoProvider).where(SsoProvider.slug == slug))
    if clash is not None and clash is not provider:
        raise ValidationFailed(_("Another provider has this short name."), field="slug")
    issuer = oidc.normalise_issuer(data.issuer)
    if check:
        oidc.discover(issuer, policy(), fresh=True)
    client_id = data.client_id.strip()
    if not client_id:
        raise ValidationFailed(_("Enter the client ID the provider gave you."), field="client_id")
    if provider is None and not data.client_secret.strip():
        raise ValidationFailed(_("Enter the client secret."), field="client_secret")
    scopes = " ".join(data.scopes.split()) or "openid email profile"
    if "openid" not in scopes.split():
        raise ValidationFailed(_("The scopes must include openid."), field="scopes")
    creating = provider is None
    if provider is None:
        provider = SsoProvider()
        db.session.add(provider)
    provider.name, provider.slug, provider.issuer, provider.client_id = (
        name,
        slug,
        issuer,
        client_id,
    )
    if data.client_secret.strip():
        provider.client_secret_encrypted = secrets.encrypt(data.client_secret.strip())
    provider.scopes = scopes
    provider.claim_email = _clean_claim(data.claim_email, "claim_email", True) or "email"
    provider.claim_name = _clean_claim(data.claim_name, "claim_name", True) or "name"
    provider.claim_company = _clean_claim(data.claim_company, "claim_company", False)
    provider.claim_role = _clean_claim(data.claim_role, "claim_role", False)
    provider.allowed_domains = _clean_domains(data.allowed_domains)
    provider.enabled = data.enabled
    db.session.flush()
    audit.record(
        actor,
        "sso_provider.created" if creating else "sso_provider.updated",
        provider,
        f"Sign-in provider {name} {'created' if creating else 'updated'}",
        issuer=issuer,
        client_id=client_id,
        allowed_domains=provider.allowed_domains,
        enabled=provider.enabled,
        secret_changed=bool(data.client_secret.strip()),
    )
    db.session.commit()
    return provider


def delete_provider(actor: User, provider: SsoProvider) -> None:
    require(actor, "manage_sso")
    audit.record(
        actor, "sso_provider.deleted", provider, f"Sign-in provider {provider.name} removed"
    )
    db.session.delete(provider)
    db.session.commit()


def staff_sso_only() -> bool:
    return bool(settings_store.get(STAFF_SSO_ONLY_KEY, False))


def set_staff_sso_only(actor: User, on: bool) -> None:
    require(actor, "manage_sso")
    if on and not enabled_providers():
        raise ValidationFailed(
            _("Add and enable a sign-in provider first, or staff could not log in at all."),
            field="staff_only",
        )
    if on and not staff_sso_only():
        # Staff API tokens made before this moment were not made in a single sign-on
        # session: they stop working (api_token_refusal).
        settings_store.put(STAFF_SSO_SINCE_KEY, utcnow().isoformat())
    settings_store.put(STAFF_SSO_ONLY_KEY, on)
    audit.record(
        actor,
        "sso.staff_only_changed",
        None,
        "Staff must use single sign-on" if on else "Staff may log in with a password again",
    )
    db.session.commit()


def api_token_refusal(user: User, token: ApiToken) -> str | None:
    """Under "staff must use single sign-on", a staff member's API token made before the
    policy was switched on is refused: it may come from a password session, and would
    otherwise outlive the policy. Tokens made since were made after an SSO log-in."""
    if not user.is_staff or not staff_sso_only():
        return None
    since = _staff_sso_since()
    if since is None or token.created_at >= since:
        return None
    return (
        "Staff accounts must use single sign-on, and this token was created before that "
        "was required. Log in with single sign-on and create a new token."
    )


def _staff_sso_since() -> datetime | None:
    """When the policy was last switched on; for portals that switched it on before this
    was recorded, when the audit log says it last changed."""
    since = settings_store.get(STAFF_SSO_SINCE_KEY)
    if since is not None:
        return datetime.fromisoformat(since)
    changed: datetime | None = db.session.scalar(
        select(func.max(audit.AuditEntry.created_at)).where(
            audit.AuditEntry.action == "sso.staff_only_changed"
        )
    )
    return changed


def password_login_refusal(user: User) -> str | None:
    """Why this (correctly authenticated) person may not log in with a password, if so."""
    if user.is_staff and staff_sso_only():
        names = ", ".join(p.name for p in enabled_providers()) or _("single sign-on")
        return _(
            "Staff accounts log in with single sign-on only. Use “Log in with %(names)s”.",
            names=names,
        )
    return None


# ---- signing in ----


@dataclass(frozen=True)
class PendingSignIn:
    """Kept in the person's session between the redirect and the callback."""

    provider: str
    state: str
    nonce: str
    code_verifier: str
    started: float
    next_url: str | None

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, raw: Any) -> PendingSignIn | None:
        try:
            return cls(**raw)
        except TypeError:
            return None


def start_sign_in(
    provider: SsoProvider, redirect_uri: str, next_url: str | None
) -> tuple[str, PendingSignIn]:
    metadata = oidc.discover(provider.issuer, policy())
    pending = PendingSignIn(
        provider=provider.slug,
        state=token_source.token_urlsafe(24),
        nonce=token_source.token_urlsafe(24),
        code_verifier=token_source.token_urlsafe(48),
        started=time.time(),
        next_url=next_url,
    )
    url = oidc.authorization_url(
        metadata,
        client_id=provider.client_id,
        redirect_uri=redirect_uri,
        scope=provider.scopes,
        state=pending.state,
        nonce=pending.nonce,
        code_verifier=pending.code_verifier,
    )
    return url, pending


def _duration(seconds: int) -> str:
    if seconds >= 120:
        return ngettext("%(num)s minute", "%(num)s minutes", seconds // 60)
    return ngettext("%(num)s second", "%(num)s seconds", seconds)


def _claim(provider: SsoProvider, claims: dict[str, Any], name: str | None) -> str | None:
    """A claim's text: a list's first entry (providers send groups and organisations as
    lists), None when absent or empty. Anything else that is not text (a number, a boolean,
    an object) is refused rather than turned into text."""
    if not name:
        return None
    value = claims.get(name)
    if isinstance(value, list):
        value = value[0] if value else None
    if value is not None and not isinstance(value, str):
        raise SsoRefused(
            _(
                "%(provider)s sent the %(claim)s claim as something other than text.",
                provider=provider.name,
                claim=name,
            )
        )
    return (value or "").strip() or None


def complete_sign_in(
    provider: SsoProvider,
    pending: PendingSignIn | None,
    *,
    state: str | None,
    code: str | None,
    error: str | None,
    redirect_uri: str,
) -> User:
    """Check the callback, exchange the code, verify the ID token, then link or create the
    account. Any refusal raises SsoRefused with a message for the person; nothing is written."""
    max_age = int(current_app.config["SSO_STATE_MAX_AGE_SECONDS"])
    if pending is None or pending.provider != provider.slug or not state:
        raise SsoRefused(_("This sign-in was not started here, or was already used. Start again."))
    if not token_source.compare_digest(pending.state, state):
        raise SsoRefused(_("This sign-in does not match the one you started. Start again."))
    if time.time() - pending.started > max_age:
        raise SsoRefused(
            _(
                "This sign-in took longer than %(duration)s and has expired. Start again.",
                duration=_duration(max_age),
            )
        )
    if error:
        raise SsoRefused(
            _(
                "%(provider)s did not sign you in (%(error)s).",
                provider=provider.name,
                error=error[:80],
            )
        )
    if not code:
        raise SsoRefused(
            _("%(provider)s sent no authorization code. Start again.", provider=provider.name)
        )
    pol = policy()
    metadata = oidc.discover(provider.issuer, pol)
    token = oidc.exchange_code(
        metadata,
        pol,
        client_id=provider.client_id,
        client_secret=secrets.decrypt(provider.client_secret_encrypted),
        redirect_uri=redirect_uri,
        code=code,
        code_verifier=pending.code_verifier,
    )
    if not token.get("id_token"):
        raise SsoRefused(
            _("%(provider)s sent no ID token; is the openid scope allowed?", provider=provider.name)
        )
    claims = oidc.verify_id_token(
        metadata, pol, str(token["id_token"]), client_id=provider.client_id, nonce=pending.nonce
    )
    if token.get("access_token"):
        info = oidc.userinfo(metadata, pol, str(token["access_token"]))
        if info.get("sub") == claims["sub"]:
            claims = {**info, **claims}
    return _sign_in(provider, claims)


def _apply_role_claim(user: User, role: Role, provider: SsoProvider) -> None:
    """The provider's role claim sets the portal role, except that it never takes the admin
    role from the last admin: a wrong mapping at the provider would otherwise lock every
    administrator out of the portal's user, role and sign-on settings."""
    old = user.role
    if accounts.is_last_admin(user):
        audit.record(
            None,
            "user.role_kept",
            user,
            f"{user.display_name}: kept {old.label}, though {provider.name} said {role.label}: "
            "no other admin is left",
        )
        return
    user.role = role
    audit.record(
        None,
        "user.role_changed",
        user,
        f"{user.display_name}: {old.label} → {role.label} (from {provider.name})",
    )


def _sign_in(provider: SsoProvider, claims: dict[str, Any]) -> User:
    subject = str(claims["sub"])
    raw_email = _claim(provider, claims, provider.claim_email)
    if raw_email is None:
        raise SsoRefused(
            _("%(provider)s did not tell us your email address.", provider=provider.name)
        )
    try:
        email = accounts.valid_email(raw_email)
    except ValidationFailed as exc:
        raise SsoRefused(
            _("%(provider)s sent an email address that is not valid.", provider=provider.name)
        ) from exc
    if claims.get("email_verified") not in (True, "true"):
        raise SsoRefused(
            _(
                "%(provider)s has not verified the email address %(email)s. Verify it there "
                "first, then log in again.",
                provider=provider.name,
                email=email,
            )
        )
    domain = email.rsplit("@", 1)[1]
    if provider.domain_list and domain not in provider.domain_list:
        raise SsoRefused(
            _(
                "Accounts at %(domain)s cannot log in with %(provider)s; it is open to "
                "%(domains)s.",
                domain=domain,
                provider=provider.name,
                domains=", ".join(provider.domain_list),
            )
        )
    identity = db.session.scalar(
        select(SsoIdentity).where(
            SsoIdentity.provider_id == provider.id, SsoIdentity.subject == subject
        )
    )
    user = identity.user if identity is not None else accounts.find_user_by_email(email)
    if user is not None and not user.is_active:
        raise SsoRefused(_("This account was deleted."))
    # Cleaned as every name is; the email's local part when the provider gives none.
    name = accounts.claimed_display_name(_claim(provider, claims, provider.claim_name), email)
    role_claim = _claim(provider, claims, provider.claim_role)
    company = companies.company_for_claim(_claim(provider, claims, provider.claim_company))
    created = user is None
    if user is None:
        user = User(
            email=email,
            display_name=name,
            # No password: the provider vouches. A password can be set later with a reset link.
            password_hash="!sso:" + token_source.token_hex(8),
            role=Role.MEMBER,
            last_seen_at=utcnow(),
        )
        db.session.add(user)
        db.session.flush()
    if role_claim in {r.value for r in Role} and role_claim != user.role.value:
        _apply_role_claim(user, Role(str(role_claim)), provider)
    if company is not None:
        companies.assign_member(None, user, company)
    if identity is None:
        db.session.add(SsoIdentity(provider_id=provider.id, subject=subject, user_id=user.id))
    else:
        identity.last_login_at = utcnow()
    user.last_seen_at = utcnow()
    audit.record(
        user,
        "user.registered" if created else "user.sso_login",
        user,
        f"{user.display_name} {'signed up' if created else 'logged in'} with {provider.name}",
        provider=provider.slug,
        subject=subject,
    )
    if created:
        events.user_registered.send(user)
    db.session.commit()
    return user
