"""Account settings: profile, password change, personal data export, account deletion."""

from __future__ import annotations

from sqlalchemy import select

from ideaportal.accounts.models import ApiToken, User
from ideaportal.accounts.services import create_api_token
from ideaportal.extensions import db
from ideaportal.ideas import services as ideas
from ideaportal.ideas.models import Comment, Follow, Vote
from tests.conftest import login_as


def test_change_display_name_and_password(app, client, make):
    user = make.user()
    login_as(client, user)
    other_device = app.test_client()
    login_as(other_device, user)
    client.post("/me/settings", data={"form": "profile", "profile-display_name": "Ann Smith"})
    db.session.refresh(user)
    assert user.display_name == "Ann Smith"
    wrong = client.post(
        "/me/settings",
        data={
            "form": "password",
            "pw-current": "not-it-at-all",
            "pw-password": "new-password-1",
            "pw-confirm": "new-password-1",
        },
    )
    assert "The current password is wrong." in wrong.get_data(as_text=True)
    client.post(
        "/me/settings",
        data={
            "form": "password",
            "pw-current": make.PASSWORD,
            "pw-password": "new-password-1",
            "pw-confirm": "new-password-1",
        },
    )
    assert client.get("/me/settings").status_code == 200  # this session stays
    assert other_device.get("/me/settings").status_code == 302  # the other one ended
    client.post("/logout")
    login_as(client, user, "new-password-1")


def test_export_contains_everything_about_me(client, make):
    user = make.user()
    idea = make.idea(author=user, title="My own idea for export")
    other = make.idea()
    ideas.toggle_vote(user, other)
    ideas.add_comment(user, other, "My comment")
    login_as(client, user)
    response = client.get("/me/export.json")
    data = response.get_json(force=True)
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert data["account"]["email"] == user.email
    assert [i["title"] for i in data["ideas"]] == ["My own idea for export"]
    assert data["comments"][0]["body"] == "My comment" and data["votes"] == [other.id]
    assert set(data["follows"]) == {idea.id, other.id}


def test_deleting_the_account_erases_the_person_but_keeps_the_discussion(client, make):
    user = make.user()
    other = make.idea()
    ideas.toggle_vote(user, other)
    ideas.add_comment(user, other, "Still useful to others")
    create_api_token(user, "cli", ["read"])
    email = user.email
    login_as(client, user)
    refused = client.post("/me/settings", data={"form": "delete", "del-password": "wrong-one-x"})
    assert "The password is wrong." in refused.get_data(as_text=True)
    client.post("/me/settings", data={"form": "delete", "del-password": make.PASSWORD})
    db.session.refresh(user)
    db.session.refresh(other)
    assert user.email != email and user.display_name == "Deleted user"
    assert user.deleted_at is not None
    assert db.session.scalar(select(User).where(User.email == email)) is None
    assert db.session.scalar(select(Follow).where(Follow.user_id == user.id)) is None
    assert db.session.scalar(select(ApiToken).where(ApiToken.user_id == user.id)) is None
    assert other.follower_count == 1  # the author only
    assert db.session.scalar(select(Vote).where(Vote.user_id == user.id)) is not None
    assert db.session.scalar(select(Comment).where(Comment.author_id == user.id)) is not None
    page = client.get(f"/ideas/{other.id}").get_data(as_text=True)
    assert "Deleted user" in page and "Still useful to others" in page
    assert (
        client.post("/login", data={"email": email, "password": make.PASSWORD}).status_code == 200
    )
