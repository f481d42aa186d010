"""Event webhook use cases: subscribe, change, remove, fan an event out to its subscribers,
deliver, redeliver. Admins only (can(actor, "manage_webhooks"))."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import cache
from typing import Any

from sqlalchemy import Select, select

from ideaportal.accounts.models import User
from ideaportal.core import audit, generations
from ideaportal.core.errors import NotFound, ValidationFailed
from ideaportal.core.i18n import gettext as _
from ideaportal.core.lazy_begin import commit_waits_for_flush
from ideaportal.core.local_copies import LocalCopies
from ideaportal.core.model_base import utcnow
from ideaportal.core.outbox import send_due
from ideaportal.core.permissions import require
from ideaportal.extensions import db
from ideaportal.jobs import enqueue_after_commit
from ideaportal.triage import outbound, secrets
from ideaportal.webhooks import dispatch
from ideaportal.webhooks.models import (
    EVENT_NAMES,
    EventDelivery,
    EventDeliveryAttempt,
    EventSubscription,
)
from ideaportal.webhooks.tasks import deliver_event_webhooks


def list_subscriptions(actor: User) -> list[EventSubscription]:
    require(actor, "manage_webhooks")
    return list(db.session.scalars(select(EventSubscription).order_by(EventSubscription.id)))


def get_subscription(actor: User, subscription_id: int) -> EventSubscription:
    require(actor, "manage_webhooks")
    item = db.session.get(EventSubscription, subscription_id)
    if item is None:
        raise NotFound(_("No such webhook subscription."))
    return item


def _clean_events(events: list[str]) -> str:
    wanted = sorted(set(events))
    if not wanted:
        raise ValidationFailed(_("Choose at least one event."), field="events")
    unknown = [e for e in wanted if e not in EVENT_NAMES]
    if unknown:
        raise ValidationFailed(
            _(
                "Unknown event %(event)s; choose from %(events)s.",
                event=repr(unknown[0]),
                events=", ".join(EVENT_NAMES),
            ),
            field="events",
        )
    return " ".join(wanted)


def subscribe(
    actor: User, *, url: str, events: list[str], description: str = ""
) -> tuple[EventSubscription, str]:
    """A new subscription; returns it with its signing secret in clear (shown once)."""
    require(actor, "manage_webhooks")
    url = url.strip()
    outbound.check_target(url, dispatch.policy())
    clear = secrets.new_secret()
    item = EventSubscription(
        url=url,
        events=_clean_events(events),
        description=" ".join(description.split())[:200],
        secret_encrypted=secrets.encrypt(clear),
        created_by_id=actor.id,
    )
    db.session.add(item)
    db.session.flush()
    audit.record(actor, "webhook.subscribed", item, f"Webhook {url} subscribed to {item.events}")
    db.session.commit()
    return item, clear


def update_subscription(
    actor: User,
    item: EventSubscription,
    *,
    url: str | None = None,
    events: list[str] | None = None,
    description: str | None = None,
    active: bool | None = None,
) -> EventSubscription:
    require(actor, "manage_webhooks")
    if url is not None:
        outbound.check_target(url.strip(), dispatch.policy())
        item.url = url.strip()
    if events is not None:
        item.events = _clean_events(events)
    if description is not None:
        item.description = " ".join(description.split())[:200]
    if active is not None:
        item.active = active
    audit.record(actor, "webhook.updated", item, f"Webhook {item.url} changed")
    db.session.commit()
    return item


def unsubscribe(actor: User, item: EventSubscription) -> None:
    require(actor, "manage_webhooks")
    audit.record(actor, "webhook.removed", item, f"Webhook {item.url} removed")
    db.session.delete(item)
    db.session.commit()


def deliveries_of(actor: User, item: EventSubscription, limit: int = 50) -> list[EventDelivery]:
    require(actor, "manage_webhooks")
    return list(
        db.session.scalars(
            select(EventDelivery)
            .where(EventDelivery.subscription_id == item.id)
            .order_by(EventDelivery.id.desc())
            .limit(limit)
        )
    )


def get_delivery(actor: User, delivery_id: int) -> EventDelivery:
    require(actor, "manage_webhooks")
    delivery = db.session.get(EventDelivery, delivery_id)
    if delivery is None:
        raise NotFound(_("No such delivery."))
    return delivery


def redeliver(actor: User, delivery: EventDelivery) -> EventDelivery:
    """Send the same event (same event_id, so receivers can tell it is a repeat) again."""
    require(actor, "manage_webhooks")
    fresh = EventDelivery(
        subscription_id=delivery.subscription_id, event=delivery.event, payload=delivery.payload
    )
    db.session.add(fresh)
    db.session.flush()
    audit.record(
        actor, "webhook.redelivered", delivery.subscription, f"{delivery.event} sent again"
    )
    enqueue_after_commit(deliver_event_webhooks)
    db.session.commit()
    db.session.refresh(fresh)  # a queue that runs at once has already sent it
    return fresh


@cache
def _active_subscriptions() -> Select[Any]:
    # Built once: a statement built anew costs a fresh cache key.
    table = EventSubscription.__table__
    return select(table.c.id, table.c.events).where(table.c.active.is_(True))


# Moved by every committed write to the subscriptions (core.generations).
SUBSCRIPTIONS_GENERATION = "event-subscriptions-v1"
generations.bump_on_commit(EventSubscription.__tablename__, SUBSCRIPTIONS_GENERATION)
# A change made outside the app (psql) moves no generation: copies are read again this often.
SUBSCRIPTIONS_COPY_SECONDS = 60.0
# Under the generation they were read at: a value names one store (so one database).
_copies = LocalCopies(size=4)

Subscriptions = tuple[tuple[int, str], ...]  # (id, the event names it wants, space-separated)


def _read_subscriptions() -> Subscriptions:
    # Core on the session's connection: the caller's transaction, without the ORM's overhead.
    rows = db.session.connection().execute(_active_subscriptions())
    return tuple((int(sub_id), str(events)) for sub_id, events in rows)


def _subscriptions_copy() -> Subscriptions:
    """This process's copy of the active subscriptions, read again after every committed
    change of them: it is kept under their generation, which such a change moves in the
    store all the node's processes (with Redis, all nodes) read, and for a minute at most.
    Where the generation is this process's own (simple://, null://), no copy is kept, and
    none is used while it cannot be read (Redis down)."""
    store = generations.named(SUBSCRIPTIONS_GENERATION)
    if not store.shared:
        return _read_subscriptions()
    # Read before the rows: a change committed after this read moves it again.
    seen = generations.current(SUBSCRIPTIONS_GENERATION)
    if seen is None:  # Redis unreachable: the event still goes out
        return _read_subscriptions()
    rows: Subscriptions | None = _copies.get(seen)
    if rows is None:
        rows = _read_subscriptions()
        _copies.put(seen, rows, SUBSCRIPTIONS_COPY_SECONDS)
    return rows


def wants_event(event: str) -> bool:
    """Whether an active subscription wants the event, by this process's copy of them."""
    return any(event in wanted.split() for _, wanted in _subscriptions_copy())


