"""/api/v1 statuses: the workflow, an idea's status history, and changing the status."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from ideaportal.api import auth
from ideaportal.api.blueprint import bp
from ideaportal.api.common import STATUS_VALUES, PersonSchema, Timestamp
from ideaportal.api.operations import operation
from ideaportal.ideas import queries, services
from ideaportal.ideas.models import STATUS_TRANSITIONS, IdeaStatus
from ideaportal.ideas.services import STATUS_NOTE_MAX

TAG = "Statuses"


class StatusSchema(Schema):
    value = fields.String(required=True, metadata={"example": "planned"})
    label = fields.String(required=True, metadata={"example": "Planned"})
    is_open = fields.Boolean(required=True, metadata={"description": "Still collects votes"})
    next = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "Statuses a product manager may move it to"},
    )


class StatusChangeSchema(Schema):
    id = fields.Integer(required=True)
    from_status = fields.Function(
        lambda c: c.from_status.value, required=True, metadata={"type": "string"}
    )
    to_status = fields.Function(
        lambda c: c.to_status.value, required=True, metadata={"type": "string"}
    )
    note = fields.String(required=True)
    reported_by = fields.String(
        attribute="source",
        required=True,
        allow_none=True,
        metadata={"description": "The product team's tool that reported it, if any"},
    )
    actor = fields.Nested(PersonSchema, required=True, allow_none=True)
    created_at = Timestamp(required=True)


class StatusChangeRequest(Schema):
    status = fields.String(
        required=True, validate=validate.OneOf([s for s in STATUS_VALUES if s != "merged"])
    )
    note = fields.String(
        load_default="",
        validate=validate.Length(max=STATUS_NOTE_MAX),
        metadata={"description": "Public; required when declining"},
    )


@operation(
    bp,
    "/statuses",
    "GET",
    summary="The status workflow",
    tag=TAG,
    scope=None,
    response=StatusSchema,
    many=True,
)
def list_statuses(caller: Any) -> list[dict[str, Any]]:
    return [
        {
            "value": s.value,
            "label": s.label,
            "is_open": s.is_open,
            "next": [n.value for n in IdeaStatus if n in STATUS_TRANSITIONS[s]],
        }
        for s in IdeaStatus
    ]


@operation(
    bp,
    "/ideas/<int:idea_id>/status-history",
    "GET",
    summary="An idea's status changes",
    tag=TAG,
    scope=None,
    response=StatusChangeSchema,
    many=True,
    errors=(404,),
    description="Newest first.",
)
def status_history(caller: Any, idea_id: int) -> list[Any]:
    return queries.status_timeline(services.get_idea(caller, idea_id))


@operation(
    bp,
    "/ideas/<int:idea_id>/status",
    "POST",
    summary="Change an idea's status",
    tag=TAG,
    scope="admin",
    body=StatusChangeRequest,
    response=StatusChangeSchema,
    status=201,
    errors=(404,),
    description="Product managers; every voter and follower is told.",
    body_example={"status": "planned", "note": "In the Q3 plan."},
)
def change_status(caller: Any, idea_id: int, body: dict[str, Any]) -> Any:
    actor = auth.member(caller)
    idea = services.get_idea(actor, idea_id)
    return services.change_status(actor, idea, IdeaStatus(body["status"]), body["note"])
