"""Loads the demo community (ideaportal.demo.catalog) into an empty database.

Rows are written directly rather than through the services because the history is
backdated (ideas posted months ago, votes trickling in since); counters are computed from
the rows written, and check_counters() proves they agree.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from werkzeug.security import generate_password_hash

from ideaportal.accounts.models import Role, User
from ideaportal.core.links import site_path
from ideaportal.core.model_base import utcnow
from ideaportal.demo import catalog
from ideaportal.extensions import db
from ideaportal.ideas.models import (
    Board,
    Comment,
    Follow,
    Idea,
    IdeaStatus,
    StatusChange,
    Tag,
    Vote,
)
from ideaportal.notifications.models import Notification

DEMO_PASSWORD = "demo-password"  # noqa: S105 - published demo logins, printed on purpose

# The path each final status took through the workflow.
STATUS_PATHS: dict[str, list[IdeaStatus]] = {
    "new": [],
    "under_review": [IdeaStatus.UNDER_REVIEW],
    "planned": [IdeaStatus.UNDER_REVIEW, IdeaStatus.PLANNED],
    "in_progress": [IdeaStatus.UNDER_REVIEW, IdeaStatus.PLANNED, IdeaStatus.IN_PROGRESS],
    "shipped": [
        IdeaStatus.UNDER_REVIEW,
        IdeaStatus.PLANNED,
        IdeaStatus.IN_PROGRESS,
        IdeaStatus.SHIPPED,
    ],
    "declined": [IdeaStatus.UNDER_REVIEW, IdeaStatus.DECLINED],
}


@dataclass
class SeedReport:
    users: int = 0
    ideas: int = 0
    votes: int = 0
    comments: int = 0
    logins: list[tuple[str, str]] = field(default_factory=list)


def database_is_empty() -> bool:
    return (db.session.scalar(select(func.count(User.id))) or 0) == 0


def _between(rng: random.Random, start: datetime, end: datetime) -> datetime:
    if end <= start:
        return start
    return start + (end - start) * rng.random()


def seed_demo(seed: int = 7) -> SeedReport:
    """Fill an empty database with the demo community. Refuses to touch a used database."""
    if not database_is_empty():
        raise RuntimeError("the database already has users; demo data loads only into an empty one")
    rng = random.Random(seed)
    now = utcnow()
    report = SeedReport()
    password_hash = generate_password_hash(DEMO_PASSWORD)

    users: dict[str, User] = {}
    for spec in catalog.USERS:
        user = User(
            email=spec["email"].casefold(),
            display_name=spec["display_name"],
            password_hash=password_hash,
            role=Role(spec["role"]),
            created_at=now - timedelta(days=rng.randint(200, 760)),
        )
        users[user.email] = user
        db.session.add(user)
    seen_roles: set[str] = set()
    for spec in catalog.USERS:
        if spec["role"] not in seen_roles:
            seen_roles.add(spec["role"])
            report.logins.append((spec["role"], spec["email"]))

    # The demo's boards replace the install's empty default board.
    db.session.execute(delete(Board).where(~Board.id.in_(select(Idea.board_id))))
    boards: dict[str, Board] = {}
    for position, spec in enumerate(catalog.BOARDS):
        board = Board(
            slug=spec["slug"],
            name=spec["name"],
            description=spec["description"],
            is_private=spec["is_private"],
            position=position,
        )
        boards[board.slug] = board
        db.session.add(board)
    tags = {name: Tag(name=name) for name in catalog.TAGS}
    db.session.add_all(tags.values())
    db.session.flush()

    members = [u for u in users.values() if u.role == Role.MEMBER]
    staff = [u for u in users.values() if u.role != Role.MEMBER]
    pms = [u for u in users.values() if u.role in (Role.PRODUCT_MANAGER, Role.ADMIN)]
    voters_pool = members + staff[: len(staff) // 2]

    for spec in catalog.IDEAS:
        created = now - timedelta(
            days=spec["age_days"], hours=rng.randint(0, 23), minutes=rng.randint(0, 59)
        )
        author = users[spec["author"].casefold()]
        idea = Idea(
            board=boards[spec["board"]],
            author=author,
            title=spec["title"],
            body=spec["body"],
            tags=[tags[t] for t in spec.get("tags", [])],
            status=IdeaStatus(spec["status"]),
            created_at=created,
            updated_at=created,
            last_activity_at=created,
        )
        db.session.add(idea)
        db.session.flush()

        # Long tail: popularity squared keeps most ideas at a handful of votes.
        n_votes = min(len(voters_pool), int(spec["popularity"] ** 2 * 36 + rng.random() * 3))
        if boards[spec["board"]].is_private:
            n_votes = min(n_votes, 3)
        voter_list = rng.sample(voters_pool, n_votes)
        followers = {author.id: created}
        last = created
        for voter in voter_list:
            when = _between(rng, created, now)
            db.session.add(Vote(user_id=voter.id, idea_id=idea.id, created_at=when))
            followers.setdefault(voter.id, when)
            last = max(last, when)
        for extra in rng.sample(members, rng.randint(0, 2)):
            followers.setdefault(extra.id, _between(rng, created, now))
        for uid, when in followers.items():
            db.session.add(Follow(user_id=uid, idea_id=idea.id, created_at=when))

        # Status history, spread between posting and now, the public note on the last step.
        path = STATUS_PATHS[spec["status"]]
        previous = IdeaStatus.NEW
        moment = created
        pm = rng.choice(pms)
        for step, status in enumerate(path):
            moment = _between(rng, moment, now - timedelta(days=max(0, len(path) - step - 1)))
            note = (spec.get("status_note") or "") if step == len(path) - 1 else ""
            db.session.add(
                StatusChange(
                    idea_id=idea.id,
                    actor_id=pm.id,
                    from_status=previous,
                    to_status=status,
                    note=note,
                    created_at=moment,
                )
            )
            previous = status
            last = max(last, moment)

        comment_time = created
        for c in spec.get("comments", []):
            comment_time = _between(rng, comment_time, min(now, comment_time + timedelta(days=30)))
            db.session.add(
                Comment(
                    idea_id=idea.id,
                    author_id=users[c["author"].casefold()].id,
                    body=c["body"],
                    is_official=bool(c.get("official")),
                    created_at=comment_time,
                    updated_at=comment_time,
                )
            )
            last = max(last, comment_time)

        idea.vote_count = len(voter_list)
        idea.follower_count = len(followers)
        idea.comment_count = len(spec.get("comments", []))
        idea.last_activity_at = last
        report.votes += len(voter_list)
        report.comments += idea.comment_count
        report.ideas += 1

    _demo_notifications(users, now)
    _demo_team_and_news(users, boards, now, rng)
    db.session.commit()
    report.users = len(users)
    return report


def _demo_team_and_news(
    users: dict[str, User], boards: dict[str, Board], now: datetime, rng: random.Random
) -> None:
    """A product team holding the ideas in progress, and a few posts on the calendar."""
    from ideaportal.community.models import Announcement, AnnouncementKind, AnnouncementState
    from ideaportal.triage.models import Handoff, HandoffState, ProductTeam
    from ideaportal.triage.secrets import encrypt, new_secret

    pm = users["pm@example.com"]
    team = ProductTeam(
        name="Scheduling squad", webhook_url="", secret_encrypted=encrypt(new_secret())
    )
    team.members = [u for u in users.values() if u.role == Role.PRODUCT_MANAGER]
    db.session.add(team)
    db.session.flush()
    in_progress = db.session.scalars(select(Idea).where(Idea.status == IdeaStatus.IN_PROGRESS))
    shipped = list(
        db.session.scalars(
            select(Idea).where(Idea.status == IdeaStatus.SHIPPED).order_by(Idea.vote_count.desc())
        )
    )
    for idea in in_progress:
        db.session.add(
            Handoff(
                idea_id=idea.id,
                team_id=team.id,
                state=HandoffState.IN_PROGRESS,
                created_by_id=pm.id,
                created_at=idea.last_activity_at,
            )
        )
    cm = users["cm@example.com"]
    top = shipped[:3]
    posts = [
        (
            "What shipped this month",
            AnnouncementKind.CHANGELOG,
            AnnouncementState.PUBLISHED,
            now - timedelta(days=9),
            top,
            "Three of your most-voted ideas are live. Thank you to everyone who voted and told us "
            "how you work — these shipped because you asked.\n\n"
            + "\n".join(f"- **{i.title}**" for i in top),
        ),
        (
            "Roadmap update: what we are building next",
            AnnouncementKind.ROADMAP,
            AnnouncementState.PUBLISHED,
            now - timedelta(days=23),
            [],
            "Here is what the team is working on, and what comes after. The roadmap page is "
            "always current; this post explains *why* we picked these.",
        ),
        (
            "Community call: scheduling for multi-location teams",
            AnnouncementKind.GENERAL,
            AnnouncementState.SCHEDULED,
            now + timedelta(days=5),
            [],
            "Join the product team for a 45-minute call about running schedules across stores.",
        ),
        (
            "Draft: winter release notes",
            AnnouncementKind.CHANGELOG,
            AnnouncementState.DRAFT,
            None,
            [],
            "Notes in progress.",
        ),
    ]
    for title, kind, state, when, linked, body in posts:
        published = when if state == AnnouncementState.PUBLISHED else None
        db.session.add(
            Announcement(
                title=title,
                body=body,
                kind=kind,
                state=state,
                author_id=cm.id,
                ideas=linked,
                publish_at=when,
                published_at=published,
                created_at=(when or now) - timedelta(days=2),
            )
        )


def _demo_notifications(users: dict[str, User], now: datetime) -> None:
    """Give every demo account the bell it would have: news of the ideas it follows."""
    db.session.flush()
    rows = db.session.execute(
        select(
            Follow.user_id,
            StatusChange.idea_id,
            StatusChange.to_status,
            Idea.title,
            StatusChange.created_at,
        )
        .join(StatusChange, StatusChange.idea_id == Follow.idea_id)
        .join(Idea, Idea.id == StatusChange.idea_id)
        .where(StatusChange.created_at > now - timedelta(days=45))
    ).all()
    for user_id, idea_id, status, title, when in rows:
        db.session.add(
            Notification(
                user_id=user_id,
                kind="status_changed",
                idea_id=idea_id,
                message=f"“{title}” is now {status.label.lower()}.",
                url=site_path("ideas.detail", idea_id=idea_id),
                created_at=when,
            )
        )


def check_counters() -> list[str]:
    """Ideas whose denormalised counters disagree with the rows (empty list: all exact)."""
    votes = select(func.count(Vote.id)).where(Vote.idea_id == Idea.id).scalar_subquery()
    follows = select(func.count(Follow.id)).where(Follow.idea_id == Idea.id).scalar_subquery()
    bad = db.session.execute(
        select(Idea.id, Idea.vote_count, votes, Idea.follower_count, follows).where(
            (Idea.vote_count != votes) | (Idea.follower_count != follows)
        )
    ).all()
    return [f"idea {row[0]}: votes {row[1]}≠{row[2]} or followers {row[3]}≠{row[4]}" for row in bad]
