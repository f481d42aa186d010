"""A live server on 127.0.0.1 and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("IDEAPORTAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(items: list[Any]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `make test-deps` (apt install chromium)"
        )
    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def live_server(app: Any) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def page(browser: Any, live_server: str) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield tab
    context.close()
    # A page that throws, or a CSP violation, is a bug even when the test's clicks worked.
    assert errors == [], errors


def screenshot(tab: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    return path


def log_in(tab: Any, user: Any) -> None:
    """Log the browser tab in as the user (the factory's password) and wait for the page
    after the form."""
    from tests.factories import Factory

    tab.goto("/login")
    tab.fill("#email", user.email)
    tab.fill("#password", Factory.PASSWORD)
    tab.click("form[method=post] button[type=submit]")
    tab.wait_for_url(lambda url: "/login" not in url)


def triage_queue_of_two(make: Any) -> Any:
    """A product manager and a board of two ideas, the first with three votes (it leads the
    queue). Returns the product manager."""
    from ideaportal.accounts.models import Role
    from ideaportal.ideas import services as ideas

    pm = make.user(Role.PRODUCT_MANAGER)
    board = make.board("web-app", name="Web app")
    first = make.idea(board=board, title="Most wanted: shift swap marketplace")
    make.idea(board=board, title="Second: export to DATEV")
    for _ in range(3):
        ideas.toggle_vote(make.user(), first)
    return pm
