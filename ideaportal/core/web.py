"""Web plumbing shared by every blueprint: error responses, security headers, template helpers."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from flask import (
    Flask,
    Response,
    current_app,
    flash,
    g,
    has_request_context,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_number
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from ideaportal.core.errors import DomainError
from ideaportal.core.i18n import gettext as _
from ideaportal.core.markdown import plain_excerpt, render_markdown
from ideaportal.core.permissions import can

log = logging.getLogger(__name__)


def viewer() -> Any:
    """Who this request is from (a member, or Flask-Login's anonymous user): the object
    itself, not `current_user`'s proxy, which looks the user up again on every read."""
    return current_user._get_current_object()


def error_title(status: int) -> str:
    """The heading of an error page, in the visitor's language."""
    return {
        400: _("Bad request"),
        401: _("Log in first"),
        403: _("Not allowed"),
        404: _("Not found"),
        405: _("Method not allowed"),
        409: _("Conflict"),
        413: _("Too large"),
        422: _("Cannot do that"),
        429: _("Slow down"),
        500: _("Something went wrong"),
    }.get(status, _("Error"))


CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'self'; object-src 'none'"
)


def wants_json() -> bool:
    if request.path.startswith(("/api/", "/widget/api/")):  # JSON endpoints only
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and not request.accept_mimetypes["text/html"]


def error_response(status: int, message: str, field: str | None = None) -> tuple[Any, int]:
    if wants_json():
        fields = {field: [message]} if field else {}
        return jsonify({"error": {"status": status, "message": message, "fields": fields}}), status
    if request.headers.get("HX-Request"):
        return message, status  # htmx shows it as a toast (frontend/src/app.js)
    title = error_title(status)
    return render_template("errors/error.html", status=status, title=title, message=message), status


def _remembering_url_for() -> Callable[..., str]:
    """url_for for templates, remembering what it built. A member's home page builds about
    forty links, and most are the same on every page (the navigation, the footer, the
    assets); werkzeug's router builds each anew. A link depends only on the endpoint, its
    values and the script root the app is served under, so those are the key. Links to the
    current blueprint ('.name'), absolute ones and unhashable values are built as usual.
    One cache per app: two apps in one process do not share links."""

    @lru_cache(maxsize=4096)
    def build(_script_root: str, endpoint: str, values: tuple[tuple[str, Any], ...]) -> str:
        return url_for(endpoint, **dict(values))

    def template_url_for(endpoint: str, **values: Any) -> str:
        if endpoint.startswith(".") or values.get("_external") or not has_request_context():
            return url_for(endpoint, **values)
        try:
            return build(request.script_root, endpoint, tuple(sorted(values.items())))
        except TypeError:  # an unhashable value (a list of tags): build it once
            return url_for(endpoint, **values)

    return template_url_for


def shows_layout() -> bool:
    """True when this request renders a whole page, with the layout and its bell: a GET
    that is not an htmx fragment."""
    return request.method == "GET" and not request.headers.get("HX-Request")


def init_app(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def _domain_error(exc: DomainError) -> tuple[Any, int]:
        return error_response(exc.status_code, exc.message, exc.field)

    @app.errorhandler(CSRFError)
    def _csrf_error(exc: CSRFError) -> tuple[Any, int]:
        return error_response(
            400,
            _("The form expired or did not come from this site. Reload the page and try again."),
        )

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> tuple[Any, int]:
        status = exc.code or 500
        message = {
            404: _("We could not find that page."),
            403: _("You are not allowed to see this."),
            413: _(
                "That was more than this site accepts in one request (%(size)s kB). "
                "Shorten the text and try again.",
                size=format_number(current_app.config["MAX_CONTENT_LENGTH"] // 1000),
            ),
            429: _("Too many requests in a short time. Wait a moment and try again."),
        }.get(status, exc.description or error_title(status))
        response, _status = error_response(status, message)
        # A 405 names the allowed methods; a 429 says when to come back.
        response = make_response(response, status)
        for header in ("Allow", "Retry-After"):
            value = exc.get_response().headers.get(header)
            if value:
                response.headers[header] = value
        return response, status

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> tuple[Any, int]:
        log.exception("unhandled error on %s %s", request.method, request.path)
        from ideaportal.extensions import db

        db.session.rollback()
        return error_response(500, _("Something went wrong on our side. It has been logged."))

    # Every response gets these; a page with a policy of its own (the widget names who may
    # frame it) keeps it, and X-Frame-Options, which cannot name origins, is left off there.
    always = [
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
        ("Permissions-Policy", "geolocation=(), camera=(), microphone=()"),
    ]
    if app.config.get("SESSION_COOKIE_SECURE"):
        # Secure cookies mean the site is served over HTTPS: browsers keep to it.
        always.append(("Strict-Transport-Security", "max-age=31536000; includeSubDomains"))
    strict = [
        ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
        ("X-Frame-Options", "DENY"),
        *always,
    ]

    @app.after_request
    def _security_headers(response: Response) -> Response:
        headers = response.headers
        policy = headers.get("Content-Security-Policy")
        if policy is None:  # nearly every response: one look instead of one per header
            headers.extend(strict)
            return response
        if "frame-ancestors 'none'" in policy:
            headers.setdefault("X-Frame-Options", "DENY")
        for name, value in always:
            headers.setdefault(name, value)
        return response

    from ideaportal.extensions import login_manager

    @login_manager.unauthorized_handler
    def _unauthorized() -> Any:
        login = url_for(
            "accounts.login",
            next=request.full_path
            if request.method == "GET"
            else request.referrer and urlsplit(request.referrer).path,
        )
        if wants_json():
            return error_response(401, _("Log in first."))
        if request.headers.get("HX-Request"):
            # htmx follows this header with a full page load instead of swapping a login form in.
            return Response("Please log in first.", status=401, headers={"HX-Redirect": login})
        flash(_("Please log in to continue."), "info")
        return redirect(login)

    app.jinja_env.globals["url_for"] = _remembering_url_for()
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["excerpt"] = plain_excerpt
    app.jinja_env.globals["can"] = can

    @app.context_processor
    def _globals() -> dict[str, Any]:
        # Once per request, however many templates it renders (a list renders a vote button
        # per idea); htmx fragments (vote buttons, similar ideas) have no bell at all. A full
        # page usually has the count already: it comes with the member's row.
        if "unread_notifications" not in g:
            g.unread_notifications = 0
            # Not shows_layout(): a form POST that fails renders the whole page again.
            if current_user.is_authenticated and not request.headers.get("HX-Request"):
                from ideaportal.notifications.services import unread_count

                g.unread_notifications = unread_count(current_user)
        unread = g.unread_notifications
        return {
            "site_name": app.config["SITE_NAME"],
            "product_name": app.config["PRODUCT_NAME"],
            "unread_notifications": unread,
        }

    from ideaportal.core.timefmt import register_filters

    register_filters(app)
