"""Widget use cases: the admin's widget secret and allowed host origins, and signing a
customer in from the identity token their product signs (HS256 JWT with the widget secret).

Inside the iframe nothing relies on a cookie (a third-party cookie is blocked by most browsers
and would need SameSite=None): the token is exchanged for a short-lived widget session that the
frame sends with each request in the body, so CSRF has no ambient credential to ride on.
"""

from __future__ import annotations

import secrets as token_source
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from joserfc import jwt
from joserfc.errors import BadSignatureError, ExpiredTokenError, JoseError, MissingClaimError
from joserfc.jwk import OctKey

from ideaportal.accounts import services as accounts
from ideaportal.accounts.models import Role, User
from ideaportal.companies import services as companies
from ideaportal.core import audit, settings_store
from ideaportal.core.errors import DomainError, ValidationFailed
from ideaportal.core.i18n import gettext as _
from ideaportal.core.model_base import utcnow
from ideaportal.core.permissions import require
from ideaportal.extensions import db
from ideaportal.triage import secrets

SECRET_SETTING = "widget.secret"  # noqa: S105 (the setting's name, not a secret)
ORIGINS_KEY = "widget.allowed_origins"
_SESSION_SALT = "widget-session"


class WidgetUnauthorized(DomainError):
    status_code = 401


# ---- admin settings ----


def has_secret() -> bool:
    return bool(settings_store.get(SECRET_SETTING))


def rotate_secret(actor: User) -> str:
    """A new widget secret; the clear text is returned once (the host product needs it)."""
    require(actor, "manage_widget")
    clear = "wgsec_" + token_source.token_urlsafe(32)
    replacing = has_secret()
    settings_store.put(SECRET_SETTING, secrets.encrypt(clear))
    audit.record(
        actor,
        "widget.secret_rotated" if replacing else "widget.secret_created",
        None,
        "Widget secret replaced: tokens signed with the old one stop working"
        if replacing
        else "Widget secret created",
    )
    db.session.commit()
    return clear


def _secret() -> str | None:
    stored = settings_store.get(SECRET_SETTING)
    return secrets.decrypt(stored) if stored else None


def allowed_origins() -> list[str]:
    return list(settings_store.get(ORIGINS_KEY, []) or [])


def _clean_origin(raw: str) -> str:
    parts = urlsplit(raw.strip())
    if (
        parts.scheme not in {"https", "http"}
        or not parts.hostname
        or parts.path not in {"", "/"}
        or parts.query
        or parts.fragment
        or parts.username
    ):
        raise ValidationFailed(
            _(
                "“%(origin)s” is not an origin like https://app.example.com (no path).",
                origin=raw.strip(),
            ),
            field="origins",
        )
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname.lower()}{port}"


def save_allowed_origins(actor: User, text: str) -> list[str]:
    require(actor, "manage_widget")
    origins = sorted(
        {_clean_origin(line) for line in text.replace(",", "\n").splitlines() if line.strip()}
    )
    old = allowed_origins()
    settings_store.put(ORIGINS_KEY, origins)
    audit.record(
        actor,
        "widget.origins_changed",
        None,
        f"Widget may be embedded by {', '.join(origins) or 'no site'}",
        old=old,
        new=origins,
    )
    db.session.commit()
    return origins


def frame_ancestors() -> str:
    """The CSP frame-ancestors source list of the widget's frame."""
    return " ".join(allowed_origins()) or "'none'"


# ---- signing in with the host's identity token ----


@dataclass(frozen=True)
class Identity:
    """What a verified token says: a valid, normalised email; the name and company claims
    as sent (text or None), cleaned where they are used."""

    email: str
    name: str | None
    company: str | None


