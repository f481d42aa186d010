"""ASVS V13 API: every failure is a JSON error with the right status, tokens are checked,
bodies are validated."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from ideaportal.accounts.services import create_api_token, revoke_api_token
from ideaportal.extensions import db
from ideaportal.ideas.models import Idea


@pytest.fixture
def writer(make):
    user = make.user()
    _, token = create_api_token(user, "w", ["read", "write"])
    return user, {"Authorization": f"Bearer {token}"}


def _ideas() -> int:
    db.session.expire_all()
    return int(db.session.scalar(select(func.count(Idea.id))) or 0)


def test_v13_1_unknown_token_is_a_json_401(client):
    response = client.get("/api/v1/ideas", headers={"Authorization": "Bearer ip_forged"})
    assert response.status_code == 401 and response.get_json()["error"]["status"] == 401


def test_v13_1_a_revoked_token_stops_working(client, make):
    user = make.user()
    token, clear = create_api_token(user, "old", ["read", "write"])
    revoke_api_token(user, token.id)
    response = client.post(
        "/api/v1/ideas",
        json={"board": "general", "title": "Posted with a revoked token"},
        headers={"Authorization": f"Bearer {clear}"},
    )
    assert response.status_code == 401 and _ideas() == 0


def test_v13_2_a_missing_idea_is_a_json_404(client):
    response = client.get("/api/v1/ideas/999999")
    assert response.status_code == 404 and response.get_json()["error"]["status"] == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"board": "general", "title": "short"}, "title"),
        ({"board": "general", "title": "t" * 141}, "title"),
        ({"board": "general"}, "title"),
        ({"board": "general", "title": "A fine title", "body": "b" * 20_001}, "body"),
        ({"board": "general", "title": "A fine title", "tags": ["x" * 41]}, "tags"),
        ({"board": "general", "title": "A fine title", "admin": True}, "admin"),
    ],
)
def test_v13_2_bad_bodies_get_a_422_naming_the_field(client, writer, body, field):
    _, auth = writer
    response = client.post("/api/v1/ideas", json=body, headers=auth)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert field in error.get("fields", {}) or field in error["message"]
    assert _ideas() == 0


@pytest.mark.parametrize(
    ("raw", "status"), [(b"[1, 2]", 422), (b"not json", 400), (b'"a string"', 422)]
)
def test_v13_2_a_body_that_is_not_an_object_is_refused(client, writer, raw, status):
    _, auth = writer
    response = client.post(
        "/api/v1/ideas", data=raw, headers={**auth, "Content-Type": "application/json"}
    )
    assert response.status_code == status
    assert response.get_json()["error"]["status"] == status
    assert _ideas() == 0


def test_v13_2_a_board_you_cannot_see_is_not_found(client, make, writer):
    make.board(private=True, slug="staff-only")
    _, auth = writer
    response = client.post(
        "/api/v1/ideas", json={"board": "staff-only", "title": "Sneak onto staff"}, headers=auth
    )
    assert response.status_code in (403, 404, 422) and _ideas() == 0
