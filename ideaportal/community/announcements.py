"""Announcement use cases: write, schedule, publish (by hand or on time, exactly once),
archive, react; the public lists and the editorial calendar."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select, update

from ideaportal.accounts.models import User
from ideaportal.community.models import (
    Announcement,
    AnnouncementKind,
    AnnouncementState,
    Reaction,
)
from ideaportal.core import audit, events
from ideaportal.core.errors import Conflict, NotFound, ValidationFailed
from ideaportal.core.i18n import gettext as _
from ideaportal.core.links import site_path
from ideaportal.core.model_base import utcnow
from ideaportal.core.permissions import can, require
from ideaportal.core.safe_text import clean_line
from ideaportal.extensions import db
from ideaportal.ideas import services as ideas
from ideaportal.ideas.models import OPEN_STATUSES, Idea, IdeaStatus
from ideaportal.ideas.queries import follower_ids
from ideaportal.notifications.services import notify_users

GAP_DAYS = 14


def get(actor: User | None, announcement_id: int) -> Announcement:
    item = db.session.get(Announcement, announcement_id)
    if item is None or (
        item.state != AnnouncementState.PUBLISHED and not can(actor, "edit_announcements", None)
    ):
        raise NotFound(_("No such announcement."))
    return item


def save(
    actor: User,
    item: Announcement | None,
    *,
    title: str,
    body: str,
    kind: AnnouncementKind,
    idea_ids: list[int],
    publish_at: datetime | None,
) -> Announcement:
    """Create or change a post. With publish_at it is scheduled, without it stays a draft."""
    require(actor, "edit_announcements", None, _("Only community managers write announcements."))
    title = clean_line(title)  # as idea titles: no bidi or zero-width tricks on the pages
    if not 4 <= len(title) <= 140:
        raise ValidationFailed(_("The title needs 4 to 140 characters."), field="title")
    locked = item is not None and item.state in (
        AnnouncementState.PUBLISHED,
        AnnouncementState.ARCHIVED,
    )
    if locked and publish_at is not None and item is not None and publish_at != item.publish_at:
        raise Conflict(_("A published post keeps its date."))
    linked = list(db.session.scalars(select(Idea).where(Idea.id.in_(idea_ids)))) if idea_ids else []
    if len(linked) != len(set(idea_ids)):
        raise ValidationFailed(_("Some linked ideas do not exist."), field="ideas")
    creating = item is None
    if item is None:
        item = Announcement(author_id=actor.id, state=AnnouncementState.DRAFT)
        db.session.add(item)
    item.title, item.body, item.kind, item.ideas = title, body.strip(), kind, linked
    if item.state in (AnnouncementState.DRAFT, AnnouncementState.SCHEDULED):
        item.publish_at = publish_at
        item.state = AnnouncementState.SCHEDULED if publish_at else AnnouncementState.DRAFT
    db.session.flush()
    audit.record(
        actor,
        "announcement.created" if creating else "announcement.edited",
        item,
        f"{kind.label} “{title}” {'created' if creating else 'edited'}",
        state=item.state.value,
    )
    db.session.commit()
    return item


def reschedule(actor: User, item: Announcement, publish_at: datetime) -> Announcement:
    require(actor, "edit_announcements", None)
    if item.state not in (AnnouncementState.DRAFT, AnnouncementState.SCHEDULED):
        raise Conflict(_("Only drafts and scheduled posts can move."))
    item.publish_at, item.state = publish_at, AnnouncementState.SCHEDULED
    audit.record(
        actor,
        "announcement.rescheduled",
        item,
        f"“{item.title}” moved to {publish_at:%Y-%m-%d %H:%M}",
    )
    db.session.commit()
    return item


def _news_message(idea_title: str, post_title: str) -> Callable[[], str]:
    """The follower's notification, written in each follower's language."""
    return lambda: _("News on “%(idea)s”: %(title)s", idea=idea_title, title=post_title)


def _after_publishing(item: Announcement) -> None:
    """Side effects of going live, run exactly once by whoever published it."""
    events.announcement_published.send(item)
    link = site_path("community.announcement", announcement_id=item.id)
    for idea in item.ideas:
        if item.kind == AnnouncementKind.CHANGELOG and idea.status in OPEN_STATUSES:
            # Shipping through the changelog tells every voter, with a link back here.
            ideas.record_team_progress(
                "Changelog",
                idea,
                IdeaStatus.SHIPPED,
                f"Shipped: {item.title} ({link})",
                actor=None,
            )
        else:
            notify_users(
                follower_ids(idea.id),
                kind="announcement",
                idea_id=idea.id,
                url=link,
                message=_news_message(idea.title, item.title),
            )
    db.session.commit()


def publish_now(actor: User, item: Announcement) -> Announcement:
    require(actor, "edit_announcements", None)
    claimed = db.session.execute(
        update(Announcement)
        .where(
            Announcement.id == item.id,
            Announcement.state.in_([AnnouncementState.DRAFT, AnnouncementState.SCHEDULED]),
        )
        .values(state=AnnouncementState.PUBLISHED, published_at=utcnow())
    ).rowcount  # type: ignore[attr-defined]
    if not claimed:
        raise Conflict(_("This post is already published."))
    audit.record(actor, "announcement.published", item, f"“{item.title}” published")
    db.session.commit()
    db.session.refresh(item)
    _after_publishing(item)
    return item


def publish_due(now: datetime | None = None) -> int:
    """Publish every scheduled post whose time has come. Safe with several workers: each post
    is claimed by a conditional UPDATE, so only one worker publishes it and runs its effects."""
    moment = now or utcnow()
    due = list(
        db.session.scalars(
            select(Announcement.id).where(
                Announcement.state == AnnouncementState.SCHEDULED, Announcement.publish_at <= moment
            )
        )
    )
    published = 0
    for announcement_id in due:
        claimed = db.session.execute(
            update(Announcement)
            .where(
                Announcement.id == announcement_id,
                Announcement.state == AnnouncementState.SCHEDULED,
            )
            .values(state=AnnouncementState.PUBLISHED, published_at=moment)
        ).rowcount  # type: ignore[attr-defined]
        if not claimed:
            db.session.rollback()
            continue
        # The claim, its audit entry and its effects commit together: a worker that dies
        # half-way leaves the post scheduled for the next sweep, never published unannounced.
        item = db.session.get(Announcement, announcement_id, populate_existing=True)
        assert item is not None
        audit.record(None, "announcement.published", item, f"“{item.title}” published on schedule")
        _after_publishing(item)
        published += 1
    return published


def archive(actor: User, item: Announcement) -> None:
    require(actor, "edit_announcements", None)
    item.state = AnnouncementState.ARCHIVED
    audit.record(actor, "announcement.archived", item, f"“{item.title}” archived")
    db.session.commit()


def react(actor: User, item: Announcement, helpful: bool) -> None:
    if item.state != AnnouncementState.PUBLISHED or not actor.is_authenticated:
        raise NotFound(_("No such announcement."))
    reaction = db.session.scalar(
        select(Reaction).where(Reaction.announcement_id == item.id, Reaction.user_id == actor.id)
    )
    if reaction is None:
        db.session.add(Reaction(announcement_id=item.id, user_id=actor.id, helpful=helpful))
    else:
        reaction.helpful = helpful
    db.session.commit()


def reaction_counts(item: Announcement) -> tuple[int, int]:
    rows = db.session.scalars(select(Reaction.helpful).where(Reaction.announcement_id == item.id))
    counted = Counter(rows)
    return counted[True], counted[False]


def published(kind: AnnouncementKind | None = None, limit: int = 50) -> list[Announcement]:
    stmt = select(Announcement).where(Announcement.state == AnnouncementState.PUBLISHED)
    if kind is not None:
        stmt = stmt.where(Announcement.kind == kind)
    return list(db.session.scalars(stmt.order_by(Announcement.published_at.desc()).limit(limit)))


# ---- the editorial calendar ----


def planned_date(item: Announcement) -> datetime:
    return item.published_at or item.publish_at or item.created_at


@dataclass
class Calendar:
    start: date
    end: date  # exclusive
    days: list[date]
    posts: dict[date, list[Announcement]]
    mix: dict[AnnouncementKind, int]
    gaps: list[tuple[date, date]]


def calendar(actor: User, start: date, end: date) -> Calendar:
    require(actor, "edit_announcements", None)
    begin, finish = (
        datetime.combine(start, datetime.min.time()),
        datetime.combine(end, datetime.min.time()),
    )
    items = list(
        db.session.scalars(
            select(Announcement).where(
                Announcement.state != AnnouncementState.ARCHIVED,
                or_(
                    Announcement.published_at.between(begin, finish),
                    Announcement.publish_at.between(begin, finish),
                    (
                        Announcement.publish_at.is_(None)
                        & Announcement.published_at.is_(None)
                        & Announcement.created_at.between(begin, finish)
                    ),
                ),
            )
        )
    )
    posts: dict[date, list[Announcement]] = {}
    for item in items:
        posts.setdefault(planned_date(item).date(), []).append(item)
    mix = Counter(i.kind for i in items if i.state != AnnouncementState.DRAFT)
    # Gaps: stretches of GAP_DAYS or more with nothing published or scheduled.
    live = sorted({planned_date(i).date() for i in items if i.state != AnnouncementState.DRAFT})
    marks = [start - timedelta(days=1), *live, end]
    gaps = [
        (a + timedelta(days=1), b - timedelta(days=1))
        for a, b in zip(marks, marks[1:], strict=False)
        if (b - a).days > GAP_DAYS
    ]
    days = [start + timedelta(days=n) for n in range((end - start).days)]
    return Calendar(start, end, days, posts, {k: mix.get(k, 0) for k in AnnouncementKind}, gaps)
