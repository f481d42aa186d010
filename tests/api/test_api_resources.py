"""Scenarios through the API only, as an integrator would script them: the discussion, the
status workflow, merges, hand-offs, announcements, moderation and the KPIs."""

from __future__ import annotations

from typing import Any

import pytest

from ideaportal.accounts import services as accounts
from ideaportal.accounts.models import Role
from ideaportal.notifications.models import Notification
from ideaportal.triage import services as triage
from tests.triage.receiver import Receiver


class Caller:
    """A member with a token, calling the API through the test client."""

    def __init__(self, client: Any, user: Any, scopes: list[str]) -> None:
        self.client, self.user = client, user
        _, token = accounts.create_api_token(user, "tests", scopes)
        self.headers = {"Authorization": f"Bearer {token}"}

    def __call__(self, method: str, path: str, status: int, json: Any = None) -> Any:
        response = self.client.open(
            "/api/v1" + path, method=method, headers=self.headers, json=json
        )
        assert response.status_code == status, response.get_json()
        return response.get_json()


@pytest.fixture
def member(client, make) -> Caller:
    return Caller(client, make.user(), ["write"])


@pytest.fixture
def pm(client, make) -> Caller:
    return Caller(client, make.pm(), ["admin"])


def test_discussion_votes_and_follows(member, pm, make):
    idea = member("POST", "/ideas", 201, {"board": "general", "title": "Bulk edit of tags"})
    path = f"/ideas/{idea['id']}"
    assert member("PUT", f"{path}/vote", 200) == {"voted": True, "vote_count": 1}
    assert member("PUT", f"{path}/vote", 200)["vote_count"] == 1  # idempotent
    assert member("DELETE", f"{path}/vote", 200) == {"voted": False, "vote_count": 0}
    assert member("DELETE", f"{path}/follow", 200)["following"] is False
    assert member("PUT", f"{path}/follow", 200)["follower_count"] == 1
    question = member("POST", f"{path}/comments", 201, {"body": "Would CSV import do?"})
    answer = pm(
        "POST", f"{path}/comments", 201, {"body": "We will look.", "parent_id": question["id"]}
    )
    pm("PUT", f"/comments/{answer['id']}/official", 200, {"official": True})
    refused = pm("PUT", f"/comments/{question['id']}/official", 409, {"official": True})
    assert "staff member's comment" in refused["error"]["message"]
    member("PATCH", f"/comments/{question['id']}", 200, {"body": "Would a CSV import do?"})
    thread = member("GET", f"{path}/comments", 200)
    assert [c["body"] for c in thread] == ["Would a CSV import do?", "We will look."]
    assert thread[1]["is_official"] and thread[1]["parent_id"] == question["id"]
    member("DELETE", f"/comments/{question['id']}", 204)
    assert member("GET", path, 200)["comment_count"] == 1
    voters = pm("GET", f"{path}/voters", 200)
    assert voters == []


def test_status_workflow_with_history_and_voters_told(member, pm, make):
    idea = member("POST", "/ideas", 201, {"board": "general", "title": "Two-factor login"})
    voter = make.user()
    from ideaportal.ideas import services as ideas

    ideas.set_vote(voter, ideas.get_idea(voter, idea["id"]), True)
    path = f"/ideas/{idea['id']}"
    statuses = {s["value"]: s for s in member("GET", "/statuses", 200)}
    assert "planned" in statuses["new"]["next"] and not statuses["shipped"]["is_open"]
    pm("POST", f"{path}/status", 201, {"status": "planned", "note": "Q3"})
    skipped = pm("POST", f"{path}/status", 409, {"status": "shipped"})
    assert "cannot go from planned to shipped" in skipped["error"]["message"]
    declined = pm("POST", f"{path}/status", 409, {"status": "declined"})
    assert declined["error"]["fields"] == {"note": ["Tell the voters why the idea is declined."]}
    history = member("GET", f"{path}/status-history", 200)
    assert [(h["from_status"], h["to_status"], h["note"]) for h in history] == [
        ("new", "planned", "Q3")
    ]
    told = Notification.query.filter_by(user_id=voter.id, idea_id=idea["id"]).count()
    assert told == 1


