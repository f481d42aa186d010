"""ASVS V5 input validation: values a database or the decoder cannot take (ids past an
INTEGER, NUL, unpaired surrogates, JSON nested thousands deep, dates at the calendar's
ends, broken URLs and signatures) are refused with a 4xx that says so; they once came back
as 500s. Every case checks that nothing was stored."""

from __future__ import annotations

import base64
import io
import json
import time

import pytest
from sqlalchemy import func, select

from ideaportal.accounts.models import Role
from ideaportal.accounts.services import create_api_token
from ideaportal.core.errors import ValidationFailed
from ideaportal.extensions import db
from ideaportal.ideas.models import Comment
from ideaportal.triage import services as triage
from ideaportal.triage.outbound import TargetPolicy, check_target
from tests.conftest import login_as

TOO_BIG = "99999999999999999999"


def _token(make, role: Role = Role.MEMBER, scopes=("read", "write")) -> dict[str, str]:
    _, clear = create_api_token(make.user(role), "t", list(scopes))
    return {"Authorization": f"Bearer {clear}"}


def _comments() -> int:
    db.session.expire_all()
    return int(db.session.scalar(select(func.count(Comment.id))) or 0)


@pytest.mark.parametrize(
    "path",
    [
        f"/ideas/{TOO_BIG}",
        f"/api/v1/ideas/{TOO_BIG}",
        f"/announcements/{TOO_BIG}",
        "/ideas/2147483648",
    ],
)
def test_an_id_past_what_a_column_holds_is_not_found(client, path):
    response = client.get(path)
    assert response.status_code == 404
    if path.startswith("/api/"):
        assert response.get_json()["error"]["status"] == 404


def test_a_page_number_past_what_a_column_holds_shows_the_first_page(client, make):
    make.idea(title="Shift swap between employees")
    response = client.get(f"/?page={TOO_BIG}")
    assert response.status_code == 200
    assert "Shift swap between employees" in response.get_data(as_text=True)


def test_a_nul_in_a_query_or_a_form_is_a_400_and_stores_nothing(client, make):
    idea = make.idea()
    assert client.get("/?q=shift%00swap").status_code == 400
    login_as(client, make.user())
    response = client.post(f"/ideas/{idea.id}/comments", data={"comment-body": "hi\x00there"})
    assert response.status_code == 400
    assert "NUL" in response.get_data(as_text=True)
    assert _comments() == 0


@pytest.mark.parametrize("text", ["\ud800", "before \udfff after", "nul\x00"])
def test_api_text_a_database_cannot_store_is_a_422_naming_the_field(client, make, text):
    idea = make.idea()
    response = client.post(
        f"/api/v1/ideas/{idea.id}/comments", json={"body": text}, headers=_token(make)
    )
    assert response.status_code == 422
    assert "body" in response.get_json()["error"]["fields"]
    assert _comments() == 0


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        (b"[" * 5000 + b"]" * 5000, 400),  # past the decoder's depth
        (b'{"body": ' * 3000 + b"1" + b"}" * 3000, 400),
        (b"{bad", 400),
        (b"1" * 5000, 400),  # an integer past Python's 4,300 digits
        (b"[1, 2]", 422),
        (b'"a string"', 422),
    ],
)
def test_api_bodies_that_are_not_a_json_object_say_which_error(client, make, raw, status):
    idea = make.idea()
    response = client.post(
        f"/api/v1/ideas/{idea.id}/comments",
        data=raw,
        headers={**_token(make), "Content-Type": "application/json"},
    )
    assert response.status_code == status
    assert response.get_json()["error"]["status"] == status
    assert _comments() == 0


@pytest.mark.parametrize(
    "key",
    [
        ["new", "2020-01-01", float("inf")],
        ["new", "2020-01-01", 2**70],
        ["top", 1e30, "2020-01-01", 1],
    ],
)
def test_a_crafted_cursor_is_not_found(client, make, key):
    make.idea()
    raw = json.dumps(key).encode()  # Infinity, as Python's json writes it
    cursor = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    sort = key[0]
    response = client.get(f"/api/v1/ideas?sort={sort}&cursor={cursor}")
    assert response.status_code == 404
    assert "cursor" in response.get_json()["error"]["fields"]


