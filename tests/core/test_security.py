"""CSRF, rate limits, security headers, and markdown sanitising."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from ideaportal.core.markdown import plain_excerpt, render_markdown
from ideaportal.extensions import db
from ideaportal.ideas.models import Idea


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def test_a_form_post_without_csrf_token_is_refused_and_changes_nothing(app_factory, make):
    app = app_factory(WTF_CSRF_ENABLED=True)
    with app.app_context():
        client = app.test_client()
        board = make.board("web-app")
        user = make.user()
        token = _csrf(client.get("/login").get_data(as_text=True))
        assert (
            client.post(
                "/login", data={"email": user.email, "password": make.PASSWORD, "csrf_token": token}
            ).status_code
            == 302
        )
        response = client.post(
            "/ideas/new", data={"board": board.slug, "title": "Sneaky cross-site idea"}
        )
        assert response.status_code == 400
        assert "did not come from this site" in response.get_data(as_text=True)
        assert db.session.scalar(select(Idea)) is None
        good = _csrf(client.get("/ideas/new").get_data(as_text=True))
        ok = client.post(
            "/ideas/new",
            data={"board": board.slug, "title": "Honest same-site idea", "csrf_token": good},
        )
        assert ok.status_code == 302


def test_htmx_requests_carry_the_token_in_a_header(app_factory, make):
    app = app_factory(WTF_CSRF_ENABLED=True)
    with app.app_context():
        client = app.test_client()
        idea = make.idea()
        user = make.user()
        token = _csrf(client.get("/login").get_data(as_text=True))
        client.post(
            "/login", data={"email": user.email, "password": make.PASSWORD, "csrf_token": token}
        )
        page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
        header_token = re.search(r'hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'', page).group(1)
        bare = client.post(
            f"/ideas/{idea.id}/vote", data={"vote": "1"}, headers={"HX-Request": "true"}
        )
        assert bare.status_code == 400
        ok = client.post(
            f"/ideas/{idea.id}/vote",
            data={"vote": "1"},
            headers={"HX-Request": "true", "X-CSRFToken": header_token},
        )
        assert ok.status_code == 200


def test_repeated_failed_logins_are_rate_limited(app_factory, make):
    app = app_factory(RATELIMIT_ENABLED=True, RATELIMIT_AUTH="3 per minute")
    with app.app_context():
        client = app.test_client()
        user = make.user()
        codes = [
            client.post(
                "/login", data={"email": user.email, "password": "wrong-guess-x"}
            ).status_code
            for _ in range(4)
        ]
        assert codes[:3] == [200, 200, 200] and codes[3] == 429
        page = client.post("/login", data={"email": user.email, "password": make.PASSWORD})
        assert page.status_code == 429
        assert "Too many requests" in page.get_data(as_text=True)


def test_pages_send_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    ("source", "forbidden"),
    [
        ("<script>alert(1)</script>", "<script"),
        ("[click](javascript:alert(1))", 'href="javascript'),
        ('<a href="http://x" onclick="steal()">x</a>', "onclick"),
        ("<iframe src=//evil></iframe>", "<iframe"),
        ("![img](http://tracker.example/p.gif)", "<img"),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", 'href="data:'),
        ("<style>body{display:none}</style>", "<style"),
    ],
)
def test_markdown_never_lets_active_content_through(source, forbidden):
    # Only real tags matter: escaped text such as "&lt;script&gt;" is harmless.
    tags = " ".join(re.findall(r"<[a-zA-Z][^>]*>", str(render_markdown(source))))
    assert forbidden not in tags


def test_markdown_keeps_ordinary_formatting_and_marks_links_nofollow():
    html = str(render_markdown("**bold** and [docs](https://example.com)\n\n- one\n- two"))
    assert "<strong>bold</strong>" in html and "<li>one</li>" in html
    assert 'href="https://example.com"' in html and "nofollow" in html


def test_excerpt_is_plain_text_and_unescaped_once():
    assert plain_excerpt("**Fish & chips** <b>x</b>", 100) == "Fish & chips <b>x</b>"
    assert plain_excerpt("word " * 100, 20).endswith("…")