def test_merge_and_unmerge_through_the_api(member, pm, make):
    a = member("POST", "/ideas", 201, {"board": "general", "title": "Export to PDF please"})
    b = member("POST", "/ideas", 201, {"board": "general", "title": "PDF export of boards"})
    member("PUT", f"/ideas/{a['id']}/vote", 200)
    merge = pm("POST", f"/ideas/{a['id']}/merge", 201, {"target_id": b["id"], "note": "Same"})
    assert merge["target"]["vote_count"] == 1 and merge["source_id"] == a["id"]
    assert member("GET", f"/ideas/{a['id']}", 200)["status"] == "merged"
    assert pm("GET", "/duplicates", 200) == []
    restored = pm("POST", f"/merges/{merge['id']}/undo", 200)
    assert restored["id"] == a["id"] and restored["vote_count"] == 1
    again = pm("POST", f"/merges/{merge['id']}/undo", 409)
    assert again["error"]["status"] == 409


def test_hand_off_lists_deliveries_and_redelivers(app, pm, make):
    app.config.update(WEBHOOK_ALLOW_HTTP_LOOPBACK=True, WEBHOOK_RETRY_BASE_SECONDS=0)
    app.config["WEBHOOK_MAX_ATTEMPTS"] = 1
    idea = make.idea(title="Invoices in the customer's language")
    with Receiver(fail_first=1) as receiver:
        team, _ = triage.save_team(
            make.user(Role.ADMIN), None, name="Billing", webhook_url=receiver.url, member_ids=[]
        )
        assert [t["name"] for t in pm("GET", "/teams", 200)] == ["Billing"]
        handoff = pm("POST", f"/ideas/{idea.id}/handoffs", 201, {"team_id": team.id})
        assert handoff["state"] == "sent" and handoff["team"]["name"] == "Billing"
        pm("POST", f"/ideas/{idea.id}/handoffs", 409, {"team_id": team.id})
        [failed] = pm("GET", f"/handoffs/{handoff['id']}/deliveries", 200)
        assert failed["state"] == "failed" and failed["attempt_log"][0]["status_code"] == 503
        again = pm("POST", f"/handoff-deliveries/{failed['id']}/redeliver", 201)
        assert again["state"] == "delivered" and len(receiver.requests) == 2
    assert [h["id"] for h in pm("GET", f"/ideas/{idea.id}/handoffs", 200)] == [handoff["id"]]


def test_announcements_from_draft_to_schedule_to_published(client, member, make):
    cm = Caller(client, make.user(Role.COMMUNITY_MANAGER), ["admin"])
    idea = make.idea(title="Keyboard shortcuts")
    draft = cm(
        "POST",
        "/announcements",
        201,
        {"title": "Shortcuts are coming", "kind": "roadmap", "idea_ids": [idea.id]},
    )
    assert draft["state"] == "draft"
    assert member("GET", f"/announcements/{draft['id']}", 404)["error"]["status"] == 404
    scheduled = cm(
        "POST",
        f"/announcements/{draft['id']}/schedule",
        200,
        {"publish_at": "2031-05-01T09:00:00+02:00"},
    )
    assert scheduled["state"] == "scheduled"
    assert scheduled["publish_at"] == "2031-05-01T07:00:00+00:00"
    cm("PATCH", f"/announcements/{draft['id']}", 200, {"body": "Press ? to see them."})
    published = cm("POST", f"/announcements/{draft['id']}/publish", 200)
    assert published["state"] == "published" and published["published_at"]
    cm("POST", f"/announcements/{draft['id']}/publish", 409)
    assert [a["id"] for a in member("GET", "/announcements?kind=roadmap", 200)] == [draft["id"]]
    cm("DELETE", f"/announcements/{draft['id']}", 204)
    assert member("GET", "/announcements", 200) == []