@pytest.mark.parametrize("when", ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00"])
def test_a_time_whose_utc_falls_off_the_calendar_is_a_422(client, make, when):
    staff = _token(make, Role.COMMUNITY_MANAGER, ["read", "write", "admin"])
    response = client.post(
        "/api/v1/announcements", json={"title": "Dated post", "publish_at": when}, headers=staff
    )
    assert response.status_code == 422
    assert "publish_at" in response.get_json()["error"]["fields"]


def test_kpi_periods_and_calendar_pages_at_the_calendar_ends_are_refused(client, make):
    staff = make.user(Role.COMMUNITY_MANAGER)
    headers = _token(make, Role.COMMUNITY_MANAGER, ["read", "admin"])
    response = client.get("/api/v1/kpis?end=0001-01-01", headers=headers)
    assert response.status_code == 422 and "end" in response.get_json()["error"]["fields"]
    login_as(client, staff)
    for path in (
        "/community/dashboard?end=0001-01-01",
        "/community/dashboard.csv?end=0001-01-01",
        "/community/calendar?month=9999-12",
        "/community/calendar?month=0001-01",
        "/community/calendar?view=week&week=9999-12-31",
    ):
        assert client.get(path).status_code == 400, path
    assert client.get("/community/calendar?month=2026-12").status_code == 200
    # A day picked in the calendar opens the editor with it; nonsense opens it empty.
    assert client.get("/community/announcements/new?date=2026-12-03").status_code == 200
    assert client.get("/community/announcements/new?date=nonsense").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com:99999/hook",
        "https://example.com:-1/hook",
        "https://example.com:abc/hook",
        "https://[zz]/hook",
        "https://[::1/hook",
        "https://" + "a" * 64 + ".example.com/hook",
    ],
)
def test_a_broken_webhook_url_is_a_field_error(app, url):
    with pytest.raises(ValidationFailed) as refused:
        check_target(url, TargetPolicy())
    assert refused.value.field == "webhook_url"


def test_a_broken_webhook_url_through_the_api_is_refused_not_a_500(client, make):
    admin = _token(make, Role.ADMIN, ["read", "write", "admin"])
    response = client.post(
        "/api/v1/webhooks",
        json={"events": ["idea.created"], "url": "https://example.com:99999/"},
        headers=admin,
    )
    assert response.status_code in (409, 422)
    assert response.get_json()["error"]["fields"]


def test_a_callback_signature_with_non_ascii_characters_is_a_401(client, make):
    team, _secret = triage.save_team(
        make.user(Role.ADMIN), None, name="Scheduling squad", webhook_url="", member_ids=[]
    )
    handoff = triage.hand_off(make.pm(), make.idea(), team)
    response = client.post(
        f"/api/v1/handoffs/{handoff.id}/status",
        data=json.dumps({"event_id": "a", "status": "in_progress"}),
        headers={
            "Content-Type": "application/json",
            "X-IdeaPortal-Timestamp": str(int(time.time())),
            "X-IdeaPortal-Signature": "sha256=\u00e9",
        },
    )
    assert response.status_code == 401


def test_a_reply_naming_no_comment_by_number_is_posted_at_the_top(client, make):
    idea = make.idea()
    login_as(client, make.user())
    for parent in ("\u00b2", TOO_BIG):
        response = client.post(
            f"/ideas/{idea.id}/comments",
            data={"comment-body": f"Reply to {parent!r}", "comment-parent_id": parent},
        )
        assert response.status_code == 302
    db.session.expire_all()
    assert [c.parent_id for c in db.session.scalars(select(Comment))] == [None, None]


def test_a_callback_link_that_is_not_http_is_a_422_naming_it(client, make):
    from ideaportal.triage.signing import signature

    team, secret = triage.save_team(
        make.user(Role.ADMIN), None, name="Scheduling squad", webhook_url="", member_ids=[]
    )
    handoff = triage.hand_off(make.pm(), make.idea(), team)
    body = json.dumps(
        {"event_id": "a", "status": "in_progress", "external_url": "javascript:alert(1)"}
    ).encode()
    stamp = int(time.time())
    response = client.post(
        f"/api/v1/handoffs/{handoff.id}/status",
        data=body,
        headers={
            "Content-Type": "application/json",
            "X-IdeaPortal-Timestamp": str(stamp),
            "X-IdeaPortal-Signature": signature(secret, stamp, body),
        },
    )
    assert response.status_code == 422
    assert "external_url" in response.get_json()["error"]["fields"]


def test_a_chunked_json_body_past_the_limit_is_a_413_not_a_cut_short_body(client, make):
    # No Content-Length to refuse up front: werkzeug stopped reading at the limit, and the
    # cut body came back as "not JSON".
    idea = make.idea()
    body = b'{"body": "' + b"x" * 2_000_000 + b'"}'
    response = client.post(
        f"/api/v1/ideas/{idea.id}/comments",
        input_stream=io.BytesIO(body),
        headers={
            **_token(make),
            "Content-Type": "application/json",
            "Transfer-Encoding": "chunked",
        },
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert response.status_code == 413
    assert response.get_json()["error"]["status"] == 413
    assert _comments() == 0
