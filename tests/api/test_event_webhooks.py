"""Event webhooks: each domain event reaches a subscribed receiver as signed JSON, with a
delivery log, retries and redelivery; the admin page and the API manage subscriptions."""

from __future__ import annotations

import json
import time
import uuid
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event, select, text

from ideaportal.accounts import services as accounts
from ideaportal.accounts.models import Role, User
from ideaportal.community import announcements
from ideaportal.community.models import AnnouncementKind
from ideaportal.core import generations
from ideaportal.core.model_base import utcnow
from ideaportal.dedup.merging import merge_ideas
from ideaportal.extensions import db
from ideaportal.ideas import services as ideas
from ideaportal.ideas.models import Idea, IdeaStatus
from ideaportal.triage.models import DeliveryState
from ideaportal.triage.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, verify
from ideaportal.webhooks import services as webhooks
from ideaportal.webhooks.models import EVENT_NAMES, EventDelivery, EventSubscription
from ideaportal.webhooks.services import deliver_due_events
from tests.conftest import REDIS_URL, login_as
from tests.factories import Factory
from tests.scale.servers import wait_until
from tests.triage.receiver import Receiver


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def loopback_app(app: Any) -> Any:
    app.config.update(WEBHOOK_ALLOW_HTTP_LOOPBACK=True, WEBHOOK_RETRY_BASE_SECONDS=0)
    return app


@pytest.fixture
def admin_token(make: Any) -> tuple[Any, str]:
    admin = make.user(Role.ADMIN)
    _, token = accounts.create_api_token(admin, "integration", ["admin"])
    return admin, token


def _subscribe(client: Any, token: str, url: str, events: list[str]) -> tuple[int, str]:
    response = client.post(
        "/api/v1/webhooks", headers=bearer(token), json={"url": url, "events": events}
    )
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["secret"].startswith("whsec_")
    return body["id"], body["secret"]


def _verified(request: dict[str, Any], secret: str) -> dict[str, Any]:
    headers = request["headers"]
    verify(
        secret,
        headers[TIMESTAMP_HEADER],
        headers[SIGNATURE_HEADER],
        request["body"],
        int(time.time()),
    )
    payload: dict[str, Any] = json.loads(request["body"])
    assert headers["X-IdeaPortal-Event"] == payload["event"]
    return payload


def test_every_event_reaches_the_receiver_signed(loopback_app, client, make, admin_token):
    admin, token = admin_token
    pm = make.pm()
    member = make.user()
    with Receiver() as receiver:
        _, secret = _subscribe(client, token, receiver.url, list(EVENT_NAMES))
        board = make.board("mobile")
        idea = ideas.create_idea(member, board, "Offline mode for the app", "On the train.")
        other = make.idea(board=board, title="Work without a network")
        ideas.set_vote(pm, idea, True)
        ideas.add_comment(pm, idea, "We are looking into it.", official=True)
        ideas.change_status(pm, idea, IdeaStatus.PLANNED, "Next quarter.")
        merge_ideas(pm, other, idea)
        post = announcements.save(
            admin,
            None,
            title="Offline mode is planned",
            body="Details inside.",
            kind=AnnouncementKind.ROADMAP,
            idea_ids=[idea.id],
            publish_at=None,
        )
        announcements.publish_now(admin, post)

        payloads = [_verified(r, secret) for r in receiver.requests]
    by_event: dict[str, list[dict[str, Any]]] = {}
    for p in payloads:
        by_event.setdefault(p["event"], []).append(p)
    assert set(by_event) == set(EVENT_NAMES)
    created = [p["data"]["idea"]["title"] for p in by_event["idea.created"]]
    assert "Offline mode for the app" in created
    assert by_event["vote.created"][0]["data"]["voter"]["id"] == pm.id
    comment = by_event["comment.created"][0]["data"]["comment"]
    assert comment["official"] is True and comment["body"] == "We are looking into it."
    changed = by_event["idea.status_changed"][0]["data"]
    assert (changed["from"], changed["to"], changed["note"]) == ("new", "planned", "Next quarter.")
    merged = by_event["idea.merged"][0]["data"]
    assert (merged["source"]["id"], merged["target"]["id"]) == (other.id, idea.id)
    published = by_event["announcement.published"][0]["data"]["announcement"]
    assert published["title"] == "Offline mode is planned" and published["idea_ids"] == [idea.id]
    assert all(p["event_id"].startswith("evt_") for p in payloads)