def test_flag_then_moderate(client, member, make):
    spam = make.idea(title="Cheap watches cheap watches")
    moderator = Caller(client, make.user(Role.MODERATOR), ["admin"])
    flag = {"target_type": "idea", "target_id": spam.id, "reason": "spam"}
    assert member("POST", "/flags", 201, flag) == {"received": True}
    member("POST", "/flags", 409, flag)
    member("POST", "/flags", 404, {**flag, "target_id": 999_999})
    [case] = moderator("GET", "/moderation/cases", 200)
    assert case["target_id"] == spam.id and case["flags"][0]["reason"] == "spam"
    acted = moderator(
        "POST", f"/moderation/cases/{case['id']}/actions", 201, {"action": "hide", "reason": "Ads"}
    )
    assert acted["state"] == "resolved" and acted["resolution"] == "hide"
    assert member("GET", f"/ideas/{spam.id}", 404)["error"]["status"] == 404
    suspend = moderator(
        "POST",
        f"/moderation/cases/{case['id']}/actions",
        403,
        {"action": "suspend", "reason": "x", "days": 3},
    )
    assert "level 2" in suspend["error"]["message"].lower()


def test_kpis_boards_tags_search_and_me(client, member, make):
    admin = Caller(client, make.user(Role.ADMIN), ["admin"])
    board = admin("POST", "/boards", 201, {"slug": "mobile", "name": "Mobile app"})
    assert board["is_private"] is False
    admin("POST", "/boards", 409, {"slug": "mobile", "name": "Again"})
    admin("PATCH", "/boards/mobile", 200, {"description": "iOS and Android"})
    created = member(
        "POST", "/ideas", 201, {"board": "mobile", "title": "Widgets on the home screen"}
    )
    pm = Caller(client, make.pm(), ["admin"])
    assert pm("POST", f"/ideas/{created['id']}/tags", 200, {"name": "ios"})["tags"] == ["ios"]
    assert member("GET", "/tags", 200) == [{"name": "ios"}]
    found = member("GET", "/search?q=widgets", 200)["items"]
    assert [i["id"] for i in found] == [created["id"]]
    assert member("GET", "/users/me", 200)["scopes"] == ["read", "write"]
    renamed = member("PATCH", "/users/me", 200, {"display_name": "Widget Fan"})
    assert renamed["display_name"] == "Widget Fan"
    report = pm("GET", "/kpis?days=7", 200)
    assert len(report["series"]["days"]) == 7 and {k["key"] for k in report["kpis"]}
    member("GET", "/kpis", 403)


@pytest.mark.parametrize(
    ("method", "path", "headers", "body", "status"),
    [
        ("POST", "/api/v1/ideas", {"Content-Type": "text/plain"}, b"title", 415),
        ("POST", "/api/v1/ideas", {"Content-Type": "application/json"}, b"{not json", 400),
        ("PUT", "/api/v1/ideas", {}, None, 405),
        ("GET", "/api/v1/nothing-here", {}, None, 404),
    ],
)
def test_errors_are_json_never_html(client, member, method, path, headers, body, status):
    response = client.open(path, method=method, headers={**member.headers, **headers}, data=body)
    assert response.status_code == status
    assert response.content_type == "application/json"
    assert response.get_json()["error"]["status"] == status
    if status == 405:
        assert "GET" in response.headers["Allow"]


def test_a_too_large_body_is_a_json_413(app, client, member):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post("/api/v1/ideas", headers=member.headers, json={"body": "x" * 5000})
    assert response.status_code == 413 and response.get_json()["error"]["status"] == 413


def test_rate_limited_writes_get_a_json_429_with_retry_after(app_factory, make):
    app = app_factory(RATELIMIT_ENABLED=True, RATELIMIT_WRITE="2 per minute")
    with app.app_context():
        caller = Caller(app.test_client(), make.user(), ["write"])
        idea = make.idea()
        for _ in range(2):
            caller("PUT", f"/ideas/{idea.id}/vote", 200)
        limited = caller.client.put(f"/api/v1/ideas/{idea.id}/vote", headers=caller.headers)
        assert limited.status_code == 429
        assert limited.get_json()["error"]["status"] == 429
        assert int(limited.headers["Retry-After"]) > 0
