"""At most MAX_TAGS tags per idea, whichever way they come: the new-idea and edit forms
(the refusal shown beside the field), the API, and staff tagging."""

from __future__ import annotations

from sqlalchemy import func, select

from ideaportal.accounts import services as accounts
from ideaportal.accounts.models import Role
from ideaportal.extensions import db
from ideaportal.ideas.models import Idea
from ideaportal.ideas.services import MAX_TAGS
from tests.conftest import login_as

TOO_MANY = "An idea can have at most 20 tags."


def _tags(count: int) -> str:
    return ",".join(f"t{n}" for n in range(count))  # 52 tags fit the field's 200 characters


def _ideas() -> int:
    return int(db.session.scalar(select(func.count(Idea.id))) or 0)


def test_the_new_idea_form_refuses_more_tags_than_the_limit_beside_the_field(client, make):
    assert MAX_TAGS == 20
    board = make.board()
    login_as(client, make.user())
    form = {"board": board.slug, "title": "Colour-code shifts by team", "tags": _tags(52)}
    refused = client.post("/ideas/new", data=form)
    assert refused.status_code == 200
    html = refused.get_data(as_text=True)
    assert TOO_MANY in html and 'aria-invalid="true"' in html
    assert _ideas() == 0

    posted = client.post("/ideas/new", data={**form, "tags": _tags(MAX_TAGS)})
    assert posted.status_code == 302
    assert len(db.session.scalar(select(Idea)).tags) == MAX_TAGS


def test_editing_cannot_go_over_the_limit_either(client, make):
    author = make.user()
    idea = make.idea(author=author, tags=["one"])
    login_as(client, author)
    refused = client.post(
        f"/ideas/{idea.id}/edit",
        data={"board": idea.board.slug, "title": idea.title, "tags": _tags(21)},
    )
    assert TOO_MANY in refused.get_data(as_text=True)
    db.session.refresh(idea)
    assert [t.name for t in idea.tags] == ["one"]


def test_the_api_keeps_its_message_and_status(client, make):
    board = make.board()
    _, token = accounts.create_api_token(make.user(), "tests", ["read", "write"])
    answer = client.post(
        "/api/v1/ideas",
        json={
            "board": board.slug,
            "title": "Colour-code shifts by team",
            "tags": [f"t{n}" for n in range(MAX_TAGS + 1)],
        },
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 422
    assert answer.get_json()["error"]["fields"] == {"tags": ["Longer than maximum length 20."]}
    assert _ideas() == 0


def test_staff_tagging_does_not_take_an_idea_over_the_limit(client, make):
    idea = make.idea(tags=[f"t{n}" for n in range(MAX_TAGS)])
    login_as(client, make.user(Role.PRODUCT_MANAGER))
    answer = client.post(
        "/triage/bulk",
        data={"ideas": [str(idea.id)], "action": "tag", "tag": "one-more"},
        follow_redirects=True,
    )
    assert TOO_MANY in answer.get_data(as_text=True)
    db.session.refresh(idea)
    assert len(idea.tags) == MAX_TAGS and "one-more" not in {t.name for t in idea.tags}
