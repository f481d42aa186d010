"""Submitting, editing, listing, filtering and reading ideas through the pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from ideaportal.accounts.models import Role
from ideaportal.extensions import db
from ideaportal.ideas import services
from ideaportal.ideas.models import Idea, IdeaStatus
from tests.conftest import login_as


def test_member_posts_an_idea_and_follows_it(client, make):
    board = make.board("web-app")
    user = make.user()
    login_as(client, user)
    response = client.post(
        "/ideas/new",
        data={
            "board": "web-app",
            "title": "  Dark   mode for the scheduler ",
            "body": "My eyes hurt on **late** shifts.",
            "tags": "UX, accessibility",
        },
    )
    idea = db.session.scalar(select(Idea))
    assert response.location == f"/ideas/{idea.id}"
    assert idea.title == "Dark mode for the scheduler"
    assert [t.name for t in idea.tags] == ["accessibility", "ux"]
    assert idea.board_id == board.id and idea.follower_count == 1
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "<strong>late</strong>" in page
    assert f'id="follow-{idea.id}" class="btn btn-sm btn-secondary" aria-pressed="true"' in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "Short"}, "Field must be between 8 and 140 characters long."),
        ({"title": "x" * 141}, "Field must be between 8 and 140 characters long."),
        ({"title": ""}, "This field is required."),
        ({"tags": "ok, Not Valid!"}, "use lowercase letters, digits and dashes"),
        ({"board": "no-such-board"}, "Not a valid choice."),
    ],
)
def test_bad_idea_input_shows_the_error_and_saves_nothing(client, make, data, message):
    make.board("web-app")
    login_as(client, make.user())
    form = {"board": "web-app", "title": "A perfectly fine title", "body": "", "tags": ""}
    response = client.post("/ideas/new", data={**form, **data})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(Idea)) is None


def test_posting_needs_an_account(client, make):
    make.board("web-app")
    response = client.get("/ideas/new")
    assert response.status_code == 302 and "/login" in response.location


def test_markdown_is_sanitised_on_the_idea_page(client, make):
    idea = make.idea(
        body="Hi <script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>"
    )
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "<script>alert(1)" not in page
    assert 'href="javascript' not in page
    assert "<img" not in page
    assert "&lt;script&gt;" in page  # shown as text, not run


def test_private_boards_and_their_ideas_are_invisible_to_members(client, make):
    private = make.board("internal", private=True)
    secret = make.idea(
        board=private, title="Secret staff roadmap item", author=make.user(Role.ADMIN)
    )
    public = make.idea(title="Public idea about calendars")
    listing = client.get("/").get_data(as_text=True)
    assert public.title in listing and secret.title not in listing
    assert client.get(f"/ideas/{secret.id}").status_code == 404
    assert client.get("/boards/internal").status_code == 404
    login_as(client, make.user(Role.MODERATOR))
    assert secret.title in client.get("/").get_data(as_text=True)
    assert client.get(f"/ideas/{secret.id}").status_code == 200


def test_author_edits_within_the_window_but_not_after(app, client, make):
    author = make.user()
    idea = make.idea(author=author)
    login_as(client, author)
    form = {"board": idea.board.slug, "title": "A better title for it", "body": "New", "tags": ""}
    assert client.post(f"/ideas/{idea.id}/edit", data=form).status_code == 302
    db.session.refresh(idea)
    assert idea.title == "A better title for it"
    idea.created_at -= timedelta(minutes=app.config["IDEA_EDIT_WINDOW_MINUTES"] + 1)
    db.session.commit()
    response = client.post(f"/ideas/{idea.id}/edit", data={**form, "title": "Too late to change"})
    assert response.status_code == 403
    db.session.refresh(idea)
    assert idea.title == "A better title for it"


def test_someone_else_cannot_edit_an_idea(client, make):
    idea = make.idea()
    login_as(client, make.user())
    form = {"board": idea.board.slug, "title": "Hijacked title here", "body": "", "tags": ""}
    assert client.post(f"/ideas/{idea.id}/edit", data=form).status_code == 403


def _titles(html: str, ideas: list[Idea]) -> list[str]:
    positions = sorted((html.index(i.title), i.title) for i in ideas if i.title in html)
    return [t for _, t in positions]


def test_sorting_top_new_and_trending(client, make):
    board = make.board()
    old_popular = make.idea(board=board, title="Old but very popular idea")
    fresh = make.idea(board=board, title="Fresh idea with few votes")
    hot = make.idea(board=board, title="Idea gaining votes this week")
    voters = [make.user() for _ in range(5)]
    for v in voters:
        services.toggle_vote(v, old_popular)
    for v in voters[:3]:
        services.toggle_vote(v, hot)
    # The old idea's votes are from long ago: not trending any more.
    from ideaportal.ideas.models import Vote

    for vote in db.session.scalars(select(Vote).where(Vote.idea_id == old_popular.id)):
        vote.created_at -= timedelta(days=60)
    old_popular.created_at -= timedelta(days=90)
    db.session.commit()
    trio = [old_popular, fresh, hot]
    assert _titles(client.get("/?sort=top").get_data(as_text=True), trio) == [
        old_popular.title,
        hot.title,
        fresh.title,
    ]
    assert _titles(client.get("/?sort=new").get_data(as_text=True), trio)[-1] == old_popular.title
    assert _titles(client.get("/?sort=trending").get_data(as_text=True), trio)[0] == hot.title


def test_filters_by_board_status_and_tag(client, make):
    pm = make.pm()
    a, b = make.board("alpha"), make.board("beta")
    one = make.idea(board=a, title="Alpha idea tagged mobile", tags=["mobile"])
    two = make.idea(board=b, title="Beta idea under review")
    services.change_status(pm, two, IdeaStatus.UNDER_REVIEW, "Looking")
    assert two.title not in client.get("/boards/alpha").get_data(as_text=True)
    assert one.title in client.get("/boards/alpha").get_data(as_text=True)
    by_status = client.get("/?status=under_review").get_data(as_text=True)
    assert two.title in by_status and one.title not in by_status
    by_tag = client.get("/?tag=mobile").get_data(as_text=True)
    assert one.title in by_tag and two.title not in by_tag
    assert client.get("/?status=bogus").status_code == 400


def test_pagination_splits_long_lists(app, client, make):
    app.config["IDEAS_PER_PAGE"] = 3
    board = make.board()
    author = make.user()
    made = [
        make.idea(board=board, author=author, title=f"Paginated idea number {n:02d}")
        for n in range(7)
    ]
    first = client.get("/?sort=new").get_data(as_text=True)
    third = client.get("/?sort=new&page=3").get_data(as_text=True)
    assert made[-1].title in first and made[0].title not in first
    assert made[0].title in third and "7 ideas" in first


def test_full_text_search_finds_words_in_title_and_body(client, make):
    board = make.board()
    hit = make.idea(
        board=board, title="Export timesheets to payroll", body="We use DATEV for payroll."
    )
    body_hit = make.idea(
        board=board, title="Accounting connector wanted", body="Sync to DATEV please"
    )
    miss = make.idea(board=board, title="Dark mode for night shifts", body="Eyes hurt")
    page = client.get("/?q=datev").get_data(as_text=True)
    assert hit.title in page and body_hit.title in page and miss.title not in page
    stemmed = client.get("/?q=exporting timesheet").get_data(as_text=True)
    assert hit.title in stemmed
    hostile = client.get('/?q=" OR * NEAR( title: )')
    assert hostile.status_code == 200


def test_a_search_with_no_match_offers_to_post_the_idea(client, make):
    make.idea()
    page = client.get("/?q=zeppelin").get_data(as_text=True)
    assert "No ideas match." in page and "title=zeppelin" in page


def test_unknown_pages_get_a_friendly_404_and_json_clients_get_json(client):
    page = client.get("/ideas/999")
    assert page.status_code == 404 and "No such idea." in page.get_data(as_text=True)
    api = client.get("/ideas/999", headers={"Accept": "application/json"})
    assert api.status_code == 404 and api.get_json() == {
        "error": {"status": 404, "message": "No such idea.", "fields": {}}
    }


def test_a_fresh_install_has_a_public_default_board(client, make):
    login_as(client, make.user())
    page = client.get("/ideas/new").get_data(as_text=True)
    assert '<option value="general">General</option>' in page


def test_admin_creates_a_private_board_and_members_never_see_it(client, make):
    admin = make.user(Role.ADMIN)
    login_as(client, admin)
    form = {
        "name": "Beta testers",
        "slug": "beta",
        "description": "Early access",
        "is_private": "y",
        "position": "3",
    }
    assert client.post("/admin/boards", data=form).status_code == 302
    clash = client.post("/admin/boards", data={**form, "name": "Other"})
    assert "Another board already uses this address." in clash.get_data(as_text=True)
    bad = client.post("/admin/boards", data={**form, "slug": "Not OK!"})
    assert "Use 2-64 lowercase letters, digits and dashes." in bad.get_data(as_text=True)
    client.post("/logout")
    member = make.user()
    login_as(client, member)
    assert client.get("/boards/beta").status_code == 404
    assert client.get("/admin/boards").status_code == 403


def test_similar_text_hits_match_any_meaningful_word_on_every_database(make):
    from ideaportal.ideas.queries import similar_text_hits

    board = make.board()
    payroll = make.idea(board=board, title="Export payroll hours to DATEV", body="monthly")
    make.idea(board=board, title="Dark mode for night shifts", body="eyes")
    hits = similar_text_hits("Please let me send payroll to datev", 10)
    assert [i for i, _ in hits] == [payroll.id]
    assert similar_text_hits("the and of", 10) == []
    for hostile in ("' | ! & :* (", "a:b & !c", "<-> ()", "'; drop table idea; --"):
        similar_text_hits(hostile, 5)
