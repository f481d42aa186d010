"""/api/v1/ideas: list (filters, cursor pages), get, create, update, delete."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from typing import Any

from marshmallow import Schema, fields, validate

from ideaportal.api import auth
from ideaportal.api.blueprint import bp
from ideaportal.api.common import STATUS_VALUES, CursorMeta, CursorQuery, IdeaSchema
from ideaportal.api.operations import operation
from ideaportal.core.errors import NotFound
from ideaportal.core.model_base import MAX_ID
from ideaportal.core.request_input import db_int
from ideaportal.core.safe_text import SafeLine
from ideaportal.ideas import queries, services
from ideaportal.ideas.models import IdeaStatus
from ideaportal.ideas.queries import IdeaFilter, Sort
from ideaportal.ideas.services import BODY_MAX, MAX_TAGS, TITLE_MAX, TITLE_MIN

TAG = "Ideas"

Tags = fields.List(
    SafeLine(validate=validate.Length(min=1, max=40)), validate=validate.Length(max=MAX_TAGS)
)


class IdeaListQuery(CursorQuery):
    board = fields.String(validate=validate.Length(min=1, max=64))
    status = fields.String(validate=validate.OneOf(STATUS_VALUES))
    tag = fields.String(validate=validate.Length(min=1, max=40))
    author_id = fields.Integer(validate=validate.Range(min=1, max=MAX_ID))
    q = fields.String(validate=validate.Length(min=1, max=200))
    sort = fields.String(
        load_default="new",
        validate=validate.OneOf([s.value for s in queries.KEYSET_SORTS]),
        metadata={"description": "new: newest first; top: most votes first"},
    )


class IdeaPage(Schema):
    items = fields.List(fields.Nested(IdeaSchema), required=True)
    meta = fields.Nested(CursorMeta, required=True)


class IdeaCreate(Schema):
    board = fields.String(required=True, validate=validate.Length(min=1, max=64))
    title = SafeLine(required=True, validate=validate.Length(min=TITLE_MIN, max=TITLE_MAX))
    body = fields.String(load_default="", validate=validate.Length(max=BODY_MAX))
    tags = Tags


class IdeaUpdate(Schema):
    title = SafeLine(validate=validate.Length(min=TITLE_MIN, max=TITLE_MAX))
    body = fields.String(validate=validate.Length(max=BODY_MAX))
    tags = Tags


def _encode(sort: str, key: list[Any]) -> str:
    raw = json.dumps([sort, *key], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str, sort: str) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        if not isinstance(data, list) or data[0] != sort:
            raise ValueError("cursor of another sort")
        key = data[1:]
        if sort == Sort.NEW:
            return [datetime.fromisoformat(key[0]), _whole(key[1])]
        return [_whole(key[0]), datetime.fromisoformat(key[1]), _whole(key[2])]
    except (ValueError, TypeError, IndexError, KeyError, binascii.Error, UnicodeDecodeError) as exc:
        raise NotFound(
            "No such page: the cursor is not from this list (or this sort); "
            "start again without one.",
            field="cursor",
        ) from exc


def _whole(value: Any) -> int:
    """A key's number as the cursor wrote it: an integer a column holds (not 1e400, 2**70)."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("not an integer")
    return db_int(str(value))


def _key(idea: Any, sort: str) -> list[Any]:
    if sort == Sort.NEW:
        return [idea.created_at.isoformat(), idea.id]
    return [idea.vote_count, idea.created_at.isoformat(), idea.id]


@operation(
    bp,
    "/ideas",
    "GET",
    summary="List ideas",
    tag=TAG,
    scope=None,
    query=IdeaListQuery,
    response=IdeaPage,
    errors=(404,),
    description="Ideas the caller may see, newest (or most voted) first, in pages joined by "
    "an opaque cursor: pass meta.next_cursor as ?cursor= until it is null. A page never "
    "repeats or skips an idea because others were posted meanwhile. Merged ideas are left "
    "out unless you filter by status=merged.",
)
def list_ideas(caller: Any, args: dict[str, Any]) -> dict[str, Any]:
    sort = Sort(args["sort"])
    flt = IdeaFilter(
        board=services.get_board(caller, args["board"]) if args.get("board") else None,
        status=IdeaStatus(args["status"]) if args.get("status") else None,
        tag=args.get("tag"),
        q=(args.get("q") or "").strip() or None,
        sort=sort,
        author_id=args.get("author_id"),
    )
    after = _decode(args["cursor"], sort) if args.get("cursor") else None
    limit = args["limit"]
    rows = queries.idea_keyset_page(caller, flt, after, limit + 1)
    items = rows[:limit]
    more = len(rows) > limit
    return {
        "items": items,
        "meta": {
            "next_cursor": _encode(sort, _key(items[-1], sort)) if more else None,
            "limit": limit,
        },
    }


@operation(
    bp,
    "/ideas/<int:idea_id>",
    "GET",
    summary="Get an idea",
    tag=TAG,
    scope=None,
    response=IdeaSchema,
    errors=(404,),
)
def get_idea(caller: Any, idea_id: int) -> Any:
    return services.get_idea(caller, idea_id)


@operation(
    bp,
    "/ideas",
    "POST",
    summary="Post an idea",
    tag=TAG,
    scope="write",
    body=IdeaCreate,
    response=IdeaSchema,
    status=201,
    errors=(404,),
    body_example={"board": "general", "title": "Export my votes as CSV", "body": "For audits."},
)
def create_idea(caller: Any, body: dict[str, Any]) -> Any:
    actor = auth.member(caller)
    try:
        board = services.get_board(actor, body["board"])
    except NotFound as exc:
        raise NotFound("No such board.", field="board") from exc
    return services.create_idea(actor, board, body["title"], body["body"], body.get("tags", []))


@operation(
    bp,
    "/ideas/<int:idea_id>",
    "PATCH",
    summary="Edit an idea",
    tag=TAG,
    scope="write",
    body=IdeaUpdate,
    response=IdeaSchema,
    errors=(404,),
    description="The author may edit within the edit window; moderators and product "
    "managers any time. Fields left out keep their value.",
)
def update_idea(caller: Any, idea_id: int, body: dict[str, Any]) -> Any:
    actor = auth.member(caller)
    idea = services.get_idea(actor, idea_id)
    return services.edit_idea(
        actor,
        idea,
        body.get("title", idea.title),
        body.get("body", idea.body),
        body.get("tags"),
    )


@operation(
    bp,
    "/ideas/<int:idea_id>",
    "DELETE",
    summary="Delete an idea",
    tag=TAG,
    scope="write",
    status=204,
    errors=(404,),
    description="The author may delete an idea nobody has voted on or answered yet, within "
    "the edit window; moderators and product managers any idea.",
)
def delete_idea(caller: Any, idea_id: int) -> None:
    actor = auth.member(caller)
    services.delete_idea(actor, services.get_idea(actor, idea_id))
