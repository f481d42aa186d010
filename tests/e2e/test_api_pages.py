"""The API reference page renders every operation from our own static files, under the
portal's Content-Security-Policy (no CDN, no inline script), and the token and webhook
pages look like the rest of the product."""

from __future__ import annotations

from ideaportal.accounts.models import Role
from tests.e2e.conftest import screenshot
from tests.factories import Factory


def _log_in(page, user) -> None:
    page.goto("/login")
    page.fill("#email", user.email)
    page.fill("#password", Factory.PASSWORD)
    page.click("button:has-text('Log in')")
    page.wait_for_selector("text=Welcome back")


def test_reference_page_lists_the_operations_without_csp_violations(page, live_server):
    violations: list[str] = []
    page.on(
        "console", lambda m: violations.append(m.text) if "Content Security" in m.text else None
    )
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto("/api/v1/docs")
    page.wait_for_selector(".opblock-summary", timeout=15_000)
    operations = page.locator(".opblock-summary").count()
    assert operations >= 40
    assert page.locator("text=Post an idea").count() >= 1
    assert violations == []
    assert all(url.startswith(live_server) for url in requests), requests
    page.locator(".opblock-summary:has-text('Post an idea')").first.click()
    page.wait_for_selector("text=Token scope: write.")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(screenshot(page, "api-reference")), full_page=False)


def test_token_and_webhook_pages(page, make):
    admin = make.user(Role.ADMIN)
    _log_in(page, admin)
    page.goto("/me/tokens")
    page.fill("#name", "Roadmap sync")
    page.check("#write")
    page.click("button:has-text('Create token')")
    page.wait_for_selector("#new-token")
    assert page.inner_text("#new-token").startswith("ip_")
    screenshot(page, "api-tokens")
    page.goto("/admin/webhooks")
    assert page.locator("text=Subscribe a URL").count() == 1
    screenshot(page, "event-webhooks")
