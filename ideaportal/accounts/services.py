"""Account use cases: sign-up, authentication, password reset, role changes."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from typing import Any

from email_validator import EmailNotValidError, validate_email
from flask import current_app, g, request
from flask_sqlalchemy.pagination import Pagination
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import Executable, Select, bindparam, delete, func, select
from werkzeug.security import check_password_hash, generate_password_hash

from ideaportal.accounts import throttle
from ideaportal.accounts.models import STAFF_ROLES, ApiToken, Role, User
from ideaportal.core import audit, events
from ideaportal.core.errors import Conflict, DomainError, Forbidden, NotFound, ValidationFailed
from ideaportal.core.i18n import gettext as _
from ideaportal.core.model_base import utcnow
from ideaportal.core.permissions import require
from ideaportal.core.rows import load, lock_rows
from ideaportal.core.safe_text import clean_line
from ideaportal.core.web import shows_layout
from ideaportal.extensions import db

MIN_PASSWORD_LENGTH = 10
_RESET_SALT = "password-reset"
# A fixed hash to compare against when the email is unknown, so a log-in attempt takes the
# same time whether or not the account exists.
_DUMMY_HASH = generate_password_hash("not-a-real-password-for-timing")


def normalise_email(email: str) -> str:
    return email.strip().casefold()


def valid_email(value: object) -> str:
    """The normalised address, or ValidationFailed: the one check of an email, wherever it
    comes from (sign-up, a single sign-on claim, a widget token). Only text is an address
    (a list or a number from a JSON claim is refused, never turned into text), and it must
    pass email-validator's syntax check (no control or invisible characters)."""
    email = normalise_email(value) if isinstance(value, str) else ""
    try:
        if not email or len(email) > 254:
            raise EmailNotValidError(email)
        validate_email(email, check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValidationFailed(_("Enter a valid email address."), field="email") from exc
    return email


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def get_user(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound(_("No such user."))
    return user


@cache
def _common_passwords() -> frozenset[str]:
    # The 30,000 most common passwords of real leaks, as ranked by zxcvbn's bundled list.
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def is_common_password(password: str) -> bool:
    """On the list as typed, or as a listed password with digits or symbols added at the
    end ("monkey2024!")."""
    folded = password.casefold()
    stem = folded.rstrip("0123456789!@#$%^&*?.-_ ")
    common = _common_passwords()
    return folded in common or (len(stem) >= 4 and stem in common)


def _check_password_strength(password: str, email: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationFailed(
            _("Use at least %(num)s characters.", num=MIN_PASSWORD_LENGTH), field="password"
        )
    if is_common_password(password):
        raise ValidationFailed(
            _("This password is on the lists attackers try first. Choose another one."),
            field="password",
        )
    if password.casefold() in normalise_email(email):
        raise ValidationFailed(_("The password must not be your email address."), field="password")


def register(
    email: str,
    display_name: str,
    password: str,
    role: Role = Role.MEMBER,
    locale: str | None = None,
) -> User:
    email = valid_email(email)
    if find_user_by_email(email) is not None:
        raise Conflict(_("An account with this email already exists."), field="email")
    _check_password_strength(password, email)
    user = User(
        email=email,
        display_name=_clean_display_name(display_name),
        password_hash=generate_password_hash(password),
        role=role,
        locale=locale,
        last_seen_at=utcnow(),
    )
    db.session.add(user)
    db.session.flush()
    audit.record(user, "user.registered", user, f"{user.display_name} signed up")
    events.user_registered.send(user)
    db.session.commit()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The user, or None for a wrong email or password (alike). Raises LoginThrottled while
    the account waits out its failures, whatever the password."""
    throttle.check(email)
    user = find_user_by_email(email)
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        throttle.record_failure(email)
        return None
    if not check_password_hash(user.password_hash, password) or not user.is_active:
        throttle.record_failure(email)
        return None
    throttle.record_success(email)
    user.last_seen_at = utcnow()
    db.session.commit()
    return user


def load_session_user(session_id: str) -> User | None:
    """Flask-Login loader: the id carries a version so a password change ends old sessions.

    Every logged-in request asks, so the statements are built once. What the request reads
    beside the member comes in the same statement (on PostgreSQL one round trip fewer): a
    full page's unread count for the bell (kept in `g` for the layout), or what a view asked
    for with `read_with_member` (kept for `with_member`)."""
    user_id, _, version = session_id.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    companion = _COMPANIONS.get(request.endpoint or "")
    if shows_layout() and (companion is None or not companion.reads_bell):
        companion = _BELL
    extra: tuple[Any, ...] | None = None
    if companion is not None:
        params = {"ident": int(user_id), **companion.params(request.view_args or {})}
        row = db.session.execute(companion.statement(), params).one_or_none()
        user, extra = (row[0], tuple(row[1:])) if row is not None else (None, None)
    else:
        user = load(User, int(user_id))
    if user is None or user.session_version != int(version) or not user.is_active:
        return None
    if companion is not None and extra is not None:
        companion.keep(extra)
    return user


@dataclass(frozen=True)
class _Companion:
    statement: Callable[[], Executable]
    params: Callable[[dict[str, Any]], dict[str, Any]]
    keep: Callable[[tuple[Any, ...]], None]
    reads_bell: bool = False


def _keep_for_view(extra: tuple[Any, ...]) -> None:
    g.read_with_member = extra


def _keep_for_page(extra: tuple[Any, ...]) -> None:
    *view, g.unread_notifications = extra
    g.read_with_member = tuple(view)


def _keep_for_bell(extra: tuple[Any, ...]) -> None:
    (g.unread_notifications,) = extra


_COMPANIONS: dict[str, _Companion] = {}


def read_with_member(
    endpoint: str,
    statement: Callable[[], Executable],
    params: Callable[[dict[str, Any]], dict[str, Any]],
    *,
    full_page: bool = False,
) -> None:
    """Have the member's row and what the view `endpoint` reads first come in one statement.

    `statement()` selects User first, then the view's columns, for the member
    `bindparam("ident")` (build it once: `functools.cache`); `params(view_args)` gives its
    other parameters. The view takes the rest of the row with `with_member()`, and checks it
    as it would check its own read: this only saves the round trip. `full_page`: the view
    renders whole pages, whose bell needs the unread count; it then comes in the same
    statement too (otherwise a whole page reads the member with the count alone)."""
    if full_page:
        with_count = cache(lambda: _with_unread_count(statement()))
        _COMPANIONS[endpoint] = _Companion(with_count, params, _keep_for_page, reads_bell=True)
    else:
        _COMPANIONS[endpoint] = _Companion(statement, params, _keep_for_view)


def with_member() -> tuple[Any, ...] | None:
    """What this request read with the member (read_with_member), once; None if nothing."""
    extra: tuple[Any, ...] | None = g.pop("read_with_member", None)
    return extra


def _with_unread_count(statement: Any) -> Any:
    """The statement (selecting User first) with the member's unread count as its last column."""
    from ideaportal.notifications.services import unread_count_of  # it builds on accounts

    return statement.add_columns(unread_count_of(User.id))


@cache
def _member_and_unread() -> Select[User, int]:
    return _with_unread_count(select(User).where(User.id == bindparam("ident")))


# Every full page shows the bell: its count comes with the member on any endpoint.
_BELL = _Companion(_member_and_unread, lambda _args: {}, _keep_for_bell)


def _reset_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_RESET_SALT)


def request_password_reset(email: str) -> None:
    """Email a signed, expiring, single-use link; silent when the address is unknown."""
    user = find_user_by_email(email)
    if user is None or not user.is_active:
        return
    token = _reset_serializer().dumps({"uid": user.id, "v": user.session_version})
    audit.record(user, "user.password_reset_requested", user, "Password reset requested")
    events.password_reset_requested.send(user, token=token)
    db.session.commit()


def user_for_reset_token(token: str) -> User:
    max_age = current_app.config["PASSWORD_RESET_MAX_AGE_SECONDS"]
    try:
        data = _reset_serializer().loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise ValidationFailed(_("This reset link has expired. Ask for a new one.")) from exc
    except BadSignature as exc:
        raise ValidationFailed(_("This reset link is not valid.")) from exc
    user = db.session.get(User, int(data.get("uid", 0)))
    # The version changes with every password change, so a used link stops working.
    if user is None or user.session_version != data.get("v") or not user.is_active:
        raise ValidationFailed(_("This reset link has already been used."))
    return user


def reset_password(token: str, new_password: str) -> User:
    user = user_for_reset_token(token)
    _check_password_strength(new_password, user.email)
    user.password_hash = generate_password_hash(new_password)
    user.session_version += 1
    throttle.record_success(user.email)  # the owner proved themselves: no more waiting
    audit.record(user, "user.password_reset", user, "Password reset by emailed link")
    db.session.commit()
    return user


def change_role(actor: User, user: User, role: Role) -> User:
    require(actor, "manage_users")
    if user.id == actor.id and role != Role.ADMIN:
        raise ValidationFailed(_("You cannot remove your own admin role."), field="role")
    old = user.role
    if old == role:
        return user
    if role != Role.ADMIN and is_last_admin(user):
        # Reachable when two admins take the role from each other at the same moment.
        raise Conflict(
            _(
                "%(name)s is the last admin: make someone else an admin first.",
                name=user.display_name,
            ),
            field="role",
        )
    user.role = role
    audit.record(
        actor,
        "user.role_changed",
        user,
        f"{user.display_name}: {old.label} → {role.label}",
        old=old.value,
        new=role.value,
    )
    db.session.commit()
    return user


def is_last_admin(user: User) -> bool:
    """No other account that is not deleted holds the admin role: taking it from this one
    would leave nobody who can manage users, roles or single sign-on.

    The admins' rows stay locked until the caller's transaction ends, and the answer is
    read after the lock: of two requests taking the role from two admins at the same
    moment (two admins demoting each other, two single sign-ons whose claims say
    "member"), the second sees the first's change and keeps its admin."""
    if user.role != Role.ADMIN:
        return False
    admins = db.session.scalars(_ADMINS).all()
    lock_rows(*admins)  # brings their role and deletion up to date
    return not any(
        a.id != user.id and a.role == Role.ADMIN and a.deleted_at is None for a in admins
    )


_ADMINS = select(User).where(User.role == Role.ADMIN, User.deleted_at.is_(None))


def list_users(
    actor: User, query: str | None = None, page: int = 1, per_page: int = 50
) -> Pagination:
    require(actor, "manage_users")
    stmt = select(User).where(User.deleted_at.is_(None)).order_by(User.role, User.display_name)
    if query:
        like = f"%{query.strip().casefold()}%"
        stmt = stmt.where((User.email.like(like)) | (func.lower(User.display_name).like(like)))
    return db.paginate(stmt, page=page, per_page=per_page, error_out=False)


API_SCOPES = ("read", "write", "admin")
TOKEN_MAX_DAYS = 3650


def create_api_token(
    actor: User, name: str, scopes: list[str], expires_days: int | None = None
) -> tuple[ApiToken, str]:
    """A new token for the actor; the clear text is returned once and never stored.

    read: GET; write: act as the member (ideas, votes, comments, follows, flags); admin: the
    staff powers the member's role has (statuses, merges, hand-offs, moderation, webhooks).
    """
    if not actor.is_active or actor.is_suspended:
        raise Forbidden(_("Your account cannot create tokens right now."))
    name = " ".join(name.split())[:80]
    if not name:
        raise ValidationFailed(_("Give the token a name you will recognise."), field="name")
    wanted = sorted(set(scopes) or {"read"})
    if any(s not in API_SCOPES for s in wanted):
        raise ValidationFailed(
            _("Unknown scope; choose from %(scopes)s.", scopes=", ".join(API_SCOPES)),
            field="scopes",
        )
    if "admin" in wanted and not actor.is_staff:
        raise ValidationFailed(_("Only staff accounts can have admin tokens."), field="scopes")
    if expires_days is not None and not 1 <= expires_days <= TOKEN_MAX_DAYS:
        raise ValidationFailed(
            _("A token expires after 1 to %(days)s days.", days=TOKEN_MAX_DAYS),
            field="expires_days",
        )
    clear = "ip_" + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=actor.id,
        name=name,
        token_hash=_token_digest(clear),
        prefix=clear[:10],
        scopes=" ".join(wanted),
        expires_at=utcnow() + timedelta(days=expires_days) if expires_days else None,
    )
    db.session.add(token)
    db.session.flush()
    audit.record(
        actor,
        "api_token.created",
        token,
        f"API token “{name}” created",
        scopes=wanted,
        expires_days=expires_days,
    )
    db.session.commit()
    return token, clear


def _token_digest(clear: str) -> str:
    return hashlib.sha256(clear.encode()).hexdigest()


def user_tokens(actor: User) -> list[ApiToken]:
    """The actor's tokens that are not revoked (expired ones stay listed, marked expired)."""
    return list(
        db.session.scalars(
            select(ApiToken)
            .where(ApiToken.user_id == actor.id, ApiToken.revoked_at.is_(None))
            .order_by(ApiToken.created_at.desc())
        )
    )


def revoke_api_token(actor: User, token_id: int) -> None:
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != actor.id or token.revoked_at is not None:
        raise NotFound(_("No such token."))
    token.revoked_at = utcnow()
    audit.record(actor, "api_token.revoked", token, f"API token “{token.name}” revoked")
    db.session.commit()


class TokenRefused(DomainError):
    """The token is unknown, revoked, expired, or its owner may not use it now."""

    status_code = 401


class TokenOwnerSuspended(TokenRefused):
    status_code = 403


class TokenRefusedByPolicy(TokenRefused):
    status_code = 403


def user_for_api_token(
    clear: str, policy: Callable[[User, ApiToken], str | None] | None = None
) -> tuple[User, frozenset[str]]:
    """The token's owner and scopes; raises TokenRefused saying why it cannot be used.
    `policy` may refuse a valid token for a reason of another module (single sign-on)."""
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _token_digest(clear)))
    if token is None or token.revoked_at is not None or not token.user.is_active:
        raise TokenRefused("The API token is unknown or revoked.")
    if token.is_expired:
        raise TokenRefused("The API token has expired; create a new one.")
    if token.user.is_suspended:
        raise TokenOwnerSuspended("The account is suspended; its API tokens are refused.")
    refusal = policy(token.user, token) if policy is not None else None
    if refusal:
        raise TokenRefusedByPolicy(refusal)
    now = utcnow()
    # Written at most once a minute: a busy client must not turn every read into a write.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        token.last_used_at = now
        db.session.commit()
    return token.user, token.scope_set


