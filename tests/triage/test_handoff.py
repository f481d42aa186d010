"""Hand-offs: signed webhooks out with retries, signed status callbacks in, all end to end."""

from __future__ import annotations

import json
import time

import pytest
from sqlalchemy import func, select

from ideaportal.accounts.models import Role
from ideaportal.core.errors import ValidationFailed
from ideaportal.extensions import db
from ideaportal.ideas import services as ideas
from ideaportal.ideas.models import IdeaStatus, StatusChange
from ideaportal.notifications.models import Notification
from ideaportal.triage import services
from ideaportal.triage.models import DeliveryState, HandoffState, WebhookAttempt
from ideaportal.triage.outbound import TargetPolicy, check_target
from ideaportal.triage.signing import signature
from tests.conftest import login_as
from tests.triage.receiver import Receiver


@pytest.fixture
def loopback_app(app):
    app.config.update(WEBHOOK_ALLOW_HTTP_LOOPBACK=True, WEBHOOK_RETRY_BASE_SECONDS=0)
    return app


def _team(make, url: str = ""):
    admin = make.user(Role.ADMIN)
    team, secret = services.save_team(
        admin, None, name="Scheduling squad", webhook_url=url, member_ids=[]
    )
    return team, secret


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://93.184.215.14/hook", "Webhooks must use https."),
        ("https://10.1.2.3/hook", "private or reserved address"),
        ("https://169.254.169.254/latest/meta-data", "private or reserved address"),
        ("https://127.0.0.1/hook", "private or reserved address"),
        ("https://[::1]/hook", "private or reserved address"),
        ("https://user:pw@93.184.215.14/hook", "no credentials"),
        ("ftp://93.184.215.14/x", "full https:// URL"),
        ("http://127.0.0.1:9/hook", "Webhooks must use https."),
    ],
)
def test_unsafe_webhook_targets_are_refused(app, url, message):
    with pytest.raises(ValidationFailed, match=message):
        check_target(url, TargetPolicy())


def test_loopback_http_only_with_the_flag_and_public_https_is_fine(app):
    check_target("http://127.0.0.1:8080/hook", TargetPolicy(allow_http_loopback=True))
    check_target("https://93.184.215.14/hook", TargetPolicy())
    with pytest.raises(ValidationFailed):
        check_target("http://10.0.0.5/hook", TargetPolicy(allow_http_loopback=True))


def test_the_secret_is_shown_once_and_stored_encrypted(client, make):
    admin = make.user(Role.ADMIN)
    login_as(client, admin)
    page = client.post("/admin/teams", data={"name": "Mobile team", "webhook_url": ""})
    html = page.get_data(as_text=True)
    assert 'id="team-secret">whsec_' in html
    secret = html.split('id="team-secret">')[1].split("<")[0]
    team = services.list_teams()[0]
    assert secret not in team.secret_encrypted
    assert secret not in client.get(f"/admin/teams/{team.id}").get_data(as_text=True)


def test_hand_off_posts_a_signed_payload_to_the_team(loopback_app, make):
    with Receiver() as receiver:
        team, secret = _team(make, receiver.url)
        idea = make.idea(title="Shift swap marketplace")
        for _ in range(3):
            ideas.toggle_vote(make.user(), idea)
        ideas.add_comment(make.user(), idea, "We swap 20 shifts a week by phone")
        handoff = services.hand_off(make.pm(), idea, team)
    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    headers, body = request["headers"], request["body"]
    assert headers["X-IdeaPortal-Signature"] == signature(
        secret, int(headers["X-IdeaPortal-Timestamp"]), body
    )
    payload = json.loads(body)
    assert payload["event"] == "handoff.created"
    assert payload["idea"]["votes"] == 3 and payload["idea"]["title"] == "Shift swap marketplace"
    assert payload["idea"]["top_comments"][0]["text"] == "We swap 20 shifts a week by phone"
    assert payload["idea"]["demand"]["parts"]["votes"] == 3.0
    assert payload["handoff"]["status_callback_url"].endswith(
        f"/api/v1/handoffs/{handoff.id}/status"
    )
    db.session.refresh(handoff)
    assert handoff.deliveries[0].state == DeliveryState.DELIVERED


def test_a_receiver_that_fails_twice_then_succeeds_ends_delivered_once(loopback_app, make):
    with Receiver(fail_first=2) as receiver:
        team, _ = _team(make, receiver.url)
        handoff = services.hand_off(make.pm(), make.idea(), team)
    db.session.refresh(handoff)
    [delivery] = handoff.deliveries
    assert delivery.state == DeliveryState.DELIVERED and delivery.attempts == 3
    codes = [a.status_code for a in delivery.attempt_log]
    assert codes == [503, 503, 200]
    assert all(len(a.response_excerpt or "") <= 500 for a in delivery.attempt_log)
    assert len(receiver.requests) == 3


