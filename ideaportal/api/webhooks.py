"""/api/v1/webhooks: admins subscribe URLs to events, read the delivery log, redeliver."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from marshmallow import Schema, fields, validate

from ideaportal.api import auth
from ideaportal.api.blueprint import bp
from ideaportal.api.common import StrictBool, Timestamp
from ideaportal.api.handoffs import AttemptSchema
from ideaportal.api.operations import operation
from ideaportal.webhooks import services
from ideaportal.webhooks.models import EVENT_NAMES

TAG = "Event webhooks"
Events = fields.List(
    fields.String(validate=validate.OneOf(EVENT_NAMES)),
    validate=validate.Length(min=1, max=len(EVENT_NAMES)),
)


class SubscriptionSchema(Schema):
    id = fields.Integer(required=True)
    url = fields.String(required=True)
    description = fields.String(required=True)
    events = fields.Function(
        lambda s: s.event_list,
        required=True,
        metadata={"type": "array", "items": {"type": "string", "enum": list(EVENT_NAMES)}},
    )
    active = fields.Boolean(required=True)
    created_at = Timestamp(required=True)


class CreatedSubscription(SubscriptionSchema):
    secret = fields.String(
        required=True,
        metadata={"description": "Signing secret, shown only in this response"},
    )


class SubscriptionCreate(Schema):
    url = fields.String(
        required=True, validate=validate.Length(min=1, max=500), metadata={"format": "uri"}
    )
    events = fields.List(
        fields.String(validate=validate.OneOf(EVENT_NAMES)),
        required=True,
        validate=validate.Length(min=1, max=len(EVENT_NAMES)),
    )
    description = fields.String(load_default="", validate=validate.Length(max=200))


class SubscriptionPatch(Schema):
    url = fields.String(validate=validate.Length(min=1, max=500), metadata={"format": "uri"})
    events = Events
    description = fields.String(validate=validate.Length(max=200))
    active = StrictBool()


class EventDeliverySchema(Schema):
    id = fields.Integer(required=True)
    event = fields.String(required=True)
    event_id = fields.Function(
        lambda d: d.payload.get("event_id"), required=True, metadata={"type": "string"}
    )
    state = fields.Function(
        lambda d: d.state.value,
        required=True,
        metadata={"type": "string", "enum": ["pending", "delivered", "failed"]},
    )
    attempts = fields.Integer(required=True)
    created_at = Timestamp(required=True)
    delivered_at = Timestamp(required=True, allow_none=True)
    attempt_log = fields.List(fields.Nested(AttemptSchema), required=True)


class DeliveriesQuery(Schema):
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


@operation(
    bp,
    "/webhooks",
    "GET",
    summary="Event webhook subscriptions",
    tag=TAG,
    scope="admin",
    response=SubscriptionSchema,
    many=True,
)
def list_webhooks(caller: Any) -> list[Any]:
    return services.list_subscriptions(auth.member(caller))


@operation(
    bp,
    "/webhooks",
    "POST",
    summary="Subscribe a URL to events",
    tag=TAG,
    scope="admin",
    body=SubscriptionCreate,
    response=CreatedSubscription,
    status=201,
    description="Returns the signing secret once. Each event is POSTed as signed JSON "
    "(see the README for payloads and how to verify the signature).",
    body_example={
        "url": "https://crm.example.com/hooks/ideaportal",
        "events": ["idea.created", "idea.status_changed"],
    },
)
def create_webhook(caller: Any, body: dict[str, Any]) -> SimpleNamespace:
    item, secret = services.subscribe(
        auth.member(caller),
        url=body["url"],
        events=body["events"],
        description=body["description"],
    )
    # The secret is no attribute of the row (only its encrypted form is): answer a view.
    fields_ = ("id", "url", "description", "event_list", "active", "created_at")
    return SimpleNamespace(**{name: getattr(item, name) for name in fields_}, secret=secret)


@operation(
    bp,
    "/webhooks/<int:subscription_id>",
    "GET",
    summary="Get a subscription",
    tag=TAG,
    scope="admin",
    response=SubscriptionSchema,
    errors=(404,),
)
def get_webhook(caller: Any, subscription_id: int) -> Any:
    return services.get_subscription(auth.member(caller), subscription_id)


@operation(
    bp,
    "/webhooks/<int:subscription_id>",
    "PATCH",
    summary="Change a subscription",
    tag=TAG,
    scope="admin",
    body=SubscriptionPatch,
    response=SubscriptionSchema,
    errors=(404,),
    description="active=false pauses it; pending deliveries then fail.",
)
def update_webhook(caller: Any, subscription_id: int, body: dict[str, Any]) -> Any:
    actor = auth.member(caller)
    return services.update_subscription(
        actor, services.get_subscription(actor, subscription_id), **body
    )


@operation(
    bp,
    "/webhooks/<int:subscription_id>",
    "DELETE",
    summary="Remove a subscription",
    tag=TAG,
    scope="admin",
    status=204,
    errors=(404,),
)
def delete_webhook(caller: Any, subscription_id: int) -> None:
    actor = auth.member(caller)
    services.unsubscribe(actor, services.get_subscription(actor, subscription_id))


@operation(
    bp,
    "/webhooks/<int:subscription_id>/deliveries",
    "GET",
    summary="A subscription's delivery log",
    tag=TAG,
    scope="admin",
    query=DeliveriesQuery,
    response=EventDeliverySchema,
    many=True,
    errors=(404,),
    description="Newest first.",
)
def list_webhook_deliveries(caller: Any, subscription_id: int, args: dict[str, Any]) -> list[Any]:
    actor = auth.member(caller)
    item = services.get_subscription(actor, subscription_id)
    return services.deliveries_of(actor, item, limit=args["limit"])


@operation(
    bp,
    "/webhook-deliveries/<int:delivery_id>/redeliver",
    "POST",
    summary="Send an event again",
    tag=TAG,
    scope="admin",
    response=EventDeliverySchema,
    status=201,
    errors=(404,),
    description="A new delivery with the same payload and event_id.",
)
def redeliver_webhook(caller: Any, delivery_id: int) -> Any:
    actor = auth.member(caller)
    return services.redeliver(actor, services.get_delivery(actor, delivery_id))
