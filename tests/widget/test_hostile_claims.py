"""Hostile identity tokens and bodies at the widget's JSON endpoints: claims are cleaned and
checked as sign-up checks them (never stored as sent), anything that is not text is refused,
and every failure is a JSON error, never an HTML page."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

import pytest
from sqlalchemy import func, select

from ideaportal.accounts.models import Role, User
from ideaportal.companies.models import Company
from ideaportal.extensions import db
from ideaportal.ideas import services as ideas
from ideaportal.ideas.models import Idea
from ideaportal.widget import services
from tests.widget.helpers import identity_token

BAD_EMAIL = "The identity token's email is not an email address."


@pytest.fixture
def secret(make) -> str:
    return services.rotate_secret(make.user(Role.ADMIN))


def _session(client, token: str):
    return client.post("/widget/api/session", json={"token": token})


def _users() -> int:
    return int(db.session.scalar(select(func.count(User.id))) or 0)


def _raw_token(secret: str, payload: str) -> str:
    """An HS256 token over a payload written by hand: JSON may escape a lone surrogate,
    which no JWT library will encode for us."""

    def part(raw: bytes) -> str:
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    signing_input = part(b'{"alg":"HS256","typ":"JWT"}') + "." + part(payload.encode())
    signature = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + part(signature)


def test_name_and_company_claims_are_cleaned_as_every_name_is(client, secret):
    token = identity_token(
        secret, email="eve@customer.example", name="\u202eevil\u200b name\x00", company="\u202eAcme"
    )
    answer = _session(client, token)
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["user"] == {"name": "evil name", "company": "Acme"}
    eve = db.session.scalar(select(User).where(User.email == "eve@customer.example"))
    assert eve.display_name == "evil name"
    assert list(db.session.scalars(select(Company.name))) == ["Acme"]


def test_a_name_of_invisible_characters_falls_back_to_the_email_and_keeps_the_company(
    client, secret
):
    first = identity_token(secret, email="dan@customer.example", company="Acme Logistics")
    assert _session(client, first).status_code == 200
    again = identity_token(
        secret, email="dan@customer.example", name="\u200b\u202e", company="\u200b\u202e"
    )
    answer = _session(client, again)
    assert answer.get_json()["user"] == {"name": "dan", "company": "Acme Logistics"}


@pytest.mark.parametrize(
    "email",
    ["ad\x00min@example.com", ["a@b.c"], 12345, True, {"email": "a@b.c"}, "a\u202e@example.com"],
)
def test_an_email_claim_that_is_not_an_address_signs_nobody_in(client, secret, email):
    before = _users()
    answer = _session(client, identity_token(secret, email=email))
    assert answer.status_code == 401
    assert answer.get_json()["error"]["message"] == BAD_EMAIL
    assert _users() == before


@pytest.mark.parametrize("claim", ["name", "company"])
@pytest.mark.parametrize("value", [42, ["Acme"], False, {"name": "Acme"}])
def test_name_and_company_claims_that_are_not_text_are_refused(client, secret, claim, value):
    before = _users()
    token = identity_token(secret, email="ivy@customer.example", **{claim: value})
    answer = _session(client, token)
    assert answer.status_code == 401
    assert answer.get_json()["error"]["message"] == (
        f"The identity token's {claim} claim must be a string."
    )
    assert _users() == before
    assert db.session.scalar(select(func.count(Company.id))) == 0


def test_a_lone_surrogate_in_a_claim_is_dropped_not_a_server_error(client, secret):
    payload = json.dumps(
        {"email": "sue@customer.example", "name": "Sue\\ud800 Smith", "exp": int(time.time()) + 60}
    ).replace("\\\\", "\\")
    answer = _session(client, _raw_token(secret, payload))
    assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
    assert answer.get_json()["user"]["name"] == "Sue Smith"

    expires = int(time.time()) + 60
    lone = '{"email": "x\\udc00@customer.example", "exp": ' + str(expires) + "}"
    refused = _session(client, _raw_token(secret, lone))
    assert refused.status_code == 401 and refused.get_json()["error"]["message"] == BAD_EMAIL


@pytest.mark.parametrize("token", [123, True, ["abc"], {"email": "x@customer.example"}, None])
def test_an_identity_token_that_is_not_text_is_a_json_401(client, secret, token):
    people = db.session.scalar(select(func.count(User.id)))
    answer = client.post("/widget/api/session", json={"token": token})
    assert answer.status_code == 401
    assert answer.get_json()["error"]["message"] == "The identity token is not a valid HS256 JWT."
    assert db.session.scalar(select(func.count(User.id))) == people


@pytest.mark.parametrize("session", [123, True, ["abc"], {"uid": 1}, 0.5])
def test_a_session_that_is_not_text_is_a_json_401(client, secret, session):
    answer = client.post(
        "/widget/api/ideas", json={"session": session, "title": "Print the rota in colour"}
    )
    assert answer.status_code == 401
    assert answer.get_json()["error"]["message"] == "The widget session is not valid."
    assert db.session.scalar(select(func.count(Idea.id))) == 0


def _signed_in(client, secret) -> str:
    answer = _session(client, identity_token(secret, email="kim@customer.example", name="Kim"))
    return answer.get_json()["session"]


@pytest.mark.parametrize("field", ["title", "body", "board"])
def test_idea_fields_that_are_not_text_are_a_json_422(client, secret, field):
    body = {"session": _signed_in(client, secret), "title": "Print the rota in colour"}
    body[field] = 12345678
    answer = client.post("/widget/api/ideas", json=body)
    assert answer.status_code == 422
    assert answer.get_json()["error"]["message"] == f"{field} must be text."
    assert db.session.scalar(select(func.count(Idea.id))) == 0


def test_a_body_too_large_is_a_json_413(client, secret):
    answer = client.post(
        "/widget/api/ideas",
        json={"session": _signed_in(client, secret), "title": "x" * 2_000_000},
    )
    assert answer.status_code == 413
    assert answer.mimetype == "application/json"
    assert "more than this site accepts" in answer.get_json()["error"]["message"]


def test_a_server_error_is_a_json_500(client, secret, monkeypatch):
    session = _signed_in(client, secret)

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(ideas, "create_idea", broken)
    answer = client.post(
        "/widget/api/ideas", json={"session": session, "title": "Print the rota in colour"}
    )
    assert answer.status_code == 500
    error = answer.get_json()["error"]
    assert error["status"] == 500
    assert error["message"] == "Something went wrong on our side. It has been logged."


def test_the_rate_limit_is_a_json_429(app_factory):
    app = app_factory(RATELIMIT_ENABLED=True, RATELIMIT_AUTH="1 per minute")
    with app.app_context():
        client = app.test_client()
        assert _session(client, "not-a-jwt").status_code == 401
        answer = _session(client, "not-a-jwt")
        assert answer.status_code == 429
        assert answer.get_json()["error"]["status"] == 429
        assert answer.headers.get("Retry-After")


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("GET", "/widget/api/no-such-thing", 404), ("GET", "/widget/api/ideas", 405)],
)
def test_unknown_routes_and_methods_under_the_widget_api_are_json(client, method, path, status):
    # Answered before any widget code runs, and for a client that accepts HTML too.
    answer = client.open(path, method=method, headers={"Accept": "text/html,*/*"})
    assert answer.status_code == status
    assert answer.get_json()["error"]["status"] == status


def test_json_nested_past_the_decoders_depth_is_refused_as_json(client):
    answer = client.post(
        "/widget/api/ideas", data=b"[" * 5000, headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 401
    assert answer.get_json()["error"]["message"] == "Send a JSON object."
