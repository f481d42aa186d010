"""ASVS V12 files and resources: request size limits, and webhooks that cannot be turned
against the portal's own network (SSRF, DNS rebinding)."""

from __future__ import annotations

import socket

import httpx
import pytest
from sqlalchemy import func, select

from ideaportal.core.errors import ValidationFailed
from ideaportal.extensions import db
from ideaportal.ideas.models import Idea
from ideaportal.sso import oidc
from ideaportal.triage import outbound
from ideaportal.triage.connectors.base import ConnectorSettings, connector_for
from ideaportal.triage.outbound import TargetPolicy, check_target
from tests.conftest import login_as
from tests.triage.receiver import Receiver

FIVE_MB = "x" * (5 * 1024 * 1024)


def _ideas() -> int:
    db.session.expire_all()
    return int(db.session.scalar(select(func.count(Idea.id))) or 0)


def test_v12_1_1_a_huge_form_gets_a_clear_413_page_and_nothing_is_posted(client, make):
    login_as(client, make.user())
    before = _ideas()
    response = client.post(
        "/ideas/new", data={"board": "general", "title": "Huge body idea", "body": FIVE_MB}
    )
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "more than this site accepts in one request (1,000 kB)" in page
    assert _ideas() == before


def test_v12_1_1_a_huge_json_body_gets_a_json_413(client, make):
    from ideaportal.accounts.services import create_api_token

    _, token = create_api_token(make.user(), "t", ["read", "write"])
    before = _ideas()
    response = client.post(
        "/api/v1/ideas",
        json={"board": "general", "title": "Huge API idea", "body": FIVE_MB},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 413
    assert response.get_json()["error"]["status"] == 413
    assert _ideas() == before


def test_v12_1_1_a_long_field_gets_a_form_error_not_a_crash(client, make):
    login_as(client, make.user())
    before = _ideas()
    page = client.post(
        "/ideas/new", data={"board": "general", "title": "Long body idea", "body": "y" * 20_001}
    )
    assert page.status_code == 200
    assert "Field cannot be longer than" in page.get_data(as_text=True)
    assert _ideas() == before


@pytest.mark.parametrize(
    "url",
    [
        "https://10.0.0.5/hook",
        "https://172.16.3.4/hook",
        "https://192.168.1.1/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://100.64.0.1/hook",
        "https://0.0.0.0/hook",
        "https://[fc00::1]/hook",
        "https://[fe80::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",
    ],
)
def test_v12_6_1_webhooks_to_internal_addresses_are_refused(app, url):
    with pytest.raises(ValidationFailed, match="private or reserved"):
        check_target(url, TargetPolicy())


def test_v12_6_1_a_refused_target_is_never_contacted(app):
    result = outbound.post("https://10.255.255.1/hook", b"{}", {}, TargetPolicy())
    assert not result.ok and result.error.startswith("refused:") and result.duration_ms == 0


@pytest.fixture()
def rebinding_dns(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names ending in .rebind.test answer 127.0.0.1 once, then an internal address (a
    rebinding DNS server); returns the answers given."""
    real = socket.getaddrinfo
    lookups: list[str] = []

    def rebinding(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(host).endswith(".rebind.test"):
            ip = "10.9.8.7" if lookups else "127.0.0.1"
            lookups.append(ip)
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    return lookups


def test_v12_6_1_delivery_connects_to_the_checked_address_despite_dns_rebinding(app, rebinding_dns):
    """The delivery must go to the checked address, carrying the name."""
    lookups = rebinding_dns
    with Receiver() as receiver:
        port = receiver.server.server_port
        result = outbound.post(
            f"http://hooks.rebind.test:{port}/hook",
            b'{"x":1}',
            {"Content-Type": "application/json"},
            TargetPolicy(allow_http_loopback=True),
        )
    assert result.ok, result.error
    assert lookups == ["127.0.0.1"]  # resolved once, for the check; never again
    assert len(receiver.requests) == 1
    assert receiver.requests[0]["headers"]["Host"] == f"hooks.rebind.test:{port}"


def test_v12_6_1_tracker_requests_connect_to_the_checked_address_despite_dns_rebinding(
    app, rebinding_dns
):
    issue = b'{"issue": {"id": 7, "status": {"name": "In Progress"}, "updated_on": null}}'
    with Receiver(get_body=issue) as receiver:
        port = receiver.server.server_port
        redmine = connector_for(
            ConnectorSettings(
                kind="redmine",
                url=f"http://tracker.rebind.test:{port}",
                secret="key",
                policy=TargetPolicy(allow_http_loopback=True),
            )
        )
        assert redmine.fetch_status("#7").status == "In Progress"
    assert rebinding_dns == ["127.0.0.1"]
    assert receiver.requests[0]["headers"]["Host"] == f"tracker.rebind.test:{port}"


def test_v12_6_1_identity_provider_fetches_connect_to_the_checked_address(app, rebinding_dns):
    with Receiver(get_body=b'{"keys": []}') as receiver:
        port = receiver.server.server_port
        keys = oidc._get_json(
            f"http://idp.rebind.test:{port}/jwks", TargetPolicy(allow_http_loopback=True)
        )
    assert keys == {"keys": []}
    assert rebinding_dns == ["127.0.0.1"]
    assert receiver.requests[0]["headers"]["Host"] == f"idp.rebind.test:{port}"


def test_v12_6_1_an_internationalised_host_name_is_pinned_too(app, rebinding_dns):
    with Receiver() as receiver:
        port = receiver.server.server_port
        result = outbound.post(
            f"http://bücher.rebind.test:{port}/hook",
            b"{}",
            {},
            TargetPolicy(allow_http_loopback=True),
        )
    assert result.ok, result.error
    assert rebinding_dns == ["127.0.0.1"]
    assert receiver.requests[0]["headers"]["Host"] == f"xn--bcher-kva.rebind.test:{port}"


def test_v12_6_1_a_pinned_client_reaches_no_other_host(app):
    with (
        Receiver() as receiver,
        outbound.checked_client(receiver.url, TargetPolicy(allow_http_loopback=True)) as client,
    ):
        assert client.post(receiver.url, content=b"{}").status_code == 200
        with pytest.raises(httpx.ConnectError, match="was not checked"):
            client.get(f"http://localhost:{receiver.server.server_port}/hook")
    assert len(receiver.requests) == 1


def test_v12_6_1_redirects_from_a_webhook_are_not_followed(app):
    with Receiver(status=302) as receiver:
        result = outbound.post(receiver.url, b"{}", {}, TargetPolicy(allow_http_loopback=True))
    assert result.status_code == 302 and not result.ok and len(receiver.requests) == 1
