"""Email preferences: instant, weekly digest or never; one-click unsubscribe."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from ideaportal.accounts.models import EmailFrequency
from ideaportal.core.model_base import utcnow
from ideaportal.extensions import db
from ideaportal.ideas import services as ideas
from ideaportal.ideas.models import IdeaStatus
from ideaportal.notifications.models import Notification, OutboxEmail
from ideaportal.notifications.outbox import _to_message
from ideaportal.notifications.preferences import send_weekly_digests
from tests.conftest import login_as


def _voters_with(make, *frequencies):
    idea = make.idea()
    users = []
    for f in frequencies:
        user = make.user()
        user.email_frequency = f
        db.session.commit()
        ideas.toggle_vote(user, idea)
        users.append(user)
    return idea, users


def test_only_instant_users_get_an_email_but_everyone_gets_the_bell(make):
    idea, (instant, weekly, never) = _voters_with(
        make, EmailFrequency.INSTANT, EmailFrequency.WEEKLY, EmailFrequency.OFF
    )
    ideas.change_status(make.pm(), idea, IdeaStatus.PLANNED, "Soon")
    emailed = set(
        db.session.scalars(select(OutboxEmail.user_id).where(OutboxEmail.kind == "status_changed"))
    )
    assert instant.id in emailed and weekly.id not in emailed and never.id not in emailed
    belled = set(db.session.scalars(select(Notification.user_id)))
    assert {instant.id, weekly.id, never.id} <= belled


def test_weekly_digest_collects_the_week_in_one_email(make):
    idea, (weekly,) = _voters_with(make, EmailFrequency.WEEKLY)
    weekly.digest_sent_at = utcnow() - timedelta(days=8)
    db.session.commit()
    pm = make.pm()
    ideas.change_status(pm, idea, IdeaStatus.UNDER_REVIEW, "")
    ideas.change_status(pm, idea, IdeaStatus.PLANNED, "")
    assert send_weekly_digests() == 1
    digest = db.session.scalar(select(OutboxEmail).where(OutboxEmail.kind == "weekly_digest"))
    assert "2 updates" in digest.subject and "is now planned" in digest.body_text
    assert send_weekly_digests() == 0  # not again within the week


def test_one_click_unsubscribe_from_the_email(client, make):
    idea, (user,) = _voters_with(make, EmailFrequency.INSTANT)
    ideas.change_status(make.pm(), idea, IdeaStatus.PLANNED, "")
    email = db.session.scalar(select(OutboxEmail).where(OutboxEmail.user_id == user.id))
    link = re.search(r"http://portal\.test(/notifications/unsubscribe/\S+)", email.body_text).group(
        1
    )
    message = _to_message(email)
    assert message["List-Unsubscribe"] == f"<http://portal.test{link}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Stop emails" in client.get(link).get_data(as_text=True)
    db.session.refresh(user)
    assert user.email_frequency == EmailFrequency.INSTANT  # a GET changes nothing
    assert client.post(link).status_code == 200
    db.session.refresh(user)
    assert user.email_frequency == EmailFrequency.OFF
    assert client.post("/notifications/unsubscribe/forged-token").status_code == 404


def test_user_changes_frequency_in_settings(client, make):
    user = make.user()
    login_as(client, user)
    client.post("/notifications/email-frequency", data={"frequency": "weekly"})
    db.session.refresh(user)
    assert user.email_frequency == EmailFrequency.WEEKLY
    assert (
        client.post("/notifications/email-frequency", data={"frequency": "hourly"}).status_code
        == 400
    )
