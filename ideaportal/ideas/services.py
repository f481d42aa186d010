"""Idea use cases: create, edit, vote, follow, comment, change status.

Each function takes the acting user, checks can(), changes rows, records the audit entry,
announces a domain event and commits once.
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import cache
from typing import Any

from flask import current_app
from flask_babel import format_decimal
from sqlalchemy import (
    Exists,
    Select,
    bindparam,
    exists,
    func,
    select,
)
from sqlalchemy.orm import lazyload

from ideaportal.accounts.models import User
from ideaportal.accounts.services import with_member
from ideaportal.core import audit, events
from ideaportal.core.errors import Conflict, NotFound, ValidationFailed
from ideaportal.core.i18n import gettext as _
from ideaportal.core.model_base import utcnow
from ideaportal.core.permissions import can, require
from ideaportal.core.rows import load, one_at_a_time
from ideaportal.core.safe_text import clean_line
from ideaportal.extensions import db
from ideaportal.ideas import counted_rows, fulltext
from ideaportal.ideas.models import (
    STATUS_TRANSITIONS,
    Board,
    Comment,
    Follow,
    Idea,
    IdeaStatus,
    StatusChange,
    Tag,
    Vote,
)

TITLE_MIN, TITLE_MAX = 8, 140
BODY_MAX = 10_000
COMMENT_MAX = 5_000
STATUS_NOTE_MAX = 2_000
TAG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
# Tags one idea may carry: the form, the API, the widget and staff tagging all end in
# _resolve_tags, which refuses more.
MAX_TAGS = 20


# ---- look-ups that enforce visibility (404 rather than revealing hidden things) ----


def get_board(actor: User | None, slug: str) -> Board:
    board = db.session.scalar(select(Board).where(Board.slug == slug))
    if board is None or not can(actor, "view_board", board):
        raise NotFound(_("No such board."))
    return board


def get_board_by_id(actor: User | None, board_id: int) -> Board:
    board = db.session.get(Board, board_id)
    if board is None or not can(actor, "view_board", board):
        raise NotFound(_("No such board."))
    return board


def get_idea(actor: User | None, idea_id: int) -> Idea:
    idea = load(Idea, idea_id)
    if idea is None or not can(actor, "view_idea", idea):
        raise NotFound(_("No such idea."))
    return idea


def get_idea_for_vote(actor: User, idea_id: int) -> tuple[Idea, bool]:
    """The idea (as get_idea) and whether the actor has voted on it, in one statement: a
    click on Vote needs both, and on PostgreSQL each statement is a round trip. The vote
    button's request reads them with the member's row (`idea_and_vote_with_member`)."""
    row = with_member()
    if row is None or (row[0] is not None and row[0].id != idea_id):
        row = db.session.execute(
            _idea_and_vote_statement(), {"ident": idea_id, "user_id": actor.id}
        ).one_or_none()
    if row is None or row[0] is None or not can(actor, "view_idea", row[0]):
        raise NotFound(_("No such idea."))
    idea, voted = row
    return idea, bool(voted)


def _voted_by(user_id: Any) -> Exists:
    votes = Vote.__table__
    return exists().where(votes.c.user_id == user_id, votes.c.idea_id == Idea.id)


# Neither reads the author: a click on Vote does not show them (the ORM would join them in).
@cache
def _idea_and_vote_statement() -> Select[Idea, bool]:
    return (
        select(Idea, _voted_by(bindparam("user_id")))
        .where(Idea.id == bindparam("ident"))
        .options(lazyload(Idea.author))
    )


@cache
def idea_and_vote_with_member() -> Select[User, Idea | None, bool]:
    """The member, the idea `idea_id` (None if there is none) and their vote on it: for
    accounts.read_with_member, so a click on Vote reads all three in one statement."""
    return (
        select(User, Idea, _voted_by(User.id))
        .outerjoin(Idea, Idea.id == bindparam("idea_id"))
        .where(User.id == bindparam("ident"))
        .options(lazyload(Idea.author))
    )


def get_comment(actor: User | None, comment_id: int) -> Comment:
    comment = db.session.get(Comment, comment_id)
    if comment is None or comment.deleted_at is not None:
        raise NotFound(_("No such comment."))
    get_idea(actor, comment.idea_id)
    return comment


# ---- validation shared by create and edit ----


def _clean_title(title: str) -> str:
    title = clean_line(title)
    if not TITLE_MIN <= len(title) <= TITLE_MAX:
        raise ValidationFailed(
            _("The title needs %(min)s to %(max)s characters.", min=TITLE_MIN, max=TITLE_MAX),
            field="title",
        )
    return title


def _clean_body(body: str, limit: int = BODY_MAX, field: str = "body") -> str:
    body = (body or "").strip()
    if len(body) > limit:
        raise ValidationFailed(
            _("Keep it under %(num)s characters.", num=format_decimal(limit)), field=field
        )
    return body


def _resolve_tags(names: list[str]) -> list[Tag]:
    wanted = sorted({clean_line(n).casefold() for n in names if n and clean_line(n)})
    for name in wanted:
        if not TAG_PATTERN.match(name):
            raise ValidationFailed(
                _("Tag “%(name)s”: use lowercase letters, digits and dashes.", name=name),
                field="tags",
            )
    if len(wanted) > MAX_TAGS:
        raise ValidationFailed(
            _("An idea can have at most %(num)s tags.", num=MAX_TAGS), field="tags"
        )
    if not wanted:
        return []
    existing = {t.name: t for t in db.session.scalars(select(Tag).where(Tag.name.in_(wanted)))}
    return [existing.get(name) or Tag(name=name) for name in wanted]


# ---- ideas ----


def create_idea(
    actor: User, board: Board, title: str, body: str, tags: list[str] | None = None
) -> Idea:
    require(actor, "create_idea", board, _("You cannot post ideas on this board."))
    title, body = _clean_title(title), _clean_body(body)
    again = _posted_just_now(Idea, actor, board_id=board.id, title=title, body=body)
    if again is not None:
        db.session.commit()
        return again
    idea = Idea(
        board=board,
        author=actor,
        title=title,
        body=body,
        tags=_resolve_tags(tags or []),
        status=IdeaStatus.NEW,
    )
    db.session.add(idea)
    db.session.flush()
    counted_rows.add_follow(actor, idea)
    audit.record(actor, "idea.created", idea, f"Idea #{idea.id} posted: {idea.title}")
    events.idea_created.send(idea, actor=actor)
    db.session.commit()
    return idea


def edit_idea(
    actor: User, idea: Idea, title: str, body: str, tags: list[str] | None = None
) -> Idea:
    require(actor, "edit_idea", idea, _("The time to edit this idea has passed."))
    old_title = idea.title
    idea.title = _clean_title(title)
    idea.body = _clean_body(body)
    if tags is not None:
        idea.tags = _resolve_tags(tags)
    audit.record(actor, "idea.edited", idea, f"Idea #{idea.id} edited", old_title=old_title)
    events.idea_updated.send(idea, actor=actor)
    db.session.commit()
    return idea


def delete_idea(actor: User, idea: Idea) -> None:
    """Remove the idea with its votes, follows and comments (the database cascades)."""
    require(
        actor,
        "delete_idea",
        idea,
        _("You can delete your idea only until someone votes on it or answers it."),
    )
    audit.record(actor, "idea.deleted", idea, f"Idea #{idea.id} deleted: {idea.title}")
    events.idea_deleted.send(idea, actor=actor)
    db.session.delete(idea)
    db.session.commit()


# ---- votes and follows ----


def has_voted(user: User | None, idea: Idea) -> bool:
    return user is not None and user.is_authenticated and counted_rows.holds(Vote, user, idea)


def is_following(user: User | None, idea: Idea) -> bool:
    return user is not None and user.is_authenticated and counted_rows.holds(Follow, user, idea)


def set_vote(actor: User, idea: Idea, voted: bool, *, voted_before: bool | None = None) -> bool:
    """Vote for the idea (voted=True) or take the vote back (False); returns the new state.
    `voted_before`, when the caller read it with the idea (get_idea_for_vote), saves a query.

    Idempotent: the button, the API and a double click send the state the person wants, so
    repeating it changes nothing. The counter moves only by the row count of the INSERT or
    DELETE, which the database serialises: two concurrent requests never both count.
    A vote that changes something locks the idea's row and checks again on its current
    state before commit (counted_rows), so a merge or a close running at the same moment
    either sees this vote or this vote sees the idea closed; no vote lands on a merged idea.
    """
    require(actor, "vote", idea, _voting_closed)
    if voted_before is None:
        voted_before = counted_rows.holds(Vote, actor, idea)
    if voted_before == voted:
        # A repeat (a double click, a second tab): nothing to write, so no lock is taken and
        # cached pages stay. A merge moving this vote meanwhile keeps it, on the target.
        db.session.commit()
        return voted

    # The INSERT or DELETE itself says whether the row changed (a concurrent request may
    # have got there first): the counter moves only by that. The check runs again on the
    # idea's locked row.
    def still_open() -> None:
        require(actor, "vote", idea, _voting_closed)

    # Nothing but the vote is written when no receiver of the event writes: on PostgreSQL
    # it then commits with its write, in one round trip (counted_rows).
    alone = not events.will_write(events.vote_toggled, idea, actor=actor, voted=voted)
    if voted:  # a new voter follows too: voters hear what becomes of the idea
        changed = counted_rows.add_vote(actor, idea, utcnow(), still_open, alone=alone)
    else:
        changed = counted_rows.remove_vote(actor, idea, utcnow(), still_open, alone=alone)
    if changed:
        events.vote_toggled.send(idea, actor=actor, voted=voted)
    db.session.commit()
    return voted


def _voting_closed() -> str:
    # Translated only when a vote is refused: looking up the catalogue is a good part of a
    # click's time, and the button the click answers with needs no translation.
    return _("Voting is closed for this idea.")


def toggle_vote(actor: User, idea: Idea) -> bool:
    """Vote, or take the vote back (for scripts and tests; pages send the wanted state)."""
    return set_vote(actor, idea, not has_voted(actor, idea))


def set_following(actor: User, idea: Idea, follow: bool) -> bool:
    """Follow or unfollow, idempotently; the counter moves only with a changed row."""
    require(actor, "follow", idea)
    if counted_rows.holds(Follow, actor, idea) == follow:  # a repeat: as for votes, no lock
        db.session.commit()
        return follow

    def still_visible() -> None:  # as for votes: checked again on the idea's current row
        require(actor, "follow", idea)

    if follow:  # the follow is all this transaction writes (counted_rows: `alone`)
        counted_rows.add_follow(actor, idea, still_visible, alone=True)
    else:
        counted_rows.remove_follow(actor, idea, still_visible, alone=True)
    db.session.commit()
    return follow


# ---- comments ----


def add_comment(
    actor: User,
    idea: Idea,
    body: str,
    *,
    parent_id: int | None = None,
    official: bool = False,
) -> Comment:
    require(actor, "comment", idea, _("Comments are closed for this idea."))
    if official:
        require(actor, "post_official_comment", idea, _("Only staff can give an official answer."))
    body = _clean_body(body, COMMENT_MAX, field="body")
    if not body:
        raise ValidationFailed(_("Write something first."), field="body")
    parent = None
    if parent_id is not None:
        parent = db.session.get(Comment, parent_id)
        if parent is None or parent.idea_id != idea.id or parent.deleted_at is not None:
            raise ValidationFailed(_("The comment you reply to no longer exists."))
        # Threads are one level deep: a reply to a reply joins the same thread.
        if parent.parent_id is not None:
            parent = db.session.get(Comment, parent.parent_id)
    again = _posted_just_now(
        Comment,
        actor,
        Comment.deleted_at.is_(None),
        idea_id=idea.id,
        body=body,
        parent_id=parent.id if parent else None,
        is_official=official,
    )
    if again is not None:  # before slow mode: the repeat of a comment is not a new one
        db.session.commit()
        return again
    wait = slow_mode_wait(actor, idea)
    if wait:
        raise ValidationFailed(
            _(
                "This discussion is in slow mode: you can comment again in %(num)s minute(s).",
                num=wait,
            ),
            field="body",
        )
    comment = Comment(
        idea_id=idea.id,
        author=actor,
        body=body,
        parent_id=parent.id if parent else None,
        is_official=official,
    )
    db.session.add(comment)
    counted_rows.bump(idea, {"comment_count": 1})
    idea.last_activity_at = utcnow()
    db.session.flush()
    audit.record(
        actor,
        "comment.official" if official else "comment.created",
        comment,
        f"{'Official answer' if official else 'Comment'} on idea #{idea.id}",
    )
    events.comment_posted.send(comment, actor=actor, idea=idea)
    db.session.commit()
    return comment


# The same post from the same person again this soon (a double click, a client retrying a
# request whose answer it lost, a second tab) is the first one: it is returned, not stored
# twice. Posting the same text again later is a new post.
REPOST_SECONDS = 60


def _posted_just_now(model: Any, actor: User, *also: Any, **same: Any) -> Any:
    """The actor's post of `model` with these column values from the last REPOST_SECONDS,
    or None. Posts by one person pass here one at a time (rows.one_at_a_time), so two
    requests at once cannot both miss each other."""
    one_at_a_time(actor)
    since = utcnow() - timedelta(seconds=REPOST_SECONDS)
    matching = [getattr(model, name) == value for name, value in same.items()]
    return db.session.scalars(
        select(model)
        .where(model.author_id == actor.id, model.created_at >= since, *matching, *also)
        .order_by(model.id.desc())
        .limit(1)
    ).first()


def slow_mode_wait(actor: User, idea: Idea) -> int:
    """Minutes left before the actor may comment again where slow mode is on (0: now).
    Staff are never slowed: they must be able to answer in a storm."""
    if actor.is_staff or (idea.mode != "slow" and idea.board.mode != "slow"):
        return 0
    minutes = int(current_app.config["SLOW_MODE_MINUTES"])
    last = db.session.scalar(
        select(func.max(Comment.created_at)).where(
            Comment.idea_id == idea.id, Comment.author_id == actor.id
        )
    )
    if last is None:
        return 0
    return max(0, minutes - int((utcnow() - last).total_seconds() // 60))


def edit_comment(actor: User, comment: Comment, body: str) -> Comment:
    require(actor, "edit_comment", comment)
    body = _clean_body(body, COMMENT_MAX, field="body")
    if not body:
        raise ValidationFailed(_("A comment cannot be empty; delete it instead."), field="body")
    comment.body = body
    comment.edited_at = utcnow()
    audit.record(actor, "comment.edited", comment, f"Comment #{comment.id} edited")
    db.session.commit()
    return comment


def delete_comment(actor: User, comment: Comment) -> None:
    """Soft delete: replies stay readable and the audit trail keeps the original."""
    require(actor, "delete_comment", comment)
    comment.deleted_at = utcnow()
    idea = db.session.get(Idea, comment.idea_id)
    if idea is not None:
        counted_rows.bump(idea, {"comment_count": -1})
    audit.record(actor, "comment.deleted", comment, f"Comment #{comment.id} deleted")
    db.session.commit()


def set_official(actor: User, comment: Comment, official: bool) -> Comment:
    """Mark a staff member's comment as the team's official answer (or take that back)."""
    idea = db.session.get(Idea, comment.idea_id)
    require(actor, "post_official_comment", idea, _("Only staff can give an official answer."))
    if official and not comment.author.is_staff:
        raise ValidationFailed(_("Only a staff member's comment can be the official answer."))
    comment.is_official = official
    audit.record(
        actor,
        "comment.official" if official else "comment.unofficial",
        comment,
        f"Comment #{comment.id} {'marked' if official else 'no longer'} official",
    )
    db.session.commit()
    return comment


# ---- status workflow ----


def allowed_next_statuses(idea: Idea) -> list[IdeaStatus]:
    return [s for s in IdeaStatus if s in STATUS_TRANSITIONS[idea.status]]


def change_status(actor: User, idea: Idea, to_status: IdeaStatus, note: str = "") -> StatusChange:
    require(actor, "change_status", idea, _("Only product managers can change an idea's status."))
    if to_status == idea.status:
        raise ValidationFailed(
            _("The idea is already %(status)s.", status=to_status.in_sentence), field="status"
        )
    if to_status not in STATUS_TRANSITIONS[idea.status]:
        raise ValidationFailed(
            _(
                "An idea cannot go from %(from)s to %(to)s.",
                **{"from": idea.status.in_sentence, "to": to_status.in_sentence},
            ),
            field="status",
        )
    return _record_status_change(actor, idea, to_status, note)


# What a product team's own tool may report back (signed callback or a PM on its behalf).
TEAM_REPORTABLE = frozenset({IdeaStatus.IN_PROGRESS, IdeaStatus.SHIPPED, IdeaStatus.DECLINED})


def record_team_progress(
    team_name: str, idea: Idea, to_status: IdeaStatus, note: str = "", actor: User | None = None
) -> StatusChange | None:
    """Progress reported by the team that has the idea. The caller has authenticated the team
    (a verified signature, or a PM acting for it); the team's tool may skip workflow steps."""
    if to_status not in TEAM_REPORTABLE:
        raise ValidationFailed(
            _("A team reports in_progress, shipped or declined."), field="status"
        )
    if idea.status == IdeaStatus.MERGED:
        raise Conflict(_("The idea was merged into another; hand that one off instead."))
    if idea.status == to_status:
        return None  # nothing new to tell anyone
    return _record_status_change(actor, idea, to_status, note, source=team_name)


