"""One rule for single-line text people see (titles, names, tags): no invisible tricks.

Bidirectional controls (U+202E RIGHT-TO-LEFT OVERRIDE makes "gpj.exe" read "exe.jpg"),
zero-width characters (invisible look-alike names), other control characters and lone
surrogates (which JSON can carry, and no database or page can store) are removed, the text
is NFC-normalised and its whitespace collapsed. Forms (a WTForms filter), API schemas (a
marshmallow field) and the services (widget and single sign-on claims too) all use
`clean_line`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from marshmallow import fields

# Bidi embeddings, overrides and isolates, the directional marks, and zero-width
# characters (space, non-joiner, joiner, word joiner, BOM), plus the invisible operators.
INVISIBLE = re.compile(
    "[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u180e\u00ad]"
)


def clean_line(value: str | None) -> str:
    """The visible text of a one-line field: invisible and control characters dropped,
    NFC form, single spaces, no leading or trailing space."""
    if not value:
        return ""
    text = unicodedata.normalize("NFC", value)
    text = INVISIBLE.sub("", text)
    text = "".join(
        "" if category == "Cs" else " " if category in ("Cc", "Zl", "Zp") else ch
        for ch, category in ((ch, unicodedata.category(ch)) for ch in text)
    )
    return " ".join(text.split())


def has_invisible(value: str) -> bool:
    return bool(INVISIBLE.search(value))


def form_filter(value: Any) -> Any:
    """WTForms filter: `StringField(..., filters=[form_filter])`."""
    return clean_line(value) if isinstance(value, str) else value


class SafeLine(fields.String):
    """marshmallow: a one-line string, validated as sent (so its documented length limits mean
    what a client reads in the OpenAPI document), then cleaned by clean_line. What the
    cleaning removes can leave a value too short; the service's own rule refuses that."""

    def deserialize(
        self, value: Any, attr: str | None = None, data: Any = None, **kwargs: Any
    ) -> Any:
        raw = super().deserialize(value, attr, data, **kwargs)
        return clean_line(raw) if isinstance(raw, str) else raw
