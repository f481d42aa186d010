"""One table of rules: who may do what, checked the same way everywhere."""

from __future__ import annotations

import pytest

from ideaportal.accounts.models import Role
from ideaportal.core.permissions import can

ROLES = list(Role)


@pytest.mark.parametrize(
    ("action", "allowed"),
    [
        ("change_status", {Role.PRODUCT_MANAGER, Role.ADMIN}),
        ("post_official_comment", {Role.PRODUCT_MANAGER, Role.COMMUNITY_MANAGER, Role.ADMIN}),
        ("manage_users", {Role.ADMIN}),
        (
            "view_private_boards",
            {Role.MODERATOR, Role.PRODUCT_MANAGER, Role.COMMUNITY_MANAGER, Role.ADMIN},
        ),
        ("vote", set(ROLES)),
        ("comment", set(ROLES)),
    ],
)
def test_role_matrix(make, action, allowed):
    idea = make.idea()
    for role in ROLES:
        user = make.user(role)
        assert can(user, action, idea) == (role in allowed), (action, role)


def test_anonymous_visitors_read_but_never_write(make):
    idea = make.idea()
    assert can(None, "view_idea", idea)
    for action in ("vote", "comment", "follow", "create_idea", "change_status", "edit_idea"):
        target = idea.board if action == "create_idea" else idea
        assert not can(None, action, target), action


def test_unknown_actions_are_a_programming_error(make):
    with pytest.raises(KeyError):
        can(make.user(), "launch_rockets", None)


class _ReadsRecorded:
    """An idea that notes which of its attributes a rule reads."""

    def __init__(self, idea: object, read: set[str]) -> None:
        self._idea, self._read = idea, read

    def __getattr__(self, name: str) -> object:
        self._read.add(name)
        return getattr(self._idea, name)


@pytest.mark.parametrize("action", ["vote", "follow"])
def test_the_click_rules_read_no_idea_column_the_guarded_write_does_not_compare(make, action):
    """A vote or follow on PostgreSQL commits with its write only while these columns are as
    the rule saw them (ideas.counted_rows): a rule reading another column would slip past."""
    from ideaportal.core.permissions import CLICK_RULE_COLUMNS

    author = make.user()
    ideas = [make.idea(author=author), make.idea(author=author)]
    ideas[1].hidden, ideas[1].mode = True, "read_only"
    actors = [None, author, *(make.user(role) for role in ROLES)]
    read: set[str] = set()
    for idea in ideas:
        for actor in actors:
            can(actor, action, _ReadsRecorded(idea, read))
    # The board's own columns are not the idea's; the write compares the idea's board_id.
    assert read - {"board"} <= set(CLICK_RULE_COLUMNS)
    assert "status" in read or action == "follow"
