"""Community manager pages in the browser: the KPI charts, the calendar, moderation."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from ideaportal.accounts.models import Role
from ideaportal.community import announcements, moderation
from ideaportal.community.models import Announcement, AnnouncementKind, FlagReason
from ideaportal.core.model_base import utcnow
from ideaportal.extensions import db
from ideaportal.ideas import services as ideas
from tests.e2e.conftest import screenshot
from tests.factories import Factory


def _log_in(page, user) -> None:
    page.goto("/login")
    page.fill("#email", user.email)
    page.fill("#password", Factory.PASSWORD)
    page.click("button:has-text('Log in')")
    page.wait_for_selector("text=Welcome back")


def test_dashboard_draws_a_chart_per_series(page, make):
    cm = make.user(Role.COMMUNITY_MANAGER)
    idea = make.idea()
    for _ in range(3):
        ideas.toggle_vote(make.user(), idea)
    _log_in(page, cm)
    page.goto("/community/dashboard")
    page.wait_for_function("document.querySelectorAll('canvas.kpi-chart').length > 0")
    drawn = page.evaluate(
        "Array.from(document.querySelectorAll('canvas.kpi-chart'))"
        ".every(c => window.Chart.getChart(c))"
    )
    assert drawn
    assert page.inner_text("[data-kpi=votes] .kpi-value").startswith("3")
    screenshot(page, "kpi-dashboard")


def test_calendar_and_moderation_queue(page, make):
    cm = make.user(Role.COMMUNITY_MANAGER)
    announcements.save(
        cm,
        None,
        title="Roadmap update for next month",
        body="Plans",
        kind=AnnouncementKind.ROADMAP,
        idea_ids=[],
        publish_at=utcnow() + timedelta(days=2),
    )
    idea = make.idea(title="Heated thread about pricing")
    comment = ideas.add_comment(make.user(), idea, "This is a scam, you thieves")
    moderation.flag(make.user(), comment, FlagReason.ABUSIVE, "insults")
    _log_in(page, cm)
    page.goto(
        "/community/calendar?view=week&week=" + (utcnow() + timedelta(days=2)).date().isoformat()
    )
    assert page.is_visible("text=Roadmap update for next month")
    screenshot(page, "calendar")
    # Drag the scheduled post to a neighbouring day of the same week: it moves there.
    post_day = (utcnow() + timedelta(days=2)).date()
    target = post_day - timedelta(days=1) if post_day.weekday() else post_day + timedelta(days=1)
    target = target.isoformat()
    # Grabbed by its edge, as a person would: the middle of the card is its date field.
    page.drag_and_drop(
        ".cal-post[draggable=true]",
        f".cal-day[data-date='{target}']",
        source_position={"x": 3, "y": 3},
    )
    page.wait_for_selector("text=moved to")
    db.session.expire_all()
    post = db.session.scalar(select(Announcement))
    assert post.publish_at.date().isoformat() == target
    page.goto("/moderation")
    page.fill("input[name=act-reason]", "Insults are not allowed")
    page.click("button[value=hide]")
    page.wait_for_selector("text=Done: hidden")
    screenshot(page, "moderation")
