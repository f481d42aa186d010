"""Account pages: sign-up, log-in/out, password reset, profile, and the admin's user list."""

from __future__ import annotations

import json

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required, logout_user
from werkzeug.wrappers import Response

from ideaportal.accounts import services
from ideaportal.accounts.forms import (
    ApiTokenForm,
    ChangePasswordForm,
    DeleteAccountForm,
    ForgotPasswordForm,
    LoginForm,
    ProfileForm,
    ResetPasswordForm,
    RoleForm,
    SignupForm,
)
from ideaportal.accounts.models import Role
from ideaportal.accounts.sessions import start_session
from ideaportal.accounts.throttle import LoginThrottled
from ideaportal.core.errors import INPUT_ERRORS
from ideaportal.core.forms import attach_error, safe_next
from ideaportal.core.i18n import current_language
from ideaportal.core.i18n import gettext as _
from ideaportal.core.permissions import require
from ideaportal.core.request_input import db_int
from ideaportal.extensions import limiter
from ideaportal.sso import services as sso

bp = Blueprint("accounts", __name__)
admin_bp = Blueprint("admin", __name__, url_prefix="/admin")


def _auth_limit() -> str:
    return str(current_app.config["RATELIMIT_AUTH"])


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(_auth_limit, methods=["POST"])
def signup() -> str | Response:
    if current_user.is_authenticated:
        return redirect(url_for("ideas.index"))
    form = SignupForm()
    if form.validate_on_submit():
        try:
            user = services.register(
                form.email.data,
                form.display_name.data,
                form.password.data,
                locale=current_language(),
            )
        except INPUT_ERRORS as exc:
            attach_error(form, exc)
        else:
            start_session(user)
            flash(_("Welcome, %(name)s! Share your first idea.", name=user.display_name), "success")
            return redirect(safe_next(request.args.get("next"), url_for("ideas.index")))
    return render_template("accounts/signup.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_auth_limit, methods=["POST"])
def login() -> str | Response | tuple[str, int]:
    if current_user.is_authenticated:
        return redirect(url_for("ideas.index"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data)
        except LoginThrottled as exc:
            form.form_errors.append(exc.message)
            return render_template(
                "accounts/login.html", form=form, sso_providers=sso.enabled_providers()
            ), 429
        refusal = sso.password_login_refusal(user) if user is not None else None
        if user is None:
            form.form_errors.append(_("Email or password is wrong."))
        elif refusal:
            form.form_errors.append(refusal)
        else:
            start_session(user, remember=form.remember.data)
            flash(_("Welcome back, %(name)s.", name=user.display_name), "success")
            return redirect(safe_next(request.args.get("next"), url_for("ideas.index")))
    return render_template("accounts/login.html", form=form, sso_providers=sso.enabled_providers())


@bp.post("/logout")
def logout() -> Response:
    logout_user()
    flash(_("You are logged out."), "info")
    return redirect(url_for("ideas.index"))


@bp.route("/forgot-password", methods=["GET", "POST"])
@limiter.limit(_auth_limit, methods=["POST"])
def forgot_password() -> str | Response:
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        # Same answer whether or not the address has an account: no account probing.
        flash(_("If that address has an account, a reset link is on its way."), "info")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
@limiter.limit(_auth_limit, methods=["POST"])
def reset_password(token: str) -> str | Response:
    try:
        services.user_for_reset_token(token)
    except INPUT_ERRORS as exc:
        flash(exc.message, "danger")
        return redirect(url_for("accounts.forgot_password"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            user = services.reset_password(token, form.password.data)
        except INPUT_ERRORS as exc:
            attach_error(form, exc)
        else:
            refusal = sso.password_login_refusal(user)
            if refusal:  # a reset link must not be a way around single sign-on
                flash(_("Your password is changed. %(refusal)s", refusal=refusal), "warning")
                return redirect(url_for("accounts.login"))
            start_session(user)
            flash(_("Your password is changed."), "success")
            return redirect(url_for("ideas.index"))
    return render_template("accounts/reset_password.html", form=form)


@bp.get("/me")
@login_required
def profile() -> str:
    from ideaportal.ideas.queries import IdeaFilter, idea_list, voted_ideas

    page = request.args.get("page", 1, type=db_int)
    return render_template(
        "accounts/profile.html",
        user=current_user,
        voted=voted_ideas(current_user, page),
        mine=idea_list(current_user, IdeaFilter(author_id=current_user.id)),
    )


@admin_bp.get("/users")
@login_required
def users() -> str:
    require(current_user, "manage_users")
    page = request.args.get("page", 1, type=db_int)
    q = request.args.get("q", "").strip()
    listing = services.list_users(current_user, q or None, page)
    forms = {u.id: RoleForm(role=u.role.value, prefix=f"u{u.id}") for u in listing.items}
    return render_template("admin/users.html", users=listing, forms=forms, q=q)


@admin_bp.post("/users/<int:user_id>/role")
@login_required
def change_role(user_id: int) -> Response:
    require(current_user, "manage_users")
    user = services.get_user(user_id)
    form = RoleForm(prefix=f"u{user_id}")
    if not form.validate_on_submit():
        flash(_("Choose a valid role."), "danger")
    else:
        try:
            services.change_role(current_user, user, Role(form.role.data))
        except INPUT_ERRORS as exc:
            flash(exc.message, "danger")
        else:
            flash(
                _("%(name)s is now: %(role)s.", name=user.display_name, role=user.role.label),
                "success",
            )
    return redirect(url_for("admin.users", q=request.args.get("q") or None))


@bp.route("/me/tokens", methods=["GET", "POST"])
@login_required
def api_tokens() -> str:
    form = ApiTokenForm()
    created: str | None = None
    if form.validate_on_submit():
        scopes = ["read"] + ["write"] * bool(form.write.data) + ["admin"] * bool(form.admin.data)
        expires = int(form.expires_days.data) if form.expires_days.data else None
        try:
            _token, created = services.create_api_token(
                current_user, form.name.data, scopes, expires_days=expires
            )
        except INPUT_ERRORS as exc:
            attach_error(form, exc)
        else:
            form = ApiTokenForm(formdata=None)
    # The clear token is in this one response only; it is never stored or shown again.
    return render_template(
        "accounts/tokens.html",
        form=form,
        tokens=services.user_tokens(current_user),
        created=created,
    )


@bp.post("/me/tokens/<int:token_id>/revoke")
@login_required
def revoke_api_token(token_id: int) -> Response:
    services.revoke_api_token(current_user, token_id)
    flash(_("The token is revoked; programs using it are locked out."), "success")
    return redirect(url_for("accounts.api_tokens"))


@bp.route("/me/settings", methods=["GET", "POST"])
@login_required
def settings() -> str | Response:
    profile = ProfileForm(prefix="profile", obj=current_user)
    password = ChangePasswordForm(prefix="pw")
    delete = DeleteAccountForm(prefix="del")
    if not current_user.has_password:
        delete.password.label.text = _("Type your email address to confirm")
    which = request.form.get("form")
    if which == "profile" and profile.validate_on_submit():
        try:
            services.update_profile(current_user, profile.display_name.data)
        except INPUT_ERRORS as exc:
            attach_error(profile, exc)
        else:
            flash(_("Your profile is saved."), "success")
            return redirect(url_for("accounts.settings"))
    elif which == "password" and password.validate_on_submit():
        try:
            # The real user, not the current_user proxy: login_user stores it as the request's
            # user, and a proxy pointing at itself would loop when read again.
            user = services.change_password(
                current_user._get_current_object(), password.current.data, password.password.data
            )
        except INPUT_ERRORS as exc:
            attach_error(password, exc)
        else:
            start_session(user)  # this browser stays logged in, on a new session
            flash(_("Your password is changed; other devices are logged out."), "success")
            return redirect(url_for("accounts.settings"))
    elif which == "delete" and delete.validate_on_submit():
        try:
            services.delete_account(current_user, delete.password.data)
        except INPUT_ERRORS as exc:
            attach_error(delete, exc)
        else:
            logout_user()
            flash(
                _("Your account is deleted. Your ideas and comments stay, by “Deleted user”."),
                "info",
            )
            return redirect(url_for("ideas.index"))
    return render_template(
        "accounts/settings.html", profile=profile, password=password, delete=delete
    )


@bp.get("/me/export.json")
@login_required
def export_data() -> Response:
    body = json.dumps(services.export_personal_data(current_user), indent=2, ensure_ascii=False)
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": "attachment; filename=ideaportal-my-data.json"},
    )
