"""Authorisation in one place: can(actor, action, target) for views, API, templates and services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from flask import current_app

from ideaportal.accounts.models import STAFF_ROLES, Role, User
from ideaportal.core.errors import Forbidden
from ideaportal.core.i18n import gettext as _
from ideaportal.core.model_base import utcnow

Rule = Callable[[User | None, Any], bool]

TRIAGE_ROLES = frozenset({Role.PRODUCT_MANAGER, Role.ADMIN})
OFFICIAL_VOICE_ROLES = frozenset({Role.PRODUCT_MANAGER, Role.COMMUNITY_MANAGER, Role.ADMIN})
MODERATION_ROLES = frozenset({Role.MODERATOR, Role.COMMUNITY_MANAGER, Role.ADMIN})
CM_ROLES = frozenset({Role.COMMUNITY_MANAGER, Role.ADMIN})


def _user(actor: Any) -> User | None:
    """Flask-Login's anonymous user and None both mean: nobody signed in. Flask-Login's
    `current_user` is a proxy that looks the user up again on every attribute read: the
    rules read the user itself."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    unwrap = getattr(actor, "_get_current_object", None)
    user: User = unwrap() if unwrap is not None else actor
    return user


def _has(actor: User | None, roles: frozenset[Role]) -> bool:
    return actor is not None and actor.role in roles


def _participant(actor: User | None) -> bool:
    """Signed in, not deleted and not suspended: may write."""
    return actor is not None and actor.is_active and not actor.is_suspended


def _sees_board(actor: User | None, board: Any) -> bool:
    return not board.is_private or _has(actor, STAFF_ROLES)


def _sees_idea(actor: User | None, idea: Any) -> bool:
    if not _sees_board(actor, idea.board):
        return False
    return (
        not idea.hidden
        or _has(actor, STAFF_ROLES)
        or (actor is not None and actor.id == idea.author_id)
    )


def _edits_idea(actor: User | None, idea: Any) -> bool:
    if _has(actor, TRIAGE_ROLES | MODERATION_ROLES):
        return True
    if not _participant(actor) or actor is None or actor.id != idea.author_id:
        return False
    window = timedelta(minutes=current_app.config["IDEA_EDIT_WINDOW_MINUTES"])
    return bool(utcnow() - idea.created_at <= window)


def _deletes_idea(actor: User | None, idea: Any) -> bool:
    """Moderators and PMs may delete any idea; its author only while no one else has voted on
    it or answered it (within the edit window): later it belongs to everyone who joined in."""
    if _has(actor, TRIAGE_ROLES | MODERATION_ROLES):
        return True
    untouched = idea.comment_count == 0 and idea.vote_count == 0
    return untouched and _edits_idea(actor, idea)


def _read_only(idea: Any) -> bool:
    return "read_only" in (idea.mode, idea.board.mode)


def _writes_on_idea(actor: User | None, idea: Any) -> bool:
    if not (_participant(actor) and _sees_idea(actor, idea) and idea.status.value != "merged"):
        return False
    # A locked discussion still takes the team's official answers.
    return not _read_only(idea) or _has(actor, OFFICIAL_VOICE_ROLES)


def _owns_comment(actor: User | None, comment: Any) -> bool:
    if _has(actor, MODERATION_ROLES):
        return True
    return _participant(actor) and actor is not None and actor.id == comment.author_id


# Every idea column the rules for a click ("vote", "follow") read, through the helpers above.
# A click that commits with its write (ideas.counted_rows) writes only while the idea's
# locked row still holds the values the rule was checked on: add here what a new rule reads.
CLICK_RULE_COLUMNS = ("board_id", "author_id", "status", "hidden", "mode")

RULES: dict[str, Rule] = {
    "view_board": _sees_board,
    "view_idea": _sees_idea,
    "view_private_boards": lambda a, _t: _has(a, STAFF_ROLES),
    "view_staff_details": lambda a, _t: _has(a, STAFF_ROLES),
    "create_idea": lambda a, board: _participant(a) and _sees_board(a, board),
    "edit_idea": _edits_idea,
    "vote": lambda a, idea: (
        _writes_on_idea(a, idea) and idea.status.is_open and not _read_only(idea)
    ),
    "follow": lambda a, idea: a is not None and a.is_active and _sees_idea(a, idea),
    "comment": _writes_on_idea,
    "post_official_comment": lambda a, idea: (
        _has(a, OFFICIAL_VOICE_ROLES) and _writes_on_idea(a, idea)
    ),
    "edit_comment": _owns_comment,
    "delete_comment": _owns_comment,
    "change_status": lambda a, idea: _has(a, TRIAGE_ROLES) and _sees_idea(a, idea),
    "merge_ideas": lambda a, idea: _has(a, TRIAGE_ROLES) and _sees_idea(a, idea),
    "triage": lambda a, _t: _has(a, TRIAGE_ROLES),
    "hand_off": lambda a, idea: _has(a, TRIAGE_ROLES) and _sees_idea(a, idea),
    "manage_teams": lambda a, _t: _has(a, frozenset({Role.ADMIN})),
    "flag": lambda a, idea: _participant(a) and _sees_idea(a, idea),
    "moderate": lambda a, _t: _has(a, MODERATION_ROLES),
    "moderate_l1": lambda a, _t: _has(a, MODERATION_ROLES),
    "moderate_l2": lambda a, _t: _has(a, CM_ROLES),
    "moderate_l3": lambda a, _t: _has(a, CM_ROLES),
    "edit_guidelines": lambda a, _t: _has(a, CM_ROLES),
    "edit_announcements": lambda a, _t: _has(a, CM_ROLES),
    "community_dashboard": lambda a, _t: _has(a, OFFICIAL_VOICE_ROLES),
    "manage_users": lambda a, _t: _has(a, frozenset({Role.ADMIN})),
    "manage_boards": lambda a, _t: _has(a, frozenset({Role.ADMIN})),
    "manage_companies": lambda a, _t: _has(a, frozenset({Role.ADMIN})),
    "view_companies": lambda a, _t: _has(a, STAFF_ROLES),
    "manage_sso": lambda a, _t: _has(a, frozenset({Role.ADMIN})),
    "manage_widget": lambda a, _t: _has(a, frozenset({Role.ADMIN})),
    "manage_webhooks": lambda a, _t: _has(a, frozenset({Role.ADMIN})),
    "delete_idea": _deletes_idea,
    "list_voters": lambda a, _t: _has(a, STAFF_ROLES),
}


def can(actor: Any, action: str, target: Any = None) -> bool:
    """True when the actor may perform the action on the target; unknown actions are refused."""
    rule = RULES.get(action)
    if rule is None:
        raise KeyError(f"no permission rule named {action!r}")
    return bool(rule(_user(actor), target))


def require(
    actor: Any, action: str, target: Any = None, message: str | Callable[[], str] | None = None
) -> None:
    """Raise Forbidden unless can(actor, action, target). `message` may be a function giving
    the text, so that a check on a hot path translates it only when it refuses."""
    if not can(actor, action, target):
        text = message() if callable(message) else message
        raise Forbidden(text or _("You are not allowed to do that."))
