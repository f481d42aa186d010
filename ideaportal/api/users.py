"""/api/v1/users/me: who the token belongs to, and changing the display name."""

from __future__ import annotations

from typing import Any

from flask import g
from marshmallow import Schema, fields, validate

from ideaportal.accounts import services as accounts
from ideaportal.api import auth
from ideaportal.api.blueprint import bp
from ideaportal.api.common import Timestamp
from ideaportal.api.operations import operation
from ideaportal.core.safe_text import SafeLine


class MeSchema(Schema):
    id = fields.Integer(required=True)
    email = fields.String(required=True)
    display_name = fields.String(required=True)
    role = fields.Function(lambda u: u.role.value, required=True, metadata={"type": "string"})
    is_staff = fields.Boolean(required=True)
    suspended_until = Timestamp(required=True, allow_none=True)
    scopes = fields.Function(
        lambda _u: sorted(g.get("api_scopes", ())),
        required=True,
        metadata={"type": "array", "items": {"type": "string"}},
    )
    created_at = Timestamp(required=True)


class MeUpdate(Schema):
    display_name = SafeLine(required=True, validate=validate.Length(min=2, max=80))


@operation(
    bp, "/users/me", "GET", summary="The caller", tag="Users", scope="read", response=MeSchema
)
def me(caller: Any) -> Any:
    return auth.member(caller)


@operation(
    bp,
    "/users/me",
    "PATCH",
    summary="Change your display name",
    tag="Users",
    scope="write",
    body=MeUpdate,
    response=MeSchema,
)
def update_me(caller: Any, body: dict[str, Any]) -> Any:
    return accounts.update_profile(auth.member(caller), body["display_name"])
