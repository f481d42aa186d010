"""Absolute links for emails and feeds, built from BASE_URL (works outside a request)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import current_app


def absolute_url(endpoint: str, **values: Any) -> str:
    base = urlsplit(current_app.config["BASE_URL"])
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "http"
    )
    return adapter.build(endpoint, values, force_external=True)


def site_path(endpoint: str, **values: Any) -> str:
    """A path on this site (for in-app links), built without a request."""
    return urlsplit(absolute_url(endpoint, **values)).path
