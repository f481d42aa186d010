"""Merge and unmerge: no vote, follower or comment lost or duplicated; counts stay exact."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from ideaportal.accounts.models import Role, User
from ideaportal.core.errors import Conflict, Forbidden, ValidationFailed
from ideaportal.dedup.merging import latest_merge_of, merge_ideas, unmerge
from ideaportal.extensions import db
from ideaportal.ideas import services
from ideaportal.ideas.models import Comment, Follow, IdeaStatus, Vote
from ideaportal.notifications.models import Notification
from tests.conftest import login_as


def voters(idea) -> set[int]:
    return set(db.session.scalars(select(Vote.user_id).where(Vote.idea_id == idea.id)))


def followers(idea) -> set[int]:
    return set(db.session.scalars(select(Follow.user_id).where(Follow.idea_id == idea.id)))


def assert_counts_exact(*ideas) -> None:
    for idea in ideas:
        db.session.refresh(idea)
        assert idea.vote_count == len(voters(idea))
        assert idea.follower_count == len(followers(idea))
        live = select(func.count(Comment.id)).where(
            Comment.idea_id == idea.id, Comment.deleted_at.is_(None)
        )
        assert idea.comment_count == db.session.scalar(live)


def test_merge_keeps_one_vote_per_user_and_moves_everything(make):
    pm = make.pm()
    source, target = make.idea(title="Night theme for the app"), make.idea(title="Dark mode please")
    both, only_source, only_target = make.user(), make.user(), make.user()
    for user, ideas in ((both, [source, target]), (only_source, [source]), (only_target, [target])):
        for idea in ideas:
            services.toggle_vote(user, idea)
    comment = services.add_comment(only_source, source, "My eyes hurt at night")
    merge_ideas(pm, source, target)
    assert voters(target) == {both.id, only_source.id, only_target.id}
    assert voters(source) == set()
    assert source.status == IdeaStatus.MERGED and source.merged_into_id == target.id
    assert followers(target) >= {both.id, only_source.id, only_target.id, source.author_id}
    db.session.refresh(comment)
    assert comment.idea_id == target.id and comment.merged_from_idea_id == source.id
    assert_counts_exact(source, target)


def test_unmerge_restores_the_source_exactly_even_after_revotes(make):
    pm = make.pm()
    source, target = make.idea(), make.idea()
    a, b, c = make.user(), make.user(), make.user()
    services.toggle_vote(a, source)
    services.toggle_vote(b, source)
    services.toggle_vote(b, target)
    services.add_comment(a, source, "Source comment")
    merge = merge_ideas(pm, source, target)
    # After the merge: a withdraws and votes again on the target; c votes on the target.
    services.toggle_vote(a, target)
    services.toggle_vote(a, target)
    services.toggle_vote(c, target)
    late = services.add_comment(c, target, "Comment after the merge")
    unmerge(pm, merge)
    assert voters(source) == {a.id, b.id}
    assert voters(target) == {a.id, b.id, c.id}  # a's re-vote and c's vote were cast on target
    assert source.status == IdeaStatus.NEW and source.merged_into_id is None
    db.session.refresh(late)
    assert late.idea_id == target.id
    assert [
        c.body for c in db.session.scalars(select(Comment).where(Comment.idea_id == source.id))
    ] == ["Source comment"]
    assert_counts_exact(source, target)
    with pytest.raises(Conflict):
        unmerge(pm, merge)


def test_merge_and_unmerge_are_audited_and_voters_are_told(make):
    from ideaportal.core.audit import AuditEntry

    pm = make.pm()
    source, target = make.idea(), make.idea()
    voter = make.user()
    services.toggle_vote(voter, source)
    merge = merge_ideas(pm, source, target)
    told = db.session.scalar(
        select(Notification).where(
            Notification.user_id == voter.id, Notification.kind == "idea_merged"
        )
    )
    assert told is not None and "your vote counts there" in told.message
    unmerge(pm, merge)
    actions = list(
        db.session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("idea.%merged")))
    )
    assert actions == ["idea.merged", "idea.unmerged"]


def test_merge_refusals(make):
    pm = make.pm()
    a, b, c = make.idea(), make.idea(), make.idea()
    with pytest.raises(Forbidden):
        merge_ideas(make.user(), a, b)
    with pytest.raises(ValidationFailed, match="into itself"):
        merge_ideas(pm, a, a)
    merge_ideas(pm, a, b)
    with pytest.raises(Conflict, match="already merged"):
        merge_ideas(pm, a, c)
    with pytest.raises(ValidationFailed, match="itself merged"):
        merge_ideas(pm, c, a)


def test_merged_idea_page_redirects_to_the_target_and_pm_can_undo(client, make):
    pm = make.user(Role.PRODUCT_MANAGER)
    source, target = (
        make.idea(title="Calendar sync with Outlook"),
        make.idea(title="Sync shifts to Outlook"),
    )
    login_as(client, pm)
    response = client.post(f"/ideas/{source.id}/merge", data={"merge-target": str(target.id)})
    assert response.status_code == 302
    follow = client.get(f"/ideas/{source.id}")
    assert follow.status_code == 302 and follow.location == f"/ideas/{target.id}"
    stay = client.get(f"/ideas/{source.id}?stay=1").get_data(as_text=True)
    assert "Undo merge" in stay
    merge = latest_merge_of(source)
    assert client.post(f"/merges/{merge.id}/undo").status_code == 302
    db.session.refresh(source)
    assert source.status == IdeaStatus.NEW


def test_members_cannot_merge_through_the_page(client, make):
    source, target = make.idea(), make.idea()
    login_as(client, make.user())
    assert (
        client.post(f"/ideas/{source.id}/merge", data={"merge-target": str(target.id)}).status_code
        == 403
    )


_counter = itertools.count()


def _quick_user() -> User:
    # Direct rows: hashing a password per generated user would make the property test slow.
    n = next(_counter)
    user = User(email=f"prop{n}@example.com", display_name=f"P{n}", password_hash="x")
    db.session.add(user)
    db.session.flush()
    return user


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    pre_source=st.sets(st.integers(0, 5)),
    pre_target=st.sets(st.integers(0, 5)),
    follow_source=st.sets(st.integers(0, 5)),
    after=st.lists(st.integers(0, 5), max_size=8),
)
def test_property_merge_then_activity_then_unmerge(
    make, pre_source, pre_target, follow_source, after
):
    pm = db.session.scalar(select(User).where(User.role == Role.PRODUCT_MANAGER)) or make.pm()
    author = _quick_user()
    board = make.board()
    source = make.idea(author=author, board=board)
    target = make.idea(author=author, board=board)
    people = [_quick_user() for _ in range(6)]
    for i in pre_source:
        services.toggle_vote(people[i], source)
    for i in pre_target:
        services.toggle_vote(people[i], target)
    for i in follow_source:
        services.set_following(people[i], source, True)
    before_votes, before_follows = voters(source), followers(source)
    target_votes_before = voters(target)

    merge = merge_ideas(pm, source, target)
    assert voters(target) == before_votes | target_votes_before
    assert voters(source) == set() and followers(source) == set()
    assert_counts_exact(source, target)

    # A model of who votes on the target, and whether that vote is the one moved from source.
    moved = {people[i].id for i in pre_source} - {people[i].id for i in pre_target}
    on_target = voters(target)
    for i in after:
        uid = people[i].id
        services.toggle_vote(people[i], target)
        if uid in on_target:
            on_target.discard(uid)
            moved.discard(uid)
        else:
            on_target.add(uid)
    assert voters(target) == on_target

    unmerge(pm, merge)
    assert voters(source) == before_votes
    assert followers(source) == before_follows
    assert voters(target) == on_target - moved
    assert_counts_exact(source, target)
