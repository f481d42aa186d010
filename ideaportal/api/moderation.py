"""/api/v1 moderation: members flag ideas and comments; moderators work the cases."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from ideaportal.api import auth
from ideaportal.api.blueprint import bp
from ideaportal.api.common import RefId, StrictInt, Timestamp
from ideaportal.api.operations import operation
from ideaportal.community import moderation
from ideaportal.community.models import CaseState, FlagReason
from ideaportal.ideas import services as ideas

TAG = "Moderation"
REASONS = [r.value for r in FlagReason if r != FlagReason.AUTOMATIC]


class FlagRequest(Schema):
    target_type = fields.String(required=True, validate=validate.OneOf(["idea", "comment"]))
    target_id = RefId(required=True)
    reason = fields.String(required=True, validate=validate.OneOf(REASONS))
    details = fields.String(
        load_default="",
        validate=validate.Length(max=2000),
        metadata={"description": "Needed for reason=other"},
    )


class FlagResult(Schema):
    received = fields.Boolean(required=True)


class FlagSchema(Schema):
    reason = fields.Function(lambda f: f.reason.value, required=True, metadata={"type": "string"})
    details = fields.String(required=True)
    created_at = Timestamp(required=True)


class CaseSchema(Schema):
    id = fields.Integer(required=True)
    target_type = fields.String(required=True, metadata={"enum": ["idea", "comment"]})
    target_id = fields.Integer(required=True)
    state = fields.Function(
        lambda c: c.state.value,
        required=True,
        metadata={"type": "string", "enum": ["open", "resolved"]},
    )
    level = fields.Integer(
        required=True, metadata={"description": "1 moderators, 2 community managers, 3 crisis"}
    )
    severity = fields.Integer(required=True)
    opened_at = Timestamp(required=True)
    resolved_at = Timestamp(required=True, allow_none=True)
    resolution = fields.String(required=True, allow_none=True)
    resolution_note = fields.String(required=True, allow_none=True)
    flags = fields.List(fields.Nested(FlagSchema), required=True)


class CaseQuery(Schema):
    state = fields.String(load_default="open", validate=validate.OneOf(["open", "resolved"]))
    level = fields.Integer(validate=validate.Range(min=1, max=3))


class ActionRequest(Schema):
    action = fields.String(required=True, validate=validate.OneOf(sorted(moderation.ACTION_LEVEL)))
    reason = fields.String(
        required=True,
        validate=validate.Length(min=1, max=2000),
        metadata={"description": "Shown to the author"},
    )
    new_text = fields.String(
        validate=validate.Length(min=1, max=10_000), metadata={"description": "For action=edit"}
    )
    days = StrictInt(
        validate=validate.Range(min=1, max=365), metadata={"description": "For action=suspend"}
    )


class EscalateRequest(Schema):
    level = StrictInt(required=True, validate=validate.Range(min=1, max=3))
    note = fields.String(required=True, validate=validate.Length(min=1, max=2000))


@operation(
    bp,
    "/flags",
    "POST",
    summary="Flag an idea or comment",
    tag=TAG,
    scope="write",
    body=FlagRequest,
    response=FlagResult,
    status=201,
    errors=(404,),
    description="Opens (or joins) a moderation case. The reporter stays anonymous to the author.",
    body_example={"target_type": "comment", "target_id": 12, "reason": "spam"},
)
def flag(caller: Any, body: dict[str, Any]) -> dict[str, Any]:
    actor = auth.member(caller)
    target = moderation.load_target(body["target_type"], body["target_id"])
    idea_id = target.id if body["target_type"] == "idea" else target.idea_id
    ideas.get_idea(actor, idea_id)  # 404 for what the caller cannot see
    if body["target_type"] == "comment":
        ideas.get_comment(actor, target.id)
    moderation.flag(actor, target, FlagReason(body["reason"]), body["details"])
    return {"received": True}


@operation(
    bp,
    "/moderation/cases",
    "GET",
    summary="The moderation queue",
    tag=TAG,
    scope="admin",
    query=CaseQuery,
    response=CaseSchema,
    many=True,
    description="Highest level and severity first (moderators).",
)
def list_cases(caller: Any, args: dict[str, Any]) -> list[Any]:
    items = moderation.queue(
        auth.member(caller), state=CaseState(args["state"]), level=args.get("level")
    )
    return [item.case for item in items]


@operation(
    bp,
    "/moderation/cases/<int:case_id>",
    "GET",
    summary="A moderation case",
    tag=TAG,
    scope="admin",
    response=CaseSchema,
    errors=(404,),
)
def get_case(caller: Any, case_id: int) -> Any:
    return moderation.get_case(auth.member(caller), case_id)


@operation(
    bp,
    "/moderation/cases/<int:case_id>/actions",
    "POST",
    summary="Act on a case",
    tag=TAG,
    scope="admin",
    body=ActionRequest,
    response=CaseSchema,
    status=201,
    errors=(404, 409),
    description="hide, restore, edit, warn, dismiss (level 1); suspend, lock, reopen_thread "
    "(level 2); slow_mode, read_only (level 3). The author is told why.",
    body_example={"action": "hide", "reason": "Advertising"},
)
def act(caller: Any, case_id: int, body: dict[str, Any]) -> Any:
    actor = auth.member(caller)
    case = moderation.get_case(actor, case_id)
    return moderation.act(
        actor,
        case,
        body["action"],
        reason=body["reason"],
        new_text=body.get("new_text"),
        days=body.get("days"),
    )


@operation(
    bp,
    "/moderation/cases/<int:case_id>/escalate",
    "POST",
    summary="Escalate a case",
    tag=TAG,
    scope="admin",
    body=EscalateRequest,
    response=CaseSchema,
    errors=(404, 409),
)
def escalate(caller: Any, case_id: int, body: dict[str, Any]) -> Any:
    actor = auth.member(caller)
    return moderation.escalate(
        actor, moderation.get_case(actor, case_id), body["level"], body["note"]
    )
