"""The vote button a click on Vote is answered with, rendered once per kind and filled per click.

The button shows the same markup for every idea of one status, in one language and state
(voted or not, full or small); only the idea's id (the button's own and in its links), count
and title and the member's CSRF token differ. Rendering its template was a seventh of a vote's
time, so it is rendered once per such kind with slots (`core.slots`), and each click fills them.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from markupsafe import Markup

from ideaportal.core.csrf import form_token
from ideaportal.core.slots import Fragment, slot, slotted_url
from ideaportal.ideas.models import Idea, IdeaStatus


def _context(voted: bool, status: IdeaStatus) -> dict[str, Any]:
    # What the template reads of an idea, with slots for what differs from idea to idea.
    idea = SimpleNamespace(
        id=slot("id"), title=slot("title"), vote_count=slot("count"), status=status
    )
    return {
        "idea": idea,
        "voted": voted,
        "as_member": True,
        "vote_url": slotted_url("ideas.vote", idea_id="id"),
        "next_url": slotted_url("ideas.detail", idea_id="id"),
        "csrf_placeholder": slot("csrf"),
    }


_FULL = Fragment("ideas/_vote_button.html", _context)
_SMALL = Fragment("ideas/_vote_button_small.html", _context)


def vote_button(idea: Idea, voted: bool, *, small: bool = False) -> Markup:
    """The member's vote button for the idea, as the vote's answer (htmx swaps it in)."""
    return (_SMALL if small else _FULL).render(
        (voted, idea.status),
        {
            "id": str(idea.id),
            "count": str(idea.vote_count),
            "title": idea.title,
            "csrf": form_token(),
        },
    )