def test_only_the_chosen_events_are_sent(loopback_app, client, make, admin_token):
    _, token = admin_token
    with Receiver() as receiver:
        _subscribe(client, token, receiver.url, ["idea.status_changed"])
        idea = make.idea()
        ideas.set_vote(make.user(), idea, True)
        ideas.change_status(make.pm(), idea, IdeaStatus.UNDER_REVIEW)
        events = [json.loads(r["body"])["event"] for r in receiver.requests]
    assert events == ["idea.status_changed"]


def test_a_failing_receiver_is_retried_logged_and_can_be_redelivered(
    loopback_app, client, make, admin_token
):
    _, token = admin_token
    loopback_app.config["WEBHOOK_MAX_ATTEMPTS"] = 2
    with Receiver(fail_first=2) as receiver:
        sub_id, secret = _subscribe(client, token, receiver.url, ["idea.created"])
        make.idea(title="Print a weekly summary")
        log = client.get(f"/api/v1/webhooks/{sub_id}/deliveries", headers=bearer(token))
        [delivery] = log.get_json()
        assert delivery["state"] == "failed" and delivery["attempts"] == 2
        assert [a["status_code"] for a in delivery["attempt_log"]] == [503, 503]

        again = client.post(
            f"/api/v1/webhook-deliveries/{delivery['id']}/redeliver", headers=bearer(token)
        )
        assert again.status_code == 201 and again.get_json()["state"] == "delivered"
        first, _, third = (json.loads(r["body"]) for r in receiver.requests)
        assert first["event_id"] == third["event_id"]  # receivers can tell a repeat
        _verified(receiver.requests[-1], secret)


def test_a_paused_subscription_receives_nothing(loopback_app, client, make, admin_token):
    _, token = admin_token
    with Receiver() as receiver:
        sub_id, _ = _subscribe(client, token, receiver.url, ["idea.created"])
        paused = client.patch(
            f"/api/v1/webhooks/{sub_id}", headers=bearer(token), json={"active": False}
        )
        assert paused.get_json()["active"] is False
        make.idea()
        assert receiver.requests == []
    assert EventDelivery.query.count() == 0


@pytest.mark.parametrize(
    ("payload", "status", "message"),
    [
        ({"url": "https://10.0.0.7/hook", "events": ["idea.created"]}, 409, "private"),
        ({"url": "http://93.184.215.14/hook", "events": ["idea.created"]}, 409, "https"),
        ({"url": "https://93.184.215.14/hook", "events": []}, 422, "events"),
        ({"url": "https://93.184.215.14/hook", "events": ["idea.exploded"]}, 422, "events"),
    ],
)
def test_unsafe_or_unknown_subscriptions_are_refused(client, admin_token, payload, status, message):
    _, token = admin_token
    response = client.post("/api/v1/webhooks", headers=bearer(token), json=payload)
    assert response.status_code == status
    assert message in json.dumps(response.get_json()["error"])


def test_only_admins_manage_webhooks(client, make):
    pm = make.pm()
    _, token = accounts.create_api_token(pm, "pm", ["admin"])
    response = client.get("/api/v1/webhooks", headers=bearer(token))
    assert response.status_code == 403
    login_as(client, pm)
    assert client.get("/admin/webhooks").status_code == 403


