"""How long does a status change take when 1,000 people voted for the idea?

The request must only queue the news (1,000 in-app notifications and 1,000 outbox emails,
written in bulk in the same transaction); sending happens on the job queue. Printed: the
request time with 1 voter and with N voters, their ratio, and the ratio against a naive
baseline measured in the same run (one ORM insert and flush per email).

    .venv/bin/python bench/status_fanout.py [--voters 1000] [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from ideaportal import create_app  # noqa: E402
from ideaportal.accounts.models import Role, User  # noqa: E402
from ideaportal.extensions import db  # noqa: E402
from ideaportal.ideas.models import Board, Follow, Idea, IdeaStatus, Vote  # noqa: E402
from ideaportal.notifications.models import OutboxEmail  # noqa: E402


def build(app, voters: int) -> tuple[int, int]:
    with app.app_context():
        board = db.session.scalar(select(Board))
        pm = User(
            email=f"pm{voters}@example.com",
            display_name="PM",
            password_hash="x",
            role=Role.PRODUCT_MANAGER,
        )
        author = User(email=f"author{voters}@example.com", display_name="A", password_hash="x")
        db.session.add_all([pm, author])
        db.session.flush()
        idea = Idea(board_id=board.id, author_id=author.id, title=f"Idea with {voters} voters")
        db.session.add(idea)
        db.session.flush()
        users = [
            {
                "email": f"v{voters}-{n}@example.com",
                "display_name": f"V{n}",
                "password_hash": "x",
                "role": "member",
            }
            for n in range(voters)
        ]
        db.session.execute(insert(User), users)
        ids = list(db.session.scalars(select(User.id).where(User.email.like(f"v{voters}-%"))))
        db.session.execute(insert(Vote), [{"user_id": u, "idea_id": idea.id} for u in ids])
        db.session.execute(insert(Follow), [{"user_id": u, "idea_id": idea.id} for u in ids])
        idea.vote_count = idea.follower_count = len(ids)
        db.session.commit()
        return pm.id, idea.id


def time_requests(app, pm_id: int, idea_id: int, runs: int) -> float:
    client = app.test_client()
    with client.session_transaction() as session:
        with app.app_context():
            session["_user_id"] = db.session.get(User, pm_id).get_id()
        session["_fresh"] = True
    samples = []
    statuses = [IdeaStatus.UNDER_REVIEW, IdeaStatus.NEW]
    for n in range(runs):
        started = time.perf_counter()
        response = client.post(
            f"/ideas/{idea_id}/status",
            data={"status-status": statuses[n % 2].value, "status-note": "x"},
        )
        samples.append(time.perf_counter() - started)
        assert response.status_code == 302, response.status_code
    return statistics.median(samples)


def naive_queue(app, voters: int) -> float:
    """Baseline: what writing the same emails one ORM object at a time costs."""
    with app.app_context():
        started = time.perf_counter()
        for n in range(voters):
            db.session.add(
                OutboxEmail(
                    to_address=f"x{n}@example.com", subject="s", body_text="b", kind="bench"
                )
            )
            db.session.flush()
        db.session.commit()
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(tmp) / 'bench.sqlite3'}",
                "SECRET_KEY": "bench",
                "WTF_CSRF_ENABLED": False,
                "RATELIMIT_ENABLED": False,
                # Jobs are queued, not run: exactly what the web request does in production.
                "QUEUE_URL": "memory://",
                "QUEUE_IMMEDIATE": False,
            }
        )
        with app.app_context():
            upgrade()
        one = time_requests(app, *build(app, 1), args.runs)
        many = time_requests(app, *build(app, args.voters), args.runs)
        naive = naive_queue(app, args.voters)
        with app.app_context():
            queued = db.session.scalar(
                select(db.func.count(OutboxEmail.id)).where(OutboxEmail.kind == "status_changed")
            )
    print(f"status change, 1 voter:              {one * 1000:8.1f} ms (median of {args.runs})")
    print(f"status change, {args.voters} voters:        {many * 1000:8.1f} ms")
    print(f"emails queued in total:              {queued}")
    print(f"ratio {args.voters} voters / 1 voter:         {many / one:8.1f}x")
    print(
        f"naive per-row queueing of {args.voters} emails: {naive * 1000:8.1f} ms "
        f"(request with bulk queueing is {naive / many:.1f}x faster than that alone)"
    )


if __name__ == "__main__":
    main()
