"""marshmallow schemas of the API: what goes out, and what comes in (validated)."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from ideaportal.core.links import absolute_url
from ideaportal.core.safe_text import SafeLine
from ideaportal.ideas.models import IdeaStatus
from ideaportal.ideas.queries import Sort
from ideaportal.ideas.services import BODY_MAX, TITLE_MAX, TITLE_MIN


class ErrorBody(Schema):
    status = fields.Integer(required=True)
    message = fields.String(required=True)
    field = fields.String()
    fields_ = fields.Dict(data_key="fields", metadata={"description": "field → messages"})


class ErrorSchema(Schema):
    error = fields.Nested(ErrorBody, required=True)


class AuthorSchema(Schema):
    id = fields.Integer()
    display_name = fields.String()


class BoardSchema(Schema):
    slug = fields.String()
    name = fields.String()
    description = fields.String()
    is_private = fields.Boolean()


class IdeaSchema(Schema):
    id = fields.Integer()
    title = fields.String()
    body = fields.String(metadata={"description": "Markdown source"})
    status = fields.Function(lambda idea: idea.status.value)
    board = fields.Function(lambda idea: idea.board.slug)
    tags = fields.Function(lambda idea: [t.name for t in idea.tags])
    author = fields.Nested(AuthorSchema)
    vote_count = fields.Integer()
    follower_count = fields.Integer()
    comment_count = fields.Integer()
    merged_into_id = fields.Integer(allow_none=True)
    created_at = fields.DateTime(format="iso")
    last_activity_at = fields.DateTime(format="iso")
    url = fields.Method("_url")

    def _url(self, idea: Any) -> str:
        return absolute_url("ideas.detail", idea_id=idea.id)


class IdeaCreateSchema(Schema):
    board = fields.String(required=True, validate=validate.Length(min=1, max=64))
    title = SafeLine(required=True, validate=validate.Length(min=TITLE_MIN, max=TITLE_MAX))
    body = fields.String(load_default="", validate=validate.Length(max=BODY_MAX))
    tags = fields.List(SafeLine(validate=validate.Length(max=40)), load_default=list)


class IdeaListQuery(Schema):
    board = fields.String()
    status = fields.String(validate=validate.OneOf([s.value for s in IdeaStatus]))
    tag = fields.String()
    q = fields.String(validate=validate.Length(max=200))
    sort = fields.String(load_default="top", validate=validate.OneOf([s.value for s in Sort]))
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=10_000))


class PageMeta(Schema):
    page = fields.Integer()
    pages = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()


class IdeaPage(Schema):
    items = fields.List(fields.Nested(IdeaSchema))
    meta = fields.Nested(PageMeta)


class VoteResult(Schema):
    voted = fields.Boolean()
    vote_count = fields.Integer()


class SimilarQuery(Schema):
    q = fields.String(required=True, validate=validate.Length(min=3, max=1000))
    board = fields.String()
    k = fields.Integer(load_default=5, validate=validate.Range(min=1, max=20))


class SimilarHitSchema(Schema):
    idea = fields.Nested(IdeaSchema)
    score = fields.Float()
    vector_score = fields.Float(allow_none=True)
    lexical_score = fields.Float(allow_none=True)


class SimilarResult(Schema):
    items = fields.List(fields.Nested(SimilarHitSchema))
