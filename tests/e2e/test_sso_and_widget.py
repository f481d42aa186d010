"""Single sign-on and the feedback widget in Chromium: log in through a real OpenID provider's
pages, and post from a host page on another origin that embeds the widget."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select
from werkzeug.serving import make_server

from ideaportal.accounts.models import Role, User
from ideaportal.extensions import db
from ideaportal.ideas.models import Idea
from ideaportal.widget import services as widget
from tests.e2e.conftest import screenshot
from tests.sso.conftest import add_provider, oidc_issuer, set_claims  # noqa: F401
from tests.widget.helpers import identity_token


def test_member_logs_in_with_the_company_identity_provider(app, page, live_server, oidc_issuer):  # noqa: F811
    app.config.update(BASE_URL=live_server, SSO_ALLOW_HTTP_LOOPBACK=True)
    add_provider(oidc_issuer)
    set_claims(
        oidc_issuer,
        "erin-1",
        email="erin@acme.example",
        email_verified=True,
        name="Erin Example",
        company="Acme Logistics",
    )
    # The provider's pages load a stylesheet from a CDN; this machine has no internet.
    page.route("https://cdn.jsdelivr.net/**", lambda route: route.fulfill(body="", status=200))
    page.goto("/login?next=/me")
    screenshot(page, "login-with-sso")
    page.click("a:has-text('Log in with Acme SSO')")
    page.wait_for_url(f"{oidc_issuer}/oauth2/authorize**")  # the provider's consent form
    page.fill("input[name=sub]", "erin-1")
    page.click("button:has-text('Authorize')")
    page.wait_for_url(f"{live_server}/me")  # back through the callback, where we started
    page.wait_for_selector("text=Welcome, Erin Example")
    assert "Erin Example" in page.inner_text("nav")
    erin = db.session.scalar(select(User).where(User.email == "erin@acme.example"))
    assert erin is not None and erin.company is not None
    assert erin.company.name == "Acme Logistics"


@pytest.fixture
def host_site() -> Iterator[tuple[dict[str, str], int]]:
    """The customer's own product, on another port (another origin) than the portal."""
    pages: dict[str, str] = {}
    site = Flask("customer_product")

    @site.get("/<name>")
    def serve(name: str) -> tuple[str, int]:
        if name == "favicon.ico":
            return "", 204
        return pages.get(name, "not found"), 200 if name in pages else 404

    server = make_server("127.0.0.1", 0, site, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield pages, server.server_port
    server.shutdown()


def _host_page(portal: str, token: str | None) -> str:
    token_attr = f' data-token="{token}"' if token else ""
    return (
        "<!doctype html><html><head><title>Shiftly - your rota</title></head><body>"
        "<h1>Your rota this week</h1><p>Mon 8-16, Tue 8-16, Wed off.</p>"
        f'<script src="{portal}/widget.js" data-board="general"{token_attr} defer></script>'
        "</body></html>"
    )


@pytest.fixture
def tab(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    messages: list[str] = []
    tab.on("pageerror", lambda exc: messages.append(f"pageerror: {exc}"))
    tab.on("console", lambda msg: messages.append(msg.text) if msg.type == "error" else None)
    yield tab, messages
    context.close()


@pytest.fixture
def embedded(
    app: Any, live_server: str, host_site: tuple[dict[str, str], int], make: Any
) -> Callable[[str | None, str], str]:
    """Allow http://localhost:<host port> to embed the widget; returns a function that puts
    a host page up and gives its URL."""
    pages, port = host_site
    app.config["BASE_URL"] = live_server
    admin = make.user(Role.ADMIN)
    app.config["_WIDGET_SECRET"] = widget.rotate_secret(admin)
    widget.save_allowed_origins(admin, f"http://localhost:{port}")

    def put(token: str | None, host: str = "localhost") -> str:
        name = f"page{len(pages)}"
        pages[name] = _host_page(live_server, token)
        return f"http://{host}:{port}/{name}"

    return put


def _open_widget(tab: Any) -> Any:
    tab.click("button[data-ideaportal=open]")
    return tab.frame_locator("iframe[title='Share an idea']")


def test_customer_posts_from_the_widget_and_the_idea_is_theirs_on_the_portal(
    app, tab, embedded, live_server, make
):
    page, messages = tab
    make.idea(title="Export the weekly schedule as PDF")
    token = identity_token(
        app.config["_WIDGET_SECRET"],
        email="carla@customer.example",
        name="Carla Customer",
        company="Acme Logistics",
    )
    page.goto(embedded(token))
    frame = _open_widget(page)
    frame.locator(
        "#widget-identity", has_text="Posting as Carla Customer · Acme Logistics"
    ).wait_for()

    # Similar ideas while typing, and a vote instead of a duplicate.
    frame.locator("#widget-title").fill("Export schedule as PDF")
    similar = frame.locator(".widget-similar-item", has_text="Export the weekly schedule as PDF")
    similar.wait_for()
    # A screen reader hears one sentence, not the list (which is no live region).
    frame.locator("#widget-similar-status", has_text="similar idea").wait_for(state="attached")
    assert frame.locator("#widget-similar[aria-live], #widget-similar-list[aria-live]").count() == 0
    assert "(opens in a new tab)" in similar.locator("a").inner_text()
    similar.locator("button:has-text('Vote')").click()
    similar.locator("button:has-text('Voted')").wait_for()
    screenshot(page, "widget-similar-and-vote")

    frame.locator("#widget-title").fill("Print the rota with one colour per team")
    frame.locator("#widget-body").fill("Posted from inside the product.")
    frame.locator("#widget-post").click()
    frame.locator("#widget-done", has_text="Your idea is posted").wait_for()
    screenshot(page, "widget-posted")

    idea = db.session.scalar(select(Idea).where(Idea.title.like("Print the rota%")))
    assert idea is not None and idea.author.display_name == "Carla Customer"
    assert idea.author.company.name == "Acme Logistics"
    page.goto(f"{live_server}/ideas/{idea.id}")
    page.wait_for_selector("h1:has-text('Print the rota with one colour per team')")
    assert "Carla Customer" in page.inner_text(".idea-detail")
    assert messages == []


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("forged", "The identity token's signature is not valid"),
        ("expired", "Your sign-in from the product has expired."),
    ],
)
def test_forged_and_expired_tokens_leave_the_widget_signed_out(app, tab, embedded, kind, message):
    page, messages = tab
    secret = (
        "a-secret-the-portal-never-issued" if kind == "forged" else app.config["_WIDGET_SECRET"]
    )
    token = identity_token(
        secret,
        expires_in=-300 if kind == "expired" else 600,
        email="mallory@customer.example",
        name="Mallory",
    )
    page.goto(embedded(token))
    frame = _open_widget(page)
    frame.locator("#widget-error", has_text=message).wait_for()
    assert frame.locator("#widget-identity").inner_text() == "Not signed in"
    assert frame.locator("#widget-post").is_hidden()
    assert frame.locator("#widget-login").is_visible()
    screenshot(page, f"widget-{kind}-token")
    assert db.session.scalar(select(User).where(User.email == "mallory@customer.example")) is None
    # The only console line is the browser reporting the refused request (401).
    assert all("status of 401" in m for m in messages), messages


