"""Who may call what: every write operation refuses a read token, a missing, expired or
revoked token and a suspended member's token; staff operations refuse a member's token;
members cannot change each other's ideas and comments; and the service's can() rule holds
behind every operation (a moderator's admin token still cannot change a status)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest

from ideaportal.accounts import services as accounts
from ideaportal.accounts.models import ApiToken, Role
from ideaportal.api import views as _declares_every_operation  # noqa: F401
from ideaportal.api.operations import REGISTRY
from ideaportal.core.model_base import utcnow
from ideaportal.extensions import db
from ideaportal.ideas import services as ideas

WRITES = [op for op in REGISTRY if op.method != "GET" and op.scope is not None]
ADMIN_WRITES = [op for op in WRITES if op.scope == "admin"]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _url(rule: str) -> str:
    """Any concrete URL of the rule: the token is judged before the ids are looked up."""
    path = re.sub(r"<int:\w+>", "1", rule)
    return "/api/v1" + re.sub(r"<\w+>", "general", path)


def _send(client: Any, op: Any, token: str | None) -> Any:
    headers = bearer(token) if token else {}
    return client.open(_url(op.rule), method=op.method, headers=headers, json={})


def test_there_are_many_write_operations_to_guard() -> None:
    assert len(WRITES) >= 30 and len(ADMIN_WRITES) >= 15


def test_a_read_token_cannot_write_anywhere(client, make):
    _, token = accounts.create_api_token(make.user(Role.ADMIN), "ro", ["read"])
    for op in WRITES:
        response = _send(client, op, token)
        assert response.status_code == 403, (op.method, op.rule)
        assert f"lacks the {op.scope} scope" in response.get_json()["error"]["message"]


def test_a_members_write_token_cannot_use_staff_operations(client, make):
    _, token = accounts.create_api_token(make.user(), "member", ["read", "write"])
    for op in ADMIN_WRITES:
        response = _send(client, op, token)
        assert response.status_code == 403, (op.method, op.rule)
        assert "lacks the admin scope" in response.get_json()["error"]["message"]


def test_members_cannot_get_admin_tokens(make):
    with pytest.raises(Exception, match="Only staff accounts"):
        accounts.create_api_token(make.user(), "sneaky", ["admin"])


def test_no_token_expired_token_revoked_token_all_refused(client, make):
    admin = make.user(Role.ADMIN)
    expired, expired_clear = accounts.create_api_token(admin, "old", ["admin"], expires_days=1)
    expired.expires_at = utcnow() - timedelta(minutes=1)
    revoked, revoked_clear = accounts.create_api_token(admin, "gone", ["admin"])
    db.session.commit()
    accounts.revoke_api_token(admin, revoked.id)
    for op in WRITES:
        assert _send(client, op, None).status_code == 401, (op.method, op.rule)
        refused = _send(client, op, expired_clear)
        assert refused.status_code == 401
        assert "expired" in refused.get_json()["error"]["message"]
        assert _send(client, op, revoked_clear).status_code == 401
    assert client.get("/api/v1/users/me", headers=bearer(expired_clear)).status_code == 401


def test_a_suspended_members_tokens_stop_working_until_the_suspension_ends(client, make):
    member = make.user()
    _, token = accounts.create_api_token(member, "cli", ["read", "write"])
    assert client.get("/api/v1/users/me", headers=bearer(token)).status_code == 200
    member.suspended_until = utcnow() + timedelta(days=3)
    db.session.commit()
    for op in WRITES:
        response = _send(client, op, token)
        assert response.status_code == 403, (op.method, op.rule)
        assert "suspended" in response.get_json()["error"]["message"]
    assert client.get("/api/v1/users/me", headers=bearer(token)).status_code == 403
    member.suspended_until = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert client.get("/api/v1/users/me", headers=bearer(token)).status_code == 200


def test_a_member_cannot_edit_or_delete_another_members_idea_or_comment(client, make):
    author, other = make.user(), make.user()
    idea = make.idea(author=author, title="Keyboard shortcuts everywhere")
    comment = ideas.add_comment(author, idea, "Especially in the editor.")
    _, token = accounts.create_api_token(other, "other", ["read", "write"])
    headers = bearer(token)
    patch = client.patch(f"/api/v1/ideas/{idea.id}", headers=headers, json={"title": "Hijacked!!"})
    assert patch.status_code == 403
    assert client.delete(f"/api/v1/ideas/{idea.id}", headers=headers).status_code == 403
    edit = client.patch(f"/api/v1/comments/{comment.id}", headers=headers, json={"body": "no"})
    assert edit.status_code == 403
    assert client.delete(f"/api/v1/comments/{comment.id}", headers=headers).status_code == 403
    db.session.refresh(idea)
    db.session.refresh(comment)
    assert idea.title == "Keyboard shortcuts everywhere" and comment.deleted_at is None


def test_the_author_edits_and_deletes_their_own_idea_until_others_join_in(client, make):
    author = make.user()
    _, token = accounts.create_api_token(author, "mine", ["read", "write"])
    headers = bearer(token)
    created = client.post(
        "/api/v1/ideas",
        headers=headers,
        json={"board": "general", "title": "Calendar feed of planned ideas", "tags": ["ical"]},
    )
    assert created.status_code == 201
    idea_id = created.get_json()["id"]
    edited = client.patch(
        f"/api/v1/ideas/{idea_id}", headers=headers, json={"body": "An iCal URL per board."}
    )
    assert edited.status_code == 200
    assert edited.get_json()["body"] == "An iCal URL per board."
    assert edited.get_json()["tags"] == ["ical"]
    ideas.set_vote(make.user(), ideas.get_idea(author, idea_id), True)
    refused = client.delete(f"/api/v1/ideas/{idea_id}", headers=headers)
    assert refused.status_code == 403
    assert "until someone votes" in refused.get_json()["error"]["message"]

    untouched = client.post(
        "/api/v1/ideas", headers=headers, json={"board": "general", "title": "A typo I regret"}
    )
    gone = client.delete(f"/api/v1/ideas/{untouched.get_json()['id']}", headers=headers)
    assert gone.status_code == 204
    assert client.get(f"/api/v1/ideas/{untouched.get_json()['id']}").status_code == 404


def test_the_can_rule_holds_behind_an_admin_token(client, make):
    idea = make.idea()
    moderator = make.user(Role.MODERATOR)
    _, mod_token = accounts.create_api_token(moderator, "mod", ["admin"])
    body = {"status": "planned", "note": ""}
    refused = client.post(f"/api/v1/ideas/{idea.id}/status", headers=bearer(mod_token), json=body)
    assert refused.status_code == 403
    _, pm_token = accounts.create_api_token(make.pm(), "pm", ["admin"])
    done = client.post(f"/api/v1/ideas/{idea.id}/status", headers=bearer(pm_token), json=body)
    assert done.status_code == 201 and done.get_json()["to_status"] == "planned"
    voters = client.get(f"/api/v1/ideas/{idea.id}/voters", headers=bearer(pm_token))
    assert voters.status_code == 200
    _, member_token = accounts.create_api_token(make.user(), "m", ["read"])
    hidden = client.get(f"/api/v1/ideas/{idea.id}/voters", headers=bearer(member_token))
    assert hidden.status_code == 403


def test_tokens_are_stored_hashed_with_their_expiry(make):
    token, clear = accounts.create_api_token(make.user(), "ci", ["read"], expires_days=7)
    stored = db.session.get(ApiToken, token.id)
    assert stored is not None and clear not in (stored.token_hash, stored.prefix + "x")
    assert stored.expires_at is not None
    assert timedelta(days=6) < stored.expires_at - utcnow() <= timedelta(days=7)
