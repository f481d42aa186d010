"""Sign-up, log-in, log-out, password reset and role changes, as a user meets them."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from ideaportal.accounts.models import Role, User
from ideaportal.extensions import db
from ideaportal.notifications.models import EmailState, OutboxEmail
from tests.conftest import login_as

GOOD = {
    "email": "Ann.Smith@Example.com",
    "display_name": "Ann Smith",
    "password": "a-long-password",
    "confirm": "a-long-password",
}


def test_signup_creates_a_member_logged_in_with_a_case_folded_email(client):
    response = client.post("/signup", data=GOOD)
    assert response.status_code == 302
    user = db.session.scalar(select(User))
    assert user.email == "ann.smith@example.com"
    assert user.role == Role.MEMBER
    assert user.password_hash != GOOD["password"]
    page = client.get("/").get_data(as_text=True)
    assert "Ann Smith" in page and "Log out" in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"email": "not-an-email"}, "Invalid email address."),
        ({"display_name": ""}, "This field is required."),
        ({"password": "short", "confirm": "short"}, "Field must be between 10 and 200 characters"),
        ({"confirm": "something-else"}, "The passwords differ."),
        (
            {
                "email": "ann.smith.long@example.com",
                "password": "ann.smith.long",
                "confirm": "ann.smith.long",
            },
            "The password must not be your email address.",
        ),
    ],
)
def test_signup_shows_the_field_error_and_creates_nothing(client, change, message):
    response = client.post("/signup", data={**GOOD, **change})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(User)) is None


def test_signup_with_a_taken_email_in_other_case_is_refused(client, make):
    make.user(email="ann.smith@example.com")
    response = client.post("/signup", data=GOOD)
    assert "An account with this email already exists." in response.get_data(as_text=True)
    assert len(db.session.scalars(select(User)).all()) == 1


def test_login_with_wrong_password_says_so_without_telling_which_part(client, make):
    user = make.user()
    response = client.post("/login", data={"email": user.email, "password": "wrong-password"})
    assert "Email or password is wrong." in response.get_data(as_text=True)
    unknown = client.post("/login", data={"email": "nobody@example.com", "password": "x" * 12})
    assert "Email or password is wrong." in unknown.get_data(as_text=True)


def test_login_returns_to_the_page_asked_for_but_never_to_another_site(client, make):
    user = make.user()
    ok = client.post(
        "/login?next=/ideas/new", data={"email": user.email, "password": make.PASSWORD}
    )
    assert ok.location == "/ideas/new"
    client.post("/logout")
    evil = client.post(
        "/login?next=https://evil.example/phish",
        data={"email": user.email, "password": make.PASSWORD},
    )
    assert evil.location == "/"
    client.post("/logout")
    evil2 = client.post(
        "/login?next=//evil.example", data={"email": user.email, "password": make.PASSWORD}
    )
    assert evil2.location == "/"


def test_logout_needs_a_post_and_ends_the_session(client, make):
    login_as(client, make.user())
    assert client.get("/logout").status_code == 405
    client.post("/logout")
    assert client.get("/me").status_code == 302


def _reset_link(email: str) -> str:
    mail = db.session.scalar(
        select(OutboxEmail).where(
            OutboxEmail.kind == "password_reset", OutboxEmail.to_address == email
        )
    )
    assert mail is not None, "no reset email queued"
    match = re.search(r"http://portal\.test(/reset-password/\S+)", mail.body_text)
    assert match
    return match.group(1)


def test_password_reset_by_emailed_link_works_once(client, make):
    user = make.user()
    response = client.post("/forgot-password", data={"email": user.email.upper()})
    assert response.status_code == 302
    link = _reset_link(user.email)
    # The email was delivered by the queue (log transport in the default set-up).
    assert db.session.scalar(select(OutboxEmail.state)) == EmailState.SENT
    new = {"password": "brand-new-password", "confirm": "brand-new-password"}
    assert client.post(link, data=new).status_code == 302
    client.post("/logout")
    login_as(client, user, "brand-new-password")
    client.post("/logout")
    again = client.post(link, data=new, follow_redirects=True)
    assert "This reset link has already been used." in again.get_data(as_text=True)


def test_password_reset_for_unknown_email_sends_nothing_and_says_the_same(client):
    response = client.post(
        "/forgot-password", data={"email": "ghost@example.com"}, follow_redirects=True
    )
    assert "If that address has an account, a reset link is on its way." in response.get_data(
        as_text=True
    )
    assert db.session.scalar(select(OutboxEmail)) is None


def test_tampered_or_expired_reset_links_are_refused(app, client, make):
    user = make.user()
    client.post("/forgot-password", data={"email": user.email})
    link = _reset_link(user.email)
    tampered = client.get(link[:-3] + "abc", follow_redirects=True)
    assert "This reset link is not valid." in tampered.get_data(as_text=True)
    app.config["PASSWORD_RESET_MAX_AGE_SECONDS"] = -1
    expired = client.get(link, follow_redirects=True)
    assert "This reset link has expired." in expired.get_data(as_text=True)


def test_a_password_reset_logs_out_other_sessions(app, make):
    user = make.user()
    other_device = app.test_client()
    login_as(other_device, user)
    assert other_device.get("/me").status_code == 200
    client = app.test_client()
    client.post("/forgot-password", data={"email": user.email})
    client.post(
        _reset_link(user.email),
        data={"password": "brand-new-password", "confirm": "brand-new-password"},
    )
    assert other_device.get("/me").status_code == 302


def test_admin_changes_a_role_and_it_is_audited(client, make):
    from ideaportal.core.audit import AuditEntry

    admin = make.user(Role.ADMIN)
    member = make.user()
    login_as(client, admin)
    page = client.get("/admin/users").get_data(as_text=True)
    assert member.email in page
    response = client.post(
        f"/admin/users/{member.id}/role", data={f"u{member.id}-role": "product_manager"}
    )
    assert response.status_code == 302
    db.session.refresh(member)
    assert member.role == Role.PRODUCT_MANAGER
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user.role_changed"))
    assert entry.actor_id == admin.id and entry.details == {
        "old": "member",
        "new": "product_manager",
    }


def test_admin_cannot_demote_themself(client, make):
    admin = make.user(Role.ADMIN)
    login_as(client, admin)
    response = client.post(
        f"/admin/users/{admin.id}/role", data={f"u{admin.id}-role": "member"}, follow_redirects=True
    )
    assert "You cannot remove your own admin role." in response.get_data(as_text=True)
    db.session.refresh(admin)
    assert admin.role == Role.ADMIN


@pytest.mark.parametrize(
    "role", [Role.MEMBER, Role.MODERATOR, Role.PRODUCT_MANAGER, Role.COMMUNITY_MANAGER]
)
def test_only_admins_see_and_change_roles(client, make, role):
    user = make.user(role)
    victim = make.user()
    login_as(client, user)
    assert client.get("/admin/users").status_code == 403
    client.post(f"/admin/users/{victim.id}/role", data={f"u{victim.id}-role": "admin"})
    db.session.refresh(victim)
    assert victim.role == Role.MEMBER


def test_create_admin_command_makes_an_admin(app):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "create-admin",
            "--email",
            "Boss@Example.com",
            "--name",
            "Boss",
            "--password",
            "boss-password-1",
        ]
    )
    assert result.exit_code == 0, result.output
    boss = db.session.scalar(select(User).where(User.email == "boss@example.com"))
    assert boss.role == Role.ADMIN
    weak = runner.invoke(
        args=["create-admin", "--email", "x@example.com", "--name", "X", "--password", "short"]
    )
    assert weak.exit_code != 0 and "at least 10 characters" in weak.output
