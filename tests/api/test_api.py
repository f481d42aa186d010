"""The JSON API: tokens, reads, writes, errors, and the OpenAPI document."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from ideaportal.accounts import services as accounts
from ideaportal.accounts.models import ApiToken
from ideaportal.extensions import db
from ideaportal.ideas.models import Idea
from tests.conftest import login_as


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def writer(make):
    user = make.user()
    _, clear = accounts.create_api_token(user, "tests", ["read", "write"])
    return user, clear


def test_token_is_shown_once_and_stored_only_hashed(client, make):
    user = make.user()
    login_as(client, user)
    page = client.post("/me/tokens", data={"name": "Jira sync", "write": "y"}).get_data(
        as_text=True
    )
    clear = re.search(r'id="new-token">(ip_[^<]+)<', page).group(1)
    stored = db.session.scalar(select(ApiToken))
    assert clear not in (stored.token_hash, stored.prefix) and stored.prefix == clear[:10]
    assert stored.scopes == "read write"
    assert clear not in client.get("/me/tokens").get_data(as_text=True)


def test_post_an_idea_and_vote_with_a_token(client, make, writer):
    make.board("web-app")
    user, token = writer
    created = client.post(
        "/api/v1/ideas",
        headers=bearer(token),
        json={
            "board": "web-app",
            "title": "Shift reminders by SMS",
            "body": "Not everyone has the app",
            "tags": ["notifications"],
        },
    )
    assert created.status_code == 201
    body = created.get_json()
    assert body["title"] == "Shift reminders by SMS" and body["author"]["id"] == user.id
    assert body["url"].endswith(f"/ideas/{body['id']}")
    other = make.idea()
    put = client.put(f"/api/v1/ideas/{other.id}/vote", headers=bearer(token))
    assert put.get_json() == {"voted": True, "vote_count": 1}
    assert client.put(f"/api/v1/ideas/{other.id}/vote", headers=bearer(token)).get_json() == {
        "voted": True,
        "vote_count": 1,
    }  # idempotent
    gone = client.delete(f"/api/v1/ideas/{other.id}/vote", headers=bearer(token))
    assert gone.get_json() == {"voted": False, "vote_count": 0}


@pytest.mark.parametrize(
    ("payload", "status", "message"),
    [
        ({"board": "web-app", "title": "short"}, 422, "title: Length must be between 8 and 140."),
        ({"title": "A long enough title"}, 422, "board: Missing data for required field."),
        ({"board": "nope", "title": "A long enough title"}, 404, "No such board."),
        ("not an object", 422, "The body must be a JSON object."),
    ],
)
def test_bad_input_gets_a_json_error_and_saves_nothing(
    client, make, writer, payload, status, message
):
    make.board("web-app")
    response = client.post("/api/v1/ideas", headers=bearer(writer[1]), json=payload)
    assert response.status_code == status
    assert response.get_json()["error"]["message"].startswith(message)
    assert db.session.scalar(select(Idea)) is None


def test_writes_need_a_write_token_not_a_cookie(client, make):
    make.board("web-app")
    user = make.user()
    login_as(client, user)
    payload = {"board": "web-app", "title": "Cookie-only write attempt"}
    cookie = client.post("/api/v1/ideas", json=payload)
    assert cookie.status_code == 401
    assert cookie.get_json()["error"]["message"].startswith("Send an API token")
    _, read_only = accounts.create_api_token(user, "ro", ["read"])
    refused = client.post("/api/v1/ideas", json=payload, headers=bearer(read_only))
    assert refused.status_code == 403
    assert "lacks the write scope" in refused.get_json()["error"]["message"]
    bad = client.get("/api/v1/ideas", headers=bearer("ip_not-a-real-token"))
    assert bad.status_code == 401


def test_revoked_tokens_stop_working(client, make):
    user = make.user()
    token, clear = accounts.create_api_token(user, "old", ["read"])
    assert client.get("/api/v1/boards", headers=bearer(clear)).status_code == 200
    accounts.revoke_api_token(user, token.id)
    assert client.get("/api/v1/boards", headers=bearer(clear)).status_code == 401


def test_listing_filters_and_paginates_and_hides_private_boards(client, make):
    private = make.board("internal", private=True)
    from ideaportal.accounts.models import Role

    make.idea(board=private, title="Staff-only plan", author=make.user(Role.ADMIN))
    visible = [make.idea(title=f"Public API idea {n}") for n in range(3)]
    data = client.get("/api/v1/ideas?sort=new").get_json()
    titles = [i["title"] for i in data["items"]]
    assert titles == [i.title for i in reversed(visible)]
    assert data["meta"]["next_cursor"] is None
    assert client.get("/api/v1/ideas?sort=sideways").status_code == 422
    assert client.get("/api/v1/ideas/999").get_json() == {
        "error": {"status": 404, "message": "No such idea.", "fields": {}}
    }


def test_openapi_document_describes_every_api_route(app, client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    documented = {(path, method.upper()) for path, ops in spec["paths"].items() for method in ops}
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("api.") and rule.endpoint != "api.docs":
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                assert (path, method) in documented, (path, method)
    assert "Idea" in spec["components"]["schemas"]
    assert spec["openapi"] == "3.1.0"
    operations = sum(len(ops) for ops in spec["paths"].values())
    assert operations >= 40
