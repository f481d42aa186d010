"""What a request may carry into the database: numbers a column holds, text it can store.

Hostile or broken clients send ids past what an INTEGER column holds, NUL characters, JSON
nested a few thousand levels deep or unpaired UTF-16 surrogates. Each of these once reached
the database or the JSON decoder and came back as a 500. They are refused here, at the
edge, with a 4xx that says what was wrong:

- `<int:...>` in every route matches only 0..MAX_ID: a larger id is a 404, like an id that
  does not exist, before any view runs;
- `db_int` is the `type=` for numbers read from a query string or a form
  (`request.args.get("page", 1, type=db_int)`): one out of range counts as not given;
- `day` reads a date a request names (a KPI period's end, a calendar's week) and refuses
  one near the calendar's ends, where the periods and pages around it would overflow;
- a NUL in the path, the query string or a form field is a 400 (PostgreSQL refuses NUL in
  any text, and no one types one);
- `json_object` reads a JSON body: not JSON, or nested past the decoder's depth, is a 400,
  and a string holding NUL or an unpaired surrogate (JSON's "\\ud800" decodes to one, which
  has no UTF-8) names its field in a 422.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from flask import Flask, abort, request
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge
from werkzeug.routing import IntegerConverter, Map

from ideaportal.core.i18n import gettext as _
from ideaportal.core.model_base import MAX_ID, as_naive_utc

# What a database cannot store as text.
NOT_TEXT = re.compile("[\x00\ud800-\udfff]")
_FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


class RowIdConverter(IntegerConverter):
    """`<int:...>` up to MAX_ID: every integer in a route is an id or a small number."""

    def __init__(self, map: Map, *args: Any, **kwargs: Any) -> None:  # noqa: A002 - werkzeug's name
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def db_int(value: str) -> int:
    """`type=` for request.args/form.get: the number, if a column can hold it (else the
    ValueError makes .get return its default)."""
    number = int(value)
    if not -MAX_ID <= number <= MAX_ID:
        raise ValueError(f"{value!r} is out of range")
    return number


# The days a request may name: far enough from year 1 and year 9999 that a period before
# one, or the weeks around it, stay inside Python's calendar.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(8999, 12, 31)
# The same as a pattern, for documents (OpenAPI) that cannot bound a date otherwise.
DAY_PATTERN = r"^(19|[2-8][0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}$"


def day(text: str) -> date:
    """The ISO date (2026-11-25), or ValueError if it is none or outside FIRST_DAY..LAST_DAY."""
    return _in_range(date.fromisoformat(text), text)


def moment(text: str) -> datetime:
    """The ISO time (2026-11-25T09:00; an offset is turned into UTC) as naive UTC, or
    ValueError if it is none or its day is outside FIRST_DAY..LAST_DAY."""
    parsed = as_naive_utc(datetime.fromisoformat(text))
    _in_range(parsed.date(), text)
    return parsed


def _in_range(parsed: date, text: str) -> date:
    if not FIRST_DAY <= parsed <= LAST_DAY:
        raise ValueError(f"{text!r} is out of range")
    return parsed


class NotJson(Exception):
    """A body that is not the JSON object asked for: `status` 400 (not JSON) or 422 (a JSON
    value that is not an object, or text a database cannot store, in `field`)."""

    def __init__(self, status: int, message: str, field: str = "_body") -> None:
        super().__init__(message)
        self.status, self.message, self.field = status, message, field


def body_bytes() -> bytes:
    """The request's body; 413 when it reaches MAX_CONTENT_LENGTH. A chunked body has no
    length to check up front, and werkzeug stops reading it at the limit without an error:
    what came back was the body cut short (and then "not JSON", or a bad signature)."""
    data = request.get_data(cache=True)
    limit = request.max_content_length
    if limit is not None and len(data) >= limit:
        raise RequestEntityTooLarge()
    return data


def json_object() -> dict[str, Any]:
    """The request's body as a JSON object (see the module docstring), or NotJson."""
    body_bytes()
    try:
        data = request.get_json(force=True)
    except (BadRequest, RecursionError):  # RecursionError: nested past the decoder's depth
        raise NotJson(400, "The body is not valid JSON.") from None
    if not isinstance(data, dict):
        raise NotJson(422, "The body must be a JSON object.")
    where = _first_non_text(data)
    if where is not None:
        raise NotJson(
            422, "Holds a character that is not text (NUL or an unpaired surrogate).", where
        )
    return data


def _first_non_text(data: Any) -> str | None:
    """The path ("tags.2", "_body" for a key) of the first string a database cannot store."""
    pending: list[tuple[str, Any]] = [("", data)]
    while pending:  # not recursive: the decoder's depth would be this one's too
        path, value = pending.pop()
        if isinstance(value, str):
            if NOT_TEXT.search(value):
                return path or "_body"
        elif isinstance(value, dict):
            for key, item in value.items():
                if NOT_TEXT.search(key):
                    return "_body"
                pending.append((f"{path}.{key}" if path else key, item))
        elif isinstance(value, list):
            pending.extend((f"{path}.{i}" if path else str(i), v) for i, v in enumerate(value))
    return None


def _refuse_nul() -> None:
    if b"%00" in request.query_string or "\x00" in request.path or _form_holds_nul():
        abort(
            400,
            _("The request holds a NUL character, which is not text. Remove it and try again."),
        )


def _form_holds_nul() -> bool:
    if request.method not in ("POST", "PUT", "PATCH") or request.mimetype not in _FORMS:
        return False
    return any("\x00" in v for values in request.form.listvalues() for v in values)


def init_app(app: Flask) -> None:
    """Before any route is added: the converter is read when a rule is."""
    app.url_map.converters["int"] = RowIdConverter
    app.before_request(_refuse_nul)
