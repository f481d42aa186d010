"""API tokens as people and operators make them: the settings page and `flask api-token`."""

from __future__ import annotations

from ideaportal.accounts.models import ApiToken, Role
from ideaportal.extensions import db
from tests.conftest import login_as


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_settings_page_creates_a_token_shown_once_with_its_expiry(client, make):
    member = make.user()
    login_as(client, member)
    page = client.post(
        "/me/tokens", data={"name": "Zapier", "write": "y", "expires_days": "30"}
    ).get_data(as_text=True)
    clear = page.split('id="new-token">')[1].split("<")[0]
    assert clear.startswith("ip_")
    assert "Allow staff actions" not in page  # members cannot ask for admin
    listing = client.get("/me/tokens").get_data(as_text=True)
    assert clear not in listing
    assert "Zapier" in listing and "expires" in listing and "write" in listing
    token = db.session.query(ApiToken).one()
    assert token.scope_set == {"read", "write"} and token.expires_at is not None
    me = client.get("/api/v1/users/me", headers=bearer(clear)).get_json()
    assert me["email"] == member.email and me["scopes"] == ["read", "write"]


def test_revoking_on_the_settings_page_locks_the_token_out(client, make):
    member = make.user()
    login_as(client, member)
    page = client.post("/me/tokens", data={"name": "Old script", "expires_days": ""})
    clear = page.get_data(as_text=True).split('id="new-token">')[1].split("<")[0]
    token = db.session.query(ApiToken).one()
    assert token.expires_at is None
    client.post(f"/me/tokens/{token.id}/revoke")
    assert client.get("/api/v1/users/me", headers=bearer(clear)).status_code == 401
    assert "Old script" not in client.get("/me/tokens").get_data(as_text=True)


def test_staff_can_ask_for_the_admin_scope(client, make):
    pm = make.pm()
    login_as(client, pm)
    page = client.post("/me/tokens", data={"name": "Roadmap sync", "admin": "y"})
    assert "Allow staff actions" in page.get_data(as_text=True)
    assert db.session.query(ApiToken).one().scope_set == {"read", "write", "admin"}


def test_cli_prints_a_working_token(app, make):
    admin = make.user(Role.ADMIN)
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "api-token",
            "create",
            admin.email.upper(),
            "--scopes",
            "read,write,admin",
            "--name",
            "Nightly export",
            "--expires-days",
            "7",
        ]
    )
    assert result.exit_code == 0, result.output
    clear = result.stdout.strip().splitlines()[-1]
    token = db.session.query(ApiToken).one()
    assert token.name == "Nightly export" and token.scopes == "admin read write"
    client = app.test_client()
    assert client.get("/api/v1/kpis", headers=bearer(clear)).status_code == 200


def test_cli_refuses_unknown_people_and_scopes(app, make):
    member = make.user()
    runner = app.test_cli_runner()
    unknown = runner.invoke(args=["api-token", "create", "nobody@example.com"])
    assert unknown.exit_code != 0 and "No member with the email" in unknown.output
    bad = runner.invoke(args=["api-token", "create", member.email, "--scopes", "read,root"])
    assert bad.exit_code != 0 and "Unknown scope" in bad.output
    admin_for_member = runner.invoke(
        args=["api-token", "create", member.email, "--scopes", "admin"]
    )
    assert admin_for_member.exit_code != 0 and "Only staff" in admin_for_member.output
    assert db.session.query(ApiToken).count() == 0
