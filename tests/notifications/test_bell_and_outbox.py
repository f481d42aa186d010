"""The bell, marking read, and email delivery over a real SMTP server."""

from __future__ import annotations

import re
import socket
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from ideaportal.core.model_base import utcnow
from ideaportal.extensions import db
from ideaportal.ideas import services as ideas
from ideaportal.ideas.models import IdeaStatus
from ideaportal.notifications.models import EmailState, Notification, OutboxEmail
from ideaportal.notifications.outbox import deliver_due_emails, queue_email
from tests.conftest import login_as


def _status_news_for(make):
    idea = make.idea()
    voter = make.user()
    ideas.toggle_vote(voter, idea)
    ideas.change_status(make.pm(), idea, IdeaStatus.UNDER_REVIEW, "Taking a look")
    return idea, voter


def _bell_on_page(client, path: str = "/") -> int:
    """The count the bell in a full page's header shows (hidden at 0)."""
    page = client.get(path).get_data(as_text=True)
    found = re.search(r'class="bell-badge ([^"]*)"[^>]*>(\d+)<', page)
    assert found is not None, "no bell on the page"
    hidden = "d-none" in found.group(1).split()
    assert hidden == (found.group(2) == "0")
    return int(found.group(2))


def test_bell_counts_unread_and_marking_read_clears_it(client, make):
    idea, voter = _status_news_for(make)
    login_as(client, voter)
    page = client.get("/notifications/").get_data(as_text=True)
    assert f"“{idea.title}” is now under review." in page
    assert ">1<" in client.get("/notifications/badge").get_data(as_text=True)
    assert _bell_on_page(client) == 1 and _bell_on_page(client, f"/ideas/{idea.id}") == 1
    client.post("/notifications/read")
    assert ">0<" in client.get("/notifications/badge").get_data(as_text=True)
    assert _bell_on_page(client) == 0


def test_a_page_shown_again_after_a_refused_form_keeps_the_bell(client, make):
    _, voter = _status_news_for(make)
    login_as(client, voter)
    refused = client.post("/ideas/new", data={"title": "", "body": ""})
    assert refused.status_code in (200, 422)
    found = re.search(r'class="bell-badge[^"]*"[^>]*>(\d+)<', refused.get_data(as_text=True))
    assert found is not None and found.group(1) == "1"


def test_each_member_sees_their_own_count_in_the_bell(app, client, make):
    _, voter = _status_news_for(make)
    other = app.test_client()
    login_as(client, voter)
    login_as(other, make.user())
    assert _bell_on_page(other) == 0
    assert _bell_on_page(client) == 1
    assert _bell_on_page(other) == 0


def test_nobody_can_mark_someone_elses_notifications(client, make):
    _, voter = _status_news_for(make)
    note = db.session.scalar(select(Notification).where(Notification.user_id == voter.id))
    login_as(client, make.user())
    client.post("/notifications/read", data={"id": str(note.id)})
    db.session.refresh(note)
    assert note.read_at is None


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append((envelope.mail_from, envelope.rcpt_tos, envelope.content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


def test_emails_go_out_over_smtp(app, make, smtp_server):
    controller, inbox = smtp_server
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=controller.port, SMTP_STARTTLS=False)
    idea, voter = _status_news_for(make)
    assert any(voter.email in rcpts for _, rcpts, _ in inbox.messages)
    body = next(c for _, r, c in inbox.messages if voter.email in r).decode()
    assert "under review" in body.lower() and f"/ideas/{idea.id}" in body
    sent = db.session.scalars(select(OutboxEmail)).all()
    assert sent and all(e.state == EmailState.SENT for e in sent)


def test_failed_delivery_backs_off_and_gives_up_after_the_limit(app, make):
    app.config.update(
        SMTP_HOST="127.0.0.1", SMTP_PORT=_free_port(), SMTP_STARTTLS=False, MAIL_MAX_ATTEMPTS=2
    )
    email = queue_email("x@example.com", "Hello", "Body", kind="test")
    db.session.commit()  # delivery runs after commit and fails: nobody listens on that port
    db.session.refresh(email)
    assert email.state == EmailState.PENDING and email.attempts == 1
    assert email.next_attempt_at > utcnow() and "ConnectionRefusedError" in email.last_error
    assert deliver_due_emails() == 0 and email.attempts == 1  # not due yet
    email.next_attempt_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    deliver_due_emails()
    db.session.refresh(email)
    assert email.state == EmailState.FAILED and email.attempts == 2


def test_an_email_is_sent_once_even_if_two_workers_sweep(app, make, smtp_server):
    controller, inbox = smtp_server
    app.config.update(
        SMTP_HOST="127.0.0.1", SMTP_PORT=controller.port, SMTP_STARTTLS=False, QUEUE_IMMEDIATE=False
    )
    from ideaportal.jobs import huey

    huey.immediate = False
    try:
        queue_email("once@example.com", "Once", "Only once", kind="test")
        db.session.commit()
        assert deliver_due_emails() == 1
        assert deliver_due_emails() == 0
    finally:
        huey.immediate = True
    assert sum(1 for _, r, _ in inbox.messages if "once@example.com" in r) == 1
