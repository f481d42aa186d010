"""Moderation: flags, automatic rules, escalation levels and who may do what, appeals."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from ideaportal.accounts.models import Role
from ideaportal.community import moderation
from ideaportal.community.models import CaseState, FlagReason, Level, ModerationCase
from ideaportal.core.audit import AuditEntry
from ideaportal.core.errors import Conflict, Forbidden, ValidationFailed
from ideaportal.core.model_base import utcnow
from ideaportal.extensions import db
from ideaportal.ideas import services as ideas
from ideaportal.notifications.models import Notification
from tests.conftest import login_as


def test_member_flags_a_comment_and_it_lands_in_the_queue(client, make):
    idea = make.idea()
    comment = ideas.add_comment(make.user(), idea, "You are all idiots")
    reporter = make.user()
    login_as(client, reporter)
    response = client.post(
        f"/flag/comment/{comment.id}",
        data={"flag-reason": "abusive", "flag-details": "insult"},
        follow_redirects=True,
    )
    assert "A moderator will look at it." in response.get_data(as_text=True)
    again = client.post(
        f"/flag/comment/{comment.id}", data={"flag-reason": "spam"}, follow_redirects=True
    )
    assert "You already flagged this" in again.get_data(as_text=True)
    client.post("/logout")
    login_as(client, make.user(Role.MODERATOR))
    queue = client.get("/moderation").get_data(as_text=True)
    assert "You are all idiots" in queue and "insult" in queue


def test_a_member_cannot_see_the_queue(client, make):
    login_as(client, make.user())
    assert client.get("/moderation").status_code == 403


def test_hiding_keeps_the_content_for_staff_tells_the_author_and_is_audited(client, make):
    author = make.user()
    idea = make.idea()
    comment = ideas.add_comment(author, idea, "Buy cheap watches at spam.example")
    case = moderation.flag(make.user(), comment, FlagReason.SPAM)
    mod = make.user(Role.MODERATOR)
    moderation.act(mod, case, "hide", reason="Advertising is not allowed")
    db.session.refresh(comment)
    assert comment.hidden and comment.body.startswith("Buy cheap")
    assert "Buy cheap watches" not in client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    login_as(client, mod)
    assert "Buy cheap watches" in client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    told = db.session.scalar(
        select(Notification).where(
            Notification.user_id == author.id, Notification.kind == "moderation"
        )
    )
    assert "Advertising is not allowed" in told.message
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "moderation.hide"))
    assert entry.actor_id == mod.id and entry.details["reason"] == "Advertising is not allowed"


def test_every_action_needs_a_reason(make):
    case = moderation.flag(make.user(), make.idea(), FlagReason.OFF_TOPIC)
    with pytest.raises(ValidationFailed, match="Say why"):
        moderation.act(make.user(Role.MODERATOR), case, "hide", reason=" ")


def test_a_moderator_cannot_suspend_but_a_community_manager_can(make):
    author = make.user()
    case = moderation.flag(make.user(), make.idea(author=author), FlagReason.ABUSIVE)
    with pytest.raises(Forbidden, match="Level 2"):
        moderation.act(make.user(Role.MODERATOR), case, "suspend", reason="Threats", days=7)
    moderation.act(make.user(Role.COMMUNITY_MANAGER), case, "suspend", reason="Threats", days=7)
    db.session.refresh(author)
    assert author.is_suspended and author.suspended_until > utcnow() + timedelta(days=6)
    with pytest.raises(Forbidden):
        ideas.add_comment(author, make.idea(), "I am back")


def test_crisis_escalation_alerts_admins_and_community_managers(make):
    admin, cm = make.user(Role.ADMIN), make.user(Role.COMMUNITY_MANAGER)
    case = moderation.flag(make.user(), make.idea(), FlagReason.ABUSIVE)
    moderation.escalate(make.user(Role.MODERATOR), case, 3, "Storm on social media")
    assert case.level == Level.CRISIS
    alerted = set(
        db.session.scalars(select(Notification.user_id).where(Notification.kind == "crisis"))
    )
    assert {admin.id, cm.id} <= alerted
    with pytest.raises(Forbidden):
        moderation.escalate(make.user(Role.MODERATOR), case, 1, "never mind")


def test_many_flags_in_an_hour_go_to_community_managers(app, make):
    app.config["MODERATION_STORM_FLAGS"] = 3
    idea = make.idea()
    for _ in range(3):
        case = moderation.flag(make.user(), idea, FlagReason.OFF_TOPIC)
    assert case.level == Level.COMMUNITY_MANAGER


def test_automatic_flags_from_rules(app, make):
    app.config["MODERATION_WORDS"] = "casino, viagra"
    app.config["MODERATION_MAX_LINKS"] = 2
    member = make.user()
    member.created_at -= timedelta(days=30)
    db.session.commit()
    clean = make.idea(author=member, title="Export timesheets as CSV")
    spam = make.idea(
        author=member,
        title="Best CASINO bonus here",
        body="http://a.example http://b.example http://c.example",
    )
    cases = {c.target_id: c for c in db.session.scalars(select(ModerationCase))}
    assert clean.id not in cases
    reasons = cases[spam.id].flags[0].details
    assert "blocked words: casino" in reasons and "3 links" in reasons


def test_new_accounts_posting_fast_are_flagged(app, make):
    newbie = make.user()
    board = make.board()
    for n in range(5):
        make.idea(author=newbie, board=board, title=f"Rapid fire idea number {n}")
    flagged = db.session.scalars(select(ModerationCase)).all()
    assert flagged and "new account posted" in flagged[0].flags[0].details


def test_lock_thread_blocks_members_but_not_official_answers(make):
    idea = make.idea()
    case = moderation.flag(make.user(), idea, FlagReason.ABUSIVE)
    moderation.act(make.user(Role.COMMUNITY_MANAGER), case, "lock", reason="Heated")
    with pytest.raises(Forbidden):
        ideas.add_comment(make.user(), idea, "One more thing")
    with pytest.raises(Forbidden):
        ideas.toggle_vote(make.user(), idea)
    ideas.add_comment(
        make.user(Role.COMMUNITY_MANAGER), idea, "We hear you; here is the plan.", official=True
    )


def test_slow_mode_spaces_out_comments(make):
    idea = make.idea()
    case = moderation.flag(make.user(), idea, FlagReason.OFF_TOPIC)
    moderation.act(make.user(Role.ADMIN), case, "slow_mode", reason="Cool down")
    talker = make.user()
    ideas.add_comment(talker, idea, "First")
    with pytest.raises(ValidationFailed, match="slow mode"):
        ideas.add_comment(talker, idea, "Second right away")
    ideas.add_comment(make.user(Role.MODERATOR), idea, "Staff are not slowed")


def test_author_appeals_once_and_a_granted_appeal_restores(client, make):
    author = make.user()
    idea = make.idea(author=author)
    case = moderation.flag(make.user(), idea, FlagReason.SPAM)
    moderation.act(make.user(Role.MODERATOR), case, "hide", reason="Looks like spam")
    login_as(client, author)
    page = client.get(f"/moderation/my/{case.id}").get_data(as_text=True)
    assert "Looks like spam" in page
    client.post(f"/moderation/my/{case.id}", data={"text": "It is a real request from our shop"})
    with pytest.raises(Conflict, match="already appealed"):
        moderation.appeal(author, case.id, "Please, please reconsider this")
    db.session.refresh(case)
    assert case.state == CaseState.OPEN and case.level == Level.COMMUNITY_MANAGER
    item = moderation.appeal_of(case)
    with pytest.raises(Forbidden):
        moderation.decide_appeal(make.user(Role.MODERATOR), item, False, "")
    moderation.decide_appeal(make.user(Role.COMMUNITY_MANAGER), item, False, "Sorry, our mistake")
    db.session.refresh(idea)
    assert idea.hidden is False


def test_pinned_statement_tops_the_discussion(client, make):
    idea = make.idea()
    ideas.add_comment(make.user(), idea, "Angry comment")
    moderation.post_statement(make.user(Role.ADMIN), idea, "Our statement on the outage")
    html = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert html.index("Our statement on the outage") < html.index("Angry comment")
    assert "Pinned statement" in html
