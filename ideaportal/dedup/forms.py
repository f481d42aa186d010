"""Forms of the duplicate workflow."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError


def idea_number(raw: str | None) -> int:
    """Accept 123, #123 or an idea's link and return 123."""
    match = re.search(r"(?:/ideas/|#|^)\s*(\d+)\s*$", (raw or "").strip())
    if not match:
        raise ValueError("not an idea number")
    return int(match.group(1))


class MergeForm(FlaskForm):
    target = StringField(
        _("Merge into idea"),
        validators=[DataRequired(), Length(max=300)],
        description=_("The number (#123) or link of the idea that stays."),
    )
    note = TextAreaField(_("Public note"), validators=[Optional(), Length(max=1000)])

    def validate_target(self, field: StringField) -> None:
        try:
            idea_number(field.data)
        except ValueError as exc:
            raise ValidationError(_("Give the idea's number, like #123, or its link.")) from exc
