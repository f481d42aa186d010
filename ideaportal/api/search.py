"""/api/v1 search: full-text search, and ideas similar to a text (has someone asked?)."""

from __future__ import annotations

from typing import Any

from flask import current_app
from marshmallow import Schema, fields, validate

from ideaportal.api.blueprint import bp
from ideaportal.api.common import IdeaSchema
from ideaportal.api.operations import operation
from ideaportal.ideas import queries, services

TAG = "Search"


class SearchQuery(Schema):
    q = fields.String(required=True, validate=validate.Length(min=1, max=200))
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class SimilarQuery(Schema):
    q = fields.String(required=True, validate=validate.Length(min=3, max=1000))
    board = fields.String(validate=validate.Length(min=1, max=64))
    k = fields.Integer(load_default=5, validate=validate.Range(min=1, max=20))


class SimilarHitSchema(Schema):
    idea = fields.Nested(IdeaSchema, required=True)
    score = fields.Float(required=True)
    vector_score = fields.Float(required=True, allow_none=True)
    lexical_score = fields.Float(required=True, allow_none=True)


class SimilarResult(Schema):
    items = fields.List(fields.Nested(SimilarHitSchema), required=True)


class SearchResult(Schema):
    items = fields.List(fields.Nested(IdeaSchema), required=True)


@operation(
    bp,
    "/search",
    "GET",
    summary="Full-text search",
    tag=TAG,
    scope=None,
    query=SearchQuery,
    response=SearchResult,
    description="Ideas whose title or body match every word, most relevant first.",
)
def search(caller: Any, args: dict[str, Any]) -> dict[str, Any]:
    return {"items": queries.search_ideas(caller, args["q"], args["limit"])}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


@operation(
    bp,
    "/ideas/similar",
    "GET",
    summary="Ideas similar to a text",
    tag=TAG,
    scope=None,
    query=SimilarQuery,
    response=SimilarResult,
    errors=(404,),
    # The typed-title search runs the model: it gets its own budget.
    limit=lambda: str(current_app.config["RATELIMIT_SIMILAR"]),
    description="Hybrid ranking (sentence embeddings fused with full text), best first: what "
    "the submit form shows while someone types a title.",
)
def similar(caller: Any, args: dict[str, Any]) -> dict[str, Any]:
    from ideaportal.dedup.services import similar_ideas

    boards = [services.get_board(caller, args["board"]).id] if args.get("board") else None
    hits = similar_ideas(caller, args["q"], k=args["k"], board_ids=boards)
    queries.load_tags([hit.idea for hit in hits])
    return {
        "items": [
            {
                "idea": hit.idea,
                "score": round(hit.score, 4),
                "vector_score": _round(hit.vector_score),
                "lexical_score": _round(hit.lexical_score),
            }
            for hit in hits
        ]
    }
