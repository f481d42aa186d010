"""An admin connects a team to Redmine in the browser; a PM hands an idea off and sees the
Redmine issue and its status on the idea page (needs a real Redmine, like test_redmine.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ideaportal.accounts.models import Role
from ideaportal.triage import tasks
from tests.e2e.conftest import screenshot
from tests.factories import Factory
from tests.triage.redmine_team import RedmineTeam

pytestmark = pytest.mark.redmine


@pytest.fixture
def redmine(app) -> Iterator[RedmineTeam]:
    app.config.update(WEBHOOK_ALLOW_HTTP_LOOPBACK=True)
    team = RedmineTeam()
    yield team
    team.close()


def _log_in(page, user) -> None:
    page.context.clear_cookies()
    page.goto("/login")
    page.fill("#email", user.email)
    page.fill("#password", Factory.PASSWORD)
    page.click("button:has-text('Log in')")


def test_admin_connects_a_team_to_redmine_and_a_pm_sees_the_issue(page, make, redmine):
    admin, pm = make.user(Role.ADMIN), make.pm()
    idea = make.idea(title="Swap shifts from the phone")
    _log_in(page, admin)
    page.goto("/admin/teams")
    page.fill("#name", "Scheduling squad")
    page.select_option("#connector_kind", "redmine")
    page.fill("#tracker_url", redmine.url)
    page.fill("#tracker_project", redmine.project)
    page.fill("#tracker_api_key", redmine.key)
    page.click("button:has-text('Save team')")
    page.wait_for_selector("text=Team Scheduling squad saved.")
    page.click("a.list-group-item:has-text('Scheduling squad')")
    page.wait_for_selector("text=Edit Scheduling squad")
    assert page.input_value("#connector_kind") == "redmine"
    assert page.input_value("#tracker_url") == redmine.url
    assert page.input_value("#tracker_api_key") == ""  # never shown again
    assert "Closed = shipped" in page.input_value("#status_map")
    screenshot(page, "team-redmine-settings")

    _log_in(page, pm)
    page.goto(f"/ideas/{idea.id}")
    page.select_option("select[name='handoff-team']", label="Scheduling squad")
    page.click("button:has-text('Hand off')")
    page.wait_for_selector("text=Handed off to Scheduling squad.")
    [issue] = redmine.issues()
    link = page.locator(f"#handoff a[href='{redmine.url}/issues/{issue['id']}']")
    assert link.inner_text() == f"#{issue['id']}"
    redmine.set_status(f"#{issue['id']}", "In Progress")
    tasks.poll_trackers.call_local()
    page.reload()
    assert page.inner_text("#handoff .external-status") == "In Progress"
    screenshot(page, "idea-handoff-redmine")
