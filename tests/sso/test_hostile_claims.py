"""Hostile claims from an identity provider: names and companies are cleaned as every name
is, emails are checked as at sign-up, and claims that are not text sign nobody in."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from ideaportal.accounts.models import User
from ideaportal.companies.models import Company
from ideaportal.extensions import db
from tests.sso.conftest import add_provider, authorize_at_provider, local_path, set_claims


def _users() -> int:
    return int(db.session.scalar(select(func.count(User.id))) or 0)


def _round_trip(client, sub: str):
    start = client.get("/sso/acme-idp/login")
    assert start.status_code == 302
    return client.get(local_path(authorize_at_provider(start.headers["Location"], sub)))


def test_name_and_company_claims_are_cleaned(sso_app, client, oidc_issuer):
    add_provider(oidc_issuer)
    set_claims(
        oidc_issuer,
        "evil-1",
        email="eve@acme.example",
        email_verified=True,
        name="\u202eevil\u200b name\x00",
        company="\u202eAcme",
    )
    assert _round_trip(client, "evil-1").headers["Location"] == "/"
    eve = db.session.scalar(select(User).where(User.email == "eve@acme.example"))
    assert eve.display_name == "evil name"
    assert list(db.session.scalars(select(Company.name))) == ["Acme"]


@pytest.mark.parametrize(
    ("claims", "message"),
    [
        ({"email": "ad\x00min@acme.example"}, "Acme SSO sent an email address that is not valid."),
        ({"email": "a b@acme.example"}, "Acme SSO sent an email address that is not valid."),
        (
            {"email": 12345},
            "Acme SSO sent the email claim as something other than text.",
        ),
        (
            {"email": "ivy@acme.example", "name": 42},
            "Acme SSO sent the name claim as something other than text.",
        ),
        (
            {"email": "ivy@acme.example", "company": {"id": 7}},
            "Acme SSO sent the company claim as something other than text.",
        ),
    ],
)
def test_claims_that_are_not_a_valid_email_or_text_sign_nobody_in(
    sso_app, client, oidc_issuer, claims, message
):
    add_provider(oidc_issuer)
    set_claims(oidc_issuer, "hostile-1", email_verified=True, **claims)
    before = _users()
    response = _round_trip(client, "hostile-1")
    assert response.headers["Location"] == "/login"
    assert message in client.get("/login").get_data(as_text=True)
    assert _users() == before
    assert db.session.scalar(select(func.count(Company.id))) == 0
    assert client.get("/me").status_code == 302  # nobody signed in
