"""The OpenAPI 3 document of /api/v1, built with apispec from the marshmallow schemas."""

from __future__ import annotations

from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask

from ideaportal.api import schemas


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": "Error"}}}


def _ok(schema: str | dict[str, Any], description: str = "OK") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def build_spec(app: Flask) -> dict[str, Any]:
    spec = APISpec(
        title=f"{app.config['SITE_NAME']} API",
        version="1.0.0",
        openapi_version="3.0.3",
        plugins=[MarshmallowPlugin()],
        info={
            "description": "Ideas, votes and boards. Reads work anonymously (public boards) "
            "or with a token; writes need a token with the `write` scope."
        },
        servers=[{"url": app.config["BASE_URL"].rstrip("/")}],
    )
    spec.components.security_scheme("token", {"type": "http", "scheme": "bearer"})
    spec.components.schema("Error", schema=schemas.ErrorSchema)
    spec.components.schema("Idea", schema=schemas.IdeaSchema)
    spec.components.schema("Board", schema=schemas.BoardSchema)
    spec.components.schema("IdeaCreate", schema=schemas.IdeaCreateSchema)
    spec.components.schema("IdeaPage", schema=schemas.IdeaPage)
    spec.components.schema("VoteResult", schema=schemas.VoteResult)
    idea_id = {"in": "path", "name": "idea_id", "required": True, "schema": {"type": "integer"}}
    write: list[dict[str, list[str]]] = [{"token": []}]

    spec.path(
        path="/api/v1/boards",
        operations={
            "get": {
                "summary": "Boards the caller may see",
                "responses": {"200": _ok({"type": "array", "items": "Board"})},
            }
        },
    )
    spec.path(
        path="/api/v1/ideas",
        operations={
            "get": {
                "summary": "List and search ideas",
                "parameters": [{"in": "query", "schema": schemas.IdeaListQuery}],
                "responses": {"200": _ok("IdeaPage"), "422": _error("Invalid query")},
            },
            "post": {
                "summary": "Post an idea",
                "security": write,
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": "IdeaCreate"}},
                },
                "responses": {
                    "201": _ok("Idea", "Created"),
                    "401": _error("No token"),
                    "403": _error("Not allowed"),
                    "422": _error("Invalid input"),
                    "429": _error("Rate limited"),
                },
            },
        },
    )
    spec.path(
        path="/api/v1/ideas/{idea_id}",
        operations={
            "get": {
                "summary": "One idea",
                "parameters": [idea_id],
                "responses": {"200": _ok("Idea"), "404": _error("No such idea")},
            }
        },
    )
    vote_responses = {
        "200": _ok("VoteResult"),
        "401": _error("No token"),
        "403": _error("Voting closed"),
        "404": _error("No such idea"),
    }
    spec.path(
        path="/api/v1/ideas/{idea_id}/vote",
        operations={
            "put": {
                "summary": "Vote (idempotent)",
                "security": write,
                "parameters": [idea_id],
                "responses": vote_responses,
            },
            "delete": {
                "summary": "Take the vote back (idempotent)",
                "security": write,
                "parameters": [idea_id],
                "responses": vote_responses,
            },
        },
    )
    spec.components.schema("SimilarResult", schema=schemas.SimilarResult)
    spec.path(
        path="/api/v1/ideas/similar",
        operations={
            "get": {
                "summary": "Ideas similar to a text (hybrid: sentence embeddings + full text)",
                "parameters": [{"in": "query", "schema": schemas.SimilarQuery}],
                "responses": {"200": _ok("SimilarResult"), "422": _error("Invalid query")},
            }
        },
    )
    spec.path(
        path="/api/v1/handoffs/{handoff_id}/status",
        operations={
            "post": {
                "summary": "Status callback from a product team's tool",
                "description": "Signed like the webhooks: X-IdeaPortal-Timestamp (Unix seconds, "
                "within 5 minutes) and X-IdeaPortal-Signature: sha256=HMAC-SHA256(secret, "
                "timestamp + '.' + body). Idempotent by event_id.",
                "parameters": [
                    {
                        "in": "path",
                        "name": "handoff_id",
                        "required": True,
                        "schema": {"type": "integer"},
                    }
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["event_id", "status"],
                                "properties": {
                                    "event_id": {"type": "string", "maxLength": 120},
                                    "status": {
                                        "type": "string",
                                        "enum": ["in_progress", "shipped", "declined"],
                                    },
                                    "note": {"type": "string"},
                                    "external_url": {"type": "string", "format": "uri"},
                                    "external_key": {"type": "string"},
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "200": {"description": "Applied, or acknowledged as a duplicate"},
                    "401": _error("Bad or stale signature"),
                    "404": _error("No such hand-off"),
                    "422": _error("Invalid body"),
                },
            }
        },
    )
    spec.components.schema("Company", schema=schemas.CompanySchema)
    spec.path(
        path="/api/v1/companies",
        operations={
            "get": {
                "summary": "Customer companies (admins only)",
                "security": write,
                "responses": {
                    "200": _ok({"type": "array", "items": "Company"}),
                    "403": _error("Not an admin"),
                },
            },
            "put": {
                "summary": "Create or update a company by name and put people in it (admins)",
                "security": write,
                "requestBody": {"content": {"application/json": {"schema": "Company"}}},
                "responses": {
                    "200": _ok("Company", "Updated"),
                    "201": _ok("Company", "Created"),
                    "403": _error("Not an admin"),
                    "422": _error("Invalid body or unknown member email"),
                },
            },
        },
    )
    spec.path(
        path="/api/v1/openapi.json",
        operations={
            "get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI 3"}}}
        },
    )
    return spec.to_dict()
