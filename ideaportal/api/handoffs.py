"""/api/v1 teams and hand-offs: hand an idea to a product team, follow its webhook
deliveries, redeliver, and the signed status callback the team's tool sends back."""

from __future__ import annotations

import time
from typing import Any

from flask import request
from marshmallow import Schema, fields, validate

from ideaportal.api import auth
from ideaportal.api.blueprint import bp
from ideaportal.api.common import PersonSchema, RefId, Timestamp
from ideaportal.api.operations import operation
from ideaportal.core.permissions import require
from ideaportal.core.request_input import body_bytes
from ideaportal.extensions import db
from ideaportal.ideas import services as ideas
from ideaportal.triage import secrets, services, signing
from ideaportal.triage.services import CALLBACK_STATES
from ideaportal.triage.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER

TAG = "Hand-offs"


class TeamSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    has_webhook = fields.Function(
        lambda t: bool(t.webhook_url), required=True, metadata={"type": "boolean"}
    )
    members = fields.List(fields.Nested(PersonSchema), required=True)


class AttemptSchema(Schema):
    attempted_at = Timestamp(required=True)
    status_code = fields.Integer(required=True, allow_none=True)
    duration_ms = fields.Integer(required=True)
    error = fields.String(required=True, allow_none=True)


class DeliverySchema(Schema):
    id = fields.Integer(required=True)
    event = fields.String(required=True, metadata={"example": "handoff.created"})
    state = fields.Function(
        lambda d: d.state.value,
        required=True,
        metadata={"type": "string", "enum": ["pending", "delivered", "failed"]},
    )
    attempts = fields.Integer(required=True)
    next_attempt_at = Timestamp(required=True)
    created_at = Timestamp(required=True)
    delivered_at = Timestamp(required=True, allow_none=True)
    attempt_log = fields.List(fields.Nested(AttemptSchema), required=True)


class HandoffSchema(Schema):
    id = fields.Integer(required=True)
    idea_id = fields.Integer(required=True)
    team = fields.Nested(TeamSchema(only=("id", "name")), required=True)
    state = fields.Function(
        lambda h: h.state.value,
        required=True,
        metadata={"type": "string", "enum": ["sent", "in_progress", "shipped", "declined"]},
    )
    external_key = fields.String(required=True, allow_none=True)
    external_url = fields.String(required=True, allow_none=True)
    created_at = Timestamp(required=True)


class HandoffCreate(Schema):
    team_id = RefId(required=True)


class StatusCallback(Schema):
    event_id = fields.String(
        required=True,
        validate=validate.Length(min=1, max=120),
        error_messages={"required": "event_id is required (at most 120 characters)."},
    )
    status = fields.String(
        required=True,
        validate=validate.OneOf(
            list(CALLBACK_STATES), error="status must be in_progress, shipped or declined."
        ),
    )
    note = fields.String(load_default="", validate=validate.Length(max=2000))
    external_url = fields.String(
        validate=[
            validate.Length(max=500),
            validate.URL(
                schemes={"http", "https"}, require_tld=False, error="Give an http(s) URL."
            ),
        ],
        metadata={"format": "uri"},
    )
    external_key = fields.String(validate=validate.Length(max=120))


class CallbackResult(Schema):
    applied = fields.Boolean(required=True)
    duplicate = fields.Boolean(required=True)
    handoff = fields.Nested(HandoffSchema(only=("id", "state")), required=True)
    idea_status = fields.String(required=True)


@operation(
    bp,
    "/teams",
    "GET",
    summary="Product teams",
    tag=TAG,
    scope="admin",
    response=TeamSchema,
    many=True,
)
def list_teams(caller: Any) -> list[Any]:
    require(caller, "triage", None, "Only product managers see the teams.")
    return services.list_teams()


