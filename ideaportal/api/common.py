"""Schemas shared by several API resources: errors, people, ideas, pages of results."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from marshmallow import Schema, fields, validate

from ideaportal.core.links import absolute_url
from ideaportal.core.model_base import MAX_ID, as_naive_utc
from ideaportal.ideas.models import IdeaStatus

STATUS_VALUES = [s.value for s in IdeaStatus]


class Timestamp(fields.DateTime):
    """RFC 3339 in UTC ("2026-11-25T12:00:00.123456+00:00") out; in, any ISO 8601 time (one
    without an offset is read as UTC), stored naive UTC like every time in the portal."""

    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> str | None:
        if value is None:
            return None
        moment: datetime = value
        return moment.replace(tzinfo=UTC).isoformat()

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> datetime:
        moment: datetime = super()._deserialize(value, attr, data, **kwargs)
        try:
            return as_naive_utc(moment)
        except ValueError:
            raise self.make_error("invalid", input=value, obj_type="datetime") from None


class StrictInt(fields.Integer):
    """A JSON integer (3 or 3.0): 2.5, "2" and true are refused, not truncated or converted."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> int:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.make_error("invalid", input=value)
        return int(super()._deserialize(value, attr, data, **kwargs))


class StrictBool(fields.Boolean):
    """A JSON boolean: "yes", 1 and "true" are refused."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):  # 1 == True in Python: test the type itself
            raise self.make_error("invalid", input=value)
        return value


def RefId(**kwargs: Any) -> fields.Integer:  # noqa: N802 - reads like a field class
    """The id of another row, as a JSON integer."""
    return StrictInt(validate=validate.Range(min=1, max=MAX_ID), **kwargs)


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
    created_at = Timestamp(required=True)
    last_activity_at = Timestamp(required=True)
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
    cursor = fields.String(
        validate=validate.Regexp(r"^[A-Za-z0-9_-]{4,300}$"),
        metadata={"description": "meta.next_cursor of the previous page"},
    )
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class OkSchema(Schema):
    ok = fields.Boolean(required=True)
