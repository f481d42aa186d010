"""A post sent twice at once (a double click on "Post", a client retrying a request whose
answer it lost, two tabs) is stored once, on a real threaded server; the same text later is
a new post."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import httpx
from sqlalchemy import func, select, update

from ideaportal.accounts.services import create_api_token
from ideaportal.extensions import db
from ideaportal.ideas import services
from ideaportal.ideas.models import Comment, Idea
from tests.factories import Factory
from tests.scale.conftest import logged_in, same_session


def _count(model: type) -> int:
    db.session.expire_all()
    return int(db.session.scalar(select(func.count(model.id))) or 0)


def _all_at_once(send, times: int = 8) -> list[httpx.Response]:  # type: ignore[no-untyped-def]
    with ThreadPoolExecutor(times) as pool:
        return list(pool.map(lambda _n: send(), range(times)))


def test_a_new_idea_sent_eight_times_at_once_is_posted_once(live_url: str, make: Factory) -> None:
    board = make.board("web-app")
    member = make.user()
    tabs = same_session(logged_in(live_url, member.email, make.PASSWORD), 8)
    form = {"board": board.slug, "title": "Shift reminders by text message", "body": "SMS"}
    sent = iter(tabs)
    answers = _all_at_once(lambda: next(sent).post("/ideas/new", data=form))
    assert {a.status_code for a in answers} == {302}
    assert _count(Idea) == 1
    (idea,) = db.session.scalars(select(Idea))
    # Every click lands on the one idea.
    assert {a.headers["Location"].rsplit("/", 1)[-1] for a in answers} == {str(idea.id)}
    assert idea.follower_count == 1  # the author's follow, once


def test_a_comment_sent_eight_times_at_once_through_the_api_is_posted_once(
    live_url: str, make: Factory
) -> None:
    idea = make.idea()
    _, token = create_api_token(make.user(), "retrying client", ["read", "write"])
    client = httpx.Client(base_url=live_url, timeout=30)
    headers = {"Authorization": f"Bearer {token}"}

    def post() -> httpx.Response:
        return client.post(
            f"/api/v1/ideas/{idea.id}/comments", json={"body": "Same here"}, headers=headers
        )

    answers = _all_at_once(post)
    assert {a.status_code for a in answers} == {201}
    assert len({a.json()["id"] for a in answers}) == 1
    assert _count(Comment) == 1
    db.session.refresh(idea)
    assert idea.comment_count == 1


def test_the_same_text_a_while_later_or_elsewhere_is_a_new_post(make: Factory) -> None:
    member, idea = make.user(), make.idea()
    first = services.add_comment(member, idea, "Same here")
    assert services.add_comment(member, idea, "Same here") is first  # a double click
    reply = services.add_comment(member, idea, "Same here", parent_id=first.id)
    assert reply is not first  # a reply is another post
    other = services.add_comment(make.user(), idea, "Same here")
    assert other is not first  # so is someone else's
    db.session.execute(
        update(Comment)
        .where(Comment.id == first.id)
        .values(created_at=first.created_at - timedelta(seconds=services.REPOST_SECONDS + 1))
    )
    db.session.commit()
    later = services.add_comment(member, idea, "Same here")
    assert later.id != first.id
    assert _count(Comment) == 4