def verify_identity_token(token: object) -> Identity:
    """The identity the token vouches for; anything but a valid token (a number or a list
    from a JSON body too) is refused, as user_for_session refuses a session."""
    secret = _secret()
    if secret is None:
        raise WidgetUnauthorized(
            _("The widget has no secret yet: an admin creates one under Feedback widget.")
        )
    if not isinstance(token, str):
        raise WidgetUnauthorized(_("The identity token is not a valid HS256 JWT."))
    try:
        decoded = jwt.decode(token.strip(), OctKey.import_key(secret), algorithms=["HS256"])
        jwt.JWTClaimsRegistry(
            leeway=30, exp={"essential": True}, email={"essential": True}
        ).validate(decoded.claims)
    except ExpiredTokenError as exc:
        raise WidgetUnauthorized(
            _("Your sign-in from the product has expired. Reload the page to get a fresh one.")
        ) from exc
    except MissingClaimError as exc:
        raise WidgetUnauthorized(
            _(
                "The identity token is incomplete (%(detail)s); exp and email are required.",
                detail=exc.description,
            )
        ) from exc
    except BadSignatureError as exc:
        raise WidgetUnauthorized(
            _(
                "The identity token's signature is not valid: it was not signed with this "
                "portal's widget secret."
            )
        ) from exc
    except (JoseError, ValueError) as exc:
        raise WidgetUnauthorized(_("The identity token is not a valid HS256 JWT.")) from exc
    claims = decoded.claims
    try:
        email = accounts.valid_email(claims.get("email"))
    except ValidationFailed as exc:
        raise WidgetUnauthorized(_("The identity token's email is not an email address.")) from exc
    for claim in ("name", "company"):
        if claims.get(claim) is not None and not isinstance(claims[claim], str):
            raise WidgetUnauthorized(
                _("The identity token's %(claim)s claim must be a string.", claim=claim)
            )
    return Identity(email=email, name=claims.get("name"), company=claims.get("company"))


def sign_in_with_token(token: object) -> User:
    """The customer the host product vouches for: found by email, or created (a member)."""
    identity = verify_identity_token(token)
    user = accounts.find_user_by_email(identity.email)
    if user is not None and (not user.is_active or user.is_suspended):
        raise WidgetUnauthorized(_("This account cannot post right now."))
    if user is not None and user.role != Role.MEMBER:
        raise WidgetUnauthorized(
            _("Staff accounts cannot sign in through the widget; log in on the portal.")
        )
    created = user is None
    if user is None:
        user = User(
            email=identity.email,
            # Cleaned as every name is; the email's local part when the token gives none.
            display_name=accounts.claimed_display_name(identity.name, identity.email),
            password_hash="!widget:" + token_source.token_hex(8),
            role=Role.MEMBER,
        )
        db.session.add(user)
        db.session.flush()
        audit.record(user, "user.registered", user, f"{user.display_name} signed up in the widget")
    company = companies.company_for_claim(identity.company)
    if company is not None:  # a company of invisible characters takes nobody out of theirs
        companies.assign_member(None, user, company)
    user.last_seen_at = utcnow()
    if created:
        from ideaportal.core import events

        events.user_registered.send(user)
    db.session.commit()
    return user


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SESSION_SALT)


def widget_session(user: User) -> str:
    return str(_serializer().dumps({"uid": user.id, "v": user.session_version}))


def user_for_session(value: object) -> User:
    if not value:
        raise WidgetUnauthorized(_("Sign in first: the widget has no session."))
    if not isinstance(value, str):  # a number or a list in the JSON body: no session
        raise WidgetUnauthorized(_("The widget session is not valid."))
    max_age = int(current_app.config["WIDGET_SESSION_MAX_AGE_SECONDS"])
    try:
        data = _serializer().loads(value, max_age=max_age)
    except SignatureExpired as exc:
        raise WidgetUnauthorized(_("The widget session has expired; reload the page.")) from exc
    except BadSignature as exc:
        raise WidgetUnauthorized(_("The widget session is not valid.")) from exc
    user = db.session.get(User, int(data.get("uid", 0)))
    if user is None or user.session_version != data.get("v") or not user.is_active:
        raise WidgetUnauthorized(_("The widget session has ended; reload the page."))
    return user
