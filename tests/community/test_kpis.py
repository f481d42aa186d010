"""Every KPI against a small fixture whose expected values are worked out by hand below."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest

from ideaportal.accounts.models import Role, User
from ideaportal.community import kpis
from ideaportal.community.models import (
    Announcement,
    AnnouncementKind,
    AnnouncementState,
    CaseState,
    ModerationCase,
    PageView,
    Reaction,
)
from ideaportal.extensions import db
from ideaportal.ideas.models import Board, Comment, Idea, IdeaStatus, StatusChange, Vote
from ideaportal.notifications.models import Notification
from tests.conftest import login_as


def at(day: int, hour: int = 0, month: int = 10) -> datetime:
    return datetime(2026, month, day, hour)


@pytest.fixture
def fixture(app):
    users = {
        n: User(
            email=f"{n}@example.com",
            display_name=n,
            password_hash="x",
            role=Role.COMMUNITY_MANAGER if n == "cm" else Role.MEMBER,
        )
        for n in ("a", "b", "c", "d", "e", "cm")
    }
    db.session.add_all(users.values())
    board = db.session.query(Board).first()
    db.session.flush()
    u = {n: x.id for n, x in users.items()}
    idea1 = Idea(
        board_id=board.id, author_id=u["a"], title="Idea one in period", created_at=at(2, 9)
    )
    idea2 = Idea(
        board_id=board.id, author_id=u["b"], title="Idea two in period", created_at=at(3, 10)
    )
    before = Idea(
        board_id=board.id,
        author_id=u["a"],
        title="Idea in the previous period",
        created_at=at(25, 8, month=9),
    )
    db.session.add_all([idea1, idea2, before])
    db.session.flush()
    db.session.add_all(
        [
            Vote(user_id=u["c"], idea_id=idea1.id, created_at=at(2, 12)),
            Vote(user_id=u["d"], idea_id=idea1.id, created_at=at(4, 8)),
            Vote(user_id=u["a"], idea_id=idea2.id, created_at=at(5, 8)),
            Comment(
                idea_id=idea1.id,
                author_id=u["cm"],
                body="Official one",
                is_official=True,
                created_at=at(2, 13),
            ),  # 4 h after idea1
            Comment(
                idea_id=idea2.id,
                author_id=u["cm"],
                body="Official two",
                is_official=True,
                created_at=at(5, 10),
            ),  # 48 h after idea2
            Comment(idea_id=idea2.id, author_id=u["c"], body="Plain", created_at=at(6, 9)),
            StatusChange(
                idea_id=idea1.id,
                from_status=IdeaStatus.IN_PROGRESS,
                to_status=IdeaStatus.SHIPPED,
                created_at=at(8, 9),
            ),
            StatusChange(
                idea_id=idea2.id,
                from_status=IdeaStatus.NEW,
                to_status=IdeaStatus.DECLINED,
                note="No",
                created_at=at(9, 9),
            ),
            # idea1's voters c and d were told; idea2's voter a was not: one loop of two closed.
            Notification(
                user_id=u["c"],
                idea_id=idea1.id,
                kind="status_changed",
                message="m",
                created_at=at(8, 9),
            ),
            Notification(
                user_id=u["d"],
                idea_id=idea1.id,
                kind="status_changed",
                message="m",
                created_at=at(8, 10),
            ),
            PageView(
                day=date(2026, 10, 4),
                kind="idea",
                target_id=idea1.id,
                visitor_hash="hd",
                user_id=u["d"],
            ),
            PageView(
                day=date(2026, 10, 5),
                kind="idea",
                target_id=idea1.id,
                visitor_hash="he",
                user_id=u["e"],
            ),
            PageView(day=date(2026, 10, 5), kind="idea", target_id=idea2.id, visitor_hash="anon"),
            PageView(day=date(2026, 10, 5), kind="idea", target_id=idea1.id, visitor_hash="anon"),
            ModerationCase(
                target_type="idea",
                target_id=idea2.id,
                state=CaseState.RESOLVED,
                opened_at=at(6, 10),
                resolved_at=at(6, 12),
            ),
            ModerationCase(
                target_type="idea",
                target_id=idea1.id,
                state=CaseState.RESOLVED,
                opened_at=at(7, 10),
                resolved_at=at(7, 16),
            ),
        ]
    )
    post = Announcement(
        title="News",
        kind=AnnouncementKind.GENERAL,
        state=AnnouncementState.PUBLISHED,
        published_at=at(3),
    )
    db.session.add(post)
    db.session.flush()
    for n, helpful in (("a", True), ("b", True), ("c", True), ("d", False)):
        db.session.add(
            Reaction(announcement_id=post.id, user_id=u[n], helpful=helpful, created_at=at(4))
        )
    db.session.commit()
    return users


PERIOD = kpis.period(date(2026, 10, 1), date(2026, 10, 11))


def test_every_kpi_matches_the_hand_computed_value(fixture):
    values = {k.key: k for k in kpis.dashboard(PERIOD)}
    # contributors a, b, c, d, cm (5); readers d, e -> active 6; 5 / 6
    assert values["active_members"].value == 6
    assert values["engagement_rate"].value == 83.3
    assert values["new_ideas"].value == 2 and values["new_ideas"].previous == 1
    assert values["new_ideas"].change == 100.0
    assert values["votes"].value == 3 and values["comments"].value == 3
    assert values["page_views"].value == 4
    assert values["unique_visitors"].value == 3  # 4 Oct: d; 5 Oct: e and one anonymous
    assert values["first_answer_median"].value == 26.0  # median of 4 h and 48 h
    assert values["first_answer_p90"].value == 48.0
    assert values["loop_closure"].value == 50.0
    assert values["satisfaction"].value == 75.0
    assert values["moderation_cases"].value == 2
    assert values["moderation_hours"].value == 4.0  # median of 2 h and 6 h


def test_daily_series_and_csv_export_agree(fixture):
    data = kpis.series(PERIOD)
    assert data["days"][0] == "2026-10-01" and len(data["days"]) == 10
    assert data["votes"] == [0, 1, 0, 1, 1, 0, 0, 0, 0, 0]
    assert data["official_answers"][1] == 1 and data["official_answers"][4] == 1
    assert data["page_views"][4] == 3
    rows = list(csv.reader(io.StringIO(kpis.series_csv(PERIOD))))
    header, body = rows[0], rows[1:]
    for column, name in enumerate(header[1:], start=1):
        assert [int(r[column]) for r in body] == data[name], name
    only = list(csv.reader(io.StringIO(kpis.series_csv(PERIOD, "votes"))))
    assert only[0] == ["day", "votes"] and [int(r[1]) for r in only[1:]] == data["votes"]


def test_dashboard_page_and_csv_download(client, fixture, make):
    login_as(client, make.user(Role.COMMUNITY_MANAGER))
    html = client.get("/community/dashboard?start=2026-10-01&end=2026-10-11").get_data(as_text=True)
    assert "Engagement rate" in html and "83.3" in html and 'id="kpi-series"' in html
    csv_response = client.get(
        "/community/dashboard.csv?series=votes&start=2026-10-01&end=2026-10-11"
    )
    assert csv_response.mimetype == "text/csv"
    assert csv_response.get_data(as_text=True).splitlines()[2] == "2026-10-02,1"
    assert client.get("/community/dashboard?start=2026-10-11&end=2026-10-01").status_code == 400


def test_members_cannot_see_the_dashboard(client, make):
    login_as(client, make.user())
    assert client.get("/community/dashboard").status_code == 403


def test_page_views_are_counted_without_storing_addresses(client, make):
    idea = make.idea()
    client.get(f"/ideas/{idea.id}", environ_base={"REMOTE_ADDR": "203.0.113.9"})
    client.get(f"/ideas/{idea.id}", environ_base={"REMOTE_ADDR": "203.0.113.9"})
    views = db.session.query(PageView).all()
    assert len(views) == 2 and views[0].visitor_hash == views[1].visitor_hash
    assert "203.0.113.9" not in views[0].visitor_hash and len(views[0].visitor_hash) == 64
