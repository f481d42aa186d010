"""ASVS V5 validation, sanitisation and output encoding (and V4.2.2 CSRF): forged forms,
markdown that tries to run script, invisible characters, open redirects."""

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


def test_the_button_a_click_returns_carries_a_checked_token_that_works_next(app_factory, make):
    app = app_factory(WTF_CSRF_ENABLED=True)
    with app.app_context():
        client = app.test_client()
        idea, user = make.idea(), make.user()
        token = _csrf(client.get("/login").get_data(as_text=True))
        client.post(
            "/login", data={"email": user.email, "password": make.PASSWORD, "csrf_token": token}
        )
        token = _csrf(client.get(f"/ideas/{idea.id}").get_data(as_text=True))
        hx = {"HX-Request": "true", "X-CSRFToken": "forged-and-never-checked"}
        for wanted in ("1", "0", "1"):
            # The form's token is the one checked; a forged header beside it never comes back.
            response = client.post(
                f"/ideas/{idea.id}/vote", data={"vote": wanted, "csrf_token": token}, headers=hx
            )
            assert response.status_code == 200
            token = _csrf(response.get_data(as_text=True))
            assert "forged" not in token
        db.session.refresh(idea)
        assert idea.vote_count == 1
        # A new session (logged in again) has a new secret: the old token no longer works.
        client.post("/logout", data={"csrf_token": token})
        fresh = _csrf(client.get("/login").get_data(as_text=True))
        client.post(
            "/login", data={"email": user.email, "password": make.PASSWORD, "csrf_token": fresh}
        )
        stale = client.post(
            f"/ideas/{idea.id}/vote",
            data={"vote": "0", "csrf_token": token},
            headers={"HX-Request": "true"},
        )
        assert stale.status_code == 400


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
        ('<svg onload="alert(1)">', "<svg"),
        ('<img src=x onerror="alert(1)">', "onerror"),
        ("[x](jav&#x61;script:alert(1))", 'href="jav'),
        ("[x](JaVaScRiPt:alert(1))", 'href="javascript'),
        ("<javascript:alert(1)>", 'href="javascript'),
        ("[x](vbscript:msgbox(1))", 'href="vbscript'),
        ('<a href="https://ok.example" style="position:fixed">x</a>', "style="),
        ("<form action=//evil><input name=q></form>", "<form"),
        ('<object data="evil.swf"></object>', "<object"),
        ("<meta http-equiv=refresh content='0;url=//evil'>", "<meta"),
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


INVISIBLE_TRICKS = {
    "right-to-left override": "\u202e",
    "left-to-right embedding": "\u202a",
    "first strong isolate": "\u2068",
    "zero-width space": "\u200b",
    "zero-width joiner": "\u200d",
    "byte order mark": "\ufeff",
}


@pytest.mark.parametrize("char", INVISIBLE_TRICKS.values(), ids=INVISIBLE_TRICKS.keys())
def test_v5_1_4_invisible_characters_are_stripped_from_titles_on_the_page(client, make, char):
    from tests.conftest import login_as

    login_as(client, make.user())
    client.post("/ideas/new", data={"board": "general", "title": f"Invoice{char} exe.pdf fix"})
    idea = db.session.scalars(select(Idea)).one()
    assert idea.title == "Invoice exe.pdf fix"


@pytest.mark.parametrize("char", ["\u202e", "\u200b", "\u2066"])
def test_v5_1_4_invisible_characters_are_stripped_from_titles_in_the_api(client, make, char):
    from ideaportal.accounts.services import create_api_token

    _, token = create_api_token(make.user(), "t", ["read", "write"])
    response = client.post(
        "/api/v1/ideas",
        json={"board": "general", "title": f"Pay{char}roll export button", "tags": ["ok"]},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    assert response.get_json()["title"] == "Payroll export button"


def test_v5_1_4_display_names_lose_their_invisible_characters(client):
    client.post(
        "/signup",
        data={
            "email": "trick@example.com",
            "display_name": "Admin\u202e\u200bistrator",
            "password": "a-long-password",
            "confirm": "a-long-password",
        },
    )
    from ideaportal.accounts.models import User

    assert db.session.scalars(select(User)).one().display_name == "Administrator"


def test_v5_1_4_a_name_of_only_invisible_characters_is_refused(client, make):
    from tests.conftest import login_as

    user = make.user()
    login_as(client, user)
    page = client.post(
        "/me/settings", data={"form": "profile", "profile-display_name": "\u200b\u200b\u202e"}
    ).get_data(as_text=True)
    assert "This field is required" in page or "visible characters" in page
    db.session.refresh(user)
    assert user.display_name.startswith("User ")


def test_v5_1_4_tags_with_invisible_characters_are_cleaned(make):
    from ideaportal.ideas import services

    idea = services.create_idea(
        make.user(), make.board(), "A tagged idea title", "", ["mob\u200bile", "\u202eios"]
    )
    assert sorted(t.name for t in idea.tags) == ["ios", "mobile"]


def test_v5_3_3_titles_are_escaped_on_pages(client, make):
    idea = make.idea(title='<img src=x onerror="alert(1)"> title')
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert '<img src=x onerror="alert(1)">' not in page
    assert "&lt;img src=x onerror=" in page


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "\\/evil.example",
        "javascript:alert(1)",
        "/\t/evil.example",
        "http:/evil.example",
    ],
)
def test_v5_1_5_log_in_never_redirects_off_site(client, make, target):
    user = make.user()
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"email": user.email, "password": make.PASSWORD},
    )
    assert response.status_code == 302
    assert response.location == "/", response.location


def test_v5_1_5_a_same_site_next_is_honoured(client, make):
    user = make.user()
    response = client.post(
        "/login",
        query_string={"next": "/me/settings"},
        data={"email": user.email, "password": make.PASSWORD},
    )
    assert response.location == "/me/settings"


def test_v4_2_2_every_form_endpoint_refuses_a_post_without_its_csrf_token(app_factory, make):
    """All POST routes of the pages (the API uses tokens, the unsubscribe link is signed)."""
    app = app_factory(WTF_CSRF_ENABLED=True)
    with app.app_context():
        client = app.test_client()
        admin = make.user("admin")
        token = _csrf(client.get("/login").get_data(as_text=True))
        client.post(
            "/login", data={"email": admin.email, "password": make.PASSWORD, "csrf_token": token}
        )
        from tests.security.conftest import audit_count

        before = audit_count()
        checked = []
        for rule in app.url_map.iter_rules():
            if "POST" not in rule.methods or rule.rule.startswith(
                ("/api/", "/notifications/unsub")
            ):
                continue
            if rule.rule == "/language":
                # The footer's language switch: exempt on purpose (a forged post only picks a
                # language; cached anonymous pages carry no token). Its test: tests/i18n.
                continue
            values = {arg: (1 if arg.endswith("id") else "x") for arg in rule.arguments}
            path = rule.rule
            for arg, value in values.items():
                path = re.sub(rf"<[^>]*{arg}>", str(value), path)
            response = client.post(path, data={"title": "forged", "body": "forged"})
            # The widget's JSON endpoints carry no cookie to forge with: they are bound to the
            # widget session token in the body, and refuse a post without it.
            expected = 401 if path.startswith("/widget/api/") else 400
            assert response.status_code == expected, (path, response.status_code)
            checked.append(path)
        assert len(checked) >= 40
        assert audit_count() == before
