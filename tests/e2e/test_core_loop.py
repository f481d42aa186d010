"""The core loop in a real browser: sign up, post, vote without reload, hear back."""

from __future__ import annotations

from ideaportal.accounts.models import Role
from ideaportal.extensions import db
from ideaportal.ideas import services
from tests.e2e.conftest import screenshot
from tests.factories import Factory


def _log_in(page, email: str, password: str = Factory.PASSWORD) -> None:
    page.goto("/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("button:has-text('Log in')")
    page.wait_for_selector("text=Welcome back")


def test_newcomer_signs_up_posts_an_idea_and_votes_without_reload(page, make):
    make.board("web-app", name="Web app")
    other = make.idea(title="Let staff swap shifts in the app")
    page.goto("/signup")
    page.fill("#email", "newcomer@example.com")
    page.fill("#display_name", "New Comer")
    page.fill("#password", "a-long-password")
    page.fill("#confirm", "a-long-password")
    page.click("button:has-text('Create account')")
    page.wait_for_selector("text=Welcome, New Comer")

    page.click("text=Share an idea")
    page.select_option("#board", "web-app")
    page.fill("#title", "Dark mode for the scheduler")
    page.fill("#body", "My eyes hurt on **late** shifts.")
    page.click("button:has-text('Post idea')")
    page.wait_for_selector("h1:has-text('Dark mode for the scheduler')")
    assert page.inner_html(".idea-detail .markdown").count("<strong>late</strong>") == 1
    screenshot(page, "idea-detail")

    page.goto("/")
    page.evaluate("window.__noReload = true")
    card = page.locator(".idea-card", has_text=other.title)
    card.locator(".vote-btn").click()
    card.locator(".vote-btn[aria-pressed='true']").wait_for()
    assert card.locator(".vote-count").inner_text() == "1"
    assert page.evaluate("window.__noReload") is True  # htmx swapped the button, no reload
    screenshot(page, "idea-list")


def test_voter_sees_the_status_change_in_the_bell(page, make):
    voter = make.user()
    idea = make.idea(title="Export timesheets to DATEV")
    services.toggle_vote(voter, idea)
    pm = make.user(Role.PRODUCT_MANAGER)

    _log_in(page, pm.email)
    page.goto(f"/ideas/{idea.id}")
    page.select_option("#status-status", "planned")
    page.fill("#status-note", "Planned for the spring release.")
    page.click("button:has-text('Update and tell')")
    page.wait_for_selector("text=Status set to planned")
    page.click("button.dropdown-toggle")
    page.click("button:has-text('Log out')")

    _log_in(page, voter.email)
    badge = page.locator(".bell-badge")
    assert badge.inner_text().startswith("1")
    page.click("a.bell")
    page.wait_for_selector(f"text=“{idea.title}” is now planned.")
    db.session.expire_all()
    assert idea.status.value == "planned"


def test_pages_fit_a_phone_screen(browser, live_server, make):
    for n in range(3):
        make.idea(title=f"Phone friendly idea number {n}")
    context = browser.new_context(base_url=live_server, viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto("/")
    overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    screenshot(tab, "index-phone")
    context.close()
    assert overflow <= 0
