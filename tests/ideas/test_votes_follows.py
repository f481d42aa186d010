"""Votes and follows: one vote per person, exact counts, no reload needed."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, event, func, select, update
from sqlalchemy.exc import IntegrityError

from ideaportal.core.errors import Forbidden, NotFound
from ideaportal.extensions import db
from ideaportal.ideas import services
from ideaportal.ideas.models import Follow, Idea, IdeaStatus, Vote
from tests.conftest import login_as

HX = {"HX-Request": "true"}


def test_voting_with_htmx_returns_the_updated_button(client, make):
    idea = make.idea()
    login_as(client, make.user())
    response = client.post(f"/ideas/{idea.id}/vote", data={"vote": "1"}, headers=HX)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and html.lstrip().startswith("<form")
    assert 'aria-pressed="true"' in html and '<span class="vote-count">1</span>' in html
    # The returned button asks for the opposite state next time.
    assert 'name="vote" value="0"' in html
    again = client.post(f"/ideas/{idea.id}/vote", data={"vote": "0"}, headers=HX)
    again_html = again.get_data(as_text=True)
    assert (
        'aria-pressed="false"' in again_html and '<span class="vote-count">0</span>' in again_html
    )
    db.session.refresh(idea)
    assert idea.vote_count == 0


def test_a_double_click_on_vote_counts_one_vote(client, make):
    idea = make.idea()
    voter = make.user()
    login_as(client, voter)
    for _ in range(2):  # the same button, clicked twice before the page updated
        response = client.post(f"/ideas/{idea.id}/vote", data={"vote": "1"}, headers=HX)
        assert 'aria-pressed="true"' in response.get_data(as_text=True)
    db.session.refresh(idea)
    assert idea.vote_count == 1 and services.has_voted(voter, idea)
    for _ in range(2):  # two tabs both taking the vote back
        client.post(f"/ideas/{idea.id}/vote", data={"vote": "0"}, headers=HX)
    db.session.refresh(idea)
    assert idea.vote_count == 0 and not services.has_voted(voter, idea)


def test_a_vote_request_must_say_which_state_it_wants(client, make):
    idea = make.idea()
    login_as(client, make.user())
    response = client.post(f"/ideas/{idea.id}/vote", headers=HX)
    assert response.status_code == 400 and "vote=1" in response.get_data(as_text=True)
    db.session.refresh(idea)
    assert idea.vote_count == 0


def test_voting_without_javascript_redirects_back(client, make):
    idea = make.idea()
    login_as(client, make.user())
    response = client.post(f"/ideas/{idea.id}/vote", data={"vote": "1", "next": "/?sort=new"})
    assert response.status_code == 302 and response.location == "/?sort=new"
    db.session.refresh(idea)
    assert idea.vote_count == 1
    evil = client.post(f"/ideas/{idea.id}/vote", data={"vote": "1", "next": "//evil.example"})
    assert evil.location == f"/ideas/{idea.id}"


def test_a_vote_for_an_idea_that_does_not_exist_is_not_found(client, make):
    login_as(client, make.user())
    response = client.post("/ideas/999999/vote", data={"vote": "1"}, headers=HX)
    assert response.status_code == 404
    assert db.session.scalar(select(func.count(Vote.id))) == 0


def test_a_vote_from_a_session_ended_by_a_password_change_counts_nothing(client, make):
    idea = make.idea()
    member = make.user()
    login_as(client, member)
    member.session_version += 1  # as a password change does: older sessions end
    db.session.commit()
    response = client.post(f"/ideas/{idea.id}/vote", data={"vote": "1"}, headers=HX)
    assert response.status_code == 401 and response.headers["HX-Redirect"].startswith("/login")
    db.session.refresh(idea)
    assert idea.vote_count == 0 and not services.has_voted(member, idea)


def test_the_database_refuses_a_second_vote_by_the_same_person(make):
    idea = make.idea()
    user = make.user()
    services.toggle_vote(user, idea)
    db.session.add(Vote(user_id=user.id, idea_id=idea.id))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    assert db.session.scalar(select(func.count(Vote.id))) == 1


def test_vote_count_stays_exact_over_many_toggles(make):
    idea = make.idea()
    users = [make.user() for _ in range(6)]
    for round_ in range(3):
        for n, user in enumerate(users):
            if (n + round_) % 2 == 0:
                services.toggle_vote(user, idea)
    db.session.refresh(idea)
    actual = db.session.scalar(select(func.count(Vote.id)).where(Vote.idea_id == idea.id))
    assert idea.vote_count == actual


def test_voting_follows_the_idea_so_the_voter_hears_back(make):
    idea = make.idea()
    voter = make.user()
    services.toggle_vote(voter, idea)
    assert services.is_following(voter, idea)
    assert idea.follower_count == 2  # author and voter


def test_closed_ideas_take_no_new_votes(client, make):
    pm = make.pm()
    idea = make.idea()
    services.change_status(pm, idea, IdeaStatus.DECLINED, "Out of scope for the product.")
    voter = make.user()
    with pytest.raises(Forbidden, match="Voting is closed"):
        services.toggle_vote(voter, idea)
    login_as(client, voter)
    response = client.post(f"/ideas/{idea.id}/vote", data={"vote": "1"}, headers=HX)
    assert response.status_code == 403 and "Voting is closed" in response.get_data(as_text=True)


@pytest.mark.parametrize("wanted", [True, False])
def test_an_idea_closed_meanwhile_is_checked_on_its_locked_row(make, wanted):
    """The page showed the idea open; by the time the vote is written another request has
    closed it. The check runs again on the row the write locked, and nothing is written."""
    idea = make.idea()
    voter = make.user()
    if not wanted:
        services.set_vote(voter, idea, True)
    before = (idea.vote_count, idea.follower_count)
    with db.engine.begin() as other:  # another request, committed before this vote writes
        other.execute(update(Idea).where(Idea.id == idea.id).values(status=IdeaStatus.DECLINED))
    with pytest.raises(Forbidden, match="Voting is closed"):
        services.set_vote(voter, idea, wanted, voted_before=not wanted)
    db.session.expire_all()
    assert (idea.vote_count, idea.follower_count) == before
    assert services.has_voted(voter, idea) is not wanted


def test_an_idea_deleted_meanwhile_takes_no_vote(make):
    idea = make.idea()
    voter = make.user()
    with db.engine.begin() as other:  # staff deleted it after the page was shown
        other.execute(delete(Idea).where(Idea.id == idea.id))
    with pytest.raises(NotFound):
        services.set_vote(voter, idea, True, voted_before=False)
    assert db.session.scalar(select(func.count(Vote.id))) == 0


def test_a_repeated_click_on_vote_reads_once_and_writes_nothing(client, make):
    vote_url = f"/ideas/{make.idea().id}/vote"
    login_as(client, make.user())
    client.post(vote_url, data={"vote": "1"}, headers=HX)
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        again = client.post(vote_url, data={"vote": "1"}, headers=HX)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert again.status_code == 200 and 'aria-pressed="true"' in again.text
    # The member, the idea and their vote come in one statement; a repeat writes nothing.
    assert len(statements) == 1 and statements[0].lstrip().startswith("SELECT")


def test_anonymous_vote_asks_to_log_in(client, make):
    idea = make.idea()
    plain = client.post(f"/ideas/{idea.id}/vote")
    assert plain.status_code == 302 and "/login" in plain.location
    htmx = client.post(f"/ideas/{idea.id}/vote", headers=HX)
    assert htmx.status_code == 401 and htmx.headers["HX-Redirect"].startswith("/login")


def test_suspended_members_cannot_vote(make):
    from datetime import timedelta

    from ideaportal.core.model_base import utcnow

    idea = make.idea()
    user = make.user()
    user.suspended_until = utcnow() + timedelta(days=1)
    db.session.commit()
    with pytest.raises(Forbidden):
        services.toggle_vote(user, idea)


def test_follow_and_unfollow_keep_the_count_exact(client, make):
    idea = make.idea()
    user = make.user()
    login_as(client, user)
    html = client.post(f"/ideas/{idea.id}/follow", data={"follow": "1"}, headers=HX).get_data(
        as_text=True
    )
    # The same id and name in both states (htmx keeps the focus on it); aria-pressed changes.
    assert f'id="follow-{idea.id}"' in html and 'aria-pressed="true"' in html
    client.post(f"/ideas/{idea.id}/follow", data={"follow": "1"}, headers=HX)  # twice: no double
    db.session.refresh(idea)
    assert idea.follower_count == 2
    html = client.post(f"/ideas/{idea.id}/follow", data={"follow": "0"}, headers=HX).get_data(
        as_text=True
    )
    assert f'id="follow-{idea.id}"' in html and 'aria-pressed="false"' in html
    assert '<i class="bi bi-bell" aria-hidden="true"></i> Follow' in html
    db.session.refresh(idea)
    assert idea.follower_count == 1
    assert db.session.scalar(select(func.count(Follow.id)).where(Follow.idea_id == idea.id)) == 1
