"""One declaration per API operation: its route, scope, request and response schemas and its
errors. The same declaration parses the request, checks the token, serialises the answer
and writes the OpenAPI document, so the document cannot drift from the code."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request
from marshmallow import Schema, ValidationError

from ideaportal.api import auth
from ideaportal.core.request_input import NotJson, json_object
from ideaportal.extensions import limiter

# Errors every operation can answer with, and those a kind of operation adds. A change
# (any method but GET) can be refused by a rule or the current state: 409.
COMMON_ERRORS = (400, 405, 429, 500)
SCOPE_ERRORS = {None: (), "read": (401, 403), "write": (401, 403), "admin": (401, 403)}
BODY_ERRORS = (413, 415, 422)
CHANGE_ERRORS = (403, 409)

SchemaType = type[Schema] | Schema


@dataclass(frozen=True)
class Operation:
    rule: str
    method: str
    endpoint: str
    summary: str
    tag: str
    description: str
    scope: str | None
    query: SchemaType | None
    body: SchemaType | None
    response: SchemaType | None
    many: bool
    status: int
    errors: tuple[int, ...]
    example: dict[str, Any] | None = None
    body_example: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


REGISTRY: list[Operation] = []


def _instance(schema: SchemaType, **kw: Any) -> Schema:
    return schema(**kw) if isinstance(schema, type) else schema


def json_body() -> dict[str, Any]:
    from ideaportal.api.errors import ApiError

    if not request.is_json:
        raise ApiError(415, "Send the body as JSON with Content-Type: application/json.")
    try:
        return json_object()
    except NotJson as exc:
        if exc.status == 400:
            raise ApiError(400, exc.message) from None
        raise ValidationError({exc.field: [exc.message]}) from None


def _write_limit() -> str:
    return str(current_app.config["RATELIMIT_WRITE"])


def operation(
    bp: Blueprint,
    rule: str,
    method: str,
    *,
    summary: str,
    tag: str,
    scope: str | None = "read",
    query: SchemaType | None = None,
    body: SchemaType | None = None,
    response: SchemaType | None = None,
    many: bool = False,
    status: int = 200,
    errors: tuple[int, ...] = (),
    description: str = "",
    example: dict[str, Any] | None = None,
    body_example: dict[str, Any] | None = None,
    limit: Callable[[], str] | None = None,
    before_body: Callable[..., None] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare an operation. The view gets (caller, **path_args[, args=query][, body=data])
    and returns what the response schema dumps (or None for 204). `before_body(**path_args)`
    runs after the token check and before the body is parsed."""

    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def view(**path: Any) -> Response | tuple[Response, int] | tuple[str, int]:
            caller = auth.require_scope(scope)
            kwargs: dict[str, Any] = {}
            if query is not None:
                kwargs["args"] = _instance(query).load(request.args.to_dict())
            if before_body is not None:
                before_body(**path)  # e.g. a signature check, before any input is judged
            if body is not None:
                kwargs["body"] = _instance(body).load(json_body())
            result = fn(caller, **path, **kwargs)
            if status == 204:
                return "", 204
            out = _instance(response, many=many).dump(result) if response is not None else result
            return jsonify(out), status

        handler: Callable[..., Any] = view
        if limit is not None or method != "GET":
            handler = limiter.limit(limit or _write_limit)(view)
        bp.add_url_rule(rule, endpoint=fn.__name__, view_func=handler, methods=[method])
        all_errors = set(errors) | set(COMMON_ERRORS) | set(SCOPE_ERRORS[scope])
        if body is not None:
            all_errors |= set(BODY_ERRORS)
        if query is not None:
            all_errors.add(422)
        if method != "GET":
            all_errors |= set(CHANGE_ERRORS)
        if "<" in rule:
            all_errors.add(404)
        REGISTRY.append(
            Operation(
                rule=rule,
                method=method,
                endpoint=fn.__name__,
                summary=summary,
                tag=tag,
                description=description or (fn.__doc__ or "").strip(),
                scope=scope,
                query=query,
                body=body,
                response=response,
                many=many,
                status=status,
                errors=tuple(sorted(all_errors)),
                example=example,
                body_example=body_example,
            )
        )
        return handler

    return register