def test_admin_page_subscribes_and_shows_the_secret_once(loopback_app, client, make):
    admin = make.user(Role.ADMIN)
    login_as(client, admin)
    with Receiver() as receiver:
        page = client.post(
            "/admin/webhooks",
            data={"url": receiver.url, "description": "CRM sync", "events": ["idea.created"]},
        )
        html = page.get_data(as_text=True)
        assert 'id="webhook-secret">whsec_' in html
        secret = html.split('id="webhook-secret">')[1].split("<")[0]
        make.idea(title="Tell my CRM about new ideas")
        _verified(receiver.requests[0], secret)
    listing = client.get("/admin/webhooks").get_data(as_text=True)
    assert secret not in listing
    assert "CRM sync" in listing and "idea.created" in listing and "delivered" in listing


def test_a_delivery_whose_subscription_was_paused_meanwhile_is_dropped_unsent(
    loopback_app, client, admin_token
):
    _, token = admin_token
    with Receiver() as receiver:
        sub_id, _ = _subscribe(client, token, receiver.url, ["idea.created"])
        client.patch(f"/api/v1/webhooks/{sub_id}", headers=bearer(token), json={"active": False})
        db.session.add(
            EventDelivery(subscription_id=sub_id, event="idea.created", payload={"x": 1})
        )
        db.session.commit()
        assert deliver_due_events() == 0
        assert receiver.requests == []
    delivery = db.session.scalars(select(EventDelivery)).one()
    assert delivery.state == DeliveryState.FAILED and delivery.claimed_until is None
    assert [a.error for a in delivery.attempt_log] == ["subscription inactive"]


def test_a_delivery_another_worker_holds_waits_for_its_lease(loopback_app, client, admin_token):
    _, token = admin_token
    with Receiver() as receiver:
        sub_id, _ = _subscribe(client, token, receiver.url, ["idea.created"])
        held = EventDelivery(
            subscription_id=sub_id,
            event="idea.created",
            payload={"x": 1},
            attempts=1,
            claimed_until=utcnow() + timedelta(minutes=5),  # a worker is sending it
        )
        db.session.add(held)
        db.session.commit()
        assert deliver_due_events() == 0 and receiver.requests == []

        held.claimed_until = utcnow() - timedelta(seconds=1)  # that worker died
        db.session.commit()
        assert deliver_due_events() == 1
    assert len(receiver.requests) == 1
    db.session.refresh(held)
    assert held.state == DeliveryState.DELIVERED and held.attempts == 2


def _vote_statements(voter_id: int, idea_id: int) -> list[str]:
    """The statements of one new vote, as a request of its own would run them."""
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        statements.append(statement)

    db.session.expire_all()
    event.listen(db.engine, "before_cursor_execute", record)
    try:
        ideas.set_vote(db.session.get(User, voter_id), db.session.get(Idea, idea_id), True)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return statements


def _reads_subscriptions(statements: list[str]) -> bool:
    return any("FROM event_subscription" in s for s in statements)