def staff_members() -> list[User]:
    """Everyone with a staff role, by name (for team membership and the like)."""
    return list(
        db.session.scalars(
            select(User)
            .where(User.role.in_(STAFF_ROLES), User.deleted_at.is_(None))
            .order_by(User.display_name)
        )
    )


def create_admin(email: str, display_name: str, password: str) -> User:
    """CLI: make an admin, or promote an existing account to admin."""
    user = find_user_by_email(email)
    if user is None:
        return register(email, display_name, password, role=Role.ADMIN)
    user.role = Role.ADMIN
    audit.record(None, "user.role_changed", user, f"{user.display_name} made admin from the CLI")
    db.session.commit()
    return user


def _clean_display_name(display_name: str) -> str:
    display_name = clean_line(display_name)
    if not 2 <= len(display_name) <= 80:
        raise ValidationFailed(_("Use 2 to 80 visible characters."), field="display_name")
    return display_name


def claimed_display_name(value: str | None, email: str) -> str:
    """The display name an identity provider or a widget token gives (cleaned as every other
    name, cut to 80 characters), or the email's local part when it gives none worth
    showing. The callers have refused a claim that is not text."""
    name = clean_line(value)[:80].rstrip()
    if len(name) < 2:
        name = clean_line(email.split("@")[0])[:80]
    return name


