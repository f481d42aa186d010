"""The demo community that a new user sees on the first `make run`."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import func, select

from ideaportal.accounts.models import Role, User
from ideaportal.community.models import Announcement, AnnouncementState
from ideaportal.core.model_base import utcnow
from ideaportal.dedup.models import DuplicateCandidate
from ideaportal.demo.seed import DEMO_DATA, DEMO_PASSWORD, check_counters
from ideaportal.extensions import db
from ideaportal.ideas.models import Board, Idea, StatusChange, Vote
from tests.conftest import login_as


def _demo_rows(table: str) -> list[dict]:
    with (DEMO_DATA / f"{table}.ndjson").open() as handle:
        return [json.loads(line) for line in handle]


def test_seed_demo_loads_a_realistic_community_once(app, client):
    app.config["DUPLICATE_THRESHOLD"] = 0.5  # the test encoder is cruder than MiniLM
    runner = app.test_cli_runner()
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "member@example.com" in result.output and DEMO_PASSWORD in result.output
    assert db.session.scalar(select(func.count(User.id))) == 40
    assert db.session.scalar(select(func.count(Idea.id))) == len(_demo_rows("idea")) >= 290
    roles = set(db.session.scalars(select(User.role)))
    assert roles == set(Role)
    assert check_counters() == []
    # A long tail: a few very popular ideas, most with a handful of votes.
    counts = sorted(db.session.scalars(select(Idea.vote_count)), reverse=True)
    assert counts[0] >= 20 and counts[len(counts) // 2] <= 5
    assert db.session.scalar(select(func.count(StatusChange.id))) > 100
    assert db.session.scalar(select(func.count(Vote.id))) > 1000
    assert {b.slug for b in db.session.scalars(select(Board))} == {
        b["slug"] for b in _demo_rows("board")
    }
    assert db.session.scalar(select(func.count(Announcement.id))) >= 3
    assert db.session.scalar(select(func.count(DuplicateCandidate.id))) > 0
    again = runner.invoke(args=["seed-demo", "--if-empty"])
    assert again.exit_code == 0 and "nothing loaded" in again.output
    assert runner.invoke(args=["seed-demo"]).exit_code != 0
    login_as(
        client,
        db.session.scalar(select(User).where(User.email == "member@example.com")),
        DEMO_PASSWORD,
    )
    page = client.get("/").get_data(as_text=True)
    assert "Internal" not in page and "Shape Shiftly with us" in page


def test_demo_dates_are_moved_to_today(app):
    """The demo's timestamps are relative to the moment in its manifest; loading moves them
    all by the time since, so the newest vote is recent and the scheduled post is ahead."""
    manifest = json.loads((DEMO_DATA / "manifest.json").read_text())
    assert manifest["dates_relative_to"]
    assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0
    now = utcnow()
    newest_vote = db.session.scalar(select(func.max(Vote.created_at)))
    assert now - timedelta(days=2) < newest_vote <= now
    scheduled = db.session.scalars(
        select(Announcement).where(Announcement.state == AnnouncementState.SCHEDULED)
    ).one()
    assert now + timedelta(days=4) < scheduled.publish_at < now + timedelta(days=6)
    # Relative spacing is kept: the oldest idea is as old as it was in the data.
    oldest = min(_demo_rows("idea"), key=lambda i: i["created_at"])
    stored = db.session.get(Idea, oldest["id"])
    assert stored is not None
    taken = datetime.fromisoformat(manifest["dates_relative_to"])
    age_in_data = taken - datetime.fromisoformat(oldest["created_at"])
    assert abs((now - stored.created_at) - age_in_data) < timedelta(minutes=5)
