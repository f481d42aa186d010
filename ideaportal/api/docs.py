"""The OpenAPI document and its readable reference page (Swagger UI, served from our own
static files, so it works without a CDN and under the portal's CSP)."""

from __future__ import annotations

from typing import Any

from flask import current_app, render_template

from ideaportal.api.blueprint import bp
from ideaportal.api.operations import operation


@operation(
    bp,
    "/openapi.json",
    "GET",
    summary="This document (OpenAPI 3.1)",
    tag="Reference",
    scope=None,
)
def openapi(caller: Any) -> dict[str, Any]:
    from ideaportal.api.openapi import build_spec

    cached: dict[str, Any] | None = current_app.extensions.get("ideaportal.openapi")
    if cached is None:
        cached = build_spec(current_app)
        current_app.extensions["ideaportal.openapi"] = cached
    return cached


@bp.get("/docs")
def docs() -> str:
    """The human-readable reference (not an API operation: an HTML page for people)."""
    return render_template("api/docs.html")
