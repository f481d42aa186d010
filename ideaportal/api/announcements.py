"""/api/v1 announcements: read the published ones; community managers write, schedule,
publish and archive."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from ideaportal.api import auth
from ideaportal.api.blueprint import bp
from ideaportal.api.common import RefId, Timestamp
from ideaportal.api.operations import operation
from ideaportal.community import announcements as service
from ideaportal.community.models import AnnouncementKind

TAG = "Announcements"
KINDS = [k.value for k in AnnouncementKind]


class AnnouncementSchema(Schema):
    id = fields.Integer(required=True)
    title = fields.String(required=True)
    body = fields.String(required=True, metadata={"description": "Markdown"})
    kind = fields.Function(
        lambda a: a.kind.value, required=True, metadata={"type": "string", "enum": KINDS}
    )
    state = fields.Function(
        lambda a: a.state.value,
        required=True,
        metadata={"type": "string", "enum": ["draft", "scheduled", "published", "archived"]},
    )
    publish_at = Timestamp(required=True, allow_none=True)
    published_at = Timestamp(required=True, allow_none=True)
    idea_ids = fields.Function(
        lambda a: [i.id for i in a.ideas],
        required=True,
        metadata={"type": "array", "items": {"type": "integer"}},
    )


class AnnouncementListQuery(Schema):
    kind = fields.String(validate=validate.OneOf(KINDS))
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class AnnouncementWrite(Schema):
    title = fields.String(required=True, validate=validate.Length(min=4, max=140))
    body = fields.String(load_default="", validate=validate.Length(max=20_000))
    kind = fields.String(load_default="general", validate=validate.OneOf(KINDS))
    idea_ids = fields.List(
        RefId(),
        load_default=list,
        validate=validate.Length(max=50),
    )
    publish_at = Timestamp(
        load_default=None, allow_none=True, metadata={"description": "UTC; null keeps a draft"}
    )


class AnnouncementPatch(Schema):
    title = fields.String(validate=validate.Length(min=4, max=140))
    body = fields.String(validate=validate.Length(max=20_000))
    kind = fields.String(validate=validate.OneOf(KINDS))
    idea_ids = fields.List(RefId(), validate=validate.Length(max=50))


class Schedule(Schema):
    publish_at = Timestamp(required=True, metadata={"description": "UTC"})


@operation(
    bp,
    "/announcements",
    "GET",
    summary="Published announcements",
    tag=TAG,
    scope=None,
    query=AnnouncementListQuery,
    response=AnnouncementSchema,
    many=True,
    description="Newest first.",
)
def list_announcements(caller: Any, args: dict[str, Any]) -> list[Any]:
    kind = AnnouncementKind(args["kind"]) if args.get("kind") else None
    return service.published(kind, args["limit"])


@operation(
    bp,
    "/announcements/<int:announcement_id>",
    "GET",
    summary="Get an announcement",
    tag=TAG,
    scope=None,
    response=AnnouncementSchema,
    errors=(404,),
    description="Drafts and scheduled posts only for community managers.",
)
def get_announcement(caller: Any, announcement_id: int) -> Any:
    return service.get(caller, announcement_id)


@operation(
    bp,
    "/announcements",
    "POST",
    summary="Write an announcement",
    tag=TAG,
    scope="admin",
    body=AnnouncementWrite,
    response=AnnouncementSchema,
    status=201,
    errors=(409,),
    description="A draft, or scheduled when publish_at is given. Community managers.",
    body_example={
        "title": "CSV export shipped",
        "body": "…",
        "kind": "changelog",
        "idea_ids": [42],
    },
)
def create_announcement(caller: Any, body: dict[str, Any]) -> Any:
    return service.save(
        auth.member(caller),
        None,
        title=body["title"],
        body=body["body"],
        kind=AnnouncementKind(body["kind"]),
        idea_ids=body["idea_ids"],
        publish_at=body["publish_at"],
    )


@operation(
    bp,
    "/announcements/<int:announcement_id>",
    "PATCH",
    summary="Edit an announcement",
    tag=TAG,
    scope="admin",
    body=AnnouncementPatch,
    response=AnnouncementSchema,
    errors=(404, 409),
)
def update_announcement(caller: Any, announcement_id: int, body: dict[str, Any]) -> Any:
    actor = auth.member(caller)
    item = service.get(actor, announcement_id)
    return service.save(
        actor,
        item,
        title=body.get("title", item.title),
        body=body.get("body", item.body),
        kind=AnnouncementKind(body["kind"]) if "kind" in body else item.kind,
        idea_ids=body.get("idea_ids", [i.id for i in item.ideas]),
        publish_at=item.publish_at,
    )


@operation(
    bp,
    "/announcements/<int:announcement_id>",
    "DELETE",
    summary="Archive an announcement",
    tag=TAG,
    scope="admin",
    status=204,
    errors=(404,),
    description="Archived posts leave the public lists; the row stays for the record.",
)
def archive_announcement(caller: Any, announcement_id: int) -> None:
    actor = auth.member(caller)
    service.archive(actor, service.get(actor, announcement_id))


@operation(
    bp,
    "/announcements/<int:announcement_id>/schedule",
    "POST",
    summary="Schedule an announcement",
    tag=TAG,
    scope="admin",
    body=Schedule,
    response=AnnouncementSchema,
    errors=(404, 409),
    description="The worker publishes it at publish_at (UTC), exactly once.",
)
def schedule_announcement(caller: Any, announcement_id: int, body: dict[str, Any]) -> Any:
    actor = auth.member(caller)
    return service.reschedule(actor, service.get(actor, announcement_id), body["publish_at"])


@operation(
    bp,
    "/announcements/<int:announcement_id>/publish",
    "POST",
    summary="Publish now",
    tag=TAG,
    scope="admin",
    response=AnnouncementSchema,
    errors=(404, 409),
    description="Followers of linked ideas are told; a changelog ships its open ideas.",
)
def publish_announcement(caller: Any, announcement_id: int) -> Any:
    actor = auth.member(caller)
    return service.publish_now(actor, service.get(actor, announcement_id))
