"""The widget's server side: identity tokens, the widget session, posting and voting, the
frame's CSP, and the admin page."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from ideaportal.accounts.models import Role, User
from ideaportal.core.audit import AuditEntry
from ideaportal.extensions import db
from ideaportal.ideas.models import Idea
from ideaportal.widget import services
from tests.conftest import login_as
from tests.widget.helpers import identity_token


@pytest.fixture
def secret(make) -> str:
    return services.rotate_secret(make.user(Role.ADMIN))


def _session(client, token: str):
    return client.post("/widget/api/session", json={"token": token})


def test_a_signed_token_signs_the_customer_in_and_posts_under_their_name(client, secret):
    token = identity_token(
        secret, email="Carla@Customer.example", name="Carla Customer", company="Acme Logistics"
    )
    answer = _session(client, token)
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["user"] == {"name": "Carla Customer", "company": "Acme Logistics"}
    posted = client.post(
        "/widget/api/ideas",
        json={
            "session": answer.get_json()["session"],
            "board": "general",
            "title": "Print the weekly rota on one page",
            "body": "From the widget.",
        },
    )
    assert posted.status_code == 201, posted.get_json()
    idea = db.session.get(Idea, posted.get_json()["id"])
    assert idea.author.email == "carla@customer.example"
    assert idea.author.company.name == "Acme Logistics"
    voted = client.post(
        f"/widget/api/ideas/{idea.id}/vote", json={"session": answer.get_json()["session"]}
    )
    assert voted.get_json() == {"voted": True, "vote_count": 1}


@pytest.mark.parametrize(
    ("make_token", "message"),
    [
        (
            lambda s: identity_token("another-secret-entirely", email="x@customer.example"),
            "The identity token's signature is not valid: it was not signed with this "
            "portal's widget secret.",
        ),
        (
            lambda s: identity_token(s, expires_in=-120, email="x@customer.example"),
            "Your sign-in from the product has expired. Reload the page to get a fresh one.",
        ),
        (
            lambda s: identity_token(s, expires_in=None, email="x@customer.example"),
            "The identity token is incomplete (Missing claim: 'exp'); exp and email are required.",
        ),
        (lambda s: "not-a-jwt", "The identity token is not a valid HS256 JWT."),
    ],
)
def test_forged_expired_and_incomplete_tokens_are_refused(client, secret, make_token, message):
    answer = _session(client, make_token(secret))
    assert answer.status_code == 401
    assert answer.get_json()["error"]["message"] == message
    assert db.session.scalar(select(User).where(User.email == "x@customer.example")) is None


def test_posting_needs_a_valid_widget_session(client, secret):
    answer = client.post(
        "/widget/api/ideas", json={"session": "forged", "board": "general", "title": "Nope nope"}
    )
    assert answer.status_code == 401
    assert answer.get_json()["error"]["message"] == "The widget session is not valid."


def test_staff_accounts_cannot_sign_in_through_the_widget(client, make, secret):
    pm = make.pm()
    answer = _session(client, identity_token(secret, email=pm.email))
    assert answer.status_code == 401
    assert (
        "Staff accounts cannot sign in through the widget" in answer.get_json()["error"]["message"]
    )


def test_the_frame_may_be_framed_only_by_the_allowed_origins(client, make):
    admin = make.user(Role.ADMIN)
    frame = client.get("/widget/frame?board=general")
    assert "frame-ancestors 'none'" in frame.headers["Content-Security-Policy"]
    services.save_allowed_origins(admin, "https://app.customer.example\nhttp://localhost:5173/")
    frame = client.get("/widget/frame?board=general")
    csp = frame.headers["Content-Security-Policy"]
    assert "frame-ancestors http://localhost:5173 https://app.customer.example;" in csp
    assert "X-Frame-Options" not in frame.headers
    # Every other page keeps refusing to be framed.
    home = client.get("/")
    assert "frame-ancestors 'none'" in home.headers["Content-Security-Policy"]
    assert home.headers["X-Frame-Options"] == "DENY"
    assert client.get("/widget.js").headers["Content-Type"].startswith("text/javascript")


def test_admin_page_sets_origins_and_shows_the_secret_once(client, make):
    admin = make.user(Role.ADMIN)
    login_as(client, admin)
    bad = client.post("/admin/widget", data={"origins-origins": "https://app.example.com/path"})
    assert "is not an origin like https://app.example.com (no path)." in bad.get_data(as_text=True)
    client.post("/admin/widget", data={"origins-origins": "https://app.example.com"})
    assert services.allowed_origins() == ["https://app.example.com"]
    shown = client.post("/admin/widget/secret").get_data(as_text=True)
    assert "Copy the secret now" in shown and "wgsec_" in shown
    assert "wgsec_" not in client.get("/admin/widget").get_data(as_text=True)
    actions = set(db.session.scalars(select(AuditEntry.action)))
    assert {"widget.origins_changed", "widget.secret_created"} <= actions
    client.post("/logout")
    login_as(client, make.user())
    assert client.get("/admin/widget").status_code == 403


def test_widget_endpoints_work_with_csrf_protection_on(app_factory, make):
    """They carry their own credential in the body, so they are exempt from CSRF tokens;
    the admin pages are not."""
    app = app_factory(WTF_CSRF_ENABLED=True)
    with app.app_context():
        secret = services.rotate_secret(make.user(Role.ADMIN))
        client = app.test_client()
        answer = _session(client, identity_token(secret, email="eve@customer.example"))
        assert answer.status_code == 200, answer.get_json()
        posted = client.post(
            "/widget/api/ideas",
            json={"session": answer.get_json()["session"], "title": "Dark theme for the rota"},
        )
        assert posted.status_code == 201, posted.get_json()
        assert client.post("/admin/widget/secret").status_code == 400
