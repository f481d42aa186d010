"""/api/v1 comments: list an idea's discussion, post, edit, delete, mark official."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from ideaportal.api import auth
from ideaportal.api.blueprint import bp
from ideaportal.api.common import PersonSchema, RefId, StrictBool, Timestamp
from ideaportal.api.operations import operation
from ideaportal.ideas import queries, services
from ideaportal.ideas.services import COMMENT_MAX

TAG = "Comments"


class CommentSchema(Schema):
    id = fields.Integer(required=True)
    idea_id = fields.Integer(required=True)
    parent_id = fields.Integer(required=True, allow_none=True)
    body = fields.Method(
        "_body",
        required=True,
        metadata={"type": "string", "description": "Markdown; empty once deleted"},
    )
    author = fields.Nested(PersonSchema, required=True)
    is_official = fields.Boolean(required=True)
    is_deleted = fields.Boolean(required=True)
    created_at = Timestamp(required=True)
    edited_at = Timestamp(required=True, allow_none=True)

    def _body(self, comment: Any) -> str:
        return "" if comment.is_deleted else str(comment.body)


class CommentCreate(Schema):
    body = fields.String(required=True, validate=validate.Length(min=1, max=COMMENT_MAX))
    parent_id = RefId()
    official = StrictBool(
        load_default=False, metadata={"description": "Staff: post as the official answer"}
    )


class CommentEdit(Schema):
    body = fields.String(required=True, validate=validate.Length(min=1, max=COMMENT_MAX))


class OfficialFlag(Schema):
    official = StrictBool(required=True)


@operation(
    bp,
    "/ideas/<int:idea_id>/comments",
    "GET",
    summary="An idea's discussion",
    tag=TAG,
    scope=None,
    response=CommentSchema,
    many=True,
    errors=(404,),
    description="Pinned and official answers first, then the conversation in order; each "
    "thread's replies follow their comment.",
)
def list_comments(caller: Any, idea_id: int) -> list[Any]:
    idea = services.get_idea(caller, idea_id)
    out: list[Any] = []
    for thread in queries.comment_threads(caller, idea):
        out.append(thread.comment)
        out.extend(thread.replies)
    return out


@operation(
    bp,
    "/ideas/<int:idea_id>/comments",
    "POST",
    summary="Comment on an idea",
    tag=TAG,
    scope="write",
    body=CommentCreate,
    response=CommentSchema,
    status=201,
    errors=(404,),
    body_example={"body": "We need this for our audits too."},
)
def create_comment(caller: Any, idea_id: int, body: dict[str, Any]) -> Any:
    actor = auth.member(caller)
    idea = services.get_idea(actor, idea_id)
    return services.add_comment(
        actor, idea, body["body"], parent_id=body.get("parent_id"), official=body["official"]
    )


@operation(
    bp,
    "/comments/<int:comment_id>",
    "PATCH",
    summary="Edit a comment",
    tag=TAG,
    scope="write",
    body=CommentEdit,
    response=CommentSchema,
    errors=(404,),
    description="Your own comments; moderators any.",
)
def edit_comment(caller: Any, comment_id: int, body: dict[str, Any]) -> Any:
    actor = auth.member(caller)
    return services.edit_comment(actor, services.get_comment(actor, comment_id), body["body"])


@operation(
    bp,
    "/comments/<int:comment_id>",
    "DELETE",
    summary="Delete a comment",
    tag=TAG,
    scope="write",
    status=204,
    errors=(404,),
)
def delete_comment(caller: Any, comment_id: int) -> None:
    actor = auth.member(caller)
    services.delete_comment(actor, services.get_comment(actor, comment_id))


@operation(
    bp,
    "/comments/<int:comment_id>/official",
    "PUT",
    summary="Mark a comment as the official answer",
    tag=TAG,
    scope="admin",
    body=OfficialFlag,
    response=CommentSchema,
    errors=(404,),
    description="Product and community managers; only a staff member's comment can be "
    "official. Send official=false to take it back.",
)
def mark_official(caller: Any, comment_id: int, body: dict[str, Any]) -> Any:
    actor = auth.member(caller)
    return services.set_official(actor, services.get_comment(actor, comment_id), body["official"])