@operation(
    bp,
    "/ideas/<int:idea_id>/handoffs",
    "GET",
    summary="An idea's hand-offs",
    tag=TAG,
    scope="admin",
    response=HandoffSchema,
    many=True,
    errors=(404,),
)
def list_handoffs(caller: Any, idea_id: int) -> list[Any]:
    idea = ideas.get_idea(caller, idea_id)
    require(caller, "hand_off", idea, "Only product managers see hand-offs.")
    return services.handoffs_of(idea)


@operation(
    bp,
    "/ideas/<int:idea_id>/handoffs",
    "POST",
    summary="Hand an idea off to a team",
    tag=TAG,
    scope="admin",
    body=HandoffCreate,
    response=HandoffSchema,
    status=201,
    errors=(404, 409),
    description="Queues a signed webhook to the team (event handoff.created) when the team "
    "has a webhook URL. 409 when the team already has the idea.",
    body_example={"team_id": 1},
)
def create_handoff(caller: Any, idea_id: int, body: dict[str, Any]) -> Any:
    actor = auth.member(caller)
    idea = ideas.get_idea(actor, idea_id)
    require(actor, "hand_off", idea, "Only product managers hand ideas off.")
    return services.hand_off(actor, idea, services.get_team(body["team_id"]))


@operation(
    bp,
    "/handoffs/<int:handoff_id>/deliveries",
    "GET",
    summary="A hand-off's webhook deliveries",
    tag=TAG,
    scope="admin",
    response=DeliverySchema,
    many=True,
    errors=(404,),
    description="Newest first, each with its attempts (status code, time, error).",
)
def list_deliveries(caller: Any, handoff_id: int) -> list[Any]:
    handoff = services.get_handoff(handoff_id)
    require(caller, "hand_off", ideas.get_idea(caller, handoff.idea_id))
    return list(handoff.deliveries)


@operation(
    bp,
    "/handoff-deliveries/<int:delivery_id>/redeliver",
    "POST",
    summary="Send a hand-off webhook again",
    tag=TAG,
    scope="admin",
    response=DeliverySchema,
    status=201,
    errors=(404,),
)
def redeliver(caller: Any, delivery_id: int) -> Any:
    actor = auth.member(caller)
    delivery = services.get_delivery(delivery_id)
    ideas.get_idea(actor, delivery.handoff.idea_id)
    fresh = services.redeliver(actor, delivery)
    db.session.refresh(fresh)  # a queue that runs at once has already sent it
    return fresh


def _verify_signature(handoff_id: int) -> None:
    """Unsigned or stale callbacks learn nothing about what a valid body looks like."""
    handoff = services.get_handoff(handoff_id)
    signing.verify(
        secrets.decrypt(handoff.team.secret_encrypted),
        request.headers.get(TIMESTAMP_HEADER),
        request.headers.get(SIGNATURE_HEADER),
        body_bytes(),
        int(time.time()),
    )


@operation(
    bp,
    "/handoffs/<int:handoff_id>/status",
    "POST",
    summary="Status callback from a product team's tool",
    tag=TAG,
    scope=None,
    body=StatusCallback,
    response=CallbackResult,
    errors=(401, 404, 409),
    description="Signed like the webhooks, not with a token: X-IdeaPortal-Timestamp (Unix "
    "seconds, within 5 minutes) and X-IdeaPortal-Signature: sha256=HMAC-SHA256(secret, "
    "timestamp + '.' + raw body). Idempotent by event_id.",
    body_example={"event_id": "JIRA-812-done", "status": "shipped", "note": "In 4.2"},
    before_body=_verify_signature,
)
def handoff_status(caller: Any, handoff_id: int, body: dict[str, Any]) -> dict[str, Any]:
    applied, handoff = services.receive_status_callback(
        handoff_id,
        body_bytes(),  # the body the signature was checked on (read once, cached)
        request.headers.get(TIMESTAMP_HEADER),
        request.headers.get(SIGNATURE_HEADER),
    )
    return {
        "applied": applied,
        "duplicate": not applied,
        "handoff": handoff,
        "idea_status": handoff.idea.status.value,
    }