def update_profile(actor: User, display_name: str) -> User:
    actor.display_name = _clean_display_name(display_name)
    audit.record(actor, "user.profile_updated", actor, "Display name changed")
    db.session.commit()
    return actor


def set_locale(actor: User, locale: str) -> User:
    """The member's language for pages, notifications and emails."""
    actor.locale = locale
    db.session.commit()
    return actor


def change_password(actor: User, current: str, new_password: str) -> User:
    """Needs the current password; ends every other session of the account."""
    if not check_password_hash(actor.password_hash, current):
        raise ValidationFailed(_("The current password is wrong."), field="current")
    _check_password_strength(new_password, actor.email)
    actor.password_hash = generate_password_hash(new_password)
    actor.session_version += 1
    audit.record(actor, "user.password_changed", actor, "Password changed")
    db.session.commit()
    return actor


def export_personal_data(actor: User) -> dict[str, object]:
    """Everything the portal stores about the user, as plain data (GDPR, article 20)."""
    from ideaportal.ideas.models import Comment, Follow, Idea, Vote

    ideas = db.session.scalars(select(Idea).where(Idea.author_id == actor.id))
    comments = db.session.scalars(select(Comment).where(Comment.author_id == actor.id))
    return {
        "account": {
            "email": actor.email,
            "display_name": actor.display_name,
            "role": actor.role.value,
            "created_at": actor.created_at.isoformat(),
            "email_frequency": actor.email_frequency.value,
            "company": actor.company.name if actor.company else None,
        },
        "ideas": [
            {"id": i.id, "title": i.title, "body": i.body, "created_at": i.created_at.isoformat()}
            for i in ideas
        ],
        "comments": [
            {
                "id": c.id,
                "idea_id": c.idea_id,
                "body": c.body,
                "created_at": c.created_at.isoformat(),
            }
            for c in comments
        ],
        "votes": list(db.session.scalars(select(Vote.idea_id).where(Vote.user_id == actor.id))),
        "follows": list(
            db.session.scalars(select(Follow.idea_id).where(Follow.user_id == actor.id))
        ),
    }


