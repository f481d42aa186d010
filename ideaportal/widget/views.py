"""The widget: /widget.js for the host product, the compact submit form in the iframe, its
JSON endpoints (authenticated by the widget session in the body, never by a cookie), and the
admin page for the secret and the allowed host origins."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from ideaportal.core.errors import INPUT_ERRORS, DomainError, ValidationFailed
from ideaportal.core.i18n import gettext as _
from ideaportal.core.permissions import require
from ideaportal.core.request_input import NotJson, json_object
from ideaportal.core.web import CONTENT_SECURITY_POLICY
from ideaportal.extensions import csrf, limiter
from ideaportal.ideas import services as ideas
from ideaportal.widget import services
from ideaportal.widget.forms import OriginsForm, RotateSecretForm

log = logging.getLogger(__name__)

bp = Blueprint("widget", __name__)
# The frame's JSON endpoints: every failure of theirs is {"error": {...}}, never a page,
# whatever the client accepts (core.web.wants_json answers for their path, unknown routes
# and methods included; the admin's pages keep the app's error pages).
api = Blueprint("api", __name__, url_prefix="/widget/api")


def _write_limit() -> str:
    return str(current_app.config["RATELIMIT_WRITE"])


def _text(data: dict[str, Any], key: str, default: str = "") -> str:
    """A text field of the frame's JSON body; a number or a list is refused, not turned
    into text."""
    value = data.get(key)
    if value is None:
        return default
    if not isinstance(value, str):
        raise ValidationFailed(_("%(field)s must be text.", field=key), field=key)
    return value


@bp.get("/widget.js")
def script() -> Response:
    """The host product's script tag loads this (from any site, like an image)."""
    folder = Path(current_app.static_folder or "") / "dist"
    response = send_from_directory(folder, "widget.js", mimetype="text/javascript", max_age=300)
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


@bp.get("/widget/frame")
def frame() -> Response:
    board = None
    slug = request.args.get("board") or None
    if slug:
        try:
            board = ideas.get_board(None, slug)
        except DomainError:
            board = None
    body = render_template("widget/frame.html", board=board, board_slug=slug or "")
    response = Response(body, mimetype="text/html")
    # Only the admin's host origins may frame this page; every other page keeps 'none'.
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY.replace(
        "frame-ancestors 'none'", f"frame-ancestors {services.frame_ancestors()}"
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _payload() -> dict[str, Any]:
    try:
        return json_object()
    except NotJson:  # the frame always sends an object; anything else is not it
        raise services.WidgetUnauthorized(_("Send a JSON object.")) from None


@api.post("/session")
@csrf.exempt
@limiter.limit(lambda: str(current_app.config["RATELIMIT_AUTH"]))
def session() -> ResponseReturnValue:
    user = services.sign_in_with_token(_payload().get("token"))
    return jsonify(
        {
            "session": services.widget_session(user),
            "user": {
                "name": user.display_name,
                "company": user.company.name if user.company else None,
            },
        }
    )


@api.post("/ideas")
@csrf.exempt
@limiter.limit(_write_limit)
def post_idea() -> ResponseReturnValue:
    data = _payload()
    user = services.user_for_session(data.get("session"))
    board = ideas.get_board(user, _text(data, "board") or "general")
    idea = ideas.create_idea(user, board, _text(data, "title"), _text(data, "body"))
    return jsonify(
        {"id": idea.id, "title": idea.title, "url": url_for("ideas.detail", idea_id=idea.id)}
    ), 201


@api.post("/ideas/<int:idea_id>/vote")
@csrf.exempt
@limiter.limit(_write_limit)
def vote(idea_id: int) -> ResponseReturnValue:
    data = _payload()
    user = services.user_for_session(data.get("session"))
    idea = ideas.get_idea(user, idea_id)
    voted = ideas.set_vote(user, idea, bool(data.get("vote", True)))
    return jsonify({"voted": voted, "vote_count": idea.vote_count})


bp.register_blueprint(api)


@bp.route("/admin/widget", methods=["GET", "POST"])
@login_required
def settings() -> str | Response:
    require(current_user, "manage_widget")
    form = OriginsForm(prefix="origins")
    if request.method == "GET":
        form.origins.data = "\n".join(services.allowed_origins())
    if form.validate_on_submit():
        try:
            saved = services.save_allowed_origins(current_user, form.origins.data or "")
        except INPUT_ERRORS as exc:
            form.origins.errors = [exc.message]
        else:
            flash(
                _("The widget may be embedded by %(sites)s.", sites=", ".join(saved))
                if saved
                else _("No site may embed the widget now."),
                "success",
            )
            return redirect(url_for("widget.settings"))
    return _settings_page(form, None)


def _settings_page(form: OriginsForm, secret: str | None) -> str:
    from ideaportal.ideas.queries import board_tabs

    return render_template(
        "widget/settings.html",
        form=form,
        rotate_form=RotateSecretForm(prefix="rotate"),
        secret=secret,
        has_secret=services.has_secret(),
        boards=board_tabs(None),
    )


@bp.post("/admin/widget/secret")
@login_required
def rotate_secret() -> str | Response:
    require(current_user, "manage_widget")
    form = RotateSecretForm(prefix="rotate")
    if not form.validate_on_submit():
        return redirect(url_for("widget.settings"))
    secret = services.rotate_secret(current_user)
    origins = OriginsForm(prefix="origins")
    origins.origins.data = "\n".join(services.allowed_origins())
    # The clear secret is in this one response only.
    return _settings_page(origins, secret)
