"""Domain events: services announce what happened; other modules subscribe (blinker)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from blinker import NamedSignal, Namespace

_signals = Namespace()

# sender: the Idea; kwargs: actor
idea_created = _signals.signal("idea-created")
# sender: the Idea; kwargs: actor
idea_updated = _signals.signal("idea-updated")
# sender: the Idea; kwargs: actor, change (StatusChange)
idea_status_changed = _signals.signal("idea-status-changed")
# sender: the Comment; kwargs: actor
comment_posted = _signals.signal("comment-posted")
# sender: the Idea; kwargs: actor, voted (bool)
vote_toggled = _signals.signal("vote-toggled")
# sender: the User; kwargs: token (str)
password_reset_requested = _signals.signal("password-reset-requested")
# sender: the User
user_registered = _signals.signal("user-registered")
# sender: the source Idea; kwargs: actor, target, merge, audience (user ids told)
ideas_merged = _signals.signal("ideas-merged")
# sender: the source Idea; kwargs: actor, target, merge, audience
ideas_unmerged = _signals.signal("ideas-unmerged")
# sender: the Handoff; kwargs: actor (who handed the idea to the team)
handoff_created = _signals.signal("handoff-created")
# sender: the Handoff; kwargs: delivery (WebhookDelivery) whose last attempt failed for good
handoff_delivery_failed = _signals.signal("handoff-delivery-failed")
# sender: the Announcement; once, by whoever published it (by hand or on schedule)
announcement_published = _signals.signal("announcement-published")
# sender: the Idea (about to be deleted; its rows still readable); kwargs: actor
idea_deleted = _signals.signal("idea-deleted")


# A subscriber that writes in the sender's transaction says when it will (`writes_when`), so
# a service can know before it writes whether its write is the whole transaction: a click
# that is commits with its write in one round trip (ideas.counted_rows).
_writers: dict[NamedSignal, set[Callable[..., bool]]] = {}


def writes_when(signal: NamedSignal, will_write: Callable[..., bool]) -> None:
    """Declare that a receiver of `signal` writes in the sender's transaction whenever
    `will_write(**the kwargs the signal is sent with)` is true."""
    _writers.setdefault(signal, set()).add(will_write)


def will_write(signal: NamedSignal, **kwargs: Any) -> bool:
    """Whether sending `signal` with these kwargs makes a receiver write."""
    return any(writes(**kwargs) for writes in _writers.get(signal, ()))
