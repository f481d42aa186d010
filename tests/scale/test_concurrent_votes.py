"""Counters stay exact when many requests race on a real server (issue: a double click or
two tabs once made two 'take my vote back' requests both decrement)."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
from sqlalchemy import event, func, select

from ideaportal.extensions import db
from ideaportal.ideas import services
from ideaportal.ideas.models import Follow, Idea, Vote
from tests.factories import Factory
from tests.scale.conftest import logged_in, same_session

HX = {"HX-Request": "true"}


def _counts_match_rows() -> list[tuple[int, int, int, int, int]]:
    """(idea, vote_count, vote rows, follower_count, follow rows) for every idea."""
    db.session.expire_all()
    votes = dict(
        db.session.execute(select(Vote.idea_id, func.count()).group_by(Vote.idea_id)).all()
    )
    follows = dict(
        db.session.execute(select(Follow.idea_id, func.count()).group_by(Follow.idea_id)).all()
    )
    return [
        (i.id, i.vote_count, votes.get(i.id, 0), i.follower_count, follows.get(i.id, 0))
        for i in db.session.scalars(select(Idea))
    ]


def _assert_exact() -> None:
    for idea_id, vote_count, vote_rows, follower_count, follow_rows in _counts_match_rows():
        assert vote_count == vote_rows, f"idea {idea_id}: {vote_count} votes counted, {vote_rows}"
        assert follower_count == follow_rows, f"idea {idea_id}: followers {follower_count}"


def _race(jobs: list[Callable[[], httpx.Response]], threads: int = 16) -> list[int]:
    with ThreadPoolExecutor(threads) as pool:
        return [r.status_code for r in pool.map(lambda job: job(), jobs)]


def test_one_member_voting_on_sixteen_connections_keeps_counts_exact(
    live_url: str, make: Factory
) -> None:
    ideas = [make.idea() for _ in range(3)]
    member = make.user()
    tabs = same_session(logged_in(live_url, member.email, make.PASSWORD), 16)
    rng = random.Random(7)

    def click(n: int) -> Callable[[], httpx.Response]:
        tab, idea = tabs[n % 16], rng.choice(ideas)
        wanted = rng.choice("01")
        return lambda: tab.post(f"/ideas/{idea.id}/vote", data={"vote": wanted}, headers=HX)

    statuses = _race([click(n) for n in range(320)])
    assert statuses.count(200) == len(statuses), sorted(set(statuses))
    _assert_exact()
    for idea in ideas:  # one person: at most one vote per idea, whatever the clicks
        db.session.refresh(idea)
        assert idea.vote_count in (0, 1)


def test_sixty_four_members_voting_at_once_are_all_counted(live_url: str, make: Factory) -> None:
    idea = make.idea()
    members = [make.user() for _ in range(64)]
    with ThreadPoolExecutor(8) as pool:
        clients = list(pool.map(lambda m: logged_in(live_url, m.email, make.PASSWORD), members))

    def vote(client: httpx.Client, wanted: str) -> Callable[[], httpx.Response]:
        return lambda: client.post(f"/ideas/{idea.id}/vote", data={"vote": wanted}, headers=HX)

    # Each member double-clicks: 128 requests, 64 votes.
    assert set(_race([vote(c, "1") for c in clients for _ in range(2)])) == {200}
    db.session.refresh(idea)
    assert idea.vote_count == 64
    _assert_exact()
    assert set(_race([vote(c, "0") for c in clients for _ in range(2)])) == {200}
    db.session.refresh(idea)
    assert idea.vote_count == 0
    _assert_exact()


def test_follow_and_unfollow_races_keep_the_follower_count_exact(
    live_url: str, make: Factory
) -> None:
    idea = make.idea()
    people = [make.user() for _ in range(4)]
    tabs: list[Any] = []
    for person in people:
        tabs += same_session(logged_in(live_url, person.email, make.PASSWORD), 4)
    rng = random.Random(11)

    def click(tab: httpx.Client) -> Callable[[], httpx.Response]:
        wanted = rng.choice("01")
        return lambda: tab.post(f"/ideas/{idea.id}/follow", data={"follow": wanted}, headers=HX)

    statuses = _race([click(rng.choice(tabs)) for _ in range(240)])
    assert set(statuses) == {200}
    _assert_exact()


def test_deleting_an_account_while_its_other_tab_votes_never_deadlocks(
    live_url: str, make: Factory
) -> None:
    # The account follows three ideas (it voted, then took the votes back). While the
    # deletion holds the follow rows it removed, another tab of the same person votes: the
    # vote locks an idea and then waits for the follow row. Had the deletion locked the
    # ideas only afterwards, for their counters, each would wait for the other (PostgreSQL
    # then fails one of them); it takes the ideas' locks first, in the vote's order.
    ideas = [make.idea() for _ in range(3)]
    member = make.user()
    for idea in ideas:
        services.set_vote(member, idea, True)
        services.set_vote(member, idea, False)
    tabs = same_session(logged_in(live_url, member.email, make.PASSWORD), 2)
    follows_deleted = threading.Event()

    def hold_after_follows_deleted(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        if statement.startswith("DELETE FROM follow"):
            follows_deleted.set()
            time.sleep(0.6)  # the other tab's vote arrives meanwhile

    event.listen(db.engine, "after_cursor_execute", hold_after_follows_deleted)
    try:
        with ThreadPoolExecutor(2) as pool:
            deletion = pool.submit(
                tabs[0].post, "/me/settings", data={"form": "delete", "del-password": make.PASSWORD}
            )
            assert follows_deleted.wait(10)
            vote = pool.submit(
                tabs[1].post, f"/ideas/{ideas[1].id}/vote", data={"vote": "1"}, headers=HX
            )
            statuses = (deletion.result(30).status_code, vote.result(30).status_code)
    finally:
        event.remove(db.engine, "after_cursor_execute", hold_after_follows_deleted)
    assert statuses[0] == 302 and statuses[1] < 500, statuses
    db.session.refresh(member)
    assert member.deleted_at is not None
    _assert_exact()
