"""Races beyond plain voting, on a real server and with real concurrent workers: a merge
while votes arrive, an undo while people keep voting, two workers publishing the same
scheduled posts and sending the same emails and webhooks. Each ends with every counter
equal to its rows (ideas.counters), no duplicate rows, and everything sent exactly once."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import httpx
from flask import Flask
from sqlalchemy import func, select

from ideaportal.accounts.models import Role
from ideaportal.community.announcements import publish_due, save
from ideaportal.community.models import Announcement, AnnouncementKind, AnnouncementState
from ideaportal.core.audit import AuditEntry, verify_chain
from ideaportal.core.model_base import utcnow
from ideaportal.dedup.merging import latest_merge_of, merge_ideas
from ideaportal.extensions import db
from ideaportal.ideas import services
from ideaportal.ideas.counters import find_drift
from ideaportal.ideas.models import Follow, Idea, IdeaStatus, Vote
from ideaportal.notifications.models import EmailState, Notification, OutboxEmail
from ideaportal.notifications.outbox import deliver_due_emails, queue_email
from ideaportal.triage import services as triage
from ideaportal.triage.models import DeliveryState, WebhookDelivery
from tests.factories import Factory
from tests.reliability.receivers import SmtpReceiver, WebhookReceiver
from tests.scale.conftest import logged_in

HX = {"HX-Request": "true"}
REFUSED = {403, 409, 422}


def _assert_exact_and_unique() -> None:
    db.session.expire_all()
    assert find_drift() == []
    for model in (Vote, Follow):
        doubled = db.session.execute(
            select(model.user_id, model.idea_id)
            .group_by(model.user_id, model.idea_id)
            .having(func.count() > 1)
        ).all()
        assert doubled == []
    assert verify_chain()[1] == []


def _run(jobs: list[Callable[[], Any]], threads: int = 12) -> list[Any]:
    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(lambda job: job(), jobs))


def _clients(url: str, users: list[Any], password: str) -> list[httpx.Client]:
    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(lambda u: logged_in(url, u.email, password), users))


def test_a_merge_while_votes_arrive_loses_and_strands_no_vote(live_url: str, make: Factory):
    source, target = make.idea(title="Export rota to PDF"), make.idea(title="Print the rota")
    members = [make.user() for _ in range(20)]
    for member in members[:8]:
        services.set_vote(member, source, True)
    for member in members[4:10]:  # four of them voted on both
        services.set_vote(member, target, True)
    pm = logged_in(live_url, make.pm().email, make.PASSWORD)
    clients = _clients(live_url, members, make.PASSWORD)

    def vote(client: httpx.Client, idea: Idea) -> Callable[[], int]:
        return lambda: (
            client.post(f"/ideas/{idea.id}/vote", data={"vote": "1"}, headers=HX).status_code
        )

    jobs: list[Callable[[], Any]] = [vote(c, source) for c in clients[8:]]
    jobs += [vote(c, target) for c in clients[16:]]
    jobs.insert(
        len(jobs) // 3,
        lambda: pm.post(f"/ideas/{source.id}/merge", data={"merge-target": str(target.id)}),
    )
    results = _run(jobs)
    merged = [r for r in results if isinstance(r, httpx.Response)]
    assert merged[0].status_code == 302
    codes = [r for r in results if isinstance(r, int)]
    assert set(codes) <= {200} | REFUSED, codes

    _assert_exact_and_unique()
    db.session.refresh(source)
    db.session.refresh(target)
    assert source.status == IdeaStatus.MERGED
    # Nothing stayed behind on the merged idea; everyone who got a vote in has one, there.
    assert db.session.scalar(select(func.count(Vote.id)).where(Vote.idea_id == source.id)) == 0
    on_target = set(db.session.scalars(select(Vote.user_id).where(Vote.idea_id == target.id)))
    accepted = {m.id for m, c in zip(members[8:], codes[:12], strict=False) if c == 200}
    assert {m.id for m in members[:10]} <= on_target
    assert accepted <= on_target
    assert target.vote_count == len(on_target)


def test_an_undo_while_people_keep_voting_restores_exact_counts(live_url: str, make: Factory):
    source, target = make.idea(title="Swap shifts by app"), make.idea(title="Trade shifts")
    members = [make.user() for _ in range(16)]
    for member in members[:10]:
        services.set_vote(member, source, True)
    pm_user = make.pm()
    merge_ideas(pm_user, source, target)
    merge = latest_merge_of(source)
    clients = _clients(live_url, members, make.PASSWORD)
    pms = [logged_in(live_url, pm_user.email, make.PASSWORD) for _ in range(2)]

    def click(client: httpx.Client, wanted: str) -> Callable[[], int]:
        return lambda: (
            client.post(f"/ideas/{target.id}/vote", data={"vote": wanted}, headers=HX).status_code
        )

    # New votes on the target after the merge, some of the moved voters taking theirs back,
    # and two product managers pressing Undo at the same moment.
    jobs: list[Callable[[], Any]] = [click(c, "1") for c in clients[10:]]
    jobs += [click(c, "0") for c in clients[:4]]
    undo = [lambda p=p: p.post(f"/merges/{merge.id}/undo").status_code for p in pms]
    jobs[4:4] = undo
    results = _run(jobs)
    undo_codes = results[4:6]
    assert sorted(undo_codes) == [302, 302]  # the second is told it was already undone
    assert set(results) <= {200, 302} | REFUSED

    _assert_exact_and_unique()
    undone = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "idea.unmerged")
    ).all()
    assert len(undone) == 1
    db.session.refresh(source)
    assert source.status == IdeaStatus.NEW and source.merged_into_id is None
    # The source has its voters back, except those who took their vote back meanwhile.
    on_source = set(db.session.scalars(select(Vote.user_id).where(Vote.idea_id == source.id)))
    assert {m.id for m in members[4:10]} <= on_source
    assert on_source <= {m.id for m in members[:10]}


def _two_workers(app: Flask, work: Callable[[], int]) -> list[int]:
    """Run the same job on two threads at once, each with its own app context and database
    connection, as two worker processes would."""
    start = threading.Barrier(2)

    def worker() -> int:
        with app.app_context():
            start.wait()
            try:
                return work()
            finally:
                db.session.remove()

    with ThreadPoolExecutor(2) as pool:
        return list(pool.map(lambda _: worker(), range(2)))


def test_two_workers_publish_each_scheduled_post_once(app: Flask, make: Factory):
    cm = make.user(Role.COMMUNITY_MANAGER)
    idea = make.idea()
    followers = [make.user() for _ in range(3)]
    for f in followers:
        services.set_following(f, idea, True)
    for n in range(6):
        save(
            cm,
            None,
            title=f"Release notes part {n}",
            body="What changed.",
            kind=AnnouncementKind.GENERAL,
            idea_ids=[idea.id],
            publish_at=utcnow() - timedelta(minutes=1),
        )
    published = _two_workers(app, publish_due)
    assert sum(published) == 6
    db.session.expire_all()
    states = db.session.scalars(select(Announcement.state)).all()
    assert states == [AnnouncementState.PUBLISHED] * 6
    audited = db.session.scalar(
        select(func.count(AuditEntry.id)).where(AuditEntry.action == "announcement.published")
    )
    assert audited == 6
    for f in followers:  # one notification per post per follower, never two
        told = db.session.scalar(
            select(func.count(Notification.id)).where(
                Notification.user_id == f.id, Notification.kind == "announcement"
            )
        )
        assert told == 6
    _assert_exact_and_unique()


def test_two_workers_send_each_email_once(app: Flask, make: Factory):
    from ideaportal.jobs import huey

    with SmtpReceiver() as smtp:
        app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=smtp.port, SMTP_STARTTLS=False)
        huey.immediate = False  # rows only; the two workers below send
        try:
            for n in range(30):
                queue_email(f"person{n}@example.com", f"News {n}", "Body", kind="test")
            db.session.commit()
        finally:
            huey.immediate = True
        sent = _two_workers(app, deliver_due_emails)
    assert sum(sent) == 30
    assert len(smtp.arrivals) == 30 and len(set(smtp.arrivals)) == 30
    db.session.expire_all()
    rows = db.session.scalars(select(OutboxEmail)).all()
    assert {(e.state, e.attempts, e.claimed_until) for e in rows} == {(EmailState.SENT, 1, None)}


def test_two_workers_deliver_each_webhook_once(app: Flask, make: Factory):
    from ideaportal.jobs import huey

    app.config.update(WEBHOOK_ALLOW_HTTP_LOOPBACK=True)
    with WebhookReceiver() as hook:
        team, _ = triage.save_team(
            make.user(Role.ADMIN), None, name="Mobile squad", webhook_url=hook.url, member_ids=[]
        )
        pm = make.pm()
        huey.immediate = False
        try:
            for _ in range(8):
                triage.hand_off(pm, make.idea(), team)
        finally:
            huey.immediate = True
        delivered = _two_workers(app, triage.deliver_due_webhooks)
    assert sum(delivered) == 8
    assert len(hook.arrivals) == 8 and len(set(hook.arrivals)) == 8
    db.session.expire_all()
    rows = db.session.scalars(select(WebhookDelivery)).all()
    assert {(d.state, d.attempts) for d in rows} == {(DeliveryState.DELIVERED, 1)}
