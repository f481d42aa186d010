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
