"""Which language a visitor gets, and that everything they see follows it."""

from __future__ import annotations

import json

from sqlalchemy import select

from ideaportal.accounts.models import Role
from ideaportal.extensions import db
from ideaportal.ideas import services
from ideaportal.ideas.models import IdeaStatus
from ideaportal.notifications.models import Notification, OutboxEmail
from tests.conftest import login_as

GERMAN = {"Accept-Language": "de-DE,de;q=0.9,en;q=0.5"}


def test_browser_language_picks_german_and_html_lang_follows(client, make):
    make.idea(title="Export timesheets to CSV")
    html = client.get("/", headers=GERMAN).get_data(as_text=True)
    assert '<html lang="de">' in html
    assert "Idee teilen" in html and "Share an idea" not in html
    assert "Stimmen" in html or "Abstimmen" in html
    english = client.get("/", headers={"Accept-Language": "en-US"}).get_data(as_text=True)
    assert '<html lang="en">' in english and "Share an idea" in english


def test_footer_switcher_keeps_a_visitors_choice_in_a_cookie(client, make):
    response = client.post("/language", data={"language": "de", "next": "/roadmap"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/roadmap")
    assert "lang=de" in response.headers["Set-Cookie"]
    html = client.get("/roadmap", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="de">' in html and "Kürzlich umgesetzt" in html


def test_switcher_ignores_unknown_languages_and_foreign_next(client):
    response = client.post("/language", data={"language": "xx", "next": "https://evil.example/"})
    assert response.status_code == 302 and "evil" not in response.headers["Location"]
    assert "Set-Cookie" not in response.headers


def test_a_members_setting_wins_over_the_browser(client, make):
    member = make.user()
    login_as(client, member)
    client.post("/language", data={"language": "de", "next": "/"})
    db.session.refresh(member)
    assert member.locale == "de"
    client.delete_cookie("lang")
    html = client.get("/me/settings", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="de">' in html and "Einstellungen" in html


def test_page_cache_never_serves_german_to_an_english_visitor(client, make):
    make.idea(title="Export timesheets to CSV")
    german = client.get("/", headers=GERMAN)
    assert german.headers["X-Page-Cache"] == "miss"
    english = client.get("/", headers={"Accept-Language": "en"})
    assert "Share an idea" in english.get_data(as_text=True)
    assert "Idee teilen" not in english.get_data(as_text=True)
    # The same for a visitor whose cookie chose German while the browser says English.
    client.set_cookie("lang", "de")
    chosen = client.get("/", headers={"Accept-Language": "en"})
    assert chosen.headers["X-Page-Cache"] == "hit"
    assert "Idee teilen" in chosen.get_data(as_text=True)


def test_form_errors_and_flash_messages_are_german(client, make):
    page = client.post(
        "/signup",
        data={"email": "x@example.com", "display_name": "X", "password": "short", "confirm": "no"},
        headers=GERMAN,
    ).get_data(as_text=True)
    assert "Die Passwörter stimmen nicht überein." in page
    member = make.user()
    response = client.post(
        "/login",
        data={"email": member.email, "password": make.PASSWORD},
        headers=GERMAN,
        follow_redirects=True,
    )
    assert f"Willkommen zurück, {member.display_name}." in response.get_data(as_text=True)


def test_taking_a_vote_back_and_unfollowing_are_told_in_german(client, make):
    idea = make.idea()
    member = make.user(locale="de")
    services.set_vote(member, idea, True)
    login_as(client, member)
    page = client.post(
        f"/ideas/{idea.id}/vote", data={"vote": "0"}, headers=GERMAN, follow_redirects=True
    ).get_data(as_text=True)
    assert "Ihre Stimme ist zurückgenommen." in page
    page = client.post(
        f"/ideas/{idea.id}/follow", data={"follow": "0"}, headers=GERMAN, follow_redirects=True
    ).get_data(as_text=True)
    assert "Sie folgen dieser Idee nicht mehr." in page


def test_each_follower_hears_in_their_own_language(make):
    idea = make.idea(title="Schichtplan exportieren")
    german = make.user(locale="de")
    english = make.user(locale="en")
    services.set_vote(german, idea, True)
    services.set_vote(english, idea, True)
    services.change_status(make.user(Role.PRODUCT_MANAGER), idea, IdeaStatus.UNDER_REVIEW)
    messages = {n.user_id: n.message for n in db.session.scalars(select(Notification)).all()}
    assert messages[german.id] == "„Schichtplan exportieren“ ist jetzt in Prüfung."
    assert messages[english.id] == "“Schichtplan exportieren” is now under review."
    mails = {m.user_id: m for m in db.session.scalars(select(OutboxEmail)).all()}
    assert "hat einen neuen Status" in mails[german.id].body_text
    assert "abbestellen" in mails[german.id].body_text
    assert "changed status" in mails[english.id].body_text


def test_german_pages_carry_the_browser_scripts_messages(client, make):
    german = client.get("/", headers=GERMAN).get_data(as_text=True)
    block = german.split('<script type="application/json" id="script-messages">')[1]
    messages = json.loads(block.split("</script>")[0])
    assert messages["Delete this comment?"] == "Diesen Kommentar löschen?"
    english = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'id="script-messages"' not in english


def test_form_fields_point_at_their_help_and_errors(client):
    page = client.get("/signup").get_data(as_text=True)
    assert 'aria-describedby="password-help"' in page and 'id="password-help"' in page
    failed = client.post(
        "/signup", data={"email": "a@example.com", "display_name": "Ann", "password": "x"}
    ).get_data(as_text=True)
    assert 'aria-invalid="true"' in failed and 'aria-describedby="password-error"' in failed
    assert 'id="password-error"' in failed


def test_dashboard_and_error_pages_are_german(client, make):
    assert "Nicht gefunden" in client.get("/no-such-page", headers=GERMAN).get_data(as_text=True)
    login_as(client, make.user(Role.COMMUNITY_MANAGER))
    page = client.get("/community/dashboard", headers=GERMAN).get_data(as_text=True)
    assert "Aktive Mitglieder" in page and "Neue Ideen pro Tag" in page
