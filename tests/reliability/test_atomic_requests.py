"""A request that fails half-way leaves none of its writes: the service's rows, counters,
audit entry and queued jobs all go, or all stay."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from blinker import Signal
from sqlalchemy import func, select

from ideaportal.accounts.models import Role
from ideaportal.core import events
from ideaportal.core.audit import AuditEntry, verify_chain
from ideaportal.dedup.models import Merge
from ideaportal.extensions import db
from ideaportal.ideas import services
from ideaportal.ideas.models import Follow, Idea, IdeaStatus, Vote
from ideaportal.notifications.models import Notification, OutboxEmail
from tests.conftest import login_as


@contextmanager
def failing_listener(signal: Signal) -> Iterator[None]:
    """A listener that breaks after the service has already written its rows."""

    def explode(*_: Any, **__: Any) -> None:
        raise RuntimeError("listener failed mid-request")

    signal.connect(explode)
    try:
        yield
    finally:
        signal.disconnect(explode)


def _snapshot() -> dict[str, Any]:
    db.session.expire_all()
    return {
        "ideas": db.session.scalar(select(func.count(Idea.id))),
        "votes": sorted(db.session.execute(select(Vote.user_id, Vote.idea_id)).all()),
        "follows": db.session.scalar(select(func.count(Follow.id))),
        "merges": db.session.scalar(select(func.count(Merge.id))),
        "audit": db.session.scalar(select(func.count(AuditEntry.id))),
        "notifications": db.session.scalar(select(func.count(Notification.id))),
        "emails": db.session.scalar(select(func.count(OutboxEmail.id))),
        "counts": sorted(
            db.session.execute(
                select(Idea.id, Idea.vote_count, Idea.follower_count, Idea.status)
            ).all()
        ),
    }


def test_a_merge_that_fails_after_moving_votes_moves_nothing(client, make):
    pm = make.user(Role.PRODUCT_MANAGER)
    source, target = make.idea(), make.idea()
    for _ in range(3):
        services.set_vote(make.user(), source, True)
    before = _snapshot()
    login_as(client, pm)
    with failing_listener(events.ideas_merged):
        response = client.post(f"/ideas/{source.id}/merge", data={"merge-target": str(target.id)})
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.get_data(as_text=True)
    after = _snapshot()
    assert after == before
    assert db.session.get(Idea, source.id).status == IdeaStatus.NEW
    assert verify_chain()[1] == []


def test_an_idea_whose_post_fails_leaves_no_idea_follow_or_audit_entry(client, make):
    author, board = make.user(), make.board()
    before = _snapshot()
    login_as(client, author)
    with failing_listener(events.idea_created):
        response = client.post(
            "/ideas/new", data={"board": board.slug, "title": "Half written idea here"}
        )
    assert response.status_code == 500
    assert _snapshot() == before


def test_an_api_vote_that_fails_leaves_the_count_and_rows_alone(app, make):
    idea, voter = make.idea(), make.user()
    from ideaportal.accounts.services import create_api_token

    _, token = create_api_token(voter, "t", ["read", "write"])
    before = _snapshot()
    with failing_listener(events.vote_toggled):
        response = app.test_client().put(
            f"/api/v1/ideas/{idea.id}/vote", headers={"Authorization": f"Bearer {token}"}
        )
    assert response.status_code == 500
    assert response.get_json()["error"]["status"] == 500
    assert _snapshot() == before
