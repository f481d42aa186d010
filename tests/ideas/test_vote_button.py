"""The vote button a click is answered with is rendered once per kind and filled per click:
each idea still gets its own link, count and title, each member their own token, in their
language, exactly as the template renders them."""

from __future__ import annotations

import re

import pytest
from flask import render_template
from flask_login import login_user
from flask_wtf.csrf import generate_csrf

from ideaportal.core.i18n import current_language
from ideaportal.extensions import db
from ideaportal.ideas import buttons
from ideaportal.ideas.models import IdeaStatus
from tests.conftest import login_as

HX = {"HX-Request": "true"}


@pytest.mark.parametrize("small", [False, True])
def test_the_filled_button_is_the_templates_button_for_every_idea(app, make, small):
    member = make.user()
    hostile = '<script>alert("x")</script> & __slot_csrf__'
    ideas = []
    for title, status, count in [
        ("Dark mode for the dashboard", IdeaStatus.NEW, 7),
        (hostile, IdeaStatus.NEW, 12),
        ("Export to CSV", IdeaStatus.SHIPPED, 3),
        ("Offline mode", IdeaStatus.DECLINED, 0),
    ]:
        idea = make.idea(title=title)
        idea.status, idea.vote_count = status, count
        ideas.append(idea)
    db.session.commit()
    template = "ideas/_vote_button_small.html" if small else "ideas/_vote_button.html"
    # Twice in each language: the first of each kind renders it, the rest fill that rendering.
    for language in ("en", "de", "en", "de"):
        member.locale = language
        db.session.commit()
        for idea in ideas:
            for voted in (False, True):
                # A fresh app context: the language is chosen once per request.
                with (
                    app.app_context(),
                    app.test_request_context(f"/ideas/{idea.id}/vote", method="POST"),
                ):
                    login_user(member)
                    filled = buttons.vote_button(idea, voted, small=small)
                    expected = render_template(template, idea=idea, voted=voted)
                    assert str(filled) == expected
                    assert generate_csrf() in filled and f">{idea.vote_count}<" in filled
                    assert current_language() == language
                    if idea.title == hostile:  # shown as typed: never run, never filled in turn
                        assert "&lt;script&gt;" in filled and "__slot_csrf__" in filled


def test_two_members_clicking_get_their_own_token_and_the_current_count(app, make):
    idea = make.idea(title="Keyboard shortcuts")
    tokens, counts = [], []
    for member in (make.user(), make.user()):
        client = app.test_client()
        login_as(client, member)
        html = client.post(f"/ideas/{idea.id}/vote", data={"vote": "1"}, headers=HX).text
        tokens.append(re.search(r'name="csrf_token" value="([^"]*)"', html).group(1))  # type: ignore[union-attr]
        counts.append(re.search(r'class="vote-count">(\d+)<', html).group(1))  # type: ignore[union-attr]
        assert f'hx-post="/ideas/{idea.id}/vote"' in html and "Keyboard shortcuts" in html
        assert "__slot_" not in html
    assert counts == ["1", "2"]
    assert all(tokens) and tokens[0] != tokens[1]
    db.session.refresh(idea)
    assert idea.vote_count == 2


def test_a_click_is_answered_in_the_browsers_language_with_links_under_the_script_root(app, make):
    first, second = make.idea(title="Keyboard shortcuts"), make.idea(title="Dark mode")
    member = make.user()  # no language of their own: the browser's counts
    client = app.test_client()
    login_as(client, member)
    german = {**HX, "Accept-Language": "de-DE,de;q=0.9,en;q=0.5"}
    english = {**HX, "Accept-Language": "en-US,en;q=0.8"}
    # The label stays the same when the vote is cast or taken back (aria-pressed says which).
    for idea, headers, root, label, vote in [
        (first, german, "/portal", "Abstimmen", "1"),
        (second, german, "", "Abstimmen", "1"),
        (first, english, "", "Vote", "1"),
        (second, english, "/portal", "Vote", "1"),
        (first, german, "/portal", "Abstimmen", "0"),
    ]:
        html = client.post(
            f"/ideas/{idea.id}/vote",
            data={"vote": vote},
            headers=headers,
            base_url=f"http://localhost{root}/",
        ).text
        # Each idea its own links and id, under the root it was reached at, in the browser's
        # language.
        assert f'hx-post="{root}/ideas/{idea.id}/vote"' in html
        assert f'name="next" value="{root}/ideas/{idea.id}"' in html
        assert f'id="vote-{idea.id}"' in html
        assert f'aria-pressed="{"true" if vote == "1" else "false"}"' in html
        assert f'class="vote-label">{label}<' in html and "__slot_" not in html
