"""The demand-ranked queue, bulk actions, the public roadmap and its feed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from ideaportal.accounts.models import Role
from ideaportal.extensions import db
from ideaportal.ideas import services as ideas
from ideaportal.ideas.models import IdeaStatus, Vote
from ideaportal.triage import services
from ideaportal.triage.demand import Weights
from tests.conftest import login_as


def test_weights_parse_and_reject_unknown_parts():
    w = Weights.parse("votes=1,velocity=2,followers=0.5,comments=0.25,age=-0.5")
    assert (w.votes, w.velocity, w.age) == (1.0, 2.0, -0.5)
    with pytest.raises(ValueError, match="unknown demand weight"):
        Weights.parse("votes=1,karma=3")


def test_queue_ranks_by_demand_and_explains_the_score(app, client, make):
    app.config["DEMAND_WEIGHTS"] = "votes=1,velocity=2,followers=0,comments=0,age=0"
    old, hot = make.idea(title="Old favourite with votes"), make.idea(title="Hot new request")
    people = [make.user() for _ in range(4)]
    for p in people:
        ideas.toggle_vote(p, old)
    for p in people[:3]:
        ideas.toggle_vote(p, hot)
    for vote in db.session.scalars(select(Vote).where(Vote.idea_id == old.id)):
        vote.created_at -= timedelta(days=90)
    db.session.commit()
    pm = make.pm()
    rows, _ = services.triage_queue(pm, services.QueueFilter())
    assert [r.idea.title for r in rows[:2]] == ["Hot new request", "Old favourite with votes"]
    # hot: 3 votes + 2 x 3 recent = 9; old: 4 votes, none recent = 4
    assert rows[0].demand.score == 9.0 and rows[0].demand.parts["velocity"] == 6.0
    assert rows[1].demand.score == 4.0
    login_as(client, pm)
    page = client.get("/triage").get_data(as_text=True)
    assert page.index("Hot new request") < page.index("Old favourite with votes")
    assert "votes in the window" in page


def test_queue_filter_no_official_answer_yet(make):
    pm = make.pm()
    answered = make.idea(title="Answered one")
    make.idea(title="Waiting one")
    ideas.add_comment(pm, answered, "We are on it", official=True)
    rows, _ = services.triage_queue(pm, services.QueueFilter(unanswered=True))
    titles = {r.idea.title for r in rows}
    assert "Waiting one" in titles and "Answered one" not in titles


def test_queue_is_for_product_managers_only(client, make):
    login_as(client, make.user(Role.COMMUNITY_MANAGER))
    assert client.get("/triage").status_code == 403


def test_bulk_status_change_reports_ideas_that_cannot_move(client, make):
    pm = make.pm()
    a, b = make.idea(), make.idea()
    ideas.change_status(pm, b, IdeaStatus.DECLINED, "Not for us")
    login_as(client, pm)
    response = client.post(
        "/triage/bulk",
        data={
            "ideas": [str(a.id), str(b.id)],
            "action": "status",
            "status": "under_review",
            "note": "Looking",
        },
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    db.session.refresh(a)
    db.session.refresh(b)
    assert a.status == IdeaStatus.UNDER_REVIEW and b.status == IdeaStatus.UNDER_REVIEW
    assert "Done for 2 idea(s)." in html
    bad = client.post(
        "/triage/bulk",
        data={"ideas": [str(a.id)], "action": "status", "status": "shipped"},
        follow_redirects=True,
    )
    assert "cannot go from under review to shipped" in bad.get_data(as_text=True)


def test_bulk_tag(client, make):
    pm = make.pm()
    idea = make.idea()
    login_as(client, pm)
    client.post("/triage/bulk", data={"ideas": [str(idea.id)], "action": "tag", "tag": "q3"})
    db.session.refresh(idea)
    assert [t.name for t in idea.tags] == ["q3"]


def test_roadmap_shows_planned_in_progress_and_recent_shipped_with_notes(client, make):
    pm = make.pm()
    planned, doing, shipped, old = (
        make.idea(title=t)
        for t in ("Planned thing", "Thing in progress", "Shipped thing", "Shipped long ago")
    )
    for idea, path in (
        (planned, ["planned"]),
        (doing, ["planned", "in_progress"]),
        (shipped, ["planned", "in_progress", "shipped"]),
        (old, ["planned", "in_progress", "shipped"]),
    ):
        for step in path:
            ideas.change_status(pm, idea, IdeaStatus(step), f"{idea.title}: {step}")
    from ideaportal.ideas.models import StatusChange

    for change in db.session.scalars(select(StatusChange).where(StatusChange.idea_id == old.id)):
        change.created_at -= timedelta(days=200)
    db.session.commit()
    html = client.get("/roadmap").get_data(as_text=True)
    for text in (
        "Planned thing: planned",
        "Thing in progress: in_progress",
        "Shipped thing: shipped",
    ):
        assert text in html
    assert "Shipped long ago" not in html
    feed = client.get("/roadmap.atom")
    assert feed.mimetype == "application/atom+xml"
    xml = feed.get_data(as_text=True)
    assert xml.count("<entry>") == 9 and "“Shipped thing” is now shipped" in xml


def test_the_hand_off_box_shows_for_open_ideas_and_not_for_closed_ones_never_handed_off(
    client, make
):
    pm = make.pm()
    open_idea, closed = make.idea(), make.idea()
    ideas.change_status(pm, closed, IdeaStatus.DECLINED, "Out of scope for this year.")
    login_as(client, pm)
    assert 'id="handoff"' in client.get(f"/ideas/{open_idea.id}").get_data(as_text=True)
    # Declined without ever going to a team: no empty box, no hand-off form.
    assert 'id="handoff"' not in client.get(f"/ideas/{closed.id}").get_data(as_text=True)
