"""ASVS V3 session management: a new session at log-in, cookie flags, HSTS, sessions that
end with a password change."""

from __future__ import annotations

from tests.conftest import login_as


def test_v3_2_1_log_in_starts_a_new_session(client, make):
    user = make.user()
    with client.session_transaction() as planted:  # e.g. fixed by an attacker beforehand
        planted["sid"] = "attacker-knows-this"
        planted["planted"] = "value"
    before = client.get_cookie("session").value
    login_as(client, user)
    with client.session_transaction() as session:
        assert session["sid"] != "attacker-knows-this" and len(session["sid"]) >= 24
        assert "planted" not in session
        assert session["_user_id"].startswith(f"{user.id}:")
    assert client.get_cookie("session").value != before


def test_v3_2_1_sign_up_also_starts_a_new_session(client):
    with client.session_transaction() as planted:
        planted["sid"] = "fixed"
    client.post(
        "/signup",
        data={
            "email": "fresh@example.com",
            "display_name": "Fresh",
            "password": "a-long-password",
            "confirm": "a-long-password",
        },
    )
    with client.session_transaction() as session:
        assert session.get("sid") not in (None, "fixed")


def test_v3_4_cookies_are_httponly_and_samesite(client, make):
    response = client.post("/login", data={"email": make.user().email, "password": make.PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_v3_4_1_secure_cookies_and_hsts_behind_https(app_factory, make):
    app = app_factory(SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True)
    with app.app_context():
        client = app.test_client()
        response = client.post(
            "/login",
            data={"email": make.user().email, "password": make.PASSWORD},
            base_url="https://portal.test",
        )
        assert "Secure" in response.headers["Set-Cookie"]
        hsts = client.get("/", base_url="https://portal.test").headers["Strict-Transport-Security"]
        assert "max-age=31536000" in hsts


def test_v3_4_no_hsts_when_cookies_are_not_secure(client):
    assert "Strict-Transport-Security" not in client.get("/").headers


def test_v3_3_1_log_out_needs_a_post_and_ends_the_session(client, make):
    login_as(client, make.user())
    assert client.get("/logout").status_code == 405
    client.post("/logout")
    assert client.get("/me/settings").status_code == 302


def test_v3_3_3_a_password_change_ends_other_sessions(app, make):
    user = make.user()
    laptop, phone = app.test_client(), app.test_client()
    login_as(laptop, user)
    login_as(phone, user)
    laptop.post(
        "/me/settings",
        data={
            "form": "password",
            "pw-current": make.PASSWORD,
            "pw-password": "brand-new-password",
            "pw-confirm": "brand-new-password",
        },
    )
    assert laptop.get("/me/settings").status_code == 200
    assert phone.get("/me/settings").status_code == 302
