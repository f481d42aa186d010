"""Comments: threads one level deep, official answers pinned, own edits and deletes."""

from __future__ import annotations

from sqlalchemy import select

from ideaportal.accounts.models import Role
from ideaportal.extensions import db
from ideaportal.ideas import services
from ideaportal.ideas.models import Comment
from tests.conftest import login_as


def _post(client, idea, body, **extra):
    data = {"comment-body": body}
    data.update({f"comment-{k}": v for k, v in extra.items()})
    return client.post(f"/ideas/{idea.id}/comments", data=data)


def test_member_comments_and_sees_it_rendered(client, make):
    idea = make.idea()
    login_as(client, make.user())
    response = _post(client, idea, "We need this **badly**")
    comment = db.session.scalar(select(Comment))
    assert response.location.endswith(f"#comment-{comment.id}")
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "<strong>badly</strong>" in page
    db.session.refresh(idea)
    assert idea.comment_count == 1


def test_empty_comment_shows_an_error_and_keeps_nothing(client, make):
    idea = make.idea()
    login_as(client, make.user())
    response = _post(client, idea, "   ")
    assert response.status_code == 422
    assert "This field is required." in response.get_data(as_text=True)
    assert db.session.scalar(select(Comment)) is None


def test_replies_are_one_level_deep(make):
    idea = make.idea()
    a, b = make.user(), make.user()
    top = services.add_comment(a, idea, "Top level")
    reply = services.add_comment(b, idea, "Reply", parent_id=top.id)
    reply_to_reply = services.add_comment(a, idea, "Reply to reply", parent_id=reply.id)
    assert reply.parent_id == top.id
    assert reply_to_reply.parent_id == top.id


def test_official_answer_is_staff_only_and_pinned_first(client, make):
    idea = make.idea()
    member = make.user()
    login_as(client, member)
    _post(client, idea, "Early member comment")
    refused = _post(client, idea, "I am official now", official="y")
    assert refused.status_code == 403
    client.post("/logout")
    login_as(client, make.user(Role.COMMUNITY_MANAGER))
    _post(client, idea, "Thanks! We are planning this for Q3.", official="y")
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert page.index("Thanks! We are planning this") < page.index("Early member comment")
    assert "Official answer" in page


def test_author_edits_and_deletes_own_comment_but_not_others(client, make):
    idea = make.idea()
    author, other = make.user(), make.user()
    comment = services.add_comment(author, idea, "Original text")
    login_as(client, other)
    assert (
        client.post(f"/comments/{comment.id}/edit", data={"body": "Vandalised"}).status_code == 403
    )
    assert client.post(f"/comments/{comment.id}/delete").status_code == 403
    client.post("/logout")
    login_as(client, author)
    client.post(f"/comments/{comment.id}/edit", data={"body": "Clarified text"})
    db.session.refresh(comment)
    assert comment.body == "Clarified text" and comment.edited_at is not None
    client.post(f"/comments/{comment.id}/delete")
    db.session.refresh(comment)
    db.session.refresh(idea)
    assert comment.deleted_at is not None and idea.comment_count == 0
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Clarified text" not in page


def test_moderators_can_remove_anyones_comment(client, make):
    idea = make.idea()
    comment = services.add_comment(make.user(), idea, "Buy cheap watches here")
    login_as(client, make.user(Role.MODERATOR))
    assert client.post(f"/comments/{comment.id}/delete").status_code == 302
    db.session.refresh(comment)
    assert comment.deleted_at is not None