def _record_status_change(
    actor: User | None, idea: Idea, to_status: IdeaStatus, note: str, source: str | None = None
) -> StatusChange:
    note = _clean_body(note, STATUS_NOTE_MAX, field="note")
    if to_status == IdeaStatus.DECLINED and not note:
        # An honest answer is owed to everyone who voted.
        raise ValidationFailed(_("Tell the voters why the idea is declined."), field="note")
    change = StatusChange(
        idea_id=idea.id,
        actor=actor,
        from_status=idea.status,
        to_status=to_status,
        note=note,
        source=source,
    )
    db.session.add(change)
    idea.status = to_status
    idea.last_activity_at = utcnow()
    db.session.flush()
    audit.record(
        actor,
        "idea.status_changed",
        idea,
        f"Idea #{idea.id}: {change.from_status.label} → {to_status.label}"
        + (f" (reported by {source})" if source else ""),
        note=note,
    )
    events.idea_status_changed.send(idea, actor=actor, change=change)
    db.session.commit()
    return change


# ---- boards ----

SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")


def save_board(
    actor: User,
    board: Board | None,
    *,
    slug: str,
    name: str,
    description: str,
    is_private: bool,
    position: int = 0,
    language: str = "en",
) -> Board:
    """Create a board (board=None) or change one. Admins only."""
    require(actor, "manage_boards")
    slug = slug.strip().casefold()
    if not SLUG_PATTERN.match(slug):
        raise ValidationFailed(_("Use 2-64 lowercase letters, digits and dashes."), field="slug")
    clash = db.session.scalar(select(Board).where(Board.slug == slug))
    if clash is not None and clash is not board:
        raise ValidationFailed(_("Another board already uses this address."), field="slug")
    if language not in fulltext.STEMMED_LANGUAGES:
        raise ValidationFailed(_("Choose a language from the list."), field="language")
    creating = board is None
    if board is None:
        board = Board()
        db.session.add(board)
    board.slug, board.name = slug, " ".join(name.split())
    board.description, board.is_private, board.position = description.strip(), is_private, position
    board.language = language
    db.session.flush()
    audit.record(
        actor,
        "board.created" if creating else "board.updated",
        board,
        f"Board {board.name} {'created' if creating else 'updated'}",
        private=is_private,
    )
    db.session.commit()
    return board


def add_tag(actor: User, idea: Idea, name: str) -> Idea:
    require(actor, "triage")
    for tag in _resolve_tags([*(t.name for t in idea.tags), name]):  # within MAX_TAGS
        if tag not in idea.tags:
            idea.tags.append(tag)
    audit.record(actor, "idea.tagged", idea, f"Idea #{idea.id} tagged {name}")
    db.session.commit()
    return idea
