"""The status workflow: who may change it, which moves are allowed, who hears of it."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from ideaportal.accounts.models import Role
from ideaportal.extensions import db
from ideaportal.ideas import services
from ideaportal.ideas.models import IdeaStatus, StatusChange
from ideaportal.notifications.models import EmailState, Notification, OutboxEmail
from tests.conftest import login_as


def test_pm_changes_status_and_voters_are_told_in_app_and_by_email(client, make):
    idea = make.idea()
    voters = [make.user() for _ in range(3)]
    for v in voters:
        services.toggle_vote(v, idea)
    pm = make.pm()
    login_as(client, pm)
    response = client.post(
        f"/ideas/{idea.id}/status",
        data={"status-status": "planned", "status-note": "Coming in spring."},
    )
    assert response.status_code == 302
    db.session.refresh(idea)
    assert idea.status == IdeaStatus.PLANNED
    change = db.session.scalar(select(StatusChange))
    assert (change.from_status, change.to_status, change.note, change.actor_id) == (
        IdeaStatus.NEW,
        IdeaStatus.PLANNED,
        "Coming in spring.",
        pm.id,
    )
    notified = set(
        db.session.scalars(
            select(Notification.user_id).where(Notification.kind == "status_changed")
        )
    )
    assert notified == {v.id for v in voters} | {idea.author_id}
    emails = db.session.scalars(
        select(OutboxEmail).where(OutboxEmail.kind == "status_changed")
    ).all()
    assert len(emails) == 4 and all(e.state == EmailState.SENT for e in emails)
    assert "Coming in spring." in emails[0].body_text
    # The voter sees it on the idea page and in the bell.
    client.post("/logout")
    login_as(client, voters[0])
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Coming in spring." in page and "Planned" in page
    bell = client.get("/notifications/badge").get_data(as_text=True)
    assert ">1<" in bell


@pytest.mark.parametrize("role", [Role.MEMBER, Role.MODERATOR, Role.COMMUNITY_MANAGER])
def test_only_product_managers_and_admins_change_status(client, make, role):
    idea = make.idea()
    login_as(client, make.user(role))
    response = client.post(f"/ideas/{idea.id}/status", data={"status-status": "planned"})
    assert response.status_code == 403
    db.session.refresh(idea)
    assert idea.status == IdeaStatus.NEW
    assert db.session.scalar(select(func.count(StatusChange.id))) == 0


def test_workflow_refuses_impossible_moves(make):
    pm = make.pm()
    idea = make.idea()
    with pytest.raises(services.ValidationFailed, match="cannot go from new to shipped"):
        services.change_status(pm, idea, IdeaStatus.SHIPPED)
    with pytest.raises(services.ValidationFailed, match="Tell the voters why"):
        services.change_status(pm, idea, IdeaStatus.DECLINED, "")
    for status in (
        IdeaStatus.UNDER_REVIEW,
        IdeaStatus.PLANNED,
        IdeaStatus.IN_PROGRESS,
        IdeaStatus.SHIPPED,
    ):
        services.change_status(pm, idea, status)
    assert idea.status == IdeaStatus.SHIPPED
    assert db.session.scalar(select(func.count(StatusChange.id))) == 4


def test_invalid_move_through_the_page_is_explained(client, make):
    idea = make.idea()
    login_as(client, make.pm())
    response = client.post(
        f"/ideas/{idea.id}/status", data={"status-status": "shipped"}, follow_redirects=True
    )
    assert "An idea cannot go from new to shipped." in response.get_data(as_text=True)


def test_timeline_lists_every_change_newest_first(client, make):
    pm = make.pm()
    idea = make.idea()
    services.change_status(pm, idea, IdeaStatus.UNDER_REVIEW, "First look")
    services.change_status(pm, idea, IdeaStatus.PLANNED, "Scheduled for Q2")
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert page.index("Scheduled for Q2") < page.index("First look")


def test_official_answer_notifies_followers_but_not_the_author_of_it(make):
    idea = make.idea()
    follower = make.user()
    services.set_following(follower, idea, True)
    cm = make.user(Role.COMMUNITY_MANAGER)
    services.add_comment(cm, idea, "We hear you.", official=True)
    told = set(
        db.session.scalars(
            select(Notification.user_id).where(Notification.kind == "official_answer")
        )
    )
    assert told == {follower.id, idea.author_id}
