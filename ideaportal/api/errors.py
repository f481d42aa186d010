"""API failures as {"error": {"status", "message", "fields"}}, never an HTML page.

Domain errors and HTTP errors (404, 405, 413, 429, 500) under /api/ are answered in this
shape by the app-wide handlers (core/web.py, which asks wants_json()); this module adds the
API's own: invalid input (marshmallow) and plain HTTP refusals such as 415.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify
from marshmallow import ValidationError

from ideaportal.core.errors import DomainError, ValidationFailed

MESSAGES = {
    400: "The request is malformed.",
    401: "Send an API token: Authorization: Bearer <token>.",
    403: "You are not allowed to do that.",
    404: "No such resource.",
    405: "This method is not allowed here.",
    409: "That conflicts with the current state.",
    413: "The request body is too large.",
    415: "Send the body as JSON with Content-Type: application/json.",
    422: "The input is invalid.",
    429: "Too many requests in a short time. Wait a moment and try again.",
    500: "Something went wrong on our side. It has been logged.",
}


class ApiError(Exception):
    def __init__(self, status: int, message: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message or MESSAGES.get(status, "Error")


def error_body(
    status: int, message: str, fields: dict[str, Any] | None = None
) -> tuple[Response, int]:
    return jsonify(
        {"error": {"status": status, "message": message, "fields": fields or {}}}
    ), status


def invalid(exc: ValidationError) -> tuple[Response, int]:
    messages: Any = exc.messages
    if not isinstance(messages, dict):
        messages = {"_body": messages}
    name, problems = next(iter(messages.items())) if messages else ("_body", ["Invalid input."])
    first = problems if isinstance(problems, list) else [str(problems)]
    text = " ".join(str(p) for p in first)
    summary = text if name == "_body" else f"{name}: {text}"
    return error_body(422, summary[:500], messages)


def refused(exc: DomainError) -> tuple[Response, int]:
    """A service's refusal. 422 is kept for requests that break the operation's schema; a
    well-formed request that a rule or the current state refuses (already in that status,
    the address is taken, a host that does not resolve) is a 409 Conflict."""
    status = 409 if isinstance(exc, ValidationFailed) else exc.status_code
    fields = {exc.field: [exc.message]} if exc.field else {}
    return error_body(status, exc.message, fields)


def init_blueprint(bp: Blueprint) -> None:
    bp.register_error_handler(ValidationError, invalid)
    bp.register_error_handler(DomainError, refused)
    bp.register_error_handler(ApiError, lambda exc: error_body(exc.status, exc.message))
