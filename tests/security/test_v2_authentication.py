"""ASVS V2 authentication: common passwords, per-account throttling with growing delays,
log-in answers that do not tell accounts apart."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from ideaportal.accounts import throttle
from ideaportal.accounts.models import LoginThrottle, User
from ideaportal.core.model_base import utcnow
from ideaportal.extensions import db
from tests.conftest import login_as


def _users() -> int:
    return int(db.session.scalar(select(func.count(User.id))) or 0)


@pytest.mark.parametrize(
    "password", ["password123", "1234567890", "qwertyuiop", "iloveyou12", "Sunshine2024!"]
)
def test_v2_1_7_common_passwords_are_refused_at_sign_up(client, password):
    before = _users()
    page = client.post(
        "/signup",
        data={
            "email": "new@example.com",
            "display_name": "New person",
            "password": password,
            "confirm": password,
        },
    ).get_data(as_text=True)
    assert "on the lists attackers try first" in page
    assert _users() == before


def test_v2_1_7_a_common_password_is_refused_on_reset_and_change(client, make, snapshot):
    user = make.user()
    login_as(client, user)
    unchanged = snapshot()
    page = client.post(
        "/me/settings",
        data={
            "form": "password",
            "pw-current": make.PASSWORD,
            "pw-password": "password123",
            "pw-confirm": "password123",
        },
    ).get_data(as_text=True)
    assert "on the lists attackers try first" in page
    unchanged()


def _fail(client, email: str, address: str = "10.0.0.1") -> int:
    return client.post(
        "/login",
        data={"email": email, "password": "wrong-guess-123"},
        environ_base={"REMOTE_ADDR": address},
    ).status_code


def test_v2_2_1_an_account_is_throttled_from_any_address(client, make):
    user = make.user()
    for n in range(throttle.FREE_FAILURES):
        assert _fail(client, user.email, f"10.0.0.{n}") == 200
    # Now even the right password, from yet another address, waits.
    response = client.post(
        "/login",
        data={"email": user.email, "password": make.PASSWORD},
        environ_base={"REMOTE_ADDR": "10.9.9.9"},
    )
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert "Too many failed log-ins for this account" in page and "30 seconds" in page
    assert "_user_id" not in (
        client.get_cookie("session").value if client.get_cookie("session") else ""
    )


def test_v2_2_1_delays_grow_and_a_correct_log_in_clears_them(client, make):
    user = make.user()
    for _ in range(throttle.FREE_FAILURES):
        _fail(client, user.email)
    assert [throttle.delay_after(n) for n in (4, 5, 6, 7)] == [0, 30, 60, 120]

    def expire_block() -> None:
        db.session.execute(update(LoginThrottle).values(blocked_until=utcnow() - timedelta(1)))
        db.session.commit()

    expire_block()
    assert _fail(client, user.email) == 200  # the sixth failure: the wait doubles
    page = client.post("/login", data={"email": user.email, "password": make.PASSWORD})
    assert page.status_code == 429 and "Wait 60 seconds" in page.get_data(as_text=True)
    expire_block()
    login_as(client, user)
    row = db.session.scalars(select(LoginThrottle)).one()
    assert row.failures == 0 and row.blocked_until is None


def test_v2_2_1_unknown_emails_are_throttled_alike(client):
    for _ in range(throttle.FREE_FAILURES):
        _fail(client, "nobody@example.com")
    page = client.post("/login", data={"email": "nobody@example.com", "password": "x" * 12})
    assert page.status_code == 429
    assert "Too many failed log-ins for this account" in page.get_data(as_text=True)


def test_v2_2_1_the_throttle_stores_no_email_address(client, make):
    user = make.user()
    _fail(client, user.email)
    keys = db.session.scalars(select(LoginThrottle.key)).all()
    assert keys and all(user.email not in key and len(key) == 64 for key in keys)


def test_v2_2_1_address_rate_limit_still_applies(app_factory, make):
    app = app_factory(RATELIMIT_ENABLED=True, RATELIMIT_AUTH="3 per minute")
    with app.app_context():
        client = app.test_client()
        user = make.user()
        codes = [_fail(client, user.email) for _ in range(4)]
        assert codes[:3] == [200, 200, 200] and codes[3] == 429


def test_v2_2_2_wrong_email_and_wrong_password_get_the_same_answer(client, make):
    user = make.user()
    wrong_pw = client.post("/login", data={"email": user.email, "password": "nope-nope-nope"})
    no_user = client.post("/login", data={"email": "ghost@example.com", "password": "nope-nope"})
    assert wrong_pw.status_code == no_user.status_code == 200
    assert "Email or password is wrong." in wrong_pw.get_data(as_text=True)
    assert "Email or password is wrong." in no_user.get_data(as_text=True)


def test_v2_5_2_a_used_reset_link_does_not_work_twice(client, make):
    from ideaportal.accounts.services import _reset_serializer

    user = make.user()
    token = _reset_serializer().dumps({"uid": user.id, "v": user.session_version})
    ok = client.post(
        f"/reset-password/{token}",
        data={"password": "brand-new-secret-1", "confirm": "brand-new-secret-1"},
    )
    assert ok.status_code == 302
    again = client.post(
        f"/reset-password/{token}",
        data={"password": "another-secret-22", "confirm": "another-secret-22"},
        follow_redirects=True,
    )
    assert "already been used" in again.get_data(as_text=True)