def record_event(event: str, data: Callable[[], dict[str, Any]]) -> int:
    """Queue the event for every active subscription that wants it, in the caller's
    transaction (so a rolled-back change sends nothing); returns how many were queued.

    Every new vote and comment passes here. When no subscription wants the event, it costs
    a look at this process's copy of the subscriptions and nothing else: no query, and no
    payload (which loads the idea's board and author). When the copy names one, they are
    read again in the transaction, so an event is only ever queued for subscriptions that
    are there and active as it commits (a delivery for one removed meanwhile would fail
    the caller's write on its foreign key)."""
    if not wants_event(event):
        return 0
    subscribers = [sub_id for sub_id, wanted in _read_subscriptions() if event in wanted.split()]
    if not subscribers:
        return 0
    payload = {
        "event": event,
        "event_id": f"evt_{uuid.uuid4().hex}",
        "occurred_at": utcnow().isoformat() + "Z",
        "data": data(),
    }
    for sub_id in subscribers:
        db.session.add(EventDelivery(subscription_id=sub_id, event=event, payload=payload))
    # Subscribers hear of it once it is committed: it must then survive a crash, even in a
    # vote's transaction, which otherwise commits without waiting for the disk.
    commit_waits_for_flush(db.session.connection())
    enqueue_after_commit(deliver_event_webhooks)
    return len(subscribers)


def _target(delivery: EventDelivery) -> dispatch.Target | None:
    sub = delivery.subscription
    if sub is None or not sub.active:
        return None
    return dispatch.Target(sub.url, sub.secret_encrypted)


EVENT_DELIVERIES = dispatch.outbox(EventDelivery)


def deliver_due_events(limit: int = 100) -> int:
    return send_due(
        EVENT_DELIVERIES,
        lambda delivery: dispatch.send(delivery, _target(delivery), EventDeliveryAttempt),
        limit=limit,
        on_retry=lambda: enqueue_after_commit(deliver_event_webhooks),
    )
