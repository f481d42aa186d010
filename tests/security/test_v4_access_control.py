"""ASVS V4 access control, on every object through pages and the API: private boards,
staff pages, other people's tokens and notifications, staff-only actions."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from ideaportal.accounts.models import ApiToken, Role
from ideaportal.accounts.services import create_api_token
from ideaportal.extensions import db
from ideaportal.ideas.models import IdeaStatus
from ideaportal.notifications.models import Notification
from tests.conftest import login_as


@pytest.fixture
def private_idea(make):
    board = make.board(private=True, slug="internal-x")
    return make.idea(author=make.pm(), board=board, title="Secret pricing experiment")


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_v4_2_1_a_private_boards_idea_is_not_found_through_the_page(
    client, make, private_idea, who
):
    if who == "member":
        login_as(client, make.user())
    assert client.get(f"/ideas/{private_idea.id}").status_code == 404
    assert "Secret pricing" not in client.get("/").get_data(as_text=True)
    assert client.get("/?board=internal-x").status_code in (200, 404)
    assert "Secret pricing" not in client.get("/?board=internal-x").get_data(as_text=True)


def test_v4_2_1_a_private_boards_idea_is_not_found_through_the_api(client, make, private_idea):
    _, token = create_api_token(make.user(), "t", ["read", "write"])
    auth = {"Authorization": f"Bearer {token}"}
    assert client.get(f"/api/v1/ideas/{private_idea.id}", headers=auth).status_code == 404
    listed = client.get("/api/v1/ideas", headers=auth).get_json()["items"]
    assert private_idea.id not in [i["id"] for i in listed]
    boards = [b["slug"] for b in client.get("/api/v1/boards", headers=auth).get_json()]
    assert "internal-x" not in boards


def test_v4_2_1_no_vote_through_the_api_on_a_private_boards_idea(client, make, private_idea):
    _, token = create_api_token(make.user(), "t", ["read", "write"])
    response = client.put(
        f"/api/v1/ideas/{private_idea.id}/vote", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 404
    db.session.refresh(private_idea)
    assert private_idea.vote_count == 0


def test_v4_2_1_no_comment_through_the_page_on_a_private_boards_idea(
    client, make, private_idea, snapshot
):
    login_as(client, make.user())
    unchanged = snapshot()
    response = client.post(f"/ideas/{private_idea.id}/comments", data={"body": "I see you"})
    assert response.status_code == 404
    unchanged()


def test_v4_2_1_no_vote_through_the_page_on_a_private_boards_idea(client, make, private_idea):
    login_as(client, make.user())
    for wanted in ("1", "0"):
        response = client.post(
            f"/ideas/{private_idea.id}/vote", data={"vote": wanted}, headers={"HX-Request": "true"}
        )
        assert response.status_code == 404
        assert "Secret pricing" not in response.get_data(as_text=True)
    db.session.refresh(private_idea)
    assert private_idea.vote_count == 0


@pytest.mark.parametrize(
    "path",
    [
        "/admin/users",
        "/admin/boards",
        "/admin/teams",
        "/triage",
        "/triage/duplicates",
        "/moderation",
        "/community/dashboard",
        "/community/calendar",
        "/community/announcements/new",
        "/guidelines/edit",
    ],
)
def test_v4_1_1_members_cannot_open_staff_pages(client, make, path):
    login_as(client, make.user())
    assert client.get(path).status_code in (403, 404)


@pytest.mark.parametrize("path", ["/me/settings", "/me/tokens", "/notifications/", "/me"])
def test_v4_1_1_anonymous_visitors_are_sent_to_log_in(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/login" in response.location


def test_v4_2_1_a_member_cannot_change_a_role(client, make, snapshot):
    member, victim = make.user(), make.user()
    login_as(client, member)
    unchanged = snapshot()
    response = client.post(f"/admin/users/{member.id}/role", data={"role": "admin"})
    assert response.status_code == 403
    db.session.refresh(member)
    assert member.role == Role.MEMBER and victim.role == Role.MEMBER
    unchanged()


def test_v4_2_1_a_member_cannot_change_a_status_or_merge(client, make, snapshot):
    a, b = make.idea(), make.idea()
    login_as(client, make.user())
    unchanged = snapshot()
    assert client.post(f"/ideas/{a.id}/status", data={"status": "shipped"}).status_code in (
        302,
        403,
    )
    assert client.post(f"/ideas/{a.id}/merge", data={"merge-target": str(b.id)}).status_code in (
        302,
        403,
    )
    db.session.refresh(a)
    assert a.status == IdeaStatus.NEW
    unchanged()


def test_v4_2_1_someone_elses_api_token_cannot_be_revoked(client, make):
    owner, attacker = make.user(), make.user()
    token, _ = create_api_token(owner, "Jira", ["read"])
    login_as(client, attacker)
    response = client.post(f"/me/tokens/{token.id}/revoke")
    assert response.status_code in (403, 404)
    db.session.expire_all()
    assert db.session.get(ApiToken, token.id).revoked_at is None


def test_v4_2_1_someone_elses_tokens_are_not_listed(client, make):
    owner, attacker = make.user(), make.user()
    create_api_token(owner, "Owner's secret integration", ["read"])
    login_as(client, attacker)
    assert "Owner's secret integration" not in client.get("/me/tokens").get_data(as_text=True)


def test_v4_2_1_someone_elses_notification_cannot_be_marked_read(client, make):
    owner = make.user()
    note = Notification(user_id=owner.id, kind="test", message="For the owner only")
    db.session.add(note)
    db.session.commit()
    login_as(client, make.user())
    client.post("/notifications/read", data={"id": str(note.id)})
    assert "For the owner only" not in client.get("/notifications").get_data(as_text=True)
    db.session.refresh(note)
    assert note.read_at is None


def test_v4_2_1_settings_change_only_your_own_account(client, make):
    owner, attacker = make.user(), make.user()
    login_as(client, attacker)
    client.post(
        "/me/settings",
        data={"form": "profile", "profile-display_name": "Hacked", "user_id": str(owner.id)},
    )
    db.session.refresh(owner)
    assert owner.display_name != "Hacked"


def test_v4_2_1_a_read_token_cannot_write(client, make):
    idea = make.idea()
    _, token = create_api_token(make.user(), "ro", ["read"])
    response = client.put(
        f"/api/v1/ideas/{idea.id}/vote", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 403 and "error" in response.get_json()
    db.session.refresh(idea)
    assert idea.vote_count == 0


def test_v4_2_2_the_api_refuses_writes_with_only_a_session_cookie(client, make):
    idea = make.idea()
    login_as(client, make.user())
    response = client.put(f"/api/v1/ideas/{idea.id}/vote")
    assert response.status_code in (401, 403)
    db.session.refresh(idea)
    assert idea.vote_count == 0


def test_v4_2_1_a_member_cannot_edit_someone_elses_idea(client, make, snapshot):
    idea = make.idea(title="The original title stays")
    login_as(client, make.user())
    unchanged = snapshot()
    response = client.post(
        f"/ideas/{idea.id}/edit", data={"title": "Vandalised title here", "board": "general"}
    )
    assert response.status_code in (302, 403)
    db.session.refresh(idea)
    assert idea.title == "The original title stays"
    unchanged()


def test_v4_3_1_notifications_of_others_are_not_in_your_data_export(client, make):
    owner = make.user()
    db.session.add(Notification(user_id=owner.id, kind="test", message="owner-only-note"))
    db.session.commit()
    login_as(client, make.user())
    exported = client.get("/me/export.json")
    assert b"owner-only-note" not in exported.data
    assert db.session.scalars(select(Notification)).all()
