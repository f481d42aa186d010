"""The bell: list notifications, mark them read, live unread count."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from ideaportal.notifications import services

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.get("/")
@login_required
def index() -> str:
    page = request.args.get("page", 1, type=int)
    return render_template(
        "notifications/index.html", notifications=services.recent(current_user, page)
    )


@bp.get("/badge")
@login_required
def badge() -> str:
    return render_template("notifications/_badge.html", unread=services.unread_count(current_user))


@bp.post("/read")
@login_required
def mark_read() -> Response:
    raw = request.form.get("id", "")
    services.mark_read(current_user, int(raw) if raw.isdigit() else None)
    target = request.form.get("next") or ""
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect(url_for("notifications.index"))
