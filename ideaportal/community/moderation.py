"""Moderation use cases: flags (by people and by rules), the queue, actions by escalation
level, the author's one appeal. Every action is audited and the author is told why."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from flask import current_app
from flask_babel import ngettext
from sqlalchemy import func, select

from ideaportal.accounts.models import Role, User
from ideaportal.community.models import (
    Appeal,
    CaseState,
    Flag,
    FlagReason,
    Level,
    ModerationCase,
)
from ideaportal.core import audit
from ideaportal.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from ideaportal.core.i18n import gettext as _
from ideaportal.core.links import site_path
from ideaportal.core.model_base import utcnow
from ideaportal.core.permissions import can, require
from ideaportal.extensions import db
from ideaportal.ideas.models import Board, Comment, Idea
from ideaportal.notifications.services import notify_users

Target = Idea | Comment
MODES = ("normal", "slow", "read_only")
_LINK = re.compile(r"https?://", re.IGNORECASE)


def _target_type(target: Target) -> str:
    return "idea" if isinstance(target, Idea) else "comment"


def load_target(target_type: str, target_id: int) -> Target:
    target: Target | None = None
    if target_type == "idea":
        target = db.session.get(Idea, target_id)
    elif target_type == "comment":
        target = db.session.get(Comment, target_id)
    if target is None:
        raise NotFound(_("No such idea or comment."))
    return target


def _idea_of(target: Target) -> Idea:
    if isinstance(target, Idea):
        return target
    idea = db.session.get(Idea, target.idea_id)
    assert idea is not None
    return idea


def _author_id(target: Target) -> int:
    return target.author_id


def _link(target: Target) -> str:
    idea = _idea_of(target)
    anchor = f"#comment-{target.id}" if isinstance(target, Comment) else ""
    return site_path("ideas.detail", idea_id=idea.id) + anchor


def open_case_for(target: Target) -> ModerationCase:
    case = db.session.scalar(
        select(ModerationCase).where(
            ModerationCase.target_type == _target_type(target),
            ModerationCase.target_id == target.id,
            ModerationCase.state == CaseState.OPEN,
        )
    )
    if case is None:
        case = ModerationCase(
            target_type=_target_type(target),
            target_id=target.id,
            author_id=_author_id(target),
            level=Level.MODERATOR,
            severity=0,
        )
        db.session.add(case)
        db.session.flush()
    return case


def _add_flag(
    case: ModerationCase, reporter: User | None, reason: FlagReason, details: str
) -> Flag:
    flag = Flag(
        case=case,
        reporter_id=reporter.id if reporter else None,
        reason=reason,
        details=details.strip()[:2000],
    )
    db.session.add(flag)
    case.severity += reason.severity
    # Many people flagging in a short time is a storm: it goes to community managers.
    recent = (
        db.session.scalar(
            select(func.count(Flag.id)).where(
                Flag.case_id == case.id, Flag.created_at >= utcnow() - timedelta(hours=1)
            )
        )
        or 0
    )
    if recent + 1 >= int(current_app.config["MODERATION_STORM_FLAGS"]):
        case.level = max(case.level, Level.COMMUNITY_MANAGER)
    return flag


def flag(actor: User, target: Target, reason: FlagReason, details: str = "") -> ModerationCase:
    require(actor, "flag", _idea_of(target), _("You cannot flag this."))
    if reason == FlagReason.AUTOMATIC:
        raise ValidationFailed(_("Choose a reason."), field="reason")
    if reason == FlagReason.OTHER and not details.strip():
        raise ValidationFailed(_("Tell the moderators what is wrong."), field="details")
    case = open_case_for(target)
    already = db.session.scalar(
        select(Flag.id).where(Flag.case_id == case.id, Flag.reporter_id == actor.id)
    )
    if already is not None:
        raise Conflict(_("You already flagged this; the moderators will look at it."))
    _add_flag(case, actor, reason, details)
    audit.record(
        actor,
        "moderation.flagged",
        case,
        f"{_target_type(target).capitalize()} #{target.id} flagged: {reason.label}",
        details=details,
    )
    db.session.commit()
    return case


# ---- automatic flags ----


def automatic_reasons(author: User, text: str) -> list[str]:
    """Which configured rules a new idea or comment breaks (empty: none)."""
    cfg = current_app.config
    reasons = []
    words = [w.strip().casefold() for w in (cfg["MODERATION_WORDS"] or "").split(",") if w.strip()]
    lowered = text.casefold()
    hits = [w for w in words if re.search(rf"\b{re.escape(w)}\b", lowered)]
    if hits:
        reasons.append(f"blocked words: {', '.join(hits)}")
    links = len(_LINK.findall(text))
    if links > int(cfg["MODERATION_MAX_LINKS"]):
        reasons.append(f"{links} links")
    new_account = utcnow() - author.created_at < timedelta(
        hours=int(cfg["MODERATION_NEW_ACCOUNT_HOURS"])
    )
    if new_account:
        since = utcnow() - timedelta(minutes=10)
        posts = (
            db.session.scalar(
                select(func.count(Idea.id)).where(
                    Idea.author_id == author.id, Idea.created_at >= since
                )
            )
            or 0
        ) + (
            db.session.scalar(
                select(func.count(Comment.id)).where(
                    Comment.author_id == author.id, Comment.created_at >= since
                )
            )
            or 0
        )
        if posts > int(cfg["MODERATION_NEW_ACCOUNT_POSTS"]):
            reasons.append(f"new account posted {posts} times in 10 minutes")
    return reasons


def check_new_content(target: Target) -> ModerationCase | None:
    """Run the automatic rules on a new idea or comment (listener; inside its transaction)."""
    author = db.session.get(User, _author_id(target))
    if author is None or author.is_staff:
        return None
    text = f"{target.title} {target.body}" if isinstance(target, Idea) else target.body
    reasons = automatic_reasons(author, text)
    if not reasons:
        return None
    case = open_case_for(target)
    _add_flag(case, None, FlagReason.AUTOMATIC, "; ".join(reasons))
    audit.record(
        None,
        "moderation.auto_flagged",
        case,
        f"{_target_type(target).capitalize()} #{target.id} flagged automatically",
        reasons=reasons,
    )
    return case


# ---- the queue ----


@dataclass
class QueueItem:
    case: ModerationCase
    target: Target
    idea: Idea
    appeal: Appeal | None


def queue(
    actor: User, *, state: CaseState = CaseState.OPEN, level: int | None = None
) -> list[QueueItem]:
    require(actor, "moderate", None, _("Only moderators see the moderation queue."))
    stmt = select(ModerationCase).where(ModerationCase.state == state)
    if level:
        stmt = stmt.where(ModerationCase.level == level)
    stmt = stmt.order_by(
        ModerationCase.level.desc(), ModerationCase.severity.desc(), ModerationCase.opened_at
    )
    items = []
    for case in db.session.scalars(stmt.limit(200)):
        try:
            target = load_target(case.target_type, case.target_id)
        except NotFound:
            continue
        appeal = db.session.scalar(select(Appeal).where(Appeal.case_id == case.id))
        items.append(QueueItem(case, target, _idea_of(target), appeal))
    return items


def get_case(actor: User, case_id: int) -> ModerationCase:
    require(actor, "moderate", None, _("Only moderators handle cases."))
    case = db.session.get(ModerationCase, case_id)
    if case is None:
        raise NotFound(_("No such case."))
    return case


# ---- actions ----

ACTION_LEVEL = {
    "hide": Level.MODERATOR,
    "restore": Level.MODERATOR,
    "edit": Level.MODERATOR,
    "warn": Level.MODERATOR,
    "dismiss": Level.MODERATOR,
    "suspend": Level.COMMUNITY_MANAGER,
    "lock": Level.COMMUNITY_MANAGER,
    "slow_mode": Level.CRISIS,
    "read_only": Level.CRISIS,
    "reopen_thread": Level.COMMUNITY_MANAGER,
}


def action_label(action: str | None) -> str:
    """A moderation action (a case's resolution) as people read it."""
    labels = {
        "hide": _("hidden"),
        "restore": _("restored"),
        "edit": _("edited"),
        "warn": _("warned"),
        "dismiss": _("flags dismissed"),
        "suspend": _("author suspended"),
        "lock": _("thread locked"),
        "slow_mode": _("slow mode"),
        "read_only": _("read-only"),
        "reopen_thread": _("thread reopened"),
    }
    return labels.get(action or "", action or "")


RESOLVING = {"hide", "restore", "edit", "dismiss", "suspend", "lock", "read_only", "slow_mode"}


def _tell_author(case: ModerationCase, message: Callable[[], str]) -> None:
    """Tell the author, in their language: message writes the text in the current one."""
    if case.author_id is None:
        return
    link = current_app.config["BASE_URL"].rstrip("/") + site_path(
        "community.my_case", case_id=case.id
    )
    notify_users(
        [case.author_id],
        kind="moderation",
        idea_id=None,
        url=site_path("community.my_case", case_id=case.id),
        message=message,
        email_subject=lambda: f"[{current_app.config['SITE_NAME']}] " + _("About your post"),
        email_body=lambda: (
            message()
            + "\n\n"
            + _("You can read the decision and appeal it once: %(link)s", link=link)
        ),
    )


def act(
    actor: User,
    case: ModerationCase,
    action: str,
    *,
    reason: str,
    new_text: str | None = None,
    days: int | None = None,
) -> ModerationCase:
    """Apply one moderation action; `reason` is required and shown to the author."""
    level = ACTION_LEVEL.get(action)
    if level is None:
        raise ValidationFailed(_("Unknown action."))
    require(
        actor,
        f"moderate_l{int(level)}",
        None,
        _("This action belongs to %(level)s.", level=Level(level).label),
    )
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(_("Say why: the author is told."), field="reason")
    target = load_target(case.target_type, case.target_id)
    idea = _idea_of(target)
    told: Callable[[], str] | None = None
    details: dict[str, Any] = {"reason": reason}
    if action == "hide":
        target.hidden = True
        told = lambda: _("Your post was hidden by a moderator")  # noqa: E731
    elif action == "restore":
        target.hidden = False
        told = lambda: _("Your post is visible again")  # noqa: E731
    elif action == "edit":
        if not new_text or not new_text.strip():
            raise ValidationFailed(_("Give the edited text."), field="new_text")
        details["before"] = target.body
        target.body = new_text.strip()
        told = lambda: _("A moderator edited your post")  # noqa: E731
    elif action == "warn":
        told = lambda: _("A moderator sent you a warning")  # noqa: E731
    elif action == "dismiss":
        told = None
    elif action == "suspend":
        if not days or not 1 <= days <= 365:
            raise ValidationFailed(_("Suspend for 1 to 365 days."), field="days")
        author = db.session.get(User, case.author_id) if case.author_id else None
        if author is None or author.role != Role.MEMBER:
            raise Forbidden(_("Only members can be suspended."))
        author.suspended_until = utcnow() + timedelta(days=days)
        details["days"] = days
        told = lambda: ngettext(  # noqa: E731
            "Your account is suspended for %(num)s day",
            "Your account is suspended for %(num)s days",
            days,
        )
    elif action in ("lock", "read_only"):
        idea.mode = "read_only"
        told = lambda: _("The discussion was locked")  # noqa: E731
    elif action == "slow_mode":
        idea.mode = "slow"
        told = None
    elif action == "reopen_thread":
        idea.mode = "normal"
    if action in RESOLVING:
        case.state = CaseState.RESOLVED
        case.resolved_at = utcnow()
        case.resolved_by_id = actor.id
        case.resolution = action
        case.resolution_note = reason
    audit.record(
        actor,
        f"moderation.{action}",
        case,
        f"{action.replace('_', ' ').capitalize()} on {case.target_type} #{case.target_id}",
        **details,
    )
    if told is not None:
        what = told
        _tell_author(case, lambda: f"{what()}: {reason}")
    db.session.commit()
    return case


def escalate(actor: User, case: ModerationCase, to_level: int, note: str) -> ModerationCase:
    if to_level not in (1, 2, 3):
        raise ValidationFailed(_("Levels are 1, 2 and 3."), field="level")
    require(actor, "moderate", None)
    if not note.strip():
        raise ValidationFailed(_("Add a note for whoever takes it over."), field="note")
    if to_level < case.level:
        require(
            actor, f"moderate_l{case.level}", None, _("Only the level's owners can hand it back.")
        )
    old = case.level
    case.level = to_level
    audit.record(
        actor,
        "moderation.escalated" if to_level > old else "moderation.deescalated",
        case,
        f"Case #{case.id}: level {old} → {to_level}",
        note=note,
    )
    if to_level == Level.CRISIS:
        # A crisis reaches every admin and community manager at once.
        staff = db.session.scalars(
            select(User.id).where(User.role.in_([Role.ADMIN, Role.COMMUNITY_MANAGER]))
        )
        notify_users(
            list(staff),
            kind="crisis",
            idea_id=None,
            url=site_path("community.moderation_queue"),
            message=lambda: _("Crisis: case #%(id)s needs you now.", id=case.id) + f" {note}",
            email_subject=lambda: (
                f"[{current_app.config['SITE_NAME']}] " + _("Crisis: case #%(id)s", id=case.id)
            ),
            email_body=lambda: (
                _(
                    "Case #%(id)s was raised to crisis level by %(name)s:",
                    id=case.id,
                    name=actor.display_name,
                )
                + f"\n\n{note}\n\n{current_app.config['BASE_URL'].rstrip('/')}"
                + site_path("community.moderation_queue")
            ),
        )
    db.session.commit()
    return case


def appeal(actor: User, case_id: int, text: str) -> Appeal:
    case = db.session.get(ModerationCase, case_id)
    if case is None or case.author_id != actor.id:
        raise NotFound(_("No such decision."))
    if db.session.scalar(select(Appeal.id).where(Appeal.case_id == case.id)) is not None:
        raise Conflict(_("You have already appealed this decision."))
    if case.state != CaseState.RESOLVED or case.resolution == "dismiss":
        raise Conflict(_("There is no decision to appeal yet."))
    text = text.strip()
    if not 10 <= len(text) <= 2000:
        raise ValidationFailed(_("Explain in 10 to 2,000 characters."), field="text")
    item = Appeal(case_id=case.id, author_id=actor.id, text=text)
    db.session.add(item)
    case.state = CaseState.OPEN
    case.level = max(case.level, Level.COMMUNITY_MANAGER)
    audit.record(actor, "moderation.appealed", case, f"Appeal against case #{case.id}")
    db.session.commit()
    return item


def decide_appeal(actor: User, item: Appeal, upheld: bool, note: str) -> Appeal:
    """upheld=True keeps the decision; False reverses a hide or suspension."""
    require(actor, "moderate_l2", None, _("Appeals are decided by community managers."))
    if item.decided_at is not None:
        raise Conflict(_("This appeal is decided."))
    case = item.case
    if not upheld:
        target = load_target(case.target_type, case.target_id)
        if case.resolution == "hide":
            target.hidden = False
        if case.resolution == "suspend" and case.author_id:
            author = db.session.get(User, case.author_id)
            if author is not None:
                author.suspended_until = None
    item.upheld, item.decided_at, item.decided_by_id = upheld, utcnow(), actor.id
    case.state = CaseState.RESOLVED
    audit.record(
        actor,
        "moderation.appeal_decided",
        case,
        f"Appeal on case #{case.id} {'rejected' if upheld else 'granted'}",
        note=note,
    )
    _tell_author(
        case,
        lambda: (
            (
                _("Your appeal was considered; the decision stands")
                if upheld
                else _("Your appeal was granted; the decision is reversed")
            )
            + (f": {note}" if note else "")
        ),
    )
    db.session.commit()
    return item


def post_statement(actor: User, idea: Idea, body: str) -> Comment:
    """Crisis level: an official statement pinned above the whole discussion."""
    require(actor, "moderate_l3", None, _("Pinned statements are for the crisis level."))
    from ideaportal.ideas.services import add_comment

    comment = add_comment(actor, idea, body, official=True)
    comment.is_pinned = True
    audit.record(actor, "moderation.statement", comment, f"Statement pinned on idea #{idea.id}")
    db.session.commit()
    return comment


def set_board_mode(actor: User, board: Board, mode: str, reason: str) -> Board:
    """Crisis level: slow mode or read-only for a whole board."""
    require(actor, "moderate_l3", None, _("Board modes are for the crisis level."))
    if mode not in MODES:
        raise ValidationFailed(_("Mode is normal, slow or read_only."), field="mode")
    if not reason.strip():
        raise ValidationFailed(_("Say why."), field="reason")
    old, board.mode = board.mode, mode
    audit.record(
        actor, "moderation.board_mode", board, f"Board {board.name}: {old} → {mode}", reason=reason
    )
    db.session.commit()
    return board


def appeal_of(case: ModerationCase) -> Appeal | None:
    found: Appeal | None = db.session.scalar(select(Appeal).where(Appeal.case_id == case.id))
    return found


def visible_case_for_author(actor: User, case_id: int) -> ModerationCase:
    case = db.session.get(ModerationCase, case_id)
    if case is None or (case.author_id != actor.id and not can(actor, "moderate", None)):
        raise NotFound(_("No such decision."))
    return case