def test_a_dead_receiver_gives_up_after_the_limit_and_can_be_redelivered(
    loopback_app, client, make
):
    loopback_app.config["WEBHOOK_MAX_ATTEMPTS"] = 2
    with Receiver(fail_first=99) as receiver:
        team, _ = _team(make, receiver.url)
        pm = make.pm()
        idea = make.idea()
        handoff = services.hand_off(pm, idea, team)
        db.session.refresh(handoff)
        assert handoff.deliveries[0].state == DeliveryState.FAILED
        receiver.fail_first = 0
        login_as(client, pm)
        page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
        assert "failed" in page and "Redeliver" in page
        client.post(f"/deliveries/{handoff.deliveries[0].id}/redeliver")
    db.session.expire_all()
    states = sorted(d.state.value for d in handoff.deliveries)
    assert states == ["delivered", "failed"]


def _callback(client, handoff_id, secret, payload, *, ts=None, sig=None):
    body = json.dumps(payload).encode()
    ts = int(time.time()) if ts is None else ts
    headers = {
        "X-IdeaPortal-Timestamp": str(ts),
        "X-IdeaPortal-Signature": sig or signature(secret, ts, body),
        "Content-Type": "application/json",
    }
    return client.post(f"/api/v1/handoffs/{handoff_id}/status", data=body, headers=headers)


def test_status_callback_updates_the_idea_and_tells_every_voter(client, make):
    team, secret = _team(make)
    idea = make.idea()
    voters = [make.user() for _ in range(3)]
    for v in voters:
        ideas.toggle_vote(v, idea)
    handoff = services.hand_off(make.pm(), idea, team)
    response = _callback(
        client,
        handoff.id,
        secret,
        {
            "event_id": "evt-1",
            "status": "in_progress",
            "note": "Design started",
            "external_url": "https://tracker.example/PROJ-42",
            "external_key": "PROJ-42",
        },
    )
    assert response.status_code == 200 and response.get_json()["applied"] is True
    db.session.refresh(idea)
    db.session.refresh(handoff)
    assert idea.status == IdeaStatus.IN_PROGRESS and handoff.state == HandoffState.IN_PROGRESS
    assert handoff.external_key == "PROJ-42"
    change = db.session.scalar(select(StatusChange).where(StatusChange.idea_id == idea.id))
    assert change.source == "Scheduling squad" and change.note == "Design started"
    told = set(
        db.session.scalars(select(Notification.user_id).where(Notification.idea_id == idea.id))
    )
    assert {v.id for v in voters} <= told
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "reported by Scheduling squad" in page


def test_replayed_event_is_acknowledged_but_applied_once(client, make):
    team, secret = _team(make)
    idea = make.idea()
    handoff = services.hand_off(make.pm(), idea, team)
    _callback(client, handoff.id, secret, {"event_id": "evt-7", "status": "in_progress"})
    again = _callback(client, handoff.id, secret, {"event_id": "evt-7", "status": "in_progress"})
    assert again.status_code == 200 and again.get_json()["duplicate"] is True
    count = select(func.count(StatusChange.id)).where(StatusChange.idea_id == idea.id)
    assert db.session.scalar(count) == 1


@pytest.mark.parametrize(
    ("kwargs", "status", "message"),
    [
        ({"sig": "sha256=" + "0" * 64}, 401, "The signature does not match"),
        ({"ts": int(time.time()) - 600}, 401, "outside the 5-minute replay window"),
        ({"payload": {"event_id": "e", "status": "exploded"}}, 422, "status must be"),
        ({"payload": {"status": "shipped"}}, 422, "event_id is required"),
    ],
)
def test_bad_callbacks_are_rejected_clearly_and_change_nothing(
    client, make, kwargs, status, message
):
    team, secret = _team(make)
    idea = make.idea()
    handoff = services.hand_off(make.pm(), idea, team)
    payload = kwargs.pop("payload", {"event_id": "evt-x", "status": "shipped"})
    response = _callback(client, handoff.id, secret, payload, **kwargs)
    assert response.status_code == status
    assert message in response.get_json()["error"]["message"]
    db.session.refresh(idea)
    assert idea.status == IdeaStatus.NEW
    assert db.session.scalar(select(func.count(WebhookAttempt.id))) == 0


def test_pm_records_progress_by_hand(client, make):
    team, _ = _team(make)
    pm = make.pm()
    idea = make.idea()
    handoff = services.hand_off(pm, idea, team)
    login_as(client, pm)
    client.post(
        f"/handoffs/{handoff.id}/progress",
        data={
            "progress-status": "shipped",
            "progress-note": "Out in 4.2",
            "progress-external_url": "",
        },
    )
    db.session.refresh(idea)
    assert idea.status == IdeaStatus.SHIPPED


def test_only_product_managers_hand_off(client, make):
    team, _ = _team(make)
    idea = make.idea()
    login_as(client, make.user(Role.COMMUNITY_MANAGER))
    assert (
        client.post(f"/ideas/{idea.id}/handoff", data={"handoff-team": team.id}).status_code == 403
    )
