"""The Redmine connector against a real Redmine (.ci/redmine.sh starts one; `make test`
deselects these without it): hand-off -> issue in Redmine -> status changed in Redmine ->
the worker's poll -> the idea's status -> every voter told."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from ideaportal.accounts.models import Role
from ideaportal.extensions import db
from ideaportal.ideas import services as ideas
from ideaportal.ideas.models import IdeaStatus, StatusChange
from ideaportal.notifications.models import Notification, OutboxEmail
from ideaportal.triage import connections, services, tasks
from ideaportal.triage.connectors import connector_for
from ideaportal.triage.models import DeliveryState, HandoffState, ProductTeam
from ideaportal.triage.outbound import TargetPolicy
from tests.conftest import login_as
from tests.triage.redmine_team import RedmineTeam

pytestmark = pytest.mark.redmine

MAPPING = "In Progress = in_progress\nClosed = shipped\nRejected = declined"


@pytest.fixture
def redmine() -> Iterator[RedmineTeam]:
    team = RedmineTeam()
    yield team
    team.close()


@pytest.fixture
def loopback_app(app):
    # Redmine runs on 127.0.0.1 here: the explicit allow for the configured loopback.
    app.config.update(WEBHOOK_ALLOW_HTTP_LOOPBACK=True, WEBHOOK_RETRY_BASE_SECONDS=0)
    return app


def _team_form(redmine: RedmineTeam, **changes: str) -> dict[str, str]:
    data = {
        "name": "Scheduling squad",
        "connector_kind": "redmine",
        "tracker_url": redmine.url,
        "tracker_project": redmine.project,
        "tracker_api_key": redmine.key,
        "status_map": MAPPING,
    }
    data.update(changes)
    return data


def _redmine_team(client, make, redmine: RedmineTeam) -> ProductTeam:
    login_as(client, make.user(Role.ADMIN))
    page = client.post("/admin/teams", data=_team_form(redmine))
    assert page.status_code in (200, 302), page.get_data(as_text=True)[:2000]
    client.post("/logout")
    [team] = services.list_teams()
    return team


def _poll() -> int:
    return tasks.poll_trackers.call_local()  # what the worker runs every minute


def test_redmine_round_trip_ships_the_idea_and_tells_every_voter(
    loopback_app, client, make, redmine
):
    team = _redmine_team(client, make, redmine)
    assert team.connector is not None and redmine.key not in team.connector.api_key_encrypted
    idea = make.idea(title="Swap shifts from the phone", body="Nurses swap **20 shifts** a week.")
    voters = [make.user() for _ in range(3)]
    for voter in voters:
        ideas.toggle_vote(voter, idea)
    pm = make.pm()
    login_as(client, pm)
    client.post(f"/ideas/{idea.id}/handoff", data={"handoff-team": team.id})

    # The issue exists in the team's Redmine project, with the idea, its demand and the way back.
    [issue] = redmine.issues()
    assert issue["subject"] == "Swap shifts from the phone"
    assert "Nurses swap **20 shifts** a week." in issue["description"]
    assert "3 votes" in issue["description"] and "Demand score" in issue["description"]
    assert f"http://portal.test/ideas/{idea.id}" in issue["description"]
    [handoff] = services.handoffs_of(idea)
    assert handoff.external_key == f"#{issue['id']}"
    assert handoff.external_url == f"{redmine.url}/issues/{issue['id']}"
    assert handoff.external_status == "New"
    assert handoff.deliveries[0].state == DeliveryState.DELIVERED
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert f'href="{redmine.url}/issues/{issue["id"]}"' in page and "New" in page

    # A developer starts work in Redmine; the worker's poll moves the idea.
    redmine.set_status(handoff.external_key, "In Progress")
    assert _poll() == 1
    db.session.expire_all()
    assert idea.status == IdeaStatus.IN_PROGRESS and handoff.state == HandoffState.IN_PROGRESS

    # Closing the issue as done ships the idea, and every voter hears of it.
    redmine.set_status(handoff.external_key, "Closed")
    assert _poll() == 1
    db.session.expire_all()
    assert idea.status == IdeaStatus.SHIPPED and handoff.state == HandoffState.SHIPPED
    change = db.session.scalars(
        select(StatusChange).where(StatusChange.idea_id == idea.id).order_by(StatusChange.id.desc())
    ).first()
    assert change.source == "Scheduling squad"
    assert change.note == f"Closed in Redmine ({handoff.external_key})."
    for voter in voters:
        told = db.session.scalars(
            select(Notification.message).where(
                Notification.user_id == voter.id, Notification.kind == "status_changed"
            )
        ).all()
        assert "“Swap shifts from the phone” is now shipped." in told
    emailed = set(
        db.session.scalars(
            select(OutboxEmail.to_address).where(OutboxEmail.subject.contains("is now shipped"))
        )
    )
    assert {v.email for v in voters} <= emailed

    # The connector reads one issue's status too (for trackers without a change list).
    settings = connections.settings_of(team, TargetPolicy(allow_http_loopback=True))
    assert connector_for(settings).fetch_status(handoff.external_key).status == "Closed"

    # Polling again tells nobody twice.
    before = db.session.query(Notification).count()
    assert _poll() == 0
    assert db.session.query(Notification).count() == before


def test_a_rejected_issue_declines_the_idea_with_a_reason(loopback_app, client, make, redmine):
    team = _redmine_team(client, make, redmine)
    idea = make.idea()
    voter = make.user()
    ideas.toggle_vote(voter, idea)
    handoff = services.hand_off(make.pm(), idea, team)
    db.session.expire_all()  # the delivery job ran in its own session
    redmine.set_status(handoff.external_key, "Rejected")
    assert _poll() == 1
    db.session.expire_all()
    assert idea.status == IdeaStatus.DECLINED
    told = db.session.scalars(select(Notification.message).where(Notification.user_id == voter.id))
    assert any("is now declined" in m for m in told)


def test_an_unmapped_redmine_status_is_shown_but_changes_nothing(
    loopback_app, client, make, redmine
):
    team = _redmine_team(client, make, redmine)
    idea = make.idea()
    handoff = services.hand_off(make.pm(), idea, team)
    db.session.expire_all()  # the delivery job ran in its own session
    redmine.set_status(handoff.external_key, "Feedback")
    assert _poll() == 0
    db.session.expire_all()
    assert handoff.external_status == "Feedback" and idea.status == IdeaStatus.NEW


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"tracker_api_key": "0" * 40}, "Redmine refused the API key (401)."),
        ({"tracker_project": "no-such-project"}, "or the key&#39;s user cannot see it"),
        (
            {"status_map": "Done = shipped"},
            "The tracker has no status “Done”; its statuses are: New, In Progress",
        ),
    ],
)
def test_team_settings_are_checked_against_redmine_before_they_are_kept(
    loopback_app, client, make, redmine, changes, message
):
    login_as(client, make.user(Role.ADMIN))
    page = client.post("/admin/teams", data=_team_form(redmine, **changes))
    assert message in page.get_data(as_text=True)
    assert services.list_teams() == []


def test_redelivering_a_hand_off_does_not_open_a_second_issue(loopback_app, client, make, redmine):
    team = _redmine_team(client, make, redmine)
    pm = make.pm()
    handoff = services.hand_off(pm, make.idea(), team)
    db.session.expire_all()
    services.redeliver(pm, handoff.deliveries[0])
    assert len(redmine.issues()) == 1
    db.session.expire_all()
    assert [d.state for d in handoff.deliveries] == [DeliveryState.DELIVERED] * 2


def test_a_retry_after_a_lost_answer_finds_the_issue_instead_of_opening_another(
    loopback_app, client, make, redmine
):
    team = _redmine_team(client, make, redmine)
    pm = make.pm()
    handoff = services.hand_off(pm, make.idea(title="Swap shifts with a colleague"), team)
    db.session.expire_all()
    [issue] = redmine.issues()
    # Redmine created the issue, but its answer never reached the portal (a timeout).
    handoff.external_key = handoff.external_url = None
    db.session.commit()

    services.redeliver(pm, handoff.deliveries[0])

    assert [i["id"] for i in redmine.issues()] == [issue["id"]]
    db.session.expire_all()
    assert handoff.external_key == f"#{issue['id']}"
    assert handoff.external_url.endswith(f"/issues/{issue['id']}")
    # Another hand-off has its own marker: it gets an issue of its own.
    services.hand_off(pm, make.idea(title="Clock in from the kiosk"), team)
    assert len(redmine.issues()) == 2
