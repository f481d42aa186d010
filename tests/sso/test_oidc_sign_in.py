"""Single sign-on against a real OpenID Connect provider: the round trip, account linking,
and each refusal (wrong issuer, stale or mismatched state, unverified email, other domain)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from flask import Flask, jsonify
from sqlalchemy import func, select
from werkzeug.serving import make_server

from ideaportal.accounts.models import Role, User
from ideaportal.core.audit import AuditEntry
from ideaportal.extensions import db
from ideaportal.sso import services
from ideaportal.sso.models import SsoIdentity, SsoProvider
from ideaportal.triage import secrets
from tests.conftest import login_as
from tests.sso.conftest import add_provider, authorize_at_provider, local_path, set_claims


def _users() -> int:
    return int(db.session.scalar(select(func.count(User.id))) or 0)


def _start(client, slug: str = "acme-idp") -> str:
    response = client.get(f"/sso/{slug}/login")
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return response.headers["Location"]


def _round_trip(client, sub: str, slug: str = "acme-idp"):
    callback = authorize_at_provider(_start(client, slug), sub)
    return client.get(local_path(callback))


def _flashed(client) -> str:
    return client.get("/login").get_data(as_text=True)


def test_first_log_in_creates_the_account_with_its_company(sso_app, client, oidc_issuer):
    add_provider(oidc_issuer)
    set_claims(
        oidc_issuer,
        "ann-1",
        email="Ann@Acme.example",
        email_verified=True,
        name="Ann Example",
        company="Acme Logistics",
    )
    response = _round_trip(client, "ann-1")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    me = client.get("/me")
    assert me.status_code == 200 and "Ann Example" in me.get_data(as_text=True)
    ann = db.session.scalar(select(User).where(User.email == "ann@acme.example"))
    assert ann is not None and ann.role == Role.MEMBER
    assert ann.company is not None and ann.company.name == "Acme Logistics"
    assert db.session.scalar(select(SsoIdentity.subject).where(SsoIdentity.user_id == ann.id)) == (
        "ann-1"
    )
    assert db.session.scalar(
        select(AuditEntry.summary).where(AuditEntry.action == "user.registered")
    ) == ("Ann Example signed up with Acme SSO")


def test_existing_account_is_linked_by_verified_email(sso_app, client, make, oidc_issuer):
    add_provider(oidc_issuer, claim_role="role")
    bob = make.user(email="bob@acme.example", display_name="Bob")
    set_claims(
        oidc_issuer,
        "bob-1",
        email="bob@acme.example",
        email_verified=True,
        name="Bob B",
        role="product_manager",
    )
    before = _users()
    assert _round_trip(client, "bob-1").status_code == 302
    assert _users() == before
    db.session.refresh(bob)
    assert bob.role == Role.PRODUCT_MANAGER  # the role claim maps to the portal's role
    assert client.get("/triage").status_code == 200  # signed in as Bob, now a PM


def test_the_role_claim_never_takes_the_admin_role_from_the_last_admin(
    sso_app, client, make, oidc_issuer
):
    add_provider(oidc_issuer, claim_role="role")
    admin = make.user(role=Role.ADMIN, email="root@acme.example", display_name="Root")
    set_claims(oidc_issuer, "root-1", email="root@acme.example", email_verified=True, role="member")

    assert _round_trip(client, "root-1").status_code == 302

    db.session.refresh(admin)
    assert admin.role == Role.ADMIN  # still able to manage users and single sign-on
    assert client.get("/admin/users").status_code == 200
    kept = db.session.scalar(
        select(AuditEntry.summary).where(AuditEntry.action == "user.role_kept")
    )
    assert kept == "Root: kept Admin, though Acme SSO said Member: no other admin is left"


def test_the_role_claim_demotes_an_admin_when_another_admin_remains(
    sso_app, client, make, oidc_issuer
):
    add_provider(oidc_issuer, claim_role="role")
    make.user(role=Role.ADMIN, email="other-admin@acme.example")
    admin = make.user(role=Role.ADMIN, email="root@acme.example", display_name="Root")
    set_claims(oidc_issuer, "root-1", email="root@acme.example", email_verified=True, role="member")

    assert _round_trip(client, "root-1").status_code == 302

    db.session.refresh(admin)
    assert admin.role == Role.MEMBER
    assert client.get("/admin/users").status_code == 403


@pytest.mark.parametrize(
    ("claims", "domains", "message"),
    [
        (
            {"email": "eve@acme.example", "email_verified": False},
            "",
            "Acme SSO has not verified the email address eve@acme.example.",
        ),
        (
            {"email": "mallory@elsewhere.example", "email_verified": True},
            "acme.example",
            "Accounts at elsewhere.example cannot log in with Acme SSO; it is open to "
            "acme.example.",
        ),
    ],
)
def test_unverified_email_and_other_domains_are_refused(
    sso_app, client, make, oidc_issuer, claims, domains, message
):
    add_provider(oidc_issuer, allowed_domains=domains)
    # Even an existing account with that email is not taken over.
    make.user(email=claims["email"])
    sub = f"refused-{claims['email']}"
    set_claims(oidc_issuer, sub, name="Someone", **claims)
    before = _users()
    response = _round_trip(client, sub)
    assert response.headers["Location"] == "/login"
    assert message in _flashed(client)
    assert _users() == before
    assert db.session.scalar(select(func.count(SsoIdentity.id))) == 0
    assert client.get("/me").status_code == 302  # nobody signed in


def test_a_mismatched_or_replayed_state_is_refused(sso_app, client, oidc_issuer):
    add_provider(oidc_issuer)
    set_claims(oidc_issuer, "carl-1", email="carl@acme.example", email_verified=True)
    callback = authorize_at_provider(_start(client), "carl-1")
    forged = local_path(callback).replace("state=", "state=x")
    assert client.get(forged).headers["Location"] == "/login"
    assert "This sign-in does not match the one you started." in _flashed(client)
    # The genuine callback after that finds nothing pending: one attempt, one use.
    client.get(local_path(callback))
    assert "This sign-in was not started here, or was already used." in _flashed(client)
    assert _users() == 0


def test_an_expired_sign_in_is_refused(sso_app, client, oidc_issuer):
    add_provider(oidc_issuer)
    sso_app.config["SSO_STATE_MAX_AGE_SECONDS"] = 1
    set_claims(oidc_issuer, "dora-1", email="dora@acme.example", email_verified=True)
    callback = authorize_at_provider(_start(client), "dora-1")
    time.sleep(1.2)
    client.get(local_path(callback))
    assert "This sign-in took longer than 1 second and has expired. Start again." in (
        _flashed(client)
    )
    assert _users() == 0


@pytest.fixture
def impostor(oidc_issuer: str) -> Iterator[str]:
    """A server that hands out the real provider's discovery document as if it were its own."""
    fake = Flask("impostor")

    @fake.get("/.well-known/openid-configuration")
    def config():  # type: ignore[no-untyped-def]
        return jsonify(httpx.get(oidc_issuer + "/.well-known/openid-configuration").json())

    server = make_server("127.0.0.1", 0, fake, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_a_wrong_issuer_is_refused_when_saved_and_at_log_in(
    sso_app, client, make, oidc_issuer, impostor
):
    login_as(client, make.user(Role.ADMIN))
    form = {
        "name": "Impostor",
        "slug": "impostor",
        "issuer": impostor,
        "client_id": "ideaportal-test",
        "client_secret": "s3cret",
        "scopes": "openid email profile",
        "claim_email": "email",
        "claim_name": "name",
        "enabled": "y",
    }
    page = client.post("/admin/sso", data=form).get_data(as_text=True)
    assert f"The provider at {impostor} says its issuer is {oidc_issuer}" in page
    assert db.session.scalar(select(func.count(SsoProvider.id))) == 0
    client.post("/logout")

    # A provider whose discovery went wrong after it was saved: log-in refuses too.
    add_provider(impostor, slug="impostor")
    before = _users()
    assert client.get("/sso/impostor/login").headers["Location"] == "/login"
    assert "says its issuer is" in _flashed(client)
    assert _users() == before


def test_admin_saves_a_provider_with_its_secret_encrypted(sso_app, client, make, oidc_issuer):
    admin = make.user(Role.ADMIN)
    login_as(client, admin)
    form = {
        "name": "Acme SSO",
        "slug": "acme",
        "issuer": oidc_issuer + "/",
        "client_id": "ideaportal",
        "client_secret": "the-client-secret",
        "scopes": "openid email profile",
        "claim_email": "email",
        "claim_name": "name",
        "claim_company": "company",
        "allowed_domains": "acme.example, ACME.de",
        "enabled": "y",
    }
    response = client.post("/admin/sso", data=form)
    assert response.status_code == 302
    provider = db.session.scalar(select(SsoProvider))
    assert provider.issuer == oidc_issuer and provider.allowed_domains == "acme.de acme.example"
    assert "the-client-secret" not in provider.client_secret_encrypted
    assert secrets.decrypt(provider.client_secret_encrypted) == "the-client-secret"
    page = client.get(f"/admin/sso/{provider.id}").get_data(as_text=True)
    assert "the-client-secret" not in page and "/sso/acme/callback" in page
    assert db.session.scalar(
        select(AuditEntry.action).where(AuditEntry.target_type == "sso_provider")
    ) == ("sso_provider.created")
    client.post("/logout")
    assert "Log in with Acme SSO" in client.get("/login").get_data(as_text=True)


def test_discovery_of_loopback_is_refused_unless_allowed(app, client, make, oidc_issuer):
    login_as(client, make.user(Role.ADMIN))
    form = {
        "name": "Local",
        "slug": "local",
        "issuer": oidc_issuer,
        "client_id": "x",
        "client_secret": "y",
        "scopes": "openid",
        "claim_email": "email",
        "claim_name": "name",
    }
    page = client.post("/admin/sso", data=form).get_data(as_text=True)
    assert "Identity provider URLs must use https." in page
    form["issuer"] = "https://127.0.0.1:9"
    page = client.post("/admin/sso", data=form).get_data(as_text=True)
    assert "resolves to a private or reserved address" in page


def test_staff_must_use_sso_when_the_policy_says_so(sso_app, client, make, oidc_issuer):
    add_provider(oidc_issuer)
    admin, pm, member = make.user(Role.ADMIN), make.pm(), make.user()
    login_as(client, admin)
    assert client.post("/admin/sso/staff-only", data={"staff-staff_only": "y"}).status_code == 302
    client.post("/logout")
    refused = client.post("/login", data={"email": pm.email, "password": make.PASSWORD})
    assert refused.status_code == 200
    assert "Staff accounts log in with single sign-on only. Use “Log in with Acme SSO”." in (
        refused.get_data(as_text=True)
    )
    assert client.get("/triage").status_code == 302
    login_as(client, member)  # members keep their passwords
    assert db.session.scalar(
        select(AuditEntry.action).where(AuditEntry.action == "sso.staff_only_changed")
    )


def test_staff_api_tokens_made_before_the_policy_stop_working_members_keep_theirs(
    sso_app, client, make, oidc_issuer
):
    from ideaportal.accounts.services import create_api_token

    add_provider(oidc_issuer)
    admin, pm, member = make.user(Role.ADMIN), make.pm(), make.user()
    _, pm_old = create_api_token(pm, "made with a password session", ["read"])
    _, member_token = create_api_token(member, "mine", ["read"])
    login_as(client, admin)
    assert client.post("/admin/sso/staff-only", data={"staff-staff_only": "y"}).status_code == 302
    client.post("/logout")
    _, pm_new = create_api_token(pm, "made after logging in with SSO", ["read"])

    def me(token: str):
        return client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {token}"})

    refused = me(pm_old)
    assert refused.status_code == 403
    assert "created before that was required" in refused.get_json()["error"]["message"]
    assert me(pm_new).status_code == 200
    assert me(member_token).status_code == 200


def test_a_password_reset_does_not_get_staff_around_single_sign_on(
    sso_app, client, make, oidc_issuer
):
    from ideaportal.core import settings_store
    from tests.accounts.test_accounts import _reset_link

    add_provider(oidc_issuer)
    settings_store.put(services.STAFF_SSO_ONLY_KEY, True)
    db.session.commit()
    pm = make.pm()
    client.post("/forgot-password", data={"email": pm.email})
    new = {"password": "brand-new-password", "confirm": "brand-new-password"}
    response = client.post(_reset_link(pm.email), data=new, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Your password is changed. Staff accounts log in with single sign-on only." in page
    assert client.get("/triage").status_code == 302  # not signed in


def test_an_account_made_by_sso_can_be_deleted_and_signing_in_again_starts_afresh(
    sso_app, client, oidc_issuer
):
    add_provider(oidc_issuer)
    set_claims(oidc_issuer, "gus-1", email="gus@acme.example", email_verified=True, name="Gus")
    _round_trip(client, "gus-1")
    page = client.get("/me/settings").get_data(as_text=True)
    assert "Type your email address to confirm" in page
    refused = client.post("/me/settings", data={"form": "delete", "del-password": "nope"})
    assert "Type your email address to confirm." in refused.get_data(as_text=True)
    done = client.post("/me/settings", data={"form": "delete", "del-password": "GUS@acme.example"})
    assert done.status_code == 302
    assert db.session.scalar(select(func.count(SsoIdentity.id))) == 0
    _round_trip(client, "gus-1")
    again = db.session.scalar(select(User).where(User.email == "gus@acme.example"))
    assert again is not None and again.deleted_at is None


def test_a_code_the_provider_refuses_signs_nobody_in_and_says_why(sso_app, oidc_issuer):
    from ideaportal.sso import oidc

    policy = services.policy()
    metadata = oidc.discover(oidc_issuer, policy)
    before = _users()
    with pytest.raises(oidc.SsoRefused, match="did not accept the sign-in") as refused:
        oidc.exchange_code(
            metadata,
            policy,
            client_id="ideaportal-test",
            client_secret="client-secret-for-tests",
            redirect_uri="http://portal.test/sso/acme-idp/callback",
            code="a-code-nobody-issued",
            code_verifier="v" * 43,
        )
    assert "Invalid 'code'" in str(refused.value)  # the provider's own reason, passed on
    assert _users() == before
