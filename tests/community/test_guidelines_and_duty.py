"""Guidelines page and the "waiting for an official answer" queue."""

from __future__ import annotations

from datetime import date, timedelta

from ideaportal.accounts.models import Role
from ideaportal.community.services import working_days_between
from ideaportal.extensions import db
from ideaportal.ideas import services as ideas
from tests.conftest import login_as


def test_guidelines_are_public_and_editable_by_community_managers(client, make):
    assert "One idea per post" in client.get("/guidelines").get_data(as_text=True)
    login_as(client, make.user(Role.MODERATOR))
    assert client.get("/guidelines/edit").status_code == 403
    client.post("/logout")
    login_as(client, make.user(Role.COMMUNITY_MANAGER))
    client.post("/guidelines/edit", data={"body": "## Be kind\n\nNo spam, no insults, please."})
    assert "Be kind" in client.get("/guidelines").get_data(as_text=True)
    short = client.post("/guidelines/edit", data={"body": "too short"})
    assert "Write 20 to 20,000 characters." in short.get_data(as_text=True)


def test_forms_link_to_the_guidelines(client, make):
    login_as(client, make.user())
    assert "/guidelines" in client.get("/ideas/new").get_data(as_text=True)
    assert "/guidelines" in client.get(f"/ideas/{make.idea().id}").get_data(as_text=True)


def test_working_days_skip_weekends():
    assert working_days_between(date(2026, 11, 20), date(2026, 11, 23)) == 1  # Fri -> Mon
    assert working_days_between(date(2026, 11, 16), date(2026, 11, 23)) == 5


def test_response_duty_lists_unanswered_ideas_oldest_first_and_marks_overdue(client, make):
    old = make.idea(title="Old unanswered request")
    old.created_at -= timedelta(days=14)
    fresh = make.idea(title="Fresh unanswered request")
    answered = make.idea(title="Answered request")
    db.session.commit()
    cm = make.user(Role.COMMUNITY_MANAGER)
    ideas.add_comment(cm, answered, "Thanks, noted.", official=True)
    login_as(client, cm)
    html = client.get("/community/response-duty").get_data(as_text=True)
    assert html.index(old.title) < html.index(fresh.title)
    assert answered.title not in html and "overdue" in html
    overdue = client.get("/community/response-duty?overdue=1").get_data(as_text=True)
    assert old.title in overdue and fresh.title not in overdue
    client.post("/logout")
    login_as(client, make.user())
    assert client.get("/community/response-duty").status_code == 403
