"""The bell: list notifications, mark them read, live unread count."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from ideaportal.accounts.models import EmailFrequency
from ideaportal.core.forms import safe_next
from ideaportal.core.i18n import gettext as _
from ideaportal.core.request_input import db_int
from ideaportal.extensions import csrf
from ideaportal.notifications import preferences, services

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.get("/")
@login_required
def index() -> str:
    page = request.args.get("page", 1, type=db_int)
    return render_template(
        "notifications/index.html",
        notifications=services.recent(current_user, page),
        frequencies=list(EmailFrequency),
    )


@bp.post("/email-frequency")
@login_required
def email_frequency() -> Response:
    try:
        frequency = EmailFrequency(request.form.get("frequency", ""))
    except ValueError:
        abort(400)
    preferences.set_email_frequency(current_user, frequency)
    flash(_("Emails: %(frequency)s.", frequency=frequency.label), "success")
    return redirect(url_for("notifications.index"))


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # the signed token is the credential; mail clients POST here (RFC 8058)
def unsubscribe(token: str) -> str:
    user = preferences.user_for_unsubscribe_token(token)
    done = request.method == "POST"
    if done:
        preferences.set_email_frequency(user, EmailFrequency.OFF, via="unsubscribe link")
    return render_template("notifications/unsubscribe.html", user=user, done=done, token=token)


@bp.get("/badge")
@login_required
def badge() -> str:
    return render_template("notifications/_badge.html", unread=services.unread_count(current_user))


@bp.post("/read")
@login_required
def mark_read() -> Response:
    raw = request.form.get("id", "")
    services.mark_read(current_user, int(raw) if raw.isdigit() else None)
    return redirect(safe_next(request.form.get("next"), url_for("notifications.index")))
