"""The header and footer are rendered once per kind of page and filled per request: every
viewer still sees their own name, bell, token, tabs, workspace menu and language."""

from __future__ import annotations

import re

from ideaportal.accounts.models import Role
from ideaportal.extensions import db
from ideaportal.notifications.models import Notification
from tests.conftest import login_as


def _header(html: str) -> str:
    return html[html.index("<nav") : html.index("</nav>")]


def _bell(html: str) -> tuple[bool, str]:
    """Whether the badge shows, and its count."""
    found = re.search(r'<span class="bell-badge([^"]*)"[^>]*>([^<]*)', html)
    assert found is not None
    return "d-none" not in found.group(1), found.group(2)


def test_each_member_sees_their_own_name_bell_and_token_in_the_same_header(app, make):
    first = make.user(display_name="Ada Lovelace")
    second = make.user(display_name="__slot_csrf__ <b>Grace</b>")
    db.session.add_all(
        [Notification(user_id=first.id, kind="comment", message=f"News {n}") for n in range(3)]
    )
    db.session.commit()
    pages = {}
    for member in (first, second):
        client = app.test_client()
        login_as(client, member)
        pages[member.id] = client.get("/").text

    one, two = _header(pages[first.id]), _header(pages[second.id])
    assert "Ada Lovelace" in one and "Grace" not in one
    assert _bell(one) == (True, "3")
    assert _bell(two) == (False, "0")
    # A name shaped like a slot is shown as typed, escaped, and is not filled in turn.
    assert "__slot_csrf__ &lt;b&gt;Grace&lt;/b&gt;" in two and "Ada" not in two
    tokens = [
        re.search(r'name="csrf_token" value="([^"]+)"', header).group(1)  # type: ignore[union-attr]
        for header in (one, two)
    ]
    assert tokens[0] != tokens[1] and all("__slot_" not in t for t in tokens)


def test_the_workspace_menu_follows_each_viewers_permissions(app, make):
    moderator, admin = make.user(Role.MODERATOR), make.user(Role.ADMIN)
    seen = {}
    for user in (moderator, admin, make.user()):
        client = app.test_client()
        login_as(client, user)
        seen[user.role] = _header(client.get("/roadmap").text)

    assert "Moderation" in seen[Role.MODERATOR] and "Users and roles" not in seen[Role.MODERATOR]
    assert "Moderation" in seen[Role.ADMIN] and "Users and roles" in seen[Role.ADMIN]
    assert "Workspace" not in seen[Role.MEMBER]
    assert ">Moderator<" in seen[Role.MODERATOR] and ">Admin<" in seen[Role.ADMIN]


def test_the_active_tab_search_words_and_way_back_belong_to_the_page(app, make):
    client = app.test_client()
    login_as(client, make.user())

    home = client.get("/?q=%3Cscript%3Ealert(1)%3C/script%3E").text
    roadmap = client.get("/roadmap").text

    assert re.search(r'nav-link active" href="/">', home)
    assert re.search(r'nav-link active" href="/roadmap">', roadmap)
    assert not re.search(r'nav-link active" href="/">', roadmap)
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in home
    assert "<script>alert(1)" not in home
    assert 'name="next" value="/roadmap?"' in roadmap


def test_a_german_member_gets_the_german_header_on_a_page_english_members_saw(app, make):
    english, german = make.user(locale="en"), make.user(locale="de")
    pages = {}
    for member in (english, german):
        client = app.test_client()
        login_as(client, member)
        pages[member.locale] = client.get("/").text

    assert "Share an idea" in _header(pages["en"]) and "Log out" in _header(pages["en"])
    assert "Share an idea" not in _header(pages["de"]) and "Abmelden" in _header(pages["de"])
    assert 'aria-current="true">Deutsch' in pages["de"]


def test_a_visitor_keeps_the_search_words_and_comes_back_after_logging_in(app, make):
    make.idea(title="Export shifts to payroll")
    client = app.test_client()

    page = client.get("/roadmap").text
    search = client.get("/?q=payroll").text

    assert 'href="/login?next=/roadmap?"' in page
    assert "csrf_token" not in _header(page)
    assert 'name="q" placeholder="Search ideas" value="payroll"' in search
