"""/api/v1 votes and follows: cast or withdraw a vote, follow or unfollow, voters for staff."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from ideaportal.api import auth
from ideaportal.api.blueprint import bp
from ideaportal.api.common import PersonSchema
from ideaportal.api.operations import operation
from ideaportal.core.permissions import require
from ideaportal.ideas import queries, services


class VoteResult(Schema):
    voted = fields.Boolean(required=True)
    vote_count = fields.Integer(required=True)


class FollowResult(Schema):
    following = fields.Boolean(required=True)
    follower_count = fields.Integer(required=True)


class VotersQuery(Schema):
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))


def _vote(caller: Any, idea_id: int, voted: bool) -> dict[str, Any]:
    actor = auth.member(caller)
    idea = services.get_idea(actor, idea_id)
    services.set_vote(actor, idea, voted)
    return {"voted": voted, "vote_count": idea.vote_count}


@operation(
    bp,
    "/ideas/<int:idea_id>/vote",
    "PUT",
    summary="Vote for an idea",
    tag="Votes",
    scope="write",
    response=VoteResult,
    errors=(404,),
    description="Idempotent: voting twice counts once. Refused (403) on closed ideas.",
)
def cast_vote(caller: Any, idea_id: int) -> dict[str, Any]:
    return _vote(caller, idea_id, True)


@operation(
    bp,
    "/ideas/<int:idea_id>/vote",
    "DELETE",
    summary="Withdraw your vote",
    tag="Votes",
    scope="write",
    response=VoteResult,
    errors=(404,),
)
def withdraw_vote(caller: Any, idea_id: int) -> dict[str, Any]:
    return _vote(caller, idea_id, False)


@operation(
    bp,
    "/ideas/<int:idea_id>/voters",
    "GET",
    summary="Who voted (staff)",
    tag="Votes",
    scope="read",
    query=VotersQuery,
    response=PersonSchema,
    many=True,
    errors=(404,),
    description="Newest voters first. Staff only: members see the count, not the names.",
)
def list_voters(caller: Any, idea_id: int, args: dict[str, Any]) -> list[Any]:
    idea = services.get_idea(caller, idea_id)
    require(caller, "list_voters", idea, "Only staff see who voted.")
    return queries.voters(idea, limit=args["limit"])


def _follow(caller: Any, idea_id: int, follow: bool) -> dict[str, Any]:
    actor = auth.member(caller)
    idea = services.get_idea(actor, idea_id)
    services.set_following(actor, idea, follow)
    return {"following": follow, "follower_count": idea.follower_count}


@operation(
    bp,
    "/ideas/<int:idea_id>/follow",
    "PUT",
    summary="Follow an idea",
    tag="Follows",
    scope="write",
    response=FollowResult,
    errors=(404,),
    description="Followers hear of status changes and official answers. Idempotent.",
)
def follow(caller: Any, idea_id: int) -> dict[str, Any]:
    return _follow(caller, idea_id, True)


@operation(
    bp,
    "/ideas/<int:idea_id>/follow",
    "DELETE",
    summary="Stop following an idea",
    tag="Follows",
    scope="write",
    response=FollowResult,
    errors=(404,),
)
def unfollow(caller: Any, idea_id: int) -> dict[str, Any]:
    return _follow(caller, idea_id, False)