def delete_account(actor: User, password: str) -> None:
    """Erase the person, keep the conversation: the account is anonymised, its follows,
    notifications and tokens removed; ideas, comments and votes stay, by "Deleted user"."""
    from ideaportal.ideas import counted_rows  # it builds on accounts
    from ideaportal.notifications.models import Notification
    from ideaportal.sso.models import SsoIdentity

    if not actor.has_password:
        # Signed up with single sign-on or the widget: confirming with the email will do.
        if normalise_email(password) != actor.email:
            raise ValidationFailed(_("Type your email address to confirm."), field="password")
    elif not check_password_hash(actor.password_hash, password):
        raise ValidationFailed(_("The password is wrong."), field="password")
    if is_last_admin(actor):
        raise Conflict(
            _("You are the last admin. Make someone else an admin before you delete your account.")
        )
    # The provider's subject no longer points here: signing in again makes a new account.
    db.session.execute(delete(SsoIdentity).where(SsoIdentity.user_id == actor.id))
    counted_rows.remove_every_follow(actor)
    db.session.execute(delete(Notification).where(Notification.user_id == actor.id))
    db.session.execute(delete(ApiToken).where(ApiToken.user_id == actor.id))
    actor.email = f"deleted-{actor.id}@invalid"
    actor.display_name = "Deleted user"
    actor.password_hash = generate_password_hash(secrets.token_hex(32))
    actor.deleted_at = utcnow()
    actor.session_version += 1
    audit.record(actor, "user.deleted", actor, f"Account #{actor.id} deleted by its owner")
    db.session.commit()
