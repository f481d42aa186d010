"""Single sign-on pages: the redirect to a provider, its callback, and the admin's page."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from ideaportal.accounts.sessions import start_session
from ideaportal.core.errors import INPUT_ERRORS
from ideaportal.core.forms import attach_error, safe_next
from ideaportal.core.i18n import gettext as _
from ideaportal.core.links import absolute_url
from ideaportal.core.permissions import require
from ideaportal.extensions import limiter
from ideaportal.sso import services
from ideaportal.sso.forms import ProviderForm, StaffOnlyForm
from ideaportal.sso.models import SsoProvider
from ideaportal.sso.oidc import SsoRefused

bp = Blueprint("sso", __name__)

PENDING_KEY = "sso_pending"


def _auth_limit() -> str:
    from flask import current_app

    return str(current_app.config["RATELIMIT_AUTH"])


def redirect_uri(provider: SsoProvider) -> str:
    return absolute_url("sso.callback", slug=provider.slug)


@bp.get("/sso/<slug>/login")
@limiter.limit(_auth_limit)
def login(slug: str) -> Response:
    provider = services.get_provider(slug)
    next_url = safe_next(request.args.get("next"), "") or None
    try:
        url, pending = services.start_sign_in(provider, redirect_uri(provider), next_url)
    except INPUT_ERRORS as exc:
        flash(
            _(
                "Log-in with %(provider)s is refused: %(reason)s",
                provider=provider.name,
                reason=exc.message,
            ),
            "danger",
        )
        return redirect(url_for("accounts.login"))
    session[PENDING_KEY] = pending.as_dict()
    return redirect(url)


@bp.get("/sso/<slug>/callback")
@limiter.limit(_auth_limit)
def callback(slug: str) -> Response:
    provider = services.get_provider(slug)
    # One use only: a replayed or second callback finds nothing to match.
    pending = services.PendingSignIn.from_dict(session.pop(PENDING_KEY, None) or {})
    try:
        user = services.complete_sign_in(
            provider,
            pending,
            state=request.args.get("state"),
            code=request.args.get("code"),
            error=request.args.get("error_description") or request.args.get("error"),
            redirect_uri=redirect_uri(provider),
        )
    except INPUT_ERRORS as exc:
        message = (
            exc.message
            if isinstance(exc, SsoRefused)
            else _("Sign-in refused: %(reason)s", reason=exc.message)
        )
        flash(message, "danger")
        return redirect(url_for("accounts.login"))
    start_session(user)  # a new session id, as every log-in path
    flash(_("Welcome, %(name)s.", name=user.display_name), "success")
    target = pending.next_url if pending else None
    return redirect(safe_next(target, url_for("ideas.index")))


@bp.route("/admin/sso", methods=["GET", "POST"])
@bp.route("/admin/sso/<int:provider_id>", methods=["GET", "POST"])
@login_required
def providers(provider_id: int | None = None) -> str | Response:
    require(current_user, "manage_sso")
    provider = services.get_provider_by_id(current_user, provider_id) if provider_id else None
    form = ProviderForm(obj=provider)
    if request.method == "GET" and provider is not None:
        form.claim_company.data = provider.claim_company or ""
        form.claim_role.data = provider.claim_role or ""
    if form.validate_on_submit():
        data = services.ProviderInput(
            name=form.name.data,
            slug=form.slug.data,
            issuer=form.issuer.data,
            client_id=form.client_id.data,
            client_secret=form.client_secret.data or "",
            scopes=form.scopes.data or "",
            claim_email=form.claim_email.data or "",
            claim_name=form.claim_name.data or "",
            claim_company=form.claim_company.data or "",
            claim_role=form.claim_role.data or "",
            allowed_domains=form.allowed_domains.data or "",
            enabled=bool(form.enabled.data),
        )
        try:
            saved = services.save_provider(current_user, provider, data)
        except INPUT_ERRORS as exc:
            attach_error(form, exc)
        else:
            flash(
                _(
                    "%(name)s saved. Register %(url)s as its redirect URL.",
                    name=saved.name,
                    url=redirect_uri(saved),
                ),
                "success",
            )
            return redirect(url_for("sso.providers", provider_id=saved.id))
    staff_form = StaffOnlyForm(prefix="staff", staff_only=services.staff_sso_only())
    return render_template(
        "sso/providers.html",
        form=form,
        provider=provider,
        providers=services.list_providers(),
        staff_form=staff_form,
        redirect_uri=redirect_uri,
    )


@bp.post("/admin/sso/<int:provider_id>/delete")
@login_required
def delete(provider_id: int) -> Response:
    provider = services.get_provider_by_id(current_user, provider_id)
    services.delete_provider(current_user, provider)
    flash(
        _(
            "%(name)s removed; its people can still log in with a password reset.",
            name=provider.name,
        ),
        "info",
    )
    return redirect(url_for("sso.providers"))


@bp.post("/admin/sso/staff-only")
@login_required
def staff_only() -> Response:
    require(current_user, "manage_sso")
    form = StaffOnlyForm(prefix="staff")
    if form.validate_on_submit():
        try:
            services.set_staff_sso_only(current_user, bool(form.staff_only.data))
        except INPUT_ERRORS as exc:
            flash(exc.message, "danger")
        else:
            flash(
                _("Staff now log in with single sign-on only.")
                if form.staff_only.data
                else _("Staff may log in with a password again."),
                "success",
            )
    return redirect(url_for("sso.providers"))
