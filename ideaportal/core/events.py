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


# What each receiver does in the sender's transaction, for a service that would commit its own
# write in one round trip when it is the whole transaction (ideas.counted_rows): a receiver
# says when it writes (`writes_when`). One that says nothing is taken to write, or to fail,
# whenever it is sent to, so its sender keeps the one transaction that rolls back with it.
_writes: dict[NamedSignal, dict[Callable[..., Any], Callable[..., bool]]] = {}


def writes_when(
    signal: NamedSignal, receiver: Callable[..., Any], will_write: Callable[..., bool]
) -> None:
    """Declare that `receiver` of `signal` writes in the sender's transaction only when
    `will_write(**the kwargs the signal is sent with)` is true, and otherwise cannot fail."""
    _writes.setdefault(signal, {})[receiver] = will_write


def will_write(signal: NamedSignal, sender: Any, **kwargs: Any) -> bool:
    """Whether sending `signal` from `sender` with these kwargs may make a receiver write
    (or fail) in the sender's transaction."""
    declared = _writes.get(signal, {})
    for receiver in signal.receivers_for(sender):
        writes = declared.get(receiver)
        if writes is None or writes(**kwargs):
            return True
    return False
