"""/api/v1 boards and tags."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from ideaportal.api import auth
from ideaportal.api.blueprint import bp
from ideaportal.api.common import IdeaSchema, StrictBool, StrictInt
from ideaportal.api.operations import operation
from ideaportal.ideas import queries, services


class BoardSchema(Schema):
    slug = fields.String(required=True, metadata={"example": "general"})
    name = fields.String(required=True)
    description = fields.String(required=True)
    is_private = fields.Boolean(required=True)
    position = fields.Integer(required=True)


class BoardCreate(Schema):
    slug = fields.String(required=True, validate=validate.Regexp(r"^[a-z0-9][a-z0-9-]{1,63}$"))
    name = fields.String(required=True, validate=validate.Length(min=1, max=80))
    description = fields.String(load_default="", validate=validate.Length(max=2000))
    is_private = StrictBool(load_default=False)
    position = StrictInt(load_default=0, validate=validate.Range(min=0, max=10_000))


class BoardUpdate(Schema):
    name = fields.String(validate=validate.Length(min=1, max=80))
    description = fields.String(validate=validate.Length(max=2000))
    is_private = StrictBool()
    position = StrictInt(validate=validate.Range(min=0, max=10_000))


class TagSchema(Schema):
    name = fields.String(required=True, metadata={"example": "export"})


class TagAdd(Schema):
    name = fields.String(required=True, validate=validate.Regexp(r"^[a-z0-9][a-z0-9-]{0,39}$"))


@operation(
    bp,
    "/boards",
    "GET",
    summary="Boards the caller may see",
    tag="Boards",
    scope=None,
    response=BoardSchema,
    many=True,
)
def list_boards(caller: Any) -> list[Any]:
    return queries.visible_boards(caller)


@operation(
    bp,
    "/boards/<slug>",
    "GET",
    summary="Get a board",
    tag="Boards",
    scope=None,
    response=BoardSchema,
    errors=(404,),
)
def get_board(caller: Any, slug: str) -> Any:
    return services.get_board(caller, slug)


@operation(
    bp,
    "/boards",
    "POST",
    summary="Create a board (admins)",
    tag="Boards",
    scope="admin",
    body=BoardCreate,
    response=BoardSchema,
    status=201,
    body_example={"slug": "mobile", "name": "Mobile app", "description": "iOS and Android"},
)
def create_board(caller: Any, body: dict[str, Any]) -> Any:
    return services.save_board(auth.member(caller), None, **body)


@operation(
    bp,
    "/boards/<slug>",
    "PATCH",
    summary="Change a board (admins)",
    tag="Boards",
    scope="admin",
    body=BoardUpdate,
    response=BoardSchema,
    errors=(404,),
)
def update_board(caller: Any, slug: str, body: dict[str, Any]) -> Any:
    actor = auth.member(caller)
    board = services.get_board(actor, slug)
    return services.save_board(
        actor,
        board,
        slug=board.slug,
        name=body.get("name", board.name),
        description=body.get("description", board.description),
        is_private=body.get("is_private", board.is_private),
        position=body.get("position", board.position),
    )


@operation(
    bp, "/tags", "GET", summary="Every tag", tag="Tags", scope=None, response=TagSchema, many=True
)
def list_tags(caller: Any) -> list[Any]:
    return queries.all_tags()


@operation(
    bp,
    "/ideas/<int:idea_id>/tags",
    "POST",
    summary="Tag an idea (triage)",
    tag="Tags",
    scope="admin",
    body=TagAdd,
    response=IdeaSchema,
    errors=(404,),
)
def add_tag(caller: Any, idea_id: int, body: dict[str, Any]) -> Any:
    actor = auth.member(caller)
    return services.add_tag(actor, services.get_idea(actor, idea_id), body["name"])
