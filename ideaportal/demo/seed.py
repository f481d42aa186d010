"""Loads the demo community into an empty database, through the same import as
`flask import`.

The community is data: `ideaportal/demo/data` is an export (the format of
ideaportal.portability) of the Shiftly portal, with ideas posted months ago and votes
trickling in since. Its manifest names the moment its timestamps were taken
(`dates_relative_to`); the import moves every timestamp by the time since then, so the demo
always looks as if it was used until today ("posted 3 days ago" stays 3 days ago, the
scheduled post stays in the future). Vectors are not part of it: `flask seed-demo` embeds
and clusters the ideas after loading them.

To change the demo, edit the NDJSON files (ids are stable; keep counters equal to their rows)
and refresh the manifest's checksums, or load it, change it in the app and export it again
with `export_portal(folder, omit_team_secrets=True, dates_relative_to=utcnow())`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from ideaportal.accounts.models import User
from ideaportal.extensions import db
from ideaportal.ideas.models import Follow, Idea, Vote
from ideaportal.portability.import_ import import_portal

DEMO_PASSWORD = "demo-password"  # noqa: S105 - published demo logins, printed on purpose
DEMO_DATA = Path(__file__).resolve().parent / "data"


@dataclass
class SeedReport:
    users: int = 0
    ideas: int = 0
    votes: int = 0
    comments: int = 0
    logins: list[tuple[str, str]] = field(default_factory=list)


def database_is_empty() -> bool:
    return (db.session.scalar(select(func.count(User.id))) or 0) == 0


def seed_demo() -> SeedReport:
    """Fill an empty database with the demo community. Refuses to touch a used database."""
    if not database_is_empty():
        raise RuntimeError("the database already has users; demo data loads only into an empty one")
    done = import_portal(DEMO_DATA, shift_dates=True)
    report = SeedReport(
        users=done.counts["user"],
        ideas=done.counts["idea"],
        votes=done.counts["vote"],
        comments=done.counts["comment"],
    )
    # The first account of each role has the easy email (admin@, pm@, ... member@).
    for role, email in db.session.execute(select(User.role, User.email).order_by(User.id)):
        if role.value not in {r for r, _ in report.logins}:
            report.logins.append((role.value, email))
    return report


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
