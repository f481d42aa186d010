"""Dates for people: "3 days ago" with the exact time on hover."""

from __future__ import annotations

from datetime import datetime

from flask import Flask
from markupsafe import Markup

from ideaportal.core.model_base import utcnow

_UNITS = [
    (365 * 86400, "year"),
    (30 * 86400, "month"),
    (7 * 86400, "week"),
    (86400, "day"),
    (3600, "hour"),
    (60, "minute"),
]


def ago(moment: datetime | None, now: datetime | None = None) -> str:
    if moment is None:
        return ""
    seconds = int(((now or utcnow()) - moment).total_seconds())
    if seconds < 60:
        return "just now"
    for size, unit in _UNITS:
        if seconds >= size:
            n = seconds // size
            return f"{n} {unit}{'s' if n != 1 else ''} ago"
    return "just now"


def time_tag(moment: datetime | None) -> Markup:
    if moment is None:
        return Markup("")
    iso = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    exact = moment.strftime("%d %b %Y, %H:%M UTC")
    return Markup('<time datetime="{}" title="{}">{}</time>').format(iso, exact, ago(moment))


def register_filters(app: Flask) -> None:
    app.jinja_env.filters["ago"] = ago
    app.jinja_env.filters["time_tag"] = time_tag
