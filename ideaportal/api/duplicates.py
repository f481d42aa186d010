"""/api/v1 duplicates: suggested duplicate groups, merge and undo a merge."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from ideaportal.api import auth
from ideaportal.api.blueprint import bp
from ideaportal.api.common import IdeaSchema, RefId, Timestamp
from ideaportal.api.operations import operation
from ideaportal.core.errors import NotFound
from ideaportal.ideas import services as ideas

TAG = "Duplicates"


class PairSchema(Schema):
    a = fields.Integer(required=True, attribute="idea_low_id")
    b = fields.Integer(required=True, attribute="idea_high_id")
    similarity = fields.Float(required=True)


class ClusterSchema(Schema):
    ideas = fields.List(fields.Nested(IdeaSchema), required=True)
    pairs = fields.List(fields.Nested(PairSchema), required=True)
    suggested_target_id = fields.Function(
        lambda c: c.suggested_target.id, required=True, metadata={"type": "integer"}
    )
    best_similarity = fields.Float(required=True)


class DuplicatesQuery(Schema):
    board = fields.String(validate=validate.Length(min=1, max=64))
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class MergeRequest(Schema):
    target_id = RefId(required=True)
    note = fields.String(load_default="", validate=validate.Length(max=2000))


class MergeSchema(Schema):
    id = fields.Integer(required=True)
    source_id = fields.Integer(required=True)
    target_id = fields.Integer(required=True)
    automatic = fields.Boolean(required=True)
    created_at = Timestamp(required=True)
    undone_at = Timestamp(required=True, allow_none=True)
    target = fields.Nested(IdeaSchema, required=True)


@operation(
    bp,
    "/duplicates",
    "GET",
    summary="Suggested duplicate groups",
    tag=TAG,
    scope="admin",
    query=DuplicatesQuery,
    response=ClusterSchema,
    many=True,
    errors=(404,),
    description="Open candidate pairs grouped, strongest first (product managers).",
)
def list_duplicates(caller: Any, args: dict[str, Any]) -> list[Any]:
    from ideaportal.dedup.services import duplicate_clusters

    actor = auth.member(caller)
    board = ideas.get_board(actor, args["board"]) if args.get("board") else None
    return duplicate_clusters(actor, board.id if board else None)[: args["limit"]]


@operation(
    bp,
    "/ideas/<int:idea_id>/merge",
    "POST",
    summary="Merge an idea into another",
    tag=TAG,
    scope="admin",
    body=MergeRequest,
    response=MergeSchema,
    status=201,
    errors=(404, 409),
    description="Votes, followers and comments move to the target; undo with "
    "POST /merges/{merge_id}/undo.",
    body_example={"target_id": 7, "note": "Same request"},
)
def merge(caller: Any, idea_id: int, body: dict[str, Any]) -> Any:
    from ideaportal.dedup.merging import merge_ideas

    actor = auth.member(caller)
    source = ideas.get_idea(actor, idea_id)
    try:
        target = ideas.get_idea(actor, body["target_id"])
    except NotFound as exc:
        raise NotFound("No such target idea.", field="target_id") from exc
    return merge_ideas(actor, source, target, note=body["note"])


@operation(
    bp,
    "/merges/<int:merge_id>/undo",
    "POST",
    summary="Undo a merge",
    tag=TAG,
    scope="admin",
    response=IdeaSchema,
    errors=(404, 409),
    description="The source idea gets back exactly its voters, followers and comments; returns it.",
)
def unmerge(caller: Any, merge_id: int) -> Any:
    from ideaportal.dedup import merging

    actor = auth.member(caller)
    merge = merging.get_merge(merge_id)
    ideas.get_idea(actor, merge.source_id)
    return merging.unmerge(actor, merge)
