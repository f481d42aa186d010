"""Connector plumbing that needs no Redmine: settings validation, the status mapping, a
tracker that does not answer, and the hand-off events other modules hear."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from sqlalchemy import select

from ideaportal.accounts.models import Role
from ideaportal.core.errors import ValidationFailed
from ideaportal.extensions import db
from ideaportal.notifications.models import Notification
from ideaportal.triage import secrets, services, tasks
from ideaportal.triage.connections import parse_status_map
from ideaportal.triage.connectors import ConnectorError, ConnectorSettings, connector_for, kinds
from ideaportal.triage.models import DeliveryState, TeamConnector
from tests.conftest import login_as
from tests.triage.receiver import Receiver


def test_the_status_mapping_reads_one_status_per_line():
    text = "# Redmine = idea\nIn Progress = in_progress\n\nClosed = shipped\nWon't fix = declined"
    assert parse_status_map(text) == {
        "In Progress": "in_progress",
        "Closed": "shipped",
        "Won't fix": "declined",
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Closed", "Line 1: write it as “Tracker status = idea status”."),
        ("New = new\n", "Line 1: “new” is not an idea status a team can report"),
        ("Closed = shipped\nClosed = declined", "Line 2: “Closed” is mapped twice."),
        ("= shipped", "Line 1: write it as"),
    ],
)
def test_a_bad_status_mapping_is_refused_with_its_line(text, message):
    with pytest.raises(ValidationFailed, match=message) as caught:
        parse_status_map(text)
    assert caught.value.field == "status_map"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"tracker_url": "http://93.184.215.14"}, "Tracker connections must use https."),
        ({"tracker_url": "https://10.1.2.3"}, "private or reserved address"),
        ({"tracker_url": "https://admin:pw@93.184.215.14"}, "give the API key in its own field"),
        ({"tracker_url": ""}, "Give the tracker&#39;s address."),
        ({"tracker_project": "../admin"}, "Give the project&#39;s identifier"),
        ({"tracker_api_key": ""}, "Give the API key."),
        ({"status_map": "Closed = merged"}, "“merged” is not an idea status"),
    ],
)
def test_redmine_settings_are_refused_before_anything_is_contacted(client, make, changes, message):
    login_as(client, make.user(Role.ADMIN))
    data = {
        "name": "Scheduling squad",
        "connector_kind": "redmine",
        "tracker_url": "https://93.184.215.14",
        "tracker_project": "scheduling",
        "tracker_api_key": "k" * 40,
        "status_map": "Closed = shipped",
    }
    data.update(changes)
    page = client.post("/admin/teams", data=data).get_data(as_text=True)
    assert message in page
    assert services.list_teams() == []


def test_no_hand_off_marker_is_part_of_another_nor_another_portals():
    # The retry after a lost answer finds its issue by this marker (a "contains" search).
    from types import SimpleNamespace

    from ideaportal.triage.connectors.redmine import handoff_marker

    def marker(handoff_id: int, portal: str = "https://ideas.example.com") -> str:
        return handoff_marker(SimpleNamespace(handoff_id=handoff_id, idea_url=f"{portal}/i/1"))

    ours = [marker(i) for i in range(1, 250)]
    assert not [(a, b) for a in ours for b in ours if a != b and a in b]
    assert marker(7) != marker(7, "https://other.example.org")


def test_every_connector_kind_is_registered_and_an_unknown_one_is_refused():
    assert {"webhook", "redmine"} <= set(kinds())
    with pytest.raises(ConnectorError, match="No connector of kind 'jira'"):
        connector_for(ConnectorSettings(kind="jira", url="https://jira.example"))


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_redmine_that_does_not_answer_is_retried_then_the_pm_is_told(client, app, make):
    app.config.update(
        WEBHOOK_ALLOW_HTTP_LOOPBACK=True, WEBHOOK_RETRY_BASE_SECONDS=0, WEBHOOK_MAX_ATTEMPTS=2
    )
    admin = make.user(Role.ADMIN)
    team, _ = services.save_team(admin, None, name="Mobile", webhook_url="", member_ids=[])
    # Saved settings are checked against a live Redmine (test_redmine.py); here the Redmine
    # went away after they were saved.
    team.connector = TeamConnector(
        kind="redmine",
        base_url=f"http://127.0.0.1:{_closed_port()}",
        project="mobile",
        api_key_encrypted=secrets.encrypt("k" * 40),
        status_map={"Closed": "shipped"},
    )
    db.session.commit()
    pm = make.pm()
    idea = make.idea()
    handoff = services.hand_off(pm, idea, team)
    db.session.expire_all()
    [delivery] = handoff.deliveries
    assert delivery.state == DeliveryState.FAILED and delivery.attempts == 2
    assert all("Redmine did not answer" in a.error for a in delivery.attempt_log)
    told = db.session.scalars(
        select(Notification.message).where(
            Notification.user_id == pm.id, Notification.kind == "handoff_failed"
        )
    ).all()
    assert len(told) == 1 and "did not reach Mobile after 2 attempts" in told[0]

    # The poll keeps trying and says why on the teams page.
    handoff.external_key = "#7"
    db.session.commit()
    assert tasks.poll_trackers.call_local() == 0
    login_as(client, admin)
    page = client.get("/admin/teams").get_data(as_text=True)
    assert "last read failed: Redmine did not answer" in page


def test_team_members_hear_when_an_idea_is_handed_to_their_team(make):
    admin = make.user(Role.ADMIN)
    member, other_pm = make.pm(), make.pm()
    team, _ = services.save_team(
        admin, None, name="Payroll", webhook_url="", member_ids=[member.id, other_pm.id]
    )
    idea = make.idea(title="Export payroll to DATEV")
    services.hand_off(other_pm, idea, team)
    heard = db.session.scalars(
        select(Notification.user_id).where(Notification.kind == "handed_off")
    ).all()
    assert heard == [member.id]  # the one who handed it off knows already


def test_a_webhook_receiver_may_answer_with_the_key_of_its_issue(app, make):
    app.config.update(WEBHOOK_ALLOW_HTTP_LOOPBACK=True)
    with Receiver() as receiver:  # answers {"key": "PROJ-42"}
        team, _ = services.save_team(
            make.user(Role.ADMIN), None, name="Web", webhook_url=receiver.url, member_ids=[]
        )
        handoff = services.hand_off(make.pm(), make.idea(), team)
    db.session.expire_all()
    assert handoff.external_key == "PROJ-42"


def test_triage_announces_events_and_never_imports_notifications():
    triage = Path(__file__).parents[2] / "ideaportal" / "triage"
    offenders = [
        str(path.relative_to(triage))
        for path in triage.rglob("*.py")
        if "ideaportal.notifications" in path.read_text()
    ]
    assert offenders == []
