"""ASVS V5.3 output encoding in the Atom feeds: whatever members and staff type (titles,
names, notes, Markdown), every subscriber's reader still gets well-formed XML that says
exactly what was typed."""

from __future__ import annotations

from xml.etree import ElementTree

from ideaportal.accounts.models import Role
from ideaportal.community import announcements as posts
from ideaportal.community.models import AnnouncementKind
from ideaportal.ideas import services as ideas
from ideaportal.ideas.models import IdeaStatus
from tests.conftest import login_as

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE_TITLE = "Tom & Jerry </title><foo>export"
HOSTILE_NAME = 'Ann <b>& "Bob"'


def _feed(client, path: str) -> ElementTree.Element:
    response = client.get(path)
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    # Parsing our own output; a reader's parser refuses a feed that is not well-formed.
    return ElementTree.fromstring(response.get_data())  # noqa: S314


def test_the_roadmap_feed_stays_well_formed_and_shows_hostile_titles_as_typed(client, make):
    board = make.board()
    member = make.user(display_name="Member Mo")
    login_as(client, member)
    posted = client.post(
        "/ideas/new", data={"board": board.slug, "title": HOSTILE_TITLE, "body": "x"}
    )
    assert posted.status_code == 302
    client.post("/logout")
    idea = ideas.get_idea(member, int(posted.headers["Location"].rsplit("/", 1)[1]))
    pm = make.user(Role.PRODUCT_MANAGER, display_name=HOSTILE_NAME)
    ideas.change_status(pm, idea, IdeaStatus.PLANNED, "Soon <script>alert(1)</script> &\x01 more")

    feed = _feed(client, "/roadmap.atom")

    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == f"“{HOSTILE_TITLE}” is now planned"
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == HOSTILE_NAME
    assert entry.findtext(f"{ATOM}summary") == (
        "New → Planned: Soon <script>alert(1)</script> & more"
    )
    assert entry.find(".//{*}foo") is None and entry.find(".//foo") is None


def test_the_news_feed_carries_html_content_as_escaped_text(client, make):
    cm = make.user(Role.COMMUNITY_MANAGER, display_name=HOSTILE_NAME)
    item = posts.save(
        cm,
        None,
        title="News & </title><x>",
        body="**Bold** & <b>raw</b>\x0b <script>alert(1)</script>\n\n[link](javascript:alert(1))",
        kind=AnnouncementKind.GENERAL,
        idea_ids=[],
        publish_at=None,
    )
    posts.publish_now(cm, item)

    feed = _feed(client, "/announcements.atom")

    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "News & </title><x>"
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == HOSTILE_NAME
    content = entry.find(f"{ATOM}content")
    assert content is not None and content.get("type") == "html"
    # type="html": the content is HTML escaped as text, never XML elements of the feed (and
    # the control character XML forbids is gone).
    assert len(content) == 0
    html = content.text or ""
    assert "<strong>Bold</strong> &amp;" in html
    # The Markdown renderer's own escaping stays: raw HTML is text, no script link.
    assert "&lt;script&gt;" in html and "<script" not in html and "href" not in html


def test_feeds_say_their_language_so_readers_and_screen_readers_pronounce_them(client):
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for path in ("/roadmap.atom", "/announcements.atom"):
        assert _feed(client, path).get(xml_lang) == "en"
        german = client.get(path, headers={"Accept-Language": "de-DE,de;q=0.9"})
        root = ElementTree.fromstring(german.get_data())  # noqa: S314 - our own output
        assert root.get(xml_lang) == "de"
