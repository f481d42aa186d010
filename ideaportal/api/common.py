"""Schemas shared by several API resources: errors, people, ideas, pages of results."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from ideaportal.core.links import absolute_url
from ideaportal.ideas.models import IdeaStatus

STATUS_VALUES = [s.value for s in IdeaStatus]


class ErrorBody(Schema):
    status = fields.Integer(required=True, metadata={"example": 422})
    message = fields.String(required=True, metadata={"example": "title: Shorter than 8."})
    fields_ = fields.Dict(
        data_key="fields",
        required=True,
        keys=fields.String(),
        values=fields.Raw(),
        metadata={"description": "Field name -> its messages (empty when no field is at fault)"},
    )


class ErrorSchema(Schema):
    error = fields.Nested(ErrorBody, required=True)


class PersonSchema(Schema):
    id = fields.Integer(required=True)
    display_name = fields.String(required=True)


class IdeaSchema(Schema):
    id = fields.Integer(required=True, metadata={"example": 42})
    title = fields.String(required=True, metadata={"example": "Dark mode for the dashboard"})
    body = fields.String(required=True, metadata={"description": "Markdown source"})
    status = fields.Function(
        lambda idea: idea.status.value,
        required=True,
        metadata={"enum": STATUS_VALUES, "type": "string"},
    )
    board = fields.Function(
        lambda idea: idea.board.slug, required=True, metadata={"type": "string"}
    )
    tags = fields.Function(
        lambda idea: [t.name for t in idea.tags],
        required=True,
        metadata={"type": "array", "items": {"type": "string"}},
    )
    author = fields.Nested(PersonSchema, required=True)
    vote_count = fields.Integer(required=True)
    follower_count = fields.Integer(required=True)
    comment_count = fields.Integer(required=True)
    merged_into_id = fields.Integer(required=True, allow_none=True)
    created_at = fields.DateTime(required=True, format="iso")
    last_activity_at = fields.DateTime(required=True, format="iso")
    url = fields.Method("_url", required=True, metadata={"type": "string", "format": "uri"})

    def _url(self, idea: Any) -> str:
        return absolute_url("ideas.detail", idea_id=idea.id)


class CursorMeta(Schema):
    next_cursor = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "Pass as ?cursor= for the next page; null on the last page"},
    )
    limit = fields.Integer(required=True)


class CursorQuery(Schema):
    cursor = fields.String(validate=validate.Length(max=300))
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class OkSchema(Schema):
    ok = fields.Boolean(required=True)
