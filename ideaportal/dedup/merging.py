"""Merge one idea into another without losing a vote, follower or comment, and undo it exactly.

A merge moves the source's votes, follows and comments to the target in one transaction and
records in the Merge row what it moved, so unmerge can put back exactly what the source had.
A person who voted on both keeps one vote on the target; their source vote is remembered and
comes back on unmerge, even if they re-voted on the target in between.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import select

from ideaportal.accounts.models import User
from ideaportal.core import audit, events
from ideaportal.core.errors import Conflict, NotFound, ValidationFailed
from ideaportal.core.i18n import gettext as _
from ideaportal.core.model_base import utcnow
from ideaportal.core.permissions import require
from ideaportal.core.rows import locked_for_checks
from ideaportal.dedup.models import CandidateState, DuplicateCandidate, Merge
from ideaportal.extensions import db
from ideaportal.ideas.counters import recount
from ideaportal.ideas.models import Comment, Follow, Idea, IdeaStatus, StatusChange, Vote

Row = list[Any]
# Votes and follows are moved the same way: one row per person and idea, with an origin.
Membership = TypeVar("Membership", Vote, Follow)


def _move_memberships(model: type[Membership], source: Idea, target: Idea) -> list[Row]:
    """Move votes or follows; a person already on the target keeps theirs and the source's
    row is deleted. Returns [user_id, moved row id or None, created_at, previous origin]."""
    on_target = set(db.session.scalars(select(model.user_id).where(model.idea_id == target.id)))
    record: list[Row] = []
    for row in db.session.scalars(select(model).where(model.idea_id == source.id)).all():
        entry: Row = [row.user_id, None, row.created_at.isoformat(), row.origin_idea_id]
        if row.user_id in on_target:
            db.session.delete(row)
        else:
            row.idea_id = target.id
            row.origin_idea_id = source.id
            entry[1] = row.id
        record.append(entry)
    db.session.flush()
    return record


def _restore_memberships(
    model: type[Membership], record: list[Row], source: Idea, target: Idea
) -> None:
    """Give the source back exactly the people it had; moved rows still on the target go back."""
    for user_id, row_id, created_at, origin in record:
        row = db.session.get(model, row_id) if row_id else None
        # origin_idea_id tells a moved row from a new one that reused its id (SQLite does).
        if (
            row is not None
            and row.idea_id == target.id
            and row.user_id == user_id
            and row.origin_idea_id == source.id
        ):
            row.idea_id = source.id
            row.origin_idea_id = origin
            continue
        # The moved row was withdrawn on the target, or the person had both: recreate it.
        exists = db.session.scalar(
            select(model.id).where(model.user_id == user_id, model.idea_id == source.id)
        )
        if exists is None:
            db.session.add(
                model(
                    user_id=user_id,
                    idea_id=source.id,
                    origin_idea_id=origin,
                    created_at=datetime.fromisoformat(created_at),
                )
            )
    db.session.flush()


def _set_pair_state(a: Idea, b: Idea, state: CandidateState, actor: User | None) -> None:
    low, high = sorted((a.id, b.id))
    pair = db.session.scalar(
        select(DuplicateCandidate).where(
            DuplicateCandidate.idea_low_id == low, DuplicateCandidate.idea_high_id == high
        )
    )
    if pair is None:
        pair = DuplicateCandidate(idea_low_id=low, idea_high_id=high, similarity=0.0)
        db.session.add(pair)
    pair.state = state
    pair.decided_by_id = actor.id if actor is not None else None
    pair.decided_at = utcnow()


def merge_ideas(
    actor: User | None,
    source: Idea,
    target: Idea,
    *,
    note: str = "",
    automatic: bool = False,
) -> Merge:
    """Merge source into target. actor None only for the configured automatic merge."""
    # Votes and follows arriving meanwhile wait for this merge (they lock the idea's row
    # too), then find the source merged; a second merge of the same idea sees the first.
    with locked_for_checks(source, target):
        if not automatic:
            require(actor, "merge_ideas", source, _("Only product managers can merge ideas."))
            require(actor, "merge_ideas", target, _("Only product managers can merge ideas."))
        if source.id == target.id:
            raise ValidationFailed(_("An idea cannot be merged into itself."), field="target")
        if source.status == IdeaStatus.MERGED:
            raise Conflict(_("“%(title)s” is already merged.", title=source.title))
        if target.status == IdeaStatus.MERGED:
            raise ValidationFailed(
                _(
                    "“%(title)s” is itself merged; merge into the idea it was merged into.",
                    title=target.title,
                ),
                field="target",
            )
    votes = _move_memberships(Vote, source, target)
    follows = _move_memberships(Follow, source, target)
    comments: list[Row] = []
    for comment in db.session.scalars(select(Comment).where(Comment.idea_id == source.id)):
        comments.append([comment.id, comment.merged_from_idea_id])
        comment.idea_id = target.id
        comment.merged_from_idea_id = source.id
    merge = Merge(
        source_id=source.id,
        target_id=target.id,
        actor_id=actor.id if actor is not None else None,
        source_status=source.status,
        moved={"votes": votes, "follows": follows, "comments": comments},
        automatic=automatic,
    )
    db.session.add(merge)
    change = StatusChange(
        idea_id=source.id,
        actor_id=actor.id if actor is not None else None,
        from_status=source.status,
        to_status=IdeaStatus.MERGED,
        note=note.strip() or f"Merged into “{target.title}”: votes and followers count there.",
    )
    db.session.add(change)
    source.status = IdeaStatus.MERGED
    source.merged_into_id = target.id
    source.last_activity_at = target.last_activity_at = utcnow()
    db.session.flush()
    recount(source)
    recount(target)
    _set_pair_state(source, target, CandidateState.MERGED, actor)
    audit.record(
        actor,
        "idea.merged",
        source,
        f"Idea #{source.id} merged into #{target.id}" + (" automatically" if automatic else ""),
        target_id=target.id,
        votes=len(votes),
        follows=len(follows),
        comments=len(comments),
    )
    audience = sorted({row[0] for row in votes} | {row[0] for row in follows})
    events.ideas_merged.send(source, actor=actor, target=target, merge=merge, audience=audience)
    db.session.commit()
    return merge


def merge_many(actor: User, target: Idea, sources: list[Idea]) -> tuple[int, list[str]]:
    """Merge several ideas of a duplicate cluster into one; each merge stands on its own.
    Returns how many merged and the refusals, one message per idea that could not."""
    merged, refused = 0, []
    for source in sources:
        if source.id == target.id:
            continue
        try:
            merge_ideas(actor, source, target)
        except (ValidationFailed, Conflict) as exc:
            db.session.rollback()
            refused.append(f"#{source.id}: {exc.message}")
        else:
            merged += 1
    return merged, refused


def get_merge(merge_id: int) -> Merge:
    merge = db.session.get(Merge, merge_id)
    if merge is None:
        raise NotFound(_("No such merge."))
    return merge


def latest_merge_of(source: Idea) -> Merge | None:
    return db.session.scalar(
        select(Merge)
        .where(Merge.source_id == source.id, Merge.undone_at.is_(None))
        .order_by(Merge.created_at.desc(), Merge.id.desc())
    )


def unmerge(actor: User, merge: Merge) -> Idea:
    """Undo a merge exactly: the source gets back its voters, followers and comments."""
    source, target = merge.source, merge.target
    with locked_for_checks(source, target):  # votes wait; a second undo sees the first
        db.session.refresh(merge)
        require(actor, "merge_ideas", source, _("Only product managers can undo a merge."))
        if merge.undone_at is not None:
            raise Conflict(_("This merge was already undone."))
        if source.merged_into_id != target.id or source.status != IdeaStatus.MERGED:
            raise Conflict(_("The idea has changed since this merge; it cannot be undone."))
        if target.status == IdeaStatus.MERGED:
            raise Conflict(
                _(
                    "“%(title)s” was merged elsewhere since; undo that merge first.",
                    title=target.title,
                )
            )
    moved = merge.moved
    _restore_memberships(Vote, moved.get("votes", []), source, target)
    _restore_memberships(Follow, moved.get("follows", []), source, target)
    for comment_id, merged_from in moved.get("comments", []):
        comment = db.session.get(Comment, comment_id)
        if comment is not None and comment.idea_id == target.id:
            comment.idea_id = source.id
            comment.merged_from_idea_id = merged_from
    db.session.add(
        StatusChange(
            idea_id=source.id,
            actor_id=actor.id,
            from_status=IdeaStatus.MERGED,
            to_status=merge.source_status,
            note=f"Separated again from “{target.title}”: it is its own idea after all.",
        )
    )
    source.status = merge.source_status
    source.merged_into_id = None
    merge.undone_at = utcnow()
    merge.undone_by_id = actor.id
    db.session.flush()
    recount(source)
    recount(target)
    _set_pair_state(source, target, CandidateState.DISMISSED, actor)
    audit.record(
        actor,
        "idea.unmerged",
        source,
        f"Idea #{source.id} separated from #{target.id}",
        target_id=target.id,
        merge_id=merge.id,
    )
    audience = sorted(
        {row[0] for row in moved.get("votes", [])} | {row[0] for row in moved.get("follows", [])}
    )
    events.ideas_unmerged.send(source, actor=actor, target=target, merge=merge, audience=audience)
    db.session.commit()
    return source
