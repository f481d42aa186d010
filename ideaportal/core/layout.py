"""The page layout's navigation, footer and asset links, rendered once per kind of page.

Every full page draws the same header and footer around its content: about forty links and
as many translated labels, close to a third of a member's home page. What they show depends
on few things: the language, the page's endpoint (the active tab), whether someone is
logged in and which workspace pages they may open. So each part is rendered once per such
key and process, with a slot wherever the request has its own value (the member's name, the
bell's count, the CSRF token, the search words, the way back after a language change), and
every request fills the slots (`core.slots`).

A part is a template under `layout/`; `base.html` shows one with `{{ layout_part("nav") }}`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, request, url_for
from flask_babel import lazy_gettext as _
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from ideaportal.core.csrf import form_token
from ideaportal.core.permissions import can
from ideaportal.core.slots import Fragment
from ideaportal.core.web import viewer

# The workspace menu of staff: (permission, endpoint, label, icon).
WORKSPACE: tuple[tuple[str, str, Any, str], ...] = (
    ("triage", "triage.queue", _("Triage queue"), "bi-sort-down"),
    ("triage", "dedup.duplicates", _("Duplicates"), "bi-union"),
    ("moderate", "community.moderation_queue", _("Moderation"), "bi-shield-check"),
    (
        "community_dashboard",
        "community.response_duty",
        _("Waiting for an answer"),
        "bi-hourglass-split",
    ),
    ("edit_announcements", "community.calendar", _("Editorial calendar"), "bi-calendar3"),
    ("community_dashboard", "community.dashboard", _("Community KPIs"), "bi-graph-up"),
    ("manage_users", "admin.users", _("Users and roles"), "bi-people"),
    ("manage_boards", "ideas.manage_boards", _("Boards"), "bi-kanban"),
    ("manage_teams", "triage.teams", _("Product teams"), "bi-diagram-3"),
    ("manage_companies", "companies.manage", _("Companies"), "bi-buildings"),
    ("manage_sso", "sso.providers", _("Single sign-on"), "bi-key"),
    ("manage_widget", "widget.settings", _("Feedback widget"), "bi-window-stack"),
    ("manage_webhooks", "webhooks.subscriptions", _("Event webhooks"), "bi-broadcast"),
)


def _viewer_kind() -> tuple[Any, ...]:
    """Who looks, as far as the header cares: nobody, a member, or staff with the workspace
    pages they may open."""
    looking = viewer()
    if not looking.is_authenticated:
        return ("visitor",)
    if not looking.is_staff:
        return ("member",)
    return ("staff", tuple(can(looking, item[0]) for item in WORKSPACE))


def _this_page() -> str | None:
    """Where to come back to after logging in or changing the language (not a form's POST)."""
    return request.full_path if request.method == "GET" else None


def _way_back() -> str:
    return _this_page() or url_for("ideas.index")


def _nav_slots(context: Context) -> dict[str, str]:
    searched = request.args.get("q", "")
    member = viewer()
    if not member.is_authenticated:
        return {"q": searched, "login_url": url_for("accounts.login", next=_this_page())}
    unread = int(context.get("unread_notifications") or 0)
    return {
        "q": searched,
        "csrf": form_token(),
        "name": member.display_name,
        "role": member.role.label,
        "unread": str(unread),
        "unread_hidden": "" if unread else "d-none",
    }


@dataclass(frozen=True)
class _Part:
    fragment: Fragment
    key: Callable[[], tuple[Any, ...]]  # what the part's rendering depends on besides language
    slots: Callable[[Context], dict[str, str]]  # this request's values


_PARTS = {
    "head": _Part(Fragment("layout/_head.html"), lambda: (), lambda _c: {}),
    "nav": _Part(
        Fragment("layout/_nav.html"), lambda: (request.endpoint, _viewer_kind()), _nav_slots
    ),
    "footer": _Part(
        Fragment("layout/_footer.html"), lambda: (), lambda _c: {"way_back": _way_back()}
    ),
}


@pass_context
def layout_part(context: Context, name: str) -> Markup:
    part = _PARTS[name]
    return part.fragment.render(part.key(), part.slots(context))


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(layout_part=layout_part, workspace=WORKSPACE)