def test_a_site_not_on_the_allow_list_cannot_frame_the_widget(app, tab, embedded):
    page, messages = tab
    token = identity_token(app.config["_WIDGET_SECRET"], email="x@customer.example")
    # Same server, but 127.0.0.1 instead of localhost: another origin, not allowed.
    page.goto(embedded(token, host="127.0.0.1"))
    frame = _open_widget(page)
    page.wait_for_timeout(1000)
    assert frame.locator("#widget-title").count() == 0
    assert any("frame-ancestors" in m for m in messages), messages
    assert db.session.scalar(select(User).where(User.email == "x@customer.example")) is None


def test_admin_pages_for_companies_sign_in_and_widget(app, page, live_server, make):
    from ideaportal.companies import services as companies
    from ideaportal.ideas import services as ideas
    from tests.e2e.test_core_loop import _log_in

    acme = companies.save_company(
        None,
        None,
        name="Acme Logistics",
        plan="Enterprise",
        monthly_revenue=24000,
        segment="Enterprise",
    )
    voter = make.user(display_name="Ann Acme")
    companies.assign_member(None, voter, acme)
    idea = make.idea(title="Shift swap approvals on mobile")
    ideas.set_vote(voter, idea, True)
    admin = make.user(Role.ADMIN)
    _log_in(page, admin.email)

    page.goto("/admin/companies")
    page.fill("#name", "Corner Bakery")
    page.fill("#monthly_revenue", "300")
    page.fill("#segment", "SMB")
    page.click("button:has-text('Save company')")
    page.wait_for_selector("text=Company Corner Bakery saved.")
    assert "24,000" in page.inner_text("#company-list")
    screenshot(page, "admin-companies")

    page.goto("/admin/sso")
    page.wait_for_selector("text=Add a provider")
    screenshot(page, "admin-sso")
    page.goto("/admin/widget")
    page.click("button:has-text('Create a secret')")
    page.wait_for_selector("text=Copy the secret now")
    screenshot(page, "admin-widget")

    page.goto("/triage")
    page.click(".demand summary")
    assert "companies, per month" in page.inner_text(".demand-parts")
    screenshot(page, "triage-revenue")
    page.goto(f"/ideas/{idea.id}")
    assert "Acme Logistics" in page.inner_text("#companies-asking")
    screenshot(page, "idea-companies-asking")
