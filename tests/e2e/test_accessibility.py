"""axe-core on the main pages (the fifteen of every day plus the admin pages for tokens,
single sign-on, the widget, companies and webhooks), in English and German: no serious or
critical violation. And the same pages fit a 375 px wide phone without sideways scrolling.

axe comes from npm (frontend/node_modules/axe-core), never from a CDN; it is evaluated in
the page by Playwright, so the site's CSP (script-src 'self') needs no exception.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from ideaportal.accounts.models import Role
from ideaportal.community import announcements, moderation
from ideaportal.community.models import AnnouncementKind, FlagReason
from ideaportal.core.model_base import utcnow
from ideaportal.ideas import services as ideas
from ideaportal.ideas.models import IdeaStatus
from tests.e2e.conftest import log_in, screenshot

AXE = Path(__file__).resolve().parents[2] / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
LANGUAGES = {"en": "en-US", "de": "de-DE"}


def _community(make: Any) -> dict[str, Any]:
    """A small community: ideas with votes, statuses, a comment, news, a flag, a draft."""
    pm, cm = make.user(Role.PRODUCT_MANAGER), make.user(Role.COMMUNITY_MANAGER)
    admin = make.user(Role.ADMIN)
    board = make.board()
    first = make.idea(
        board=board, title="Export timesheets to payroll", body="Monthly payroll export"
    )
    make.idea(board=board, title="Payroll export for timesheets", body="timesheets payroll")
    planned = make.idea(board=board, title="Swap shifts without a manager", body="Swaps")
    for _ in range(3):
        ideas.set_vote(make.user(), first, True)
    ideas.change_status(pm, planned, IdeaStatus.UNDER_REVIEW)
    ideas.change_status(pm, planned, IdeaStatus.PLANNED, "Next quarter")
    ideas.add_comment(make.user(), first, "We need this **every month**.")
    ideas.set_vote(admin, planned, True)
    ideas.change_status(pm, planned, IdeaStatus.IN_PROGRESS, "Started")  # tells the admin
    shipped = make.idea(board=board, title="Dark mode for the rota", body="Night shifts")
    for step in (IdeaStatus.PLANNED, IdeaStatus.IN_PROGRESS, IdeaStatus.SHIPPED):
        ideas.change_status(pm, shipped, step)  # a closed idea's count on the home page
    ideas.add_comment(pm, first, "On the roadmap for spring.", official=True)
    news = announcements.save(
        cm,
        None,
        title="What shipped in March",
        body="Exports, swaps and more.",
        kind=AnnouncementKind.GENERAL,
        idea_ids=[],
        publish_at=None,
    )
    announcements.publish_now(cm, news)
    announcements.save(
        cm,
        None,
        title="Roadmap update for next month",
        body="Plans",
        kind=AnnouncementKind.ROADMAP,
        idea_ids=[],
        publish_at=utcnow() + timedelta(days=1),
    )
    comment = ideas.add_comment(make.user(), first, "This is a scam, you thieves")
    moderation.flag(make.user(), comment, FlagReason.ABUSIVE, "insults")
    return {"admin": admin, "idea": first}


def _pages(idea_id: int) -> list[tuple[str, str, bool]]:
    """(name, path, as staff)"""
    return [
        ("home", "/", False),
        ("idea", f"/ideas/{idea_id}", False),
        ("roadmap", "/roadmap", False),
        ("announcements", "/announcements", False),
        ("login", "/login", False),
        ("signup", "/signup", False),
        ("guidelines", "/guidelines", False),
        ("idea-staff", f"/ideas/{idea_id}", True),  # the official answer's Delete link
        ("new-idea", "/ideas/new", True),
        ("triage", "/triage", True),
        ("duplicates", "/triage/duplicates", True),
        ("calendar", "/community/calendar", True),
        ("kpis", "/community/dashboard", True),
        ("moderation", "/moderation", True),
        ("notifications", "/notifications", True),
        ("api-tokens", "/me/tokens", True),
        ("sso", "/admin/sso", True),
        ("widget", "/admin/widget", True),
        ("companies", "/admin/companies", True),
        ("webhooks", "/admin/webhooks", True),
    ]


def _serious_violations(tab: Any) -> list[str]:
    if not tab.evaluate("typeof window.axe !== 'undefined'"):
        tab.evaluate(AXE.read_text())
    result = tab.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): " + "; ".join(_describe(node) for node in v["nodes"][:6])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _describe(node: dict[str, Any]) -> str:
    """Where, and for contrast the colours, so a failure says what to change."""
    where = str(node["target"][0]) if node["target"] else "?"
    data = next((c.get("data") for c in node.get("any", []) if c.get("data")), None)
    if isinstance(data, dict) and "contrastRatio" in data:
        return f"{where} {data['fgColor']} on {data['bgColor']} = {data['contrastRatio']}"
    return where


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_main_pages_have_no_serious_accessibility_violation(browser, live_server, make, language):
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make assets` (npm ci in frontend/)")
    community = _community(make)
    found: dict[str, list[str]] = {}
    for staff in (False, True):
        context = browser.new_context(
            base_url=live_server,
            locale=LANGUAGES[language],
            viewport={"width": 1280, "height": 900},
        )
        tab = context.new_page()
        if staff:
            log_in(tab, community["admin"])
        for name, path, as_staff in _pages(community["idea"].id):
            if as_staff != staff:
                continue
            tab.goto(path)
            assert tab.get_attribute("html", "lang") == language, path
            violations = _serious_violations(tab)
            if violations:
                found[name] = violations
            screenshot(tab, f"desktop-{language}-{name}")
        context.close()
    assert found == {}, found


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_main_pages_fit_a_375px_phone(browser, live_server, make, language):
    community = _community(make)
    overflowing: dict[str, int] = {}
    for staff in (False, True):
        context = browser.new_context(
            base_url=live_server, locale=LANGUAGES[language], viewport={"width": 375, "height": 800}
        )
        tab = context.new_page()
        if staff:
            log_in(tab, community["admin"])
        for name, path, as_staff in _pages(community["idea"].id):
            if as_staff != staff:
                continue
            tab.goto(path)
            width = tab.evaluate("document.scrollingElement.scrollWidth")
            if width > 375:
                overflowing[name] = width
            screenshot(tab, f"phone-{language}-{name}")
        context.close()
    assert overflowing == {}, overflowing


@pytest.mark.parametrize("width", [1280, 375])
def test_calendar_draft_cards_keep_their_move_controls_inside(browser, live_server, make, width):
    community = _community(make)
    context = browser.new_context(
        base_url=live_server, locale="de-DE", viewport={"width": width, "height": 900}
    )
    tab = context.new_page()
    log_in(tab, community["admin"])
    tab.goto("/community/calendar")
    cards = tab.locator(".cal-post:has(form.reschedule)")
    assert cards.count() >= 1
    for i in range(cards.count()):
        card = cards.nth(i).bounding_box()
        for control in ("input[type=date]", "button"):
            box = cards.nth(i).locator(f"form.reschedule {control}").bounding_box()
            assert box is not None and card is not None
            assert box["x"] >= card["x"] - 0.5, control
            assert box["x"] + box["width"] <= card["x"] + card["width"] + 0.5, control
    screenshot(tab, f"calendar-de-{width}")
    context.close()
