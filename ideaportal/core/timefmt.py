"""Dates, numbers and relative times for people, in the visitor's language (Babel):
"3 days ago" / "vor 3 Tagen" with the exact time on hover."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask import Flask
from flask_babel import format_date, format_datetime, format_decimal, format_timedelta, gettext
from markupsafe import Markup

from ideaportal.core.model_base import utcnow


def ago(moment: datetime | None, now: datetime | None = None) -> str:
    if moment is None:
        return ""
    delta = moment - (now or utcnow())
    if abs(delta) < timedelta(minutes=1):
        return gettext("just now")
    return format_timedelta(delta, add_direction=True, threshold=0.9)


def time_tag(moment: datetime | None) -> Markup:
    if moment is None:
        return Markup("")
    iso = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    exact = format_datetime(moment, "medium") + " UTC"
    return Markup('<time datetime="{}" title="{}">{}</time>').format(iso, exact, ago(moment))


def day(value: date | datetime | None, style: str = "medium") -> str:
    """A date in the visitor's language: style is a Babel/CLDR style ("medium") or pattern
    ("d MMM", "MMMM y")."""
    if value is None:
        return ""
    return format_date(value, style)


def number(value: float | int | None, pattern: str | None = None) -> str:
    if value is None:
        return "—"
    return format_decimal(value, pattern) if pattern else format_decimal(value)


def register_filters(app: Flask) -> None:
    app.jinja_env.filters["ago"] = ago
    app.jinja_env.filters["time_tag"] = time_tag
    app.jinja_env.filters["day"] = day
    app.jinja_env.filters["number"] = number
