"""Idea lists rendered once per audience, with each person's own vote buttons."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from sqlalchemy import event

from ideaportal.accounts.models import Role
from ideaportal.extensions import db
from ideaportal.ideas import services
from tests.conftest import login_as


def test_two_members_share_the_list_but_see_their_own_votes(app, make):
    idea = make.idea(title="Shift swap requests from the phone")
    alice, bob = make.user(), make.user()
    services.set_vote(alice, idea, True)
    a, b = app.test_client(), app.test_client()
    login_as(a, alice)
    login_as(b, bob)
    alice_page = a.get("/").get_data(as_text=True)
    bob_page = b.get("/").get_data(as_text=True)
    assert "Shift swap requests from the phone" in alice_page
    assert "Shift swap requests from the phone" in bob_page
    assert 'aria-pressed="true"' in alice_page and 'name="vote" value="0"' in alice_page
    assert 'aria-pressed="true"' not in bob_page and 'name="vote" value="1"' in bob_page
    assert "vote-slot" not in alice_page + bob_page


def test_a_vote_shows_in_the_shared_list_at_once(app, client, make):
    idea = make.idea()
    member = make.user()
    login_as(client, member)
    assert '<span class="vote-count">0</span>' in client.get("/").get_data(as_text=True)
    client.post(f"/ideas/{idea.id}/vote", data={"vote": "1"}, headers={"HX-Request": "true"})
    page = client.get("/").get_data(as_text=True)
    assert '<span class="vote-count">1</span>' in page and 'aria-pressed="true"' in page


def test_an_author_still_sees_their_own_hidden_idea_in_lists(app, make):
    author = make.user()
    hidden = make.idea(author=author, title="My idea the moderators hid")
    hidden.hidden = True
    db.session.commit()
    owner, other = app.test_client(), app.test_client()
    login_as(other, make.user())
    assert "My idea the moderators hid" not in other.get("/").get_data(as_text=True)
    login_as(owner, author)
    assert "My idea the moderators hid" in owner.get("/").get_data(as_text=True)


def test_the_page_around_the_list_is_shared_per_audience_never_across(app, make):
    make.board("staff-internal", private=True)
    make.idea(title="Clock in from the kiosk")
    staff, member = app.test_client(), app.test_client()
    login_as(staff, make.user(Role.PRODUCT_MANAGER))
    login_as(member, make.user())
    for first, second in ((staff, member), (member, staff)):  # whoever renders it first
        first_page = first.get("/?sort=new").get_data(as_text=True)
        second_page = second.get("/?sort=new").get_data(as_text=True)
        staff_page, member_page = (
            (first_page, second_page) if first is staff else (second_page, first_page)
        )
        assert "Staff only" in staff_page and "Staff only" not in member_page
        for page in (staff_page, member_page):
            assert "Clock in from the kiosk" in page
            assert 'aria-current="true"' in page and "idea-cards" not in page
        make.idea(title="Another idea")  # a write: the second round renders anew


def _pressed(page: str) -> dict[int, bool]:
    """Each listed idea's vote button: whether it shows the member's vote."""
    found = re.findall(r'id="vote-(\d+)"[^>]*?aria-pressed="(true|false)"', page, re.DOTALL)
    return {int(idea_id): state == "true" for idea_id, state in found}


def _statements_of(client: FlaskClient, path: str) -> tuple[str, list[str]]:
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        page = client.get(path).get_data(as_text=True)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return page, statements


def test_a_member_list_page_reads_member_bell_and_votes_in_one_statement(app, make):
    voted, other = make.idea(title="Badge printing"), make.idea(title="Rota export")
    member, neighbour = make.user(), make.user()
    services.set_vote(member, voted, True)
    services.set_vote(neighbour, other, True)
    client, theirs = app.test_client(), app.test_client()
    login_as(client, member)
    login_as(theirs, neighbour)
    for each in (client, theirs):  # the list is rendered once and shared
        each.get("/?sort=new")
    page, statements = _statements_of(client, "/?sort=new")
    assert len(statements) == 1 and statements[0].lstrip().startswith("SELECT")
    assert _pressed(page) == {voted.id: True, other.id: False}
    page, statements = _statements_of(theirs, "/?sort=new")
    assert len(statements) == 1
    assert _pressed(page) == {voted.id: False, other.id: True}


def test_votes_on_ideas_listed_since_are_read_for_the_page_shown(app, make):
    first = make.idea(title="Badge printing")
    member = make.user()
    client = app.test_client()
    login_as(client, member)
    assert _pressed(client.get("/?sort=new").get_data(as_text=True)) == {first.id: False}
    newer = make.idea(title="Holiday calendar sync")  # not in the list the member saw last
    services.set_vote(member, newer, True)
    page = client.get("/?sort=new").get_data(as_text=True)
    assert _pressed(page) == {first.id: False, newer.id: True}
