"""The OpenAPI 3.1 document of /api/v1, built with apispec from the operation declarations
(ideaportal.api.operations) and their marshmallow schemas."""

from __future__ import annotations

import re
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from apispec.ext.marshmallow.common import resolve_schema_cls
from flask import Flask
from marshmallow import Schema

from ideaportal.api.common import ErrorSchema
from ideaportal.api.errors import MESSAGES
from ideaportal.api.operations import REGISTRY, Operation
from ideaportal.core.model_base import MAX_ID

_PARAM = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")

SCOPE_TEXT = {
    None: "No token needed; with one, you also see what your account may see.",
    "read": "Token scope: read.",
    "write": "Token scope: write.",
    "admin": "Token scope: admin (and a staff role that allows it).",
}

ERROR_EXAMPLES: dict[int, dict[str, Any]] = {
    status: {"error": {"status": status, "message": message, "fields": {}}}
    for status, message in MESSAGES.items()
}
ERROR_EXAMPLES[422] = {
    "error": {
        "status": 422,
        "message": "title: Length must be between 8 and 140.",
        "fields": {"title": ["Length must be between 8 and 140."]},
    }
}

DESCRIPTION = """The portal's JSON API. Every page of the product has its operation here,
under the same permission rules as the page.

**Authentication.** `Authorization: Bearer <token>`; create tokens under *Settings → API
tokens* or with `flask api-token create`. Scopes: `read` (GET), `write` (act as the member:
ideas, votes, comments, follows, flags), `admin` (the staff powers of the member's role:
statuses, merges, hand-offs, announcements, moderation, KPIs, webhooks). `admin` implies
`write`, which implies `read`. Public reads need no token.

**Errors.** Always `{"error": {"status", "message", "fields"}}`; `fields` maps a field
name to its messages when input is at fault. A body that is not JSON is a 400; JSON of the
wrong shape, or a string holding a NUL or an unpaired surrogate (`"\\ud800"`, which is no
text), is a 422 naming the field.

**Pagination.** `GET /ideas` returns `meta.next_cursor`; pass it as `?cursor=` until it is
null. Pages stay stable while ideas are posted.
"""


def _path(rule: str) -> tuple[str, list[dict[str, Any]]]:
    params = []
    for converter, name in _PARAM.findall(rule):
        schema: dict[str, Any] = (
            {"type": "integer", "minimum": 1, "maximum": MAX_ID}
            if converter == "int"
            else {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,63}$"}
        )
        params.append({"in": "path", "name": name, "required": True, "schema": schema})
    return "/api/v1" + _PARAM.sub(r"{\2}", rule), params


def _operation(op: Operation) -> dict[str, Any]:
    path_params = _path(op.rule)[1]
    parameters: list[Any] = list(path_params)
    if op.query is not None:
        parameters.append({"in": "query", "schema": op.query})
    ok: dict[str, Any] = {"description": "OK" if op.status != 201 else "Created"}
    if op.status == 204:
        ok = {"description": "Done; no content"}
    elif op.response is not None:
        schema: Any = {"type": "array", "items": op.response} if op.many else op.response
        ok["content"] = {"application/json": {"schema": schema}}
        if op.example is not None:
            ok["content"]["application/json"]["example"] = op.example
    else:
        ok["content"] = {"application/json": {"schema": {"type": "object"}}}
    responses: dict[str, Any] = {str(op.status): ok}
    for status in op.errors:
        responses[str(status)] = {
            "description": MESSAGES.get(status, "Error"),
            "content": {"application/json": {"schema": "Error", "example": ERROR_EXAMPLES[status]}},
        }
    out: dict[str, Any] = {
        "operationId": op.endpoint,
        "summary": op.summary,
        "description": (op.description + "\n\n" if op.description else "") + SCOPE_TEXT[op.scope],
        "tags": [op.tag],
        "parameters": parameters,
        "responses": responses,
        "security": [{"token": []}] if op.scope else [{}, {"token": []}],
    }
    if op.scope:
        out["x-scope"] = op.scope
    if op.body is not None:
        body: dict[str, Any] = {"schema": op.body}
        if op.body_example is not None:
            body["example"] = op.body_example
        out["requestBody"] = {"required": True, "content": {"application/json": body}}
    return out


def _schema_name(schema: Any) -> str | None:
    """Component name of a schema; a narrowed one (only=/exclude=) is written inline."""
    if isinstance(schema, Schema) and (schema.only or schema.exclude):
        return None
    cls = resolve_schema_cls(schema)
    name: str = cls.__name__  # type: ignore[union-attr]
    return name.removesuffix("Schema") or name


def build_spec(app: Flask) -> dict[str, Any]:
    spec = APISpec(
        title=f"{app.config['SITE_NAME']} API",
        version="1.0.0",
        openapi_version="3.1.0",
        plugins=[MarshmallowPlugin(schema_name_resolver=_schema_name)],  # type: ignore[arg-type]
        info={"description": DESCRIPTION},
        servers=[{"url": app.config["BASE_URL"].rstrip("/")}],
    )
    spec.components.security_scheme("token", {"type": "http", "scheme": "bearer"})
    spec.components.schema("Error", schema=ErrorSchema)
    paths: dict[str, dict[str, Any]] = {}
    for op in REGISTRY:
        path = _path(op.rule)[0]
        paths.setdefault(path, {})[op.method.lower()] = _operation(op)
    for path, operations in paths.items():
        spec.path(path=path, operations=operations)
    return spec.to_dict()
