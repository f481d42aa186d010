"""Idea lists rendered once for everyone who sees the same ideas, personalised per request.

A list page is twenty idea cards; only their vote buttons depend on the person (voted or
not, their CSRF token). So the cards are rendered once per audience (public or staff) and
cache generation, with a slot where each vote button goes, and every request fills the
slots with that person's buttons. A member who has hidden ideas of their own sees a list
nobody else does, and gets it rendered live.

A member's votes among the listed ideas come with their own row, in the statement that
loads them (`accounts.read_with_member`): on PostgreSQL one round trip where the member and
their votes took two. That statement runs before the list is known, so it asks about the
ideas this process last listed at the same address; the list shown may differ by then (a new
idea, another audience), and then the votes are read for it as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from flask import g, render_template, request
from markupsafe import Markup

from ideaportal.accounts.models import User
from ideaportal.accounts.services import with_member
from ideaportal.core import page_cache
from ideaportal.core.csrf import form_token
from ideaportal.core.local_copies import LocalCopies
from ideaportal.core.slots import slot
from ideaportal.ideas import queries
from ideaportal.ideas.models import Idea, IdeaStatus

_SLOT = re.compile(r"<!--vote-slot:(\d+)-->")
_BUTTON = re.compile(r"<!--vote-button:(\d+):(guest|voted|unvoted)-->")
_TOKEN = slot("csrf")  # filled per request
_CARDS = Markup("<!--idea-cards-->")
Value = TypeVar("Value")
# Address -> the ids of the ideas this process last listed there (see the module docstring).
_LAST_LISTED = LocalCopies(1024)
_LISTED_SECONDS = 300.0


@dataclass(frozen=True)
class ListedIdea:
    """What a vote button shows of an idea."""

    id: int
    title: str
    vote_count: int
    status: IdeaStatus

    @classmethod
    def of(cls, idea: Idea) -> ListedIdea:
        return cls(idea.id, idea.title, idea.vote_count, idea.status)


@dataclass(frozen=True)
class SharedListing:
    html: str  # the cards and pagination, with a vote slot per card
    total: int
    ideas: tuple[ListedIdea, ...]
    # (idea id, "guest" | "voted" | "unvoted") -> the button, CSRF token as a placeholder
    buttons: dict[tuple[int, str], str]


def _render(actor: User | None, flt: queries.IdeaFilter, page: int) -> SharedListing:
    ideas = queries.idea_list(actor, flt, page)
    listed = tuple(ListedIdea.of(i) for i in ideas.items)
    html = render_template("ideas/_idea_list.html", ideas=ideas, flt=flt, vote_slots=True)
    # Every variant of every button, rendered once with the list: a request then only picks
    # and fills in (rendering twenty buttons per request cost a third of a member's page).
    parts = _BUTTON.split(
        render_template("ideas/_vote_buttons.html", ideas=listed, csrf_placeholder=_TOKEN)
    )
    buttons = {
        (int(idea_id), variant): button
        for idea_id, variant, button in zip(parts[1::3], parts[2::3], parts[3::3], strict=True)
    }
    return SharedListing(html, ideas.total or 0, listed, buttons)


def shared_listing(actor: User | None, flt: queries.IdeaFilter, page: int) -> SharedListing:
    return _shared("idea-list", actor, lambda: _render(actor, flt, page))


def around_cards(actor: User | None, cards: Markup, render: Callable[[Markup], str]) -> Markup:
    """The list page's content (tabs, filters, sorting) around these cards. It is the same
    for everyone of one audience, so it is rendered once per cache generation with a slot
    for the cards; a member's page was spending a sixth of its time rendering it anew."""
    page = _shared("idea-page", actor, lambda: render(_CARDS))
    return Markup(page.replace(_CARDS, cards, 1))  # noqa: S704 - rendered with autoescape


def _shared(kind: str, actor: User | None, render: Callable[[], Value]) -> Value:
    audience = queries.list_audience(actor)
    if audience is None:  # a member whose own hidden ideas make their lists theirs alone
        return render()
    name = f"{kind}:{audience}:{request.script_root}{request.full_path}"  # + the language
    return page_cache.remember(name, render)


def personalised(listing: SharedListing, actor: User | None) -> Markup:
    """The shared cards with this person's vote buttons in their slots."""
    if actor is None or not actor.is_authenticated:
        chosen = {idea.id: listing.buttons[(idea.id, "guest")] for idea in listing.ideas}
    else:
        voted = _votes_of(actor, listing)
        token = form_token()  # URL-safe characters only: nothing to escape
        chosen = {
            idea.id: listing.buttons[(idea.id, "voted" if idea.id in voted else "unvoted")].replace(
                _TOKEN, token
            )
            for idea in listing.ideas
        }
    html = _SLOT.sub(lambda m: chosen.get(int(m.group(1)), ""), listing.html)
    _LAST_LISTED.put(_address(), tuple(idea.id for idea in listing.ideas), _LISTED_SECONDS)
    return Markup(html)  # noqa: S704 - both parts are rendered by autoescaping templates


def _address() -> str:
    return request.script_root + request.full_path


def listed_before(_view_args: dict[str, Any]) -> dict[str, Any]:
    """The parameters of queries.member_and_voted_among: the ideas last listed here."""
    g.votes_asked_about = listed = _LAST_LISTED.get(_address()) or ()
    return {"listed": list(listed)}


def _votes_of(actor: User, listing: SharedListing) -> set[int]:
    """Which of the listed ideas the member voted for: from the statement that loaded them
    when it asked about every one of these ideas, else read now."""
    shown = {idea.id for idea in listing.ideas}
    read = with_member()
    if read is not None and shown <= set(g.pop("votes_asked_about", ())):
        return queries.voted_among(read[0]) & shown
    return queries.voted_idea_ids(actor, list(listing.ideas))
