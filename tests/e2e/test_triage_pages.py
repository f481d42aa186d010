"""Product manager pages in the browser: the triage queue's keys and the roadmap."""

from __future__ import annotations

from ideaportal.accounts.models import Role
from ideaportal.ideas import services as ideas
from ideaportal.ideas.models import IdeaStatus
from tests.e2e.conftest import log_in, screenshot, triage_queue_of_two


def test_triage_queue_keyboard_selects_and_bulk_updates(page, make):
    pm = triage_queue_of_two(make)
    log_in(page, pm)
    page.goto("/triage")
    page.locator(".triage-row input[type=checkbox]").first.focus()  # keys act in the table
    page.keyboard.press("j")
    page.keyboard.press("x")
    assert page.inner_text("#selected-count") == "1"
    page.click(".demand summary")
    assert page.is_visible(".demand-parts")
    screenshot(page, "triage-queue")
    page.select_option("#bulk-status", "under_review")
    page.fill("input[name=note]", "Reviewing this sprint")
    page.click("button[value=status]")
    page.wait_for_selector("text=Done for 1 idea(s).")


def test_roadmap_columns(page, make):
    pm = make.user(Role.PRODUCT_MANAGER)
    for title, path in (
        ("Planned: team availability view", ["planned"]),
        ("Building: Outlook calendar sync", ["planned", "in_progress"]),
        ("Shipped: dark mode", ["planned", "in_progress", "shipped"]),
    ):
        idea = make.idea(title=title)
        for step in path:
            ideas.change_status(pm, idea, IdeaStatus(step), f"Update: {step.replace('_', ' ')}")
    page.goto("/roadmap")
    for title in (
        "Planned: team availability view",
        "Building: Outlook calendar sync",
        "Shipped: dark mode",
    ):
        assert page.is_visible(f"text={title}")
    screenshot(page, "roadmap")