@pytest.mark.parametrize(
    "where",
    [
        "node",  # two workers of one node: one cache folder
        pytest.param(
            "redis",  # two nodes on one Redis
            marks=pytest.mark.skipif(not REDIS_URL, reason="needs Redis; runs in its suite"),
        ),
    ],
)
def test_votes_read_the_subscriptions_again_only_after_they_change(app_factory, tmp_path, where):
    # Votes run in `worker`, the admin changes subscriptions in `admin_app`; one database.
    shared = {
        "CACHE_URL": REDIS_URL if where == "redis" else f"filesystem://{tmp_path / 'cache'}",
        "CACHE_KEY_PREFIX": f"test-{uuid.uuid4().hex}:",
        "WEBHOOK_ALLOW_HTTP_LOOPBACK": True,
    }
    worker, admin_app = app_factory(**shared), app_factory(**shared)
    with worker.app_context():
        make = Factory()
        idea_id, voters = make.idea().id, [make.user().id for _ in range(5)]
        admin_id = make.user(Role.ADMIN).id
        _vote_statements(voters[0], idea_id)  # the first look fills this worker's copy
        # Nobody subscribed: a new vote asks the database nothing about webhooks.
        assert not _reads_subscriptions(_vote_statements(voters[1], idea_id))
        seen = generations.current(webhooks.SUBSCRIPTIONS_GENERATION)  # the copy's
    with admin_app.app_context():
        sub, _ = webhooks.subscribe(
            db.session.get(User, admin_id), url="http://127.0.0.1:9/hook", events=["vote.created"]
        )
        sub_id = sub.id
    with worker.app_context():
        # The other worker's change is seen at the next vote, which is sent out (through
        # Redis, the listener may take a moment to hear of it).
        store = generations.named(webhooks.SUBSCRIPTIONS_GENERATION)
        if where == "redis":
            wait_until(lambda: store.read() != seen, 2.0, "the new generation")
        assert _reads_subscriptions(_vote_statements(voters[2], idea_id))
        assert EventDelivery.query.filter_by(subscription_id=sub_id).count() == 1
        seen = generations.current(webhooks.SUBSCRIPTIONS_GENERATION)
    with admin_app.app_context():
        webhooks.update_subscription(
            db.session.get(User, admin_id),
            db.session.get(EventSubscription, sub_id),
            active=False,
        )
    with worker.app_context():
        if where == "redis":
            wait_until(lambda: store.read() != seen, 2.0, "the new generation")
        _vote_statements(voters[3], idea_id)
        assert not _reads_subscriptions(_vote_statements(voters[4], idea_id))
        assert EventDelivery.query.count() == 1  # the paused subscription got no more


def test_subscriptions_changed_behind_the_apps_back(app_factory, tmp_path, monkeypatch):
    # Changed in psql, say: no generation moves, so a worker's copy stays as it was.
    app = app_factory(CACHE_URL=f"filesystem://{tmp_path / 'node-cache'}")
    with app.app_context():
        make = Factory()
        # The copy taken here (nobody) is kept for no time at all ...
        monkeypatch.setattr(webhooks, "SUBSCRIPTIONS_COPY_SECONDS", 0.0)
        idea_id, first, second = make.idea().id, make.user(), make.user()
        monkeypatch.setattr(webhooks, "SUBSCRIPTIONS_COPY_SECONDS", 60.0)
        db.session.execute(
            text(
                "INSERT INTO event_subscription (url, events, description, secret_encrypted,"
                " active, created_at) VALUES ('https://93.184.215.14/hook', 'vote.created',"
                " '', 'x', true, CURRENT_TIMESTAMP)"
            )
        )
        db.session.commit()
        # ... so a subscription added behind its back is seen once the copy's time is up.
        ideas.set_vote(first, db.session.get(Idea, idea_id), True)
        assert EventDelivery.query.count() == 1
        db.session.execute(text("DELETE FROM event_delivery"))
        db.session.execute(text("DELETE FROM event_subscription"))
        db.session.commit()
        # The copy still names the removed one: the subscriptions are read again in the
        # vote's transaction, and the vote lands with nothing queued (a delivery would have
        # failed it on the foreign key).
        ideas.set_vote(second, db.session.get(Idea, idea_id), True)
        assert db.session.get(Idea, idea_id).vote_count == 2
        assert EventDelivery.query.count() == 0


def test_events_still_go_out_while_redis_cannot_be_reached(app_factory, make):
    # A cache URL nobody listens on: the generation cannot be read, so no copy is used.
    app = app_factory(CACHE_URL="redis://127.0.0.1:9/0")
    with app.app_context():
        assert generations.current(webhooks.SUBSCRIPTIONS_GENERATION) is None
        db.session.execute(
            text(
                "INSERT INTO event_subscription (url, events, description, secret_encrypted,"
                " active, created_at) VALUES ('https://93.184.215.14/hook', 'vote.created',"
                " '', 'x', true, CURRENT_TIMESTAMP)"
            )
        )
        assert webhooks.record_event("vote.created", lambda: {}) == 1
        db.session.rollback()
